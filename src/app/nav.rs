//! Moving between screens: the current route, kept in step with the address
//! bar and the browser's history (Back, Forward, reload, links), and the
//! question before a half-filled form is left. The only code that touches
//! `history` and `location.hash` in the staff apps; screens call `Nav`.

use super::route::Route;
use super::I18n;
use crate::i18n::Key;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Where a move that waits for "leave without saving?" goes.
#[derive(Clone, Debug)]
enum Leave {
    /// To a screen of this app.
    To(Route),
    /// Back (negative) or forward through the history, as far as the
    /// browser's own button went.
    Step(i32),
    /// To another page of this origin (the other staff app).
    Away(String),
}

struct State {
    /// Position of the current history entry; each entry this app makes
    /// carries its position as `history.state`, so a Back knows how far it
    /// went and can be taken back while a form is asked about.
    at: i32,
    /// The route of each history entry this page made or saw, by position.
    entries: Vec<Option<Route>>,
    /// Forms with input that is not saved, by id.
    unsaved: Vec<u32>,
    next_form: u32,
    /// A step through the history this app made itself to take a Back
    /// back; its popstate changes nothing.
    restoring: bool,
}

/// The current screen and the ways to leave it (context, from `App`).
#[derive(Clone, Copy)]
pub struct Nav {
    route: RwSignal<Route>,
    state: StoredValue<State, LocalStorage>,
    asking: RwSignal<Option<Leave>>,
}

fn history() -> Option<web_sys::History> {
    web_sys::window()?.history().ok()
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
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

/// After a screen change: a focus that went with the old screen (a link in
/// a list, a button of a form) lands on the main region, not on the page
/// body, so the keyboard and screen reader go on from the new screen.
fn keep_focus_in_main() {
    request_animation_frame(|| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let lost = document
            .active_element()
            .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"));
        if lost {
            if let Some(main) = document
                .get_element_by_id("main")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = main.focus();
            }
        }
    });
}

impl Nav {
    /// Reads the route from the address, and follows Back, Forward and the
    /// app's links from now on.
    pub fn start(initial: impl FnOnce(Route) -> Route) -> Self {
        let parsed = Route::parse(&current_hash());
        let route = initial(parsed.clone().unwrap_or_else(Route::start));
        // The address is rewritten only when it does not name the screen
        // shown (an unknown fragment, the location chooser on first run);
        // `/beheer/` stays as it is.
        let rewrite = (parsed.as_ref() != Some(&route)).then(|| route.href());
        let at = entry_position().unwrap_or(0);
        set_entry(at, rewrite.as_deref(), false);
        let mut entries = vec![None; at as usize];
        entries.push(Some(route.clone()));
        let nav = Self {
            route: RwSignal::new(route),
            state: StoredValue::new_local(State {
                at,
                entries,
                unsaved: Vec::new(),
                next_form: 0,
                restoring: false,
            }),
            asking: RwSignal::new(None),
        };
        let popstate = window_event_listener_untyped("popstate", move |_| nav.on_history_step());
        let clicks = window_event_listener(ev::click, move |ev| nav.on_click(&ev));
        on_cleanup(move || {
            popstate.remove();
            clicks.remove();
        });
        nav
    }

    /// The current route (tracked).
    pub fn route(&self) -> Route {
        self.route.get()
    }

    pub fn with_route<T>(&self, f: impl FnOnce(&Route) -> T) -> T {
        self.route.with(f)
    }

    /// Opens `to` as a new history entry; asks first when a form has input
    /// that is not saved.
    pub fn go(&self, to: Route) {
        if self.has_unsaved() {
            self.asking.set(Some(Leave::To(to)));
        } else {
            self.push(to);
        }
    }

    /// Leaves the current screen for `to` once its work is done (saved,
    /// deleted, cancelled): back through the history when the previous
    /// entry is `to` (so Back does not lead into a finished form), otherwise
    /// in place of the current entry. Never asks.
    pub fn finish(&self, to: Route) {
        let back = self.state.with_value(|s| {
            s.at > 0 && s.entries.get(s.at as usize - 1) == Some(&Some(to.clone()))
        });
        match history() {
            Some(history) if back => {
                let _ = history.back();
            }
            _ => self.replace(to),
        }
    }

    /// Shows `to` in place of the current history entry.
    pub fn replace(&self, to: Route) {
        let at = self.state.with_value(|s| s.at);
        set_entry(at, Some(&to.href()), false);
        self.state.update_value(|s| {
            s.entries.truncate(at as usize);
            s.entries.push(Some(to.clone()));
        });
        self.show(to);
    }

    /// A form's hold on navigation: mark it when the form gets input, clear
    /// it when the input is saved. Released when the form goes.
    pub fn unsaved_form(&self) -> Unsaved {
        let id = self.state.with_value(|s| s.next_form);
        self.state.update_value(|s| s.next_form += 1);
        let unsaved = Unsaved { nav: *self, id };
        on_cleanup(move || unsaved.clear());
        unsaved
    }

