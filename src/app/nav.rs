//! Moving between screens: the current route, kept in step with the address
//! bar and the browser's history (Back, Forward, reload, the app's
//! `#/…` links), and the question before a half-filled form is left. The only code that touches
//! `history` and `location.hash` in the staff apps; screens call `Nav`.
//!
//! Kept small on purpose (the volunteer app's 250 kB budget,
//! docs/PERFORMANCE.md): the route behind one trigger, the bookkeeping in a
//! plain thread-local, and the browser's own `confirm` as the question.

use super::route::Route;
use super::{DataVersion, I18n};
use crate::i18n::Key;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

#[derive(Default)]
struct State {
    /// The screen shown; `changed` tells whoever read it when it changes.
    route: Option<Route>,
    changed: ArcTrigger,
    /// Position of the current history entry; each entry this app makes
    /// carries its position as `history.state`, so a Back knows how far it
    /// went and can be taken back when the person stays.
    at: i32,
    /// The route of each history entry this page made or saw, by position.
    entries: Vec<Option<Route>>,
    /// The `DataVersion` when a form on this screen last got input: while
    /// no save has bumped it since, the input is not saved.
    input_at: Option<u32>,
    /// A step through the history this app made itself (taking a Back
    /// back); its popstate changes nothing.
    restoring: bool,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::default();
}

fn state<T>(f: impl FnOnce(&mut State) -> T) -> T {
    STATE.with(|s| f(&mut s.borrow_mut()))
}

/// The current screen and the ways to leave it (context, from `App`).
/// The route itself is kept with the rest of the bookkeeping, behind a
/// trigger rather than a signal of its own: the same reactivity, without a
/// signal type more in the wasm.
#[derive(Clone, Copy)]
pub struct Nav {
    i18n: I18n,
    version: DataVersion,
}

