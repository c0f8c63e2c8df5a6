//! Two versions of one record: listed with the fields that differ, and the
//! chosen one stored as the next revision, which then wins everywhere.

mod common;

use futures::executor::block_on;
use std::rc::Rc;
use wijkpeil::domain::contact::Contact;
use wijkpeil::domain::merge::{differing_fields, judge, resolution, Verdict};
use wijkpeil::domain::record::RecordKind;
use wijkpeil::service::conflicts::{Choice, ConflictService};
use wijkpeil::storage::contract::{incoming, sample_contact, t0};
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::RecordStore;

fn as_map(contact: &Contact) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(contact).unwrap() {
        serde_json::Value::Object(map) => map,
        _ => unreachable!(),
    }
}

#[test]
fn the_fields_that_differ_are_named_and_bookkeeping_is_not() {
    let a = sample_contact(1, t0());
    let mut b = a.clone();
    b.fields.note = "anders".into();
    b.fields.duration_minutes = Some(45);
    b.meta.device_id = "other".into();
    b.meta.shipped_revision = 9;
    let mut fields = differing_fields(&as_map(&a), &as_map(&b));
    fields.sort();
    assert_eq!(
        fields,
        ["duration_minutes", "note"],
        "the same time of change"
    );
    b.meta.updated_at = t0() + chrono::Duration::minutes(5);
    let mut fields = differing_fields(&as_map(&a), &as_map(&b));
    fields.sort();
    assert_eq!(fields, ["duration_minutes", "note", "updated_at"]);
}

#[test]
fn a_resolution_is_the_next_revision_and_wins_over_both_versions() {
    let here = sample_contact(2, t0());
    let mut other = here.clone();
    other.fields.note = "op de andere tablet".into();
    let settled = resolution(&as_map(&here), &as_map(&other), "2026-11-23T10:00:00.000Z");
    assert_eq!(settled["revision"], 2);
    assert_eq!(settled["note"], "op de andere tablet");
    assert_eq!(settled["updated_at"], "2026-11-23T10:00:00.000Z");
    assert_eq!(judge(Some(&as_map(&here)), &settled), Verdict::Newer);
    assert_eq!(judge(Some(&as_map(&other)), &settled), Verdict::Newer);
}

#[test]
fn a_person_picks_a_version_and_the_other_is_gone() {
    let store = Rc::new(MemoryStore::new());
    let here = sample_contact(3, t0());
    block_on(store.insert(&here)).unwrap();
    let mut other = here.clone();
    other.fields.note = "op de andere tablet".into();
    block_on(store.merge(RecordKind::Contact, &[incoming(&other)], true)).unwrap();
    let service = ConflictService::new(store.clone(), common::FixedEnv::at(t0()));
    let conflicts = block_on(service.list()).unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].fields, ["note"], "changed at the same time");
    assert_eq!(conflicts[0].stored_revision(), 1);

    block_on(service.choose(&conflicts[0], Choice::Here)).unwrap();
    let kept: Contact = block_on(store.get(here.meta.id)).unwrap().unwrap();
    assert_eq!(kept.fields.note, here.fields.note, "the version here stays");
    assert_eq!(
        kept.meta.revision, 2,
        "as a new revision, so it wins elsewhere"
    );
    assert!(kept.meta.is_pending());
    assert!(block_on(service.list()).unwrap().is_empty());
    // Shown before the choice, chosen again: refused, nothing changes.
    assert!(block_on(service.choose(&conflicts[0], Choice::Other)).is_err());
    let still: Contact = block_on(store.get(here.meta.id)).unwrap().unwrap();
    assert_eq!(still, kept);
}

