//! Stored responses carry no time of day and no time-ordered id.

use chrono::NaiveDate;
use wijkpeil::domain::entry::Record;
use wijkpeil::domain::record::RecordKind;
use wijkpeil::domain::survey::{new_response, Answer, ResponseContent, SurveyResponse};

fn response() -> SurveyResponse {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut content = ResponseContent::new("kto", 1, date, "ar");
    content.answers.insert("cijfer".into(), Answer::Number(9));
    new_response(content, [7; 16], "kiosk-2")
}

#[test]
fn a_response_id_is_random_not_time_ordered() {
    let r = response();
    assert_eq!(r.meta.id.0.get_version_num(), 4);
    assert_eq!(r.meta.kind, RecordKind::SurveyResponse);
}

#[test]
fn a_response_keeps_only_its_date() {
    let r = response();
    let text = serde_json::to_string(&r).expect("json");
    assert!(
        text.contains("\"created_at\":\"2026-11-23T00:00:00.000Z\""),
        "{text}"
    );
    assert!(
        text.contains("\"updated_at\":\"2026-11-23T00:00:00.000Z\""),
        "{text}"
    );
    assert!(text.contains("\"date\":\"2026-11-23\""), "{text}");
    for forbidden in ["name", "email", "phone", "bsn", "contact", "trajectory"] {
        assert!(
            !text.contains(&format!("\"{forbidden}")),
            "{forbidden} in {text}"
        );
    }
}

#[test]
fn a_stored_response_reads_back() {
    let r = response();
    let text = serde_json::to_string(&r).expect("json");
    let decoded = SurveyResponse::from_stored(&text).expect("decodes");
    assert_eq!(decoded.record, r);
    assert!(!decoded.migrated);
    let future = text.replace("\"schema_version\":1", "\"schema_version\":9");
    assert!(SurveyResponse::from_stored(&future).is_err());
}
