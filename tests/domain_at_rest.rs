//! Free text at rest (`domain::at_rest`): the `wpenc1:` field, the text key
//! in the lock's config, and exactly which fields of which record are free
//! text (every coded field stays as it is).

use serde_json::{json, Value};
use wijkpeil::domain::at_rest::{
    associated_data, free_text_paths, free_text_paths_joined, free_texts, has_free_text,
    is_encrypted, transform, EncryptedField, PREFIX, TAG_BYTES,
};
use wijkpeil::domain::lock::{wrap_context, LockConfig, Role, TextKey, WrappedKey};
use wijkpeil::domain::record::RecordKind;

fn field() -> EncryptedField {
    EncryptedField {
        nonce: [7; 12],
        data: (0..40).collect(),
    }
}

#[test]
fn an_encrypted_field_reads_back_as_written() {
    let text = field().to_text();
    assert!(text.starts_with("wpenc1:BwcHBwcHBwcHBwcH:"), "{text}");
    assert_eq!(EncryptedField::parse(&text), Some(field()));
    assert!(is_encrypted(&text));
    assert!(!is_encrypted("een notitie"));
}

#[test]
fn a_malformed_encrypted_field_is_refused() {
    let good = field().to_text();
    let (nonce, data) = good[PREFIX.len()..].split_once(':').unwrap();
    let short_data = format!("{PREFIX}{nonce}:{}", &data[..20]); // 15 bytes: no whole tag
    let cases = [
        "".to_owned(),
        "een notitie".to_owned(),
        PREFIX.to_owned(),
        format!("{PREFIX}{nonce}"),
        format!("{PREFIX}{nonce}:{data}:extra"),
        format!("{PREFIX}{nonce}:{data}="), // padding
        format!("{PREFIX}{nonce}:{}", data.replace('A', "+")), // not url-safe
        format!("{PREFIX}AAAA:{data}"),     // nonce of 3 bytes
        format!("WPENC1:{nonce}:{data}"),
        short_data,
        format!("{PREFIX}{nonce}:{}", "A".repeat(700_001)),
    ];
    for case in &cases {
        assert_eq!(EncryptedField::parse(case), None, "{case:.60}");
    }
    // Exactly the tag (an empty text) is well formed.
    let tag_only = EncryptedField {
        nonce: [0; 12],
        data: vec![1; TAG_BYTES],
    };
    assert_eq!(
        EncryptedField::parse(&tag_only.to_text()),
        Some(tag_only.clone())
    );
}

fn contact() -> Value {
    json!({
        "id": "0190a000-0000-7000-8000-000000000001",
        "kind": "contact",
        "schema_version": 2,
        "created_at": "2026-03-02T09:00:00.000Z",
        "updated_at": "2026-03-02T09:00:00.000Z",
        "device_id": "dev",
        "revision": 1,
        "location": "wijkplein-noord",
        "occurred_at": "2026-03-02T09:00:00.000Z",
        "channel": "inloop",
        "support_form": "informatie-advies",
        "domains": ["financien", "wonen"],
        "outcome": { "kind": "referred", "to": "schuldhulp" },
        "referrer": "huisarts",
        "awareness": null,
        "target_groups": ["ouderen"],
        "duration_minutes": 15,
        "note": "Mevr. de Vries, huur achter",
        "initials": "AB",
        "pending": 1
    })
}

fn trajectory() -> Value {
    json!({
        "id": "t", "kind": "trajectory", "revision": 2,
        "code": "K7Q-4PX", "start": "2026-01-05", "referrer": "wijkteam",
        "age_band": "65+", "household": "alleen", "main_domains": ["wonen"],
        "goals": [
            { "text": "Schulden op orde", "domain": "financien" },
            { "text": "", "domain": "wonen" },
            { "text": "Minder eenzaam", "domain": "sociaal" }
        ],
        "intake": { "date": "2026-01-05", "scores": { "financien": 2 } },
        "contact_moments": [
            { "date": "2026-01-12", "channel": "telefoon", "note": "Belde over brief" },
            { "date": "2026-01-19", "channel": "huisbezoek" }
        ],
        "closing": null
    })
}

