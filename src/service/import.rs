//! Importing an export file: check the whole file, preview what it would
//! change, then merge it by the merge rule (`domain::merge`) in batches.
//!
//! Nothing is written before the person confirms the preview, and a file
//! that is refused writes nothing at all. Importing the same file twice
//! changes nothing the second time: every record is then identical.

use crate::domain::import::{read_import, FileProblem, ImportFile, Position, RecordProblem};
use crate::domain::merge::{Tally, Verdict};
use crate::storage::{RecordStore, StorageError};
use std::rc::Rc;

/// Records merged per transaction: large enough to be quick, small enough
/// that the page stays responsive and progress can be shown.
pub const BATCH: usize = 1000;

/// Why an import did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file is refused as a whole; nothing was written.
    File(FileProblem),
    Storage(StorageError),
}

impl From<StorageError> for ImportError {
    fn from(error: StorageError) -> Self {
        ImportError::Storage(error)
    }
}

/// A checked file and what merging it would do, for the person to confirm.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub file: ImportFile,
    /// Per verdict how many records would get it; `invalid` counts the
    /// records left out.
    pub tally: Tally,
}

impl Preview {
    /// Records the merge would look at (the invalid ones aside).
    pub fn total(&self) -> usize {
        self.file.len()
    }
}

pub struct ImportService<S> {
    store: Rc<S>,
}

impl<S: RecordStore> ImportService<S> {
    pub fn new(store: Rc<S>) -> Self {
        Self { store }
    }

    /// Reads and checks the whole file and judges every record against what
    /// is stored. Writes nothing.
    pub async fn preview(&self, text: &str) -> Result<Preview, ImportError> {
        let file = read_import(text).map_err(ImportError::File)?;
        let mut tally = Tally {
            invalid: file.invalid.len() as u32,
            ..Tally::default()
        };
        for (kind, records) in &file.records {
            for batch in records.chunks(BATCH) {
                for verdict in self.store.judge(*kind, batch).await? {
                    tally.count(verdict);
                }
            }
        }
        Ok(Preview { file, tally })
    }

    /// Merges the previewed file, a batch per transaction, calling
    /// `progress(done, total)` after each. Returns what was done; each
    /// record is judged again as it is written, so a change made since the
    /// preview is never overwritten by an older one. A failure stops the
    /// import: the batches before it are merged (importing again finishes
    /// the job), the failed one is not.
    pub async fn apply(
        &self,
        preview: &Preview,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Tally, StorageError> {
        let total = preview.total();
        let mut done = 0;
        let mut tally = Tally {
            invalid: preview.tally.invalid,
            ..Tally::default()
        };
        for (kind, records) in &preview.file.records {
            let mut merged = |verdicts: Vec<Verdict>| {
                done += verdicts.len();
                verdicts.into_iter().for_each(|v| tally.count(v));
                progress(done, total);
            };
            self.store
                .merge_batches(*kind, records, BATCH, false, &mut merged)
                .await?;
        }
        Ok(tally)
    }

    /// Versions kept aside because they conflict with a stored record.
    pub async fn conflict_count(&self) -> Result<u32, StorageError> {
        self.store.conflict_count().await
    }
}

/// What the screen asks of an import running elsewhere (the data worker):
/// the file's text comes beside the request, not inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportRequest {
    /// Check the file sent with this request and judge every record.
    Preview,
    /// Merge the file of the last preview.
    Apply,
    /// Drop the last preview (the person cancelled).
    Forget,
}

impl ImportRequest {
    /// The request's name in a message.
    pub fn name(self) -> &'static str {
        match self {
            ImportRequest::Preview => "preview",
            ImportRequest::Apply => "apply",
            ImportRequest::Forget => "forget",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Preview, Self::Apply, Self::Forget]
            .into_iter()
            .find(|r| r.name() == name)
    }
}

/// What an import running elsewhere answers, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportReply {
    Preview(PreviewSummary),
    Refused(FileProblem),
    Progress { done: usize, total: usize },
    Done(Tally),
    Failed(StorageError),
}

/// A preview as the screen shows it: the counts, and the first records left
/// out with their place and reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewSummary {
    pub tally: Tally,
    pub invalid: Vec<(Position, RecordProblem)>,
}

/// Records left out that a summary names one by one; the rest are counted.
pub const INVALID_NAMED: usize = 20;

impl From<&Preview> for PreviewSummary {
    fn from(preview: &Preview) -> Self {
        Self {
            tally: preview.tally,
            invalid: preview
                .file
                .invalid
                .iter()
                .take(INVALID_NAMED)
                .cloned()
                .collect(),
        }
    }
}

/// One import conversation: a preview kept between the request that made it
/// and the one that applies it, so a large file is read once.
pub struct ImportSession<S> {
    service: ImportService<S>,
    preview: Option<Preview>,
}

impl<S: RecordStore> ImportSession<S> {
    pub fn new(store: Rc<S>) -> Self {
        Self {
            service: ImportService::new(store),
            preview: None,
        }
    }

    /// Handles one request (with the file's text for `Preview`), sending
    /// every reply through `reply`. `Apply` without a preview does nothing.
    pub async fn handle(
        &mut self,
        request: ImportRequest,
        text: Option<String>,
        mut reply: impl FnMut(ImportReply),
    ) {
        match request {
            ImportRequest::Preview => {
                self.preview = None;
                match self.service.preview(text.as_deref().unwrap_or("")).await {
                    Ok(preview) => {
                        reply(ImportReply::Preview(PreviewSummary::from(&preview)));
                        self.preview = Some(preview);
                    }
                    Err(ImportError::File(problem)) => reply(ImportReply::Refused(problem)),
                    Err(ImportError::Storage(error)) => reply(ImportReply::Failed(error)),
                }
            }
            ImportRequest::Apply => {
                let Some(preview) = self.preview.take() else {
                    return;
                };
                let result = self
                    .service
                    .apply(&preview, |done, total| {
                        reply(ImportReply::Progress { done, total })
                    })
                    .await;
                reply(match result {
                    Ok(tally) => ImportReply::Done(tally),
                    Err(error) => ImportReply::Failed(error),
                });
            }
            ImportRequest::Forget => self.preview = None,
        }
    }
}
