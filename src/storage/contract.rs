//! The contract every `RecordStore` keeps, as runnable checks.
//!
//! Native tests run it against `MemoryStore`, browser tests against the
//! IndexedDB store, so both behave alike. Each check gets a fresh, empty store.
//! Panics on a broken promise (these are tests); not used by the app itself.

use super::{RecordStore, StorageError};
use crate::domain::contact::{Contact, ContactFields, Outcome};
use crate::domain::entry::Entry;
use crate::domain::entry::Record;
use crate::domain::record::{RecordId, RecordKind};
use crate::domain::survey::{new_response, Answer, ResponseContent, SurveyResponse};
use crate::domain::trajectory::TrajectoryFields;
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::future::Future;

/// A fixed moment, so the checks do not depend on the clock.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
        .single()
        .expect("valid date")
}

/// A valid contact with a deterministic id made from `n`.
pub fn sample_contact(n: u8, occurred_at: DateTime<Utc>) -> Contact {
    let fields = ContactFields {
        location: "wijkplein-centrum".into(),
        occurred_at,
        channel: "inloop".into(),
        support_form: "informatie-advies".into(),
        domains: vec!["financien".into()],
        outcome: Outcome::Direct,
        referrer: None,
        awareness: None,
        target_groups: vec![],
        duration_minutes: Some(10),
        note: "Vraag over toeslag — één formulier ingevuld".into(),
        initials: "JdV".into(),
    };
    Contact::new(
        RecordId::new_v7(1_790_000_000_000 + u64::from(n), [n; 10]),
        fields,
        occurred_at,
        "device-test",
    )
}

