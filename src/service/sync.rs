//! The sync with a CouchDB database: push what changed on this device, pull
//! what changed on the server, the way CouchDB's own replication does it
//! (`domain::couch`), over any `Http`, so it runs natively in tests against
//! a fake server and in the data worker over `fetch`.
//!
//! Every step can be repeated without harm: a batch sent twice is stored
//! once (fixed `_rev`s, `new_edits:false`), and a page pulled twice merges
//! to nothing (the merge rule). So a cut connection, a reload or a crash in
//! the middle only costs the repeat of one batch: a record counts as synced
//! only after the server said it holds it, and a pull's position is saved
//! only after its page was merged.

use crate::domain::couch::{
    self, bulk_docs_errors, bulk_docs_request, checkpoint_body, checkpoint_doc_id, closing_doc,
    missing_revs, outgoing, read_changes, read_doc, resume_from, revs_diff_request, since_param,
    OutgoingDoc, ReplyProblem, Rev,
};
use crate::domain::import::Incoming;
use crate::domain::merge::Verdict;
use crate::domain::record::{RecordId, RecordKind};
use crate::domain::survey::public::{own_published, public_doc_id};
use crate::domain::survey::{StoredSurvey, SurveyDefinition};
use crate::storage::{RawPage, RecordStore, StorageError};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::future::Future;
use std::task::Poll;

/// The `sync_state` key of the server leaves to close: versions a person
/// did not choose when settling a conflict (`service::conflicts`), as
/// `{doc id: [rev, …]}`.
pub const CLOSE_LEAVES: &str = "close-leaves";

/// Documents per `_revs_diff` + `_bulk_docs` round.
pub const PUSH_BATCH: usize = 500;
/// Changes per `_changes` page.
pub const PULL_BATCH: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
        }
    }
}

/// A request to the server; the transport adds the login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    /// Absolute URL.
    pub url: String,
    /// JSON text.
    pub body: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpReply {
    pub status: u16,
    pub body: String,
}

/// Why a request got no reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetError {
    /// The device has no network.
    Offline,
    /// No answer: the server is down, the address is wrong, or the
    /// connection broke.
    Unreachable,
    /// The server answers, but not to this app: its CORS settings do not
    /// name the app's address.
    CorsNotSet,
    /// The server took too long.
    TimedOut,
}

/// The transport: `fetch` in the browser, a fake server in tests.
#[allow(async_fn_in_trait)]
pub trait Http {
    async fn send(&self, request: HttpRequest) -> Result<HttpReply, NetError>;
}

/// Which records a device pulls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullScope {
    /// Everything (a coordinator's device: its figures cover every hub).
    All,
    /// What every device shares: the organisation's survey versions (a
    /// volunteer's tablet need not hold other hubs' records). Filtered on
    /// the server by the design document's `shared` filter.
    Shared,
}

impl PullScope {
    fn wants(self, kind: RecordKind) -> bool {
        match self {
            PullScope::All => true,
            PullScope::Shared => {
                matches!(kind, RecordKind::SurveyDefinition | RecordKind::OrgList)
            }
        }
    }
}

/// Where to sync: the server, its database, who this device is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncTarget {
    /// Base URL without a trailing slash, e.g. `https://wijkpeil.example.nl/couchdb`.
    pub server: String,
    pub database: String,
    pub device_id: String,
    pub scope: PullScope,
    /// The residents' drop-off database on the same server, pulled by a
    /// coordinator's device (`PullScope::All`): its answers join the
    /// figures, and are pushed on to the main database like any record
    /// made here.
    pub dropoff: Option<String>,
}

impl SyncTarget {
    fn db_url(&self) -> String {
        format!("{}/{}", self.server, encode(&self.database))
    }

    fn dropoff_url(&self) -> Option<String> {
        let name = self.dropoff.as_ref()?;
        Some(format!("{}/{}", self.server, encode(name)))
    }

    /// The key this target's own values are kept under: a new server or
    /// database starts with a full push and a pull from the start.
    fn state_key(&self, what: &str) -> String {
        format!("{what} {} {}", self.server, self.database)
    }
}

