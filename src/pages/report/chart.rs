//! The jaarbeeld's charts as SVG: bars (this period solid, the previous
//! outlined, so they read in grey-scale print and without colour) and a
//! trend line (this period a solid line with dots, the previous dashed).
//! Hidden from assistive technology: the same figures follow in a table.

use crate::domain::number::format_count_nl;
use leptos::prelude::*;

/// One bar pair or one point of a line.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub label: String,
    pub current: u64,
    pub previous: u64,
}

const LABEL_WIDTH: f64 = 190.0;
const BAR_WIDTH: f64 = 360.0;
const ROW: f64 = 30.0;

#[component]
pub fn BarChart(points: Vec<Point>) -> impl IntoView {
    let max = points
        .iter()
        .map(|p| p.current.max(p.previous))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let height = ROW * points.len() as f64 + 4.0;
    let width = LABEL_WIDTH + BAR_WIDTH + 70.0;
    let bars = points
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let y = ROW * i as f64;
            let length = |v: u64| (v as f64 / max * BAR_WIDTH).max(1.0);
            view! {
                <text x=LABEL_WIDTH - 8.0 y=y + 18.0 text-anchor="end" class="label">{p.label}</text>
                <rect x=LABEL_WIDTH y=y + 3.0 width=length(p.current) height="12" class="end"/>
                <text x=LABEL_WIDTH + length(p.current) + 6.0 y=y + 14.0 class="value">{format_count_nl(p.current)}</text>
                <rect x=LABEL_WIDTH y=y + 16.0 width=length(p.previous) height="9" class="begin"/>
            }
        })
        .collect_view();
    view! {
        <svg class="chart report-chart" viewBox=format!("0 0 {width} {height}") aria-hidden="true" focusable="false">
            {bars}
        </svg>
    }
}

const PLOT_LEFT: f64 = 60.0;
const PLOT_WIDTH: f64 = 560.0;
const PLOT_HEIGHT: f64 = 180.0;
const PLOT_TOP: f64 = 12.0;

#[component]
pub fn TrendChart(points: Vec<Point>) -> impl IntoView {
    let max = points
        .iter()
        .map(|p| p.current.max(p.previous))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = points.len().max(1);
    let step = if n > 1 {
        PLOT_WIDTH / (n - 1) as f64
    } else {
        0.0
    };
    let x = move |i: usize| PLOT_LEFT + step * i as f64;
    let y = move |v: u64| PLOT_TOP + PLOT_HEIGHT - v as f64 / max * PLOT_HEIGHT;
    let line = |values: Vec<u64>| {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let current = line(points.iter().map(|p| p.current).collect());
    let previous = line(points.iter().map(|p| p.previous).collect());
    let dots = points
        .iter()
        .enumerate()
        .map(|(i, p)| view! { <circle cx=x(i) cy=y(p.current) r="3.5" class="dot"/> })
        .collect_view();
    let labels = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            view! { <text x=x(i) y=PLOT_TOP + PLOT_HEIGHT + 18.0 text-anchor="middle" class="tick">{p.label.clone()}</text> }
        })
        .collect_view();
    let top = view! {
        <text x=PLOT_LEFT - 8.0 y=PLOT_TOP + 4.0 text-anchor="end" class="tick">{format_count_nl(max as u64)}</text>
        <text x=PLOT_LEFT - 8.0 y=PLOT_TOP + PLOT_HEIGHT text-anchor="end" class="tick">"0"</text>
        <line x1=PLOT_LEFT x2=PLOT_LEFT + PLOT_WIDTH y1=PLOT_TOP + PLOT_HEIGHT y2=PLOT_TOP + PLOT_HEIGHT class="grid"/>
    };
    let height = PLOT_TOP + PLOT_HEIGHT + 28.0;
    let width = PLOT_LEFT + PLOT_WIDTH + 30.0;
    view! {
        <svg class="chart report-chart" viewBox=format!("0 0 {width} {height}") aria-hidden="true" focusable="false">
            {top}
            <polyline points=previous class="trend-previous" fill="none"/>
            <polyline points=current class="trend-current" fill="none"/>
            {dots}
            {labels}
        </svg>
    }
}
