//! Compiles the interface translations in `src/i18n/locales/*.json` into
//! static tables and a `Key` enum, so a missing key is a build error and no
//! JSON is parsed at run time. Dutch (`nl.json`) is the reference: its keys
//! define `Key`; another locale that lacks a key falls back to Dutch (and is
//! marked incomplete, so staff screens do not offer it), and a key that Dutch
//! lacks fails the build. So does a translation whose `{placeholders}` or
//! count forms differ from the Dutch text's (`src/i18n/check.rs`), in every
//! locale file, whether this build compiles it or not.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

#[path = "src/i18n/check.rs"]
mod check;

use check::{language_code, read_texts, Texts};

/// The folders of texts that only some apps carry,
/// `<folder>/<part>.<code>.json`: `coordinator` and `resident` go into the
/// app of that cargo feature, `staff` into every app but the resident
/// survey... (see below). Code that uses the `staff` texts is behind
/// `#[cfg(staff_texts)]`, which this script sets: the coordinator app and
/// the data worker carry them; the volunteer app links to the coordinator
/// app's screens for import and sync, to stay within its size budget.
const PARTS: [&str; 4] = ["coordinator", "resident", "staff", "lock"];

/// Whether this build has the cargo feature `name`.
fn feature(name: &str) -> bool {
    let variable = format!("CARGO_FEATURE_{}", name.to_uppercase().replace('-', "_"));
    println!("cargo:rerun-if-env-changed={variable}");
    env::var_os(&variable).is_some()
}

/// Whether this build compiles the texts of `folder`.
fn compiles(folder: &str) -> bool {
    match folder {
        // The import and sync screens are the coordinator's settings area
        // (and the data worker's replies). `--all-features` (native
        // tests, clippy) carries them too.
        "staff" => feature("area-settings") || feature("worker"),
        feature_name => feature(feature_name),
    }
}

/// Whether this build compiles the texts of `part` (`<part>.<code>.json`)
/// in `folder`: the coordinator app is built once per area (cargo features
/// `area-…`), and each build carries its own area's texts and the shared
/// ones (`nav`), so no area's first load carries the others' texts.
fn compiles_part(folder: &str, part: &str) -> bool {
    if folder != "coordinator" {
        return true;
    }
    match part {
        "surveys" => feature("area-surveys"),
        // The report shows the trajectories' ZRM chart too.
        "trajectories" => feature("area-trajectories") || feature("area-report"),
        "activities" | "initiatives" => feature("area-activities"),
        "lists" | "conflicts" | "export" | "security" => feature("area-settings"),
        "report" => feature("area-report"),
        _ => true,
    }
}

