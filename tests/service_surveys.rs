//! Submitting survey responses against the memory store.

use chrono::{NaiveDate, TimeZone, Utc};
use futures::executor::block_on;
use std::rc::Rc;
use wijkpeil::domain::survey::{SurveyResponse, Template};
use wijkpeil::service::surveys::{SubmitError, SurveyService};
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::{RecordStore, StorageError};

mod common;
use common::FixedEnv;

/// 23:30 UTC on the 22nd is 00:30 on the 23rd in Dutch winter time.
fn half_past_midnight() -> FixedEnv {
    FixedEnv::at(Utc.with_ymd_and_hms(2026, 11, 22, 23, 30, 0).unwrap())
}

fn service() -> (Rc<MemoryStore>, SurveyService<MemoryStore, FixedEnv>) {
    let store = Rc::new(MemoryStore::new());
    let service = SurveyService::new(store.clone(), half_past_midnight(), "kiosk-1".into());
    (store, service)
}

/// Answers every required question of the visit survey with its first value.
fn answered_visit() -> (
    wijkpeil::domain::survey::SurveyDefinition,
    wijkpeil::domain::survey::ResponseContent,
) {
    let (_, service) = service();
    let def = Template::WijkpleinVisit.definition();
    let mut content = service.start(&def, "nl");
    common::answer_every_question(&def, &mut content, 9);
    (def, content)
}