fn response() -> Value {
    json!({
        "id": "r", "kind": "survey_response", "revision": 1,
        "survey_id": "tevredenheid", "survey_version": 3, "date": "2026-02-01",
        "lang": "nl", "location": "wijkplein-noord",
        "answers": {
            "cijfer": { "number": 8 },
            "weet": "dont_know",
            "terug": { "yes_no": true },
            "hoe": { "choice": "telefoon" },
            "wat": { "choices": ["a", "b"] },
            "toelichting": { "text": "Fijn geholpen door Ans" },
            "leeg": { "text": "" }
        }
    })
}

fn initiative() -> Value {
    json!({
        "id": "i", "kind": "initiative", "revision": 1,
        "name": "Moestuin Oost", "initiative_kind": "groen", "start": "2025-04-01",
        "status": "running", "participants": 12,
        "support": [{ "date": "2025-05-01", "note": "Subsidie aangevraagd" }, { "date": "2025-06-01" }]
    })
}

fn activity() -> Value {
    json!({
        "id": "a", "kind": "activity", "revision": 1,
        "title": "Koffieochtend", "activity_kind": "ontmoeting", "theme": "sociaal",
        "location": "noord", "meetings": [{ "date": "2026-01-01", "held": true, "participants": 9 }]
    })
}

/// Marks every free text it is given; returns the record.
fn marked(kind: RecordKind, record: Value) -> (Value, usize) {
    let Value::Object(mut object) = record else {
        return (record, 0);
    };
    let count = transform(kind, &mut object, |_, text| *text = format!("<{text}>"));
    (Value::Object(object), count)
}

#[test]
fn a_contacts_note_and_initials_are_its_only_free_text() {
    let (after, count) = marked(RecordKind::Contact, contact());
    assert_eq!(count, 2);
    let mut expected = contact();
    expected["note"] = json!("<Mevr. de Vries, huur achter>");
    expected["initials"] = json!("<AB>");
    assert_eq!(after, expected, "every coded field stays as it was");
}

#[test]
fn a_trajectorys_goals_and_moment_notes_are_free_text_its_codes_not() {
    let (after, count) = marked(RecordKind::Trajectory, trajectory());
    assert_eq!(
        count, 3,
        "the empty goal and the moment without a note are left"
    );
    let mut expected = trajectory();
    expected["goals"][0]["text"] = json!("<Schulden op orde>");
    expected["goals"][2]["text"] = json!("<Minder eenzaam>");
    expected["contact_moments"][0]["note"] = json!("<Belde over brief>");
    assert_eq!(after, expected);
}

#[test]
fn an_initiatives_support_notes_are_free_text_its_name_not() {
    let (after, count) = marked(RecordKind::Initiative, initiative());
    assert_eq!(count, 1);
    let mut expected = initiative();
    expected["support"][0]["note"] = json!("<Subsidie aangevraagd>");
    assert_eq!(after, expected);
}

#[test]
fn kinds_without_free_text_are_not_touched() {
    for (kind, record) in [
        (RecordKind::Activity, activity()),
        (
            RecordKind::SurveyDefinition,
            json!({ "id": "s", "note": "x", "title": "t" }),
        ),
        (
            RecordKind::OrgList,
            json!({ "id": "o", "note": "x", "items": ["a"] }),
        ),
        // Open answers are sealed with the organisation's answer key on
        // the resident's phone instead (no staff code there).
        (RecordKind::SurveyResponse, response()),
    ] {
        assert!(!has_free_text(kind));
        let (after, count) = marked(kind, record.clone());
        assert_eq!((after, count), (record, 0), "{kind:?}");
    }
    for kind in [
        RecordKind::Contact,
        RecordKind::Trajectory,
        RecordKind::Initiative,
    ] {
        assert!(has_free_text(kind));
    }
}

#[test]
fn a_field_of_another_shape_is_left_as_it_is() {
    // A record this version cannot read (a number for a note, a goal list
    // that is an object) is stored as it is; the walk skips those places.
    let odd = json!({ "kind": "contact", "note": 5, "initials": ["A"] });
    assert_eq!(marked(RecordKind::Contact, odd.clone()), (odd, 0));
    let odd = json!({ "goals": { "text": "x" }, "contact_moments": ["x", { "note": null }] });
    assert_eq!(marked(RecordKind::Trajectory, odd.clone()), (odd, 0));
    assert_eq!(
        marked(RecordKind::Contact, json!("text")),
        (json!("text"), 0)
    );
}

