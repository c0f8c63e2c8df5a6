//! The staff lock: who may open which staff app on this device, and the
//! rules around the codes (what a good code is, how long a person waits
//! after wrong tries, when an unlocked app locks itself again).
//!
//! Pure rules; the key derivation (PBKDF2 in WebCrypto) is the lock app's
//! (`src/lock/`), and the values live in localStorage (`LockConfig`) and
//! in the tab's sessionStorage (`Session`) through `storage::settings_store`.
//! docs/SECURITY.md says what this protects against and what it does not.

use crate::domain::at_rest;
use serde::{Deserialize, Serialize};

/// Who unlocked a staff app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Registers contacts and starts the kiosk (`/`).
    Volunteer,
    /// Everything, also the coordinator's screens (`/beheer/`).
    Coordinator,
}

impl Role {
    /// Whether someone unlocked as `self` may open an app that needs `needed`.
    pub fn opens(self, needed: Role) -> bool {
        self == Role::Coordinator || needed == Role::Volunteer
    }
}

/// A stored code: never the code itself, only what PBKDF2-SHA-256 derives
/// from it with a random salt, and the iteration count used (so a stronger
/// count later does not lock out a device set up before).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credential {
    /// Hex of 16 random bytes.
    pub salt: String,
    pub iterations: u32,
    /// Hex of the 32 derived bytes.
    pub hash: String,
}

/// The iteration count for a new code (OWASP's advice for PBKDF2-SHA-256):
/// about half a second on a cheap tablet, per try.
pub const PBKDF2_ITERATIONS: u32 = 600_000;

/// The lock of this device, in localStorage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockConfig {
    /// Opens everything; needed to set up the device.
    #[serde(default)]
    pub coordinator: Option<Credential>,
    /// Opens the volunteer's registration only; none on a device only the
    /// coordinator uses.
    #[serde(default)]
    pub volunteer: Option<Credential>,
    /// Wrong codes in a row (kept over a reload, so reloading does not
    /// reset the wait).
    #[serde(default)]
    pub failures: u32,
    /// Milliseconds since the epoch before which no code is tried.
    #[serde(default)]
    pub retry_at_ms: u64,
    /// The device's text key for free text at rest, wrapped under each
    /// code (`domain::at_rest`); none on a device set up before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_key: Option<TextKey>,
}

/// The idle time of a device the coordinator did not set one for.
pub const DEFAULT_IDLE_MINUTES: u32 = 10;

/// Where an idle time stands: before it ends a warning shows, long enough
/// to answer it with one touch or key (WCAG 2.2.1 asks for at least 20
/// seconds): the last half minute, or the last half of a shorter idle time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idle {
    Active,
    /// The warning shows; this many milliseconds are left.
    Warning(u64),
    Over,
}

/// The longest warning before an idle time ends.
pub const IDLE_WARNING_MS: u64 = 30_000;

/// Where an idle time of `idle_ms` stands after `idle_for_ms` without a
/// touch or key.
pub fn idle_state(idle_ms: u64, idle_for_ms: u64) -> Idle {
    let Some(left) = idle_ms.checked_sub(idle_for_ms) else {
        return Idle::Over;
    };
    if left <= (idle_ms / 2).min(IDLE_WARNING_MS) {
        Idle::Warning(left)
    } else {
        Idle::Active
    }
}

/// The idle times the coordinator can choose from.
pub const IDLE_CHOICES: [u32; 7] = [1, 2, 5, 10, 15, 30, 60];

impl LockConfig {
    /// Whether the device has been set up (a coordinator's code exists).
    pub fn is_set_up(&self) -> bool {
        self.coordinator.is_some()
    }

    /// The credentials that may open an app needing `needed`, strongest
    /// role first.
    pub fn candidates(&self, needed: Role) -> Vec<(Role, &Credential)> {
        let mut found = Vec::new();
        if let Some(credential) = &self.coordinator {
            found.push((Role::Coordinator, credential));
        }
        if let (Role::Volunteer, Some(credential)) = (needed, &self.volunteer) {
            found.push((Role::Volunteer, credential));
        }
        found
    }

    /// Seconds to wait before the next try, at `now_ms`.
    pub fn wait_seconds(&self, now_ms: u64) -> u32 {
        let left = self.retry_at_ms.saturating_sub(now_ms);
        u32::try_from(left.div_ceil(1000)).unwrap_or(u32::MAX)
    }

