//! The organisation's own lists: locations, referral targets, referrers, the
//! life domains in use and the age bands, kept as records (kind `org_list`)
//! so they travel by export, import and sync like every other record.
//!
//! One record per list, with a fixed id per list ([`ListName::id`]), so every
//! device edits the same record and two editions of one revision meet as a
//! conflict, never as two lists. A term keeps its code for good; its label
//! may change and it may be retired (no longer offered, still readable in
//! old records). What the app uses is the effective taxonomy: the built-in
//! lists overlaid by the stored ones ([`effective_taxonomy`]).
//!
//! Pure: no browser, no storage, no clock.

use crate::domain::entry::EntryFields;
use crate::domain::record::{RecordId, RecordKind};
use crate::domain::taxonomy::{Localized, Taxonomy, Term};
use crate::domain::trajectory::{AgeBands, AgeBandsError};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Schema version of a stored list.
pub const ORG_LIST_SCHEMA_VERSION: u32 = crate::domain::entry::schema_version::<OrgListFields>();

/// Longest label of a term, in characters.
pub const MAX_LABEL_CHARS: usize = 80;

/// Most terms one list may hold.
pub const MAX_TERMS: usize = 200;

/// The lists an organisation edits. Serialised as its stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListName {
    Locations,
    ReferralTargets,
    Referrers,
    Domains,
    AgeBands,
}

impl ListName {
    pub const ALL: [ListName; 5] = [
        ListName::Locations,
        ListName::ReferralTargets,
        ListName::Referrers,
        ListName::Domains,
        ListName::AgeBands,
    ];

    /// The lists of terms (code, label, retired); age bands are ranges.
    pub const TERM_LISTS: [ListName; 4] = [
        ListName::Locations,
        ListName::ReferralTargets,
        ListName::Referrers,
        ListName::Domains,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ListName::Locations => "locations",
            ListName::ReferralTargets => "referral_targets",
            ListName::Referrers => "referrers",
            ListName::Domains => "domains",
            ListName::AgeBands => "age_bands",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The list's record id, the same on every device:
    /// `00000000-0000-8000-8000-0000000000NN` (a UUID of version 8, as the
    /// sync server wants a UUID), NN its place in [`ListName::ALL`] from 1.
    pub fn id(self) -> RecordId {
        let n = Self::ALL.iter().position(|l| *l == self).unwrap_or(0) as u128 + 1;
        RecordId(Uuid::from_u128(
            0x0000_0000_0000_8000_8000_0000_0000_0000 | n,
        ))
    }

    /// The list a record id names, if it is one of the fixed ids.
    pub fn from_id(id: RecordId) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.id() == id)
    }

    /// The list's terms in `taxonomy` (`None` for the age bands).
    pub fn terms(self, taxonomy: &Taxonomy) -> Option<&Vec<Term>> {
        Some(match self {
            ListName::Locations => &taxonomy.locations,
            ListName::ReferralTargets => &taxonomy.referral_targets,
            ListName::Referrers => &taxonomy.referrers,
            ListName::Domains => &taxonomy.domains,
            ListName::AgeBands => return None,
        })
    }

    fn terms_mut(self, taxonomy: &mut Taxonomy) -> Option<&mut Vec<Term>> {
        Some(match self {
            ListName::Locations => &mut taxonomy.locations,
            ListName::ReferralTargets => &mut taxonomy.referral_targets,
            ListName::Referrers => &mut taxonomy.referrers,
            ListName::Domains => &mut taxonomy.domains,
            ListName::AgeBands => return None,
        })
    }
}

/// An age band of the organisation: ages `from` to `to` inclusive (`to`
/// absent for the open last band); `label` is also the code a trajectory
/// stores ("65+").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    pub from: u8,
    #[serde(default)]
    pub to: Option<u8>,
    pub label: String,
}

/// The content of an `org_list` record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgListFields {
    pub list: ListName,
    /// The terms of a list of terms, in the order they are offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Term>,
    /// The bands of the age band list, youngest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
}

impl EntryFields for OrgListFields {
    const KIND: RecordKind = RecordKind::OrgList;
}

