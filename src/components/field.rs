//! Form fields of the coordinator's screens: a label, an optional hint, the
//! input and its error, with the ids and ARIA links between them kept right
//! (`{id}-hint` and `{id}-error` in `aria-describedby`, `aria-invalid` while
//! there is an error). Text, count, date and select share one frame.

use super::choice::{option_list, FieldErrorText};
use crate::app::{I18n, Services};
use crate::domain::taxonomy::{choices, Taxonomy, Term};
use crate::i18n::Key;
use leptos::prelude::*;

/// A label or hint: a text key (follows the language), or a text the screen
/// makes itself ("Doel 2", "Financiën").
#[derive(Clone, Copy)]
pub enum Text {
    Key(Key),
    Made(Signal<String>),
}

impl From<Key> for Text {
    fn from(key: Key) -> Self {
        Text::Key(key)
    }
}

impl From<Signal<String>> for Text {
    fn from(text: Signal<String>) -> Self {
        Text::Made(text)
    }
}

impl Text {
    fn show(self, i18n: I18n) -> impl Fn() -> String + Send + Sync + 'static {
        move || match self {
            Text::Key(key) => i18n.t(key).to_owned(),
            Text::Made(text) => text.get(),
        }
    }
}

/// One text of a form held in a signal: what the field shows and how a
/// change gets back into the form.
#[derive(Clone, Copy)]
pub struct Bound {
    value: Signal<String>,
    set: Callback<String>,
}

/// The field `get`/`set` of the form in `form`.
pub fn bind<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    get: fn(&T) -> &String,
    set: fn(&mut T) -> &mut String,
) -> Bound {
    Bound {
        value: Signal::derive(move || form.with(|f| get(f).clone())),
        set: Callback::new(move |text| form.update(|f| *set(f) = text)),
    }
}

impl Bound {
    /// A value and a change made by the caller (an item of a list).
    pub fn new(value: Signal<String>, set: Callback<String>) -> Self {
        Self { value, set }
    }
}

/// The ids a field's input points to for its description.
fn described_by(
    id: &str,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let hint = has_hint.then(|| format!("{id}-hint"));
    let error_id = format!("{id}-error");
    move || {
        let error = error.with(Option::is_some).then(|| error_id.clone());
        match (&hint, error) {
            (Some(h), Some(e)) => Some(format!("{h} {e}")),
            (Some(h), None) => Some(h.clone()),
            (None, e) => e,
        }
    }
}

/// Label, hint, the input itself (`input`, given the description and
/// invalid state to set on it) and the error, in one form field (the NL Design System's
/// `utrecht-form-field`).
fn frame<V: IntoView + 'static>(
    id: String,
    label: Text,
    hint: Option<Text>,
    error: Signal<Option<String>>,
    class: &'static str,
    input: impl FnOnce(String, Described, Signal<Option<&'static str>>) -> V,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let described = Described(Signal::derive(described_by(&id, hint.is_some(), error)));
    let invalid = Signal::derive(move || error.with(Option::is_some).then_some("true"));
    let hint = hint.map(|h| {
        let hint_id = format!("{id}-hint");
        view! { <p class="utrecht-form-field__description hint" id=hint_id>{h.show(i18n)}</p> }
    });
    let label_for = id.clone();
    let error_id = format!("{id}-error");
    view! {
        <div class=format!("utrecht-form-field {class}")>
            <label class="utrecht-form-field__label" for=label_for>{label.show(i18n)}</label>
            {hint}
            {input(id, described, invalid)}
            <FieldErrorText id=error_id error=error/>
        </div>
    }
}

/// The `aria-describedby` of an input (hint and error ids).
#[derive(Clone, Copy)]
struct Described(Signal<Option<String>>);

/// What kind of text an input takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Count,
    Date,
}

#[allow(clippy::too_many_arguments)]
fn input_field(
    kind: Kind,
    id: String,
    label: Text,
    hint: Option<Text>,
    bound: Bound,
    error: Signal<Option<String>>,
    size: Option<u32>,
    readonly: bool,
    class: &'static str,
    node_ref: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let (kind, inputmode) = match kind {
        Kind::Text => ("text", None),
        Kind::Count => ("text", Some("numeric")),
        Kind::Date => ("date", None),
    };
    let input_class = readonly.then_some("code");
    frame(
        id,
        label,
        hint,
        error,
        class,
        move |id, described, invalid| {
            view! {
                <input type=kind id=id inputmode=inputmode autocomplete="off" size=size readonly=readonly
                    class=input_class node_ref=node_ref
                    aria-describedby=move || described.0.get() aria-invalid=invalid
                    prop:value=bound.value
                    on:input=move |ev| bound.set.run(event_target_value(&ev))/>
            }
        },
    )
}

/// A line of text.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: Text,
    #[prop(optional, into)] hint: Option<Text>,
    bound: Bound,
    #[prop(optional, into)] error: Signal<Option<String>>,
    /// Shown, not typed in (a generated code).
    #[prop(optional)]
    readonly: bool,
) -> impl IntoView {
    input_field(
        Kind::Text,
        id,
        label,
        hint,
        bound,
        error,
        None,
        readonly,
        "",
        NodeRef::new(),
    )
}

/// A count, typed as text with the numeric keyboard, so the domain reads
/// what was typed (and says what it could not read).
#[component]
pub fn NumberField(
    #[prop(into)] id: String,
    #[prop(into)] label: Text,
    #[prop(optional, into)] hint: Option<Text>,
    bound: Bound,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional)] size: Option<u32>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] node_ref: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    input_field(
        Kind::Count,
        id,
        label,
        hint,
        bound,
        error,
        size,
        false,
        class,
        node_ref,
    )
}

/// A date (the browser's date picker; the value is `yyyy-mm-dd`).
#[component]
pub fn DateField(
    #[prop(into)] id: String,
    #[prop(into)] label: Text,
    #[prop(optional, into)] hint: Option<Text>,
    bound: Bound,
    #[prop(optional, into)] error: Signal<Option<String>>,
) -> impl IntoView {
    input_field(
        Kind::Date,
        id,
        label,
        hint,
        bound,
        error,
        None,
        false,
        "",
        NodeRef::new(),
    )
}

/// A choice from a list; the `<option>`s are the children.
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    #[prop(into)] label: Text,
    #[prop(optional, into)] hint: Option<Text>,
    bound: Bound,
    #[prop(optional, into)] error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    frame(id, label, hint, error, "", move |id, described, invalid| {
        view! {
            <select id=id aria-describedby=move || described.0.get() aria-invalid=invalid
                prop:value=bound.value
                on:change=move |ev| bound.set.run(event_target_value(&ev))>
                {children()}
            </select>
        }
    })
}

/// The `<option>`s of one of the shared lists (`list` picks it from the
/// taxonomy), relabelled when the language changes; the list is read from
/// the shared taxonomy, not copied. `keep`: the codes the record being
/// changed holds (none for a new record), offered even when retired since,
/// so the select still shows the record's value (`taxonomy::choices`).
pub fn taxonomy_options(
    i18n: I18n,
    services: Services,
    list: fn(&Taxonomy) -> &Vec<Term>,
    keep: Vec<String>,
) -> impl Fn() -> AnyView + Send + Sync + 'static {
    move || {
        let taxonomy = services.taxonomy();
        option_list(i18n, &choices(list(&taxonomy), &keep))
    }
}
