//! Data read asynchronously for a screen: the store opening, today's list,
//! counts.

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

/// The latest result of `read`: `None` until the first read finishes, then
/// the newest result. `read` runs again whenever a signal it reads (before
/// its first `.await`) changes; the previous result stays shown meanwhile,
/// and a read that finishes after a newer one started is dropped.
///
/// What Leptos's `LocalResource` does for these screens, without its
/// machinery for `Suspense` and transitions, which none of them use and
/// which cost a few kB of wasm per use (docs/PERFORMANCE.md); every staff
/// screen reads through it.
pub fn loaded<T, Fut>(read: impl Fn() -> Fut + 'static) -> ReadSignal<Option<T>, LocalStorage>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    let (value, set_value) = signal_local(None);
    let latest = Rc::new(Cell::new(0u32));
    Effect::new(move |_| {
        let pending = read();
        let run = latest.get().wrapping_add(1);
        latest.set(run);
        let latest = latest.clone();
        spawn_local(async move {
            let result = pending.await;
            if latest.get() == run {
                set_value.set(Some(result));
            }
        });
    });
    value
}
