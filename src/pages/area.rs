//! The shell every coordinator area shares (trajectories, activities,
//! initiatives): its screens at their addresses, the last change's notice
//! with Undo above them, and saves as local actions that all end the same
//! way (problems or "saved" with Undo, lists refreshed, the next screen).

use crate::app::{Area, DataVersion, I18n, Nav, Route, Sub};
use crate::components::{save_messages, Done, DoneNotice};
use crate::domain::entry::{Entry, EntryFields};
use crate::i18n::Locale;
use crate::service::entries::{SaveError, Saved};
use leptos::prelude::*;
use std::future::Future;
use std::rc::Rc;

/// One area's context, provided by its page: which area (for its
/// addresses) and the notice of its last change.
pub struct AreaCx<F: 'static> {
    area: Area,
    done: RwSignal<Option<Done<F>>>,
}

impl<F> Clone for AreaCx<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for AreaCx<F> {}

impl<F: EntryFields + Send + Sync + 'static> AreaCx<F> {
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// The address of one of this area's screens.
    pub fn route(&self, sub: Sub) -> Route {
        Route::in_area(self.area, sub)
    }

    pub fn href(&self, sub: Sub) -> String {
        self.route(sub).href()
    }
}

/// An area's page: provides its `AreaCx`, shows its notice, and under it
/// `screen` for the address's screen. Moving between the area's screens
/// keeps the notice (a save shows the record with "saved" and Undo).
pub fn area_page<F>(
    area: Area,
    class: &'static str,
    screen: impl Fn(Sub) -> AnyView + Send + Sync + 'static,
) -> impl IntoView
where
    F: EntryFields + Clone + Send + Sync + 'static,
{
    let nav = expect_context::<Nav>();
    let cx = AreaCx::<F> {
        area,
        done: RwSignal::new(None),
    };
    provide_context(cx);
    let sub = Memo::new(move |_| nav.with_route(Route::sub).unwrap_or(Sub::List));
    // After an undo: the record again, or the list when it is gone.
    let on_undone = Callback::new(move |back: Entry<F>| {
        let to = if back.meta.deleted {
            Sub::List
        } else {
            Sub::Detail(back.meta.id)
        };
        if sub.get_untracked() != to {
            nav.finish(cx.route(to));
        }
    });
    view! {
        <section class=class>
            <DoneNotice done=cx.done on_undone=on_undone/>
            {move || screen(sub.get())}
        </section>
    }
}

/// A save (or delete) on a coordinator screen, as a local action. When the
/// record is stored: the form's problems are cleared, `then` moves on
/// (usually to the record), the notice says `said` with Undo, and the lists
/// refresh (which also tells `Nav` the input is saved). A refused save lists what to
/// fix (`problem` words the domain's problems) and keeps the input.
pub fn save_action<I, F, P, Fut>(
    problems: RwSignal<Vec<String>>,
    problem: fn(&Locale, &P) -> String,
    run: impl Fn(I) -> Fut + 'static,
    said: impl Fn(&I, &Saved<F>) -> String + 'static,
    then: impl Fn(&Saved<F>) + 'static,
) -> Action<I, ()>
where
    I: Clone + 'static,
    F: EntryFields + Clone + Send + Sync + 'static,
    P: 'static,
    Fut: Future<Output = Result<Saved<F>, SaveError<P>>> + 'static,
{
    let i18n = expect_context::<I18n>();
    let version = expect_context::<DataVersion>();
    let cx = AreaCx::<F>::get();
    let run = Rc::new(run);
    let said = Rc::new(said);
    let then = Rc::new(then);
    Action::new_local(move |input: &I| {
        let input = input.clone();
        let (run, said, then) = (run.clone(), said.clone(), then.clone());
        async move {
            match run(input.clone()).await {
                Ok(saved) => {
                    problems.set(Vec::new());
                    let text = said(&input, &saved);
                    then(&saved);
                    cx.done.set(Some(Done {
                        text,
                        undo: Some(saved),
                    }));
                    version.bump();
                }
                Err(error) => problems.set(save_messages(i18n, &error, problem)),
            }
        }
    })
}

/// Starts `action` unless it is already running: a second tap on Save
/// while the first is stored does nothing.
pub fn dispatch<I: 'static, O: 'static>(action: Action<I, O>, input: I) {
    if !action.pending().get_untracked() {
        action.dispatch_local(input);
    }
}