/// Runs every check; `fresh` makes an empty store for the named check.
pub async fn run_all<S, F, Fut>(fresh: F)
where
    S: RecordStore,
    F: Fn(&'static str) -> Fut,
    Fut: Future<Output = S>,
{
    insert_then_get_returns_the_same_record(&fresh("insert_get").await).await;
    insert_of_an_existing_id_is_a_conflict_and_changes_nothing(&fresh("insert_conflict").await)
        .await;
    update_needs_the_next_revision(&fresh("update_revision").await).await;
    update_of_a_missing_record_is_not_found(&fresh("update_missing").await).await;
    tombstones_are_kept_without_content(&fresh("tombstones").await).await;
    list_between_is_half_open_and_in_time_order(&fresh("list_between").await).await;
    stats_count_live_and_pending(&fresh("stats").await).await;
    text_survives_the_round_trip(&fresh("text").await).await;
    survey_responses_are_kept_apart_and_by_date(&fresh("responses").await).await;
    trajectories_round_trip_and_revise(&fresh("trajectories").await).await;
    merge_takes_new_and_newer_and_keeps_conflicts_aside(&fresh("merge").await).await;
    merge_in_batches_agrees_with_merge(&fresh("merge_batches").await).await;
    sync_bookkeeping_pages_marks_and_remembers(&fresh("sync").await).await;
    a_conflict_is_shown_and_settled_by_a_new_revision(&fresh("resolve").await).await;
    retention_removes_only_records_the_server_holds_unchanged(&fresh("retention").await).await;
}

pub async fn insert_then_get_returns_the_same_record<S: RecordStore>(store: &S) {
    let contact = sample_contact(1, t0());
    store.insert(&contact).await.expect("insert");
    let back: Option<Contact> = store.get(contact.meta.id).await.expect("get");
    assert_eq!(back, Some(contact));
    let missing: Option<Contact> = store
        .get(sample_contact(99, t0()).meta.id)
        .await
        .expect("get missing");
    assert_eq!(missing, None);
}

pub async fn insert_of_an_existing_id_is_a_conflict_and_changes_nothing<S: RecordStore>(store: &S) {
    let original = sample_contact(2, t0());
    store.insert(&original).await.expect("insert");
    let mut impostor = original.clone();
    impostor.fields.note = "overwritten".into();
    assert_eq!(store.insert(&impostor).await, Err(StorageError::Conflict));
    let back: Option<Contact> = store.get(original.meta.id).await.expect("get");
    assert_eq!(back, Some(original));
}

pub async fn update_needs_the_next_revision<S: RecordStore>(store: &S) {
    let original = sample_contact(3, t0());
    store.insert(&original).await.expect("insert");

    let mut fields = original.fields.clone();
    fields.channel = "telefoon".into();
    let next = original.revised(fields, t0() + Duration::minutes(5));
    assert_eq!(next.meta.revision, 2);
    store.update(&next).await.expect("update to revision 2");

    // A second editor still holding revision 1 must not overwrite revision 2.
    let mut stale_fields = original.fields.clone();
    stale_fields.channel = "huisbezoek".into();
    let stale = original.revised(stale_fields, t0() + Duration::minutes(6));
    assert_eq!(store.update(&stale).await, Err(StorageError::Conflict));

    let back: Option<Contact> = store.get(original.meta.id).await.expect("get");
    assert_eq!(back, Some(next));
}

pub async fn update_of_a_missing_record_is_not_found<S: RecordStore>(store: &S) {
    let never_stored = sample_contact(4, t0());
    let next = never_stored.revised(never_stored.fields.clone(), t0());
    assert_eq!(store.update(&next).await, Err(StorageError::NotFound));
    let listed: Vec<Contact> = store.list().await.expect("list");
    assert!(listed.is_empty());
}

/// A tombstone is kept (so the delete can sync) as bookkeeping only: it is
/// not listed, reads as no record, holds no content, and a next revision
/// (Undo) brings the record back.
pub async fn tombstones_are_kept_without_content<S: RecordStore>(store: &S) {
    let mut contact = sample_contact(5, t0());
    contact.fields.note = "Jan de Vries, Dorpsstraat".into();
    store.insert(&contact).await.expect("insert");
    let tombstone = contact.deleted(t0() + Duration::minutes(1));
    store.update(&tombstone).await.expect("delete");
    let back: Option<Contact> = store.get(contact.meta.id).await.expect("get");
    assert_eq!(back, None, "a tombstone reads as no record");
    let listed: Vec<Contact> = store.list().await.expect("list");
    assert!(listed.is_empty());
    let between: Vec<Contact> = store
        .list_between(t0() - Duration::days(1), t0() + Duration::days(1))
        .await
        .expect("list_between");
    assert!(between.is_empty());
    let raw = store.list_raw(RecordKind::Contact).await.expect("raw");
    assert_eq!(raw.len(), 1, "kept for sync");
    let kept: serde_json::Value = serde_json::from_str(&raw[0]).expect("json");
    assert_eq!(kept["deleted"], true);
    assert_eq!(kept["revision"], 2);
    assert!(
        kept.get("note").is_none() && kept.get("domains").is_none(),
        "{kept}"
    );
    let stats = store.kind_stats(RecordKind::Contact).await.expect("stats");
    assert_eq!((stats.live, stats.deleted, stats.unreadable), (0, 1, 0));

    let undone = tombstone.revised(contact.fields.clone(), t0() + Duration::minutes(2));
    let mut undone = undone;
    undone.meta.deleted = false;
    store.update(&undone).await.expect("undo");
    let back: Option<Contact> = store.get(contact.meta.id).await.expect("get");
    assert_eq!(back, Some(undone));
}

pub async fn list_between_is_half_open_and_in_time_order<S: RecordStore>(store: &S) {
    let day = t0();
    let late = sample_contact(6, day + Duration::hours(3));
    let early = sample_contact(7, day);
    let yesterday = sample_contact(8, day - Duration::days(1));
    let at_end = sample_contact(9, day + Duration::hours(5));
    for c in [&late, &early, &yesterday, &at_end] {
        store.insert(c).await.expect("insert");
    }
    let found: Vec<Contact> = store
        .list_between(day, day + Duration::hours(5))
        .await
        .expect("list_between");
    let ids: Vec<RecordId> = found.iter().map(|c| c.meta.id).collect();
    assert_eq!(ids, vec![early.meta.id, late.meta.id]);

    let all: Vec<Contact> = store.list().await.expect("list");
    let ids: Vec<RecordId> = all.iter().map(|c| c.meta.id).collect();
    assert_eq!(
        ids,
        vec![
            yesterday.meta.id,
            early.meta.id,
            late.meta.id,
            at_end.meta.id
        ]
    );
}

pub async fn stats_count_live_and_pending<S: RecordStore>(store: &S) {
    let a = sample_contact(10, t0());
    let b = sample_contact(11, t0());
    let c = sample_contact(12, t0());
    for r in [&a, &b, &c] {
        store.insert(r).await.expect("insert");
    }
    store.update(&c.deleted(t0())).await.expect("delete");
    let stats = store.stats().await.expect("stats");
    assert_eq!(
        (stats.live, stats.deleted, stats.pending, stats.unreadable),
        (2, 1, 3, 0)
    );

    // a and the tombstone of c leave the device; b does not.
    store
        .mark_shipped(RecordKind::Contact, &[(a.meta.id, 1), (c.meta.id, 2)])
        .await
        .expect("mark shipped");
    assert_eq!(store.stats().await.expect("stats").pending, 1);
    assert_eq!(store.pending_count().await.expect("pending"), 1);

    // Changing a shipped record makes it pending again, even when the
    // editor's copy was read before the export (shipped_revision 0).
    let a2 = a.revised(a.fields.clone(), t0() + Duration::minutes(1));
    assert_eq!(a2.meta.shipped_revision, 0);
    store.update(&a2).await.expect("update");
    assert_eq!(store.stats().await.expect("stats").pending, 2);
    assert_eq!(store.pending_count().await.expect("pending"), 2);
    let back: Option<Contact> = store.get(a.meta.id).await.expect("get");
    let back = back.expect("stored");
    assert!(back.meta().is_pending());
    assert_eq!(back.meta.shipped_revision, 1, "the export is not forgotten");
}

pub async fn text_survives_the_round_trip<S: RecordStore>(store: &S) {
    let mut contact = sample_contact(13, t0());
    contact.fields.note = "Ü ß é ‘quotes’ \"dubbel\" \\ 🙂 عربى".into();
    store.insert(&contact).await.expect("insert");
    let back: Option<Contact> = store.get(contact.meta.id).await.expect("get");
    assert_eq!(back.expect("stored").fields.note, contact.fields.note);
}

/// A response to the wijkplein-visit survey on `day` of November 2026.
pub fn sample_response(n: u8, day: u32) -> SurveyResponse {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, day).expect("valid date");
    let mut content = ResponseContent::new("wijkplein-bezoek", 1, date, "nl");
    content.answers.insert("cijfer".into(), Answer::Number(8));
    new_response(content, [n; 16], "kiosk-1")
}

