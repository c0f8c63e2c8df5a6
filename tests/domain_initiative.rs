//! Help with self-organisation: codes, validation, counting and serde,
//! natively. "Today" is 23-11-2026.

use chrono::NaiveDate;
use wijkpeil::domain::entry::Entry;
use wijkpeil::domain::entry::Record;
use wijkpeil::domain::initiative::{
    initiative_totals, validate_initiative, InitiativeFields, InitiativeKind,
    InitiativeProblem as P, InitiativeStatus, InitiativeTotals, SupportMoment,
    INITIATIVE_SCHEMA_VERSION, MAX_INITIATIVE_PARTICIPANTS, MAX_NAME_CHARS, MAX_NOTE_CHARS,
};
use wijkpeil::domain::privacy::{PersonalData, TextProblem};
use wijkpeil::domain::record::{RecordId, RecordKind};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2026, 11, 23)
}

fn moment(d: NaiveDate, note: &str) -> SupportMoment {
    SupportMoment {
        date: d,
        note: note.into(),
    }
}

/// A running youth initiative started in spring 2026 with two moments.
fn garden() -> InitiativeFields {
    InitiativeFields {
        name: "Moestuin Oost".into(),
        initiative_kind: InitiativeKind::YouthInitiative,
        start: date(2026, 3, 2),
        status: InitiativeStatus::Running,
        participants: 18,
        support: vec![
            moment(date(2026, 3, 2), "Eerste gesprek, subsidie uitgelegd"),
            moment(date(2026, 5, 11), ""),
        ],
    }
}

fn problems(i: &InitiativeFields) -> Vec<P> {
    validate_initiative(i, today()).unwrap_err()
}

#[test]
fn codes_are_stable_and_the_serde_form() {
    let kinds: Vec<&str> = InitiativeKind::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(
        kinds,
        vec![
            "youth_initiative",
            "residents_initiative",
            "with_network_partner"
        ]
    );
    let statuses: Vec<&str> = InitiativeStatus::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(statuses, vec!["idea", "running", "independent", "stopped"]);
    for k in InitiativeKind::ALL {
        assert_eq!(InitiativeKind::from_code(k.code()), Some(k));
        assert_eq!(
            serde_json::to_string(&k).unwrap(),
            format!("\"{}\"", k.code())
        );
    }
    for s in InitiativeStatus::ALL {
        assert_eq!(InitiativeStatus::from_code(s.code()), Some(s));
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            format!("\"{}\"", s.code())
        );
    }
    assert_eq!(InitiativeKind::from_code("youth"), None);
    assert_eq!(InitiativeStatus::from_code("Running"), None);
}

#[test]
fn a_new_initiative_is_an_idea() {
    let i = InitiativeFields::new(
        "  Buurtfeest  ",
        InitiativeKind::ResidentsInitiative,
        today(),
    );
    assert_eq!(i.name, "Buurtfeest");
    assert_eq!(i.status, InitiativeStatus::Idea);
    assert_eq!((i.participants, i.support.len()), (0, 0));
    assert_eq!(validate_initiative(&i, today()), Ok(()));
    assert_eq!(i.last_supported(), today());
}

#[test]
fn valid_initiative_passes() {
    assert_eq!(validate_initiative(&garden(), today()), Ok(()));
    assert_eq!(garden().last_supported(), date(2026, 5, 11));
}

#[test]
fn validation_collects_every_problem() {
    let mut i = garden();
    i.name = " ".into();
    i.start = date(2026, 11, 24);
    i.participants = MAX_INITIATIVE_PARTICIPANTS + 1;
    i.support = vec![
        moment(date(2026, 11, 24), "Gesprek"),
        moment(date(2026, 11, 1), &"x".repeat(MAX_NOTE_CHARS + 1)),
        moment(date(2026, 11, 25), "Mail aan piet@example.nl"),
    ];
    assert_eq!(
        problems(&i),
        vec![
            P::Name(TextProblem::Empty),
            P::StartInFuture,
            P::TooManyParticipants {
                max: MAX_INITIATIVE_PARTICIPANTS
            },
            P::SupportInFuture { moment: 0 },
            P::SupportBeforeStart { moment: 1 },
            P::Note {
                moment: 1,
                problem: TextProblem::TooLong {
                    max: MAX_NOTE_CHARS as u32
                }
            },
            P::SupportInFuture { moment: 2 },
            P::Note {
                moment: 2,
                problem: TextProblem::PersonalData(PersonalData::Email)
            },
        ]
    );
}

#[test]
fn name_limits_and_privacy() {
    let mut i = garden();
    i.name = "x".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(
        problems(&i),
        vec![P::Name(TextProblem::TooLong {
            max: MAX_NAME_CHARS as u32
        })]
    );
    i.name = "ë".repeat(MAX_NAME_CHARS);
    assert_eq!(validate_initiative(&i, today()), Ok(()));
    i.name = "Buurtkast 1234 AB".into();
    assert_eq!(
        problems(&i),
        vec![P::Name(TextProblem::PersonalData(PersonalData::Postcode))]
    );
    // a note with a date is no personal data; a phone number is
    i.name = "Buurtkast".into();
    i.support[1].note = "Overleg 23-11-2026".into();
    assert_eq!(validate_initiative(&i, today()), Ok(()));
    i.support[1].note = "Bel 0612345678".into();
    assert_eq!(
        problems(&i),
        vec![P::Note {
            moment: 1,
            problem: TextProblem::PersonalData(PersonalData::LongNumber)
        }]
    );
}

