//! The built-in taxonomy and the checks on an organisation's own lists.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use wijkpeil::domain::taxonomy::{find, label, Localized, Taxonomy, TaxonomyError, Term};

const DEFAULT_JSON: &str = include_str!("../src/domain/default_taxonomy.json");

/// The 13 domains of the Zelfredzaamheid-Matrix, as /work/shared/domain.md
/// names them.
const ZRM: [&str; 13] = [
    "Financiën",
    "Werk & opleiding",
    "Tijdsbesteding",
    "Huisvesting",
    "Huiselijke relaties",
    "Geestelijke gezondheid",
    "Lichamelijke gezondheid",
    "Middelengebruik",
    "Basale ADL",
    "Instrumentele ADL",
    "Sociaal netwerk",
    "Maatschappelijke participatie",
    "Justitie",
];

/// Koo's six life domains, as domain.md names them.
const KOO: [&str; 6] = [
    "zorg en hulp",
    "jeugd en gezin",
    "opleiding en werk",
    "geld en administratie",
    "wonen en vervoer",
    "meedoen en meehelpen",
];

fn codes(terms: &[Term]) -> Vec<&str> {
    terms.iter().map(|t| t.code.as_str()).collect()
}

/// The default file, changed by `f`, as JSON text.
fn mutated(f: impl FnOnce(&mut Value)) -> String {
    let mut value: Value = serde_json::from_str(DEFAULT_JSON).unwrap();
    f(&mut value);
    serde_json::to_string(&value).unwrap()
}

fn refused(f: impl FnOnce(&mut Value)) -> TaxonomyError {
    match Taxonomy::from_json(&mutated(f)) {
        Ok(_) => panic!("the mutated taxonomy was accepted"),
        Err(e) => e,
    }
}

fn localized(pairs: &[(&str, &str)]) -> Localized {
    Localized(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<BTreeMap<_, _>>(),
    )
}

// ---------------------------------------------------------------- builtin

#[test]
fn builtin_loads_and_equals_the_file() {
    let tax = Taxonomy::builtin();
    assert_eq!(tax.version, 1);
    assert_eq!(Taxonomy::from_json(DEFAULT_JSON).unwrap(), tax);
}

#[test]
fn builtin_survives_a_serde_round_trip() {
    let tax = Taxonomy::builtin();
    let text = serde_json::to_string(&tax).unwrap();
    assert_eq!(Taxonomy::from_json(&text).unwrap(), tax);
}

#[test]
fn builtin_has_the_13_zrm_domains_plus_anders() {
    let tax = Taxonomy::builtin();
    assert_eq!(tax.domains.len(), 14);
    let dutch: Vec<&str> = tax.domains.iter().map(|d| d.label.get("nl")).collect();
    let mut expected: Vec<&str> = ZRM.to_vec();
    expected.push("Anders");
    assert_eq!(dutch, expected);
    assert_eq!(tax.domains.last().unwrap().code, "anders");
}

#[test]
fn every_domain_is_in_exactly_one_group() {
    let tax = Taxonomy::builtin();
    for domain in &tax.domains {
        let groups: Vec<&str> = tax
            .domain_groups
            .iter()
            .filter(|g| g.domains.contains(&domain.code))
            .map(|g| g.code.as_str())
            .collect();
        assert_eq!(groups.len(), 1, "{} is in {groups:?}", domain.code);
    }
    // And no group names a domain twice or a domain that does not exist.
    let listed: usize = tax.domain_groups.iter().map(|g| g.domains.len()).sum();
    assert_eq!(listed, tax.domains.len());
    assert_eq!(tax.ungrouped_domains().count(), 0);
}

#[test]
fn seven_groups_the_first_six_are_koos_life_domains() {
    let tax = Taxonomy::builtin();
    assert_eq!(tax.domain_groups.len(), 7);
    let mut six: Vec<String> = tax.domain_groups[..6]
        .iter()
        .map(|g| g.label.get("nl").to_lowercase())
        .collect();
    six.sort();
    let mut koo: Vec<String> = KOO.iter().map(|s| (*s).to_owned()).collect();
    koo.sort();
    assert_eq!(six, koo);
    assert_eq!(tax.domain_groups[6].code, "overig");
    assert_eq!(tax.domain_groups[6].label.get("nl"), "Overig");
}