fn main() {
    let dir = Path::new("src/i18n/locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=src/i18n/check.rs");
    // Every locale file of every app, whether this build compiles it or
    // not, checked against the Dutch texts: all findings at once.
    let findings = check::check_dir(dir, &PARTS);
    assert!(
        findings.is_empty(),
        "the locale files disagree with the Dutch texts:\n  {}",
        findings.join("\n  ")
    );
    let mut locales: Vec<(String, Texts)> = Vec::new();
    for path in json_files(dir) {
        locales.push((language_code(&path, false), read_texts(&path)));
    }
    // Texts of one app's own screens live in a folder named after its cargo
    // feature, `<feature>/<part>.<code>.json`, and are compiled only into
    // that app: the coordinator's screens (`coordinator/`) and the resident
    // survey (`resident/`), so the volunteer's app carries neither
    // (docs/PERFORMANCE.md).
    println!("cargo::rustc-check-cfg=cfg(staff_texts)");
    if compiles("staff") {
        println!("cargo::rustc-cfg=staff_texts");
    }
    for folder in PARTS {
        let part_dir = dir.join(folder);
        println!("cargo:rerun-if-changed={}", part_dir.display());
        if !compiles(folder) || !part_dir.is_dir() {
            continue;
        }
        for path in json_files(&part_dir) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !compiles_part(folder, name.split('.').next().unwrap_or("")) {
                continue;
            }
            let code = language_code(&path, true);
            let (_, texts) = locales
                .iter_mut()
                .find(|(c, _)| *c == code)
                .unwrap_or_else(|| panic!("{}: no {code}.json beside it", path.display()));
            for (key, value) in read_texts(&path) {
                assert!(
                    !texts.contains_key(&key),
                    "{}: key {key} is defined twice",
                    path.display()
                );
                texts.insert(key, value);
            }
        }
    }
    // Dutch first: it is the default and the fallback.
    // Then Dutch's variants (simple Dutch, `nl-x-b1`), then the others by code.
    locales.sort_by_key(|(code, _)| (code != "nl", !code.starts_with("nl-"), code.clone()));
    let (first, reference) = locales.first().expect("at least nl.json");
    assert_eq!(first, "nl", "src/i18n/locales/nl.json is required");
    let keys: Vec<&String> = reference.keys().filter(|k| !k.starts_with('_')).collect();

    let resident = env::var_os("CARGO_FEATURE_RESIDENT").is_some();
    let mut out = String::new();
    // Every language's own name, also of languages this app leaves out: the
    // coordinator edits survey texts for residents' languages.
    out.push_str("/// `(code, own name, direction)` of every locale file.\n");
    out.push_str("pub static LANGUAGES: &[(&str, &str, &str)] = &[\n");
    for (code, texts) in &locales {
        let meta = |field: &str| {
            texts
                .get("_meta")
                .and_then(|m| m.get(field))
                .and_then(|v| v.as_str())
                .unwrap_or_else(|| panic!("{code}.json needs _meta.{field}"))
                .to_owned()
        };
        let _ = writeln!(
            out,
            "    ({code:?}, {:?}, {:?}),",
            meta("name"),
            meta("dir")
        );
    }
    out.push_str("];\n\n");
    out.push_str("/// Every interface text, named after its key in nl.json.\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum Key {\n");
    for key in &keys {
        let _ = writeln!(out, "    {},", camel(key));
    }
    out.push_str("}\n\n");
    // The keys with count forms: the "one" form of the i-th is text
    // `KEY_COUNT + i` of every locale (a locale without it has Dutch's).
    let plurals: Vec<&String> = keys
        .iter()
        .copied()
        .filter(|key| reference[*key].is_object())
        .collect();
    let _ = writeln!(out, "const KEY_COUNT: usize = {};", keys.len());
    out.push_str("/// The keys whose text has count forms, in `Locale::ends` order.\n");
    out.push_str("static PLURALS: &[Key] = &[");
    for key in &plurals {
        let _ = write!(out, "Key::{}, ", camel(key));
    }
    out.push_str("];\n\n");
    out.push_str("pub static LOCALES: &[Locale] = &[\n");
    for (code, texts) in &locales {
        for key in texts.keys() {
            assert!(
                key.starts_with('_') || reference.contains_key(key),
                "{code}.json has key {key} that nl.json lacks"
            );
        }
        let meta = |field: &str| {
            texts
                .get("_meta")
                .and_then(|m| m.get(field))
                .and_then(|v| v.as_str())
                .unwrap_or_else(|| panic!("{code}.json needs _meta.{field}"))
                .to_owned()
        };
        let complete = keys.iter().all(|key| texts.contains_key(*key));
        // Staff screens offer only complete languages, so an app without
        // the resident survey leaves a partial one out altogether.
        if !complete && !resident {
            continue;
        }
        // A partial locale is normal (Arabic covers the resident screens,
        // not the staff ones): its gaps are Dutch, and a test lists them.
        // One string of every text and a table of where each ends: a
        // pointer and a length per text would weigh more in the wasm than
        // the offsets. A count's plain text is its "other" form; its "one"
        // forms follow the plain texts, in `PLURALS` order.
        let form = |key: &String, wanted: &str| -> String {
            let value = texts.get(key).unwrap_or(&reference[key]);
            let forms = check::forms(value).expect("checked by check_dir");
            forms
                .into_iter()
                .find(|(f, _)| *f == wanted)
                .map(|(_, text)| text.to_owned())
                .expect("every text has an other form, a count a one form")
        };
        let all: Vec<String> = keys
            .iter()
            .map(|key| form(key, "other"))
            .chain(plurals.iter().map(|key| form(key, "one")))
            .collect();
        let mut text = String::new();
        let mut ends = String::new();
        for entry in &all {
            text.push_str(entry);
            let end = u16::try_from(text.len()).unwrap_or_else(|_| {
                panic!("{code}: the texts pass 64 KiB; widen Locale::ends to u32")
            });
            let _ = write!(ends, "{end},");
        }
        let _ = writeln!(
            out,
            "    Locale {{ code: {:?}, name: {:?}, dir: {:?}, complete: {complete},\n        text: {text:?},\n        ends: &[{ends}] }},",
            code,
            meta("name"),
            meta("dir")
        );
    }
    out.push_str("];\n");
    write_generated("i18n_tables.rs", out);
    template_titles();
    builtin_taxonomy();
    builtin_age_bands();
}