#[test]
fn counting_supported_initiatives_in_a_year() {
    let year = (date(2026, 1, 1), date(2026, 12, 31));
    // started in 2025, supported in 2026
    let mut old = garden();
    old.start = date(2025, 6, 1);
    old.initiative_kind = InitiativeKind::WithNetworkPartner;
    old.status = InitiativeStatus::Independent;
    old.participants = 40;
    old.support = vec![moment(date(2025, 6, 1), ""), moment(date(2026, 1, 1), "")];
    // started in 2026 without any support moment yet: counts
    let mut fresh =
        InitiativeFields::new("Buurtfeest", InitiativeKind::ResidentsInitiative, today());
    fresh.participants = 120;
    // started and last supported in 2025: does not count in 2026
    let mut stopped = garden();
    stopped.start = date(2025, 1, 6);
    stopped.status = InitiativeStatus::Stopped;
    stopped.participants = 1000;
    stopped.support = vec![moment(date(2025, 12, 31), "")];

    let all = [garden(), old, fresh, stopped];
    let t = initiative_totals(&all, year.0, year.1);
    assert_eq!(t.initiatives, 3);
    assert_eq!(t.participants, 18 + 40 + 120);
    assert_eq!(t.support_moments, 2 + 1);
    assert_eq!(t.with_status(InitiativeStatus::Running), 1);
    assert_eq!(t.with_status(InitiativeStatus::Independent), 1);
    assert_eq!(t.with_status(InitiativeStatus::Idea), 1);
    assert_eq!(t.with_status(InitiativeStatus::Stopped), 0);
    assert_eq!(t.by_status.len(), 3, "statuses with none are absent");
    assert_eq!(t.of_kind(InitiativeKind::YouthInitiative), 1);
    assert_eq!(t.of_kind(InitiativeKind::WithNetworkPartner), 1);
    assert_eq!(t.of_kind(InitiativeKind::ResidentsInitiative), 1);

    let t = initiative_totals(&all, date(2025, 1, 1), date(2025, 12, 31));
    assert_eq!(t.initiatives, 2, "old and stopped");
    assert_eq!(t.participants, 1040);
    assert_eq!(t.support_moments, 2);
    assert_eq!(t.with_status(InitiativeStatus::Stopped), 1);

    assert_eq!(
        initiative_totals(&[], year.0, year.1),
        InitiativeTotals::default()
    );
}

#[test]
fn seed_002_sums() {
    // 245 initiatives with 4,502 participants: 4502 = 245 * 18 + 92
    let all: Vec<InitiativeFields> = (0..245u32)
        .map(|n| {
            let mut i = garden();
            i.participants = if n < 92 { 19 } else { 18 };
            i.initiative_kind = InitiativeKind::ALL[n as usize % 3];
            i
        })
        .collect();
    let t = initiative_totals(&all, date(2026, 1, 1), date(2026, 12, 31));
    assert_eq!(t.initiatives, 245);
    assert_eq!(t.participants, 4502);
    assert_eq!(t.support_moments, 490);
    assert_eq!(t.by_kind.values().sum::<u32>(), 245);
}

#[test]
fn serde_round_trip() {
    let json = serde_json::to_string(&garden()).unwrap();
    let back: InitiativeFields = serde_json::from_str(&json).unwrap();
    assert_eq!(back, garden());
    let value = serde_json::to_value(garden()).unwrap();
    assert_eq!(value["initiative_kind"], "youth_initiative");
    assert_eq!(value["status"], "running");
    assert_eq!(value["start"], "2026-03-02");
    assert_eq!(value["support"][1]["date"], "2026-05-11");
    // participants, support and notes default
    let i: InitiativeFields = serde_json::from_str(
        r#"{"name": "Buurtkast", "initiative_kind": "residents_initiative",
            "start": "2026-01-05", "status": "idea",
            "support": [{"date": "2026-01-05"}]}"#,
    )
    .unwrap();
    assert_eq!(i.participants, 0);
    assert_eq!(i.support, vec![moment(date(2026, 1, 5), "")]);
    assert!(serde_json::from_str::<InitiativeFields>(
        r#"{"name": "x", "initiative_kind": "club", "start": "2026-01-05", "status": "idea"}"#
    )
    .is_err());
}

#[test]
fn an_entry_round_trips_through_its_stored_text() {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:30:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let entry = Entry::new(RecordId::new_v7(1, [3; 10]), garden(), now, "tablet-1");
    let text = serde_json::to_string(&entry).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["kind"], "initiative");
    assert_eq!(json["initiative_kind"], "youth_initiative");
    assert_eq!(json["schema_version"], INITIATIVE_SCHEMA_VERSION);
    let decoded = Entry::<InitiativeFields>::from_stored(&text).unwrap();
    assert_eq!(decoded.record, entry);
    assert_eq!(decoded.record.meta.kind, RecordKind::Initiative);
}
