//! Survey links: what a QR code holds.

use wijkpeil::domain::survey::link::{SurveyLink, DEFAULT_IDLE_SECONDS};

#[test]
fn a_link_round_trips() {
    let link = SurveyLink {
        survey: "wijkplein-bezoek".into(),
        version: None,
        lang: Some("ar".into()),
        location: Some("wijkplein-noord".into()),
        kiosk: true,
        idle_seconds: Some(30),
        activity: None,
        packed: None,
    };
    let fragment = link.to_fragment();
    assert_eq!(
        fragment,
        "s=wijkplein-bezoek&lang=ar&loc=wijkplein-noord&kiosk=1&idle=30"
    );
    assert_eq!(SurveyLink::parse(&format!("#{fragment}")), Some(link));
}

#[test]
fn a_preview_link_names_the_version() {
    let link = SurveyLink::parse("#s=eigen-0a0b0c0d&v=2").expect("valid");
    assert_eq!(link.version, Some(2));
    assert_eq!(link.to_fragment(), "s=eigen-0a0b0c0d&v=2");
    assert_eq!(SurveyLink::parse("#s=kto&v=0"), None);
    assert_eq!(SurveyLink::parse("#s=kto&v=x"), None);
}

#[test]
fn a_plain_link_needs_only_the_survey() {
    let link = SurveyLink::parse("#s=kto").expect("valid");
    assert_eq!(link.survey, "kto");
    assert!(!link.kiosk);
    assert_eq!(link.idle_seconds(), DEFAULT_IDLE_SECONDS);
}

#[test]
fn anything_odd_is_refused() {
    for bad in [
        "",
        "#",
        "#lang=nl",
        "#s=",
        "#s=KTO",
        "#s=kto&loc=<script>",
        "#s=kto&name=jan",
        "#s=kto%20x",
        "#s=../x",
    ] {
        assert_eq!(SurveyLink::parse(bad), None, "{bad:?}");
    }
    assert_eq!(
        SurveyLink::parse("#s=kto&idle=0").and_then(|l| l.idle_seconds),
        None
    );
    assert_eq!(
        SurveyLink::parse("#s=kto&kiosk=yes").map(|l| l.kiosk),
        Some(false)
    );
}

#[test]
fn a_kiosk_pin_is_four_to_eight_digits() {
    use wijkpeil::domain::settings::is_valid_pin;
    for good in ["1234", "00000000", "4821"] {
        assert!(is_valid_pin(good), "{good}");
    }
    for bad in ["", "123", "123456789", "12a4", " 1234", "١٢٣٤"] {
        assert!(!is_valid_pin(bad), "{bad}");
    }
}

#[test]
fn an_own_survey_travels_packed_in_the_link() {
    let link =
        SurveyLink::parse("#s=eigen-0a0b0c0d&d=q1ZKLUvNK8ksqVSyUlAqzy_KTlGqBQA").expect("valid");
    assert_eq!(
        link.packed.as_deref(),
        Some("q1ZKLUvNK8ksqVSyUlAqzy_KTlGqBQA")
    );
    assert_eq!(
        link.to_fragment(),
        "s=eigen-0a0b0c0d&d=q1ZKLUvNK8ksqVSyUlAqzy_KTlGqBQA"
    );
    for bad in [
        "#s=x&d=",
        "#s=x&d=a+b",
        "#s=x&d=a/b",
        "#s=x&d=a=b",
        "#s=x&d=<",
    ] {
        assert_eq!(
            SurveyLink::parse(bad).and_then(|l| l.packed),
            None,
            "{bad:?}"
        );
    }
}

#[test]
fn a_link_handed_out_at_a_group_activity_names_it() {
    let id = "019ab3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b";
    let link = SurveyLink {
        survey: "groepsactiviteit".into(),
        location: Some("wijkplein-oost".into()),
        activity: Some(id.into()),
        ..SurveyLink::default()
    };
    let fragment = link.to_fragment();
    assert_eq!(
        fragment,
        format!("s=groepsactiviteit&loc=wijkplein-oost&act={id}")
    );
    assert_eq!(SurveyLink::parse(&fragment), Some(link));
    // Only a plain code: nothing to escape, nothing to inject.
    assert_eq!(
        SurveyLink::parse("s=groepsactiviteit&act=Jan%20Jansen"),
        None
    );
    assert_eq!(SurveyLink::parse("s=groepsactiviteit&act="), None);
}
