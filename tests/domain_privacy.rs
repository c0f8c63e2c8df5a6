//! Privacy guards for free text: e-mail, phone/BSN numbers, postcodes, and
//! what counts as initials; and the one free-text rule every form uses.

use wijkpeil::domain::privacy::{
    check_free_text, find_personal_data, looks_like_initials, PersonalData, TextProblem,
};

fn assert_finds(cases: &[&str], kind: PersonalData) {
    for text in cases {
        assert_eq!(find_personal_data(text), Some(kind), "{text:?}");
    }
}

#[test]
fn finds_email_addresses() {
    assert_finds(
        &[
            "mail jan@example.nl",
            "jan@example.nl",
            "mail: jan.de.vries@gemeente.example.nl.",
            "(jan@example.nl)",
            "stuur naar <j@x.org> graag",
            "JAN@EXAMPLE.NL",
        ],
        PersonalData::Email,
    );
}

#[test]
fn at_signs_that_are_no_address() {
    for text in [
        "@gemeente",
        "jan@",
        "@example.nl",
        "jan@example",
        "jan@example.",
        "om 10 uur @ wijkplein",
    ] {
        assert_eq!(find_personal_data(text), None, "{text:?}");
    }
}

#[test]
fn finds_phone_numbers() {
    assert_finds(
        &[
            "06-12345678",
            "06 1234 5678",
            "0612345678",
            "bel 06 12 34 56 78 terug",
            "010-1234567",
            "+31 6 12345678",
            "+31612345678",
        ],
        PersonalData::LongNumber,
    );
}

#[test]
fn finds_bsn_numbers() {
    assert_finds(
        &[
            "BSN 123456782",
            "bsn: 123.456.782",
            "123 456 782",
            "123-45-6782",
            "123456782",
        ],
        PersonalData::LongNumber,
    );
}

#[test]
fn finds_postcodes() {
    assert_finds(
        &[
            "1234 AB",
            "1234AB",
            "postcode 3011AB.",
            "woont op 3011 AB Rotterdam",
            "(9999ZZ)",
        ],
        PersonalData::Postcode,
    );
}

#[test]
fn ordinary_notes_have_no_personal_data() {
    for text in [
        "",
        "2 formulieren, 1 brief",
        "afspraak 12-12 om 14:00",
        "tel. afspraak",
        "kamer 12",
        "@gemeente",
        "123 456",
        "jaar 2026",
        "1234 ABC",
        "AB1234",
        "0123 AB",
        "12345678",
        "1234 5678",
        "afspraak op 23-11-2026",
        "€ 1.250,50 achterstand",
        "vraag over huurtoeslag en zorgtoeslag",
        "kwam om 9.30 uur, 2 kinderen",
        "A1234AB",
        "12345 AB",
    ] {
        assert_eq!(find_personal_data(text), None, "{text:?}");
    }
}

#[test]
fn separators_do_not_join_digits_across_words() {
    // Up to three separators (space, dash, dot) in a row join digits, so
    // "06 - 12345678" is one number; a word or a comma in between is not.
    assert_eq!(find_personal_data("12345 en 6789"), None);
    assert_eq!(find_personal_data("1234, 56789"), None);
    assert_eq!(
        find_personal_data("1234--56789"),
        Some(PersonalData::LongNumber)
    );
    assert_eq!(find_personal_data("1234 - - 56789"), None);
}

#[test]
fn email_wins_over_numbers_and_postcodes() {
    assert_eq!(
        find_personal_data("1234 AB, 0612345678, jan@example.nl"),
        Some(PersonalData::Email)
    );
    assert_eq!(
        find_personal_data("1234 AB, 0612345678"),
        Some(PersonalData::LongNumber)
    );
}

#[test]
fn phone_number_with_a_spaced_dash_is_found() {
    // Regression test (was a bug in has_long_number): the doc comment says
    // spaces and dashes are allowed between the digits, but only one
    // separator character in a row is accepted; " - " resets the count, so
    // the common Dutch notation "06 - 12345678" slips through the guard and
    // a phone number can be stored in a note.
    assert_eq!(
        find_personal_data("bel 06 - 12345678"),
        Some(PersonalData::LongNumber)
    );
}

