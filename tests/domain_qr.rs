//! QR codes for survey links.

use wijkpeil::domain::qr::{qr_svg, QUIET_ZONE};

#[test]
fn a_survey_link_fits_a_small_qr_code() {
    let link = "https://wijkpeil.example.nl/enquete/#s=wijkplein-bezoek&loc=wijkplein-noord";
    let qr = qr_svg(link).expect("encodes");
    // Version 5 (37 modules) at medium correction holds this link: small
    // enough to scan from a poster at arm's length.
    assert_eq!(qr.size, 37 + 2 * QUIET_ZONE);
    // The three finder patterns: their top-left modules are dark.
    let q = QUIET_ZONE;
    let far = qr.size - QUIET_ZONE - 7;
    for (x, y) in [(q, q), (far, q), (q, far)] {
        assert!(
            qr.path.contains(&format!("M{x},{y}h1v1h-1z")),
            "finder at {x},{y}"
        );
    }
    // Nothing is drawn in the quiet zone.
    assert!(!qr.path.contains("M0,") && !qr.path.contains(",0h"));
}

#[test]
fn the_same_link_gives_the_same_code() {
    assert_eq!(
        qr_svg("https://a.nl/enquete/#s=kto"),
        qr_svg("https://a.nl/enquete/#s=kto")
    );
    assert_ne!(
        qr_svg("https://a.nl/enquete/#s=kto"),
        qr_svg("https://a.nl/enquete/#s=ktp")
    );
}

#[test]
fn text_beyond_any_qr_code_is_refused() {
    assert_eq!(qr_svg(&"x".repeat(5000)), None);
}
