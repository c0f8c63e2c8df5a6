//! Begin against end on the ZRM scale (1–5) as horizontal bar pairs, with
//! the same figures in a table beneath for screen readers and for reading
//! exact values. Begin is an outlined bar, end a solid one, so the chart
//! also reads in grey-scale print.
//!
//! Figures are rounded half up (`domain::number`), and the change is the
//! printed end minus the printed begin, so every row adds up as printed.

use crate::app::I18n;
use crate::domain::number::Rounded;
use crate::i18n::trajectory::decimal;
use crate::i18n::{num, number_style, Key};
use leptos::prelude::*;

/// One domain's bars.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartRow {
    pub label: String,
    pub begin: f64,
    pub end: f64,
    /// Trajectories behind a mean; `None` for a single trajectory.
    pub count: Option<u32>,
}

const LABEL_WIDTH: f64 = 210.0;
const UNIT: f64 = 70.0;
const ROW: f64 = 36.0;
const TOP: f64 = 24.0;

#[component]
pub fn ZrmChart(
    #[prop(into)] caption: String,
    rows: Vec<ChartRow>,
    /// The figures' table is shown elsewhere on the screen (the jaarbeeld's,
    /// with its CSV), so the chart draws only.
    #[prop(optional)]
    table_elsewhere: bool,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let width = LABEL_WIDTH + 5.0 * UNIT + 50.0;
    let height = TOP + ROW * rows.len() as f64 + 8.0;
    let places = if rows.iter().any(|r| r.count.is_some()) {
        1
    } else {
        0
    };
    let grid = (1..=5)
        .map(|score| {
            let x = LABEL_WIDTH + f64::from(score) * UNIT;
            view! {
                <line x1=x x2=x y1=TOP - 4.0 y2=height - 4.0 class="grid"/>
                <text x=x y=TOP - 8.0 text-anchor="middle" class="tick">{score}</text>
            }
        })
        .collect_view();
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let y = TOP + ROW * i as f64;
            let bar = |value: f64| (value.clamp(0.0, 5.0) * UNIT).max(1.0);
            let locale = i18n.locale();
            view! {
                <text x=LABEL_WIDTH - 8.0 y=y + 20.0 text-anchor="end" class="label">{row.label.clone()}</text>
                <rect x=LABEL_WIDTH y=y + 4.0 width=bar(row.begin) height="13" class="begin"/>
                <text x=LABEL_WIDTH + bar(row.begin) + 6.0 y=y + 15.0 class="value">{decimal(locale, row.begin, places)}</text>
                <rect x=LABEL_WIDTH y=y + 19.0 width=bar(row.end) height="13" class="end"/>
                <text x=LABEL_WIDTH + bar(row.end) + 6.0 y=y + 30.0 class="value">{decimal(locale, row.end, places)}</text>
            }
        })
        .collect_view();
    let with_count = rows.iter().any(|r| r.count.is_some());
    let table_rows = rows
        .into_iter()
        .map(|row| {
            let style = number_style(i18n.locale());
            let (begin, end) = (
                Rounded::new(row.begin, places),
                Rounded::new(row.end, places),
            );
            view! {
                <tr>
                    <th scope="row">{row.label}</th>
                    <td>{begin.format(style)}</td>
                    <td>{end.format(style)}</td>
                    <td>{end.minus(begin).format_signed(style)}</td>
                    {row.count.map(|n| view! { <td>{num(i18n.locale(), n)}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="zrm-chart">
            <figcaption>{caption}</figcaption>
            <p class="legend" aria-hidden="true">
                <span class="key begin"></span>{move || i18n.t(Key::ChartBegin)}
                <span class="key end"></span>{move || i18n.t(Key::ChartEnd)}
            </p>
            // The table below carries the same figures for assistive
            // technology, so the drawing is hidden from it.
            <svg viewBox=format!("0 0 {width} {height}") aria-hidden="true" focusable="false">
                {grid}
                {bars}
            </svg>
            {(!table_elsewhere).then(|| view! {
            <table class="chart-table">
                <caption>{move || i18n.t(Key::ChartTableCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(Key::ChartDomain)}</th>
                        <th scope="col">{move || i18n.t(Key::ChartBegin)}</th>
                        <th scope="col">{move || i18n.t(Key::ChartEnd)}</th>
                        <th scope="col">{move || i18n.t(Key::ChartChange)}</th>
                        {with_count.then(|| view! { <th scope="col">{move || i18n.t(Key::ChartCount)}</th> })}
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </table>
            })}
        </figure>
    }
}