/// The built-in surveys' titles in the staff languages, for the screens
/// that name a template without reading it (the apps read the templates
/// themselves at run time, not from their wasm: `Env::templates`).
fn template_titles() {
    // `Template::ALL`'s order.
    let mut out = String::from(
        "/// `(id, Dutch title, English title)` of each template, in `Template::ALL` order.\n\
         pub static TITLES: [(&str, &str, &str); 4] = [\n",
    );
    for name in ["kto", "client", "group", "visit"] {
        let path = format!("src/domain/survey/templates/{name}.json");
        let def = read_json(&path);
        let field = |f: &str| def[f].as_str().map(str::to_owned);
        let title = |lang: &str| {
            def["title"][lang]
                .as_str()
                .expect("a title in nl and en")
                .to_owned()
        };
        let _ = writeln!(
            out,
            "    ({:?}, {:?}, {:?}),",
            field("id").expect("a template has an id"),
            title("nl"),
            title("en")
        );
    }
    out.push_str("];\n");
    write_generated("template_titles.rs", out);
}

/// The built-in lists (`src/domain/default_taxonomy.json`) as Rust data
/// for `Taxonomy::builtin`, so no app parses them from JSON at start: the
/// JSON decoder of a whole `Taxonomy` and the file's text cost each app
/// several kB of wasm (docs/PERFORMANCE.md). A key this does not know fails
/// the build, so nothing in the file is left out unnoticed; the native test
/// `builtin_loads_and_equals_the_file` compares the two.
fn builtin_taxonomy() {
    let path = "src/domain/default_taxonomy.json";
    let file = read_json(path);
    let object = file
        .as_object()
        .expect("the built-in taxonomy is an object");
    let string = |v: &serde_json::Value, what: &str| -> String {
        format!(
            "{:?}",
            v.as_str()
                .unwrap_or_else(|| panic!("{path}: {what} is not a string"))
        )
    };
    let labels = |v: &serde_json::Value| -> String {
        let pairs: Vec<String> = v
            .as_object()
            .expect("a label is an object of languages")
            .iter()
            .map(|(lang, text)| format!("({lang:?}, {})", string(text, "a label")))
            .collect();
        format!("&[{}]", pairs.join(", "))
    };
    let icon = |term: &serde_json::Map<String, serde_json::Value>| match term.get("icon") {
        Some(icon) => format!("Some({})", string(icon, "an icon")),
        None => "None".to_owned(),
    };
    let mut out = String::new();
    for (key, value) in object {
        match key.as_str() {
            "version" => {
                let version = value.as_u64().expect("version is a number");
                let _ = writeln!(out, "const BUILTIN_VERSION: u32 = {version};");
            }
            "default_channel" | "default_support_form" => {
                let _ = writeln!(
                    out,
                    "const BUILTIN_{}: &str = {};",
                    key.to_uppercase(),
                    string(value, key)
                );
            }
            "domain_groups" => {
                let _ = writeln!(out, "const BUILTIN_DOMAIN_GROUPS: &[BuiltinGroup] = &[");
                for group in value.as_array().expect("domain_groups is a list") {
                    let group = group.as_object().expect("a group is an object");
                    for field in group.keys() {
                        assert!(
                            ["code", "label", "icon", "domains"].contains(&field.as_str()),
                            "{path}: unknown field {field} in a domain group"
                        );
                    }
                    let domains: Vec<String> = group["domains"]
                        .as_array()
                        .expect("a group's domains are a list")
                        .iter()
                        .map(|d| string(d, "a domain code"))
                        .collect();
                    let _ = writeln!(
                        out,
                        "    ({}, {}, {}, &[{}]),",
                        string(&group["code"], "a code"),
                        icon(group),
                        labels(&group["label"]),
                        domains.join(", ")
                    );
                }
                out.push_str("];\n");
            }
            list => {
                let _ = writeln!(
                    out,
                    "const BUILTIN_{}: &[BuiltinTerm] = &[",
                    list.to_uppercase()
                );
                for term in value
                    .as_array()
                    .unwrap_or_else(|| panic!("{path}: {list} is not a list"))
                {
                    let term = term.as_object().expect("a term is an object");
                    for field in term.keys() {
                        assert!(
                            ["code", "label", "icon", "retired"].contains(&field.as_str()),
                            "{path}: unknown field {field} in {list}"
                        );
                    }
                    let retired = term
                        .get("retired")
                        .and_then(serde_json::Value::as_bool)
                        .unwrap_or(false);
                    let _ = writeln!(
                        out,
                        "    ({}, {}, {}, {retired}),",
                        string(&term["code"], "a code"),
                        icon(term),
                        labels(&term["label"])
                    );
                }
                out.push_str("];\n");
            }
        }
    }
    write_generated("taxonomy_builtin.rs", out);
}

