//! One table of the jaarbeeld: caption, header, rows, its note, and a
//! button that downloads it as CSV. A small cell (a count of 1–4, a mean
//! of fewer than 5) is marked on screen; while hiding is on, print and CSV
//! show the marker instead of the number (`style/coordinator.css`
//! `.hide-small`, `domain::report::csv`).

use crate::app::I18n;
use crate::domain::report::csv::to_csv;
use crate::domain::report::table::{Cell, Table, Value};
use crate::i18n::{fill, Key};
use crate::platform;
use leptos::prelude::*;

/// The CSV file of `table` for the period `period_slug` (`2026`, `2026-k3`).
fn file_name(table: &Table, period_slug: &str) -> String {
    format!("wijkpeil-{}-{period_slug}.csv", table.id)
}

fn cell_view(cell: &Cell, i18n: I18n) -> AnyView {
    let numeric = !matches!(cell.value, Value::Text(_));
    let class = match (numeric, cell.small) {
        (true, true) => "num small",
        (true, false) => "num",
        (false, true) => "small",
        (false, false) => "",
    };
    let shown = cell.display_nl();
    if cell.small {
        let title = i18n.t(Key::ReportSmallCell);
        view! {
            <td class=class>
                <span class="cell-value">{shown}</span>
                <span class="small-mark" title=title>"*"</span>
                <span class="cell-hidden">{cell.value.hidden_marker()}</span>
            </td>
        }
        .into_any()
    } else {
        view! { <td class=class>{shown}</td> }.into_any()
    }
}

#[component]
pub fn TableView(
    table: Table,
    /// Hide small cells in the CSV (and, through the page's class, in print).
    hide_small: Signal<bool>,
    #[prop(into)] period_slug: String,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let head = table
        .columns
        .iter()
        .map(|c| view! { <th scope="col">{c.clone()}</th> })
        .collect_view();
    let body = table
        .rows
        .iter()
        .map(|row| {
            let mut cells = row.iter();
            let first = cells
                .next()
                .map(|c| view! { <th scope="row">{c.display_nl()}</th> });
            let rest = cells.map(|c| cell_view(c, i18n)).collect_view();
            view! { <tr>{first}{rest}</tr> }
        })
        .collect_view();
    let note = table
        .note
        .clone()
        .map(|n| view! { <p class="table-note">{n}</p> });
    let small_note = table
        .has_small()
        .then(|| view! { <p class="table-note">{i18n.t(Key::ReportSmallNote)}</p> });
    let label = fill(i18n.t(Key::ReportCsv), &[("table", &table.title)]);
    let file = file_name(&table, &period_slug);
    let caption = table.title.clone();
    let download = move |_| {
        let text = to_csv(&table, hide_small.get_untracked());
        platform::download_text(&file, &text, "text/csv;charset=utf-8");
    };
    view! {
        <div class="report-table">
            <table>
                <caption>{caption}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
            {note}
            {small_note}
            <button type="button" class="nl-button nl-button--secondary no-print" on:click=download>{label}</button>
        </div>
    }
}
