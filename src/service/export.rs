//! Exporting every record of this device, or those of one period, as one
//! JSON file, and marking what it held as shipped (see `mark_exported`).

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

#[cfg(feature = "coordinator")]
use crate::domain::export_period::{build_period_export, Period};

/// The export of one period: the coordinator app's only.
#[cfg(feature = "coordinator")]
impl<S: RecordStore, E: Env> ExportService<S, E> {
    /// The records of every kind whose time (each kind's `occurred_at`;
    /// see `PeriodWindow::holds`) falls in `period`, local calendar days
    /// in this device's time zone, both included; tombstones included. The
    /// file's head names the period.
    ///
    /// `mark_exported` marks exactly the revisions a file holds, so after
    /// an export of one period every record outside it is still pending.
    /// Callers mark nothing while a sync server is set: then "not yet
    /// synced" means not on the server, and a file does not change that.
    pub async fn export_period(&self, period: Period) -> Result<Export, StorageError> {
        let window = period
            .window(|local| self.env.to_utc(local))
            .ok_or_else(|| {
                StorageError::Failed("the period is outside the clock's range".into())
            })?;
        let mut stored = Vec::new();
        for kind in RecordKind::ALL {
            stored.push((kind, self.store.list_raw(kind).await?));
        }
        build_period_export(stored, &self.device_id, self.env.now(), &window)
            .map_err(|e| StorageError::Failed(e.to_string()))
    }

    /// The period an export of one period offers first: this calendar year
    /// so far, in local time.
    pub fn default_period(&self) -> Period {
        Period::year_so_far(self.env.to_local(self.env.now()).date())
    }
}
