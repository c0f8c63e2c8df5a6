//! The interface languages: Dutch and English cover every screen (the staff
//! screens offer only complete languages), Arabic the resident screens.

use wijkpeil::i18n::{locale, LOCALES};

#[test]
fn dutch_comes_first_and_is_the_fallback() {
    assert_eq!(LOCALES[0].code, "nl");
    assert_eq!(locale("xx").code, "nl");
}

#[test]
fn dutch_and_english_are_complete_for_staff() {
    for code in ["nl", "en"] {
        assert!(locale(code).complete, "{code} lacks interface texts");
    }
}

#[test]
fn arabic_is_offered_to_residents_but_not_complete_for_staff() {
    let arabic = locale("ar");
    assert_eq!(arabic.code, "ar");
    assert_eq!(arabic.dir, "rtl");
    assert!(!arabic.complete);
}
