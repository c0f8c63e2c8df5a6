//! Big touch tiles over native radio buttons and checkboxes, so keyboard and
//! screen reader behaviour come from the browser, not from us.

use crate::domain::taxonomy::Term;
use crate::i18n::I18n;
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
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let kind = if multiple { "checkbox" } else { "radio" };
    // A retired term is no longer offered (records that hold it still show
    // its label elsewhere).
    let tiles = terms
        .into_iter()
        .filter(|term| !term.retired)
        .enumerate()
        .map(|(index, term)| {
            let input_id = format!("{id}-{index}");
            let label_for = input_id.clone();
            let code = term.code.clone();
            let code_for_change = term.code.clone();
            let icon = term.icon.clone();
            let name = id.clone();
            view! {
                <label class="tile" for=label_for>
                    <input
                        type=kind
                        id=input_id
                        name=name
                        value=term.code.clone()
                        prop:checked=move || is_selected.run(code.clone())
                        on:change=move |_| on_toggle.run(code_for_change.clone())
                    />
                    {icon.map(|icon| view! { <span class="pictogram" aria-hidden="true">{icon}</span> })}
                    <span class="tile-label">{move || term.label.get(i18n.lang()).to_owned()}</span>
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
            <legend>{legend}</legend>
            <div class="tiles">{tiles}</div>
            <FieldErrorText id=error_id error=error/>
        </fieldset>
    }
}

/// The message next to a field; announced when it appears.
#[component]
pub fn FieldErrorText(id: String, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="field-error" id=id aria-live="polite" hidden=move || error.with(Option::is_none)>
            {move || error.get().unwrap_or_default()}
        </p>
    }
}

/// The `<option>`s of a `<select>` over a taxonomy list, relabelled when the
/// language changes.
pub fn term_options(i18n: I18n, terms: Vec<Term>) -> impl Fn() -> AnyView + Send + Sync + 'static {
    move || {
        terms
            .iter()
            .filter(|t| !t.retired)
            .map(|t| view! { <option value=t.code.clone()>{t.label.get(i18n.lang()).to_owned()}</option> })
            .collect_view()
            .into_any()
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
