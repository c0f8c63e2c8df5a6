//! What the use-case tests share: a fixed clock in Dutch winter time
//! (UTC+1) and countable "random" bytes, so ids and codes are predictable.

#![allow(dead_code)] // each test crate uses its own part

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use std::cell::Cell;
use wijkpeil::service::Env;

pub struct FixedEnv {
    /// Tests move the clock by setting this.
    pub now: Cell<DateTime<Utc>>,
    /// Each call of `random_bytes` returns ten bytes of `counter + 1`.
    pub counter: Cell<u8>,
}

impl FixedEnv {
    pub fn at(now: DateTime<Utc>) -> Self {
        Self {
            now: Cell::new(now),
            counter: Cell::new(0),
        }
    }
}

impl Env for FixedEnv {
    fn now(&self) -> DateTime<Utc> {
        self.now.get()
    }
    fn random_bytes(&self) -> [u8; 10] {
        self.counter.set(self.counter.get() + 1);
        [self.counter.get(); 10]
    }
    fn to_local(&self, utc: DateTime<Utc>) -> NaiveDateTime {
        (utc + Duration::hours(1)).naive_utc()
    }
    fn to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        Some(Utc.from_utc_datetime(&(local - Duration::hours(1))))
    }
}

/// The last Sunday of `month`, when European summer time starts (March) or
/// ends (October).
pub fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next =
        NaiveDate::from_ymd_opt(year, month + 1, 1).expect("a month before December");
    let mut day = first_of_next - Duration::days(1);
    while day.weekday() != Weekday::Sun {
        day -= Duration::days(1);
    }
    day
}

/// Dutch time as the browser converts it: UTC+1, and UTC+2 from the last
/// Sunday of March 02:00 (02:00-03:00 does not exist: `None`) to the last
/// Sunday of October 03:00 (02:00-03:00 happens twice; the first is taken).
pub fn amsterdam(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let spring = last_sunday(local.year(), 3).and_hms_opt(2, 0, 0)?;
    let autumn = last_sunday(local.year(), 10).and_hms_opt(3, 0, 0)?;
    if local >= spring && local < spring + Duration::hours(1) {
        return None;
    }
    let summer = local >= spring && local < autumn;
    let offset = Duration::hours(if summer { 2 } else { 1 });
    Some(Utc.from_utc_datetime(&(local - offset)))
}

/// The Dutch wall-clock time at `utc` (the inverse of `amsterdam`).
pub fn amsterdam_local(utc: DateTime<Utc>) -> NaiveDateTime {
    let winter = utc.naive_utc() + Duration::hours(1);
    let summer = utc.naive_utc() + Duration::hours(2);
    if amsterdam(summer) == Some(utc) {
        summer
    } else {
        winter
    }
}

/// Answers every question of `def` that has a mark, a yes/no or options:
/// `mark`, yes, the first option (a survey's open questions stay empty).
pub fn answer_every_question(
    def: &wijkpeil::domain::survey::SurveyDefinition,
    content: &mut wijkpeil::domain::survey::ResponseContent,
    mark: u8,
) {
    use wijkpeil::domain::survey::{Answer, QuestionKind};
    for q in def.questions() {
        let answer = match &q.kind {
            QuestionKind::Mark => Answer::Number(mark),
            QuestionKind::YesNo => Answer::YesNo(true),
            kind => match kind.options().first() {
                Some(option) => Answer::Choice(option.code.clone()),
                None => continue,
            },
        };
        content.answers.insert(q.id.clone(), answer);
    }
}
