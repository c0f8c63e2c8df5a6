//! The organisation's lists as the apps see them: read when the app opens
//! (`App`), and again after every change of data (a save, an import, a
//! sync: `DataVersion`). When the stored lists changed, the use cases that
//! hold them are built anew and `Lists` is bumped, so screens that keep the
//! lists are built again.

use super::{DataVersion, Services};
use crate::domain::record::RecordKind;
use crate::storage::RecordStore;
use leptos::prelude::*;

/// Bumped when the lists in effect change.
#[derive(Clone, Copy)]
pub struct Lists(pub RwSignal<u32>);

/// Reads the stored lists after each change of data; the first run is the
/// app opening, whose lists `App` has just read.
pub fn watch_lists(services: Services) -> Lists {
    let lists = Lists(RwSignal::new(0));
    let version = expect_context::<DataVersion>();
    Effect::new(move |opened: Option<()>| {
        version.0.track();
        if opened.is_some() {
            leptos::task::spawn_local(async move {
                if services.reload_lists().await {
                    lists.0.try_update(|n| *n += 1);
                }
            });
        }
    });
    lists
}

impl Services {
    /// Reads the stored lists; when they differ from those last read,
    /// builds the use cases that hold them anew. Says whether they changed.
    async fn reload_lists(self) -> bool {
        let Some(store) = self.0.try_with_value(|u| u.store.clone()) else {
            return false;
        };
        let Ok(read) = store.list_raw(RecordKind::OrgList).await else {
            return false;
        };
        if self.0.try_with_value(|u| u.lists_read == read) != Some(false) {
            return false;
        }
        self.0.try_update_value(|u| u.with_lists(read));
        true
    }
}