    /// A wrong code at `now_ms`: one more failure, and the wait it earns.
    pub fn record_failure(&mut self, now_ms: u64) {
        self.failures = self.failures.saturating_add(1);
        self.retry_at_ms = now_ms + u64::from(wait_after(self.failures)) * 1000;
    }

    /// A right code: the count starts again.
    pub fn record_success(&mut self) {
        self.failures = 0;
        self.retry_at_ms = 0;
    }
}

/// The idle time in effect for a stored value: one outside the choices
/// (none, or an edited localStorage) is the default.
pub fn idle_minutes(stored: Option<&str>) -> u32 {
    stored
        .and_then(|text| text.trim().parse().ok())
        .filter(|minutes| IDLE_CHOICES.contains(minutes))
        .unwrap_or(DEFAULT_IDLE_MINUTES)
}

/// The wait after `failures` wrong codes in a row: none for the first two
/// (a typo), then growing to five minutes. With PBKDF2's own cost, guessing
/// a six-digit code at the device takes years.
pub fn wait_after(failures: u32) -> u32 {
    match failures {
        0..=2 => 0,
        3 => 5,
        4 => 15,
        5 => 30,
        6 => 60,
        7 => 120,
        _ => 300,
    }
}

/// An unlocked staff app in one browser tab (sessionStorage: a new tab or
/// a closed browser starts locked). Kept as short text, `role:last:idle`,
/// which the staff apps read without a JSON decoder for it (their size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    pub role: Role,
    /// When the person last touched or typed, milliseconds since the epoch.
    pub last_active_ms: u64,
    /// The idle time in effect when the tab was unlocked.
    pub idle_minutes: u32,
}

impl Session {
    /// The role this session still holds at `now_ms`, or `None` once the
    /// idle time has passed. (A clock set back keeps it open: an app that
    /// is open removes its session within seconds of the idle time, so
    /// there is nothing left to stretch.)
    pub fn role_at(&self, now_ms: u64) -> Option<Role> {
        (self.idle_at(now_ms) != Idle::Over).then_some(self.role)
    }

    /// Where this session's idle time stands at `now_ms`.
    pub fn idle_at(&self, now_ms: u64) -> Idle {
        let idle_ms = u64::from(self.idle_minutes) * 60_000;
        idle_state(idle_ms, now_ms.saturating_sub(self.last_active_ms))
    }

    pub fn to_text(&self) -> String {
        let role = match self.role {
            Role::Volunteer => "volunteer",
            Role::Coordinator => "coordinator",
        };
        format!("{role}:{}:{}", self.last_active_ms, self.idle_minutes)
    }

    /// The session `to_text` wrote; `None` for anything else.
    pub fn from_text(text: &str) -> Option<Self> {
        let mut parts = text.split(':');
        let role = match parts.next()? {
            "volunteer" => Role::Volunteer,
            "coordinator" => Role::Coordinator,
            _ => return None,
        };
        let last_active_ms = parts.next()?.parse().ok()?;
        let idle_minutes = parts.next()?.parse().ok()?;
        parts.next().is_none().then_some(Self {
            role,
            last_active_ms,
            idle_minutes,
        })
    }
}

/// Why a new code is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    /// Digits only and fewer than `MIN_PIN_DIGITS`.
    PinTooShort,
    /// Other characters and fewer than `MIN_PASSPHRASE_CHARS`.
    PassphraseTooShort,
    TooLong,
    /// The repeated code differs.
    Mismatch,
    /// The volunteer's code may not be the coordinator's: it would open
    /// the coordinator's screens.
    SameAsCoordinator,
}

pub const MIN_PIN_DIGITS: usize = 6;
pub const MIN_PASSPHRASE_CHARS: usize = 8;
pub const MAX_CODE_CHARS: usize = 128;

/// Whether `code` may become a code: a PIN of six digits or more, or a
/// passphrase of eight characters or more (spaces count; not trimmed).
pub fn check_new_code(code: &str, repeated: &str) -> Result<(), CodeProblem> {
    let chars = code.chars().count();
    if chars > MAX_CODE_CHARS {
        return Err(CodeProblem::TooLong);
    }
    let digits_only = !code.is_empty() && code.chars().all(|c| c.is_ascii_digit());
    if digits_only && chars < MIN_PIN_DIGITS {
        return Err(CodeProblem::PinTooShort);
    }
    if !digits_only && chars < MIN_PASSPHRASE_CHARS {
        return Err(CodeProblem::PassphraseTooShort);
    }
    if code != repeated {
        return Err(CodeProblem::Mismatch);
    }
    Ok(())
}

