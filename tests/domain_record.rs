//! Record identity and bookkeeping, timestamps as text, the stored JSON of a
//! contact, and Dutch date formatting.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde_json::{json, Value};
use wijkpeil::domain::contact::{Contact, ContactFields, Outcome, CONTACT_SCHEMA_VERSION};
use wijkpeil::domain::entry::Record;
use wijkpeil::domain::record::{utc_millis, RecordId, RecordKind, RecordMeta};
use wijkpeil::domain::timefmt::{clock, dutch_date, dutch_date_time};

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap()
}

const MILLIS: u64 = 1_764_000_000_123;

// ---------------------------------------------------------------- RecordId

#[test]
fn record_id_is_deterministic() {
    let random = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert_eq!(
        RecordId::new_v7(MILLIS, random),
        RecordId::new_v7(MILLIS, random)
    );
    assert_ne!(
        RecordId::new_v7(MILLIS, random),
        RecordId::new_v7(MILLIS, [0; 10])
    );
    assert_ne!(
        RecordId::new_v7(MILLIS, random),
        RecordId::new_v7(MILLIS + 1, random)
    );
}

#[test]
fn record_id_is_a_v7_uuid_with_the_time_in_front() {
    let id = RecordId::new_v7(MILLIS, [0xab; 10]);
    assert_eq!(id.0.get_version_num(), 7);
    assert_eq!(id.0.get_variant(), uuid::Variant::RFC4122);
    let text = id.to_string();
    assert_eq!(text.len(), 36);
    assert_eq!(text, text.to_lowercase());
    assert_eq!(text.matches('-').count(), 4);
    let hex: String = text.chars().filter(|c| *c != '-').collect();
    assert_eq!(&hex[..12], format!("{MILLIS:012x}"));
    assert_eq!(&hex[12..13], "7");
}

#[test]
fn record_id_text_is_fixed() {
    let id = RecordId::new_v7(0x0190_f1e2_3a4b, [0; 10]);
    assert_eq!(id.to_string(), "0190f1e2-3a4b-7000-8000-000000000000");
}

#[test]
fn record_ids_sort_by_time_whatever_the_random_bytes() {
    let early = RecordId::new_v7(MILLIS, [0xff; 10]);
    let late = RecordId::new_v7(MILLIS + 1, [0x00; 10]);
    assert!(early < late);
    assert!(early.to_string() < late.to_string());
    // Within one millisecond the random bytes decide.
    assert!(RecordId::new_v7(MILLIS, [0; 10]) < RecordId::new_v7(MILLIS, [0xff; 10]));
    // Over a longer span, too.
    let mut ids: Vec<RecordId> = (0..50u64)
        .rev()
        .map(|i| RecordId::new_v7(MILLIS + i * 997, [(i * 37 % 256) as u8; 10]))
        .collect();
    let by_time: Vec<RecordId> = ids.iter().rev().copied().collect();
    ids.sort();
    assert_eq!(ids, by_time);
}

#[test]
fn record_id_serialises_as_a_plain_string() {
    let id = RecordId::new_v7(MILLIS, [9; 10]);
    let value = serde_json::to_value(id).unwrap();
    assert_eq!(value, Value::String(id.to_string()));
    let back: RecordId = serde_json::from_value(value).unwrap();
    assert_eq!(back, id);
    assert!(serde_json::from_value::<RecordId>(json!("not-a-uuid")).is_err());
}

// ---------------------------------------------------------------- RecordKind

#[test]
fn record_kinds() {
    assert_eq!(
        RecordKind::ALL,
        [
            RecordKind::Contact,
            RecordKind::SurveyResponse,
            RecordKind::SurveyDefinition,
            RecordKind::Trajectory,
            RecordKind::Activity,
            RecordKind::Initiative,
            RecordKind::OrgList,
        ]
    );
    let stores: Vec<&str> = RecordKind::ALL.iter().map(|k| k.store_name()).collect();
    assert_eq!(
        stores,
        [
            "contacts",
            "survey_responses",
            "surveys",
            "trajectories",
            "activities",
            "initiatives",
            "org_lists"
        ]
    );
    assert_eq!(RecordKind::SurveyDefinition.store_name(), "surveys");
    assert_eq!(RecordKind::Contact.store_name(), "contacts");
    assert_eq!(RecordKind::SurveyResponse.store_name(), "survey_responses");
    assert_eq!(
        serde_json::to_value(RecordKind::SurveyResponse).unwrap(),
        json!("survey_response")
    );
    assert_eq!(
        serde_json::to_value(RecordKind::Contact).unwrap(),
        json!("contact")
    );
    assert_eq!(Contact::KIND, RecordKind::Contact);
}

