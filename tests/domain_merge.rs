//! The merge rule, for every case it names.

use serde_json::{json, Map, Value};
use wijkpeil::domain::merge::{judge, same_content, without_local_fields, Tally, Verdict};

fn record(revision: u32, note: &str) -> Map<String, Value> {
    let Value::Object(map) = json!({
        "id": "0190f5a2-0000-7000-8000-000000000001",
        "kind": "contact",
        "schema_version": 2,
        "revision": revision,
        "note": note,
    }) else {
        unreachable!()
    };
    map
}

fn tombstone(revision: u32) -> Map<String, Value> {
    let mut map = record(revision, "");
    map.remove("note");
    map.insert("deleted".into(), Value::Bool(true));
    map
}

#[test]
fn a_record_not_here_is_new() {
    assert_eq!(judge(None, &record(1, "a")), Verdict::New);
    assert_eq!(judge(None, &tombstone(2)), Verdict::New);
}

#[test]
fn the_higher_revision_wins_and_the_lower_is_left() {
    assert_eq!(
        judge(Some(&record(1, "a")), &record(2, "b")),
        Verdict::Newer
    );
    assert_eq!(
        judge(Some(&record(3, "a")), &record(2, "b")),
        Verdict::Older
    );
    // An Undo after a delete is a higher revision: it brings the record back.
    assert_eq!(judge(Some(&tombstone(2)), &record(3, "a")), Verdict::Newer);
}

#[test]
fn the_same_revision_and_content_is_identical_whatever_the_local_bookkeeping() {
    let mut here = record(2, "a");
    here.insert("shipped_revision".into(), json!(2));
    here.insert("pending".into(), json!(0));
    assert_eq!(judge(Some(&here), &record(2, "a")), Verdict::Identical);
    assert_eq!(
        judge(Some(&tombstone(3)), &tombstone(3)),
        Verdict::Identical
    );
}

#[test]
fn the_same_revision_with_other_content_is_a_conflict() {
    assert_eq!(
        judge(Some(&record(2, "a")), &record(2, "b")),
        Verdict::Conflict
    );
    // A field only one side has is a difference too.
    let mut more = record(2, "a");
    more.insert("initials".into(), json!("JdV"));
    assert_eq!(judge(Some(&record(2, "a")), &more), Verdict::Conflict);
    assert_eq!(judge(Some(&more), &record(2, "a")), Verdict::Conflict);
}

#[test]
fn a_tombstone_wins_over_an_edit_of_the_same_revision() {
    assert_eq!(judge(Some(&record(2, "a")), &tombstone(2)), Verdict::Newer);
    assert_eq!(judge(Some(&tombstone(2)), &record(2, "a")), Verdict::Older);
}

#[test]
fn only_new_and_newer_are_taken() {
    let taken: Vec<_> = [
        Verdict::New,
        Verdict::Newer,
        Verdict::Identical,
        Verdict::Older,
        Verdict::Conflict,
    ]
    .into_iter()
    .filter(|v| v.is_taken())
    .collect();
    assert_eq!(taken, [Verdict::New, Verdict::Newer]);
}

#[test]
fn local_bookkeeping_does_not_travel() {
    let mut here = record(2, "a");
    here.insert("shipped_revision".into(), json!(1));
    here.insert("pending".into(), json!(1));
    let travelling = without_local_fields(here.clone());
    assert!(!travelling.contains_key("shipped_revision"));
    assert!(!travelling.contains_key("pending"));
    assert!(same_content(&here, &travelling));
}

#[test]
fn a_tally_counts_each_verdict_and_what_would_change() {
    let mut tally = Tally::default();
    for v in [
        Verdict::New,
        Verdict::New,
        Verdict::Newer,
        Verdict::Conflict,
        Verdict::Older,
    ] {
        tally.count(v);
    }
    assert_eq!(
        (tally.new, tally.newer, tally.conflict, tally.older),
        (2, 1, 1, 1)
    );
    assert_eq!(tally.changes(), 4);
}
