//! Registering contacts: validate with the domain, then save, undo and
//! delete through the one record path ([`Entries`]) that every kind shares.

use super::entries::{Entries, SaveError, Saved};
use super::Env;
use crate::domain::contact::{
    validate, Contact, ContactDraft, ContactFields, FieldError, ValidationContext,
};
use crate::domain::record::RecordId;
use crate::domain::taxonomy::Taxonomy;
use crate::storage::{RecordStore, StorageError, StoreStats};
use chrono::{Days, NaiveTime};
use std::rc::Rc;

/// A completed save of a contact, with what was there before (for Undo).
pub type SavedContact = Saved<ContactFields>;

pub struct ContactService<S, E> {
    entries: Entries<S, E>,
    store: Rc<S>,
    taxonomy: Rc<Taxonomy>,
}

impl<S: RecordStore, E: Env> ContactService<S, E> {
    pub fn new(store: Rc<S>, env: E, taxonomy: Rc<Taxonomy>, device_id: String) -> Self {
        Self {
            entries: Entries::new(store.clone(), env, device_id),
            store,
            taxonomy,
        }
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The same `Rc`, for components that keep the lists for their lifetime
    /// instead of cloning them on each render.
    pub fn shared_taxonomy(&self) -> Rc<Taxonomy> {
        self.taxonomy.clone()
    }

    pub fn env(&self) -> &E {
        self.entries.env()
    }

    /// A fresh form for this device's location, at the current local time.
    pub fn fresh_draft(&self, location: &str, initials: &str) -> ContactDraft {
        let env = self.env();
        ContactDraft::fresh(&self.taxonomy, location, initials, env.to_local(env.now()))
    }

    /// The form that edits `contact`, or that puts an undone contact's
    /// values back so it can be corrected and saved again.
    pub fn edit_draft(&self, fields: &ContactFields) -> ContactDraft {
        ContactDraft::from_fields(fields, self.env().to_local(fields.occurred_at))
    }

    /// Validates and stores a new contact, or the next revision of `editing`.
    /// Returns only after the store has made the write durable.
    pub async fn save(
        &self,
        draft: &ContactDraft,
        editing: Option<&Contact>,
    ) -> Result<SavedContact, SaveError<FieldError>> {
        let env = self.env();
        let cx = ValidationContext {
            taxonomy: &self.taxonomy,
            now: env.now(),
            local_to_utc: |local| env.to_utc(local),
        };
        let fields = validate(draft, &cx).map_err(SaveError::Invalid)?;
        Ok(self.entries.save(fields, editing).await?)
    }

    /// Undoes a save or a delete (see [`Entries::undo`]).
    pub async fn undo(&self, saved: &SavedContact) -> Result<Contact, StorageError> {
        self.entries.undo(saved).await
    }

    /// Deletes as a tombstone, so the delete can sync and be undone.
    pub async fn delete(&self, contact: &Contact) -> Result<SavedContact, StorageError> {
        self.entries.delete(contact).await
    }

    /// Today's contacts (local day), newest first, without tombstones.
    pub async fn today(&self) -> Result<Vec<Contact>, StorageError> {
        let env = self.env();
        let local_now = env.to_local(env.now());
        let midnight = local_now.date().and_time(NaiveTime::MIN);
        let next_midnight = midnight.checked_add_days(Days::new(1)).unwrap_or(midnight);
        let from = env.to_utc(midnight).unwrap_or_else(|| env.now());
        let to = env.to_utc(next_midnight).unwrap_or_else(|| env.now());
        // Stores list live records only (tombstones keep no content).
        let mut contacts: Vec<Contact> = self.store.list_between(from, to).await?;
        contacts.reverse();
        Ok(contacts)
    }

    pub async fn get(&self, id: RecordId) -> Result<Option<Contact>, StorageError> {
        self.entries.get(id).await
    }

    /// Records of every kind with changes not yet synced or exported,
    /// deletions included (cheap: the header asks after every save).
    pub async fn pending_count(&self) -> Result<u32, StorageError> {
        self.store.pending_count().await
    }

    pub async fn stats(&self) -> Result<StoreStats, StorageError> {
        self.store.stats().await
    }
}
