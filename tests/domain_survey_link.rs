//! Survey links: what a QR code holds.

use wijkpeil::domain::survey::link::{dropoff_on, is_dropoff, SurveyLink, DEFAULT_IDLE_SECONDS};

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
        dropoff: None,
        key: None,
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

#[test]
fn a_phone_link_names_the_drop_off() {
    let link = SurveyLink {
        survey: "wijkplein-bezoek".into(),
        location: Some("wijkplein-noord".into()),
        dropoff: Some("https://wijkpeil.example.nl/couchdb/wijkpeil-enquete".into()),
        ..SurveyLink::default()
    };
    let fragment = link.to_fragment();
    assert_eq!(
        fragment,
        "s=wijkplein-bezoek&loc=wijkplein-noord&to=https://wijkpeil.example.nl/couchdb/wijkpeil-enquete"
    );
    assert_eq!(SurveyLink::parse(&format!("#{fragment}")), Some(link));
    // Before the packed definition, which may be long.
    let packed = SurveyLink::parse("#s=eigen-0a0b0c0d&d=q1ZK&to=https://couch.example.nl/enq")
        .expect("valid");
    assert_eq!(
        packed.to_fragment(),
        "s=eigen-0a0b0c0d&to=https://couch.example.nl/enq&d=q1ZK"
    );
    // Without one, nothing changes (links printed before keep working).
    assert_eq!(SurveyLink::parse("#s=kto").and_then(|l| l.dropoff), None);
}

#[test]
fn a_drop_off_is_https_or_this_device() {
    for good in [
        "https://wijkpeil.example.nl/couchdb/wijkpeil-enquete",
        "https://couch.example.nl:6984/wijkpeil-enquete",
        "https://10.0.0.5/wijkpeil-enquete",
        "http://127.0.0.1:5997/wijkpeil-enquete",
        "http://localhost:5984/wijkpeil-enquete",
        "http://localhost/x",
        "http://[::1]:5984/wijkpeil-enquete",
        "http://[::1]/wijkpeil-enquete",
    ] {
        assert!(is_dropoff(good), "{good}");
        let link = SurveyLink::parse(&format!("#s=kto&to={good}")).expect(good);
        assert_eq!(link.dropoff.as_deref(), Some(good));
    }
    for bad in [
        "",
        "wijkpeil.example.nl/couchdb/wijkpeil-enquete",
        "//wijkpeil.example.nl/wijkpeil-enquete",
        "ftp://wijkpeil.example.nl/wijkpeil-enquete",
        "HTTPS://wijkpeil.example.nl/wijkpeil-enquete",
        "javascript:alert(1)",
        // Plain http travels readable: only to this device itself.
        "http://wijkpeil.example.nl/wijkpeil-enquete",
        "http://localhost.example.nl/wijkpeil-enquete",
        "http://127.0.0.1.example.nl/wijkpeil-enquete",
        // A database, not a server or a folder.
        "https://wijkpeil.example.nl",
        "https://wijkpeil.example.nl/",
        "https://wijkpeil.example.nl/couchdb/",
        "https:///wijkpeil-enquete",
        // No login, query, fragment or text that needs escaping.
        "https://anna:geheim@wijkpeil.example.nl/wijkpeil-enquete",
        "https://wijkpeil.example.nl/wijkpeil-enquete?x=1",
        "https://wijkpeil.example.nl/wijkpeil enquete",
        "https://wijkpeil.example.nl/wijkpeil%2Denquete",
        "https://wijkpeil.example.nl/<script>",
    ] {
        assert!(!is_dropoff(bad), "{bad:?}");
        // A link with a bad one is refused as a whole, like any odd value.
        assert_eq!(
            SurveyLink::parse(&format!("#s=kto&to={bad}")),
            None,
            "{bad:?}"
        );
    }
    let long = format!("https://wijkpeil.example.nl/{}", "a".repeat(200));
    assert!(!is_dropoff(&long));
}

