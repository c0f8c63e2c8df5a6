//! Sealed answers (`domain::survey::sealed`, `service::answers`): what a
//! device stores and sends when a survey link carries the organisation's
//! key, what the coordinator's device counts after opening it, and what it
//! does with a seal it cannot open. The browser's cryptography is stood in
//! for by a sealer that keeps the associated data and checks it on opening,
//! so every rule about binding and counting runs natively; the real
//! WebCrypto is driven end to end by the browser test
//! (tests/e2e/sealed-answers.spec.mjs).

use chrono::{TimeZone, Utc};
use futures::executor::block_on;
use std::cell::Cell;
use std::rc::Rc;
use wijkpeil::domain::base64url;
use wijkpeil::domain::survey::sealed::{
    associated_data, well_formed, AnswerKey, OpenProblem, Sealed, SCHEME,
};
use wijkpeil::domain::survey::{Answer, SurveyResponse, Template};
use wijkpeil::service::answers::{readable, AnswerOpener, AnswerSealer, NoKey};
use wijkpeil::service::surveys::{SubmitError, SurveyService};
use wijkpeil::storage::memory::MemoryStore;
use wijkpeil::storage::RecordStore;

mod common;
use common::FixedEnv;

const KEY: &str =
    "BAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-P0A";

/// Seals by keeping the associated data beside a scrambled text; opens
/// only with the same associated data, as AES-GCM would.
struct StandIn {
    fails: bool,
    sealed: Cell<u32>,
}

impl StandIn {
    fn new() -> Self {
        Self {
            fails: false,
            sealed: Cell::new(0),
        }
    }
}

impl AnswerSealer for StandIn {
    async fn seal(&self, plain: &str, associated: &str) -> Option<Sealed> {
        if self.fails {
            return None;
        }
        self.sealed.set(self.sealed.get() + 1);
        let mut data = (associated.len() as u32).to_be_bytes().to_vec();
        data.extend_from_slice(associated.as_bytes());
        data.extend(plain.bytes().map(|b| b ^ 0x5a));
        data.extend_from_slice(&[0; 16]); // where AES-GCM puts its tag
        let mut epk = vec![4u8];
        epk.extend_from_slice(&[7; 64]);
        Some(Sealed {
            scheme: SCHEME.into(),
            key: AnswerKey::parse(KEY).unwrap().id(),
            epk: base64url::encode(&epk),
            iv: base64url::encode(&[1; 12]),
            data: base64url::encode(&data),
        })
    }
}

impl AnswerOpener for StandIn {
    async fn open(&self, sealed: &Sealed, associated: &str) -> Result<Vec<u8>, OpenProblem> {
        if sealed.key != AnswerKey::parse(KEY).unwrap().id() {
            return Err(OpenProblem::OtherKey);
        }
        let data = base64url::decode(&sealed.data).ok_or(OpenProblem::Damaged)?;
        let n = u32::from_be_bytes(data[..4].try_into().unwrap()) as usize;
        if &data[4..4 + n] != associated.as_bytes() {
            return Err(OpenProblem::Damaged);
        }
        Ok(data[4 + n..data.len() - 16]
            .iter()
            .map(|b| b ^ 0x5a)
            .collect())
    }
}

fn service() -> (Rc<MemoryStore>, SurveyService<MemoryStore, FixedEnv>) {
    let store = Rc::new(MemoryStore::new());
    let env = FixedEnv::at(Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap());
    let service = SurveyService::new(store.clone(), env, "kiosk-1".into());
    (store, service)
}

/// The visit survey, answered: mark 8, the rest their first option, and
/// given at wijkplein Noord.
fn answered(
    service: &SurveyService<MemoryStore, FixedEnv>,
) -> (
    wijkpeil::domain::survey::SurveyDefinition,
    wijkpeil::domain::survey::ResponseContent,
) {
    let def = Template::WijkpleinVisit.definition();
    let mut content = service.start(&def, "en");
    content.location = Some("wijkplein-noord".into());
    common::answer_every_question(&def, &mut content, 8);
    (def, content)
}