/// Why a sync stopped. Nothing is lost by any of them: what was not
/// confirmed by the server stays pending and goes with the next sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    Net(NetError),
    /// 401: the user name or password is wrong.
    WrongLogin,
    /// 403: the login may not use this database.
    NoAccess,
    /// 404: the database does not exist on this server.
    NoDatabase,
    /// The server is not set up for Wijkpeil (the design document with
    /// the `shared` filter is missing).
    NotSetUp,
    /// The server answered with an error status (5xx and others).
    Server(u16),
    /// The server's answer is not what CouchDB sends.
    BadReply,
    /// The server's answer is larger than this app reads
    /// (`couch::REPLY_LIMITS`); nothing of it was taken.
    ReplyTooLarge {
        bytes: usize,
    },
    Storage(StorageError),
}

impl From<ReplyProblem> for SyncError {
    fn from(problem: ReplyProblem) -> Self {
        match problem {
            ReplyProblem::NotCouch => SyncError::BadReply,
            ReplyProblem::TooLarge { bytes } => SyncError::ReplyTooLarge { bytes },
        }
    }
}

impl From<StorageError> for SyncError {
    fn from(error: StorageError) -> Self {
        SyncError::Storage(error)
    }
}

impl From<NetError> for SyncError {
    fn from(error: NetError) -> Self {
        SyncError::Net(error)
    }
}

impl SyncError {
    /// Whether trying again later may help without anyone changing a
    /// setting (the timer backs off on these).
    pub fn is_passing(&self) -> bool {
        matches!(
            self,
            SyncError::Net(_)
                | SyncError::Server(_)
                | SyncError::BadReply
                | SyncError::ReplyTooLarge { .. }
        )
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Records the server did not hold before.
    pub pushed: u32,
    /// Records taken from the server (new or newer here).
    pub pulled: u32,
    /// Versions kept aside because two devices changed a record.
    pub conflicts: u32,
    /// Records the server refused, by document id with its reason; they
    /// stay on this device, pending.
    pub refused: Vec<(String, String)>,
    /// Records that could not be read (here or on the server); kept.
    pub unreadable: u32,
}

/// Progress for the person waiting: a stage and how far it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncProgress {
    Pushing { done: u32, total: u32 },
    Pulling { done: u32 },
}

pub struct SyncService<'a, S, H> {
    store: &'a S,
    http: &'a H,
    target: &'a SyncTarget,
}

impl<'a, S: RecordStore, H: Http> SyncService<'a, S, H> {
    pub fn new(store: &'a S, http: &'a H, target: &'a SyncTarget) -> Self {
        Self {
            store,
            http,
            target,
        }
    }

    async fn request(
        &self,
        method: Method,
        url: String,
        body: Option<String>,
    ) -> Result<HttpReply, SyncError> {
        Ok(self.http.send(HttpRequest { method, url, body }).await?)
    }

    /// Whether the server, the login and the database are right: the
    /// "Verbinding testen" of the settings.
    pub async fn check(&self) -> Result<(), SyncError> {
        let reply = self
            .request(Method::Get, self.target.db_url(), None)
            .await?;
        status(&reply)?;
        if self.target.scope == PullScope::Shared {
            let reply = self
                .request(
                    Method::Get,
                    format!("{}/_design/wijkpeil", self.target.db_url()),
                    None,
                )
                .await?;
            if reply.status == 404 {
                return Err(SyncError::NotSetUp);
            }
            status(&reply)?;
        }
        Ok(())
    }

    /// Pushes, then pulls.
    pub async fn run(&self, progress: &dyn Fn(SyncProgress)) -> Result<SyncReport, SyncError> {
        let mut report = SyncReport::default();
        self.check().await?;
        self.push(&mut report, progress).await?;
        self.pull(&mut report, progress).await?;
        if self.target.scope == PullScope::All {
            self.pull_dropoff(&mut report, progress).await?;
        }
        Ok(report)
    }

