//! Hostile input, case by case, for every parser of outside input: an
//! import file, a survey link, a survey definition from a link or the
//! drop-off, and what a sync server replies. Each case names the limit or
//! rule it meets (docs/SECURITY.md); the fuzzer (examples/fuzz) tries the
//! rest at random. The last tests check that the fuzzer itself catches a
//! panic and a wrong acceptance.

// The fuzzer's own parts (what it does not use here is the binary's).
#[allow(dead_code)]
#[path = "../examples/fuzz/engine.rs"]
mod engine;
#[allow(dead_code)]
#[path = "../examples/fuzz/mutate.rs"]
mod mutate;
#[allow(dead_code)]
#[path = "../examples/fuzz/seeds.rs"]
mod seeds;
#[allow(dead_code)]
#[path = "../examples/fuzz/targets.rs"]
mod targets;

use serde_json::{json, Value};
use wijkpeil::domain::couch::{
    self, bulk_docs_errors, missing_revs, read_changes, read_doc, resume_from, written_rev,
    ReplyProblem, Rev, REPLY_LIMITS, SERVER_REV,
};
use wijkpeil::domain::import::{
    check_record, read_import, read_import_within, FileProblem, RecordProblem, LIMITS,
};
use wijkpeil::domain::record::RecordKind;
use wijkpeil::domain::survey::link::{LinkProblem, SurveyLink, MAX_LINK_BYTES};
use wijkpeil::domain::survey::public::{accept_for_link, check_for_link, PublicProblem};
use wijkpeil::domain::survey::{
    validate_definition, Counted, DefinitionProblem, Place, SurveyStatus, TextPart,
    DEFINITION_LIMITS, MAX_PROBLEMS,
};
use wijkpeil::service::sync::SyncError;

/// `[[[…0…]]]`, `depth` deep, as text (a `Value` this deep could not be
/// written or dropped without recursing as deep).
fn nested(depth: usize) -> String {
    format!("{}0{}", "[".repeat(depth), "]".repeat(depth))
}

fn contact() -> Value {
    serde_json::from_str(&seeds::records()[0].1).expect("a contact")
}

/// An export file (format 3) of these contacts.
fn file_of(contacts: &[Value]) -> String {
    json!({
        "format": "wijkpeil-export",
        "format_version": 3,
        "exported_at": "2026-11-23T09:30:00.000Z",
        "device_id": "tablet-1",
        "contacts": contacts,
    })
    .to_string()
}

/// The contact with `key` set to raw JSON `value`, as text.
fn contact_with(key: &str, value: &str) -> String {
    let mut contact = contact();
    contact[key] = json!("\u{1}here\u{1}");
    contact
        .to_string()
        .replace(&json!("\u{1}here\u{1}").to_string(), value)
}

fn check_contact(text: &str) -> Result<(), RecordProblem> {
    check_record(RecordKind::Contact, text, &LIMITS).map(|_| ())
}

// ------------------------------------------------------------- import file

#[test]
fn an_import_over_a_limit_is_refused_as_a_whole() {
    let file = seeds::import_files().remove(0);
    let mut limits = LIMITS;
    limits.file_bytes = file.len() - 1;
    assert_eq!(
        read_import_within(&file, &limits),
        Err(FileProblem::TooLarge { bytes: file.len() })
    );
    let mut limits = LIMITS;
    limits.records = 8;
    assert_eq!(
        read_import_within(&file, &limits),
        Err(FileProblem::TooManyRecords { count: 9 })
    );
    assert!(read_import(&file).is_ok());
}

#[test]
fn a_record_nested_too_deeply_is_left_out_and_named_so_even_past_the_json_readers_limit() {
    for depth in [LIMITS.depth, 127, 128, 129, 5_000] {
        let text = contact_with("note", &nested(depth));
        assert_eq!(check_contact(&text), Err(RecordProblem::TooDeep), "{depth}");
    }
    // At the limit, it is the kind's own reading that refuses it.
    let shallow = contact_with("note", &nested(LIMITS.depth - 2));
    assert!(matches!(
        check_contact(&shallow),
        Err(RecordProblem::Unreadable(_))
    ));
}