// ---------------------------------------------------------------- RecordMeta

fn meta() -> RecordMeta {
    RecordMeta::new(
        RecordKind::Contact,
        RecordId::new_v7(MILLIS, [1; 10]),
        2,
        utc(2026, 11, 23, 13, 0, 0),
        "tablet-noord",
    )
}

#[test]
fn new_meta_is_revision_one_and_pending() {
    let m = meta();
    assert_eq!(m.revision, 1);
    assert_eq!(m.schema_version, 2);
    assert_eq!(m.kind, RecordKind::Contact);
    assert_eq!(m.created_at, utc(2026, 11, 23, 13, 0, 0));
    assert_eq!(m.updated_at, m.created_at);
    assert_eq!(m.device_id, "tablet-noord");
    assert!(!m.deleted);
    assert_eq!(m.shipped_revision, 0);
    assert!(m.is_pending());
}

#[test]
fn touch_bumps_the_revision_and_stamps_the_time() {
    let mut m = meta();
    let later = utc(2026, 11, 23, 15, 30, 0);
    m.touch(later);
    assert_eq!(m.revision, 2);
    assert_eq!(m.updated_at, later);
    assert_eq!(m.created_at, utc(2026, 11, 23, 13, 0, 0));
    m.touch(later + Duration::seconds(1));
    assert_eq!(m.revision, 3);
    assert_eq!(m.updated_at, later + Duration::seconds(1));
}

#[test]
fn pending_until_shipped_and_again_after_a_change() {
    let mut m = meta();
    m.shipped_revision = m.revision;
    assert!(!m.is_pending());
    m.touch(utc(2026, 11, 24, 9, 0, 0));
    assert!(m.is_pending());
    m.shipped_revision = 2;
    assert!(!m.is_pending());
    // Shipped further than known locally (another device): not pending.
    m.shipped_revision = 5;
    assert!(!m.is_pending());
}

#[test]
fn meta_reads_old_json_without_local_bookkeeping() {
    let m: RecordMeta = serde_json::from_value(json!({
        "id": "0190f1e2-3a4b-7000-8000-000000000000",
        "kind": "contact",
        "schema_version": 2,
        "created_at": "2026-11-23T13:00:00.000Z",
        "updated_at": "2026-11-23T13:00:00.000Z",
        "device_id": "d",
        "revision": 4
    }))
    .unwrap();
    assert!(!m.deleted);
    assert_eq!(m.shipped_revision, 0);
    assert!(m.is_pending());
}

// ---------------------------------------------------------------- utc_millis

#[test]
fn utc_millis_always_has_three_decimals() {
    let cases = [
        (utc(2026, 1, 5, 9, 7, 0), "2026-01-05T09:07:00.000Z"),
        (
            utc(2026, 11, 23, 13, 0, 0) + Duration::milliseconds(5),
            "2026-11-23T13:00:00.005Z",
        ),
        (
            utc(2026, 11, 23, 13, 0, 0) + Duration::milliseconds(120),
            "2026-11-23T13:00:00.120Z",
        ),
        (
            utc(1999, 12, 31, 23, 59, 59) + Duration::milliseconds(999),
            "1999-12-31T23:59:59.999Z",
        ),
        // Sub-millisecond precision is cut off, not rounded up.
        (
            utc(2026, 11, 23, 13, 0, 0) + Duration::nanoseconds(123_999_999),
            "2026-11-23T13:00:00.123Z",
        ),
        (
            utc(2026, 11, 23, 13, 0, 0) + Duration::nanoseconds(1),
            "2026-11-23T13:00:00.000Z",
        ),
    ];
    for (time, text) in cases {
        let formatted = utc_millis::format(&time);
        assert_eq!(formatted, text);
        assert_eq!(formatted.len(), 24);
        assert_eq!(&formatted[19..20], ".");
        assert!(formatted.ends_with('Z'));
    }
}

