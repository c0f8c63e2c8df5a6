//! Big touch tiles over native radio buttons and checkboxes, so keyboard and
//! screen reader behaviour come from the browser, not from us.

use super::Pictogram;
use crate::domain::taxonomy::{choices, Term};
use crate::i18n::{fill, I18n, Key};
use leptos::prelude::*;

/// A group of choices from a taxonomy list, with its error beside it.
///
/// `id` names the fieldset; its first input is `{id}-0` (focused after a
/// failed save) and its error text `{id}-error`.
#[component]
pub fn ChoiceGroup(
    #[prop(into)] id: String,
    #[prop(into)] legend: Signal<String>,
    terms: Vec<Term>,
    /// Checkboxes (several) instead of radio buttons (one).
    #[prop(optional)]
    multiple: bool,
    #[prop(into)] is_selected: Callback<String, bool>,
    #[prop(into)] on_toggle: Callback<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(optional)] class: &'static str,
    /// The codes the record being changed holds: those of them that were
    /// retired since are still offered, marked as such.
    #[prop(optional, into)]
    keep: Option<Signal<Vec<String>>>,
    /// A pictogram before the legend (a group of the domain list).
    #[prop(optional_no_strip)]
    legend_icon: Option<String>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let kind = if multiple { "checkbox" } else { "radio" };
    // A retired term is no longer offered, unless the record being changed
    // holds it: its tile is there, hidden while no record holds it (so the
    // tiles are made once, and an edit only shows or hides one).
    let tiles = terms
        .into_iter()
        .enumerate()
        .map(|(index, term)| {
            let input_id = format!("{id}-{index}");
            let label_for = input_id.clone();
            let code = term.code.clone();
            let code_for_change = term.code.clone();
            let code_for_hidden = term.code.clone();
            let icon = term.icon.clone();
            let name = id.clone();
            let value = term.code.clone();
            let retired = term.retired;
            let hidden =
                move || retired && !keep.is_some_and(|k| k.with(|k| k.contains(&code_for_hidden)));
            let text = move || term_text(i18n, &term);
            view! {
                <label class="tile" for=label_for hidden=hidden>
                    <input
                        type=kind
                        id=input_id
                        name=name
                        value=value
                        prop:checked=move || is_selected.run(code.clone())
                        on:change=move |_| on_toggle.run(code_for_change.clone())
                    />
                    {icon.map(|icon| view! { <Pictogram icon=icon/> })}
                    <span class="tile-label">{text}</span>
                </label>
            }
        })
        .collect_view();
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <fieldset
            class=format!("choices {class}")
            id=id
            aria-describedby=move || error.with(|e| e.as_ref().map(|_| described.clone()))
        >
            <legend>{legend_icon.map(|icon| view! { <Pictogram icon=icon/>" " })}{legend}</legend>
            <div class="tiles">{tiles}</div>
            <FieldErrorText id=error_id error=error/>
        </fieldset>
    }
}

/// The message next to a field; announced when it appears.
#[component]
pub fn FieldErrorText(id: String, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="utrecht-form-field__error-message field-error" id=id aria-live="polite" hidden=move || error.with(Option::is_none)>
            {move || error.get().unwrap_or_default()}
        </p>
    }
}

/// The `<option>`s of a `<select>` over a taxonomy list, relabelled when the
/// language changes: the terms in use, and those of `keep` (the record
/// being changed holds them) that were retired since, marked as such.
pub fn term_options(
    i18n: I18n,
    terms: Vec<Term>,
    keep: Signal<Vec<String>>,
) -> impl Fn() -> AnyView + Send + Sync + 'static {
    move || keep.with(|keep| option_list(i18n, &choices(&terms, keep)))
}

/// One `<option>` per term, in the language shown.
pub fn option_list(i18n: I18n, terms: &[Term]) -> AnyView {
    terms
        .iter()
        .map(|t| view! { <option value=t.code.clone()>{term_text(i18n, t)}</option> })
        .collect_view()
        .into_any()
}

/// A term's label in the language shown; a retired one (a record being
/// changed still holds it) says that it is no longer in use.
pub fn term_text(i18n: I18n, term: &Term) -> String {
    let label = term.label.get(i18n.lang());
    if term.retired {
        fill(i18n.t(Key::TermRetired), &[("label", label)])
    } else {
        label.to_owned()
    }
}

/// One button per language, in its own name and script; the current one
/// is pressed. Used by the staff header and the resident's start screen.
#[component]
pub fn LanguageButtons(
    locales: Vec<&'static crate::i18n::Locale>,
    class: &'static str,
    on_pick: Callback<&'static str>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    locales
        .into_iter()
        .map(|locale| {
            let code = locale.code;
            view! {
                <button
                    type="button"
                    class=class
                    lang=code
                    dir=locale.dir
                    aria-pressed=move || (i18n.lang() == code).to_string()
                    on:click=move |_| on_pick.run(code)
                >
                    {locale.name}
                </button>
            }
        })
        .collect_view()
}
