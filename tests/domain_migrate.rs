//! Reading stored records of every schema version: the contact's history
//! (v1 → v2) and the generic rules every kind shares.

use chrono::{TimeZone, Utc};
use serde_json::{json, Value};
use wijkpeil::domain::contact::{Contact, ContactFields, Outcome, CONTACT_SCHEMA_VERSION};
use wijkpeil::domain::entry::{schema_version, EntryFields, Record};
use wijkpeil::domain::migrate::{Decoded, MigrationError};
use wijkpeil::domain::record::{RecordId, RecordKind, RecordMeta};

/// Stored records reach the decoder as JSON text (as IndexedDB gives them).
fn decode(stored: Value) -> Result<Decoded<Contact>, MigrationError> {
    Contact::from_stored(&stored.to_string())
}

const ID: &str = "0190f1e2-3a4b-7c5d-8e6f-0123456789ab";

/// A contact as the first version of the app stored it.
fn v1() -> Value {
    json!({
        "id": ID,
        "kind": "contact",
        "schema_version": 1,
        "created_at": "2025-03-04T10:15:00.000Z",
        "updated_at": "2025-03-05T08:00:00.000Z",
        "device_id": "tablet-noord",
        "revision": 3,
        "location": "wijkplein-noord",
        "occurred_at": "2025-03-04T10:00:00.000Z",
        "channel": "inloop",
        "domain": "financien",
        "referred_to": "gemeente",
        "note": "vraag over kwijtschelding",
        "initials": "JdV"
    })
}

fn v1_with(key: &str, value: Option<Value>) -> Value {
    let mut v = v1();
    let object = v.as_object_mut().unwrap();
    match value {
        Some(value) => {
            object.insert(key.to_owned(), value);
        }
        None => {
            object.remove(key);
        }
    }
    v
}

fn decoded(stored: Value) -> Decoded<Contact> {
    match decode(stored.clone()) {
        Ok(d) => d,
        Err(e) => panic!("could not decode {stored}: {e:?}"),
    }
}

/// A current (v2) contact.
fn v2_contact() -> Contact {
    let mut contact = Contact::new(
        RecordId::new_v7(1_764_000_000_000, [7; 10]),
        ContactFields {
            location: "wijkplein-zuid".into(),
            occurred_at: Utc.with_ymd_and_hms(2026, 11, 23, 13, 0, 0).unwrap(),
            channel: "telefoon".into(),
            support_form: "individueel-traject".into(),
            domains: vec!["huisvesting".into(), "financien".into()],
            outcome: Outcome::Referred { to: "oco".into() },
            referrer: Some("huisarts".into()),
            awareness: Some("website".into()),
            target_groups: vec!["jongere".into()],
            duration_minutes: Some(30),
            note: "huur".into(),
            initials: "AB".into(),
        },
        Utc.with_ymd_and_hms(2026, 11, 23, 13, 5, 0).unwrap(),
        "tablet-zuid",
    );
    contact.meta.shipped_revision = 1;
    contact
}

// ---------------------------------------------------------------- v1

#[test]
fn current_schema_is_2() {
    assert_eq!(CONTACT_SCHEMA_VERSION, 2);
}

#[test]
fn v1_contact_is_upgraded_to_v2() {
    let d = decoded(v1());
    assert!(d.migrated);
    let created = Utc.with_ymd_and_hms(2025, 3, 4, 10, 15, 0).unwrap();
    let expected = Contact {
        meta: RecordMeta {
            id: RecordId(ID.parse().unwrap()),
            kind: RecordKind::Contact,
            schema_version: 2,
            created_at: created,
            updated_at: Utc.with_ymd_and_hms(2025, 3, 5, 8, 0, 0).unwrap(),
            device_id: "tablet-noord".into(),
            revision: 3,
            deleted: false,
            shipped_revision: 0,
            server_rev: None,
        },
        fields: ContactFields {
            location: "wijkplein-noord".into(),
            occurred_at: Utc.with_ymd_and_hms(2025, 3, 4, 10, 0, 0).unwrap(),
            channel: "inloop".into(),
            support_form: "informatie-advies".into(),
            domains: vec!["financien".into()],
            outcome: Outcome::Referred {
                to: "gemeente".into(),
            },
            referrer: None,
            awareness: None,
            target_groups: vec![],
            duration_minutes: None,
            note: "vraag over kwijtschelding".into(),
            initials: "JdV".into(),
        },
    };
    assert_eq!(d.record, expected);
}

