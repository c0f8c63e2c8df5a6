//! Reading the initiative forms: the new initiative, a correction of a stored
//! one, the participants update and a support moment. Unreadable text is
//! named by its field; the rules stay `validate_initiative`'s.

use chrono::NaiveDate;
use wijkpeil::domain::initiative::{
    validate_initiative, InitiativeField as F, InitiativeFields, InitiativeForm, InitiativeKind,
    InitiativeProblem as P, InitiativeStatus, ParticipantsForm, SupportForm, SupportMoment,
    MAX_INITIATIVE_PARTICIPANTS,
};
use wijkpeil::domain::privacy::{PersonalData, TextProblem};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2026, 11, 23)
}

/// Texts that are not a whole number within `u32`.
const NOT_A_NUMBER: [&str; 8] = [
    "-1",
    "+3",
    "1.5",
    "1,5",
    "twaalf",
    "1 2",
    "99999999999",
    "4294967296",
];

/// Texts that are not a date as a date input gives it.
const NOT_A_DATE: [&str; 4] = ["", "23-11-2026", "2026-02-30", "morgen"];

fn filled() -> InitiativeForm {
    let mut form = InitiativeForm::fresh(today());
    form.name = "  Moestuin Oost ".into();
    form.kind = InitiativeKind::YouthInitiative.code().into();
    form.start = " 2026-03-02 ".into();
    form.status = InitiativeStatus::Running.code().into();
    form.participants = " 15 ".into();
    form
}

// ---------------------------------------------------------------- new initiative

#[test]
fn a_fresh_form_is_a_residents_idea_started_today() {
    let form = InitiativeForm::fresh(today());
    assert_eq!(form.start, "2026-11-23");
    assert_eq!(form.kind, "residents_initiative");
    assert_eq!(form.status, "idea");
    assert_eq!(form.participants, "");
    let fields = form.read().expect("readable");
    assert_eq!(fields.start, today());
    assert_eq!(fields.initiative_kind, InitiativeKind::ResidentsInitiative);
    assert_eq!(fields.status, InitiativeStatus::Idea);
    assert_eq!(fields.participants, 0, "empty counts as 0");
    assert_eq!(
        validate_initiative(&fields, today()),
        Err(vec![P::Name(TextProblem::Empty)]),
        "readable, but the name is the rules' business"
    );
}

#[test]
fn a_filled_form_reads_into_fields_that_validate() {
    let fields = filled().read().expect("readable");
    assert_eq!(
        fields,
        InitiativeFields {
            name: "Moestuin Oost".into(),
            initiative_kind: InitiativeKind::YouthInitiative,
            start: date(2026, 3, 2),
            status: InitiativeStatus::Running,
            participants: 15,
            support: Vec::new(),
        }
    );
    assert_eq!(validate_initiative(&fields, today()), Ok(()));
}

#[test]
fn every_unreadable_field_is_named_in_the_forms_order() {
    let mut form = filled();
    form.start = "2-3-2026".into();
    form.participants = "vijftien".into();
    assert_eq!(form.read(), Err(vec![F::Start, F::Participants]));
    for text in NOT_A_DATE {
        let mut form = filled();
        form.start = text.into();
        assert_eq!(form.read(), Err(vec![F::Start]), "start {text:?}");
    }
    for text in NOT_A_NUMBER {
        let mut form = filled();
        form.participants = text.into();
        assert_eq!(
            form.read(),
            Err(vec![F::Participants]),
            "participants {text:?}"
        );
    }
}

#[test]
fn readable_is_not_valid_the_rules_come_after() {
    let mut form = filled();
    form.participants = (MAX_INITIATIVE_PARTICIPANTS + 1).to_string();
    form.start = "2026-11-24".into();
    let fields = form.read().expect("readable");
    assert_eq!(
        validate_initiative(&fields, today()),
        Err(vec![
            P::StartInFuture,
            P::TooManyParticipants {
                max: MAX_INITIATIVE_PARTICIPANTS
            },
        ])
    );
}

#[test]
fn unknown_codes_fall_back_to_the_fresh_choices() {
    let mut form = filled();
    form.kind = "club".into();
    form.status = String::new();
    let fields = form.read().expect("the selects only offer known codes");
    assert_eq!(fields.initiative_kind, InitiativeKind::ResidentsInitiative);
    assert_eq!(fields.status, InitiativeStatus::Idea);
}

// ---------------------------------------------------------------- participants

#[test]
fn the_participants_update_reads_a_whole_number() {
    let fields = filled().read().unwrap();
    let form = ParticipantsForm::of(&fields);
    assert_eq!(form.participants, "15");
    assert_eq!(form.read(), Ok(15));
    let read = |text: &str| {
        ParticipantsForm {
            participants: text.into(),
        }
        .read()
    };
    assert_eq!(read(" 40 "), Ok(40));
    assert_eq!(read(""), Ok(0), "empty counts as 0");
    assert_eq!(read(&u32::MAX.to_string()), Ok(u32::MAX));
    for text in NOT_A_NUMBER {
        assert_eq!(read(text), Err(vec![F::Participants]), "{text:?}");
    }
}

