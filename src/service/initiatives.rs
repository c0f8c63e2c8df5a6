//! Help with self-organisation: validate, store, add support moments, change
//! the status, delete, undo, list and count a year. Thin: the rules live in
//! [`crate::domain::initiative`], the revision handling in [`Entries`].

use super::activities::calendar_year;
use super::entries::{Entries, SaveError, Saved};
use super::Env;
use crate::domain::entry::Entry;
use crate::domain::initiative::{
    initiative_totals, validate_initiative, InitiativeFields, InitiativeProblem, InitiativeStatus,
    InitiativeTotals, SupportMoment,
};
use crate::domain::record::RecordId;
use crate::storage::{RecordStore, StorageError};
use chrono::NaiveDate;
use std::cmp::Reverse;
use std::rc::Rc;

/// A stored initiative.
pub type Initiative = Entry<InitiativeFields>;

pub struct InitiativeService<S, E> {
    entries: Entries<S, E>,
}

impl<S: RecordStore, E: Env> InitiativeService<S, E> {
    pub fn new(store: Rc<S>, env: E, device_id: String) -> Self {
        Self {
            entries: Entries::new(store, env, device_id),
        }
    }

    /// The local date today.
    pub fn today(&self) -> NaiveDate {
        self.entries.today()
    }

    /// Validates and stores a new initiative, or the next revision of
    /// `editing`. Nothing is written when it is invalid.
    pub async fn save(
        &self,
        fields: InitiativeFields,
        editing: Option<&Initiative>,
    ) -> Result<Saved<InitiativeFields>, SaveError<InitiativeProblem>> {
        validate_initiative(&fields, self.today()).map_err(SaveError::Invalid)?;
        Ok(self.entries.save(fields, editing).await?)
    }

    /// Adds a support moment as the initiative's next revision.
    pub async fn add_support_moment(
        &self,
        initiative: &Initiative,
        moment: SupportMoment,
    ) -> Result<Saved<InitiativeFields>, SaveError<InitiativeProblem>> {
        let mut fields = initiative.fields.clone();
        fields.support.push(moment);
        self.save(fields, Some(initiative)).await
    }

    /// Sets the status as the initiative's next revision.
    pub async fn set_status(
        &self,
        initiative: &Initiative,
        status: InitiativeStatus,
    ) -> Result<Saved<InitiativeFields>, SaveError<InitiativeProblem>> {
        let mut fields = initiative.fields.clone();
        fields.status = status;
        self.save(fields, Some(initiative)).await
    }

    /// Deletes as a tombstone, so the delete can sync and be undone.
    pub async fn delete(
        &self,
        initiative: &Initiative,
    ) -> Result<Saved<InitiativeFields>, StorageError> {
        self.entries.delete(initiative).await
    }

    /// Undoes a save, a support moment, a status change or a delete.
    pub async fn undo(&self, saved: &Saved<InitiativeFields>) -> Result<Initiative, StorageError> {
        self.entries.undo(saved).await
    }

    pub async fn get(&self, id: RecordId) -> Result<Option<Initiative>, StorageError> {
        self.entries.get(id).await
    }

    /// Every initiative that is not deleted, the most recently supported
    /// first (then the latest entered).
    pub async fn list(&self) -> Result<Vec<Initiative>, StorageError> {
        let mut list: Vec<Initiative> = self.entries.live().await?;
        sort_for_list(&mut list);
        Ok(list)
    }

    /// The counts of calendar year `year`.
    pub async fn totals(&self, year: i32) -> Result<InitiativeTotals, StorageError> {
        let live: Vec<Initiative> = self.entries.live().await?;
        Ok(totals_of(&live, year))
    }

    /// The list screen's data from one read: the list, in its order, and
    /// the year's counts.
    pub async fn overview(
        &self,
        year: i32,
    ) -> Result<(Vec<Initiative>, InitiativeTotals), StorageError> {
        let mut list: Vec<Initiative> = self.entries.live().await?;
        let totals = totals_of(&list, year);
        sort_for_list(&mut list);
        Ok((list, totals))
    }
}

fn sort_for_list(list: &mut [Initiative]) {
    list.sort_by_key(|i| Reverse((i.fields.last_supported(), i.meta.created_at, i.meta.id)));
}

/// The counts of `live` in calendar year `year`.
fn totals_of(live: &[Initiative], year: i32) -> InitiativeTotals {
    let Some((from, to)) = calendar_year(year) else {
        return InitiativeTotals::default();
    };
    let fields: Vec<InitiativeFields> = live.iter().map(|e| e.fields.clone()).collect();
    initiative_totals(&fields, from, to)
}