#[test]
fn v1_without_a_referral_is_direct() {
    for referred_to in [Some(Value::Null), Some(json!("")), None] {
        let d = decoded(v1_with("referred_to", referred_to.clone()));
        assert_eq!(d.record.fields.outcome, Outcome::Direct, "{referred_to:?}");
        assert!(d.migrated);
    }
}

#[test]
fn v1_without_a_domain_gets_anders() {
    for domain in [None, Some(Value::Null), Some(json!(""))] {
        let d = decoded(v1_with("domain", domain.clone()));
        assert_eq!(d.record.fields.domains, vec!["anders"], "{domain:?}");
    }
}

#[test]
fn v1_keeps_a_support_form_if_it_had_one() {
    let d = decoded(v1_with("support_form", Some(json!("collectieve-inzet"))));
    assert_eq!(d.record.fields.support_form, "collectieve-inzet");
}

#[test]
fn v1_keeps_optional_fields_it_already_had() {
    let mut v = v1();
    v["shipped_revision"] = json!(2);
    v["duration_minutes"] = json!(15);
    let d = decoded(v);
    assert_eq!(d.record.meta.shipped_revision, 2);
    assert_eq!(d.record.fields.duration_minutes, Some(15));
}

#[test]
fn a_migrated_contact_stores_as_v2_and_reads_back_unmigrated() {
    let first = decoded(v1());
    let stored = serde_json::to_value(&first.record).unwrap();
    assert_eq!(stored["schema_version"], json!(2));
    assert_eq!(stored["domains"], json!(["financien"]));
    assert_eq!(
        stored["outcome"],
        json!({ "kind": "referred", "to": "gemeente" })
    );
    assert!(stored.get("domain").is_none());
    assert!(stored.get("referred_to").is_none());
    let again = decoded(stored);
    assert!(!again.migrated);
    assert_eq!(again.record, first.record);
}