    /// Sends every record the server lacks. The first push to a target
    /// offers every record (an export may have marked records as shipped
    /// that never reached this server); later ones only the pending.
    pub async fn push(
        &self,
        report: &mut SyncReport,
        progress: &dyn Fn(SyncProgress),
    ) -> Result<(), SyncError> {
        let full_key = self.target.state_key("full-push");
        let full = self.store.sync_state(&full_key).await?.is_none();
        let total = if full {
            let stats = self.store.stats().await?;
            stats.live + stats.deleted + stats.unreadable
        } else {
            self.store.pending_count().await?
        };
        let mut done = 0;
        progress(SyncProgress::Pushing { done, total });
        let mut refused: HashSet<String> = HashSet::new();
        // Batches overlap: while the server is asked about one batch and
        // stores it, the batch before is marked as synced and the next one
        // is read from the store and made ready. A record still counts as
        // synced only after the server said it holds it.
        let mut marking: Option<Marking> = None;
        for kind in RecordKind::ALL {
            let mut batch = self.read_batch(kind, full, None, &refused, report).await?;
            while let Some(current) = batch.take() {
                let mut skip = refused.clone();
                skip.extend(current.docs.iter().map(|d| d.doc_id.clone()));
                let in_flight: HashSet<RecordId> = current.docs.iter().map(|d| d.id).collect();
                let mut unreadable = 0;
                let network = async {
                    // The first push to a server offers every record, most
                    // of which it may hold already: ask which it lacks.
                    // Later ones send the pending at once; one the server
                    // holds already (a reply lost on the way) is stored
                    // once anyway (`new_edits:false`), so asking first
                    // would cost a round trip for nothing.
                    let to_send = if full {
                        self.ask_missing(&current.docs).await?
                    } else {
                        current.docs.iter().collect()
                    };
                    let reply = self.send_docs(&to_send).await?;
                    Ok::<_, SyncError>((to_send, reply))
                };
                let before = marking.take();
                let here = async {
                    // The batch before first: a pending record it held is
                    // no longer pending when the next page is read.
                    let marked = self.mark(before).await?;
                    let next = if current.last {
                        None
                    } else {
                        self.read_page(
                            kind,
                            full,
                            current.after,
                            &skip,
                            &in_flight,
                            &mut unreadable,
                        )
                        .await?
                    };
                    Ok::<_, SyncError>((marked, next))
                };
                let (network, here) = join(network, here).await;
                let (marked, next) = here?;
                if marked > 0 {
                    done += marked;
                    progress(SyncProgress::Pushing {
                        done,
                        total: total.max(done),
                    });
                }
                let (to_send, reply) = network?;
                let failed = self.stored(reply, &to_send, report, &mut refused)?;
                let synced = Marking::of(kind, &current.docs, &failed);
                // Another per-document error (not a refusal) is passing: the
                // records stay pending, and the sync says it did not finish.
                if errors_left(&failed, &refused) > 0 {
                    self.mark(Some(synced)).await?;
                    return Err(SyncError::Server(500));
                }
                marking = Some(synced);
                report.unreadable += unreadable;
                batch = next.and_then(|mut next| {
                    next.docs.retain(|d| !refused.contains(&d.doc_id));
                    (!next.docs.is_empty()).then_some(next)
                });
            }
        }
        let marked = self.mark(marking.take()).await?;
        if marked > 0 {
            done += marked;
            progress(SyncProgress::Pushing {
                done,
                total: total.max(done),
            });
        }
        if full {
            self.store.set_sync_state(&full_key, Some("done")).await?;
        }
        self.close_leaves().await
    }