pub async fn survey_responses_are_kept_apart_and_by_date<S: RecordStore>(store: &S) {
    let contact = sample_contact(20, t0());
    store.insert(&contact).await.expect("insert contact");
    let monday = sample_response(1, 23);
    let sunday = sample_response(2, 22);
    for r in [&monday, &sunday] {
        store.insert(r).await.expect("insert response");
    }
    let back: Option<SurveyResponse> = store.get(monday.meta.id).await.expect("get");
    assert_eq!(back.as_ref(), Some(&monday));
    // No time of day is stored: created_at is the date at midnight UTC.
    assert_eq!(utc_text(monday.meta.created_at), "2026-11-23T00:00:00.000Z");
    let day = Utc
        .with_ymd_and_hms(2026, 11, 23, 0, 0, 0)
        .single()
        .expect("date");
    let on_monday: Vec<SurveyResponse> = store
        .list_between(day, day + Duration::days(1))
        .await
        .expect("list_between");
    assert_eq!(on_monday, vec![monday]);
    let responses = store
        .kind_stats(RecordKind::SurveyResponse)
        .await
        .expect("stats");
    assert_eq!((responses.live, responses.pending), (2, 2));
    let contacts = store.kind_stats(RecordKind::Contact).await.expect("stats");
    assert_eq!(contacts.live, 1);
    assert_eq!(store.stats().await.expect("stats").live, 3);

    // Per survey: stored and pending, without tombstones or other surveys.
    let mut other = sample_response(3, 23);
    other.fields.survey_id = "groepsactiviteit".into();
    store.insert(&other).await.expect("insert other");
    let shipped = sample_response(4, 21);
    store.insert(&shipped).await.expect("insert shipped");
    store
        .mark_shipped(RecordKind::SurveyResponse, &[(shipped.meta.id, 1)])
        .await
        .expect("mark");
    let mut deleted = sample_response(5, 20);
    store.insert(&deleted).await.expect("insert deleted");
    deleted.meta.revision += 1;
    deleted.meta.deleted = true;
    store.update(&deleted).await.expect("delete");
    assert_eq!(
        store
            .response_count("wijkplein-bezoek")
            .await
            .expect("count"),
        (3, 2)
    );
    assert_eq!(
        store
            .response_count("groepsactiviteit")
            .await
            .expect("count"),
        (1, 1)
    );
    assert_eq!(store.response_count("kto").await.expect("count"), (0, 0));

    // Per group activity they were handed out at.
    let mut at_course = sample_response(6, 23);
    at_course.fields.activity = Some("019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b".into());
    store.insert(&at_course).await.expect("insert at course");
    assert_eq!(
        store
            .responses_at("019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b")
            .await
            .expect("count"),
        1
    );
    assert_eq!(store.responses_at("elders").await.expect("count"), 0);
}

