//! The shell every coordinator area shares (trajectories, activities,
//! initiatives): its screens at their addresses, the last change's notice
//! with Undo above them, and saves as local actions that all end the same
//! way (problems or "saved" with Undo, lists refreshed, the next screen).

use crate::app::{Area, DataVersion, I18n, Nav, Route, Services, Sub};
pub use crate::components::FormProblems;
use crate::components::{loaded_view, Done, DoneNotice};
use crate::domain::entry::{Entry, EntryFields};
use crate::i18n::{Key, Locale};
use crate::service::entries::{SaveError, Saved};
use crate::storage::StorageError;
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

/// How a form words a refused save's problems, and the field each belongs
/// to (its id, for `FormProblems::beside`), if any.
pub type Refused<P> = (fn(&Locale, &P) -> String, fn(&P) -> Option<String>);

/// For a save whose problems belong to no field (a delete).
pub fn no_field<P>(_: &P) -> Option<String> {
    None
}

/// A save (or delete) on a coordinator screen, as a local action. When the
/// record is stored: the form's problems are cleared, `then` moves on
/// (usually to the record), the notice says `said` with Undo, and the lists
/// refresh (which also tells `Nav` the input is saved). A refused save lists
/// what to fix (`problem` words the domain's problems, `field` places each
/// beside its field) and keeps the input.
pub fn save_action<I, F, P, Fut>(
    problems: FormProblems,
    (problem, field): Refused<P>,
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
                    problems.say(Vec::new());
                    let text = said(&input, &saved);
                    then(&saved);
                    cx.done.set(Some(Done {
                        text,
                        undo: Some(saved),
                    }));
                    version.bump();
                }
                Err(SaveError::Invalid(found)) => {
                    let locale = i18n.locale();
                    problems.show(&found, |p| problem(locale, p), field);
                }
                Err(SaveError::Storage(error)) => {
                    problems.say(vec![crate::i18n::record_storage_message(
                        i18n.locale(),
                        &error,
                        F::KIND,
                    )])
                }
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

/// Deleting the record on its screen: the notice says `said` (given the
/// record as it was) with Undo, and the area's list is shown.
pub fn delete_action<F, P: 'static>(
    problems: FormProblems,
    problem: fn(&Locale, &P) -> String,
    said: impl Fn(&Entry<F>) -> String + 'static,
) -> Action<Entry<F>, ()>
where
    F: EntryFields + Clone + Send + Sync + 'static,
{
    let services = expect_context::<Services>();
    let nav = expect_context::<Nav>();
    let cx = AreaCx::<F>::get();
    save_action(
        problems,
        (problem, no_field),
        move |entry: Entry<F>| async move {
            services
                .entries()
                .delete(&entry)
                .await
                .map_err(SaveError::Storage)
        },
        move |entry, _| said(entry),
        move |_| nav.finish(cx.route(Sub::List)),
    )
}

/// A form for a new record or a change to `editing`: where Cancel goes
/// (the record, or the list), and its save, whose notice says `said` with
/// Undo before the record is shown.
pub struct EntryForm<F: 'static> {
    pub editing: StoredValue<Option<Entry<F>>>,
    pub problems: FormProblems,
    pub save: Action<F, ()>,
    cx: AreaCx<F>,
    back: Sub,
    texts: FormTexts<F>,
}