    /// Closes on the server the leaves of versions a person did not choose
    /// (after the chosen revision went), so the record has one live leaf
    /// there again. A closing the server refuses stays listed, and is
    /// tried again with the next sync; it stops nothing.
    async fn close_leaves(&self) -> Result<(), SyncError> {
        let Some(text) = self.store.sync_state(CLOSE_LEAVES).await? else {
            return Ok(());
        };
        let leaves: BTreeMap<String, Vec<String>> = serde_json::from_str(&text).unwrap_or_default();
        let docs: Vec<Value> = leaves
            .iter()
            .flat_map(|(id, revs)| {
                revs.iter()
                    .filter_map(move |rev| closing_doc(id, &Rev::parse(rev)?))
            })
            .collect();
        if !docs.is_empty() {
            let body = serde_json::json!({ "docs": docs, "new_edits": false });
            let reply = self
                .request(
                    Method::Post,
                    format!("{}/_bulk_docs", self.target.db_url()),
                    Some(body.to_string()),
                )
                .await?;
            status(&reply)?;
            let errors = bulk_docs_errors(&reply.body)?;
            if !errors.is_empty() {
                return Ok(());
            }
        }
        self.store.set_sync_state(CLOSE_LEAVES, None).await?;
        Ok(())
    }

    /// The first batch of a kind, without what the server refused.
    async fn read_batch(
        &self,
        kind: RecordKind,
        full: bool,
        after: Option<RecordId>,
        skip: &HashSet<String>,
        report: &mut SyncReport,
    ) -> Result<Option<Batch>, SyncError> {
        self.read_page(
            kind,
            full,
            after,
            skip,
            &HashSet::new(),
            &mut report.unreadable,
        )
        .await
    }

    /// Up to `PUSH_BATCH` records to offer: the first push to a target
    /// walks every record in id order (`after`), later ones the pending,
    /// leaving out `skip` (refused, or in a batch still under way); the
    /// store leaves out `in_flight` (that batch) before it reads them.
    async fn read_page(
        &self,
        kind: RecordKind,
        full: bool,
        after: Option<RecordId>,
        skip: &HashSet<String>,
        in_flight: &HashSet<RecordId>,
        unreadable: &mut u32,
    ) -> Result<Option<Batch>, SyncError> {
        let page = if full {
            RawPage::After {
                after,
                limit: PUSH_BATCH as u32,
            }
        } else {
            RawPage::Pending {
                limit: (PUSH_BATCH + skip.len()) as u32,
                leaving_out: in_flight,
            }
        };
        let texts = self.store.raw_page(kind, page).await?;
        let fetched = texts.len();
        let mut docs = Vec::with_capacity(fetched);
        for text in &texts {
            match outgoing(text) {
                Ok(doc) => docs.push(doc),
                Err(_) => *unreadable += 1,
            }
        }
        let after = docs.last().map(|d| d.id).or(after);
        docs.retain(|d| !skip.contains(&d.doc_id));
        docs.truncate(PUSH_BATCH);
        Ok((!docs.is_empty()).then_some(Batch {
            docs,
            after,
            last: full && fetched < PUSH_BATCH,
        }))
    }