#[test]
fn two_trajectories_with_other_contact_moments_differ_in_them() {
    use wijkpeil::domain::entry::Entry;
    use wijkpeil::domain::trajectory::TrajectoryFields;
    use wijkpeil::storage::contract::sample_trajectory;
    let store = Rc::new(MemoryStore::new());
    let here = sample_trajectory(5);
    block_on(store.insert(&here)).unwrap();
    let mut mine = here.fields.clone();
    mine.contact_moments[0].note = "Gesprek op laptop A".into();
    let mine = here.revised(mine, t0());
    block_on(store.update(&mine)).unwrap();
    let mut theirs_fields = here.fields.clone();
    theirs_fields.contact_moments[0].note = "Gesprek op laptop B".into();
    let theirs: Entry<TrajectoryFields> = here.revised(theirs_fields, t0());
    let verdicts =
        block_on(store.merge(RecordKind::Trajectory, &[incoming(&theirs)], true)).unwrap();
    assert_eq!(verdicts, [Verdict::Conflict]);
    let service = ConflictService::new(store.clone(), common::FixedEnv::at(t0()));
    let conflicts = block_on(service.list()).unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].fields, ["contact_moments"]);
    assert_eq!(conflicts[0].stored_revision(), 2);
}

/// The conflicts screen names each differing field as the coordinator reads
/// it: every content field of every kind has a label in Dutch and English,
/// not its name in the data ("contact_moments"), WCAG 2.4.6.
#[cfg(feature = "area-settings")]
#[test]
fn every_field_a_conflict_can_show_has_a_label() {
    use chrono::NaiveDate;
    use serde_json::{Map, Value};
    use wijkpeil::domain::activity::{ActivityFields, ActivityKind, Meeting};
    use wijkpeil::domain::initiative::{InitiativeFields, InitiativeKind, InitiativeStatus};
    use wijkpeil::domain::survey::templates;
    use wijkpeil::i18n::{conflicts::field_label, locale};
    use wijkpeil::storage::contract::{sample_response, sample_trajectory};

    let object = |value: Value| match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    };
    let day = NaiveDate::from_ymd_opt(2026, 10, 6).unwrap();
    let mut response = object(serde_json::to_value(sample_response(1, 3)).unwrap());
    for optional in ["location", "channel", "activity", "sealed"] {
        response.insert(optional.into(), Value::Bool(true));
    }
    let records: Vec<Map<String, Value>> = vec![
        object(serde_json::to_value(sample_contact(1, t0())).unwrap()),
        response,
        object(serde_json::to_value(sample_trajectory(1)).unwrap()),
        object(serde_json::to_value(&templates::builtin()[0]).unwrap()),
        object(
            serde_json::to_value(ActivityFields {
                title: "Voorlichting".into(),
                activity_kind: ActivityKind::InformationMeeting,
                theme: "financien".into(),
                location: "wijkplein-noord".into(),
                survey: Some("groepsactiviteit".into()),
                meetings: vec![Meeting::held(day, 24, 10, 2)],
            })
            .unwrap(),
        ),
        object(
            serde_json::to_value(InitiativeFields {
                name: "Moestuin".into(),
                initiative_kind: InitiativeKind::YouthInitiative,
                start: day,
                status: InitiativeStatus::Running,
                participants: 18,
                support: vec![],
            })
            .unwrap(),
        ),
    ];
    let mut fields: Vec<String> = records
        .iter()
        .flat_map(|record| differing_fields(record, &Map::new()))
        .collect();
    fields.sort();
    fields.dedup();
    assert!(fields.len() > 30, "the samples cover the kinds: {fields:?}");
    for code in ["nl", "en"] {
        let unlabelled: Vec<&String> = fields
            .iter()
            .filter(|field| field_label(locale(code), field) == field.as_str())
            .collect();
        assert!(unlabelled.is_empty(), "{code}: no label for {unlabelled:?}");
    }
    assert_eq!(
        field_label(locale("nl"), "contact_moments"),
        "Contactmomenten"
    );
    assert_eq!(
        field_label(locale("nl"), "from_a_newer_app"),
        "from_a_newer_app"
    );
}
