//! Validation of the contact form (`ContactDraft` -> `ContactFields`), natively.
//!
//! The clock is fixed at 23-11-2026 14:00 Amsterdam time (winter, +01:00),
//! i.e. 13:00 UTC, and the time zone is a fixed-offset closure.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use wijkpeil::domain::contact::{
    validate, ContactDraft, ContactFields, Field, FieldError, Outcome, Problem, ValidationContext,
    FUTURE_TOLERANCE_MINUTES, MAX_AGE_DAYS, MAX_DOMAINS, MAX_DURATION_MINUTES, MAX_NOTE_CHARS,
};
use wijkpeil::domain::privacy::{PersonalData, TextProblem};
use wijkpeil::domain::taxonomy::Taxonomy;

// ---------------------------------------------------------------- helpers

fn local(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, s)
        .unwrap()
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap()
}

/// 23-11-2026 14:00 on the wall clock in Amsterdam.
fn now_local() -> NaiveDateTime {
    local(2026, 11, 23, 14, 0, 0)
}

/// The same moment in UTC.
fn now() -> DateTime<Utc> {
    utc(2026, 11, 23, 13, 0, 0)
}

fn local_text(l: NaiveDateTime) -> String {
    l.format("%Y-%m-%dT%H:%M").to_string()
}

fn validate_with<F: Fn(NaiveDateTime) -> Option<DateTime<Utc>>>(
    draft: &ContactDraft,
    local_to_utc: F,
) -> Result<ContactFields, Vec<FieldError>> {
    let taxonomy = Taxonomy::builtin();
    let cx = ValidationContext {
        taxonomy: &taxonomy,
        now: now(),
        local_to_utc,
    };
    validate(draft, &cx)
}

/// Validates in Europe/Amsterdam winter time (+01:00).
fn check(draft: &ContactDraft) -> Result<ContactFields, Vec<FieldError>> {
    validate_with(draft, |l| {
        Some(Utc.from_utc_datetime(&(l - Duration::hours(1))))
    })
}

fn ok(draft: &ContactDraft) -> ContactFields {
    match check(draft) {
        Ok(fields) => fields,
        Err(errors) => panic!("expected a valid draft, got {errors:?} for {draft:?}"),
    }
}

fn errors(draft: &ContactDraft) -> Vec<FieldError> {
    match check(draft) {
        Ok(fields) => panic!("expected errors, got {fields:?} for {draft:?}"),
        Err(errors) => errors,
    }
}

/// The one and only error of a draft.
fn only_error(draft: &ContactDraft) -> FieldError {
    let errors = errors(draft);
    assert_eq!(errors.len(), 1, "expected exactly one error: {errors:?}");
    errors[0]
}

fn err(field: Field, problem: Problem) -> FieldError {
    FieldError { field, problem }
}

