//! The organisation's own lists: read what is stored, work out the lists in
//! effect, save an edited list. Thin: the rules live in
//! [`crate::domain::org_list`]. Every app reads the lists; only the
//! coordinator app saves them.

use super::Env;
use crate::domain::entry::Entry;
#[cfg(feature = "coordinator")]
use crate::domain::org_list::Band;
use crate::domain::org_list::{
    effective_age_bands, effective_taxonomy, ListName, OrgListFields, ORG_LIST_SCHEMA_VERSION,
};
use crate::domain::record::{RecordId, RecordKind};
use crate::domain::taxonomy::{Taxonomy, Term};
use crate::domain::trajectory::AgeBands;
use crate::storage::{RecordStore, StorageError};
use serde::Deserialize;
use std::rc::Rc;

/// A stored list.
pub type OrgList = Entry<OrgListFields>;

/// A stored list as every app reads it: a plain struct over the stored text
/// rather than the record type (whose flattened decoding costs the
/// volunteer app several kB of wasm).
#[derive(Deserialize)]
struct StoredList {
    id: RecordId,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    schema_version: u32,
    list: String,
    #[serde(default)]
    terms: Vec<Term>,
    /// Only trajectories (the coordinator app) use age bands.
    #[cfg(feature = "coordinator")]
    #[serde(default)]
    bands: Vec<Band>,
}

/// The content of the stored lists. Left out: deleted lists, lists of a
/// newer schema than this app knows, records that do not read, and a list
/// that is not under its fixed id (made by hand, say), so one list never
/// has two versions in effect.
pub async fn stored_lists<S: RecordStore>(store: &S) -> Result<Vec<OrgListFields>, StorageError> {
    Ok(read_lists(&store.list_raw(RecordKind::OrgList).await?))
}

/// As [`stored_lists`], from the stored texts (`RecordStore::list_raw`).
pub fn read_lists(raw: &[String]) -> Vec<OrgListFields> {
    raw.iter()
        .filter_map(|text| serde_json::from_str::<StoredList>(text).ok())
        .filter_map(|l| {
            let list = ListName::from_code(&l.list)?;
            let current = (1..=ORG_LIST_SCHEMA_VERSION).contains(&l.schema_version);
            (!l.deleted && current && ListName::from_id(l.id) == Some(list)).then_some(
                OrgListFields {
                    list,
                    terms: l.terms,
                    #[cfg(feature = "coordinator")]
                    bands: l.bands,
                    #[cfg(not(feature = "coordinator"))]
                    bands: Vec::new(),
                },
            )
        })
        .collect()
}

/// The lists of terms in effect: the built-in ones overlaid by `stored`.
pub fn taxonomy_in_effect(stored: &[OrgListFields]) -> Taxonomy {
    effective_taxonomy(Taxonomy::builtin(), stored)
}

/// The age bands in effect (only trajectories, in the coordinator app,
/// use them).
pub fn age_bands_in_effect(stored: &[OrgListFields]) -> AgeBands {
    effective_age_bands(&AgeBands::builtin(), stored)
}

/// The coordinator's edits of the lists.
pub struct OrgListService<S, E> {
    store: Rc<S>,
    env: E,
    device_id: String,
}

impl<S: RecordStore, E: Env> OrgListService<S, E> {
    pub fn new(store: Rc<S>, env: E, device_id: String) -> Self {
        Self {
            store,
            env,
            device_id,
        }
    }

    /// The stored lists as records, to edit (each under its fixed id).
    pub async fn lists(&self) -> Result<Vec<OrgList>, StorageError> {
        let mut lists: Vec<OrgList> = self.store.list().await?;
        lists.retain(|l| ListName::from_id(l.meta.id) == Some(l.fields.list));
        Ok(lists)
    }

    /// Stores an edited list: the first time as the list's record (its
    /// fixed id, so every device edits the same one), then as the next
    /// revision of `editing`. Returns after the write is durable.
    pub async fn save(
        &self,
        fields: OrgListFields,
        editing: Option<&OrgList>,
    ) -> Result<OrgList, StorageError> {
        let now = self.env.now();
        match editing {
            None => {
                let entry = Entry::new(fields.list.id(), fields, now, &self.device_id);
                self.store.insert(&entry).await?;
                Ok(entry)
            }
            Some(old) => {
                let entry = old.revised(fields, now);
                self.store.update(&entry).await?;
                Ok(entry)
            }
        }
    }
}