#[test]
fn nesting_far_past_the_json_readers_limit_beside_the_lists_does_not_stop_a_file() {
    let file = file_of(&[contact()]);
    let deep = format!(
        "{},\"extra\":{}}}",
        &file[..file.len() - 1],
        nested(200_000)
    );
    let read = read_import(&deep).expect("the file reads");
    assert_eq!(read.len(), 1);
}

#[test]
fn a_record_over_the_size_limit_is_left_out_and_the_rest_imports() {
    let mut big = contact();
    big["note"] = json!("a".repeat(LIMITS.record_bytes));
    let read = read_import(&file_of(&[big, contact()])).expect("the file reads");
    assert_eq!(read.len(), 1);
    assert_eq!(read.invalid.len(), 1);
    assert_eq!(read.invalid[0].1, RecordProblem::TooLarge);
}

#[test]
fn an_id_or_time_spelled_otherwise_is_refused_as_bookkeeping() {
    let id = contact()["id"].as_str().expect("an id").to_owned();
    for (key, value) in [
        ("id", json!(id.to_uppercase())),
        ("id", json!(format!("{{{id}}}"))),
        ("id", json!(format!("urn:uuid:{id}"))),
        ("id", json!(id.replace('-', ""))),
        ("created_at", json!("2026-11-23T10:30:00.000+01:00")),
        ("updated_at", json!("2026-11-23T09:30:00Z")),
        ("occurred_at", json!("2026-11-23T09:30:00.000000Z")),
    ] {
        let mut record = contact();
        record[key] = value;
        assert!(
            matches!(
                check_contact(&record.to_string()),
                Err(RecordProblem::BadBookkeeping(_))
            ),
            "{key}: {}",
            record[key]
        );
    }
    assert_eq!(check_contact(&contact().to_string()), Ok(()));
    // A tombstone too: it is kept as its bookkeeping written anew.
    let tombstone =
        seeds::TOMBSTONE.replace("10:00:00.000Z\",\"device", "10:00:00.0444Z\",\"device");
    assert_ne!(tombstone, seeds::TOMBSTONE);
    assert!(matches!(
        check_record(RecordKind::Activity, &tombstone, &LIMITS),
        Err(RecordProblem::BadBookkeeping(_))
    ));
    assert!(check_record(RecordKind::Activity, seeds::TOMBSTONE, &LIMITS).is_ok());
}

#[test]
fn numbers_past_their_type_are_refused() {
    for (key, value) in [
        ("revision", "4294967296"),
        ("revision", "-1"),
        ("revision", "1e309"),
        ("revision", "1.5"),
        ("schema_version", "18446744073709551616"),
        ("duration_minutes", "99999999999999999999"),
    ] {
        let text = contact_with(key, value);
        assert!(check_contact(&text).is_err(), "{key}: {value}");
    }
    // No record holds a fraction, even where a member is not read: serde_json
    // does not write every fraction back as it read it, so the record would
    // change each time it travels.
    for fraction in ["1e-28", "0.5", "1e3", "18446744073709551616"] {
        assert!(
            matches!(
                check_contact(&contact_with("extra", fraction)),
                Err(RecordProblem::Unreadable(_))
            ),
            "{fraction}"
        );
    }
    assert_eq!(check_contact(&contact_with("extra", "-7")), Ok(()));
}

#[test]
fn couchdbs_own_members_do_not_travel_with_an_imported_record() {
    let mut record = contact();
    record["_rev"] = json!("1-abc");
    record["_attachments"] = json!({ "x": { "data": "AAAA" } });
    let incoming = check_record(RecordKind::Contact, &record.to_string(), &LIMITS).expect("valid");
    assert!(incoming.record.keys().all(|name| !name.starts_with('_')));
    assert_eq!(incoming.record.get("note"), contact().get("note"));
}