fn utc_text(t: DateTime<Utc>) -> String {
    crate::domain::record::utc_millis::format(&t)
}

/// A closed trajectory with a begin and end measurement and a contact
/// moment: nested maps and lists inside a flattened record.
pub fn sample_trajectory(n: u8) -> Entry<TrajectoryFields> {
    use crate::domain::trajectory::{
        pseudonym, Closing, ClosingReason, ContactMoment, ZrmMeasurement, ZrmScore,
    };
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).expect("valid date");
    let scores = |s: &[(&str, ZrmScore)]| {
        s.iter()
            .map(|(d, v)| ((*d).to_owned(), *v))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let fields = TrajectoryFields {
        code: pseudonym([n; 5]),
        start: day(3, 2),
        referrer: Some("huisarts".into()),
        age_band: "65+".into(),
        household: Some("single".into()),
        main_domains: vec!["financien".into()],
        goals: vec![],
        intake: ZrmMeasurement {
            date: day(3, 2),
            scores: scores(&[
                ("financien", ZrmScore::NotSelfReliant),
                ("justitie", ZrmScore::NotScored),
            ]),
        },
        positive_health: None,
        contact_moments: vec![ContactMoment {
            date: day(4, 1),
            channel: "huisbezoek".into(),
            note: "Overzicht gemaakt — ‘één’ map".into(),
        }],
        closing: Some(Closing {
            date: day(10, 1),
            reason: ClosingReason::GoalsReached,
            end: ZrmMeasurement {
                date: day(10, 1),
                scores: scores(&[("financien", ZrmScore::SufficientlySelfReliant)]),
            },
            kto_invited: true,
        }),
    };
    Entry::new(
        RecordId::new_v7(1_790_000_100_000 + u64::from(n), [n; 10]),
        fields,
        t0(),
        "device-test",
    )
}

pub async fn trajectories_round_trip_and_revise<S: RecordStore>(store: &S) {
    store
        .insert(&sample_contact(30, t0()))
        .await
        .expect("insert contact");
    let trajectory = sample_trajectory(1);
    store.insert(&trajectory).await.expect("insert trajectory");
    let back: Option<Entry<TrajectoryFields>> = store.get(trajectory.meta.id).await.expect("get");
    assert_eq!(back.as_ref(), Some(&trajectory));
    let mut fields = trajectory.fields.clone();
    fields.closing = None;
    let reopened = trajectory.revised(fields, t0() + Duration::minutes(1));
    store.update(&reopened).await.expect("update");
    let all: Vec<Entry<TrajectoryFields>> = store.list().await.expect("list");
    assert_eq!(all, vec![reopened]);
    let stats = store
        .kind_stats(RecordKind::Trajectory)
        .await
        .expect("stats");
    assert_eq!((stats.live, stats.pending), (1, 1));
    assert_eq!(store.stats().await.expect("stats").live, 2);
    assert_eq!(store.pending_count().await.expect("pending"), 2);
    store
        .mark_shipped(RecordKind::Trajectory, &[(trajectory.meta.id, 2)])
        .await
        .expect("mark");
    assert_eq!(store.pending_count().await.expect("pending"), 1);
    // The raw listing (for the export) is the stored JSON of this kind only.
    let raw = store
        .list_raw(RecordKind::Trajectory)
        .await
        .expect("list_raw");
    assert_eq!(raw.len(), 1);
    let value: serde_json::Value = serde_json::from_str(&raw[0]).expect("JSON text");
    assert_eq!(value["code"], trajectory.fields.code.as_str());
    assert_eq!(value["revision"], 2);
    assert_eq!(value["shipped_revision"], 2);
    assert!(
        value.get("pending").is_none(),
        "index bookkeeping stays home"
    );
}