#[test]
fn a_response_is_dated_by_the_local_day_and_stored() {
    let (store, service) = service();
    let (def, content) = answered_visit();
    assert_eq!(content.date, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let stored = block_on(service.submit(&def, &content)).expect("submitted");
    let back: Option<SurveyResponse> = block_on(store.get(stored.meta.id)).expect("get");
    assert_eq!(back.as_ref(), Some(&stored));
    assert_eq!(stored.fields.survey_id, def.id);
    assert_eq!(stored.fields.survey_version, def.version);
    let count = block_on(service.count(&def.id)).expect("count");
    assert_eq!((count.stored, count.waiting), (1, 1));
    assert_eq!(block_on(service.count("kto")).expect("count").stored, 0);
    assert_eq!(block_on(service.waiting()).expect("waiting"), 1);
}

#[test]
fn responses_are_counted_per_group_activity() {
    let (_, service) = service();
    let (def, content) = answered_visit();
    let mut at_course = content.clone();
    at_course.activity = Some("019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b".into());
    for c in [&at_course, &at_course, &content] {
        block_on(service.submit(&def, c)).expect("submitted");
    }
    let at = |activity| block_on(service.responses_at(activity)).expect("count");
    assert_eq!(at("019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b"), 2);
    assert_eq!(at("019ab3c4-5d6e-7f80-9a1b-000000000000"), 0);
    // The activity travels with the stored response (and in the export).
    let json = serde_json::to_value(&at_course).unwrap();
    assert_eq!(json["activity"], "019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b");
    assert!(serde_json::to_value(&content)
        .unwrap()
        .get("activity")
        .is_none());
}

#[test]
fn an_incomplete_response_is_refused_and_nothing_is_stored() {
    let (store, service) = service();
    let def = Template::WijkpleinVisit.definition();
    let content = service.start(&def, "nl");
    match block_on(service.submit(&def, &content)) {
        Err(SubmitError::Invalid(errors)) => assert!(!errors.is_empty()),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(store.successful_writes(), 0);
}

#[test]
fn a_storage_failure_is_reported() {
    let (store, service) = service();
    let (def, content) = answered_visit();
    store.fail_next_write(StorageError::QuotaExceeded);
    assert_eq!(
        block_on(service.submit(&def, &content)),
        Err(SubmitError::Storage(StorageError::QuotaExceeded))
    );
    let stored: Vec<SurveyResponse> = block_on(store.list()).expect("list");
    assert!(stored.is_empty());
}

mod coordinator {
    use super::*;
    use wijkpeil::domain::survey::edit::{latest, latest_published, EditError};
    use wijkpeil::domain::survey::{StoredSurvey, SurveyStatus};
    use wijkpeil::service::surveys::AdminError;

    #[test]
    fn a_template_becomes_an_own_draft_then_a_published_survey() {
        let (store, service) = service();
        let template = Template::WijkpleinVisit.definition();
        let draft = block_on(service.duplicate(&template)).expect("duplicated");
        assert!(draft.id.starts_with("eigen-"));
        assert_eq!((draft.version, draft.status), (1, SurveyStatus::Draft));

        let mut edited = draft.clone();
        edited.invited = 0;
        edited
            .title
            .0
            .insert("nl".into(), "Hoe was uw bezoek aan ons?".into());
        block_on(service.save_version(&edited)).expect("draft saved over itself");
        let published = block_on(service.publish(&edited)).expect("published");
        assert_eq!(published.status, SurveyStatus::Published);

        let versions = block_on(service.versions()).expect("versions");
        let newest = latest_published(&versions, &draft.id).expect("published version");
        assert_eq!(newest.title.get("nl"), "Hoe was uw bezoek aan ons?");
        // One record per version: the draft became the published version 1.
        let stored: Vec<StoredSurvey> = block_on(store.list()).expect("list");
        assert_eq!(stored.len(), 1);
    }

    #[test]
    fn a_published_survey_is_frozen_and_edits_make_a_new_version() {
        let (_, service) = service();
        let draft = block_on(service.duplicate(&Template::Kto.definition())).expect("dup");
        let v1 = block_on(service.publish(&draft)).expect("published");

        let mut changed = v1.clone();
        changed.title.0.insert("nl".into(), "Anders".into());
        assert_eq!(
            block_on(service.save_version(&changed)),
            Err(AdminError::Edit(EditError::Frozen(1)))
        );
        // The response rate may still be filled in afterwards.
        block_on(service.set_invited(&v1, 141)).expect("invited count on a published version");

        let v2 = block_on(service.edit(&v1)).expect("new version");
        assert_eq!((v2.version, v2.status), (2, SurveyStatus::Draft));
        let versions = block_on(service.versions()).expect("versions");
        assert_eq!(latest(&versions, &v1.id).map(|d| d.version), Some(2));
        assert_eq!(
            latest_published(&versions, &v1.id).map(|d| (d.version, d.invited)),
            Some((1, 141))
        );
    }

    #[test]
    fn an_invalid_draft_is_not_published() {
        let (_, service) = service();
        let mut draft =
            block_on(service.duplicate(&Template::WijkpleinVisit.definition())).expect("dup");
        draft.title.0.remove("ar");
        block_on(service.save_version(&draft)).expect("an incomplete draft may be saved");
        match block_on(service.publish(&draft)) {
            Err(AdminError::Edit(EditError::Invalid(errors))) => assert!(!errors.is_empty()),
            other => panic!("expected a refusal, got {other:?}"),
        }
        let versions = block_on(service.versions()).expect("versions");
        assert!(latest_published(&versions, &draft.id).is_none());
    }

    #[test]
    fn the_invited_count_of_a_template_is_kept() {
        let (_, service) = service();
        let template = Template::Kto.definition();
        block_on(service.set_invited(&template, 141)).expect("saved");
        let versions = block_on(service.versions()).expect("versions");
        assert_eq!(
            latest_published(&versions, &template.id).map(|d| d.invited),
            Some(141)
        );
        assert_eq!(versions.iter().filter(|d| d.id == template.id).count(), 1);
    }

    #[test]
    fn a_template_keeps_its_place_when_its_invited_count_is_saved() {
        let (_, service) = service();
        let ids = |versions: &[wijkpeil::domain::survey::SurveyDefinition]| {
            versions.iter().map(|d| d.id.clone()).collect::<Vec<_>>()
        };
        let own = block_on(service.duplicate(&Template::WijkpleinVisit.definition())).expect("dup");
        let before = ids(&block_on(service.versions()).expect("versions"));
        assert_eq!(before.first(), Some(&Template::Kto.id().to_owned()));
        assert_eq!(before.last(), Some(&own.id));
        block_on(service.set_invited(&Template::Kto.definition(), 141)).expect("saved");
        let after = block_on(service.versions()).expect("versions");
        assert_eq!(ids(&after), before, "the KTO must not move to the end");
        assert_eq!(after[0].invited, 141);
    }
}