#[test]
fn the_drop_off_follows_from_the_sync_server() {
    assert_eq!(
        dropoff_on("https://wijkpeil.example.nl/couchdb").as_deref(),
        Some("https://wijkpeil.example.nl/couchdb/wijkpeil-enquete")
    );
    assert_eq!(
        dropoff_on("https://couch.example.nl/").as_deref(),
        Some("https://couch.example.nl/wijkpeil-enquete")
    );
    assert_eq!(
        dropoff_on("http://127.0.0.1:5984").as_deref(),
        Some("http://127.0.0.1:5984/wijkpeil-enquete")
    );
    for unusable in ["", "http://wijkpeil.example.nl", "https://a b"] {
        assert_eq!(dropoff_on(unusable), None, "{unusable:?}");
    }
}

mod short_links {
    use wijkpeil::domain::survey::public::{accept_for_link, own_published, public_doc_id};
    use wijkpeil::domain::survey::{duplicate, publish, SurveyStatus, Template};

    #[test]
    fn the_newest_published_version_of_each_own_survey_is_what_phones_get() {
        let visit = Template::ALL[0].definition();
        let v1 = publish(&duplicate(&visit, "eigen-a")).unwrap();
        let mut v2 = v1.clone();
        v2.version = 2;
        let mut v3_draft = v1.clone();
        v3_draft.version = 3;
        v3_draft.status = SurveyStatus::Draft;
        let other = publish(&duplicate(&visit, "eigen-b")).unwrap();
        let versions = vec![v2.clone(), visit.clone(), v1, v3_draft, other.clone()];
        let phones: Vec<_> = own_published(&versions).into_iter().cloned().collect();
        assert_eq!(
            phones,
            vec![v2, other],
            "built-in and draft versions left out"
        );
        assert_eq!(public_doc_id("eigen-a"), "survey:eigen-a");
    }

    #[test]
    fn a_phone_shows_only_a_valid_published_version_of_the_survey_its_link_names() {
        let visit = Template::ALL[0].definition();
        let published = publish(&duplicate(&visit, "eigen-a")).unwrap();
        let mut doc = serde_json::to_value(&published).unwrap();
        doc["_id"] = "survey:eigen-a".into();
        doc["_rev"] = "3-abc".into();
        let text = doc.to_string();
        assert_eq!(accept_for_link(&text, "eigen-a"), Some(published.clone()));
        assert_eq!(accept_for_link(&text, "eigen-b"), None, "another survey");
        let draft = serde_json::to_string(&duplicate(&visit, "eigen-a")).unwrap();
        assert_eq!(accept_for_link(&draft, "eigen-a"), None, "a draft");
        assert_eq!(accept_for_link(&text[..text.len() / 2], "eigen-a"), None);
        let mut broken = published;
        broken.sections.clear();
        let broken = serde_json::to_string(&broken).unwrap();
        assert_eq!(accept_for_link(&broken, "eigen-a"), None, "invalid");
    }
}

/// A P-256 public key as a link carries it: 65 bytes, `04 ‖ x ‖ y`.
const KEY: &str =
    "BAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-P0A";

#[test]
fn a_link_carries_the_organisations_answer_key() {
    let link = SurveyLink::parse(&format!(
        "#s=kto&to=https://example.nl/couchdb/wijkpeil-enquete&k={KEY}"
    ))
    .expect("valid");
    assert_eq!(link.key.as_deref(), Some(KEY));
    assert_eq!(
        SurveyLink::parse(&format!("#{}", link.to_fragment())),
        Some(link)
    );
    // Not a key: too short, another point form, not base64url.
    assert_eq!(SurveyLink::parse(&format!("#s=kto&k={}", &KEY[..86])), None);
    assert_eq!(SurveyLink::parse(&format!("#s=kto&k=A{}", &KEY[1..])), None);
    assert_eq!(SurveyLink::parse("#s=kto&k=%3Cscript%3E"), None);
}

/// A code names a sprite pictogram or a list entry; an emoji is none, so
/// an organisation's own emoji shows as it is.
#[test]
fn a_code_is_short_lower_case_letters_digits_and_dashes() {
    use wijkpeil::domain::survey::link::is_code;
    for code in ["face-4", "phone", "wijkplein-noord", "a"] {
        assert!(is_code(code), "{code}");
    }
    for other in ["", "🏠", "Face", "face_4", "face 4", &"a".repeat(65)] {
        assert!(!is_code(other), "{other}");
    }
    assert!(is_code(&"a".repeat(64)));
}
