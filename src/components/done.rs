//! The coordinator's feedback after a change: "saved" with Undo, and the
//! problems of a refused save. Both take focus when they appear, so a
//! screen reader reads them first and the keyboard is next to Undo.

use super::loaded_view;
use crate::app::{DataVersion, I18n, Services};
use crate::domain::entry::{Entry, EntryFields};
use crate::domain::record::RecordId;
use crate::i18n::{self, Key};
use crate::service::entries::Saved;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What just happened, with the change to undo when there is one.
#[derive(Clone, Debug)]
pub struct Done<F> {
    pub text: String,
    pub undo: Option<Saved<F>>,
}

impl<F> Done<F> {
    /// A message without Undo (an undo itself, or a failure).
    pub fn say(text: String) -> Self {
        Self { text, undo: None }
    }
}

/// The last change's message with its Undo. `on_undone` gets the record as
/// it is after the undo (a tombstone when a new record was taken back), so
/// the page can show the right view.
#[component]
pub fn DoneNotice<F>(
    done: RwSignal<Option<Done<F>>>,
    on_undone: Callback<Entry<F>>,
) -> impl IntoView
where
    F: EntryFields + Send + Sync + 'static,
{
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let notice = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if done.with(Option::is_some) {
            if let Some(el) = notice.get() {
                let _ = el.focus();
            }
        }
    });
    let undo = move |_| {
        let Some(saved) = done.with_untracked(|d| d.as_ref().and_then(|d| d.undo.clone())) else {
            return;
        };
        spawn_local(async move {
            match services.entries().undo(&saved).await {
                Ok(back) => {
                    on_undone.run(back);
                    done.set(Some(Done::say(i18n.t(Key::Undone).to_owned())));
                    version.bump();
                }
                Err(error) => done.set(Some(Done::say(i18n::record_storage_message(
                    i18n.locale(),
                    &error,
                    F::KIND,
                )))),
            }
        });
    };
    move || {
        done.get().map(|d| {
            let can_undo = d.undo.is_some();
            view! {
                <div class="notice saved" role="status" tabindex="-1" node_ref=notice>
                    <p>{d.text}</p>
                    {can_undo.then(|| view! {
                        <button type="button" class="nl-button nl-button--secondary" on:click=undo>{move || i18n.t(Key::Undo)}</button>
                    })}
                </div>
            }
        })
    }
}

/// What a form's last try found wrong: every problem in the summary at
/// the form's top (`ProblemList`, which takes the focus), and each one that
/// belongs to a field beside that field too, by the field's id (WCAG
/// 3.3.1). One type for every coordinator form, whether a problem was found
/// reading what was typed or by the domain's check when saving.
#[derive(Clone, Copy)]
pub struct FormProblems {
    pub summary: RwSignal<Vec<String>>,
    beside: RwSignal<Vec<(String, String)>>,
}

impl Default for FormProblems {
    fn default() -> Self {
        Self {
            summary: RwSignal::new(Vec::new()),
            beside: RwSignal::new(Vec::new()),
        }
    }
}

impl FormProblems {
    pub fn new() -> Self {
        Self::default()
    }

    /// Problems of no one field (a storage error): the summary only.
    pub fn say(&self, messages: Vec<String>) {
        self.beside.set(Vec::new());
        self.summary.set(messages);
    }

    /// Shows every one of `found`; `field` names the id of the field a
    /// problem belongs to, if any.
    pub fn show<P>(
        &self,
        found: &[P],
        message: impl Fn(&P) -> String,
        field: impl Fn(&P) -> Option<String>,
    ) {
        self.place(found.iter().map(|p| (field(p), message(p))).collect());
    }

    fn place(&self, found: Vec<(Option<String>, String)>) {
        self.beside.set(
            found
                .iter()
                .filter_map(|(id, text)| Some((id.clone()?, text.clone())))
                .collect(),
        );
        self.summary
            .set(found.into_iter().map(|(_, text)| text).collect());
    }

    /// The problem of field `id` from the last try, for beside it.
    pub fn beside(&self, id: impl Into<String>) -> Signal<Option<String>> {
        let beside = self.beside;
        let id = id.into();
        Signal::derive(move || {
            beside.with(|b| {
                b.iter()
                    .find(|(f, _)| *f == id)
                    .map(|(_, text)| text.clone())
            })
        })
    }
}

/// The problems of a refused save, as a list under one heading.
#[component]
pub fn ProblemList(problems: RwSignal<Vec<String>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if problems.with(|p| !p.is_empty()) {
            if let Some(el) = node.get() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <div class="notice error" role="alert" tabindex="-1" node_ref=node
            hidden=move || problems.with(Vec::is_empty)>
            <p>{move || i18n.t(Key::ProblemsHeading)}</p>
            <ul>{move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
        </div>
    }
}

/// A coordinator record's screen: reads record `id` (again after every
/// change when `follow_changes`) and shows it through `show`. A record that
/// is missing or deleted (an old link, another device's record) says so,
/// with a link to its list at `list_href`.
pub fn entry_view<F, V>(
    id: RecordId,
    follow_changes: bool,
    list_href: String,
    show: impl Fn(Entry<F>) -> V + Send + Sync + 'static,
) -> impl Fn() -> AnyView + Send + Sync + 'static
where
    F: EntryFields + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = expect_context::<I18n>();
    let services = expect_context::<Services>();
    let version = expect_context::<DataVersion>();
    let loaded = crate::components::loaded(move || {
        if follow_changes {
            version.0.track();
        }
        let entries = services.entries();
        async move { entries.get::<F>(id).await }
    });
    move || {
        loaded_view(i18n, loaded.get(), |found| {
            match found {
            Some(entry) => show(entry).into_any(),
            None => view! {
                <p role="status">{move || i18n.t(Key::RecordGone)}</p>
                <p><a class="nl-button nl-button--secondary" href=list_href.clone()>{move || i18n.t(Key::BackToList)}</a></p>
            }
            .into_any(),
        }
        })
    }
}