    /// The documents of a batch the server lacks (`_revs_diff`).
    async fn ask_missing<'d>(
        &self,
        docs: &'d [OutgoingDoc],
    ) -> Result<Vec<&'d OutgoingDoc>, SyncError> {
        let db = self.target.db_url();
        let reply = self
            .request(
                Method::Post,
                format!("{db}/_revs_diff"),
                Some(revs_diff_request(docs)),
            )
            .await?;
        status(&reply)?;
        let missing = missing_revs(&reply.body)?;
        Ok(docs
            .iter()
            .filter(|d| missing.contains(&(d.doc_id.clone(), d.rev.to_string())))
            .collect())
    }

    /// Sends the documents as they are (`_bulk_docs`, `new_edits:false`);
    /// `None` when there is nothing to send.
    async fn send_docs(&self, docs: &[&OutgoingDoc]) -> Result<Option<HttpReply>, SyncError> {
        if docs.is_empty() {
            return Ok(None);
        }
        let db = self.target.db_url();
        let reply = self
            .request(
                Method::Post,
                format!("{db}/_bulk_docs"),
                Some(bulk_docs_request(docs.iter().copied())),
            )
            .await?;
        Ok(Some(reply))
    }

    /// Reads the server's answer to `_bulk_docs`: the documents it did not
    /// store (refusals noted in the report and in `refused`).
    fn stored(
        &self,
        reply: Option<HttpReply>,
        sent: &[&OutgoingDoc],
        report: &mut SyncReport,
        refused: &mut HashSet<String>,
    ) -> Result<HashSet<String>, SyncError> {
        let mut failed: HashSet<String> = HashSet::new();
        let Some(reply) = reply else {
            return Ok(failed);
        };
        status(&reply)?;
        let errors = bulk_docs_errors(&reply.body)?;
        if errors.iter().any(|e| e.is_unauthorized()) {
            return Err(SyncError::NoAccess);
        }
        for error in &errors {
            failed.insert(error.doc_id.clone());
            if error.is_refusal() {
                refused.insert(error.doc_id.clone());
                report
                    .refused
                    .push((error.doc_id.clone(), error.reason.clone()));
            }
        }
        report.pushed += (sent.len() - failed.len().min(sent.len())) as u32;
        Ok(failed)
    }

    /// Marks a batch's records as synced; how many the batch offered.
    async fn mark(&self, marking: Option<Marking>) -> Result<u32, SyncError> {
        let Some(marking) = marking else {
            return Ok(0);
        };
        self.store
            .mark_synced(marking.kind, &marking.synced)
            .await?;
        Ok(marking.offered)
    }

    /// Takes every change since the last pull, a page at a time, and saves
    /// the position after each merged page (here and on the server).
    pub async fn pull(
        &self,
        report: &mut SyncReport,
        progress: &dyn Fn(SyncProgress),
    ) -> Result<(), SyncError> {
        let scope = self.target.scope;
        let source = Source {
            db: self.target.db_url(),
            since_key: self.target.state_key("pull-since"),
            filter: (scope == PullScope::Shared).then_some("wijkpeil/shared"),
            wants: &|kind| scope.wants(kind),
            from_server: true,
        };
        self.pull_from(&source, report, progress).await
    }

    /// Takes the residents' answers from the drop-off database, once each
    /// (their ids are their own; a second pull merges to nothing). They
    /// count as made here: the next push takes them to the main database.
    /// A server without a drop-off database is no error.
    async fn pull_dropoff(
        &self,
        report: &mut SyncReport,
        progress: &dyn Fn(SyncProgress),
    ) -> Result<(), SyncError> {
        let Some(db) = self.target.dropoff_url() else {
            return Ok(());
        };
        let reply = self.request(Method::Get, db.clone(), None).await?;
        // No drop-off on this server, or this login may not read it (only
        // coordinators may): nothing to take, and no error.
        if matches!(reply.status, 401 | 403 | 404) {
            return Ok(());
        }
        status(&reply)?;
        let source = Source {
            db: db.clone(),
            since_key: self.target.state_key("dropoff-since"),
            filter: None,
            wants: &|kind| kind == RecordKind::SurveyResponse,
            from_server: false,
        };
        self.pull_from(&source, report, progress).await?;
        self.publish_surveys(&db).await
    }

    /// Puts a copy of each own survey's newest published version in the
    /// drop-off `db`, where residents' phones read it for a short link
    /// (`domain::survey::public`). Only a copy that changed since this
    /// device last wrote it is sent. A drop-off that refuses the copies
    /// (a login that may not write them, rules from before short links) is
    /// no error: the links then carry the survey themselves.
    async fn publish_surveys(&self, db: &str) -> Result<(), SyncError> {
        let stored: Vec<StoredSurvey> = self.store.list().await?;
        let versions: Vec<SurveyDefinition> = stored
            .into_iter()
            .filter(|s| !s.meta.deleted)
            .map(|s| s.fields.survey)
            .collect();
        for definition in own_published(&versions) {
            let Ok(Value::Object(mut doc)) = serde_json::to_value(definition) else {
                continue;
            };
            let body = Value::Object(doc.clone()).to_string();
            let key = self
                .target
                .state_key(&format!("dropoff-survey:{}", definition.id));
            if self.store.sync_state(&key).await?.as_deref() == Some(body.as_str()) {
                continue;
            }
            let url = format!("{db}/{}", encode(&public_doc_id(&definition.id)));
            let reply = self.request(Method::Get, url.clone(), None).await?;
            match reply.status {
                200 => {
                    if let Some(rev) = couch::rev_of(&reply.body) {
                        doc.insert("_rev".into(), Value::String(rev));
                    }
                }
                404 => {}
                401 | 403 => return Ok(()),
                _ => status(&reply)?,
            }
            let reply = self
                .request(Method::Put, url, Some(Value::Object(doc).to_string()))
                .await?;
            match reply.status {
                401 | 403 => return Ok(()),
                // Changed meanwhile by another coordinator: the next run
                // reads it again.
                409 => continue,
                _ => status(&reply)?,
            }
            self.store.set_sync_state(&key, Some(&body)).await?;
        }
        Ok(())
    }

    async fn pull_from(
        &self,
        source: &Source<'_>,
        report: &mut SyncReport,
        progress: &dyn Fn(SyncProgress),
    ) -> Result<(), SyncError> {
        let db = &source.db;
        let since_key = &source.since_key;
        let checkpoint_id = checkpoint_doc_id(&self.target.device_id);
        let checkpoint_name = checkpoint_id.trim_start_matches("_local/");
        let checkpoint_url = format!("{db}/_local/{}", encode(checkpoint_name));
        let local: Option<Value> = self
            .store
            .sync_state(since_key)
            .await?
            .and_then(|t| serde_json::from_str(&t).ok());
        let reply = self
            .request(Method::Get, checkpoint_url.clone(), None)
            .await?;
        let server_doc = match reply.status {
            404 => None,
            _ => Some(status(&reply).map(|_| reply.body)?),
        };
        let mut checkpoint_rev = server_doc.as_deref().and_then(couch::rev_of);
        let mut since = resume_from(local.as_ref(), server_doc.as_deref());
        let mut done = 0;
        loop {
            progress(SyncProgress::Pulling { done });
            let mut url = format!(
                "{db}/_changes?style=all_docs&include_docs=true&conflicts=true&limit={PULL_BATCH}&since={}",
                encode(&since_param(&since))
            );
            if let Some(filter) = source.filter {
                url.push_str("&filter=");
                url.push_str(filter);
            }
            let reply = self.request(Method::Get, url, None).await?;
            if reply.status == 404 && source.filter.is_some() {
                return Err(SyncError::NotSetUp);
            }
            status(&reply)?;
            let page = read_changes(&reply.body, source.wants)?;
            report.unreadable += page.unreadable.len() as u32;
            let mut by_kind: BTreeMap<&'static str, (RecordKind, Vec<Incoming>)> = BTreeMap::new();
            for (kind, mut incoming) in page.records {
                if !source.from_server {
                    // Another database's `_rev`: not this record's on the
                    // main one.
                    incoming.record.remove(couch::SERVER_REV);
                }
                by_kind
                    .entry(kind.name())
                    .or_insert_with(|| (kind, Vec::new()))
                    .1
                    .push(incoming);
            }
            if source.from_server {
                for (doc_id, rev) in &page.conflicts {
                    match self.fetch_version(doc_id, rev).await? {
                        Some((kind, incoming)) => by_kind
                            .entry(kind.name())
                            .or_insert_with(|| (kind, Vec::new()))
                            .1
                            .push(incoming),
                        None => report.unreadable += 1,
                    }
                }
            }
            for (kind, incoming) in by_kind.into_values() {
                let verdicts = self
                    .store
                    .merge(kind, &incoming, source.from_server)
                    .await?;
                for verdict in verdicts {
                    match verdict {
                        Verdict::New | Verdict::Newer => report.pulled += 1,
                        Verdict::Conflict => report.conflicts += 1,
                        _ => {}
                    }
                }
            }
            done += page.rows as u32;
            if page.last_seq != since && !page.last_seq.is_null() {
                since = page.last_seq;
                self.store
                    .set_sync_state(since_key, Some(&since.to_string()))
                    .await?;
                let reply = self
                    .request(
                        Method::Put,
                        checkpoint_url.clone(),
                        Some(checkpoint_body(&since, checkpoint_rev.as_deref())),
                    )
                    .await?;
                // The drop-off may refuse a coordinator's checkpoint (its
                // rules admit answers only): the position here suffices.
                if source.from_server || reply.status < 400 {
                    status(&reply)?;
                }
                // The answer to a write names the new revision as `rev`; the
                // next page's checkpoint must name it, or it is a 409.
                checkpoint_rev = couch::written_rev(&reply.body).or(checkpoint_rev);
            }
            if page.rows < PULL_BATCH {
                break;
            }
        }
        progress(SyncProgress::Pulling { done });
        Ok(())
    }

    /// One leaf of a record that is not the server's winner.
    async fn fetch_version(
        &self,
        doc_id: &str,
        rev: &Rev,
    ) -> Result<Option<(RecordKind, Incoming)>, SyncError> {
        let url = format!(
            "{}/{}?rev={}",
            self.target.db_url(),
            encode(doc_id),
            encode(&rev.to_string())
        );
        let reply = self.request(Method::Get, url, None).await?;
        if reply.status == 404 {
            return Ok(None);
        }
        status(&reply)?;
        Ok(read_doc(&reply.body).and_then(Result::ok))
    }
}

