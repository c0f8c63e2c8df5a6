//! Use cases that combine the domain with a store: save a contact, undo,
//! delete, list today's contacts. Generic over `RecordStore` and `Env`, so the
//! same code runs natively in tests (memory store, fixed clock) and in the
//! browser (IndexedDB, the real clock). Components call these, nothing lower.

pub mod activities;
pub mod answers;
pub mod conflicts;
pub mod contacts;
pub mod entries;
pub mod export;
pub mod import;
pub mod initiatives;
pub mod org_lists;
#[cfg(any(feature = "coordinator", feature = "worker"))]
pub mod report;
pub mod retention;
pub mod surveys;
pub mod sync;
pub mod trajectories;

use crate::domain::survey::{templates, SurveyDefinition};
use chrono::{DateTime, NaiveDateTime, Utc};
use std::future::Future;
use std::rc::Rc;

/// What the use cases need from the outside world.
pub trait Env {
    fn now(&self) -> DateTime<Utc>;
    /// Ten random bytes for a new record id.
    fn random_bytes(&self) -> [u8; 10];
    /// The browser's local wall-clock time at `utc`.
    fn to_local(&self, utc: DateTime<Utc>) -> NaiveDateTime;
    /// The UTC instant of a local wall-clock time (None in a DST gap).
    fn to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>>;
    /// The four built-in surveys (`domain::survey::templates`), in their
    /// order. By default from the files compiled into this program; the
    /// browser's apps do not carry them in their wasm (seven languages of
    /// text), so `platform::BrowserEnv` reads them from the app's own
    /// `/enquete/survey-templates.json` instead (docs/PERFORMANCE.md).
    fn templates(&self) -> impl Future<Output = Rc<Vec<SurveyDefinition>>> {
        std::future::ready(Rc::new(templates::builtin()))
    }
}

/// A shared environment is an environment (tests keep a handle to move the
/// clock while the service holds another).
impl<E: Env> Env for std::rc::Rc<E> {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
    fn random_bytes(&self) -> [u8; 10] {
        (**self).random_bytes()
    }
    fn to_local(&self, utc: DateTime<Utc>) -> NaiveDateTime {
        (**self).to_local(utc)
    }
    fn to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        (**self).to_utc(local)
    }
    fn templates(&self) -> impl Future<Output = Rc<Vec<SurveyDefinition>>> {
        (**self).templates()
    }
}
