//! Sentences of the sync (staff apps only): why a sync stopped, each saying
//! what happens to the records and what to do.

use super::{fill, storage_message, Key, Locale};
use crate::service::sync::{NetError, SyncError};

pub fn sync_error(locale: &Locale, error: &SyncError) -> String {
    let text = |key| locale.text(key).to_owned();
    match error {
        SyncError::Net(NetError::Offline) => text(Key::SyncOffline),
        SyncError::Net(NetError::Unreachable) => text(Key::SyncUnreachable),
        SyncError::Net(NetError::CorsNotSet) => text(Key::SyncCors),
        SyncError::Net(NetError::TimedOut) => text(Key::SyncTimeout),
        SyncError::WrongLogin => text(Key::SyncWrongLogin),
        SyncError::NoAccess => text(Key::SyncNoAccess),
        SyncError::NoDatabase => text(Key::SyncNoDatabase),
        SyncError::NotSetUp => text(Key::SyncNotSetUp),
        SyncError::Server(status) => fill(
            locale.text(Key::SyncServerError),
            &[("status", &status.to_string())],
        ),
        SyncError::BadReply => text(Key::SyncBadReply),
        SyncError::ReplyTooLarge { bytes } => fill(
            locale.text(Key::SyncReplyTooLarge),
            &[("size", &format!("{} MB", bytes.div_ceil(1_000_000)))],
        ),
        SyncError::Storage(error) => storage_message(locale, error),
    }
}