#[test]
fn groups_gather_the_expected_domains() {
    let tax = Taxonomy::builtin();
    let group = |code: &str| {
        tax.domain_groups
            .iter()
            .find(|g| g.code == code)
            .unwrap()
            .domains
            .clone()
    };
    assert_eq!(group("geld-administratie"), vec!["financien"]);
    assert_eq!(group("jeugd-gezin"), vec!["huiselijke-relaties"]);
    assert_eq!(group("overig"), vec!["justitie", "anders"]);
}

#[test]
fn builtin_channels() {
    let tax = Taxonomy::builtin();
    assert_eq!(
        codes(&tax.channels),
        ["inloop", "telefoon", "online", "huisbezoek", "outreach"]
    );
    assert_eq!(tax.default_channel, "inloop");
    assert!(tax.channels.iter().all(|c| c.icon.is_some()));
}

#[test]
fn builtin_support_forms_are_the_four_of_seed_002() {
    let tax = Taxonomy::builtin();
    assert_eq!(
        codes(&tax.support_forms),
        [
            "informatie-advies",
            "individueel-traject",
            "collectieve-inzet",
            "zelforganisatie"
        ]
    );
    assert_eq!(tax.default_support_form, "informatie-advies");
    assert_eq!(
        label(&tax.support_forms, "informatie-advies", "nl"),
        "Informatie en advies"
    );
    assert_eq!(
        label(&tax.support_forms, "zelforganisatie", "nl"),
        "Hulp bij zelforganisatie"
    );
}

#[test]
fn builtin_referral_targets() {
    let tax = Taxonomy::builtin();
    for code in ["gemeente", "wijkteam", "oco", "ggd", "anders"] {
        assert!(
            find(&tax.referral_targets, code).is_some(),
            "{code} missing"
        );
    }
}

#[test]
fn builtin_other_lists_are_not_empty() {
    let tax = Taxonomy::builtin();
    assert_eq!(tax.locations.len(), 6);
    assert!(find(&tax.referrers, "zelf").is_some());
    assert!(find(&tax.referrers, "huisarts").is_some());
    assert!(find(&tax.awareness, "campagne").is_some());
    assert_eq!(
        codes(&tax.target_groups),
        ["jongere", "laaggeletterd", "anderstalig"]
    );
}

#[test]
fn builtin_is_complete_in_every_interface_language() {
    let tax = Taxonomy::builtin();
    let lists: [&[Term]; 8] = [
        &tax.locations,
        &tax.channels,
        &tax.support_forms,
        &tax.domains,
        &tax.referral_targets,
        &tax.referrers,
        &tax.awareness,
        &tax.target_groups,
    ];
    for lang in ["nl", "en"] {
        for terms in lists {
            for term in terms {
                let text = term.label.0.get(lang);
                assert!(
                    text.is_some_and(|t| !t.trim().is_empty()),
                    "{} has no {} label",
                    term.code,
                    lang
                );
            }
        }
        for group in &tax.domain_groups {
            assert!(group.label.0.contains_key(lang), "{}", group.code);
        }
    }
}

// ---------------------------------------------------------------- labels

#[test]
fn localized_prefers_the_language_then_dutch_then_anything() {
    let both = localized(&[("nl", "Inloop"), ("en", "Walk-in")]);
    assert_eq!(both.get("en"), "Walk-in");
    assert_eq!(both.get("nl"), "Inloop");
    assert_eq!(both.get("de"), "Inloop");
    let no_dutch = localized(&[("fr", "Accueil"), ("en", "Walk-in")]);
    // Any text at all: the first by key order ("en" < "fr").
    assert_eq!(no_dutch.get("de"), "Walk-in");
    assert_eq!(no_dutch.get("fr"), "Accueil");
    assert_eq!(Localized::default().get("nl"), "");
}

#[test]
fn localized_is_a_plain_json_object() {
    let value = serde_json::to_value(localized(&[("nl", "Inloop"), ("en", "Walk-in")])).unwrap();
    assert_eq!(value, json!({ "nl": "Inloop", "en": "Walk-in" }));
    let back: Localized = serde_json::from_value(json!({ "nl": "Gemeente" })).unwrap();
    assert_eq!(back.get("en"), "Gemeente");
}

