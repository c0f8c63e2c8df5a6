//! Registering contacts: validate, stamp, store durably, undo, delete.

use super::Env;
use crate::domain::contact::{validate, Contact, ContactDraft, FieldError, ValidationContext};
use crate::domain::record::RecordId;
use crate::domain::taxonomy::Taxonomy;
use crate::storage::{RecordStore, StorageError, StoreStats};
use chrono::{Days, NaiveTime};
use std::rc::Rc;

/// Why a save did not happen. Nothing was written in either case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    Invalid(Vec<FieldError>),
    Storage(StorageError),
}

impl From<StorageError> for SaveError {
    fn from(error: StorageError) -> Self {
        Self::Storage(error)
    }
}

/// A completed save: what is stored now and what was there before, so the
/// save can be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub contact: Contact,
    pub previous: Option<Contact>,
}

pub struct ContactService<S, E> {
    store: Rc<S>,
    env: E,
    taxonomy: Rc<Taxonomy>,
    device_id: String,
}

impl<S: RecordStore, E: Env> ContactService<S, E> {
    pub fn new(store: Rc<S>, env: E, taxonomy: Rc<Taxonomy>, device_id: String) -> Self {
        Self {
            store,
            env,
            taxonomy,
            device_id,
        }
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    pub fn env(&self) -> &E {
        &self.env
    }

    /// A fresh form for this device's location, at the current local time.
    pub fn fresh_draft(&self, location: &str, initials: &str) -> ContactDraft {
        ContactDraft::fresh(
            &self.taxonomy,
            location,
            initials,
            self.env.to_local(self.env.now()),
        )
    }

    /// The form that edits `contact`.
    pub fn edit_draft(&self, contact: &Contact) -> ContactDraft {
        ContactDraft::from_fields(
            &contact.fields,
            self.env.to_local(contact.fields.occurred_at),
        )
    }

    /// Validates and stores a new contact, or the next revision of `editing`.
    /// Returns only after the store has made the write durable.
    pub async fn save(
        &self,
        draft: &ContactDraft,
        editing: Option<&Contact>,
    ) -> Result<Saved, SaveError> {
        let now = self.env.now();
        let cx = ValidationContext {
            taxonomy: &self.taxonomy,
            now,
            local_to_utc: |local| self.env.to_utc(local),
        };
        let fields = validate(draft, &cx).map_err(SaveError::Invalid)?;
        match editing {
            None => {
                let id = RecordId::new_v7(
                    now.timestamp_millis().max(0) as u64,
                    self.env.random_bytes(),
                );
                let contact = Contact::new(id, fields, now, &self.device_id);
                self.store.insert(&contact).await?;
                Ok(Saved {
                    contact,
                    previous: None,
                })
            }
            Some(old) => {
                let contact = old.revised(fields, now);
                self.store.update(&contact).await?;
                Ok(Saved {
                    contact,
                    previous: Some(old.clone()),
                })
            }
        }
    }

    /// Undoes a save: a new contact becomes a tombstone (it may have been
    /// exported already), an edit gets its old content back as a new revision.
    pub async fn undo(&self, saved: &Saved) -> Result<Contact, StorageError> {
        let now = self.env.now();
        let reverted = match &saved.previous {
            None => saved.contact.deleted(now),
            Some(previous) => {
                let mut back = saved.contact.revised(previous.fields.clone(), now);
                back.meta.deleted = previous.meta.deleted;
                back
            }
        };
        self.store.update(&reverted).await?;
        Ok(reverted)
    }

    /// Deletes as a tombstone, so the delete can sync.
    pub async fn delete(&self, contact: &Contact) -> Result<Saved, StorageError> {
        let tombstone = contact.deleted(self.env.now());
        self.store.update(&tombstone).await?;
        Ok(Saved {
            contact: tombstone,
            previous: Some(contact.clone()),
        })
    }

    /// Today's contacts (local day), newest first, without tombstones.
    pub async fn today(&self) -> Result<Vec<Contact>, StorageError> {
        let local_now = self.env.to_local(self.env.now());
        let midnight = local_now.date().and_time(NaiveTime::MIN);
        let next_midnight = midnight.checked_add_days(Days::new(1)).unwrap_or(midnight);
        let from = self.env.to_utc(midnight).unwrap_or_else(|| self.env.now());
        let to = self
            .env
            .to_utc(next_midnight)
            .unwrap_or_else(|| self.env.now());
        let mut contacts: Vec<Contact> = self.store.list_between(from, to).await?;
        contacts.retain(|c| !c.meta.deleted);
        contacts.reverse();
        Ok(contacts)
    }

    pub async fn get(&self, id: RecordId) -> Result<Option<Contact>, StorageError> {
        self.store.get(id).await
    }

    /// Records of every kind not yet synced or exported (cheap: the header
    /// asks after every save).
    pub async fn pending_count(&self) -> Result<u32, StorageError> {
        self.store.pending_count().await
    }

    pub async fn stats(&self) -> Result<StoreStats, StorageError> {
        self.store.stats().await
    }
}
