//! Saving, undoing and deleting records ([`Entry`]): the one path every
//! kind shares (contacts, survey responses and versions, trajectories,
//! activities, initiatives). Each kind's own service validates its content
//! with the domain and then calls these.

use super::Env;
use crate::domain::entry::{Entry, EntryFields};
use crate::domain::record::RecordId;
use crate::storage::{RecordStore, StorageError};
use chrono::NaiveDate;
use std::rc::Rc;

/// Why a save did not happen. Nothing was written in either case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError<P> {
    /// Every problem with the content, so the form can show them all.
    Invalid(Vec<P>),
    Storage(StorageError),
}

impl<P> From<StorageError> for SaveError<P> {
    fn from(error: StorageError) -> Self {
        Self::Storage(error)
    }
}

/// A completed change: what is stored now and what was there before, so it
/// can be undone.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved<F> {
    pub entry: Entry<F>,
    pub previous: Option<Entry<F>>,
}

pub struct Entries<S, E> {
    store: Rc<S>,
    env: E,
    device_id: String,
}

impl<S: RecordStore, E: Env> Entries<S, E> {
    pub fn new(store: Rc<S>, env: E, device_id: String) -> Self {
        Self {
            store,
            env,
            device_id,
        }
    }

    pub fn env(&self) -> &E {
        &self.env
    }

    /// The local date today.
    pub fn today(&self) -> NaiveDate {
        self.env.to_local(self.env.now()).date()
    }

    /// Stores `fields` as a new record, or as the next revision of
    /// `editing`. Returns after the write is durable.
    pub async fn save<F: EntryFields>(
        &self,
        fields: F,
        editing: Option<&Entry<F>>,
    ) -> Result<Saved<F>, StorageError> {
        let now = self.env.now();
        match editing {
            None => {
                let id = RecordId::new_v7(
                    now.timestamp_millis().max(0) as u64,
                    self.env.random_bytes(),
                );
                let entry = Entry::new(id, fields, now, &self.device_id);
                self.store.insert(&entry).await?;
                Ok(Saved {
                    entry,
                    previous: None,
                })
            }
            Some(old) => {
                let entry = old.revised(fields, now);
                self.store.update(&entry).await?;
                Ok(Saved {
                    entry,
                    previous: Some(old.clone()),
                })
            }
        }
    }

    /// Stores a record made elsewhere with its own id and times (an
    /// anonymous survey response). Returns after the write is durable.
    pub async fn add<F: EntryFields>(&self, entry: &Entry<F>) -> Result<(), StorageError> {
        self.store.insert(entry).await
    }

    /// Undoes a change: a new record becomes a tombstone (it may have left
    /// the device already), an edit or delete gets the old content back as
    /// the next revision.
    pub async fn undo<F: EntryFields>(&self, saved: &Saved<F>) -> Result<Entry<F>, StorageError> {
        let now = self.env.now();
        let reverted = match &saved.previous {
            None => saved.entry.deleted(now),
            Some(previous) => {
                let mut back = saved.entry.revised(previous.fields.clone(), now);
                back.meta.deleted = previous.meta.deleted;
                back
            }
        };
        self.store.update(&reverted).await?;
        Ok(reverted)
    }

    /// Deletes as a tombstone, so the delete can sync and be undone.
    pub async fn delete<F: EntryFields>(&self, entry: &Entry<F>) -> Result<Saved<F>, StorageError> {
        let tombstone = entry.deleted(self.env.now());
        self.store.update(&tombstone).await?;
        Ok(Saved {
            entry: tombstone,
            previous: Some(entry.clone()),
        })
    }

    pub async fn get<F: EntryFields>(
        &self,
        id: RecordId,
    ) -> Result<Option<Entry<F>>, StorageError> {
        // A tombstone reads as no record (the store contract).
        self.store.get::<Entry<F>>(id).await
    }

    /// Every record of the kind that is not deleted, in order of entry:
    /// stores list live records only, tombstones keep no content.
    pub async fn live<F: EntryFields>(&self) -> Result<Vec<Entry<F>>, StorageError> {
        self.store.list().await
    }
}
