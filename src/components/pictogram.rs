//! Pictograms beside words, for people who read poorly: drawn from the
//! bundled sprite `public/icons/pictograms.svg` (served at
//! `/icons/pictograms.svg`, cached by the service worker), so they look the
//! same on every phone and in every browser, also where no emoji font is
//! installed. They take the colour of the text beside them.

use leptos::prelude::*;

/// A pictogram hidden from assistive technology: the text beside it names
/// the choice. A name draws the sprite's symbol; anything else (an emoji an
/// organisation chose for its own list) shows as it is.
#[component]
pub fn Pictogram(icon: String, #[prop(optional)] big: bool) -> impl IntoView {
    let class = if big { "pictogram big" } else { "pictogram" };
    // A name (a code: `face-4`, `phone`) draws the sprite's symbol.
    if crate::domain::survey::link::is_code(&icon) {
        view! {
            <svg class=class aria-hidden="true" focusable="false">
                <use href=format!("/icons/pictograms.svg#{icon}")></use>
            </svg>
        }
        .into_any()
    } else {
        view! { <span class=class aria-hidden="true">{icon}</span> }.into_any()
    }
}