#[test]
fn label_in_a_language_and_for_unknown_codes() {
    let tax = Taxonomy::builtin();
    assert_eq!(label(&tax.channels, "inloop", "nl"), "Inloop");
    assert_eq!(label(&tax.channels, "inloop", "en"), "Walk-in");
    assert_eq!(label(&tax.channels, "inloop", "de"), "Inloop");
    assert_eq!(label(&tax.domains, "financien", "nl"), "Financiën");
    // A code that a newer list no longer has stays readable.
    assert_eq!(label(&tax.channels, "fax", "nl"), "fax");
    assert_eq!(label(&tax.domains, "", "en"), "");
}

#[test]
fn find_matches_codes_exactly() {
    let tax = Taxonomy::builtin();
    assert_eq!(find(&tax.domains, "justitie").unwrap().code, "justitie");
    assert!(find(&tax.domains, "Justitie").is_none());
    assert!(find(&tax.domains, "justitie ").is_none());
    assert!(find(&tax.domains, "").is_none());
}

#[test]
fn ungrouped_domains_are_offered_separately() {
    let text = mutated(|v| {
        let groups = v["domain_groups"].as_array_mut().unwrap();
        groups.retain(|g| g["code"] != "overig");
    });
    let tax = Taxonomy::from_json(&text).unwrap();
    assert_eq!(
        tax.ungrouped_domains()
            .map(|t| t.code.as_str())
            .collect::<Vec<_>>(),
        ["justitie", "anders"]
    );
}

// ---------------------------------------------------------------- refusals

#[test]
fn refuses_invalid_json() {
    assert!(matches!(
        Taxonomy::from_json("{ not json"),
        Err(TaxonomyError::Parse(_))
    ));
    assert!(matches!(
        Taxonomy::from_json(""),
        Err(TaxonomyError::Parse(_))
    ));
    assert!(matches!(
        Taxonomy::from_json("[]"),
        Err(TaxonomyError::Parse(_))
    ));
}

#[test]
fn refuses_a_file_missing_a_list() {
    let text = mutated(|v| {
        v.as_object_mut().unwrap().remove("channels");
    });
    match Taxonomy::from_json(&text) {
        Err(TaxonomyError::Parse(message)) => {
            assert!(message.contains("channels"), "{message}")
        }
        other => panic!("expected Parse, got {other:?}"),
    }
}

#[test]
fn refuses_an_empty_list() {
    assert_eq!(
        refused(|v| v["channels"] = json!([])),
        TaxonomyError::EmptyList { list: "channels" }
    );
    assert_eq!(
        refused(|v| v["target_groups"] = json!([])),
        TaxonomyError::EmptyList {
            list: "target_groups"
        }
    );
}

#[test]
fn refuses_a_duplicate_code() {
    assert_eq!(
        refused(|v| {
            let dup = v["domains"][0].clone();
            v["domains"].as_array_mut().unwrap().push(dup);
        }),
        TaxonomyError::DuplicateCode {
            list: "domains",
            code: "financien".into()
        }
    );
}

#[test]
fn the_same_code_in_different_lists_is_fine() {
    // "telefoon" is a location and a channel; "anders" is a domain, a
    // referral target and a referrer.
    let tax = Taxonomy::builtin();
    assert!(find(&tax.locations, "telefoon").is_some());
    assert!(find(&tax.channels, "telefoon").is_some());
    assert!(find(&tax.referrers, "anders").is_some());
}

#[test]
fn refuses_a_term_without_dutch() {
    assert_eq!(
        refused(|v| {
            v["referrers"][0]["label"]
                .as_object_mut()
                .unwrap()
                .remove("nl");
        }),
        TaxonomyError::MissingDutch {
            list: "referrers",
            code: "zelf".into()
        }
    );
    assert_eq!(
        refused(|v| v["locations"][1]["label"]["nl"] = json!("   ")),
        TaxonomyError::MissingDutch {
            list: "locations",
            code: "wijkplein-noord".into()
        }
    );
}