/// Where the lock page sends a person after unlocking: a path of this
/// origin only (never `//host` or `https:`), the staff app by default.
pub fn return_path(requested: &str) -> &str {
    let safe = requested.starts_with('/')
        && !requested.starts_with("//")
        && !requested.contains('\\')
        && !requested.chars().any(char::is_control)
        && !requested.starts_with("/ontgrendelen/");
    if safe {
        requested
    } else {
        "/"
    }
}

/// The lock page's own screen for the organisation's answer key, which
/// only the coordinator opens.
pub const KEY_PAGE: &str = "/ontgrendelen/#sleutel";

/// The role a return path needs: the coordinator's app under `/beheer/`
/// and the answer key's page, else the volunteer's.
pub fn role_needed(path: &str) -> Role {
    if path.starts_with("/beheer") || path == KEY_PAGE {
        Role::Coordinator
    } else {
        Role::Volunteer
    }
}

/// Compares two derived hashes without stopping at the first difference.
pub fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// The text key wrapped under a key PBKDF2-SHA-256 derives from one staff
/// code (its own salt: the stored code hash gives no way to it), with
/// AES-256-GCM and the role's `wrap_context` as associated data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedKey {
    /// Hex of 16 random bytes.
    pub salt: String,
    pub iterations: u32,
    /// The key as an encrypted field (`wpenc1:`), 32 bytes and the tag.
    pub wrapped: String,
    /// Wrapped under the role's stored code hash instead of its code: the
    /// upgrade of a device set up before the text key, where the first
    /// unlock by one role makes the key and the other role's code is not
    /// known yet. That role's next unlock wraps it under its code and
    /// drops this one (`TextKey::pending`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_hash: bool,
}

impl WrappedKey {
    /// Whether this is of the shape the lock page writes.
    pub fn well_formed(&self) -> bool {
        crate::domain::hex::unhex(&self.salt).is_some_and(|s| s.len() == 16)
            && (1..=10_000_000).contains(&self.iterations)
            && at_rest::EncryptedField::parse(&self.wrapped)
                .is_some_and(|f| f.data.len() == at_rest::KEY_BYTES + at_rest::TAG_BYTES)
    }
}

/// The device's text key, kept only wrapped (`LockConfig::text_key`; `domain::at_rest` has
/// what it encrypts).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextKey {
    #[serde(default)]
    pub coordinator: Option<WrappedKey>,
    /// None on a device without a volunteers' code, and on one set up
    /// before the text key (until the volunteers' code is set again).
    #[serde(default)]
    pub volunteer: Option<WrappedKey>,
}

impl TextKey {
    /// The wrapped key a code of `role` opens.
    pub fn for_role(&self, role: Role) -> Option<&WrappedKey> {
        match role {
            Role::Coordinator => self.coordinator.as_ref(),
            Role::Volunteer => self.volunteer.as_ref(),
        }
    }

    /// Where the key wrapped for `role` is kept.
    pub fn slot_mut(&mut self, role: Role) -> &mut Option<WrappedKey> {
        match role {
            Role::Coordinator => &mut self.coordinator,
            Role::Volunteer => &mut self.volunteer,
        }
    }

    /// Whether a role's key still waits for that role's first unlock
    /// (`WrappedKey::from_hash`): until then the key is as readable as
    /// the stored code hash, which Beheer says.
    pub fn pending(&self) -> bool {
        [&self.coordinator, &self.volunteer]
            .into_iter()
            .flatten()
            .any(|wrapped| wrapped.from_hash)
    }
}

impl Role {
    /// The other staff role.
    pub fn other(self) -> Role {
        match self {
            Role::Coordinator => Role::Volunteer,
            Role::Volunteer => Role::Coordinator,
        }
    }
}

impl LockConfig {
    /// The stored code of `role`.
    pub fn credential(&self, role: Role) -> Option<&Credential> {
        match role {
            Role::Coordinator => self.coordinator.as_ref(),
            Role::Volunteer => self.volunteer.as_ref(),
        }
    }
}

/// The associated data of a role's wrapped key: a wrapped key copied to
/// the other role's place does not open.
pub fn wrap_context(role: Role) -> &'static str {
    match role {
        Role::Coordinator => "wijkpeil text key v1 coordinator",
        Role::Volunteer => "wijkpeil text key v1 volunteer",
    }
}