#[test]
fn markup_and_odd_text_in_a_record_is_kept_as_text() {
    let note = "<script>alert(1)</script> \u{202e}gnp.exe 🙂 عربى";
    let mut record = contact();
    record["note"] = json!(note);
    let incoming = check_record(RecordKind::Contact, &record.to_string(), &LIMITS).expect("valid");
    assert_eq!(incoming.record["note"], json!(note));
    // A lone surrogate is not text: the record is left out.
    let broken = contact_with("note", r#""\ud800""#);
    assert_eq!(check_contact(&broken), Err(RecordProblem::NotAnObject));
}

// ------------------------------------------------------------ survey link

#[test]
fn a_link_over_its_limit_is_refused_before_it_is_read() {
    let prefix = "#s=eigen-0a1b2c3d&d=";
    let fits = format!("{prefix}{}", "A".repeat(MAX_LINK_BYTES - prefix.len()));
    assert!(SurveyLink::read(&fits).is_ok());
    let over = format!("{fits}A");
    assert_eq!(SurveyLink::read(&over), Err(LinkProblem::TooLong));
    assert_eq!(SurveyLink::parse(&over), None);
}

#[test]
fn a_link_with_a_value_that_is_not_allowed_is_refused() {
    for bad in [
        "#s=kto&loc=<script>alert(1)</script>",
        "#s=kto&to=javascript:alert(1)",
        "#s=kto&to=https://user:pw@example.nl/db",
        "#s=kto&to=http://example.nl/db",
        "#s=kto&to=https://example.nl/db?x=1",
        "#s=kto&d=abc+/=",
        "#s=kto&v=0",
        "#s=kto&v=4294967296",
        "#s=kto&v=-1",
        "#s=kto&lang=nl-NL",
        &format!("#s={}", "a".repeat(65)),
        "#s=kto&evil=1",
    ] {
        assert_eq!(SurveyLink::read(bad), Err(LinkProblem::BadValue), "{bad}");
    }
    assert_eq!(
        SurveyLink::read("#lang=nl&kiosk=1"),
        Err(LinkProblem::NoSurvey)
    );
}

// ------------------------------------------------------ survey definition

fn definition() -> Value {
    serde_json::to_value(seeds::own_survey(0)).expect("a definition")
}

fn problems_of(definition: &Value) -> Vec<DefinitionProblem> {
    match check_for_link(&definition.to_string(), seeds::OWN_SURVEY) {
        Err(PublicProblem::Invalid(errors)) => errors.into_iter().map(|e| e.problem).collect(),
        other => panic!("not refused as invalid: {other:?}"),
    }
}

#[test]
fn a_definition_over_the_size_limit_is_not_read_at_all() {
    let text = definition().to_string();
    assert!(accept_for_link(&text, seeds::OWN_SURVEY).is_some());
    // Valid JSON, only padded: refused by its size alone.
    let padded = format!(
        "{text}{}",
        " ".repeat(DEFINITION_LIMITS.bytes - text.len() + 1)
    );
    assert_eq!(
        check_for_link(&padded, seeds::OWN_SURVEY),
        Err(PublicProblem::TooLarge {
            bytes: DEFINITION_LIMITS.bytes + 1
        })
    );
}

#[test]
fn a_definition_nested_too_deeply_is_unreadable() {
    let text = definition().to_string();
    let deep = text.replacen(
        "\"title\":{",
        &format!("\"title\":{},\"x\":{{", nested(129)),
        1,
    );
    assert_eq!(
        check_for_link(&deep, seeds::OWN_SURVEY),
        Err(PublicProblem::Unreadable)
    );
    // Nesting in a member the app does not know is skipped without
    // recursing: read, within the size limit, whatever its depth.
    let ignored = format!(
        "{},\"extra\":{}}}",
        &text[..text.len() - 1],
        nested(100_000)
    );
    assert!(check_for_link(&ignored, seeds::OWN_SURVEY).is_ok());
}

#[test]
fn a_definition_with_too_many_of_anything_is_refused_with_that_alone() {
    let base = definition();
    let question = base["sections"][0]["questions"][0].clone();

    let mut languages = base.clone();
    languages["languages"] = json!((0..31).map(|n| format!("l{n}")).collect::<Vec<_>>());
    assert_eq!(
        problems_of(&languages),
        vec![DefinitionProblem::TooMany {
            what: Counted::Languages,
            max: DEFINITION_LIMITS.languages
        }]
    );

    let mut questions = base.clone();
    questions["sections"][0]["questions"] = json!((0..501)
        .map(|n| {
            let mut q = question.clone();
            q["id"] = json!(format!("q{n}"));
            q
        })
        .collect::<Vec<_>>());
    assert!(
        problems_of(&questions).contains(&DefinitionProblem::TooMany {
            what: Counted::Questions,
            max: DEFINITION_LIMITS.questions
        })
    );

    let mut options = base.clone();
    let label = json!({ "nl": "x", "en": "x", "ar": "x" });
    options["sections"][0]["questions"][0]["kind"] = json!({
        "type": "single",
        "options": (0..101).map(|n| json!({ "code": format!("o{n}"), "label": label })).collect::<Vec<_>>(),
    });
    assert_eq!(
        problems_of(&options),
        vec![DefinitionProblem::TooMany {
            what: Counted::Options,
            max: DEFINITION_LIMITS.options
        }]
    );
}

#[test]
fn a_text_or_code_over_its_limit_is_refused_and_its_place_is_cut() {
    let mut long_text = definition();
    long_text["title"]["nl"] = json!("é".repeat(DEFINITION_LIMITS.text_chars + 1));
    assert_eq!(
        problems_of(&long_text),
        vec![DefinitionProblem::TooLong {
            text: TextPart::Title,
            max: DEFINITION_LIMITS.text_chars
        }]
    );
    // At the limit in characters (twice as many bytes): fine.
    long_text["title"]["nl"] = json!("é".repeat(DEFINITION_LIMITS.text_chars));
    assert!(accept_for_link(&long_text.to_string(), seeds::OWN_SURVEY).is_some());

    let mut long_code = definition();
    long_code["sections"][0]["id"] = json!("s".repeat(100_000));
    let errors = match check_for_link(&long_code.to_string(), seeds::OWN_SURVEY) {
        Err(PublicProblem::Invalid(errors)) => errors,
        other => panic!("{other:?}"),
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].problem,
        DefinitionProblem::CodeTooLong {
            max: DEFINITION_LIMITS.code_bytes
        }
    );
    assert_eq!(
        errors[0].at,
        Place::Section("s".repeat(DEFINITION_LIMITS.code_bytes))
    );
}