    fn has_unsaved(&self) -> bool {
        self.state
            .try_with_value(|s| !s.unsaved.is_empty())
            .unwrap_or(false)
    }

    fn push(&self, to: Route) {
        let at = self.state.with_value(|s| s.at) + 1;
        set_entry(at, Some(&to.href()), true);
        self.state.update_value(|s| {
            s.at = at;
            s.entries.truncate(at as usize);
            s.entries.push(Some(to.clone()));
        });
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        self.show(to);
    }

    fn show(&self, to: Route) {
        if self.route.with_untracked(|r| *r != to) {
            self.route.set(to);
        }
        keep_focus_in_main();
    }

    /// Back, Forward, or an address typed in: follow it, unless a form has
    /// input that is not saved; then step back to where it was and ask.
    fn on_history_step(&self) {
        if self.state.with_value(|s| s.restoring) {
            self.state.update_value(|s| s.restoring = false);
            return;
        }
        let at = self.state.with_value(|s| s.at);
        let position = entry_position().unwrap_or_else(|| {
            // A fragment typed in or followed outside the app's links: a
            // new entry after the current one.
            set_entry(at + 1, None, false);
            at + 1
        });
        let step = if position == at { 1 } else { position - at };
        if self.has_unsaved() {
            if let Some(history) = history() {
                self.state.update_value(|s| s.restoring = true);
                let _ = history.go_with_delta(-step);
                self.asking.set(Some(Leave::Step(step)));
                return;
            }
        }
        let to = Route::parse(&current_hash()).unwrap_or_else(Route::start);
        self.state.update_value(|s| {
            s.at = position;
            let index = position as usize;
            if s.entries.len() <= index {
                s.entries.resize(index + 1, None);
            }
            s.entries[index] = Some(to.clone());
        });
        self.show(to);
    }

    /// A click on a link: the app's own (`#/…`) go through `go`; one to
    /// another page of this origin asks first when a form is half filled.
    /// Links that open elsewhere (new tab, download, modifier keys) are the
    /// browser's.
    fn on_click(&self, ev: &web_sys::MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        if link.has_attribute("target") || link.has_attribute("download") {
            return;
        }
        let href = link.get_attribute("href").unwrap_or_default();
        if href.starts_with("#/") {
            ev.prevent_default();
            self.go(Route::parse(&href).unwrap_or_else(Route::start));
        } else if href.starts_with('/') && self.has_unsaved() {
            ev.prevent_default();
            self.asking.set(Some(Leave::Away(href)));
        }
    }

    fn answer(&self, leave: bool) {
        let Some(waiting) = self.asking.get_untracked() else {
            return;
        };
        self.asking.set(None);
        if !leave {
            return;
        }
        self.state.update_value(|s| s.unsaved.clear());
        match waiting {
            Leave::To(to) => self.push(to),
            Leave::Step(step) => {
                if let Some(history) = history() {
                    let _ = history.go_with_delta(step);
                }
            }
            Leave::Away(href) => {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().assign(&href);
                }
            }
        }
    }
}

/// One form's hold on navigation (see `Nav::unsaved_form`).
#[derive(Clone, Copy)]
pub struct Unsaved {
    nav: Nav,
    id: u32,
}

impl Unsaved {
    /// The form has input that is not saved: leaving it asks first.
    pub fn mark(&self) {
        let id = self.id;
        self.nav.state.update_value(|s| {
            if !s.unsaved.contains(&id) {
                s.unsaved.push(id);
            }
        });
    }

    /// The input is saved (or deliberately thrown away).
    pub fn clear(&self) {
        let id = self.id;
        let _ = self
            .nav
            .state
            .try_update_value(|s| s.unsaved.retain(|f| *f != id));
    }
}

/// "Leave without saving?": a modal dialog (the rest of the page is inert,
/// Escape stays, focus returns to where it was). Staying keeps the input.
#[component]
pub fn LeaveDialog() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let nav = expect_context::<Nav>();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        let open = nav.asking.with(Option::is_some);
        if let Some(el) = dialog.get() {
            if open {
                let _ = el.show_modal();
            } else if el.open() {
                el.close();
            }
        }
    });
    view! {
        <dialog class="leave-dialog" node_ref=dialog aria-labelledby="leave-title" aria-describedby="leave-text"
            on:cancel=move |_: web_sys::Event| nav.answer(false)>
            <h2 id="leave-title">{move || i18n.t(Key::UnsavedTitle)}</h2>
            <p id="leave-text">{move || i18n.t(Key::UnsavedText)}</p>
            <div class="row-actions">
                <button type="button" class="button primary" autofocus on:click=move |_| nav.answer(false)>
                    {move || i18n.t(Key::UnsavedStay)}
                </button>
                <button type="button" class="button danger" on:click=move |_| nav.answer(true)>
                    {move || i18n.t(Key::UnsavedLeave)}
                </button>
            </div>
        </dialog>
    }
}
