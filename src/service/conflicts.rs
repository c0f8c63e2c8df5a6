//! Choosing between two versions of a record that two devices changed
//! independently (kept aside by import or sync, `domain::merge`): the
//! chosen content becomes the record's next revision, which then wins on
//! every device and on the server.

use super::Env;
use crate::domain::couch::SERVER_REV;
use crate::domain::merge::{differing_fields, settled_at};
use crate::domain::record::utc_millis;
use crate::storage::{KeptVersion, RecordStore, StorageError};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

/// A conflict as a person sees it: the version here and the other one,
/// and the fields in which they differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub version: KeptVersion,
    pub stored: Map<String, Value>,
    pub fields: Vec<String>,
}

impl Conflict {
    pub fn stored_revision(&self) -> u32 {
        self.stored
            .get("revision")
            .and_then(Value::as_u64)
            .unwrap_or(0) as u32
    }
}

/// Which version a person keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Here,
    Other,
}

pub struct ConflictService<S, E> {
    store: Rc<S>,
    env: E,
}

impl<S: RecordStore, E: Env> ConflictService<S, E> {
    pub fn new(store: Rc<S>, env: E) -> Self {
        Self { store, env }
    }

    /// Every kept version whose record is still stored (a deleted record
    /// has nothing to compare: its delete won).
    pub async fn list(&self) -> Result<Vec<Conflict>, StorageError> {
        Ok(self
            .store
            .kept_versions()
            .await?
            .into_iter()
            .filter_map(|version| {
                let stored = version.stored.clone()?;
                let fields = differing_fields(&stored, &version.kept);
                Some(Conflict {
                    version,
                    stored,
                    fields,
                })
            })
            .collect())
    }

    /// Keeps one version: stored as the next revision, the other dropped.
    /// The server's leaves of the versions kept aside are listed to be
    /// closed by the next sync (`service::sync::CLOSE_LEAVES`): the chosen
    /// revision continues the stored version's line, and the other lines
    /// end there.
    pub async fn choose(&self, conflict: &Conflict, choice: Choice) -> Result<(), StorageError> {
        let chosen = match choice {
            Choice::Here => &conflict.stored,
            Choice::Other => &conflict.version.kept,
        };
        let (kind, id) = (conflict.version.kind, conflict.version.id);
        let server_rev = |record: &Map<String, Value>| {
            record
                .get(SERVER_REV)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let own_line = server_rev(&conflict.stored);
        let kept: Vec<KeptVersion> = self
            .store
            .kept_versions()
            .await?
            .into_iter()
            .filter(|v| v.kind == kind && v.id == id)
            .collect();
        let others: Vec<String> = kept
            .iter()
            .filter_map(|v| server_rev(&v.kept))
            .filter(|rev| Some(rev) != own_line.as_ref())
            .collect();
        // Stamped with the versions' own latest time, not now: the same
        // choice made on two devices is then the same record.
        let versions = std::iter::once(&conflict.stored).chain(kept.iter().map(|v| &v.kept));
        let updated_at =
            settled_at(versions).unwrap_or_else(|| utc_millis::format(&self.env.now()));
        self.store
            .resolve(kind, id, conflict.stored_revision(), chosen, &updated_at)
            .await?;
        if others.is_empty() {
            return Ok(());
        }
        let mut leaves: BTreeMap<String, Vec<String>> = self
            .store
            .sync_state(crate::service::sync::CLOSE_LEAVES)
            .await?
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        let listed = leaves
            .entry(crate::domain::couch::doc_id(kind, id))
            .or_default();
        for rev in others {
            if !listed.contains(&rev) {
                listed.push(rev);
            }
        }
        let text = serde_json::to_string(&leaves).unwrap_or_default();
        self.store
            .set_sync_state(crate::service::sync::CLOSE_LEAVES, Some(&text))
            .await
    }
}