#[test]
fn the_problems_of_a_broken_definition_are_listed_up_to_a_limit() {
    let mut broken = definition();
    broken["languages"] = json!((0..30).map(|n| format!("l{n}")).collect::<Vec<_>>());
    let errors = validate_definition(&serde_json::from_value(broken).expect("a definition"))
        .expect_err("untranslated");
    assert_eq!(errors.len(), MAX_PROBLEMS);
}

#[test]
fn only_a_published_definition_of_the_survey_the_link_names_is_shown() {
    let mut draft = definition();
    draft["status"] = json!("draft");
    assert_eq!(
        check_for_link(&draft.to_string(), seeds::OWN_SURVEY),
        Err(PublicProblem::NotPublished)
    );
    assert_eq!(
        check_for_link(&definition().to_string(), "eigen-ffffffff"),
        Err(PublicProblem::OtherSurvey)
    );
    let mut script = definition();
    script["title"]["nl"] = json!("<script>alert(1)</script>");
    let shown = accept_for_link(&script.to_string(), seeds::OWN_SURVEY).expect("text is text");
    assert_eq!(shown.title.get("nl"), "<script>alert(1)</script>");
    assert_eq!(shown.status, SurveyStatus::Published);
}

// ------------------------------------------------------ sync server replies

fn page(rows: Vec<Value>, last_seq: Value) -> String {
    json!({ "results": rows, "last_seq": last_seq, "pending": 0 }).to_string()
}

fn row(doc: &Value) -> Value {
    json!({ "seq": "1-g1", "id": doc["_id"], "changes": [{ "rev": doc["_rev"] }], "doc": doc })
}

#[test]
fn a_reply_over_its_limit_is_not_read() {
    let mut huge = page(vec![], json!("1-g1"));
    huge.push_str(&" ".repeat(REPLY_LIMITS.reply_bytes));
    let bytes = huge.len();
    assert_eq!(
        read_changes(&huge, &|_| true).map(|_| ()),
        Err(ReplyProblem::TooLarge { bytes })
    );
    assert_eq!(
        missing_revs(&huge).map(|_| ()),
        Err(ReplyProblem::TooLarge { bytes })
    );
    assert_eq!(
        bulk_docs_errors(&huge).map(|_| ()),
        Err(ReplyProblem::TooLarge { bytes })
    );
    assert_eq!(
        SyncError::from(ReplyProblem::TooLarge { bytes }),
        SyncError::ReplyTooLarge { bytes }
    );
    assert_eq!(SyncError::from(ReplyProblem::NotCouch), SyncError::BadReply);
    let doc = seeds::fetched_docs().remove(0);
    let padded = format!("{doc}{}", " ".repeat(REPLY_LIMITS.doc_bytes));
    assert_eq!(
        read_doc(&padded).map(|r| r.map(|_| ())),
        Some(Err(RecordProblem::TooLarge))
    );
}

