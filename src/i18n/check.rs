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
use std::fs;
use std::path::{Path, PathBuf};

/// The texts of one locale file, key by key.
pub type Texts = BTreeMap<String, Value>;

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
pub fn mismatches(file: &str, texts: &Texts, reference: &Texts) -> Vec<String> {
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

/// The `.json` files of `dir`, sorted.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable dir entry").path())
        .filter(|path| path.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    paths.sort();
    paths
}

/// The texts of a locale file; a file that is not JSON fails loudly.
pub fn read_texts(path: &Path) -> Texts {
    let text = fs::read_to_string(path).expect("readable locale file");
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not valid JSON: {e}", path.display()))
}

/// The language code of a locale file: `nl.json` in the top folder,
/// `<part>.nl.json` in a feature folder.
pub fn language_code(path: &Path, in_part: bool) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("utf-8 file name");
    if !in_part {
        return stem.to_owned();
    }
    stem.rsplit_once('.')
        .map(|(_, code)| code.to_owned())
        .unwrap_or_else(|| panic!("{}: name it <part>.<code>.json", path.display()))
}

/// Every finding in the locale files of `dir` and its feature folders
/// `parts`: each Dutch text well formed, and each other file's texts as
/// [`mismatches`] wants them against all Dutch texts together.
pub fn check_dir(dir: &Path, parts: &[&str]) -> Vec<String> {
    let mut files: Vec<(PathBuf, String)> = json_files(dir)
        .into_iter()
        .map(|path| {
            let code = language_code(&path, false);
            (path, code)
        })
        .collect();
    for part in parts {
        let part_dir = dir.join(part);
        if part_dir.is_dir() {
            for path in json_files(&part_dir) {
                let code = language_code(&path, true);
                files.push((path, code));
            }
        }
    }
    let files: Vec<(String, String, Texts)> = files
        .into_iter()
        .map(|(path, code)| (path.display().to_string(), code, read_texts(&path)))
        .collect();
    let mut dutch = Texts::new();
    let mut found = Vec::new();
    for (file, _, texts) in files.iter().filter(|(_, code, _)| code == "nl") {
        for (key, value) in texts.iter().filter(|(k, _)| !k.starts_with('_')) {
            if let Err(e) = forms(value) {
                found.push(format!("{file}: {key} {e}"));
            }
            dutch.insert(key.clone(), value.clone());
        }
    }
    for (file, _, texts) in files.iter().filter(|(_, code, _)| code != "nl") {
        found.extend(mismatches(file, texts, &dutch));
    }
    found
}