#[test]
fn refuses_an_unknown_default_channel() {
    assert_eq!(
        refused(|v| v["default_channel"] = json!("fax")),
        TaxonomyError::UnknownReference {
            what: "default_channel",
            code: "fax".into()
        }
    );
}

#[test]
fn refuses_an_unknown_default_support_form() {
    assert_eq!(
        refused(|v| v["default_support_form"] = json!("therapie")),
        TaxonomyError::UnknownReference {
            what: "default_support_form",
            code: "therapie".into()
        }
    );
}

#[test]
fn refuses_a_group_with_an_unknown_domain() {
    assert_eq!(
        refused(|v| {
            v["domain_groups"][0]["domains"]
                .as_array_mut()
                .unwrap()
                .push(json!("astrologie"));
        }),
        TaxonomyError::UnknownReference {
            what: "domain_groups",
            code: "astrologie".into()
        }
    );
}

#[test]
fn accepts_an_organisations_own_domain() {
    // Organisations add their own (seed 002: "Sociaal-emotionele
    // ondersteuning (Ouderschap)").
    let text = mutated(|v| {
        v["domains"].as_array_mut().unwrap().push(json!({
            "code": "ouderschap",
            "label": { "nl": "Sociaal-emotionele ondersteuning (Ouderschap)" }
        }));
        v["domain_groups"][3]["domains"]
            .as_array_mut()
            .unwrap()
            .push(json!("ouderschap"));
    });
    let tax = Taxonomy::from_json(&text).unwrap();
    assert_eq!(tax.domains.len(), 15);
    assert_eq!(
        label(&tax.domains, "ouderschap", "en"),
        "Sociaal-emotionele ondersteuning (Ouderschap)"
    );
    assert_eq!(tax.ungrouped_domains().count(), 0);
}

#[test]
fn errors_read_as_sentences() {
    assert_eq!(
        TaxonomyError::EmptyList { list: "channels" }.to_string(),
        "list channels is empty"
    );
    assert_eq!(
        TaxonomyError::UnknownReference {
            what: "default_channel",
            code: "fax".into()
        }
        .to_string(),
        "default_channel refers to unknown code fax"
    );
}

/// A picker for a new record offers only the terms in use; changing an old
/// record whose value was retired since still offers (and shows) that
/// value, marked retired, and no other retired one.
#[test]
fn a_retired_term_is_offered_only_to_the_record_that_holds_it() {
    use wijkpeil::domain::taxonomy::choices;
    let term = |code: &str, retired: bool| Term {
        code: code.into(),
        label: localized(&[("nl", code)]),
        icon: None,
        retired,
    };
    let terms = vec![
        term("huisarts", false),
        term("oud", true),
        term("school", false),
        term("ook-oud", true),
    ];
    // A new record: the retired ones are not offered.
    assert_eq!(codes(&choices(&terms, &[])), ["huisarts", "school"]);
    assert_eq!(
        codes(&choices(&terms, &[String::new()])),
        ["huisarts", "school"]
    );
    // The record holds "oud": it is offered in its place in the list, as
    // retired, and "ook-oud" still is not.
    let offered = choices(&terms, &["oud".to_owned()]);
    assert_eq!(codes(&offered), ["huisarts", "oud", "school"]);
    assert!(offered[1].retired);
    assert!(!offered[0].retired && !offered[2].retired);
    // A value in use is not doubled.
    assert_eq!(
        codes(&choices(&terms, &["school".to_owned()])),
        ["huisarts", "school"]
    );
    // A code the list lacks altogether: last, labelled with its code.
    let offered = choices(&terms, &["weg".to_owned()]);
    assert_eq!(codes(&offered), ["huisarts", "school", "weg"]);
    assert_eq!(offered[2].label.get("en"), "weg");
    assert!(offered[2].retired);
    // The built-in lists with a retired referrer, as an organisation's
    // list makes them.
    let mut builtin = Taxonomy::builtin();
    builtin.referrers[1].retired = true;
    let held = builtin.referrers[1].code.clone();
    assert!(!codes(&choices(&builtin.referrers, &[])).contains(&held.as_str()));
    assert!(
        codes(&choices(&builtin.referrers, std::slice::from_ref(&held))).contains(&held.as_str())
    );
}