#[test]
fn each_field_is_bound_to_its_record_and_path() {
    let Value::Object(mut record) = trajectory() else {
        unreachable!()
    };
    let mut seen = Vec::new();
    transform(RecordKind::Trajectory, &mut record, |aad, text| {
        seen.push((aad.to_owned(), text.clone()))
    });
    seen.sort();
    assert_eq!(
        seen,
        [
            (
                "t contact_moments.*.note".to_owned(),
                "Belde over brief".to_owned()
            ),
            ("t goals.*.text".to_owned(), "Minder eenzaam".to_owned()),
            ("t goals.*.text".to_owned(), "Schulden op orde".to_owned()),
        ]
    );
    assert_eq!(associated_data("c-1", "note"), "c-1 note");
    assert_eq!(free_texts(RecordKind::Trajectory, &mut record).len(), 3);
}

fn wrapped(role: &str) -> WrappedKey {
    WrappedKey {
        salt: "00112233445566778899aabbccddeeff".into(),
        iterations: 600_000,
        from_hash: false,
        wrapped: EncryptedField {
            nonce: [1; 12],
            data: role.bytes().cycle().take(48).collect(),
        }
        .to_text(),
    }
}

#[test]
fn a_lock_config_from_before_the_text_key_still_reads() {
    let old = r#"{"coordinator":{"salt":"00","iterations":1,"hash":"ab"},"volunteer":null,"failures":2,"retry_at_ms":0}"#;
    let config: LockConfig = serde_json::from_str(old).expect("reads");
    assert_eq!(config.text_key, None);
    assert_eq!(config.failures, 2);
    // Written again without a key, it has no member for it.
    assert!(!serde_json::to_string(&config).unwrap().contains("text_key"));
}

#[test]
fn the_text_key_keeps_one_wrapping_per_role() {
    let key = TextKey {
        coordinator: Some(wrapped("c")),
        volunteer: Some(wrapped("v")),
    };
    let config = LockConfig {
        text_key: Some(key.clone()),
        ..LockConfig::default()
    };
    let text = serde_json::to_string(&config).unwrap();
    let read: LockConfig = serde_json::from_str(&text).unwrap();
    assert_eq!(read, config);
    assert_eq!(key.for_role(Role::Coordinator), Some(&wrapped("c")));
    assert_eq!(key.for_role(Role::Volunteer), Some(&wrapped("v")));
    assert!(wrapped("c").well_formed());
    let only_coordinator: TextKey = serde_json::from_str(&format!(
        r#"{{"coordinator":{}}}"#,
        serde_json::to_string(&wrapped("c")).unwrap()
    ))
    .unwrap();
    assert_eq!(only_coordinator.for_role(Role::Volunteer), None);
    assert_ne!(
        wrap_context(Role::Coordinator),
        wrap_context(Role::Volunteer)
    );
}

#[test]
fn a_wrapped_key_of_another_shape_is_not_well_formed() {
    let good = wrapped("c");
    let short_salt = WrappedKey {
        salt: "0011".into(),
        ..good.clone()
    };
    let no_iterations = WrappedKey {
        iterations: 0,
        ..good.clone()
    };
    let short_key = WrappedKey {
        wrapped: field().to_text(), // 40 bytes, not 32 and a tag
        ..good.clone()
    };
    let plain = WrappedKey {
        wrapped: "sleutel".into(),
        ..good
    };
    for bad in [short_salt, no_iterations, short_key, plain] {
        assert!(!bad.well_formed(), "{bad:?}");
    }
}

#[test]
fn each_free_text_path_has_a_first_name_of_its_own() {
    for kind in RecordKind::ALL {
        let firsts: Vec<&str> = free_text_paths(kind)
            .iter()
            .map(|p| p.split('.').next().unwrap())
            .collect();
        let mut unique = firsts.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), firsts.len(), "{kind:?}");
        assert_eq!(has_free_text(kind), !firsts.is_empty(), "{kind:?}");
        assert_eq!(
            free_text_paths(kind).join(" "),
            free_text_paths_joined(kind),
            "{kind:?}"
        );
    }
}