/// An incoming record as an import or a sync pull hands it to the store.
pub fn incoming<R: Record>(record: &R) -> crate::domain::import::Incoming {
    let text = serde_json::to_string(record).expect("serialize");
    crate::domain::import::check_record(R::KIND, &text, &crate::domain::import::LIMITS)
        .expect("a valid record")
}

/// `merge` writes new and newer records, leaves identical and older ones,
/// keeps a conflicting version aside (once), marks records from the server
/// as synced and others as pending, and `judge` agrees without writing.
pub async fn merge_takes_new_and_newer_and_keeps_conflicts_aside<S: RecordStore>(store: &S) {
    use crate::domain::merge::Verdict;
    let kind = RecordKind::Contact;
    let a = sample_contact(41, t0());
    let b = sample_contact(42, t0());
    let c = sample_contact(43, t0());
    store.insert(&b).await.expect("insert b");
    store.insert(&c).await.expect("insert c");
    let later = t0() + Duration::minutes(3);
    let mut b2_fields = b.fields.clone();
    b2_fields.note = "elders gewijzigd".into();
    let b2 = b.revised(b2_fields, later);
    let mut c_other = c.clone();
    c_other.fields.note = "andere inhoud".into();
    let batch = [
        incoming(&a),
        incoming(&b2),
        incoming(&c_other),
        incoming(&c),
    ];

    let judged = store.judge(kind, &batch).await.expect("judge");
    let expected = [
        Verdict::New,
        Verdict::Newer,
        Verdict::Conflict,
        Verdict::Identical,
    ];
    assert_eq!(judged, expected);
    assert_eq!(
        store.stats().await.expect("stats").live,
        2,
        "judge writes nothing"
    );

    let merged = store.merge(kind, &batch, false).await.expect("merge");
    assert_eq!(merged, expected);
    let back: Option<Contact> = store.get(b.meta.id).await.expect("get b");
    assert_eq!(back.map(|r| r.fields.note), Some("elders gewijzigd".into()));
    let kept: Option<Contact> = store.get(c.meta.id).await.expect("get c");
    assert_eq!(kept, Some(c.clone()), "a conflict does not overwrite");
    assert_eq!(store.conflict_count().await.expect("conflicts"), 1);
    assert_eq!(store.stats().await.expect("stats").pending, 3);

    let again = store.merge(kind, &batch, false).await.expect("merge again");
    assert_eq!(again[..2], [Verdict::Identical, Verdict::Identical]);
    assert_eq!(
        store.conflict_count().await.expect("conflicts"),
        1,
        "kept once"
    );

    // From the server: synced at the revision it came with.
    let d = sample_contact(44, t0());
    store
        .merge(kind, &[incoming(&d)], true)
        .await
        .expect("pull");
    assert_eq!(store.stats().await.expect("stats").pending, 3);
    let pulled: Option<Contact> = store.get(d.meta.id).await.expect("get d");
    assert_eq!(pulled.map(|r| r.meta.shipped_revision), Some(1));
}

