//! Exporting every record of this device as one JSON file, and marking
//! what it held as shipped so the "not yet synced or exported" count drops.

use super::Env;
use crate::domain::export::{build_export, Export};
use crate::domain::record::RecordKind;
use crate::storage::{RecordStore, StorageError};
use std::rc::Rc;

pub struct ExportService<S, E> {
    store: Rc<S>,
    env: E,
    device_id: String,
}

impl<S: RecordStore, E: Env> ExportService<S, E> {
    pub fn new(store: Rc<S>, env: E, device_id: String) -> Self {
        Self {
            store,
            env,
            device_id,
        }
    }

    /// Every record of every kind, tombstones included, as an export file.
    pub async fn export(&self) -> Result<Export, StorageError> {
        let mut stored = Vec::new();
        for kind in RecordKind::ALL {
            stored.push((kind, self.store.list_raw(kind).await?));
        }
        build_export(stored, &self.device_id, self.env.now())
            .map_err(|e| StorageError::Failed(e.to_string()))
    }

    /// Records that the export's revisions have left the device.
    pub async fn mark_exported(&self, export: &Export) -> Result<(), StorageError> {
        for kind in RecordKind::ALL {
            let shipped = export.shipped_of(kind);
            if !shipped.is_empty() {
                self.store.mark_shipped(kind, &shipped).await?;
            }
        }
        Ok(())
    }
}