#[test]
fn one_document_nested_too_deeply_is_reported_and_the_page_still_reads() {
    let docs = seeds::docs();
    let deep = format!(
        "{},\"note\":{}}}",
        {
            let mut doc = docs[0].clone();
            doc.as_object_mut().map(|d| d.remove("note"));
            let text = doc.to_string();
            text[..text.len() - 1].to_owned()
        },
        nested(300)
    );
    let deep_row = format!(
        "{{\"seq\":\"1-g1\",\"id\":{},\"changes\":[],\"doc\":{deep}}}",
        docs[0]["_id"]
    );
    let good = page(vec![row(&docs[1])], json!("2-g1"));
    let reply = good.replacen("\"results\":[", &format!("\"results\":[{deep_row},"), 1);
    let page = read_changes(&reply, &|_| true).expect("the page reads");
    assert_eq!(page.rows, 2);
    assert_eq!(page.records.len(), 1);
    assert_eq!(
        page.unreadable,
        vec![(
            docs[0]["_id"].as_str().expect("an id").to_owned(),
            RecordProblem::TooDeep
        )]
    );
    assert_eq!(
        read_doc(&deep).map(|r| r.map(|_| ())),
        Some(Err(RecordProblem::TooDeep))
    );
}

#[test]
fn a_position_that_is_not_one_is_not_a_changes_reply() {
    for last_seq in [
        json!({ "a": 1 }),
        json!([1, 2]),
        json!(true),
        json!("9".repeat(REPLY_LIMITS.seq_bytes + 1)),
    ] {
        assert_eq!(
            read_changes(&page(vec![], last_seq.clone()), &|_| true).map(|_| ()),
            Err(ReplyProblem::NotCouch),
            "{last_seq}"
        );
    }
    for last_seq in [
        json!(null),
        json!(42),
        json!("9".repeat(REPLY_LIMITS.seq_bytes)),
    ] {
        assert!(read_changes(&page(vec![], last_seq), &|_| true).is_ok());
    }
}

#[test]
fn a_revision_the_server_made_up_is_not_kept() {
    let long = format!("1-{}", "a".repeat(REPLY_LIMITS.digest_bytes + 1));
    for bad in [
        long.as_str(),
        "1-<script>",
        "1-",
        "0-abc",
        "x-abc",
        "4294967296-abc",
    ] {
        assert_eq!(Rev::parse(bad), None, "{bad}");
    }
    let fits = format!("1-{}", "a".repeat(REPLY_LIMITS.digest_bytes));
    assert!(Rev::parse(&fits).is_some());

    let docs = seeds::docs();
    let mut made_up = docs[0].clone();
    made_up["_rev"] = json!(long);
    let mut conflicting = docs[1].clone();
    let rev = Rev::parse(conflicting["_rev"].as_str().expect("a rev")).expect("a rev");
    let other = format!("{}-0123456789abcdef0123456789abcdef", rev.revision);
    conflicting["_conflicts"] = json!([long, format!("{}-<b>", rev.revision), 5, other]);
    let reply = page(vec![row(&made_up), row(&conflicting)], json!(1));
    let page = read_changes(&reply, &|_| true).expect("reads");
    assert_eq!(page.records.len(), 2);
    assert!(!page.records[0].1.record.contains_key(SERVER_REV));
    assert!(page.records[1].1.record.contains_key(SERVER_REV));
    assert_eq!(
        page.conflicts,
        vec![(
            conflicting["_id"].as_str().expect("an id").to_owned(),
            Rev::parse(&other).expect("a rev")
        )]
    );
}

