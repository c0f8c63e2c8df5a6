//! Taxonomies as data: channels, support forms, life domains, referral
//! targets and the other lists a contact is classified by.
//!
//! An organisation configures these; the built-in default (13 ZRM domains plus
//! "anders", grouped under Koo's six life domains) is a JSON file, not code.
//! Records store codes, never labels, so renaming a label changes no data.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text in several languages, keyed by language code ("nl", "en", …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<String, String>);

impl Localized {
    /// The text in `lang`, else Dutch (every list is complete in Dutch), else
    /// any text at all rather than nothing.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("nl"))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

/// One entry of a list: a stable code, its label, an optional pictogram, and
/// whether it is retired (no longer offered; records that hold it still
/// show its label).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub code: String,
    pub label: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub retired: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// A life domain group (Koo's six) that gathers several ZRM domains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainGroup {
    pub code: String,
    pub label: Localized,
    #[serde(default)]
    pub icon: Option<String>,
    pub domains: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxonomy {
    pub version: u32,
    pub locations: Vec<Term>,
    pub channels: Vec<Term>,
    pub default_channel: String,
    pub support_forms: Vec<Term>,
    pub default_support_form: String,
    pub domains: Vec<Term>,
    pub domain_groups: Vec<DomainGroup>,
    pub referral_targets: Vec<Term>,
    pub referrers: Vec<Term>,
    pub awareness: Vec<Term>,
    pub target_groups: Vec<Term>,
}

/// Why a taxonomy file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxonomyError {
    #[error("not a valid taxonomy file: {0}")]
    Parse(String),
    #[error("list {list} is empty")]
    EmptyList { list: &'static str },
    #[error("code {code} appears twice in {list}")]
    DuplicateCode { list: &'static str, code: String },
    #[error("{list}: code {code} has no Dutch label")]
    MissingDutch { list: &'static str, code: String },
    #[error("{what} refers to unknown code {code}")]
    UnknownReference { what: &'static str, code: String },
}

/// A built-in term: code, pictogram, label per language, retired.
type BuiltinTerm = (
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, &'static str)],
    bool,
);
/// A built-in domain group: code, pictogram, label per language, domains.
type BuiltinGroup = (
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);
// `default_taxonomy.json` as data, written by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/taxonomy_builtin.rs"));

fn builtin_label(labels: &[(&str, &str)]) -> Localized {
    Localized(
        labels
            .iter()
            .map(|&(lang, text)| (lang.to_owned(), text.to_owned()))
            .collect(),
    )
}

fn builtin_terms(terms: &[BuiltinTerm]) -> Vec<Term> {
    terms
        .iter()
        .map(|&(code, icon, label, retired)| Term {
            code: code.to_owned(),
            label: builtin_label(label),
            icon: icon.map(str::to_owned),
            retired,
        })
        .collect()
}

impl Taxonomy {
    /// The built-in lists (`default_taxonomy.json`, made into data by
    /// `build.rs`, so no app parses them at start). A test checks them and
    /// compares them with the file.
    pub fn builtin() -> Self {
        Taxonomy {
            version: BUILTIN_VERSION,
            locations: builtin_terms(BUILTIN_LOCATIONS),
            channels: builtin_terms(BUILTIN_CHANNELS),
            default_channel: BUILTIN_DEFAULT_CHANNEL.to_owned(),
            support_forms: builtin_terms(BUILTIN_SUPPORT_FORMS),
            default_support_form: BUILTIN_DEFAULT_SUPPORT_FORM.to_owned(),
            domains: builtin_terms(BUILTIN_DOMAINS),
            domain_groups: BUILTIN_DOMAIN_GROUPS
                .iter()
                .map(|&(code, icon, label, domains)| DomainGroup {
                    code: code.to_owned(),
                    label: builtin_label(label),
                    icon: icon.map(str::to_owned),
                    domains: domains.iter().map(|d| (*d).to_owned()).collect(),
                })
                .collect(),
            referral_targets: builtin_terms(BUILTIN_REFERRAL_TARGETS),
            referrers: builtin_terms(BUILTIN_REFERRERS),
            awareness: builtin_terms(BUILTIN_AWARENESS),
            target_groups: builtin_terms(BUILTIN_TARGET_GROUPS),
        }
    }

    /// Parses and checks an organisation's lists.
    pub fn from_json(text: &str) -> Result<Self, TaxonomyError> {
        let taxonomy: Taxonomy =
            serde_json::from_str(text).map_err(|e| TaxonomyError::Parse(e.to_string()))?;
        taxonomy.check()?;
        Ok(taxonomy)
    }

    fn lists(&self) -> [(&'static str, &[Term]); 8] {
        [
            ("locations", &self.locations),
            ("channels", &self.channels),
            ("support_forms", &self.support_forms),
            ("domains", &self.domains),
            ("referral_targets", &self.referral_targets),
            ("referrers", &self.referrers),
            ("awareness", &self.awareness),
            ("target_groups", &self.target_groups),
        ]
    }

    fn check(&self) -> Result<(), TaxonomyError> {
        for (list, terms) in self.lists() {
            if terms.is_empty() {
                return Err(TaxonomyError::EmptyList { list });
            }
            let mut seen = std::collections::BTreeSet::new();
            for term in terms {
                if !seen.insert(term.code.as_str()) {
                    return Err(TaxonomyError::DuplicateCode {
                        list,
                        code: term.code.clone(),
                    });
                }
                if term.label.0.get("nl").is_none_or(|l| l.trim().is_empty()) {
                    return Err(TaxonomyError::MissingDutch {
                        list,
                        code: term.code.clone(),
                    });
                }
            }
        }
        let known = |terms: &[Term], what: &'static str, code: &str| {
            if find(terms, code).is_some() {
                Ok(())
            } else {
                Err(TaxonomyError::UnknownReference {
                    what,
                    code: code.to_owned(),
                })
            }
        };
        known(&self.channels, "default_channel", &self.default_channel)?;
        known(
            &self.support_forms,
            "default_support_form",
            &self.default_support_form,
        )?;
        for group in &self.domain_groups {
            for code in &group.domains {
                known(&self.domains, "domain_groups", code)?;
            }
        }
        Ok(())
    }

    /// Domains in use that no group lists, so the picker can still offer
    /// them.
    pub fn ungrouped_domains(&self) -> impl Iterator<Item = &Term> {
        self.domains.iter().filter(|d| {
            !d.retired
                && !self
                    .domain_groups
                    .iter()
                    .any(|g| g.domains.iter().any(|c| c == &d.code))
        })
    }
}

/// The term with `code` in `terms`.
pub fn find<'a>(terms: &'a [Term], code: &str) -> Option<&'a Term> {
    terms.iter().find(|t| t.code == code)
}

/// The label of `code` in `lang`, or the code itself for a code that a newer
/// list no longer has (old records stay readable).
pub fn label<'a>(terms: &'a [Term], code: &'a str, lang: &str) -> &'a str {
    find(terms, code).map_or(code, |t| t.label.get(lang))
}

/// The terms a picker offers for a record: every term still in use, and of
/// the others only those in `keep`, the values the record being changed
/// holds (a new record keeps none). So changing an old record whose value
/// was retired since still shows that value (its `retired` set, for the
/// picker to say so) and keeps it unless someone picks another, while a new
/// record is never offered it. In the list's order; a kept code the list
/// lacks altogether (a list from elsewhere) comes last, retired, labelled
/// with its code.
pub fn choices(terms: &[Term], keep: &[String]) -> Vec<Term> {
    let kept = |code: &str| keep.iter().any(|k| k == code);
    let mut offered: Vec<Term> = terms
        .iter()
        .filter(|t| !t.retired || kept(&t.code))
        .cloned()
        .collect();
    for code in keep {
        if !code.is_empty() && !offered.iter().any(|t| &t.code == code) {
            let mut label = Localized::default();
            label.0.insert("nl".to_owned(), code.clone());
            offered.push(Term {
                code: code.clone(),
                label,
                icon: None,
                retired: true,
            });
        }
    }
    offered
}
