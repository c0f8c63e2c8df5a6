//! The staff lock's rules (`domain::lock`): good codes, roles, the wait
//! after wrong tries, the idle time, and where the lock page may send a
//! person back to.

use wijkpeil::domain::hex::{hex, unhex};
use wijkpeil::domain::lock::{
    check_new_code, idle_minutes, idle_state, return_path, role_needed, same_hash, wait_after,
    CodeProblem, Credential, Idle, LockConfig, Role, Session, DEFAULT_IDLE_MINUTES,
};

#[test]
fn a_code_is_six_digits_or_a_passphrase_of_eight_characters() {
    assert_eq!(check_new_code("123456", "123456"), Ok(()));
    assert_eq!(
        check_new_code("12345", "12345"),
        Err(CodeProblem::PinTooShort)
    );
    assert_eq!(check_new_code("abc defg", "abc defg"), Ok(()));
    assert_eq!(
        check_new_code("abc def", "abc def"),
        Err(CodeProblem::PassphraseTooShort)
    );
    // Digits with a letter are a passphrase: eight characters needed.
    assert_eq!(
        check_new_code("12345a", "12345a"),
        Err(CodeProblem::PassphraseTooShort)
    );
    assert_eq!(check_new_code("", ""), Err(CodeProblem::PassphraseTooShort));
    assert_eq!(
        check_new_code("1234567", "1234568"),
        Err(CodeProblem::Mismatch)
    );
    let long = "x".repeat(129);
    assert_eq!(check_new_code(&long, &long), Err(CodeProblem::TooLong));
    // Characters, not bytes: eight letters with accents are enough.
    assert_eq!(check_new_code("ééééèèèè", "ééééèèèè"), Ok(()));
}

#[test]
fn the_coordinator_opens_both_apps_a_volunteer_only_the_registration() {
    assert!(Role::Coordinator.opens(Role::Coordinator));
    assert!(Role::Coordinator.opens(Role::Volunteer));
    assert!(Role::Volunteer.opens(Role::Volunteer));
    assert!(!Role::Volunteer.opens(Role::Coordinator));
}

fn credential(tag: &str) -> Credential {
    Credential {
        salt: "00".repeat(16),
        iterations: 1,
        hash: tag.to_owned(),
    }
}