#[test]
fn a_refusal_reason_is_cut_and_a_long_revision_of_a_write_is_not_taken() {
    let reply = json!([{ "id": "contact:x", "error": "forbidden", "reason": "<b>".repeat(5_000) }]);
    let errors = bulk_docs_errors(&reply.to_string()).expect("a reply");
    assert_eq!(
        errors[0].reason.chars().count(),
        REPLY_LIMITS.reason_chars + 1
    );
    assert!(errors[0].reason.ends_with('…'));

    let write = json!({ "ok": true, "rev": format!("0-{}", "1".repeat(REPLY_LIMITS.seq_bytes)) });
    assert_eq!(written_rev(&write.to_string()), None);
    assert_eq!(
        written_rev(&json!({ "ok": true, "rev": "0-4" }).to_string()),
        Some("0-4".into())
    );
    assert_eq!(
        couch::rev_of(&format!("{{\"_rev\":{}}}", nested(200))),
        None
    );
}

#[test]
fn a_huge_or_strange_checkpoint_starts_the_pull_from_the_beginning() {
    let local = json!("12-g1AAAA");
    let kept = json!({ "since": "12-g1AAAA" }).to_string();
    assert_eq!(resume_from(Some(&local), Some(&kept)), local);
    let padded = format!("{kept}{}", " ".repeat(REPLY_LIMITS.small_bytes));
    assert_eq!(resume_from(Some(&local), Some(&padded)), json!(0));
    let deep = format!("{{\"since\":{}}}", nested(1_000));
    assert_eq!(resume_from(Some(&local), Some(&deep)), json!(0));
}

// ------------------------------------------------------------- the fuzzer

/// Each target's seeds are accepted as they are, and its first inputs made
/// from them (the same on every run) break nothing: a short fuzz run in
/// every `cargo test`; `bench/run fuzz` runs it for longer.
#[test]
fn every_parser_takes_its_seeds_and_a_few_hundred_fixed_inputs() {
    for target in targets::TARGETS {
        let seeds = (target.seeds)();
        let runs = engine::Budget::Runs(seeds.len() as u64 + 300);
        let report = engine::run(target.name, &seeds, target.json, &target.check, 2026, runs);
        assert!(
            report.failure.is_none(),
            "{}: {:?}",
            target.name,
            report.failure
        );
        assert!(report.accepted >= seeds.len() as u64, "{}", target.name);
    }
}

#[test]
fn the_fuzzer_catches_a_panic_and_keeps_the_input() {
    let seeds = vec![r#"{"a":[1,2,3]}"#.to_owned()];
    let panics_on_long = |text: &str| -> Result<bool, String> {
        assert!(text.len() < 40, "too long for this parser");
        Ok(true)
    };
    let report = engine::run(
        "panics",
        &seeds,
        true,
        &panics_on_long,
        7,
        engine::Budget::Runs(5_000),
    );
    assert_eq!(report.panicked, 1);
    let failure = report.failure.expect("a failure");
    assert!(failure.input.len() >= 40);
    assert!(
        failure.message.contains("too long for this parser"),
        "{}",
        failure.message
    );
    assert_eq!(report.tried, failure.run);
}

#[test]
fn the_fuzzer_catches_a_wrong_acceptance_and_a_refused_seed() {
    let seeds = vec!["s=kto".to_owned()];
    let accepts_anything = |text: &str| -> Result<bool, String> {
        match text.contains('#') {
            true => Err("a # was accepted".into()),
            false => Ok(true),
        }
    };
    let report = engine::run(
        "wrong",
        &seeds,
        false,
        &accepts_anything,
        7,
        engine::Budget::Runs(50_000),
    );
    assert_eq!((report.wrong, report.panicked), (1, 0));
    assert!(report
        .failure
        .expect("a failure")
        .message
        .contains("a # was accepted"));

    let refuses_all = |_: &str| -> Result<bool, String> { Ok(false) };
    let report = engine::run(
        "refuses",
        &seeds,
        false,
        &refuses_all,
        7,
        engine::Budget::Runs(10),
    );
    assert_eq!((report.tried, report.wrong), (1, 1));
}

#[test]
fn the_same_seed_makes_the_same_inputs() {
    let seeds = seeds::import_files();
    let inputs = |seed: u64| -> Vec<Vec<u8>> {
        let mut rng = engine::target_rng("import", seed);
        (0..50)
            .map(|_| mutate::input(&mut rng, &seeds, true))
            .collect()
    };
    assert_eq!(inputs(11), inputs(11));
    assert_ne!(inputs(11), inputs(12));
}