#[test]
fn a_number_followed_by_a_short_word_is_no_postcode() {
    // Regression test (was a bug in has_postcode): any two letters after four
    // digits and a space count as a postcode, case-insensitively, so an
    // amount or a year followed by an ordinary two-letter Dutch word ("is",
    // "en", "op", "in", "te") is refused as a postcode and the volunteer
    // cannot save an everyday note.
    for text in [
        "huur 1500 is te hoog",
        "schuld uit 2024 en 2025",
        "sinds 2019 op de wachtlijst",
    ] {
        assert_eq!(find_personal_data(text), None, "{text:?}");
    }
}

#[test]
fn a_date_with_a_time_is_no_phone_number() {
    // Regression test (was a bug in has_long_number): "23-11-2026 10:00" is
    // eight digits of a date, a space, and the hour: the space joins them into
    // ten digits, so an appointment note is refused as a phone/BSN number
    // (while "afspraak 12-12 om 14:00" is fine).
    assert_eq!(find_personal_data("afspraak 23-11-2026 10:00"), None);
}

#[test]
fn initials_are_one_to_four_letters_with_dots_and_spaces() {
    for text in [
        "JdV", "J.D.", "a b", "AB", "J", "ABCD", "A.B.C.D.", "J. d. V.", "ÉÖ",
    ] {
        assert!(looks_like_initials(text), "{text:?} should be initials");
    }
}

#[test]
fn names_and_other_text_are_not_initials() {
    for text in [
        "",
        " ",
        "...",
        "ABCDE",
        "Jan de Vries",
        "Jantje",
        "J1",
        "J-D",
        "J,D",
        "jan@x.nl",
        "1234",
    ] {
        assert!(
            !looks_like_initials(text),
            "{text:?} should not be initials"
        );
    }
}

// ------------------------------------------------------ the free-text rule

#[test]
fn a_free_text_is_kept_trimmed() {
    assert_eq!(
        check_free_text("  Buurtlunch in de Kroon \n", 80, true),
        Ok("Buurtlunch in de Kroon")
    );
    assert_eq!(
        check_free_text("vraag over toeslag", 280, false),
        Ok("vraag over toeslag")
    );
}

#[test]
fn an_empty_text_is_refused_only_when_required() {
    for text in ["", "   ", "\n\t "] {
        assert_eq!(
            check_free_text(text, 80, true),
            Err(TextProblem::Empty),
            "{text:?}"
        );
        assert_eq!(check_free_text(text, 80, false), Ok(""), "{text:?}");
    }
}

#[test]
fn the_limit_counts_characters_after_trimming() {
    // é is two bytes: the limit is in characters, as the person sees them.
    let full = "é".repeat(80);
    assert_eq!(check_free_text(&full, 80, true), Ok(full.as_str()));
    assert_eq!(
        check_free_text(&format!("  {full}  "), 80, true),
        Ok(full.as_str())
    );
    assert_eq!(
        check_free_text(&"é".repeat(81), 80, false),
        Err(TextProblem::TooLong { max: 80 })
    );
}

#[test]
fn personal_data_in_a_free_text_is_refused_with_its_kind() {
    for (text, kind) in [
        ("mail jan@example.nl", PersonalData::Email),
        ("bel 06 - 12345678", PersonalData::LongNumber),
        ("woont in 3011 AB", PersonalData::Postcode),
    ] {
        for required in [true, false] {
            assert_eq!(
                check_free_text(text, 280, required),
                Err(TextProblem::PersonalData(kind)),
                "{text:?}"
            );
        }
    }
}

#[test]
fn a_text_too_long_is_reported_as_too_long_first() {
    // One problem at a time, the one to fix first: shortening may remove
    // the number anyway.
    let text = format!("bel 0612345678 {}", "x".repeat(300));
    assert_eq!(
        check_free_text(&text, 280, false),
        Err(TextProblem::TooLong { max: 280 })
    );
}