/// `merge_batches` gives each batch's verdicts once it is stored, the same
/// as `merge` batch by batch: new records (which a store may make ready
/// ahead) beside stored ones that are newer, conflicting or identical, in
/// batches that hold only new ones and batches that do not.
pub async fn merge_in_batches_agrees_with_merge<S: RecordStore>(store: &S) {
    use crate::domain::merge::Verdict;
    let kind = RecordKind::Contact;
    let b = sample_contact(52, t0());
    let c = sample_contact(53, t0());
    store.insert(&b).await.expect("insert b");
    store.insert(&c).await.expect("insert c");
    let mut b2_fields = b.fields.clone();
    b2_fields.note = "elders gewijzigd".into();
    let b2 = b.revised(b2_fields, t0() + Duration::minutes(3));
    let mut c_other = c.clone();
    c_other.fields.note = "andere inhoud".into();
    let new: Vec<Contact> = [60, 61, 62, 63, 64]
        .into_iter()
        .map(|n| sample_contact(n, t0()))
        .collect();
    let records = [
        incoming(&new[0]),
        incoming(&new[1]),
        // After a batch of new records only, a store may write the next
        // batch as new before it knows; the conflict here must not be.
        incoming(&c_other),
        incoming(&new[2]),
        incoming(&b2),
        incoming(&c),
        incoming(&new[3]),
        incoming(&new[4]),
    ];
    let mut batches: Vec<Vec<Verdict>> = Vec::new();
    store
        .merge_batches(kind, &records, 2, false, &mut |v| batches.push(v))
        .await
        .expect("merge in batches");
    use Verdict::{Conflict, Identical, New, Newer};
    assert_eq!(
        batches,
        [
            vec![New, New],
            vec![Conflict, New],
            vec![Newer, Identical],
            vec![New, New]
        ]
    );
    for record in &new {
        let back: Option<Contact> = store.get(record.meta.id).await.expect("get");
        assert_eq!(
            back.as_ref(),
            Some(record),
            "a new record stored as it came"
        );
    }
    let back: Option<Contact> = store.get(b.meta.id).await.expect("get b");
    assert_eq!(back.map(|r| r.fields.note), Some("elders gewijzigd".into()));
    let kept: Option<Contact> = store.get(c.meta.id).await.expect("get c");
    assert_eq!(kept, Some(c.clone()), "a conflict does not overwrite");
    assert_eq!(store.conflict_count().await.expect("conflicts"), 1);
    let stats = store.stats().await.expect("stats");
    assert_eq!((stats.live, stats.pending), (7, 7));

    let mut again: Vec<Verdict> = Vec::new();
    store
        .merge_batches(kind, &records, 3, false, &mut |v| again.extend(v))
        .await
        .expect("merge again");
    assert_eq!(
        again,
        [Identical, Identical, Conflict, Identical, Identical, Identical, Identical, Identical]
    );
    assert_eq!(
        store.conflict_count().await.expect("conflicts"),
        1,
        "kept once"
    );

    // The whole store as one array text: every record, with the named
    // members only, at every level.
    let array = store
        .stored_array(kind, &["id", "outcome", "kind", "domains"])
        .await
        .expect("stored array");
    let stored: Vec<serde_json::Value> = serde_json::from_str(&array).expect("a JSON array");
    let first = &stored[0];
    assert_eq!(
        first,
        &serde_json::json!({
            "id": first["id"],
            "kind": "contact",
            "outcome": { "kind": "direct" },
            "domains": ["financien"],
        })
    );
    let mut ids: Vec<&str> = stored.iter().filter_map(|r| r["id"].as_str()).collect();
    ids.sort_unstable();
    let mut expected: Vec<String> = new.iter().map(|r| r.meta.id.to_string()).collect();
    expected.extend([b.meta.id.to_string(), c.meta.id.to_string()]);
    expected.sort_unstable();
    assert_eq!(ids, expected);
}