fn history() -> Option<web_sys::History> {
    window().history().ok()
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

fn entry_position() -> Option<i32> {
    history()?.state().ok()?.as_f64().map(|n| n as i32)
}

fn set_entry(position: i32, href: Option<&str>, push: bool) {
    if let Some(history) = history() {
        let state = JsValue::from_f64(f64::from(position));
        let _ = if push {
            history.push_state_with_url(&state, "", href)
        } else {
            history.replace_state_with_url(&state, "", href)
        };
    }
}

fn remember(at: i32, route: Route) {
    state(|s| {
        s.at = at;
        let index = at.max(0) as usize;
        s.entries.resize(index, None);
        s.entries.push(Some(route));
    });
}

/// After a screen change: a focus that went with the old screen (a link in
/// a list, a button of a form) lands on the main region, not on the page
/// body, so the keyboard and screen reader go on from the new screen.
fn keep_focus_in_main() {
    request_animation_frame(|| {
        let document = document();
        let lost = document
            .active_element()
            .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
        if let (true, Some(main)) = (lost, document.get_element_by_id("main")) {
            let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

impl Nav {
    /// Reads the route from the address, and follows Back, Forward and the
    /// app's links from now on. `initial` may show another screen than the
    /// address names (the volunteer's location chooser on first run).
    pub fn start(i18n: I18n, version: DataVersion, initial: impl FnOnce(Route) -> Route) -> Self {
        let parsed = Route::parse(&current_hash());
        let route = initial(parsed.clone().unwrap_or_else(Route::start));
        // The address is rewritten only when it does not name the screen
        // shown (an unknown fragment, the location chooser on first run);
        // `/beheer/` stays as it is.
        let rewrite = (parsed.as_ref() != Some(&route)).then(|| route.href());
        let at = entry_position().unwrap_or(0);
        set_entry(at, rewrite.as_deref(), false);
        remember(at, route.clone());
        state(|s| s.route = Some(route));
        let nav = Self { i18n, version };
        // The app's links are plain `<a href="#/…">`: the browser makes the
        // history entry (a new tab, a copied link work as they should), and
        // its popstate arrives here like a Back.
        let popstate = window_event_listener_untyped("popstate", move |_| nav.on_history_step());
        on_cleanup(move || popstate.remove());
        nav
    }

    /// The current route (tracked).
    pub fn route(&self) -> Route {
        self.with_route(Route::clone)
    }

    /// Reads the current route (tracked).
    pub fn with_route<T>(&self, f: impl FnOnce(&Route) -> T) -> T {
        state(|s| s.changed.clone()).track();
        self.with_route_untracked(f)
    }

    fn with_route_untracked<T>(&self, f: impl FnOnce(&Route) -> T) -> T {
        state(|s| f(s.route.as_ref().unwrap_or(&Route::start())))
    }

    /// Opens `to` as a new history entry (a screen opened by a button, not
    /// a link); asks first when a form has input that is not saved.
    pub fn go(&self, to: Route) {
        // Already there (a tab tapped twice): no second entry, nothing left.
        if self.with_route_untracked(|r| *r != to) && self.may_leave() {
            let at = state(|s| s.at) + 1;
            set_entry(at, Some(&to.href()), true);
            remember(at, to.clone());
            window().scroll_to_with_x_and_y(0.0, 0.0);
            self.show(to);
        }
    }

    /// Leaves the current screen for `to` once its work is done (saved,
    /// deleted, cancelled): back through the history when the previous
    /// entry is `to` (so Back does not lead into a finished form), otherwise
    /// in place of the current entry. Never asks.
    pub fn finish(&self, to: Route) {
        self.forget_input();
        let (at, back) = state(|s| {
            let previous = (s.at > 0)
                .then(|| s.entries.get(s.at as usize - 1))
                .flatten();
            (s.at, previous == Some(&Some(to.clone())))
        });
        match history() {
            Some(history) if back => {
                let _ = history.back();
            }
            _ => {
                set_entry(at, Some(&to.href()), false);
                remember(at, to.clone());
                self.show(to);
            }
        }
    }

    /// Input in the screen (`<main>` passes every `input` event): typed or
    /// chosen in a form, it is unsaved until the next save (any write bumps
    /// `DataVersion`), and leaving the screen asks first. Settings apply at
    /// once and are not in a form.
    pub fn note_input(&self, ev: web_sys::Event) {
        // An input, select or textarea names its form (`.form`).
        let in_form = ev.target().is_some_and(|t| {
            js_sys::Reflect::get(&t, &JsValue::from_str("form")).is_ok_and(|f| f.is_object())
        });
        if in_form {
            let at = self.version.0.get_untracked();
            state(|s| s.input_at = Some(at));
        }
    }

    /// The input was deliberately put aside (a form closed with Cancel).
    pub fn forget_input(&self) {
        state(|s| s.input_at = None);
    }

    /// True when nothing unsaved is left, or the person chose to leave it
    /// (then it is forgotten). For a link to the other staff app too.
    pub fn may_leave(&self) -> bool {
        let at = self.version.0.get_untracked();
        if state(|s| s.input_at != Some(at)) {
            return true;
        }
        let leave = window()
            .confirm_with_message(self.i18n.t(Key::UnsavedConfirm))
            .unwrap_or(true);
        if leave {
            self.forget_input();
        }
        leave
    }

    fn show(&self, to: Route) {
        // The old screen's forms go with it.
        self.forget_input();
        // Another area's screens are in that area's build: the address
        // (already in the bar, as its own history entry) is loaded anew,
        // and /beheer/ picks that build (docs/ARCHITECTURE.md).
        #[cfg(feature = "coordinator")]
        if !to.area().is_here() {
            let _ = window().location().reload();
            return;
        }
        let changed = state(|s| {
            let changed = s.route.as_ref() != Some(&to);
            s.route = Some(to);
            changed.then(|| s.changed.clone())
        });
        // Notified outside the borrow: readers read the state again.
        if let Some(changed) = changed {
            changed.notify();
        }
        keep_focus_in_main();
    }

    /// Back, Forward, or an address typed in: follow it, unless a form has
    /// input that is not saved and the person stays; then step back to
    /// where it was.
    fn on_history_step(&self) {
        if state(|s| std::mem::take(&mut s.restoring)) {
            return;
        }
        let hash = current_hash();
        if !hash.is_empty() && !hash.starts_with("#/") {
            // An anchor within the screen (the skip link's `#main`): the
            // browser has moved the focus there; the address goes back to
            // the screen's own.
            if let Some(history) = history() {
                state(|s| s.restoring = true);
                let _ = history.back();
            }
            return;
        }
        let at = state(|s| s.at);
        let position = entry_position().unwrap_or_else(|| {
            // A link of the app (or a fragment typed in): the browser made
            // a new entry after the current one; it starts at the top.
            set_entry(at + 1, None, false);
            window().scroll_to_with_x_and_y(0.0, 0.0);
            at + 1
        });
        if !self.may_leave() {
            if let Some(history) = history() {
                state(|s| s.restoring = true);
                let step = if position == at { 1 } else { position - at };
                let _ = history.go_with_delta(-step);
            }
            return;
        }
        let to = Route::parse(&hash).unwrap_or_else(Route::start);
        remember(position, to.clone());
        self.show(to);
    }
}