/// The sentences of a record form: the notice after saving a new record
/// and after a change, and the heading for each, with the record's name
/// (`name`: its placeholder and where it is in the fields).
pub struct FormTexts<F> {
    pub saved: Key,
    pub changed: Key,
    pub new_heading: Key,
    pub edit_heading: Key,
    pub name: (&'static str, fn(&F) -> &str),
}

impl<F> Clone for FormTexts<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for FormTexts<F> {}

impl<F> FormTexts<F> {
    fn fill(&self, i18n: I18n, key: Key, fields: &F) -> String {
        let (placeholder, name) = self.name;
        crate::i18n::fill(i18n.t(key), &[(placeholder, name(fields))])
    }
}

impl<F> Clone for EntryForm<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for EntryForm<F> {}

impl<F> EntryForm<F>
where
    F: EntryFields + Clone + Send + Sync + 'static,
{
    /// `store` saves the fields read from the form (the service's `save`,
    /// given the record being changed); `problem` words its refusals and
    /// places each beside its field.
    pub fn new<P: 'static, Fut>(
        editing: Option<Entry<F>>,
        texts: FormTexts<F>,
        problem: Refused<P>,
        store: impl Fn(F, Option<Entry<F>>) -> Fut + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<Saved<F>, SaveError<P>>> + 'static,
    {
        let i18n = expect_context::<I18n>();
        let nav = expect_context::<Nav>();
        let cx = AreaCx::<F>::get();
        let back = match &editing {
            Some(e) => Sub::Detail(e.meta.id),
            None => Sub::List,
        };
        let editing = StoredValue::new(editing);
        let problems = FormProblems::new();
        let save = save_action(
            problems,
            problem,
            move |fields| store(fields, editing.get_value()),
            move |_, saved| {
                let key = if saved.previous.is_some() {
                    texts.changed
                } else {
                    texts.saved
                };
                texts.fill(i18n, key, &saved.entry.fields)
            },
            move |saved| nav.finish(cx.route(Sub::Detail(saved.entry.meta.id))),
        );
        Self {
            editing,
            problems,
            save,
            cx,
            back,
            texts,
        }
    }

    /// "New …", or "… wijzigen" with the record's name.
    pub fn heading(&self) -> String {
        let i18n = expect_context::<I18n>();
        let texts = self.texts;
        self.editing.with_value(|e| match e {
            Some(entry) => texts.fill(i18n, texts.edit_heading, &entry.fields),
            None => i18n.t(texts.new_heading).to_owned(),
        })
    }

    /// Saves what the form read, or lists what could not be read.
    /// Every problem goes in the summary, and each one `field` places
    /// (a field's id) beside that field too.
    pub fn submit<P>(
        &self,
        read: Result<F, Vec<P>>,
        message: impl Fn(&P) -> String,
        field: impl Fn(&P) -> Option<String>,
    ) {
        match read {
            Ok(fields) => dispatch(self.save, fields),
            Err(found) => self.problems.show(&found, message, field),
        }
    }

    /// The problem of field `id` from the last try, for beside it.
    pub fn error(&self, id: impl Into<String>) -> Signal<Option<String>> {
        self.problems.beside(id)
    }

    /// Cancel: the input is put aside, back to the record or the list.
    pub fn cancel(&self) {
        expect_context::<Nav>().finish(self.cx.route(self.back));
    }
}

/// An area's list screen: heading, introduction, the link to a new record,
/// and under it what `show` makes of the data `load` reads (again after
/// every change, and rebuilt when the language changes).
pub fn list_screen<F, T, Fut>(
    heading: Key,
    intro: Key,
    new: Key,
    load: impl Fn(Services) -> Fut + 'static,
    show: impl Fn(T) -> AnyView + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    F: EntryFields + Send + Sync + 'static,
    T: Clone + 'static,
    Fut: Future<Output = Result<T, StorageError>> + 'static,
{
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let cx = AreaCx::<F>::get();
    let data = crate::components::loaded(move || {
        version.0.track();
        load(services)
    });
    let shown = RwSignal::new(LIST_PAGE);
    provide_context(ListShown(shown));
    let content = move || {
        i18n.locale();
        shown.track();
        loaded_view(i18n, data.get(), show)
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">{move || i18n.t(heading)}</h1>
        <p>{move || i18n.t(intro)}</p>
        <a class="nl-button nl-button--primary big" href=cx.href(Sub::New)>{move || i18n.t(new)}</a>
        {content}
    }
}

/// How many items a long list draws at first, and adds per "Meer tonen".
pub const LIST_PAGE: u32 = 50;

/// How many items of its long list a list screen shows (`paged_list`).
#[derive(Clone, Copy)]
struct ListShown(RwSignal<u32>);

/// A long list drawn a page at a time: the first `LIST_PAGE` items, and a
/// button that shows the next page too. A year of trajectories is
/// thousands of rows: drawn at once, the screen froze a tablet for seconds.
/// Called by a list screen's `show` (`list_screen`), whose content is drawn
/// again when more is asked for (it tracks `ListShown`): no reactive list
/// of its own, which cost each coordinator area kilobytes of view code.
pub fn paged_list<T: Clone, V: IntoView + 'static>(
    class: &'static str,
    items: &[T],
    row: impl Fn(T) -> V,
) -> AnyView {
    let i18n = expect_context::<I18n>();
    let shown = expect_context::<ListShown>().0;
    let total = items.len() as u32;
    let drawn = shown.get_untracked().min(total);
    let rows = items[..drawn as usize]
        .iter()
        .cloned()
        .map(row)
        .collect_view();
    let count = |n: u32| crate::i18n::num(i18n.locale(), n);
    let status = crate::i18n::fill(
        i18n.t(Key::ListShownOf),
        &[("shown", &count(drawn)), ("total", &count(total))],
    );
    let more = move |_| {
        shown.update(|n| *n = drawn + LIST_PAGE);
        // The button is drawn anew with the list: keep the focus on it.
        request_animation_frame(|| crate::platform::focus("list-more"));
    };
    view! {
        <ul class=class>{rows}</ul>
        {(drawn < total).then(|| view! {
            <p class="list-more">
                <span role="status">{status}</span>
                <button type="button" id="list-more" on:click=more>{i18n.t(Key::ListShowMore)}</button>
            </p>
        })}
    }
    .into_any()
}

/// A record's actions on its screen: change it (its own screen), any
/// `children` (closing a trajectory), and delete it.
#[component]
pub fn RecordActions<F>(
    edit_href: String,
    edit: Key,
    #[prop(optional, into)] edit_label: Option<String>,
    delete: Action<Entry<F>, ()>,
    #[prop(optional, into)] delete_label: Option<String>,
    record: StoredValue<Entry<F>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView
where
    F: EntryFields + Clone + Send + Sync + 'static,
{
    let i18n = expect_context::<I18n>();
    view! {
        <div class="row-actions">
            <a class="nl-button nl-button--secondary" aria-label=edit_label href=edit_href>{move || i18n.t(edit)}</a>
            {children.map(|c| c())}
            <button type="button" class="nl-button nl-button--secondary nl-button--negative" aria-label=delete_label
                disabled=move || delete.pending().get()
                on:click=move |_| dispatch(delete, record.get_value())>
                {move || i18n.t(Key::Delete)}
            </button>
        </div>
    }
}
