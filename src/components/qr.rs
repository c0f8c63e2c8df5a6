//! A QR code for a link, drawn as one SVG path, with its accessible name.

use crate::domain::qr::qr_svg;
use leptos::prelude::*;

#[component]
pub fn QrCode(
    #[prop(into)] link: Signal<String>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let i18n = expect_context::<crate::app::I18n>();
    move || {
        match qr_svg(&link.get()) {
        // Past what a QR code holds: say so, and what to do instead.
        None => view! { <p class="hint warning" data-testid="qr-too-long">{i18n.t(crate::i18n::Key::QrTooLong)}</p> }.into_any(),
        Some(qr) => {
            // Long links (an own survey's packed definition) make dense codes,
            // drawn larger so a phone can still read them.
            let class = if qr.size > 60 { "qr dense" } else { "qr" };
            view! {
                <svg class=class viewBox=format!("0 0 {0} {0}", qr.size) role="img" aria-label=label shape-rendering="crispEdges">
                    <rect width="100%" height="100%" fill="#fff"/>
                    <path d=qr.path fill="#000"/>
                </svg>
            }
            .into_any()
        }
    }
    }
}