/// What the sync needs of a store: pending records and every record a page
/// at a time, `mark_synced` (shipped and the server's `_rev`, never an
/// older one, kept across a later edit), and its own values.
pub async fn sync_bookkeeping_pages_marks_and_remembers<S: RecordStore>(store: &S) {
    use super::RawPage;
    use crate::domain::couch::SERVER_REV;
    let kind = RecordKind::Contact;
    let contacts: Vec<Contact> = (51..56).map(|n| sample_contact(n, t0())).collect();
    for contact in &contacts {
        store.insert(contact).await.expect("insert");
    }
    let ids = |texts: Vec<String>| -> Vec<String> {
        texts
            .iter()
            .map(|t| {
                let v: serde_json::Value = serde_json::from_str(t).expect("json");
                assert!(v.get("pending").is_none(), "index bookkeeping stays home");
                v["id"].as_str().expect("id").to_string()
            })
            .collect()
    };
    let all: Vec<String> = contacts.iter().map(|c| c.meta.id.to_string()).collect();
    let first = store
        .raw_page(
            kind,
            RawPage::After {
                after: None,
                limit: 2,
            },
        )
        .await
        .expect("page 1");
    assert_eq!(ids(first), all[..2]);
    let rest = store
        .raw_page(
            kind,
            RawPage::After {
                after: Some(contacts[1].meta.id),
                limit: 10,
            },
        )
        .await
        .expect("page 2");
    assert_eq!(ids(rest), all[2..]);
    let pending = store
        .raw_page(
            kind,
            RawPage::Pending {
                limit: 10,
                leaving_out: &Default::default(),
            },
        )
        .await
        .expect("pending");
    assert_eq!(pending.len(), 5);
    // A batch still on its way is left out by the store.
    let on_the_way: std::collections::HashSet<RecordId> =
        [contacts[0].meta.id, contacts[3].meta.id].into();
    let others = store
        .raw_page(
            kind,
            RawPage::Pending {
                limit: 10,
                leaving_out: &on_the_way,
            },
        )
        .await
        .expect("pending without a batch");
    assert_eq!(
        ids(others),
        [all[1].clone(), all[2].clone(), all[4].clone()]
    );

    let (a, b) = (&contacts[0], &contacts[1]);
    store
        .mark_synced(
            kind,
            &[
                (a.meta.id, 1, "1-aaaa".into()),
                (b.meta.id, 1, "1-bbbb".into()),
            ],
        )
        .await
        .expect("mark synced");
    let pending = store
        .raw_page(
            kind,
            RawPage::Pending {
                limit: 10,
                leaving_out: &Default::default(),
            },
        )
        .await
        .expect("pending");
    assert_eq!(
        ids(pending),
        all[2..],
        "synced records are no longer pending"
    );
    let server_rev = |text: &str| -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(text).expect("json");
        v.get(SERVER_REV)
            .and_then(|r| r.as_str())
            .map(str::to_string)
    };
    // An older `_rev` does not replace a later one.
    store
        .mark_synced(kind, &[(a.meta.id, 1, "0-zzzz".into())])
        .await
        .expect("mark older");
    let stored = store.list_raw(kind).await.expect("raw");
    let of = |id: RecordId| {
        stored
            .iter()
            .find(|t| t.contains(&id.to_string()))
            .cloned()
            .expect("stored")
    };
    assert_eq!(server_rev(&of(a.meta.id)).as_deref(), Some("1-aaaa"));

    // An edit made from a copy read before the sync keeps the server's
    // `_rev`, and is pending again.
    let mut fields = a.fields.clone();
    fields.note = "later".into();
    let edited = a.revised(fields, t0() + Duration::minutes(1));
    assert_eq!(edited.meta.server_rev, None);
    store.update(&edited).await.expect("update");
    let back: Contact = store.get(a.meta.id).await.expect("get").expect("some");
    assert_eq!(back.meta.server_rev.as_deref(), Some("1-aaaa"));
    assert_eq!(back.meta.revision, 2);
    assert_eq!(store.stats().await.expect("stats").pending, 4);

    assert_eq!(store.sync_state("pull").await.expect("state"), None);
    store
        .set_sync_state("pull", Some("\"12-abc\""))
        .await
        .expect("set");
    assert_eq!(
        store.sync_state("pull").await.expect("state").as_deref(),
        Some("\"12-abc\"")
    );
    store.set_sync_state("pull", None).await.expect("unset");
    assert_eq!(store.sync_state("pull").await.expect("state"), None);
}