/// A database to pull from, and how.
struct Source<'a> {
    db: String,
    since_key: String,
    filter: Option<&'static str>,
    wants: &'a dyn Fn(RecordKind) -> bool,
    /// Taken records count as synced with (and keep the `_rev` of) this
    /// database: the main one. The drop-off's answers are new here.
    from_server: bool,
}

/// Per-document failures that are not refusals.
/// Records to offer the server in one round.
struct Batch {
    docs: Vec<OutgoingDoc>,
    /// The last id read (the first push walks the store in id order).
    after: Option<RecordId>,
    /// The store had no more of this kind.
    last: bool,
}

/// A batch the server answered for, to be marked as synced.
struct Marking {
    kind: RecordKind,
    synced: Vec<(RecordId, u32, String)>,
    /// Records the batch offered (progress counts these).
    offered: u32,
}

impl Marking {
    fn of(kind: RecordKind, docs: &[OutgoingDoc], failed: &HashSet<String>) -> Self {
        let held: Vec<&OutgoingDoc> = docs
            .iter()
            .filter(|d| !failed.contains(&d.doc_id))
            .collect();
        Marking {
            kind,
            synced: held
                .iter()
                .map(|d| (d.id, d.revision, d.rev.to_string()))
                .collect(),
            offered: docs.len() as u32,
        }
    }
}