/// The data worker's cipher (`domain::at_rest::cipher`, feature `worker`).
#[cfg(feature = "worker")]
mod cipher {
    use super::*;
    use wijkpeil::domain::at_rest::cipher::TextCipher;
    use wijkpeil::domain::base64url;

    fn key(byte: u8) -> TextCipher {
        TextCipher::from_text(&base64url::encode(&[byte; 32])).expect("a 32-byte key")
    }

    fn nonces() -> impl FnMut() -> Option<[u8; 12]> {
        let mut n = 0u8;
        move || {
            n += 1;
            Some([n; 12])
        }
    }

    #[test]
    fn a_key_is_32_bytes_of_base64url() {
        assert!(TextCipher::from_text(&base64url::encode(&[1; 31])).is_none());
        assert!(TextCipher::from_text("not base64!").is_none());
        assert!(TextCipher::from_text(&base64url::encode(&[1; 32])).is_some());
    }

    #[test]
    fn a_sealed_record_keeps_its_codes_and_opens_again() {
        let Value::Object(mut record) = trajectory() else {
            unreachable!()
        };
        let cipher = key(7);
        assert!(cipher.seal_record(RecordKind::Trajectory, &mut record, nonces()));
        let stored = Value::Object(record.clone());
        assert!(is_encrypted(stored["goals"][0]["text"].as_str().unwrap()));
        assert!(is_encrypted(
            stored["contact_moments"][0]["note"].as_str().unwrap()
        ));
        assert!(!stored.to_string().contains("Schulden"), "{stored}");
        assert_eq!(stored["code"], trajectory()["code"]);
        assert_eq!(stored["goals"][1]["text"], "", "empty stays empty");
        // Sealing again leaves sealed fields as they are.
        let before = record.clone();
        assert!(cipher.seal_record(RecordKind::Trajectory, &mut record, nonces()));
        assert_eq!(record, before);
        assert_eq!(cipher.open_record(RecordKind::Trajectory, &mut record), 0);
        assert_eq!(Value::Object(record.clone()), trajectory());
        // Without a nonce nothing is sealed as if it were.
        assert!(!cipher.seal_record(RecordKind::Trajectory, &mut record, || None));
    }

    #[test]
    fn a_field_does_not_open_with_another_key_record_or_path() {
        let cipher = key(7);
        let sealed = cipher.seal([3; 12], "c-1 note", "huur achter").unwrap();
        assert_eq!(
            cipher.open("c-1 note", &sealed).as_deref(),
            Some("huur achter")
        );
        assert_eq!(key(8).open("c-1 note", &sealed), None);
        assert_eq!(
            cipher.open("c-2 note", &sealed),
            None,
            "moved to another record"
        );
        assert_eq!(
            cipher.open("c-1 initials", &sealed),
            None,
            "moved to another field"
        );
        let mut tampered = sealed.clone();
        tampered.replace_range(sealed.len() - 2.., "AA");
        assert_eq!(cipher.open("c-1 note", &tampered), None);
        // In a record: the one that does not open stays as stored.
        let mut record = match json!({ "id": "c-2", "note": sealed, "initials": "AB" }) {
            Value::Object(o) => o,
            _ => unreachable!(),
        };
        assert_eq!(cipher.open_record(RecordKind::Contact, &mut record), 1);
        assert_eq!(record["note"], Value::String(sealed));
        assert_eq!(record["initials"], "AB");
    }

    #[test]
    fn the_format_is_the_browsers() {
        // Made with WebCrypto (Node's, as public/at-rest.js calls it):
        // key 32 × 0x07, nonce 12 × 0x03, associated data "c-1 note".
        let browser = "wpenc1:AwMDAwMDAwMDAwMD:TYvWcXpJPSoOJTFn-g34aoVVCtR0ZSKDVFaj";
        let cipher = key(7);
        assert_eq!(
            cipher.seal([3; 12], "c-1 note", "huur achter").unwrap(),
            browser
        );
        assert_eq!(
            cipher.open("c-1 note", browser).as_deref(),
            Some("huur achter")
        );
        let field = EncryptedField::parse(browser).unwrap();
        assert_eq!(field.data.len(), "huur achter".len() + TAG_BYTES);
    }
}
