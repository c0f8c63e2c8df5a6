//! QR codes for survey links, drawn as one SVG path (no image library, no
//! network service): the phone camera opens the link, the app does the rest.

use qrcodegen::{QrCode, QrCodeEcc};

/// The blank border a scanner needs around the code, in modules.
pub const QUIET_ZONE: i32 = 4;

/// A QR code as SVG geometry: the side length in modules (quiet zone
/// included) and the path of its dark modules, one unit square each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSvg {
    pub size: i32,
    pub path: String,
}

/// Encodes `text` with medium error correction (a screen may be scratched
/// or glared), or low correction for a long link (an organisation's own
/// survey travels in its link). `None` only for text too long for any code.
pub fn qr_svg(text: &str) -> Option<QrSvg> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium)
        .or_else(|_| QrCode::encode_text(text, QrCodeEcc::Low))
        .ok()?;
    let mut path = String::new();
    for y in 0..code.size() {
        for x in 0..code.size() {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    Some(QrSvg {
        size: code.size() + 2 * QUIET_ZONE,
        path,
    })
}
