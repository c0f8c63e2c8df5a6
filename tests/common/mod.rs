//! What the use-case tests share: a fixed clock in Dutch winter time
//! (UTC+1) and countable "random" bytes, so ids and codes are predictable.

#![allow(dead_code)] // each test crate uses its own part

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
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