#[test]
fn utc_millis_text_order_is_time_order() {
    let base = utc(2026, 11, 23, 13, 0, 0);
    let mut times = vec![
        utc(2025, 12, 31, 23, 59, 59) + Duration::milliseconds(999),
        utc(2026, 1, 1, 0, 0, 0),
        base - Duration::milliseconds(1),
        base,
        base + Duration::milliseconds(1),
        base + Duration::milliseconds(9),
        base + Duration::milliseconds(10),
        base + Duration::milliseconds(99),
        base + Duration::milliseconds(100),
        base + Duration::milliseconds(999),
        base + Duration::seconds(1),
        base + Duration::seconds(10),
        base + Duration::minutes(1),
        base + Duration::hours(11),
        base + Duration::days(1),
        base + Duration::days(40),
        utc(2100, 1, 1, 0, 0, 0),
        utc(1970, 1, 1, 0, 0, 0),
    ];
    // Include a pseudo-random spread too (about 115 days either way).
    let mut x: i64 = 12345;
    for _ in 0..200 {
        x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
        times.push(base + Duration::milliseconds(x * 10 - 10_000_000_000));
    }
    let mut by_time = times.clone();
    by_time.sort();
    let texts_in_time_order: Vec<String> = by_time.iter().map(utc_millis::format).collect();
    let mut texts_sorted: Vec<String> = times.iter().map(utc_millis::format).collect();
    texts_sorted.sort();
    assert_eq!(texts_sorted, texts_in_time_order);
}

#[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
struct Stamp {
    #[serde(with = "utc_millis")]
    at: DateTime<Utc>,
}