/// A kept version is listed beside the stored record; choosing it stores
/// its content as the next revision (pending) and clears what was kept; a
/// newer revision arriving by merge also clears it.
pub async fn a_conflict_is_shown_and_settled_by_a_new_revision<S: RecordStore>(store: &S) {
    use crate::storage::StorageError;
    let kind = RecordKind::Contact;
    let here = sample_contact(61, t0());
    store.insert(&here).await.expect("insert");
    let mut other = here.clone();
    other.fields.note = "op de andere tablet".into();
    store
        .merge(kind, &[incoming(&other)], true)
        .await
        .expect("merge");
    let kept = store.kept_versions().await.expect("kept");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].id, here.meta.id);
    assert_eq!(kept[0].kind, kind);
    assert_eq!(
        kept[0].kept["note"],
        serde_json::json!("op de andere tablet")
    );
    let stored = kept[0].stored.clone().expect("stored beside it");
    assert_eq!(stored["note"], serde_json::json!(here.fields.note));
    assert!(stored.get("pending").is_none());

    assert_eq!(
        store
            .resolve(
                kind,
                here.meta.id,
                7,
                &kept[0].kept,
                "2026-11-23T10:00:00.000Z"
            )
            .await,
        Err(StorageError::Conflict),
        "shown at another revision"
    );
    store
        .resolve(
            kind,
            here.meta.id,
            1,
            &kept[0].kept,
            "2026-11-23T10:00:00.000Z",
        )
        .await
        .expect("resolve");
    let settled: Contact = store.get(here.meta.id).await.expect("get").expect("some");
    assert_eq!(settled.fields.note, "op de andere tablet");
    assert_eq!(settled.meta.revision, 2);
    assert!(settled.meta.is_pending());
    assert_eq!(store.conflict_count().await.expect("count"), 0);

    // Kept again, then a newer revision arrives from elsewhere: settled.
    let mut third = settled.clone();
    third.fields.note = "nog een versie".into();
    third.meta.shipped_revision = 0;
    third.meta.server_rev = None;
    store
        .merge(kind, &[incoming(&third)], true)
        .await
        .expect("merge");
    assert_eq!(store.conflict_count().await.expect("count"), 1);
    let mut newer_fields = settled.fields.clone();
    newer_fields.note = "gekozen elders".into();
    let newer = settled.revised(newer_fields, t0() + Duration::hours(2));
    store
        .merge(kind, &[incoming(&newer)], true)
        .await
        .expect("merge newer");
    assert_eq!(store.conflict_count().await.expect("count"), 0);
}

/// `remove_synced` (retention) removes a record only while it is on the
/// server at the revision given and has no change since; no tombstone is
/// left, so nothing syncs as a delete.
pub async fn retention_removes_only_records_the_server_holds_unchanged<S: RecordStore>(store: &S) {
    let kind = RecordKind::Contact;
    let synced = sample_contact(1, t0());
    let pending = sample_contact(2, t0());
    let changed = sample_contact(3, t0());
    for contact in [&synced, &pending, &changed] {
        store.insert(contact).await.expect("insert");
    }
    store
        .mark_synced(
            kind,
            &[
                (synced.meta.id, 1, "1-aaaa".into()),
                (changed.meta.id, 1, "1-cccc".into()),
            ],
        )
        .await
        .expect("mark synced");
    let revised = changed.revised(changed.fields.clone(), t0() + Duration::minutes(5));
    store.update(&revised).await.expect("update");
    let removed = store
        .remove_synced(
            kind,
            &[
                (synced.meta.id, 1),
                (pending.meta.id, 1),
                (changed.meta.id, 1),
                (changed.meta.id, 2),
                (RecordId::new_v7(1_790_000_000_999, [9; 10]), 1),
            ],
        )
        .await
        .expect("remove synced");
    assert_eq!(removed, 1, "only the synced, unchanged record goes");
    assert!(store
        .get::<Contact>(synced.meta.id)
        .await
        .expect("get")
        .is_none());
    assert!(store
        .get::<Contact>(pending.meta.id)
        .await
        .expect("get")
        .is_some());
    assert!(store
        .get::<Contact>(changed.meta.id)
        .await
        .expect("get")
        .is_some());
    let stats = store.kind_stats(kind).await.expect("stats");
    assert_eq!(stats.pending, 2, "nothing new to sync: {stats:?}");
}
