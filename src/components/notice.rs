//! Messages that are not tied to a field: errors and the update banner.

use crate::i18n::I18n;
use crate::i18n::Key;
use crate::platform;
use leptos::prelude::*;

/// An error the user can read, with the technical detail a coordinator can
/// pass on folded away beneath it.
#[component]
pub fn ErrorNotice(message: String, detail: String) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <div class="notice error" role="alert">
            <p>{message}</p>
            <details>
                <summary>{move || i18n.t(Key::ErrorDetail)}</summary>
                <code>{detail}</code>
            </details>
        </div>
    }
}

/// Offers a reload when the service worker has a new version waiting.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let ready = RwSignal::new(platform::update_already_waiting());
    let handle = window_event_listener_untyped(platform::UPDATE_READY_EVENT, move |_| {
        ready.set(true);
    });
    on_cleanup(move || handle.remove());
    view! {
        <Show when=move || ready.get()>
            <div class="notice update" role="status">
                <p>{move || i18n.t(Key::UpdateReady)}</p>
                <button type="button" class="nl-button nl-button--primary" on:click=|_| platform::apply_update()>
                    {move || i18n.t(Key::UpdateReload)}
                </button>
            </div>
        </Show>
    }
}

/// What a screen shows for data it is reading: "loading", the storage
/// error, or the data itself through `show`.
#[cfg(feature = "coordinator")]
pub fn loaded_view<T>(
    i18n: I18n,
    data: Option<Result<T, crate::storage::StorageError>>,
    show: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match data {
        None => view! { <p role="status">{i18n.t(Key::Loading)}</p> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorNotice message=crate::i18n::storage_message(i18n.locale(), &error) detail=error.to_string()/>
        }
        .into_any(),
        Some(Ok(value)) => show(value),
    }
}