/// The built-in age bands (`src/domain/default_age_bands.json`) as Rust
/// data for `AgeBands::builtin`, for the same reason as the lists; the
/// native test `builtin_age_bands_equal_the_file` compares the two.
fn builtin_age_bands() {
    let path = "src/domain/default_age_bands.json";
    let file = read_json(path);
    let object = file
        .as_object()
        .expect("the built-in age bands are an object");
    for key in object.keys() {
        assert!(key == "bands", "{path}: unknown field {key}");
    }
    let mut out = String::from("const BUILTIN_AGE_BANDS: &[(u8, Option<u8>, &str)] = &[\n");
    for band in object["bands"].as_array().expect("bands is a list") {
        let band = band.as_array().expect("a band is [from, to, code]");
        assert_eq!(band.len(), 3, "{path}: a band is [from, to, code]");
        let age = |v: &serde_json::Value| v.as_u64().and_then(|n| u8::try_from(n).ok());
        let from = age(&band[0]).expect("a band's start is an age");
        let to = match &band[1] {
            serde_json::Value::Null => "None".to_owned(),
            end => format!(
                "Some({})",
                age(end).expect("a band's end is an age or null")
            ),
        };
        let code = band[2].as_str().expect("a band's code is a string");
        let _ = writeln!(out, "    ({from}, {to}, {code:?}),");
    }
    out.push_str("];\n");
    write_generated("age_bands_builtin.rs", out);
}

/// The JSON file at `path`, a reason to rebuild when it changes.
fn read_json(path: &str) -> serde_json::Value {
    println!("cargo:rerun-if-changed={path}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

/// Writes generated Rust code as `name` in `OUT_DIR`, for `include!`.
fn write_generated(name: &str, code: String) {
    let target = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join(name);
    fs::write(&target, code).unwrap_or_else(|e| panic!("write {}: {e}", target.display()));
}

/// The `.json` files of `dir`, each a reason to rebuild when it changes.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let paths = check::json_files(dir);
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    paths
}

fn camel(key: &str) -> String {
    key.split('_')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}