#[test]
fn utc_millis_serde() {
    let stamp = Stamp {
        at: utc(2026, 11, 23, 13, 0, 0) + Duration::milliseconds(42),
    };
    let value = serde_json::to_value(&stamp).unwrap();
    assert_eq!(value, json!({ "at": "2026-11-23T13:00:00.042Z" }));
    assert_eq!(serde_json::from_value::<Stamp>(value).unwrap(), stamp);
    // Any RFC 3339 offset is read and brought to UTC.
    let local: Stamp =
        serde_json::from_value(json!({ "at": "2026-11-23T14:00:00+01:00" })).unwrap();
    assert_eq!(local.at, utc(2026, 11, 23, 13, 0, 0));
    let plain: Stamp = serde_json::from_value(json!({ "at": "2026-11-23T13:00:00Z" })).unwrap();
    assert_eq!(plain.at, utc(2026, 11, 23, 13, 0, 0));
    // From a string reader too (borrowed text).
    let borrowed: Stamp = serde_json::from_str(r#"{"at":"2026-11-23T13:00:00.042Z"}"#).unwrap();
    assert_eq!(borrowed, stamp);
    for bad in [
        json!("2026-11-23T13:00:00"),
        json!("23-11-2026"),
        json!(""),
        json!(1_764_000_000),
    ] {
        assert!(
            serde_json::from_value::<Stamp>(json!({ "at": bad.clone() })).is_err(),
            "{bad}"
        );
    }
}

// ---------------------------------------------------------------- Contact JSON

fn fields() -> ContactFields {
    ContactFields {
        location: "wijkplein-noord".into(),
        occurred_at: utc(2026, 11, 23, 13, 0, 0),
        channel: "inloop".into(),
        support_form: "informatie-advies".into(),
        domains: vec!["financien".into(), "huisvesting".into()],
        outcome: Outcome::Referred {
            to: "wijkteam".into(),
        },
        referrer: Some("huisarts".into()),
        awareness: None,
        target_groups: vec!["jongere".into()],
        duration_minutes: Some(20),
        note: "vraag over toeslag".into(),
        initials: "JdV".into(),
    }
}

fn contact() -> Contact {
    Contact::new(
        RecordId::new_v7(0x0190_f1e2_3a4b, [0; 10]),
        fields(),
        utc(2026, 11, 23, 13, 5, 0) + Duration::milliseconds(250),
        "tablet-noord",
    )
}

#[test]
fn contact_json_is_flat_with_exact_fields() {
    let value = serde_json::to_value(contact()).unwrap();
    assert_eq!(
        value,
        json!({
            "id": "0190f1e2-3a4b-7000-8000-000000000000",
            "kind": "contact",
            "schema_version": 2,
            "created_at": "2026-11-23T13:05:00.250Z",
            "updated_at": "2026-11-23T13:05:00.250Z",
            "device_id": "tablet-noord",
            "revision": 1,
            "deleted": false,
            "shipped_revision": 0,
            "location": "wijkplein-noord",
            "occurred_at": "2026-11-23T13:00:00.000Z",
            "channel": "inloop",
            "support_form": "informatie-advies",
            "domains": ["financien", "huisvesting"],
            "outcome": { "kind": "referred", "to": "wijkteam" },
            "referrer": "huisarts",
            "awareness": null,
            "target_groups": ["jongere"],
            "duration_minutes": 20,
            "note": "vraag over toeslag",
            "initials": "JdV"
        })
    );
}

#[test]
fn contact_json_round_trips() {
    let c = contact();
    let text = serde_json::to_string(&c).unwrap();
    assert_eq!(serde_json::from_str::<Contact>(&text).unwrap(), c);
    let value = serde_json::to_value(&c).unwrap();
    assert_eq!(serde_json::from_value::<Contact>(value).unwrap(), c);
}

#[test]
fn direct_contact_json_round_trips() {
    let mut f = fields();
    f.outcome = Outcome::Direct;
    f.referrer = None;
    f.duration_minutes = None;
    f.target_groups.clear();
    let c = Contact::new(
        RecordId::new_v7(MILLIS, [3; 10]),
        f,
        utc(2026, 1, 1, 0, 0, 0),
        "d",
    );
    let value = serde_json::to_value(&c).unwrap();
    assert_eq!(value["outcome"], json!({ "kind": "direct" }));
    assert_eq!(value["duration_minutes"], Value::Null);
    assert_eq!(serde_json::from_value::<Contact>(value).unwrap(), c);
}

#[test]
fn contact_json_fills_optional_fields_and_ignores_unknown_ones() {
    let mut value = serde_json::to_value(contact()).unwrap();
    let object = value.as_object_mut().unwrap();
    for key in [
        "referrer",
        "awareness",
        "target_groups",
        "duration_minutes",
        "note",
        "initials",
        "deleted",
        "shipped_revision",
    ] {
        object.remove(key);
    }
    object.insert("_rev".into(), json!("1-abc"));
    let c: Contact = serde_json::from_value(value).unwrap();
    assert_eq!(c.fields.referrer, None);
    assert_eq!(c.fields.awareness, None);
    assert!(c.fields.target_groups.is_empty());
    assert_eq!(c.fields.duration_minutes, None);
    assert_eq!(c.fields.note, "");
    assert_eq!(c.fields.initials, "");
    assert!(!c.meta.deleted);
    assert_eq!(c.meta.shipped_revision, 0);
    assert_eq!(c.fields.domains, vec!["financien", "huisvesting"]);
}

// ---------------------------------------------------------------- Contact life

#[test]
fn contact_new_revised_deleted() {
    let c = contact();
    assert_eq!(c.meta.schema_version, CONTACT_SCHEMA_VERSION);
    assert_eq!(c.meta.kind, RecordKind::Contact);
    assert_eq!(c.meta.revision, 1);
    assert_eq!(c.occurred_at(), utc(2026, 11, 23, 13, 0, 0));
    assert_eq!(c.meta(), &c.meta);

    let t2 = utc(2026, 11, 23, 14, 0, 0);
    let mut new_fields = fields();
    new_fields.note = "bijgewerkt".into();
    let revised = c.revised(new_fields.clone(), t2);
    assert_eq!(revised.meta.revision, 2);
    assert_eq!(revised.meta.updated_at, t2);
    assert_eq!(revised.meta.created_at, c.meta.created_at);
    assert_eq!(revised.meta.id, c.meta.id);
    assert_eq!(revised.meta.device_id, "tablet-noord");
    assert_eq!(revised.fields, new_fields);
    assert!(!revised.meta.deleted);
    // The original is untouched.
    assert_eq!(c.meta.revision, 1);

    let t3 = t2 + Duration::minutes(1);
    let deleted = revised.deleted(t3);
    assert!(deleted.meta.deleted);
    assert_eq!(deleted.meta.revision, 3);
    assert_eq!(deleted.meta.updated_at, t3);
    assert_eq!(deleted.fields, new_fields);
    assert!(deleted.meta.is_pending());
}

#[test]
fn a_tombstone_is_stored_without_content() {
    let mut c = contact();
    c.fields.note = "Jan de Vries, Dorpsstraat".into();
    let tombstone = c.deleted(utc(2026, 11, 23, 14, 0, 0));
    let json = serde_json::to_value(&tombstone).expect("json");
    let mut keys: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "created_at",
            "deleted",
            "device_id",
            "id",
            "kind",
            "revision",
            "schema_version",
            "shipped_revision",
            "updated_at"
        ]
    );
    assert!(!json.to_string().contains("Dorpsstraat"));
    // Read back, it is a tombstone, not damage.
    assert_eq!(
        Contact::from_stored(&json.to_string()).map(|d| d.record),
        Err(wijkpeil::domain::migrate::MigrationError::Tombstone)
    );
    // A live record is written whole.
    let live = serde_json::to_value(&c).expect("json");
    assert_eq!(live["note"], "Jan de Vries, Dorpsstraat");
}