/// The most common contact: a fresh form with one domain tapped.
fn base() -> ContactDraft {
    let mut draft =
        ContactDraft::fresh(&Taxonomy::builtin(), "wijkplein-noord", "JdV", now_local());
    draft.toggle_domain("financien");
    draft
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

// ---------------------------------------------------------------- constants

#[test]
fn limits_are_the_documented_ones() {
    assert_eq!(MAX_NOTE_CHARS, 280);
    assert_eq!(MAX_DOMAINS, 5);
    assert_eq!(MAX_DURATION_MINUTES, 480);
    assert_eq!(MAX_AGE_DAYS, 366);
    assert_eq!(FUTURE_TOLERANCE_MINUTES, 10);
}

// ---------------------------------------------------------------- fresh draft

#[test]
fn fresh_draft_preselects_the_most_common_contact() {
    let tax = Taxonomy::builtin();
    let draft = ContactDraft::fresh(&tax, "wijkplein-noord", "JdV", now_local());
    assert_eq!(
        draft,
        ContactDraft {
            location: "wijkplein-noord".into(),
            occurred_at_local: "2026-11-23T14:00".into(),
            channel: "inloop".into(),
            support_form: "informatie-advies".into(),
            domains: vec![],
            referred: false,
            referral_target: String::new(),
            referrer: String::new(),
            awareness: String::new(),
            target_groups: vec![],
            duration_minutes: String::new(),
            note: String::new(),
            initials: "JdV".into(),
        }
    );
    assert_eq!(draft.channel, tax.default_channel);
    assert_eq!(draft.support_form, tax.default_support_form);
}

#[test]
fn fresh_draft_drops_seconds_from_the_clock() {
    let draft = ContactDraft::fresh(
        &Taxonomy::builtin(),
        "wijkplein-noord",
        "",
        local(2026, 11, 23, 9, 5, 59),
    );
    assert_eq!(draft.occurred_at_local, "2026-11-23T09:05");
}

#[test]
fn fresh_draft_follows_the_taxonomy_defaults() {
    let mut tax = Taxonomy::builtin();
    tax.default_channel = "telefoon".into();
    tax.default_support_form = "collectieve-inzet".into();
    let draft = ContactDraft::fresh(&tax, "wijkplein-zuid", "AB", now_local());
    assert_eq!(draft.channel, "telefoon");
    assert_eq!(draft.support_form, "collectieve-inzet");
    assert_eq!(draft.location, "wijkplein-zuid");
    assert_eq!(draft.initials, "AB");
}

#[test]
fn one_tap_and_save_gives_a_direct_contact() {
    let fields = ok(&base());
    assert_eq!(
        fields,
        ContactFields {
            location: "wijkplein-noord".into(),
            occurred_at: now(),
            channel: "inloop".into(),
            support_form: "informatie-advies".into(),
            domains: strings(&["financien"]),
            outcome: Outcome::Direct,
            referrer: None,
            awareness: None,
            target_groups: vec![],
            duration_minutes: None,
            note: String::new(),
            initials: "JdV".into(),
        }
    );
}

#[test]
fn a_fresh_draft_without_a_domain_only_lacks_the_domain() {
    let draft = ContactDraft::fresh(&Taxonomy::builtin(), "wijkplein-noord", "JdV", now_local());
    assert_eq!(errors(&draft), vec![err(Field::Domains, Problem::Required)]);
}

// ---------------------------------------------------------------- choices

#[test]
fn location_is_required_and_must_be_known() {
    let mut draft = base();
    draft.location = String::new();
    assert_eq!(only_error(&draft), err(Field::Location, Problem::Required));
    draft.location = "wijkplein-mars".into();
    assert_eq!(
        only_error(&draft),
        err(Field::Location, Problem::UnknownChoice)
    );
    // Codes are exact: no trimming, no case folding.
    draft.location = "Wijkplein-Noord".into();
    assert_eq!(
        only_error(&draft),
        err(Field::Location, Problem::UnknownChoice)
    );
    draft.location = "telefoon".into();
    assert_eq!(ok(&draft).location, "telefoon");
}

#[test]
fn channel_is_required_and_must_be_known() {
    let mut draft = base();
    draft.channel = String::new();
    assert_eq!(only_error(&draft), err(Field::Channel, Problem::Required));
    draft.channel = "fax".into();
    assert_eq!(
        only_error(&draft),
        err(Field::Channel, Problem::UnknownChoice)
    );
    for code in ["inloop", "telefoon", "online", "huisbezoek", "outreach"] {
        draft.channel = code.into();
        assert_eq!(ok(&draft).channel, code);
    }
}

#[test]
fn support_form_is_required_and_must_be_known() {
    let mut draft = base();
    draft.support_form = String::new();
    assert_eq!(
        only_error(&draft),
        err(Field::SupportForm, Problem::Required)
    );
    draft.support_form = "therapie".into();
    assert_eq!(
        only_error(&draft),
        err(Field::SupportForm, Problem::UnknownChoice)
    );
    draft.support_form = "zelforganisatie".into();
    assert_eq!(ok(&draft).support_form, "zelforganisatie");
}

#[test]
fn domains_are_required() {
    let mut draft = base();
    draft.domains.clear();
    assert_eq!(only_error(&draft), err(Field::Domains, Problem::Required));
}

#[test]
fn unknown_domain_is_refused() {
    let mut draft = base();
    draft.toggle_domain("astrologie");
    assert_eq!(
        only_error(&draft),
        err(Field::Domains, Problem::UnknownChoice)
    );
}

#[test]
fn at_most_five_domains() {
    let mut draft = base();
    for code in ["huisvesting", "justitie", "basale-adl", "sociaal-netwerk"] {
        draft.toggle_domain(code);
    }
    assert_eq!(draft.domains.len(), 5);
    assert_eq!(
        ok(&draft).domains,
        strings(&[
            "financien",
            "huisvesting",
            "justitie",
            "basale-adl",
            "sociaal-netwerk"
        ])
    );
    draft.toggle_domain("anders");
    assert_eq!(
        only_error(&draft),
        err(Field::Domains, Problem::TooMany { max: 5 })
    );
}

#[test]
fn domains_keep_their_order_main_domain_first() {
    let mut draft = base();
    draft.domains = strings(&["justitie", "financien", "anders"]);
    assert_eq!(
        ok(&draft).domains,
        strings(&["justitie", "financien", "anders"])
    );
}

#[test]
fn referred_needs_a_target() {
    let mut draft = base();
    draft.referred = true;
    assert_eq!(
        only_error(&draft),
        err(Field::ReferralTarget, Problem::Required)
    );
    draft.referral_target = "het-loket".into();
    assert_eq!(
        only_error(&draft),
        err(Field::ReferralTarget, Problem::UnknownChoice)
    );
}

#[test]
fn referred_with_a_target_is_a_referral() {
    for to in ["gemeente", "wijkteam", "oco", "ggd", "anders"] {
        let mut draft = base();
        draft.referred = true;
        draft.referral_target = to.into();
        assert_eq!(ok(&draft).outcome, Outcome::Referred { to: to.into() });
    }
}

#[test]
fn a_target_left_behind_without_referred_is_ignored() {
    // The volunteer picked a target, then switched "doorverwezen" off again.
    let mut draft = base();
    draft.referred = false;
    draft.referral_target = "wijkteam".into();
    assert_eq!(ok(&draft).outcome, Outcome::Direct);
    draft.referral_target = "nonsense".into();
    assert_eq!(ok(&draft).outcome, Outcome::Direct);
}

#[test]
fn referrer_is_optional_but_must_be_known() {
    let mut draft = base();
    assert_eq!(ok(&draft).referrer, None);
    draft.referrer = "huisarts".into();
    assert_eq!(ok(&draft).referrer, Some("huisarts".into()));
    draft.referrer = "buurman".into();
    assert_eq!(
        only_error(&draft),
        err(Field::Referrer, Problem::UnknownChoice)
    );
}

#[test]
fn awareness_is_optional_but_must_be_known() {
    let mut draft = base();
    assert_eq!(ok(&draft).awareness, None);
    draft.awareness = "campagne".into();
    assert_eq!(ok(&draft).awareness, Some("campagne".into()));
    draft.awareness = "tv".into();
    assert_eq!(
        only_error(&draft),
        err(Field::Awareness, Problem::UnknownChoice)
    );
}

#[test]
fn target_groups_are_optional_but_must_be_known() {
    let mut draft = base();
    assert_eq!(ok(&draft).target_groups, Vec::<String>::new());
    draft.toggle_target_group("jongere");
    draft.toggle_target_group("anderstalig");
    assert_eq!(
        ok(&draft).target_groups,
        strings(&["jongere", "anderstalig"])
    );
    draft.toggle_target_group("senior");
    assert_eq!(
        only_error(&draft),
        err(Field::TargetGroups, Problem::UnknownChoice)
    );
}

// ---------------------------------------------------------------- occurred_at

fn with_time(text: &str) -> ContactDraft {
    let mut draft = base();
    draft.occurred_at_local = text.into();
    draft
}

#[test]
fn occurred_at_is_required() {
    for text in ["", "   "] {
        assert_eq!(
            only_error(&with_time(text)),
            err(Field::OccurredAt, Problem::Required),
            "{text:?}"
        );
    }
}

#[test]
fn occurred_at_must_be_a_date_time() {
    for text in [
        "gisteren",
        "2026-11-23",
        "14:00",
        "23-11-2026 14:00",
        "2026-11-23 14:00",
        "2026-02-30T10:00",
        "2026-11-23T25:00",
        "2026-11-23T10:00Z",
    ] {
        assert_eq!(
            only_error(&with_time(text)),
            err(Field::OccurredAt, Problem::NotADateTime),
            "{text:?}"
        );
    }
}

#[test]
fn occurred_at_is_converted_with_the_given_time_zone() {
    assert_eq!(
        ok(&with_time("2026-11-23T10:00")).occurred_at,
        utc(2026, 11, 23, 9, 0, 0)
    );
    // Surrounding whitespace is tolerated.
    assert_eq!(
        ok(&with_time(" 2026-11-23T10:00 ")).occurred_at,
        utc(2026, 11, 23, 9, 0, 0)
    );
    // Another offset (summer time, +02:00) gives another instant: the closure
    // is really used.
    let summer = validate_with(&with_time("2026-11-23T10:00"), |l| {
        Some(Utc.from_utc_datetime(&(l - Duration::hours(2))))
    })
    .unwrap();
    assert_eq!(summer.occurred_at, utc(2026, 11, 23, 8, 0, 0));
}

#[test]
fn occurred_at_accepts_seconds() {
    assert_eq!(
        ok(&with_time("2026-11-23T10:00:00")).occurred_at,
        utc(2026, 11, 23, 9, 0, 0)
    );
    assert_eq!(
        ok(&with_time("2026-11-23T10:00:30")).occurred_at,
        utc(2026, 11, 23, 9, 0, 30)
    );
}

#[test]
fn occurred_at_in_a_dst_gap_is_not_a_date_time() {
    // 29-03-2026 02:30 does not exist in Amsterdam: the zone says None.
    let draft = with_time("2026-03-29T02:30");
    assert_eq!(
        validate_with(&draft, |_| None),
        Err(vec![err(Field::OccurredAt, Problem::NotADateTime)])
    );
}

#[test]
fn occurred_at_may_be_a_few_minutes_ahead() {
    let five = local_text(now_local() + Duration::minutes(5));
    assert_eq!(five, "2026-11-23T14:05");
    assert_eq!(
        ok(&with_time(&five)).occurred_at,
        now() + Duration::minutes(5)
    );
    // The tolerance itself is still fine.
    let ten = local_text(now_local() + Duration::minutes(10));
    assert_eq!(
        ok(&with_time(&ten)).occurred_at,
        now() + Duration::minutes(10)
    );
}

#[test]
fn occurred_at_more_than_ten_minutes_ahead_is_in_the_future() {
    for minutes in [11, 60, 60 * 24 * 400] {
        let text = local_text(now_local() + Duration::minutes(minutes));
        assert_eq!(
            only_error(&with_time(&text)),
            err(Field::OccurredAt, Problem::InTheFuture),
            "{text}"
        );
    }
    // Ten minutes and thirty seconds: past the tolerance.
    assert_eq!(
        only_error(&with_time("2026-11-23T14:10:30")),
        err(Field::OccurredAt, Problem::InTheFuture)
    );
}

#[test]
fn occurred_at_up_to_a_year_ago_is_fine() {
    for days in [1, 30, 365, 366] {
        let text = local_text(now_local() - Duration::days(days));
        assert_eq!(
            ok(&with_time(&text)).occurred_at,
            now() - Duration::days(days),
            "{text}"
        );
    }
}

#[test]
fn occurred_at_longer_ago_is_too_long_ago() {
    let text = local_text(now_local() - Duration::days(367));
    assert_eq!(text, "2025-11-21T14:00");
    assert_eq!(
        only_error(&with_time(&text)),
        err(Field::OccurredAt, Problem::TooLongAgo)
    );
    let just_over = local_text(now_local() - Duration::days(366) - Duration::minutes(1));
    assert_eq!(
        only_error(&with_time(&just_over)),
        err(Field::OccurredAt, Problem::TooLongAgo)
    );
    assert_eq!(
        only_error(&with_time("1999-01-01T10:00")),
        err(Field::OccurredAt, Problem::TooLongAgo)
    );
}

// ---------------------------------------------------------------- duration

fn with_duration(text: &str) -> ContactDraft {
    let mut draft = base();
    draft.duration_minutes = text.into();
    draft
}

#[test]
fn duration_is_optional() {
    assert_eq!(ok(&with_duration("")).duration_minutes, None);
    assert_eq!(ok(&with_duration("   ")).duration_minutes, None);
}

#[test]
fn duration_in_range_is_kept() {
    for (text, minutes) in [
        ("45", 45),
        (" 45 ", 45),
        ("1", 1),
        ("480", 480),
        ("045", 45),
    ] {
        assert_eq!(
            ok(&with_duration(text)).duration_minutes,
            Some(minutes),
            "{text:?}"
        );
    }
}

#[test]
fn duration_must_be_a_whole_number() {
    for text in ["abc", "1.5", "1,5", "4 5", "+5", "45 min", "٤٥"] {
        assert_eq!(
            only_error(&with_duration(text)),
            err(Field::Duration, Problem::NotAWholeNumber),
            "{text:?}"
        );
    }
}

#[test]
fn duration_out_of_range() {
    let range = Problem::OutOfRange { min: 1, max: 480 };
    for text in ["0", "481", "-3", "99999", "65536", "99999999999999999999"] {
        assert_eq!(
            only_error(&with_duration(text)),
            err(Field::Duration, range),
            "{text:?}"
        );
    }
}

// ---------------------------------------------------------------- note

fn with_note(text: &str) -> ContactDraft {
    let mut draft = base();
    draft.note = text.into();
    draft
}

#[test]
fn note_of_280_characters_is_fine_counting_characters_not_bytes() {
    let note = "é".repeat(280);
    assert_eq!(note.len(), 560);
    assert_eq!(ok(&with_note(&note)).note, note);
    let emoji = "👍".repeat(280);
    assert_eq!(ok(&with_note(&emoji)).note, emoji);
}

#[test]
fn note_over_280_characters_is_too_long() {
    for note in ["é".repeat(281), "a".repeat(281), "ö".repeat(1000)] {
        assert_eq!(
            only_error(&with_note(&note)),
            err(
                Field::Note,
                Problem::Text(TextProblem::TooLong { max: 280 })
            )
        );
    }
}

#[test]
fn note_length_is_measured_after_trimming() {
    let note = "ë".repeat(280);
    let padded = format!("  \n{note}\t  ");
    assert_eq!(ok(&with_note(&padded)).note, note);
}

#[test]
fn note_with_personal_data_is_refused() {
    for (note, kind) in [
        ("mail jan@example.nl over de toeslag", PersonalData::Email),
        ("bel terug op 06-12345678", PersonalData::LongNumber),
        ("terugbellen 0612345678", PersonalData::LongNumber),
        ("BSN 123456782 meegenomen", PersonalData::LongNumber),
        ("woont in 3011 AB", PersonalData::Postcode),
        ("postcode 3011AB.", PersonalData::Postcode),
    ] {
        assert_eq!(
            only_error(&with_note(note)),
            err(Field::Note, Problem::Text(TextProblem::PersonalData(kind))),
            "{note:?}"
        );
    }
}

#[test]
fn a_too_long_note_reports_only_its_length() {
    let note = format!("jan@example.nl {}", "x".repeat(300));
    assert_eq!(
        errors(&with_note(&note)),
        vec![err(
            Field::Note,
            Problem::Text(TextProblem::TooLong { max: 280 })
        )]
    );
}

#[test]
fn note_is_trimmed() {
    assert_eq!(
        ok(&with_note("  vraag over huurtoeslag \n")).note,
        "vraag over huurtoeslag"
    );
    assert_eq!(ok(&with_note("   ")).note, "");
}

// ---------------------------------------------------------------- initials

fn with_initials(text: &str) -> ContactDraft {
    let mut draft = base();
    draft.initials = text.into();
    draft
}

#[test]
fn initials_may_be_initials_or_empty() {
    for (text, kept) in [
        ("JdV", "JdV"),
        ("J.D.", "J.D."),
        ("a b", "a b"),
        ("", ""),
        ("   ", ""),
        ("  AB ", "AB"),
    ] {
        assert_eq!(ok(&with_initials(text)).initials, kept, "{text:?}");
    }
}

#[test]
fn a_name_is_not_initials() {
    for text in ["Jan de Vries", "Jantje", "J.1", "J-D", "jan@x.nl"] {
        assert_eq!(
            only_error(&with_initials(text)),
            err(Field::Initials, Problem::NotInitials),
            "{text:?}"
        );
    }
}

// ---------------------------------------------------------------- all at once

#[test]
fn all_errors_are_reported_at_once() {
    let mut draft = base();
    draft.location = String::new();
    draft.duration_minutes = "abc".into();
    draft.initials = "Jan de Vries".into();
    let errors = errors(&draft);
    assert_eq!(errors.len(), 3, "{errors:?}");
    for expected in [
        err(Field::Location, Problem::Required),
        err(Field::Duration, Problem::NotAWholeNumber),
        err(Field::Initials, Problem::NotInitials),
    ] {
        assert!(
            errors.contains(&expected),
            "{expected:?} missing: {errors:?}"
        );
    }
}

#[test]
fn every_field_can_be_wrong_at_the_same_time() {
    let draft = ContactDraft {
        location: "nergens".into(),
        occurred_at_local: "gisteren".into(),
        channel: "fax".into(),
        support_form: "therapie".into(),
        domains: vec![],
        referred: true,
        referral_target: String::new(),
        referrer: "buurman".into(),
        awareness: "tv".into(),
        target_groups: strings(&["senior"]),
        duration_minutes: "0".into(),
        note: "mail jan@example.nl".into(),
        initials: "Jan de Vries".into(),
    };
    let errors = errors(&draft);
    let expected = [
        err(Field::Location, Problem::UnknownChoice),
        err(Field::OccurredAt, Problem::NotADateTime),
        err(Field::Channel, Problem::UnknownChoice),
        err(Field::SupportForm, Problem::UnknownChoice),
        err(Field::Domains, Problem::Required),
        err(Field::ReferralTarget, Problem::Required),
        err(Field::Referrer, Problem::UnknownChoice),
        err(Field::Awareness, Problem::UnknownChoice),
        err(Field::TargetGroups, Problem::UnknownChoice),
        err(Field::Duration, Problem::OutOfRange { min: 1, max: 480 }),
        err(
            Field::Note,
            Problem::Text(TextProblem::PersonalData(PersonalData::Email)),
        ),
        err(Field::Initials, Problem::NotInitials),
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:?}");
    for e in expected {
        assert!(errors.contains(&e), "{e:?} missing: {errors:?}");
    }
}

#[test]
fn an_empty_draft_reports_the_required_fields() {
    let errors = errors(&ContactDraft::default());
    let expected = [
        err(Field::Location, Problem::Required),
        err(Field::OccurredAt, Problem::Required),
        err(Field::Channel, Problem::Required),
        err(Field::SupportForm, Problem::Required),
        err(Field::Domains, Problem::Required),
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:?}");
    for e in expected {
        assert!(errors.contains(&e), "{e:?} missing: {errors:?}");
    }
}

// ---------------------------------------------------------------- toggles

#[test]
fn toggle_domain_keeps_the_first_chosen_first_and_toggles_off() {
    let mut draft = ContactDraft::default();
    draft.toggle_domain("huisvesting");
    draft.toggle_domain("financien");
    draft.toggle_domain("justitie");
    assert_eq!(
        draft.domains,
        strings(&["huisvesting", "financien", "justitie"])
    );
    draft.toggle_domain("financien");
    assert_eq!(draft.domains, strings(&["huisvesting", "justitie"]));
    draft.toggle_domain("huisvesting");
    assert_eq!(draft.domains, strings(&["justitie"]));
    draft.toggle_domain("huisvesting");
    assert_eq!(draft.domains, strings(&["justitie", "huisvesting"]));
    draft.toggle_domain("justitie");
    draft.toggle_domain("huisvesting");
    assert!(draft.domains.is_empty());
}

#[test]
fn toggle_target_group_adds_and_removes() {
    let mut draft = ContactDraft::default();
    draft.toggle_target_group("jongere");
    draft.toggle_target_group("laaggeletterd");
    assert_eq!(draft.target_groups, strings(&["jongere", "laaggeletterd"]));
    draft.toggle_target_group("jongere");
    assert_eq!(draft.target_groups, strings(&["laaggeletterd"]));
    assert!(draft.domains.is_empty());
}

// ---------------------------------------------------------------- editing

fn full_draft() -> ContactDraft {
    ContactDraft {
        location: "wijkplein-oost".into(),
        occurred_at_local: "2026-11-20T09:30".into(),
        channel: "telefoon".into(),
        support_form: "individueel-traject".into(),
        domains: strings(&["huisvesting", "financien"]),
        referred: true,
        referral_target: "wijkteam".into(),
        referrer: "huisarts".into(),
        awareness: "website".into(),
        target_groups: strings(&["jongere", "anderstalig"]),
        duration_minutes: "45".into(),
        note: "Vraag over toeslagen".into(),
        initials: "J.D.".into(),
    }
}

#[test]
fn a_full_draft_validates_to_exact_fields() {
    assert_eq!(
        ok(&full_draft()),
        ContactFields {
            location: "wijkplein-oost".into(),
            occurred_at: utc(2026, 11, 20, 8, 30, 0),
            channel: "telefoon".into(),
            support_form: "individueel-traject".into(),
            domains: strings(&["huisvesting", "financien"]),
            outcome: Outcome::Referred {
                to: "wijkteam".into()
            },
            referrer: Some("huisarts".into()),
            awareness: Some("website".into()),
            target_groups: strings(&["jongere", "anderstalig"]),
            duration_minutes: Some(45),
            note: "Vraag over toeslagen".into(),
            initials: "J.D.".into(),
        }
    );
}

#[test]
fn from_fields_round_trips_a_referral() {
    let fields = ok(&full_draft());
    let occurred_local = fields.occurred_at.naive_utc() + Duration::hours(1);
    let draft = ContactDraft::from_fields(&fields, occurred_local);
    assert_eq!(draft, full_draft());
    assert_eq!(ok(&draft), fields);
}

#[test]
fn from_fields_round_trips_a_direct_contact() {
    let fields = ok(&base());
    let draft = ContactDraft::from_fields(&fields, now_local());
    assert!(!draft.referred);
    assert_eq!(draft.referral_target, "");
    assert_eq!(draft.referrer, "");
    assert_eq!(draft.awareness, "");
    assert_eq!(draft.duration_minutes, "");
    assert_eq!(draft.occurred_at_local, "2026-11-23T14:00");
    assert_eq!(draft, base());
    assert_eq!(ok(&draft), fields);
}
