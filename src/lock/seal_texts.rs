//! Before a staff app opens after an unlock: the data worker seals the free
//! text this device kept in the clear before it had a text key
//! (`storage::at_rest`), once per device. A device set up before the text
//! key gets it at that unlock (`passcode`), so this is where its notes
//! stop being readable from the browser's storage. The lock page waits for
//! it (a device with a year of notes: seconds, once); a failure keeps no
//! one out and is tried again at the next unlock.

use crate::storage::{at_rest, settings_store};
use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::MessageEvent;

/// The data worker's start-up script (as the staff apps load it).
const DATA_WORKER: &str = "/data_worker_loader.js";

/// Whether the worker has to run: the tab holds the key and this device
/// did not say yet that it was done.
pub fn needed() -> bool {
    !settings_store::texts_sealed() && at_rest::tab_key().is_some()
}

/// Asks the data worker to seal what is still in the clear, and waits for
/// its answer.
pub async fn seal() {
    let Some(key) = at_rest::tab_key() else {
        return;
    };
    let Ok(worker) = web_sys::Worker::new(DATA_WORKER) else {
        return;
    };
    let answered = Promise::new(&mut |resolve, _| {
        let request = Array::of4(
            &JsValue::from_str(at_rest::SEAL_TEXTS),
            &JsValue::UNDEFINED,
            &JsValue::from_str("nl"),
            &JsValue::from_str(&key),
        );
        let to_worker = worker.clone();
        let answer = resolve.clone();
        // Once per unlock, and the page is left right after: not freed.
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let stage = Reflect::get(&event.data(), &"stage".into())
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default();
            match stage.as_str() {
                // Requests sent before the worker listens are lost.
                "ready" => {
                    let _ = to_worker.post_message(&request);
                }
                "sealed" => {
                    let _ = answer.call1(&JsValue::NULL, &JsValue::TRUE);
                }
                "sealed-failed" => {
                    let _ = answer.call1(&JsValue::NULL, &JsValue::FALSE);
                }
                _ => {}
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::FALSE);
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
    });
    let sealed = JsFuture::from(answered)
        .await
        .ok()
        .and_then(|v| v.as_bool());
    worker.terminate();
    if sealed == Some(true) {
        settings_store::set_texts_sealed();
    }
}