#[test]
fn shipped_contact_becomes_pending_when_revised() {
    let mut c = contact();
    c.meta.shipped_revision = 1;
    assert!(!c.meta.is_pending());
    let revised = c.revised(fields(), utc(2026, 11, 24, 0, 0, 0));
    assert_eq!(revised.meta.shipped_revision, 1);
    assert!(revised.meta.is_pending());
    let mut via_trait = c.clone();
    via_trait.meta_mut().touch(utc(2026, 11, 24, 0, 0, 0));
    assert!(via_trait.meta().is_pending());
}

// ---------------------------------------------------------------- timefmt

#[test]
fn dutch_date_time_is_day_month_year_and_24_hour_clock() {
    let t = NaiveDate::from_ymd_opt(2026, 1, 5)
        .unwrap()
        .and_hms_opt(9, 7, 0)
        .unwrap();
    assert_eq!(dutch_date_time(t), "05-01-2026 09:07");
    assert_eq!(clock(t), "09:07");
    assert_eq!(dutch_date(t.date()), "05-01-2026");
}

#[test]
fn clock_drops_seconds_and_uses_24_hours() {
    let t = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(23, 59, 59)
        .unwrap();
    assert_eq!(clock(t), "23:59");
    assert_eq!(dutch_date_time(t), "23-11-2026 23:59");
    let midnight = NaiveDate::from_ymd_opt(2026, 12, 31)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    assert_eq!(dutch_date_time(midnight), "31-12-2026 00:00");
    let afternoon = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(14, 5, 0)
        .unwrap();
    assert_eq!(clock(afternoon), "14:05");
}

#[test]
fn datetime_local_values_round_trip() {
    use chrono::NaiveDate;
    use wijkpeil::domain::timefmt::{local_input, parse_local_input};
    let t = NaiveDate::from_ymd_opt(2026, 1, 5)
        .and_then(|d| d.and_hms_opt(9, 7, 0))
        .expect("valid");
    assert_eq!(local_input(t), "2026-01-05T09:07");
    assert_eq!(parse_local_input("2026-01-05T09:07"), Some(t));
    assert_eq!(
        parse_local_input("2026-01-05T09:07:30").map(|p| p - t),
        Some(chrono::Duration::seconds(30))
    );
    assert_eq!(
        parse_local_input("2026-01-05T09:07:30.250").map(|p| p - t),
        Some(chrono::Duration::seconds(30))
    );
    for bad in [
        "",
        "2026-01-05",
        "2026-01-05 09:07",
        "2026-1-5T9:07",
        "2026-02-30T09:07",
        "2026-01-05T24:00",
        "2026-01-05T09:07:30:10",
        "2026-01-05T09:07.x",
        "+2026-01-05T09:07",
        "2026-01-05T09:07 ",
    ] {
        assert_eq!(parse_local_input(bad), None, "{bad:?}");
    }
}

#[test]
fn dates_read_and_write_as_year_month_day() {
    use chrono::NaiveDate;
    use wijkpeil::domain::record::ymd::{format, parse};
    let d = NaiveDate::from_ymd_opt(2026, 2, 3).expect("valid");
    assert_eq!(format(&d), "2026-02-03");
    assert_eq!(parse("2026-02-03"), Some(d));
    for bad in [
        "",
        "2026-2-3",
        "2026-02-30",
        "26-02-03",
        "2026-02-03T00:00",
        "2026/02/03",
        "2026-02-03-01",
    ] {
        assert_eq!(parse(bad), None, "{bad:?}");
    }
}
