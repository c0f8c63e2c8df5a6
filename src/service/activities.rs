//! Group activities: validate, store, fill in one meeting of a series at a
//! time, delete, undo, list and count a year. Thin: the rules live in
//! [`crate::domain::activity`], the revision handling in [`Entries`].

use super::entries::{Entries, SaveError, Saved};
use super::Env;
use crate::domain::activity::{
    activity_totals, validate_activity, ActivityFields, ActivityProblem, ActivityTotals, Meeting,
};
use crate::domain::entry::Entry;
use crate::domain::record::RecordId;
use crate::domain::taxonomy::Taxonomy;
use crate::storage::{RecordStore, StorageError};
use chrono::NaiveDate;
use std::cmp::Reverse;
use std::rc::Rc;

/// A stored activity.
pub type Activity = Entry<ActivityFields>;

pub struct ActivityService<S, E> {
    entries: Entries<S, E>,
    taxonomy: Rc<Taxonomy>,
}

impl<S: RecordStore, E: Env> ActivityService<S, E> {
    pub fn new(store: Rc<S>, env: E, taxonomy: Rc<Taxonomy>, device_id: String) -> Self {
        Self {
            entries: Entries::new(store, env, device_id),
            taxonomy,
        }
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The local date today.
    pub fn today(&self) -> NaiveDate {
        self.entries.today()
    }

    /// Validates and stores a new activity, or the next revision of
    /// `editing`. Nothing is written when it is invalid.
    pub async fn save(
        &self,
        fields: ActivityFields,
        editing: Option<&Activity>,
    ) -> Result<Saved<ActivityFields>, SaveError<ActivityProblem>> {
        validate_activity(&fields, &self.taxonomy.domains, self.today())
            .map_err(SaveError::Invalid)?;
        Ok(self.entries.save(fields, editing).await?)
    }

    /// Fills in (or corrects) meeting `index` of `activity` and stores the
    /// result as its next revision.
    pub async fn record_meeting(
        &self,
        activity: &Activity,
        index: usize,
        meeting: Meeting,
    ) -> Result<Saved<ActivityFields>, SaveError<ActivityProblem>> {
        let mut fields = activity.fields.clone();
        let Some(slot) = fields.meetings.get_mut(index) else {
            return Err(SaveError::Invalid(vec![ActivityProblem::NoSuchMeeting {
                meeting: index,
            }]));
        };
        *slot = meeting;
        self.save(fields, Some(activity)).await
    }

    /// Deletes as a tombstone, so the delete can sync and be undone.
    pub async fn delete(&self, activity: &Activity) -> Result<Saved<ActivityFields>, StorageError> {
        self.entries.delete(activity).await
    }

    /// Undoes a save, a filled-in meeting or a delete.
    pub async fn undo(&self, saved: &Saved<ActivityFields>) -> Result<Activity, StorageError> {
        self.entries.undo(saved).await
    }

    pub async fn get(&self, id: RecordId) -> Result<Option<Activity>, StorageError> {
        self.entries.get(id).await
    }

    /// Every activity that is not deleted, the latest first meeting first
    /// (then the latest entered).
    pub async fn list(&self) -> Result<Vec<Activity>, StorageError> {
        let mut list: Vec<Activity> = self.entries.live().await?;
        sort_for_list(&mut list);
        Ok(list)
    }

    /// The counts of calendar year `year`.
    pub async fn totals(&self, year: i32) -> Result<ActivityTotals, StorageError> {
        let live: Vec<Activity> = self.entries.live().await?;
        Ok(totals_of(&live, year))
    }

    /// The list screen's data from one read: the list, in its order, and
    /// the year's counts.
    pub async fn overview(
        &self,
        year: i32,
    ) -> Result<(Vec<Activity>, ActivityTotals), StorageError> {
        let mut list: Vec<Activity> = self.entries.live().await?;
        let totals = totals_of(&list, year);
        sort_for_list(&mut list);
        Ok((list, totals))
    }
}

fn sort_for_list(list: &mut [Activity]) {
    list.sort_by_key(|a| Reverse((a.fields.first_date(), a.meta.created_at, a.meta.id)));
}

/// The counts of `live` in calendar year `year`.
fn totals_of(live: &[Activity], year: i32) -> ActivityTotals {
    let Some((from, to)) = calendar_year(year) else {
        return ActivityTotals::default();
    };
    let fields: Vec<ActivityFields> = live.iter().map(|e| e.fields.clone()).collect();
    activity_totals(&fields, from, to)
}

/// 1 January to 31 December of `year`; `None` outside the calendar.
pub(crate) fn calendar_year(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}