impl OrgListFields {
    /// The list as `taxonomy` (and `bands`) have it now: where an edit
    /// starts.
    pub fn current(list: ListName, taxonomy: &Taxonomy, bands: &AgeBands) -> Self {
        Self {
            list,
            terms: list.terms(taxonomy).cloned().unwrap_or_default(),
            bands: if list == ListName::AgeBands {
                bands
                    .bands
                    .iter()
                    .map(|(from, to, label)| Band {
                        from: *from,
                        to: *to,
                        label: label.clone(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// The lists in effect: `builtin` with each stored list of terms in place of
/// its own. A stored list gives the order, labels and retirements; a
/// built-in code it lacks stays, retired, so records that hold it still
/// show its label. Terms without a Dutch label or with a code seen before
/// are skipped.
pub fn effective_taxonomy(builtin: Taxonomy, stored: &[OrgListFields]) -> Taxonomy {
    let mut taxonomy = builtin;
    for fields in stored {
        let Some(target) = fields.list.terms_mut(&mut taxonomy) else {
            continue;
        };
        let mut terms: Vec<Term> = Vec::with_capacity(fields.terms.len());
        for term in &fields.terms {
            let named = !term.label.get("nl").trim().is_empty();
            if named && !term.code.is_empty() && !terms.iter().any(|t| t.code == term.code) {
                terms.push(term.clone());
            }
        }
        if terms.is_empty() {
            continue;
        }
        for old in target.iter() {
            if !terms.iter().any(|t| t.code == old.code) {
                let mut kept = old.clone();
                kept.retired = true;
                terms.push(kept);
            }
        }
        *target = terms;
    }
    // A domain the organisation added belongs to no group: the last group
    // ("Overig") offers it.
    let ungrouped: Vec<String> = taxonomy
        .ungrouped_domains()
        .map(|d| d.code.clone())
        .collect();
    if let Some(last) = taxonomy.domain_groups.last_mut() {
        last.domains.extend(ungrouped);
    }
    taxonomy
}

/// The age bands in effect: a stored list when its bands are valid, else
/// `builtin`.
pub fn effective_age_bands(builtin: &AgeBands, stored: &[OrgListFields]) -> AgeBands {
    stored
        .iter()
        .filter(|f| f.list == ListName::AgeBands && !f.bands.is_empty())
        .map(|f| AgeBands {
            bands: f
                .bands
                .iter()
                .map(|b| (b.from, b.to, b.label.trim().to_owned()))
                .collect(),
        })
        .find(|bands| bands.validate().is_ok())
        .unwrap_or_else(|| builtin.clone())
}

/// The terms a picker offers: those not retired.
pub fn offered(terms: &[Term]) -> impl Iterator<Item = &Term> {
    terms.iter().filter(|t| !t.retired)
}

/// Why an edit of a list was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListEditError {
    #[error("the label is empty")]
    EmptyLabel,
    #[error("the label is longer than {MAX_LABEL_CHARS} characters")]
    TooLong,
    #[error("another term has this label")]
    DuplicateLabel,
    #[error("the list is full")]
    Full,
    #[error("no term has code {0}")]
    UnknownCode(String),
    #[error("the last term still offered cannot be retired")]
    LastActive,
}

/// A code made from a label: lower case letters and digits joined by `-`,
/// accents dropped ("Buurthuis De Étoile" → "buurthuis-de-etoile"), made
/// unique among `taken` by a number ("-2", "-3", …).
pub fn code_from_label(label: &str, taken: &[Term]) -> String {
    let mut base = String::new();
    for c in label.chars().flat_map(char::to_lowercase) {
        let c = plain_letter(c);
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let mut base: String = base.trim_end_matches('-').chars().take(40).collect();
    base.truncate(base.trim_end_matches('-').len());
    if base.is_empty() {
        base.push_str("term");
    }
    let free = |code: &str| !taken.iter().any(|t| t.code == code);
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|code| free(code))
        .expect("some number is free")
}

/// The letter without its accent, for codes.
fn plain_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

fn checked_label(
    label: &str,
    terms: &[Term],
    except: Option<&str>,
) -> Result<String, ListEditError> {
    let label = label.trim();
    if label.is_empty() {
        return Err(ListEditError::EmptyLabel);
    }
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(ListEditError::TooLong);
    }
    let same = |t: &Term| t.label.get("nl").trim().to_lowercase() == label.to_lowercase();
    if terms
        .iter()
        .any(|t| Some(t.code.as_str()) != except && same(t))
    {
        return Err(ListEditError::DuplicateLabel);
    }
    Ok(label.to_owned())
}

fn dutch(label: String) -> Localized {
    Localized([("nl".to_owned(), label)].into_iter().collect())
}

/// Adds a term with a Dutch `label` and a code made from it; gives the
/// code.
pub fn add_term(terms: &mut Vec<Term>, label: &str) -> Result<String, ListEditError> {
    let label = checked_label(label, terms, None)?;
    if terms.len() >= MAX_TERMS {
        return Err(ListEditError::Full);
    }
    let code = code_from_label(&label, terms);
    terms.push(Term {
        code: code.clone(),
        label: dutch(label),
        icon: None,
        retired: false,
    });
    Ok(code)
}

/// Gives the term `code` a new Dutch label; its code stays. Labels in other
/// languages are dropped, as they named the old label (Dutch shows in
/// their place).
pub fn rename_term(terms: &mut [Term], code: &str, label: &str) -> Result<(), ListEditError> {
    let label = checked_label(label, terms, Some(code))?;
    let term = terms
        .iter_mut()
        .find(|t| t.code == code)
        .ok_or_else(|| ListEditError::UnknownCode(code.to_owned()))?;
    if term.label.get("nl") != label {
        term.label = dutch(label);
    }
    Ok(())
}

/// Retires the term `code` (no longer offered) or restores it.
pub fn set_retired(terms: &mut [Term], code: &str, retired: bool) -> Result<(), ListEditError> {
    let active = terms.iter().filter(|t| !t.retired).count();
    let term = terms
        .iter_mut()
        .find(|t| t.code == code)
        .ok_or_else(|| ListEditError::UnknownCode(code.to_owned()))?;
    if retired && !term.retired && active <= 1 {
        return Err(ListEditError::LastActive);
    }
    term.retired = retired;
    Ok(())
}

/// Why a typed list of age bands was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BandsTextError {
    /// A part that is neither `from-to` nor `from+` (ages 0 to 120).
    #[error("{0} is not an age band such as 18-22 or 65+")]
    Unreadable(String),
    #[error(transparent)]
    Invalid(#[from] AgeBandsError),
}

/// The oldest age a band may name.
pub const MAX_AGE: u8 = 120;

/// The bands as a coordinator types them: `0-3, 4-11, …, 65+`.
pub fn bands_text(bands: &AgeBands) -> String {
    bands
        .bands
        .iter()
        .map(|(_, _, label)| label.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads typed bands (`0-3, 4-11, 12-17, 65+`: commas or spaces between
/// them) into the age band list, each band's label (the code a trajectory
/// stores) written the one way (`18-22`, `65+`); refused unless they are in
/// order, without gaps or overlaps, and only the last is open.
pub fn parse_bands(text: &str) -> Result<Vec<Band>, BandsTextError> {
    let age = |part: &str, whole: &str| {
        part.trim()
            .parse::<u8>()
            .ok()
            .filter(|a| *a <= MAX_AGE)
            .ok_or_else(|| BandsTextError::Unreadable(whole.to_owned()))
    };
    let mut bands = Vec::new();
    for part in text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let band = if let Some(from) = part.strip_suffix('+') {
            let from = age(from, part)?;
            Band {
                from,
                to: None,
                label: format!("{from}+"),
            }
        } else {
            let (from, to) = part
                .split_once(['-', '–'])
                .ok_or_else(|| BandsTextError::Unreadable(part.to_owned()))?;
            let (from, to) = (age(from, part)?, age(to, part)?);
            Band {
                from,
                to: Some(to),
                label: format!("{from}-{to}"),
            }
        };
        bands.push(band);
    }
    AgeBands {
        bands: bands
            .iter()
            .map(|b| (b.from, b.to, b.label.clone()))
            .collect(),
    }
    .validate()?;
    Ok(bands)
}