#[test]
fn only_the_coordinators_code_is_tried_for_beheer() {
    let config = LockConfig {
        coordinator: Some(credential("c")),
        volunteer: Some(credential("v")),
        ..LockConfig::default()
    };
    let roles = |needed| {
        config
            .candidates(needed)
            .into_iter()
            .map(|(role, c)| (role, c.hash.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        roles(Role::Coordinator),
        vec![(Role::Coordinator, "c".to_owned())]
    );
    assert_eq!(
        roles(Role::Volunteer),
        vec![
            (Role::Coordinator, "c".to_owned()),
            (Role::Volunteer, "v".to_owned())
        ]
    );
    assert!(config.is_set_up());
    assert!(!LockConfig::default().is_set_up());
}

#[test]
fn wrong_codes_wait_longer_and_longer_and_a_right_one_resets() {
    assert_eq!(wait_after(1), 0);
    assert_eq!(wait_after(2), 0);
    assert_eq!(wait_after(3), 5);
    assert!(wait_after(4) > wait_after(3));
    assert_eq!(wait_after(100), 300);
    let mut config = LockConfig::default();
    let now = 1_000_000;
    for _ in 0..3 {
        config.record_failure(now);
    }
    assert_eq!(config.failures, 3);
    assert_eq!(config.wait_seconds(now), 5);
    assert_eq!(config.wait_seconds(now + 4_500), 1);
    assert_eq!(config.wait_seconds(now + 5_000), 0);
    config.record_success();
    assert_eq!((config.failures, config.wait_seconds(now)), (0, 0));
}

#[test]
fn a_session_ends_after_the_idle_time() {
    let session = Session {
        role: Role::Volunteer,
        last_active_ms: 11 * 60_000,
        idle_minutes: 10,
    };
    assert_eq!(session.role_at(21 * 60_000), Some(Role::Volunteer));
    assert_eq!(session.role_at(21 * 60_000 + 1), None);
    // A clock set back does not lock a person out.
    assert_eq!(session.role_at(0), Some(Role::Volunteer));
}

#[test]
fn the_last_half_minute_of_an_idle_time_warns_first() {
    let session = Session {
        role: Role::Volunteer,
        last_active_ms: 0,
        idle_minutes: 10,
    };
    assert_eq!(session.idle_at(9 * 60_000 + 29_999), Idle::Active);
    assert_eq!(session.idle_at(9 * 60_000 + 30_000), Idle::Warning(30_000));
    assert_eq!(session.idle_at(10 * 60_000), Idle::Warning(0));
    assert_eq!(session.idle_at(10 * 60_000 + 1), Idle::Over);
    // A kiosk's 90 seconds: a warning from 60 seconds on.
    assert_eq!(idle_state(90_000, 59_999), Idle::Active);
    assert_eq!(idle_state(90_000, 60_000), Idle::Warning(30_000));
    // A short idle time warns over its last half: 20 of 40 seconds is
    // still the 20 seconds WCAG 2.2.1 asks for.
    assert_eq!(idle_state(40_000, 19_999), Idle::Active);
    assert_eq!(idle_state(40_000, 20_000), Idle::Warning(20_000));
    assert_eq!(idle_state(40_000, 40_001), Idle::Over);
}

#[test]
fn a_session_reads_back_from_its_text_and_nothing_else_reads_as_one() {
    let session = Session {
        role: Role::Coordinator,
        last_active_ms: 1_796_000_000_123,
        idle_minutes: 5,
    };
    assert_eq!(session.to_text(), "coordinator:1796000000123:5");
    assert_eq!(Session::from_text(&session.to_text()), Some(session));
    for damaged in [
        "",
        "admin:1:5",
        "coordinator:1",
        "coordinator:x:5",
        "coordinator:1:5:9",
        "{\"role\":\"coordinator\"}",
    ] {
        assert_eq!(Session::from_text(damaged), None, "{damaged}");
    }
}

#[test]
fn an_idle_time_outside_the_choices_is_the_default() {
    assert_eq!(idle_minutes(Some("2")), 2);
    assert_eq!(idle_minutes(Some("100000")), DEFAULT_IDLE_MINUTES);
    assert_eq!(idle_minutes(Some("soon")), DEFAULT_IDLE_MINUTES);
    assert_eq!(idle_minutes(None), DEFAULT_IDLE_MINUTES);
    // An older or damaged lock reads as a device not set up.
    let stored: LockConfig = serde_json::from_str("{}").unwrap();
    assert!(!stored.is_set_up());
}

#[test]
fn the_lock_page_sends_back_only_to_this_sites_own_pages() {
    assert_eq!(return_path("/beheer/#/trajecten"), "/beheer/#/trajecten");
    assert_eq!(return_path("/#/instellingen"), "/#/instellingen");
    for hostile in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "/ontgrendelen/#naar=/",
        "/beheer/\n",
        "",
    ] {
        assert_eq!(return_path(hostile), "/", "{hostile:?}");
    }
    assert_eq!(role_needed("/beheer/#/jaarbeeld"), Role::Coordinator);
    assert_eq!(role_needed("/#/instellingen"), Role::Volunteer);
}

#[test]
fn hashes_compare_whole_and_hex_reads_back() {
    assert!(same_hash("ab01", "ab01"));
    assert!(!same_hash("ab01", "ab02"));
    assert!(!same_hash("ab01", "ab0"));
    let bytes = [0u8, 1, 127, 128, 255];
    assert_eq!(unhex(&hex(&bytes)), Some(bytes.to_vec()));
    assert_eq!(unhex("abc"), None);
    assert_eq!(unhex("zz"), None);
    assert_eq!(unhex("+f"), None);
}