#[test]
fn a_sealed_response_keeps_only_its_envelope_readable() {
    let (store, service) = service();
    let (def, content) = answered(&service);
    let sealer = StandIn::new();
    let stored = block_on(service.submit_sealed(&def, &content, Some(&sealer))).expect("submitted");
    assert_eq!(sealer.sealed.get(), 1);
    let fields = &stored.fields;
    assert!(fields.answers.is_empty(), "no answer in the clear");
    assert_eq!(fields.lang, "", "the language is inside too");
    assert_eq!(fields.survey_id, def.id);
    assert_eq!(fields.survey_version, def.version);
    assert_eq!(fields.location.as_deref(), Some("wijkplein-noord"));
    assert!(well_formed(fields));
    // What the store keeps is what was returned, and it counts as a response.
    let back: Option<SurveyResponse> = block_on(store.get(stored.meta.id)).expect("get");
    assert_eq!(back.as_ref(), Some(&stored));
    assert_eq!(block_on(service.count(&def.id)).expect("count").stored, 1);
    // Opened, it is the response as validated, under the same id.
    let opened = block_on(readable(&sealer, &stored.meta.id, fields)).expect("opens");
    assert_eq!(opened, content);
}

#[test]
fn a_seal_opens_only_for_its_own_record_and_envelope() {
    let (_, service) = service();
    let (def, content) = answered(&service);
    let sealer = StandIn::new();
    let stored = block_on(service.submit_sealed(&def, &content, Some(&sealer))).expect("submitted");
    let other = block_on(service.submit_sealed(&def, &content, Some(&sealer))).expect("submitted");
    // Moved to another record.
    assert_eq!(
        block_on(readable(&sealer, &other.meta.id, &stored.fields)),
        Err(OpenProblem::Damaged)
    );
    // Its location, date or survey changed on the way.
    let mut moved = stored.fields.clone();
    moved.location = Some("wijkplein-zuid".into());
    assert_eq!(
        block_on(readable(&sealer, &stored.meta.id, &moved)),
        Err(OpenProblem::Damaged)
    );
    let mut redated = stored.fields.clone();
    redated.date = redated.date.succ_opt().unwrap();
    assert_eq!(
        block_on(readable(&sealer, &stored.meta.id, &redated)),
        Err(OpenProblem::Damaged)
    );
    // Answers put beside the seal make it a record this app never writes.
    let mut stuffed = stored.fields.clone();
    stuffed.answers.insert("cijfer".into(), Answer::Number(1));
    assert!(!well_formed(&stuffed));
    assert_eq!(
        block_on(readable(&sealer, &stored.meta.id, &stuffed)),
        Err(OpenProblem::Damaged)
    );
    // Without the key.
    assert_eq!(
        block_on(readable(&NoKey, &stored.meta.id, &stored.fields)),
        Err(OpenProblem::OtherKey)
    );
    // The associated data names every envelope field.
    let text = associated_data(&stored.meta.id, &stored.fields);
    for part in [
        stored.meta.id.to_string(),
        def.id.clone(),
        "2026-11-23".into(),
        "wijkplein-noord".into(),
    ] {
        assert!(text.contains(&part), "{part} in {text}");
    }
}

#[test]
fn when_the_browser_cannot_seal_nothing_is_stored() {
    let (store, service) = service();
    let (def, content) = answered(&service);
    let failing = StandIn {
        fails: true,
        sealed: Cell::new(0),
    };
    assert_eq!(
        block_on(service.submit_sealed(&def, &content, Some(&failing))),
        Err(SubmitError::Sealing)
    );
    let all: Vec<SurveyResponse> = block_on(store.list()).expect("list");
    assert!(all.is_empty());
}

#[cfg(feature = "coordinator")]
#[test]
fn the_report_counts_a_sealed_answer_once_where_the_key_is_and_says_so_where_it_is_not() {
    use wijkpeil::domain::report::period::{Period, Scope};
    use wijkpeil::service::report::ReportSource;
    let (store, service) = service();
    let (def, content) = answered(&service);
    let sealer = StandIn::new();
    block_on(service.submit_sealed(&def, &content, Some(&sealer))).expect("sealed");
    block_on(service.submit(&def, &content)).expect("plain");
    let env = FixedEnv::at(Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap());
    let year = Scope::all(Period::year(2026).unwrap());

    let with_key = block_on(ReportSource::load(&*store, &env, &sealer)).expect("loaded");
    assert_eq!(with_key.data.responses.len(), 2);
    let report = with_key.compute(&year);
    assert_eq!(report.unopened_answers, 0);
    let visit = report
        .current
        .surveys
        .iter()
        .find(|s| s.survey == def.id)
        .expect("the visit survey");
    assert_eq!(visit.responses.n, 2);
    assert_eq!(
        visit.overall.as_ref().map(|m| m.n),
        Some(2),
        "both marks in the mean"
    );

    let without = block_on(ReportSource::load(&*store, &env, &NoKey)).expect("loaded");
    assert_eq!(without.data.responses.len(), 1, "only the plain one");
    let report = without.compute(&year);
    assert_eq!(report.unopened_answers, 1);
}
