//! The link (URL fragment) that opens a survey on a resident's phone or a
//! kiosk tablet: `/enquete/#s=<survey>&lang=nl&loc=<location>&kiosk=1`, or
//! at a group activity `&act=<activity id>`; on a resident's phone with the
//! organisation's drop-off database `&to=<address>`, where the phone's
//! service worker delivers the answers (`public/sw.js`, docs/SYNC.md).
//!
//! Built-in surveys travel by id: their definition is part of the app, which
//! the phone caches on first load, so it can be filled in offline. Only
//! simple codes ([a-z0-9-]) are allowed as values, so nothing needs escaping;
//! the drop-off address is a plain URL that needs none either.

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
    /// The organisation's drop-off database, as a full address
    /// (`https://wijkpeil.example.nl/couchdb/wijkpeil-enquete`): a
    /// resident's phone delivers its answers there. Only for phones: a
    /// kiosk is a staff device, whose own sync carries its answers.
    pub dropoff: Option<String>,
    /// The organisation's public answer key (`super::sealed::AnswerKey`):
    /// with it, the survey app seals each response before it stores it.
    pub key: Option<String>,
}

/// The drop-off database's name when the organisation kept the default
/// (docs/DEPLOY.md).
pub const DROPOFF_DATABASE: &str = "wijkpeil-enquete";

/// The drop-off address on the sync server `server` (as the sync settings
/// keep it: `https://…/couchdb`, no trailing slash); `None` when it would not
/// be a valid drop-off address.
pub fn dropoff_on(server: &str) -> Option<String> {
    let address = format!("{}/{DROPOFF_DATABASE}", server.trim_end_matches('/'));
    is_dropoff(&address).then_some(address)
}

/// Whether `text` may be a drop-off address: `https://host[:port]/path`, or
/// plain `http` to this device only (127.0.0.1, localhost, [::1]); no login,
/// query, fragment or anything that would need escaping in a link.
pub fn is_dropoff(text: &str) -> bool {
    // Kept plain (prefixes and bytes): this runs in the survey app, whose
    // first load has a size budget.
    let this_device = |rest: &str| {
        ["127.0.0.1", "localhost", "[::1]"].iter().any(|host| {
            rest.strip_prefix(host)
                .is_some_and(|after| matches!(after.as_bytes().first(), Some(b':' | b'/')))
        })
    };
    let rest = match (text.strip_prefix("https://"), text.strip_prefix("http://")) {
        (Some(rest), _) => rest,
        (None, Some(rest)) if this_device(rest) => rest,
        _ => return false,
    };
    // host[:port], then the database's path.
    let host_end = rest.find('/').unwrap_or(0);
    host_end > 0
        && !rest.starts_with(':')
        && rest.len() > host_end + 1
        && !rest.ends_with('/')
        && text.len() <= 200
        && rest.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b'-' | b'.' | b'_' | b'~' | b':' | b'/' | b'[' | b']')
        })
}

/// The longest link fragment read, in bytes: an own survey's packed
/// definition (a few kB; a QR code holds under 3 kB) fits many times over,
/// and a hostile link cannot make a phone unpack megabytes.
pub const MAX_LINK_BYTES: usize = 64 * 1024;

/// Why a fragment is not a survey link. The survey app says "not found"
/// for each: a resident cannot repair a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// Longer than [`MAX_LINK_BYTES`].
    TooLong,
    /// An unknown key, or a value that is not allowed for its key.
    BadValue,
    /// No survey named.
    NoSurvey,
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

/// Whether `text` is a code as Wijkpeil writes them: 1–64 lower-case
/// letters, digits and dashes (a survey id, a location, a pictogram's
/// name such as `face-4`, not an organisation's emoji).
pub fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl SurveyLink {
    /// Reads a fragment (with or without the leading `#`). `None` when it
    /// names no survey, holds a value that is not a simple code or is
    /// too long ([`SurveyLink::read`] says which).
    pub fn parse(fragment: &str) -> Option<Self> {
        Self::read(fragment).ok()
    }

    /// Reads a fragment, or says why it is not a survey link.
    pub fn read(fragment: &str) -> Result<Self, LinkProblem> {
        if fragment.len() > MAX_LINK_BYTES {
            return Err(LinkProblem::TooLong);
        }
        let mut link = SurveyLink::default();
        for pair in fragment.trim_start_matches('#').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "s" if is_code(value) => link.survey = value.to_owned(),
                "v" => {
                    link.version = Some(
                        value
                            .parse()
                            .ok()
                            .filter(|v| *v > 0)
                            .ok_or(LinkProblem::BadValue)?,
                    )
                }
                "lang" if is_code(value) => link.lang = Some(value.to_owned()),
                "loc" if is_code(value) => link.location = Some(value.to_owned()),
                "kiosk" => link.kiosk = value == "1",
                "idle" => link.idle_seconds = value.parse().ok().filter(|s| *s > 0),
                "act" if is_code(value) => link.activity = Some(value.to_owned()),
                "d" if is_base64url(value) => link.packed = Some(value.to_owned()),
                "to" if is_dropoff(value) => link.dropoff = Some(value.to_owned()),
                "k" if super::sealed::AnswerKey::parse(value).is_some() => {
                    link.key = Some(value.to_owned())
                }
                "" => {}
                _ => return Err(LinkProblem::BadValue),
            }
        }
        if link.survey.is_empty() {
            return Err(LinkProblem::NoSurvey);
        }
        Ok(link)
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
        if let Some(dropoff) = &self.dropoff {
            text.push_str("&to=");
            text.push_str(dropoff);
        }
        if let Some(key) = &self.key {
            text.push_str("&k=");
            text.push_str(key);
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