// ---------------------------------------------------------------- support moment

#[test]
fn a_support_moment_reads_with_its_note_trimmed_and_validates() {
    let form = SupportForm::fresh(today());
    assert_eq!(form.date, "2026-11-23");
    assert_eq!(form.note, "");
    let mut form = SupportForm {
        note: "  Hulp bij de subsidieaanvraag ".into(),
        ..form
    };
    let moment = form.read().expect("readable");
    assert_eq!(
        moment,
        SupportMoment {
            date: today(),
            note: "Hulp bij de subsidieaanvraag".into(),
        }
    );
    let mut fields = filled().read().unwrap();
    fields.support.push(moment);
    assert_eq!(validate_initiative(&fields, today()), Ok(()));

    form.date = "2026-03-01".into();
    fields.support.push(form.read().expect("readable"));
    assert_eq!(
        validate_initiative(&fields, today()),
        Err(vec![P::SupportBeforeStart { moment: 1 }]),
        "readable, but before the start"
    );
}

#[test]
fn an_unreadable_support_date_is_named() {
    for text in NOT_A_DATE {
        let form = SupportForm {
            date: text.into(),
            note: "gesprek".into(),
        };
        assert_eq!(form.read(), Err(vec![F::SupportDate]), "{text:?}");
    }
}

// ---------------------------------------------------------------- correction

/// A running youth initiative with 15 participants and two support moments.
fn stored() -> InitiativeFields {
    InitiativeFields {
        name: "Buurtmoestuin Oost".into(),
        initiative_kind: InitiativeKind::YouthInitiative,
        start: date(2026, 3, 2),
        status: InitiativeStatus::Running,
        participants: 15,
        support: vec![
            SupportMoment {
                date: date(2026, 4, 1),
                note: "Hulp bij de subsidieaanvraag".into(),
            },
            SupportMoment {
                date: date(2026, 6, 10),
                note: String::new(),
            },
        ],
    }
}

#[test]
fn a_stored_initiative_opens_as_typed_and_reads_back_unchanged() {
    let old = stored();
    let form = InitiativeForm::from_fields(&old);
    assert_eq!(form.name, "Buurtmoestuin Oost");
    assert_eq!(form.kind, "youth_initiative");
    assert_eq!(form.start, "2026-03-02");
    assert_eq!(form.status, "running");
    assert_eq!(form.participants, "15");
    assert_eq!(form.revise(&old), Ok(old));
}

#[test]
fn a_correction_changes_name_kind_and_start_and_keeps_the_rest() {
    let old = stored();
    let mut form = InitiativeForm::from_fields(&old);
    form.name = "  Moestuin De Kroon ".into();
    form.kind = InitiativeKind::WithNetworkPartner.code().into();
    form.start = " 2026-02-15 ".into();
    // Status and participants have their own controls: not read here.
    form.status = InitiativeStatus::Stopped.code().into();
    form.participants = "twaalf".into();
    let revised = form.revise(&old).expect("readable");
    assert_eq!(
        revised,
        InitiativeFields {
            name: "Moestuin De Kroon".into(),
            initiative_kind: InitiativeKind::WithNetworkPartner,
            start: date(2026, 2, 15),
            ..old
        }
    );
    assert_eq!(revised.support.len(), 2, "the support log stays");
    assert_eq!(validate_initiative(&revised, today()), Ok(()));
}

#[test]
fn a_correction_with_an_unreadable_start_names_it() {
    for text in NOT_A_DATE {
        let mut form = InitiativeForm::from_fields(&stored());
        form.start = text.into();
        assert_eq!(form.revise(&stored()), Err(vec![F::Start]), "{text:?}");
    }
}

#[test]
fn a_correction_is_still_held_to_every_rule() {
    let old = stored();
    let mut form = InitiativeForm::from_fields(&old);
    form.name = "   ".into();
    form.start = "2026-05-01".into();
    let revised = form.revise(&old).expect("readable");
    assert_eq!(
        validate_initiative(&revised, today()),
        Err(vec![
            P::Name(TextProblem::Empty),
            P::SupportBeforeStart { moment: 0 }
        ]),
        "a later start must not leave a support moment before it"
    );
    form.name = "Moestuin info@example.nl".into();
    form.start = "2026-12-01".into();
    let revised = form.revise(&old).expect("readable");
    assert_eq!(
        validate_initiative(&revised, today()),
        Err(vec![
            P::Name(TextProblem::PersonalData(PersonalData::Email)),
            P::StartInFuture,
            P::SupportBeforeStart { moment: 0 },
            P::SupportBeforeStart { moment: 1 },
        ])
    );
}
