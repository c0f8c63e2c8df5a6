//! Retention: removes from this device the contacts and survey responses
//! that the sync server keeps and that are older than the months the
//! coordinator chose (`domain::retention`). The choice is kept in the
//! store (`sync_state`), so the data worker applies it after each sync.

use super::Env;
use crate::domain::contact::Contact;
use crate::domain::entry::Record;
use crate::domain::retention::{cutoff, may_remove, months};
use crate::domain::survey::SurveyResponse;
use crate::storage::{RecordStore, StorageError};
use chrono::{DateTime, Utc};
use std::rc::Rc;

/// The `sync_state` key of the choice.
const RETENTION_KEY: &str = "retention_months";

/// Records a store transaction removes at a time.
const BATCH: usize = 500;

pub struct RetentionService<S, E> {
    store: Rc<S>,
    env: E,
}

impl<S: RecordStore, E: Env> RetentionService<S, E> {
    pub fn new(store: Rc<S>, env: E) -> Self {
        Self { store, env }
    }

    /// The months chosen; `None` keeps every record.
    pub async fn months(&self) -> Result<Option<u32>, StorageError> {
        Ok(months(
            self.store.sync_state(RETENTION_KEY).await?.as_deref(),
        ))
    }

    /// Sets the months (`None`: keep everything).
    pub async fn set_months(&self, chosen: Option<u32>) -> Result<(), StorageError> {
        let text = chosen.map(|m| m.to_string());
        self.store
            .set_sync_state(RETENTION_KEY, text.as_deref())
            .await
    }

    /// Removes what the retention allows now; how many records went.
    pub async fn prune(&self) -> Result<u32, StorageError> {
        let Some(months) = self.months().await? else {
            return Ok(0);
        };
        let before = cutoff(self.env.now(), months);
        Ok(self.prune_kind::<Contact>(before).await?
            + self.prune_kind::<SurveyResponse>(before).await?)
    }

    async fn prune_kind<R: Record>(&self, before: DateTime<Utc>) -> Result<u32, StorageError> {
        let old: Vec<_> = self
            .store
            .list_between::<R>(DateTime::<Utc>::MIN_UTC, before)
            .await?
            .iter()
            .map(Record::meta)
            .filter(|meta| may_remove(meta))
            .map(|meta| (meta.id, meta.revision))
            .collect();
        let mut removed = 0;
        for batch in old.chunks(BATCH) {
            removed += self.store.remove_synced(R::KIND, batch).await?;
        }
        Ok(removed)
    }
}
