//! The link (URL fragment) that opens a survey on a resident's phone or a
//! kiosk tablet: `/enquete/#s=<survey>&lang=nl&loc=<location>&kiosk=1`, or
//! at a group activity `&act=<activity id>`.
//!
//! Built-in surveys travel by id: their definition is part of the app, which
//! the phone caches on first load, so it can be filled in offline. Only
//! simple codes ([a-z0-9-]) are allowed as values, so nothing needs escaping.

/// Where a survey link leads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SurveyLink {
    pub survey: String,
    /// A specific version (a coordinator's preview of a draft); without it
    /// residents get the newest published version.
    pub version: Option<u32>,
    pub lang: Option<String>,
    pub location: Option<String>,
    pub kiosk: bool,
    /// Kiosk: seconds without a touch before answers are discarded.
    pub idle_seconds: Option<u32>,
    /// The group activity (its record id) whose participants get this
    /// questionnaire, so the report can count questionnaires per activity.
    pub activity: Option<String>,
    /// An organisation's own survey travels in the link itself: its
    /// published definition, deflated and base64url-encoded, so a phone that
    /// never saw it can show it, also offline.
    pub packed: Option<String>,
}

/// The default kiosk idle time: long enough to read and think, short enough
/// that the next resident does not find someone else's answers.
pub const DEFAULT_IDLE_SECONDS: u32 = 90;

/// base64url without padding: what a packed definition may hold.
fn is_base64url(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl SurveyLink {
    /// Reads a fragment (with or without the leading `#`). `None` when it
    /// names no survey or holds a value that is not a simple code.
    pub fn parse(fragment: &str) -> Option<Self> {
        let mut link = SurveyLink::default();
        for pair in fragment.trim_start_matches('#').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "s" if is_code(value) => link.survey = value.to_owned(),
                "v" => link.version = Some(value.parse().ok().filter(|v| *v > 0)?),
                "lang" if is_code(value) => link.lang = Some(value.to_owned()),
                "loc" if is_code(value) => link.location = Some(value.to_owned()),
                "kiosk" => link.kiosk = value == "1",
                "idle" => link.idle_seconds = value.parse().ok().filter(|s| *s > 0),
                "act" if is_code(value) => link.activity = Some(value.to_owned()),
                "d" if is_base64url(value) => link.packed = Some(value.to_owned()),
                "" => {}
                _ => return None,
            }
        }
        (!link.survey.is_empty()).then_some(link)
    }

    pub fn to_fragment(&self) -> String {
        let mut text = format!("s={}", self.survey);
        if let Some(version) = self.version {
            text.push_str(&format!("&v={version}"));
        }
        if let Some(lang) = &self.lang {
            text.push_str("&lang=");
            text.push_str(lang);
        }
        if let Some(location) = &self.location {
            text.push_str("&loc=");
            text.push_str(location);
        }
        if self.kiosk {
            text.push_str("&kiosk=1");
        }
        if let Some(idle) = self.idle_seconds {
            text.push_str(&format!("&idle={idle}"));
        }
        if let Some(activity) = &self.activity {
            text.push_str("&act=");
            text.push_str(activity);
        }
        if let Some(packed) = &self.packed {
            text.push_str("&d=");
            text.push_str(packed);
        }
        text
    }

    pub fn idle_seconds(&self) -> u32 {
        self.idle_seconds.unwrap_or(DEFAULT_IDLE_SECONDS)
    }
}
