//! The organisation's own lists: read what is stored, work out the lists in
//! effect, save an edited list. Thin: the rules live in
//! [`crate::domain::org_list`]. Every app reads the lists (through the
//! store's generic `list`); only the coordinator app saves them.

use super::Env;
use crate::domain::entry::Entry;
use crate::domain::org_list::{effective_age_bands, effective_taxonomy, ListName, OrgListFields};
use crate::domain::taxonomy::Taxonomy;
use crate::domain::trajectory::AgeBands;
use crate::storage::{RecordStore, StorageError};
use std::rc::Rc;

/// A stored list.
pub type OrgList = Entry<OrgListFields>;

/// The stored lists. A record that is not under its list's fixed id (made
/// by hand, say) is left out, so one list never has two versions in effect.
pub async fn stored_lists<S: RecordStore>(store: &S) -> Result<Vec<OrgList>, StorageError> {
    let mut lists: Vec<OrgList> = store.list().await?;
    lists.retain(|l| ListName::from_id(l.meta.id) == Some(l.fields.list));
    Ok(lists)
}

/// The lists of terms in effect: the built-in ones overlaid by `stored`.
pub fn taxonomy_in_effect(stored: &[OrgList]) -> Taxonomy {
    let fields: Vec<OrgListFields> = stored.iter().map(|l| l.fields.clone()).collect();
    effective_taxonomy(&Taxonomy::builtin(), &fields)
}

/// The age bands in effect (only trajectories, in the coordinator app,
/// use them).
pub fn age_bands_in_effect(stored: &[OrgList]) -> AgeBands {
    let fields: Vec<OrgListFields> = stored.iter().map(|l| l.fields.clone()).collect();
    effective_age_bands(&AgeBands::builtin(), &fields)
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

    pub async fn lists(&self) -> Result<Vec<OrgList>, StorageError> {
        stored_lists(&*self.store).await
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
