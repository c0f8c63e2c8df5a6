//! The jaarbeeld's filter read into a scope (`domain::report::form`).
#![cfg(feature = "coordinator")]

use chrono::NaiveDate;
use wijkpeil::domain::report::form::{
    kind_code, kind_from_code, parse_ymd, ymd, ScopeForm, ScopeProblem, PERIOD_KINDS,
};
use wijkpeil::domain::report::period::PeriodKind;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn opens_on_the_year_of_today_for_every_location() {
    let form = ScopeForm::for_today(day(2026, 12, 3));
    let scope = form.read().expect("a scope");
    assert_eq!(scope.period.kind, PeriodKind::Year);
    assert_eq!(
        (scope.period.from, scope.period.to),
        (day(2026, 1, 1), day(2026, 12, 31))
    );
    assert!(scope.locations.is_empty());
    assert_eq!(form.quarter, "4");
    assert_eq!(form.month, "12");
    assert_eq!(
        (form.from.as_str(), form.to.as_str()),
        ("2026-01-01", "2026-12-03")
    );
}

#[test]
fn reads_each_kind_of_period() {
    let mut form = ScopeForm::for_today(day(2026, 5, 10));
    form.kind = PeriodKind::Quarter;
    form.quarter = "3".into();
    let p = form.read().unwrap().period;
    assert_eq!((p.from, p.to), (day(2026, 7, 1), day(2026, 9, 30)));
    form.kind = PeriodKind::Month;
    form.month = "2".into();
    form.year = "2024".into();
    let p = form.read().unwrap().period;
    assert_eq!((p.from, p.to), (day(2024, 2, 1), day(2024, 2, 29)));
    form.kind = PeriodKind::Custom;
    form.from = "2026-03-15".into();
    form.to = "2026-04-14".into();
    let p = form.read().unwrap().period;
    assert_eq!(
        (p.kind, p.from, p.to),
        (PeriodKind::Custom, day(2026, 3, 15), day(2026, 4, 14))
    );
}

#[test]
fn names_what_is_wrong() {
    let mut form = ScopeForm::for_today(day(2026, 5, 10));
    form.year = "twintig".into();
    assert_eq!(form.read().unwrap_err(), ScopeProblem::Year);
    form.year = "1999".into();
    assert_eq!(form.read().unwrap_err(), ScopeProblem::Year);
    form.year = "2026".into();
    form.kind = PeriodKind::Month;
    form.month = "13".into();
    assert_eq!(form.read().unwrap_err(), ScopeProblem::Month);
    form.kind = PeriodKind::Quarter;
    form.quarter = "0".into();
    assert_eq!(form.read().unwrap_err(), ScopeProblem::Quarter);
    form.kind = PeriodKind::Custom;
    form.from = String::new();
    assert_eq!(form.read().unwrap_err(), ScopeProblem::Date);
    form.from = "2026-05-01".into();
    form.to = "2026-04-30".into();
    assert_eq!(form.read().unwrap_err(), ScopeProblem::Order);
}

#[test]
fn ticks_and_unticks_locations() {
    let mut form = ScopeForm::for_today(day(2026, 5, 10));
    form.toggle_location("wijkplein-zuid");
    form.toggle_location("wijkplein-noord");
    assert_eq!(
        form.read().unwrap().locations,
        ["wijkplein-noord", "wijkplein-zuid"]
    );
    form.toggle_location("wijkplein-zuid");
    assert_eq!(form.read().unwrap().locations, ["wijkplein-noord"]);
}

#[test]
fn kinds_and_dates_round_trip_through_their_text() {
    for (kind, code) in PERIOD_KINDS {
        assert_eq!(kind_code(kind), code);
        assert_eq!(kind_from_code(code), kind);
    }
    assert_eq!(kind_from_code("anything"), PeriodKind::Year);
    assert_eq!(ymd(day(2026, 3, 5)), "2026-03-05");
    assert_eq!(parse_ymd(" 2026-03-05 "), Some(day(2026, 3, 5)));
    assert_eq!(parse_ymd("2026-02-30"), None);
    assert_eq!(parse_ymd("5-3-2026"), None);
}
