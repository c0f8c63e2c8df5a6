//! Retention on a device: records the sync server keeps, older than a set
//! number of months, leave the device (the server keeps them). Which
//! records, and from when; `service::retention` applies it.
//!
//! Only contacts and survey responses: what a tablet gathers in bulk. A
//! coordinator's trajectories, activities and initiatives run for long and
//! stay; so do the survey definitions and the organisation's lists.

use crate::domain::record::RecordMeta;
use chrono::{DateTime, Months, Utc};

/// The retention choices a coordinator has (months); none keeps all.
pub const RETENTION_CHOICES: [u32; 5] = [3, 6, 12, 24, 36];

/// The moment before which a record is old: `months` calendar months
/// before `now` (the last day of a shorter month where the day is missing).
pub fn cutoff(now: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Whether a record of that age may leave the device: on the server
/// (`server_rev`) and without a change since (not pending). The store checks
/// it again in its own transaction.
pub fn may_remove(meta: &RecordMeta) -> bool {
    meta.server_rev.is_some() && meta.shipped_revision >= meta.revision
}

/// A stored retention choice; anything else keeps every record.
pub fn months(stored: Option<&str>) -> Option<u32> {
    stored
        .and_then(|text| text.trim().parse().ok())
        .filter(|months| RETENTION_CHOICES.contains(months))
}