/// Both futures, polled in turn on this thread (the worker has one), to
/// the end of both; no new dependency for it.
async fn join<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let mut a = std::pin::pin!(a);
    let mut b = std::pin::pin!(b);
    let mut out_a = None;
    let mut out_b = None;
    std::future::poll_fn(|cx| {
        if out_a.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                out_a = Some(v);
            }
        }
        if out_b.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                out_b = Some(v);
            }
        }
        if out_a.is_some() && out_b.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (out_a.unwrap(), out_b.unwrap())
}

fn errors_left(failed: &HashSet<String>, refused: &HashSet<String>) -> usize {
    failed.iter().filter(|id| !refused.contains(*id)).count()
}

/// A reply's status as a `SyncError` when it is not a success.
fn status(reply: &HttpReply) -> Result<(), SyncError> {
    match reply.status {
        200..=299 => Ok(()),
        401 => Err(SyncError::WrongLogin),
        403 => Err(SyncError::NoAccess),
        404 => Err(SyncError::NoDatabase),
        other => Err(SyncError::Server(other)),
    }
}

/// Percent-encodes a path segment or query value (CouchDB database names
/// may hold `/`, `+`, `$`, `(`, `)`; sequences are opaque text).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Whether a database name is one CouchDB accepts.
pub fn valid_database_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_$()+-/".contains(&b))
}

/// A device's sync settings as the person enters them (the password is
/// kept apart, sealed: `crate::worker`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SyncSettings {
    pub server: String,
    pub database: String,
    pub user: String,
}

