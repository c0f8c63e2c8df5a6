//! Checks of the locale files, shared by `build.rs` (which fails the build
//! on any finding) and `tests/i18n.rs` (which shows each check can fail).
//! Not part of the library: it uses only std and serde_json, and must not
//! use anything of the crate.
//!
//! A text is a JSON string, or, for a count, an object with the forms
//! `{"one": "1 bijeenkomst", "other": "{n} bijeenkomsten"}` (Dutch and
//! English need only these two). Every translation uses exactly the same
//! `{placeholders}`, and the same forms, as the Dutch text of its key.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The forms a count may have, in this order.
pub const FORMS: [&str; 2] = ["one", "other"];

/// The `{name}` placeholders of `text`.
pub fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else { break };
        let name = &rest[..close];
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            found.insert(name);
        }
        rest = &rest[close + 1..];
    }
    found
}

/// The forms of one text: `[("other", text)]` for a plain text, `one` and
/// `other` for a count; else what is wrong with it.
pub fn forms(value: &Value) -> Result<Vec<(&'static str, &str)>, String> {
    match value {
        Value::String(text) => Ok(vec![("other", text.as_str())]),
        Value::Object(map) => {
            let found: Vec<(&'static str, &str)> = FORMS
                .iter()
                .filter_map(|form| Some((*form, map.get(*form)?.as_str()?)))
                .collect();
            if found.len() == FORMS.len() && map.len() == FORMS.len() {
                Ok(found)
            } else {
                Err("a count needs exactly the texts \"one\" and \"other\"".to_owned())
            }
        }
        _ => Err("must be a text, or {\"one\": …, \"other\": …} for a count".to_owned()),
    }
}

fn list(names: &BTreeSet<&str>) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    names
        .iter()
        .map(|n| format!("{{{n}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every way the texts of `file` differ from the Dutch `reference` (all
/// Dutch files together): a key Dutch lacks, a malformed text, other forms,
/// other placeholders. One sentence each, naming the file and the key.
pub fn mismatches(
    file: &str,
    texts: &BTreeMap<String, Value>,
    reference: &BTreeMap<String, Value>,
) -> Vec<String> {
    let mut found = Vec::new();
    for (key, value) in texts.iter().filter(|(k, _)| !k.starts_with('_')) {
        let Some(dutch) = reference.get(key) else {
            found.push(format!("{file}: key {key} is not in the Dutch texts"));
            continue;
        };
        let (theirs, ours) = match (forms(value), forms(dutch)) {
            (Ok(theirs), Ok(ours)) => (theirs, ours),
            (Err(e), _) => {
                found.push(format!("{file}: {key} {e}"));
                continue;
            }
            // The Dutch file's own check reports it.
            (_, Err(_)) => continue,
        };
        let names = |f: &[(&'static str, &str)]| f.iter().map(|(n, _)| *n).collect::<Vec<_>>();
        if names(&theirs) != names(&ours) {
            found.push(format!(
                "{file}: {key} has the forms {:?}, Dutch has {:?}",
                names(&theirs),
                names(&ours)
            ));
            continue;
        }
        for ((form, text), (_, dutch_text)) in theirs.iter().zip(&ours) {
            let (mine, wanted) = (placeholders(text), placeholders(dutch_text));
            if mine != wanted {
                let at = if theirs.len() > 1 {
                    format!("{key}.{form}")
                } else {
                    key.clone()
                };
                found.push(format!(
                    "{file}: {at} uses the placeholders {}, but Dutch uses {}",
                    list(&mine),
                    list(&wanted)
                ));
            }
        }
    }
    found
}
