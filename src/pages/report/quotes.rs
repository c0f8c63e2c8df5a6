//! A survey's open answers as quotes: newest first, each with its
//! question, date and place, and a box "publishable". Only the quotes
//! marked publishable are printed. The marks are kept on this device
//! (`storage::settings_store`).

use crate::app::I18n;
use crate::domain::report::figures::Quote;
use crate::domain::timefmt::dutch_date;
use crate::i18n::{fill, Key};
use crate::storage::settings_store;
use leptos::prelude::*;

pub fn quote_list(i18n: I18n, quotes: &[Quote], question_text: &dyn Fn(&str) -> String) -> AnyView {
    if quotes.is_empty() {
        return ().into_any();
    }
    let marked = RwSignal::new(settings_store::publishable_quotes());
    let saved_failed = RwSignal::new(false);
    let items = quotes
        .iter()
        .enumerate()
        .map(|(i, quote)| {
            let key = quote.key.clone();
            let (shown_key, toggle_key) = (key.clone(), key);
            let id = format!("quote-{}-{i}", quote.survey);
            let label_for = id.clone();
            let quote_id = format!("{id}-text");
            let described = quote_id.clone();
            let is_marked = move || marked.with(|m| m.contains(&shown_key));
            let toggle = move |_| {
                marked.update(|m| match m.iter().position(|k| *k == toggle_key) {
                    Some(at) => {
                        m.remove(at);
                    }
                    None => m.push(toggle_key.clone()),
                });
                saved_failed.set(!marked.with_untracked(|m| settings_store::set_publishable_quotes(m)));
            };
            let source = fill(
                i18n.t(Key::ReportQuoteSource),
                &[("question", &question_text(&quote.question)), ("date", &dutch_date(quote.date))],
            );
            view! {
                <li class:no-print=move || !is_marked()>
                    <blockquote id=quote_id lang=(!quote.lang.is_empty()).then(|| quote.lang.clone()) dir="auto">{quote.text.clone()}</blockquote>
                    <p class="hint">{source}</p>
                    <label class="check no-print" for=label_for>
                        <input type="checkbox" id=id aria-describedby=described prop:checked=is_marked.clone() on:change=toggle/>
                        {i18n.t(Key::ReportQuotePublishable)}
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <h3 class="nl-heading nl-heading--level-3">{i18n.t(Key::ReportQuotes)}</h3>
        <p class="hint no-print">{i18n.t(Key::ReportQuotesHint)}</p>
        <p class="field-error" role="alert" hidden=move || !saved_failed.get()>{i18n.t(Key::ReportQuoteNotSaved)}</p>
        <ul class="quotes">{items}</ul>
    }
    .into_any()
}