/// What is wrong with entered settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsProblem {
    /// Not an https address (http only for this device itself).
    BadUrl,
    BadDatabase,
    MissingLogin,
}

impl SyncSettings {
    /// Reads the entered text: trims it, drops a trailing `/` from the
    /// address, and refuses what cannot work. Plain `http` is allowed only
    /// to this device itself, since the login travels with every request.
    pub fn read(server: &str, database: &str, user: &str) -> Result<Self, SettingsProblem> {
        let server = server.trim().trim_end_matches('/');
        let host = |rest: &str| {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            rest[..end].to_string()
        };
        let secure = server
            .strip_prefix("https://")
            .is_some_and(|rest| !host(rest).is_empty());
        let local = server.strip_prefix("http://").is_some_and(|rest| {
            let host = host(rest);
            let name = host
                .rsplit_once(':')
                .map_or(host.as_str(), |(name, _)| name);
            matches!(name, "localhost" | "127.0.0.1" | "[::1]")
        });
        if !(secure || local) || server.contains(char::is_whitespace) {
            return Err(SettingsProblem::BadUrl);
        }
        let database = database.trim();
        if !valid_database_name(database) {
            return Err(SettingsProblem::BadDatabase);
        }
        let user = user.trim();
        if user.is_empty() {
            return Err(SettingsProblem::MissingLogin);
        }
        Ok(Self {
            server: server.to_string(),
            database: database.to_string(),
            user: user.to_string(),
        })
    }
}

/// Waits before the next attempt after `failures` passing failures in a
/// row: 5 s, 10 s, 20 s, … up to 15 minutes (so a server coming back is
/// not flooded by every tablet at once).
pub fn retry_delay_ms(failures: u32) -> u32 {
    const FIRST: u32 = 5_000;
    const MAX: u32 = 15 * 60_000;
    FIRST
        .saturating_mul(1u32 << failures.saturating_sub(1).min(16))
        .min(MAX)
}

/// How often a healthy device syncs on its own (besides after each save,
/// on start and when the network returns).
pub const PERIOD_MS: u32 = 5 * 60_000;
/// How long after a save the sync starts, so a burst of saves is one sync.
pub const AFTER_SAVE_MS: u32 = 2_000;

/// A short code for an error, to keep the last one between runs (and show
/// it in the language of the moment).
pub fn error_code(error: &SyncError) -> String {
    match error {
        SyncError::Net(NetError::Offline) => "offline".into(),
        SyncError::Net(NetError::Unreachable) => "unreachable".into(),
        SyncError::Net(NetError::CorsNotSet) => "cors".into(),
        SyncError::Net(NetError::TimedOut) => "timeout".into(),
        SyncError::WrongLogin => "login".into(),
        SyncError::NoAccess => "access".into(),
        SyncError::NoDatabase => "database".into(),
        SyncError::NotSetUp => "setup".into(),
        SyncError::Server(status) => format!("server {status}"),
        SyncError::BadReply => "reply".into(),
        SyncError::ReplyTooLarge { bytes } => format!("too large {bytes}"),
        SyncError::Storage(_) => "storage".into(),
    }
}

/// The error a code stands for (`error_code`).
pub fn error_from_code(code: &str) -> Option<SyncError> {
    Some(match code {
        "offline" => SyncError::Net(NetError::Offline),
        "unreachable" => SyncError::Net(NetError::Unreachable),
        "cors" => SyncError::Net(NetError::CorsNotSet),
        "timeout" => SyncError::Net(NetError::TimedOut),
        "login" => SyncError::WrongLogin,
        "access" => SyncError::NoAccess,
        "database" => SyncError::NoDatabase,
        "setup" => SyncError::NotSetUp,
        "reply" => SyncError::BadReply,
        "storage" => SyncError::Storage(StorageError::Failed(String::new())),
        other => match other.strip_prefix("too large ") {
            Some(bytes) => SyncError::ReplyTooLarge {
                bytes: bytes.parse().ok()?,
            },
            None => SyncError::Server(other.strip_prefix("server ")?.parse().ok()?),
        },
    })
}