#[test]
fn v1_that_does_not_match_its_schema_is_invalid() {
    let bad = v1_with("occurred_at", Some(json!("gisteren")));
    assert!(matches!(decode(bad), Err(MigrationError::Invalid(_))));
    let missing = v1_with("location", None);
    match decode(missing) {
        Err(MigrationError::Invalid(message)) => {
            assert!(message.contains("location"), "{message}")
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

// ---------------------------------------------------------------- v2

#[test]
fn v2_contact_decodes_unchanged() {
    let contact = v2_contact();
    let d = decoded(serde_json::to_value(&contact).unwrap());
    assert_eq!(
        d,
        Decoded {
            record: contact,
            migrated: false
        }
    );
}

#[test]
fn from_stored_is_decode() {
    let contact = v2_contact();
    let stored = serde_json::to_value(&contact).unwrap();
    assert_eq!(
        Contact::from_stored(&stored.clone().to_string()),
        decode(stored)
    );
    assert_eq!(Contact::from_stored(&v1().to_string()), decode(v1()));
}

#[test]
fn v2_with_a_wrong_type_is_invalid() {
    let mut stored = serde_json::to_value(v2_contact()).unwrap();
    stored["revision"] = json!("three");
    assert!(matches!(decode(stored), Err(MigrationError::Invalid(_))));

    let mut stored = serde_json::to_value(v2_contact()).unwrap();
    stored["domains"] = json!("financien");
    assert!(matches!(decode(stored), Err(MigrationError::Invalid(_))));

    let mut stored = serde_json::to_value(v2_contact()).unwrap();
    stored["outcome"] = json!({ "kind": "lost" });
    assert!(matches!(decode(stored), Err(MigrationError::Invalid(_))));
}

#[test]
fn v2_without_domains_is_not_silently_migrated() {
    // Only v1 gets defaults; a v2 record lacking a v2 field is damaged.
    let mut stored = serde_json::to_value(v2_contact()).unwrap();
    stored.as_object_mut().unwrap().remove("domains");
    assert!(matches!(decode(stored), Err(MigrationError::Invalid(_))));
}

#[test]
fn an_invalid_record_names_the_problem_and_its_place_once() {
    // Bookkeeping and content are read separately from the same text; the
    // message is the reader's, with one position.
    for field in ["revision", "domains"] {
        let mut stored = serde_json::to_value(v2_contact()).unwrap();
        stored.as_object_mut().unwrap().remove(field);
        let Err(MigrationError::Invalid(message)) = decode(stored) else {
            panic!("{field}: not invalid");
        };
        assert!(
            message.starts_with(&format!("missing field `{field}` at line 1 column ")),
            "{message}"
        );
        assert_eq!(message.matches(" at line ").count(), 1, "{message}");
    }
}

// ---------------------------------------------------------------- refusals

#[test]
fn a_newer_schema_is_from_the_future() {
    let mut stored = serde_json::to_value(v2_contact()).unwrap();
    stored["schema_version"] = json!(3);
    let future = |found| MigrationError::FromTheFuture {
        kind: RecordKind::Contact,
        found,
        known: 2,
    };
    assert_eq!(decode(stored), Err(future(3)));
    let mut stored = v1();
    stored["schema_version"] = json!(42);
    assert_eq!(decode(stored), Err(future(42)));
}

#[test]
fn a_record_without_schema_version_is_refused() {
    assert_eq!(
        decode(v1_with("schema_version", None)),
        Err(MigrationError::NoSchemaVersion)
    );
    for bad in [json!("2"), json!(-1), json!(1.5), Value::Null] {
        assert_eq!(
            decode(v1_with("schema_version", Some(bad.clone()))),
            Err(MigrationError::NoSchemaVersion),
            "{bad}"
        );
    }
}

#[test]
fn only_objects_are_records() {
    for stored in [
        json!([v1()]),
        json!([]),
        json!("contact"),
        json!(2),
        Value::Null,
    ] {
        assert_eq!(
            decode(stored.clone()),
            Err(MigrationError::NotAnObject),
            "{stored}"
        );
    }
}

#[test]
fn the_future_error_tells_the_user_to_update() {
    assert_eq!(
        MigrationError::FromTheFuture {
            kind: RecordKind::Contact,
            found: 3,
            known: 2
        }
        .to_string(),
        "contact record has schema version 3, newer than this app knows (2); update the app"
    );
}

#[test]
fn every_kind_names_itself_and_its_versions_when_too_new() {
    use wijkpeil::domain::entry::Entry;
    use wijkpeil::domain::survey::{ResponseContent, SurveyVersion};
    use wijkpeil::domain::{
        activity::ActivityFields, initiative::InitiativeFields, trajectory::TrajectoryFields,
    };
    fn too_new<F: EntryFields>() -> MigrationError {
        let stored = json!({ "schema_version": schema_version::<F>() + 1, "revision": 1 });
        match Entry::<F>::from_stored(&stored.to_string()) {
            Ok(_) => panic!("a newer schema was read"),
            Err(error) => error,
        }
    }
    fn expected<F: EntryFields>() -> MigrationError {
        MigrationError::FromTheFuture {
            kind: F::KIND,
            found: u64::from(schema_version::<F>()) + 1,
            known: schema_version::<F>(),
        }
    }
    assert_eq!(too_new::<ContactFields>(), expected::<ContactFields>());
    assert_eq!(too_new::<ResponseContent>(), expected::<ResponseContent>());
    assert_eq!(too_new::<SurveyVersion>(), expected::<SurveyVersion>());
    assert_eq!(
        too_new::<TrajectoryFields>(),
        expected::<TrajectoryFields>()
    );
    assert_eq!(too_new::<ActivityFields>(), expected::<ActivityFields>());
    assert_eq!(
        too_new::<InitiativeFields>(),
        expected::<InitiativeFields>()
    );
    assert!(too_new::<TrajectoryFields>()
        .to_string()
        .starts_with("trajectory record has schema version 2, newer than this app knows (1)"));
}

#[test]
fn a_deleted_record_of_any_schema_is_a_tombstone_not_damage() {
    let mut stored = v1();
    stored["deleted"] = json!(true);
    assert_eq!(decode(stored), Err(MigrationError::Tombstone));
    let bare =
        json!({ "id": ID, "kind": "contact", "schema_version": 2, "revision": 2, "deleted": true });
    assert_eq!(decode(bare), Err(MigrationError::Tombstone));
}
