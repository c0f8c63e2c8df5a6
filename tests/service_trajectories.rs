//! Trajectory use cases against the memory store with a fixed clock: enter
//! with a begin measurement, log contact moments, close with an end
//! measurement, and the year's growth figures.

use chrono::{NaiveDate, TimeZone, Utc};
use futures::executor::block_on;
use std::collections::BTreeMap;
use std::rc::Rc;
use wijkpeil::domain::record::RecordKind;
use wijkpeil::domain::taxonomy::Taxonomy;
use wijkpeil::domain::trajectory::{
    is_pseudonym, pseudonym, Closing, ClosingReason, ContactMoment, TrajectoryFields,
    TrajectoryProblem, ZrmMeasurement, ZrmScore,
};
use wijkpeil::service::entries::SaveError;
use wijkpeil::service::trajectories::{Trajectory, TrajectoryService};
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::{RecordStore, StorageError};

mod common;
use common::FixedEnv;

struct Fixture {
    store: Rc<MemoryStore>,
    env: Rc<FixedEnv>,
    service: TrajectoryService<MemoryStore, Rc<FixedEnv>>,
}

/// 23 November 2026, 10:30 local time.
fn fixture() -> Fixture {
    let store = Rc::new(MemoryStore::new());
    let env = Rc::new(FixedEnv::at(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap(),
    ));
    let service = TrajectoryService::new(
        store.clone(),
        env.clone(),
        Rc::new(Taxonomy::builtin()),
        "laptop-coordinator".into(),
    );
    Fixture {
        store,
        env,
        service,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn measurement(day: NaiveDate, scores: &[(&str, u8)]) -> ZrmMeasurement {
    ZrmMeasurement {
        date: day,
        scores: scores
            .iter()
            .map(|(d, v)| ((*d).to_owned(), ZrmScore::from_value(*v).unwrap()))
            .collect::<BTreeMap<_, _>>(),
    }
}

fn intake(code: &str, scores: &[(&str, u8)]) -> TrajectoryFields {
    TrajectoryFields {
        code: code.into(),
        start: date(2026, 3, 2),
        referrer: Some("huisarts".into()),
        age_band: "27-64".into(),
        household: None,
        main_domains: vec!["financien".into()],
        goals: vec![],
        intake: measurement(date(2026, 3, 2), scores),
        positive_health: None,
        contact_moments: vec![],
        closing: None,
    }
}

fn closing(day: NaiveDate, scores: &[(&str, u8)], invited: bool) -> Closing {
    Closing {
        date: day,
        reason: ClosingReason::GoalsReached,
        end: measurement(day, scores),
        kto_invited: invited,
    }
}

#[test]
fn a_new_code_is_a_pseudonym_no_stored_trajectory_has() {
    let f = fixture();
    // The first draw of this environment is five bytes of 1: store a
    // trajectory with that code, and the service must draw again.
    let taken = pseudonym([1; 5]);
    block_on(f.service.save(intake(&taken, &[("financien", 2)]), None)).expect("saved");
    f.env.counter.set(0);
    let code = block_on(f.service.new_code()).expect("code");
    assert!(is_pseudonym(&code));
    assert_ne!(code, taken);
    assert_eq!(code, pseudonym([2; 5]));
}

#[test]
fn a_code_in_use_is_refused_and_nothing_is_written() {
    let f = fixture();
    let code = pseudonym([9; 5]);
    block_on(f.service.save(intake(&code, &[("financien", 2)]), None)).expect("first");
    let writes = f.store.successful_writes();
    let again = block_on(f.service.save(intake(&code, &[]), None));
    assert_eq!(
        again.unwrap_err(),
        SaveError::Invalid(vec![TrajectoryProblem::CodeInUse])
    );
    assert_eq!(f.store.successful_writes(), writes);
    // Editing the trajectory itself keeps its own code.
    let stored = block_on(f.service.list()).unwrap().remove(0);
    let mut fields = stored.fields.clone();
    fields.goals.clear();
    block_on(f.service.save(fields, Some(&stored))).expect("an edit keeps its code");
}

#[test]
fn an_invalid_trajectory_lists_every_problem_and_writes_nothing() {
    let f = fixture();
    let mut fields = intake("Jan", &[("financien", 2)]);
    fields.main_domains.clear();
    fields.referrer = Some("buurman".into());
    let error = block_on(f.service.save(fields, None)).unwrap_err();
    assert_eq!(
        error,
        SaveError::Invalid(vec![
            TrajectoryProblem::CodeFormat,
            TrajectoryProblem::UnknownReferrer("buurman".into()),
            TrajectoryProblem::NoMainDomain,
        ])
    );
    assert_eq!(f.store.successful_writes(), 0);
    assert!(block_on(f.service.list()).unwrap().is_empty());
}

#[test]
fn enter_log_and_close_with_growth() {
    let f = fixture();
    let code = block_on(f.service.new_code()).unwrap();
    let saved = block_on(f.service.save(
        intake(
            &code,
            &[("financien", 2), ("huisvesting", 3), ("justitie", 4)],
        ),
        None,
    ))
    .expect("intake saved");
    assert_eq!(saved.entry.meta.revision, 1);
    assert_eq!(saved.entry.meta.kind, RecordKind::Trajectory);

    let moment = ContactMoment {
        date: date(2026, 4, 1),
        channel: "huisbezoek".into(),
        note: String::new(),
    };
    let logged = block_on(f.service.log_moment(&saved.entry, moment.clone())).expect("logged");
    assert_eq!(logged.entry.meta.revision, 2);
    assert_eq!(logged.entry.fields.contact_moments, vec![moment]);

    let closed = block_on(f.service.close(
        &logged.entry,
        closing(
            date(2026, 10, 1),
            &[("financien", 4), ("huisvesting", 3)],
            true,
        ),
    ))
    .expect("closed");
    assert_eq!(closed.entry.meta.revision, 3);
    let stored: Trajectory = block_on(f.store.get(closed.entry.meta.id))
        .unwrap()
        .unwrap();
    assert_eq!(stored, closed.entry);

    let growth = stored.fields.growth().unwrap();
    assert!(growth.grew);
    assert_eq!(growth.per_domain["financien"], 2);
    assert_eq!(growth.per_domain["huisvesting"], 0);
    assert!(!growth.per_domain.contains_key("justitie"));

    let report = block_on(f.service.growth_report(2026)).unwrap();
    assert_eq!(report.share.closed, 1);
    assert_eq!(report.share.with_growth, 1);
    assert_eq!(report.share.tenths_of_percent, Some(1000));
    assert_eq!(report.per_domain["financien"], (2.0, 4.0, 1));
    assert_eq!(report.kto_invited, 1);
    assert_eq!(report.running, 0);
    assert_eq!(
        block_on(f.service.growth_report(2025))
            .unwrap()
            .share
            .closed,
        0
    );
}

#[test]
fn a_closing_in_the_future_is_refused_and_the_trajectory_stays_open() {
    let f = fixture();
    let saved = block_on(f.service.save(intake(&pseudonym([3; 5]), &[]), None)).unwrap();
    let error = block_on(f.service.close(
        &saved.entry,
        closing(date(2026, 12, 1), &[("financien", 3)], false),
    ))
    .unwrap_err();
    assert!(
        matches!(&error, SaveError::Invalid(p) if p.contains(&TrajectoryProblem::ClosingInFuture))
    );
    let stored = block_on(f.service.get(saved.entry.meta.id))
        .unwrap()
        .unwrap();
    assert!(!stored.fields.is_closed());
}

#[test]
fn the_growth_report_reproduces_a_share_of_three_quarters() {
    let f = fixture();
    let cases = [(2, 3), (2, 4), (3, 4), (3, 3)];
    for (i, (begin, end)) in cases.into_iter().enumerate() {
        let saved = block_on(f.service.save(
            intake(&pseudonym([i as u8 + 10; 5]), &[("financien", begin)]),
            None,
        ))
        .unwrap();
        block_on(f.service.close(
            &saved.entry,
            closing(date(2026, 9, 1), &[("financien", end)], i % 2 == 0),
        ))
        .unwrap();
    }
    block_on(f.service.save(intake(&pseudonym([99; 5]), &[]), None)).unwrap();
    let report = block_on(f.service.growth_report(2026)).unwrap();
    assert_eq!(report.share.with_growth, 3);
    assert_eq!(report.share.assessable, 4);
    assert_eq!(report.share.tenths_of_percent, Some(750));
    assert_eq!(report.running, 1);
    assert_eq!(report.kto_invited, 2);
    assert_eq!(report.per_domain["financien"], (2.5, 3.5, 4));
    // The list screen reads both at once: the same list and report.
    let (list, same) = block_on(f.service.overview(2026)).unwrap();
    assert_eq!(list, block_on(f.service.list()).unwrap());
    assert_eq!(same, report);
}

#[test]
fn delete_is_a_tombstone_and_undo_brings_it_back() {
    let f = fixture();
    let saved = block_on(f.service.save(intake(&pseudonym([4; 5]), &[]), None)).unwrap();
    let deleted = block_on(f.service.delete(&saved.entry)).unwrap();
    assert!(block_on(f.service.list()).unwrap().is_empty());
    let stored: Option<Trajectory> = block_on(f.store.get(saved.entry.meta.id)).unwrap();
    assert_eq!(stored, None, "a tombstone reads as no trajectory");
    // Kept so the delete can sync, but without content: not even the code.
    let raw = block_on(f.store.list_raw(RecordKind::Trajectory)).unwrap();
    assert_eq!(raw.len(), 1);
    assert!(raw[0].contains("\"deleted\":true"), "{}", raw[0]);
    assert!(!raw[0].contains(&saved.entry.fields.code), "{}", raw[0]);
    let back = block_on(f.service.undo(&deleted)).unwrap();
    assert!(!back.meta.deleted);
    assert_eq!(block_on(f.service.list()).unwrap(), vec![back]);
}

#[test]
fn undo_of_a_close_reopens_it() {
    let f = fixture();
    let saved = block_on(
        f.service
            .save(intake(&pseudonym([5; 5]), &[("financien", 1)]), None),
    )
    .unwrap();
    let closed = block_on(f.service.close(
        &saved.entry,
        closing(date(2026, 10, 1), &[("financien", 3)], false),
    ))
    .unwrap();
    let reopened = block_on(f.service.undo(&closed)).unwrap();
    assert!(!reopened.fields.is_closed());
    assert_eq!(reopened.meta.revision, 3);
}

#[test]
fn a_failed_write_leaves_the_stored_trajectory_as_it_was() {
    let f = fixture();
    let saved = block_on(
        f.service
            .save(intake(&pseudonym([6; 5]), &[("financien", 2)]), None),
    )
    .unwrap();
    f.store.fail_next_write(StorageError::QuotaExceeded);
    let error = block_on(f.service.close(
        &saved.entry,
        closing(date(2026, 10, 1), &[("financien", 3)], false),
    ))
    .unwrap_err();
    assert_eq!(error, SaveError::Storage(StorageError::QuotaExceeded));
    let stored = block_on(f.service.get(saved.entry.meta.id))
        .unwrap()
        .unwrap();
    assert_eq!(stored, saved.entry);
}

#[test]
fn the_list_shows_running_first_newest_start_first() {
    let f = fixture();
    let mut old = intake(&pseudonym([7; 5]), &[]);
    old.start = date(2026, 1, 5);
    old.intake.date = date(2026, 1, 5);
    let old = block_on(f.service.save(old, None)).unwrap().entry;
    let newer = block_on(f.service.save(intake(&pseudonym([8; 5]), &[]), None))
        .unwrap()
        .entry;
    let done = block_on(f.service.save(intake(&pseudonym([12; 5]), &[]), None))
        .unwrap()
        .entry;
    let done = block_on(
        f.service
            .close(&done, closing(date(2026, 5, 1), &[], false)),
    )
    .unwrap()
    .entry;
    let codes: Vec<String> = block_on(f.service.list())
        .unwrap()
        .into_iter()
        .map(|t| t.fields.code)
        .collect();
    assert_eq!(
        codes,
        vec![newer.fields.code, old.fields.code, done.fields.code]
    );
}

#[test]
fn zrm_domains_are_the_thirteen_without_other() {
    let f = fixture();
    let codes: Vec<&str> = f.service.zrm_domains().map(|d| d.code.as_str()).collect();
    assert_eq!(codes.len(), 13);
    assert!(!codes.contains(&"anders"));
    assert_eq!(codes[0], "financien");
}

#[test]
fn the_organisations_own_age_bands_are_the_ones_checked() {
    let bands = wijkpeil::domain::trajectory::AgeBands::from_json(
        r#"{ "bands": [[0, 17, "jeugd"], [18, 66, "volwassen"], [67, null, "aow"]] }"#,
    )
    .unwrap();
    let store = Rc::new(MemoryStore::new());
    let env = Rc::new(FixedEnv::at(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap(),
    ));
    let service = TrajectoryService::new(store, env, Rc::new(Taxonomy::builtin()), "laptop".into())
        .with_age_bands(bands);
    let mut fields = intake(&pseudonym([1; 5]), &[]);
    assert_eq!(
        block_on(service.save(fields.clone(), None)).unwrap_err(),
        SaveError::Invalid(vec![TrajectoryProblem::UnknownAgeBand]),
        "27-64 is not one of this organisation's bands"
    );
    fields.age_band = "volwassen".into();
    block_on(service.save(fields, None)).expect("its own band is accepted");
}

#[test]
fn a_closed_trajectory_is_reopened_to_correct_its_end() {
    let f = fixture();
    let saved = block_on(
        f.service
            .save(intake(&pseudonym([20; 5]), &[("financien", 2)]), None),
    )
    .unwrap();
    let closed = block_on(f.service.close(
        &saved.entry,
        closing(date(2026, 10, 1), &[("financien", 2)], false),
    ))
    .unwrap();
    assert!(!closed.entry.fields.growth().unwrap().grew);
    let reopened = block_on(f.service.reopen(&closed.entry)).unwrap();
    assert!(!reopened.entry.fields.is_closed());
    assert_eq!(reopened.entry.meta.revision, 3);
    let corrected = block_on(f.service.close(
        &reopened.entry,
        closing(date(2026, 10, 1), &[("financien", 3)], true),
    ))
    .unwrap();
    assert!(corrected.entry.fields.growth().unwrap().grew);
    assert_eq!(
        block_on(f.service.growth_report(2026))
            .unwrap()
            .share
            .with_growth,
        1
    );
}
