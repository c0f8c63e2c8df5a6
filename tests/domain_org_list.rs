//! The organisation's own lists: the effective taxonomy, the edits, the
//! record kind.

use chrono::{TimeZone, Utc};
use wijkpeil::domain::entry::{Entry, Record};
use wijkpeil::domain::kinds::read_content;
use wijkpeil::domain::org_list::{
    add_term, code_from_label, effective_age_bands, effective_taxonomy, offered, rename_term,
    set_retired, Band, ListEditError, ListName, OrgListFields,
};
use wijkpeil::domain::record::RecordKind;
use wijkpeil::domain::taxonomy::{label, Taxonomy, Term};
use wijkpeil::domain::trajectory::AgeBands;

fn codes(terms: &[Term]) -> Vec<&str> {
    terms.iter().map(|t| t.code.as_str()).collect()
}

fn locations(taxonomy: &Taxonomy) -> OrgListFields {
    OrgListFields::current(ListName::Locations, taxonomy, &AgeBands::builtin())
}

#[test]
fn list_ids_are_fixed_distinct_uuids_and_read_back() {
    let ids: Vec<String> = ListName::ALL.iter().map(|l| l.id().to_string()).collect();
    assert_eq!(ids[0], "00000000-0000-8000-8000-000000000001");
    assert_eq!(ids[4], "00000000-0000-8000-8000-000000000005");
    for list in ListName::ALL {
        assert_eq!(ListName::from_id(list.id()), Some(list));
        assert_eq!(ListName::from_code(list.code()), Some(list));
    }
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), 5);
}

#[test]
fn without_stored_lists_the_builtin_is_in_effect() {
    let builtin = Taxonomy::builtin();
    assert_eq!(effective_taxonomy(builtin.clone(), &[]), builtin);
    assert_eq!(
        effective_age_bands(&AgeBands::builtin(), &[]),
        AgeBands::builtin()
    );
}

#[test]
fn a_stored_list_renames_adds_and_retires_and_keeps_old_codes_readable() {
    let builtin = Taxonomy::builtin();
    let mut list = locations(&builtin);
    rename_term(
        &mut list.terms,
        "wijkplein-noord",
        "Buurthuis De Noorderlicht",
    )
    .unwrap();
    let added = add_term(&mut list.terms, "Bibliotheek Zuid").unwrap();
    assert_eq!(added, "bibliotheek-zuid");
    set_retired(&mut list.terms, "telefoon", true).unwrap();
    // A built-in term the stored list lacks (an older stored list) stays,
    // retired.
    list.terms.retain(|t| t.code != "wijkplein-west");

    let effective = effective_taxonomy(builtin.clone(), &[list]);
    let offered: Vec<&str> = offered(&effective.locations)
        .map(|t| t.code.as_str())
        .collect();
    assert!(offered.contains(&"bibliotheek-zuid"));
    assert!(!offered.contains(&"telefoon"));
    assert!(!offered.contains(&"wijkplein-west"));
    // Labels of retired and dropped codes still show; unknown ones as code.
    assert_eq!(
        label(&effective.locations, "wijkplein-noord", "nl"),
        "Buurthuis De Noorderlicht"
    );
    // The rename dropped the stale English label: Dutch shows instead.
    assert_eq!(
        label(&effective.locations, "wijkplein-noord", "en"),
        "Buurthuis De Noorderlicht"
    );
    assert_eq!(
        label(&effective.locations, "telefoon", "nl"),
        "Telefonisch spreekuur"
    );
    assert_eq!(
        label(&effective.locations, "wijkplein-west", "nl"),
        "Wijkplein West"
    );
    assert_eq!(label(&effective.locations, "gone", "nl"), "gone");
    // Other lists are untouched.
    assert_eq!(effective.referrers, builtin.referrers);
    assert_eq!(effective.channels, builtin.channels);
}

#[test]
fn an_added_domain_is_offered_in_the_last_group_and_a_retired_one_is_not() {
    let builtin = Taxonomy::builtin();
    let mut list = OrgListFields::current(ListName::Domains, &builtin, &AgeBands::builtin());
    let code = add_term(&mut list.terms, "Digitale vaardigheden").unwrap();
    set_retired(&mut list.terms, "justitie", true).unwrap();
    let effective = effective_taxonomy(builtin.clone(), &[list]);
    let last = effective.domain_groups.last().unwrap();
    assert_eq!(last.code, "overig");
    assert!(last.domains.contains(&code));
    assert_eq!(effective.ungrouped_domains().count(), 0);
    // The retired one stays in its group (its label reads) but is retired.
    assert!(
        wijkpeil::domain::taxonomy::find(&effective.domains, "justitie")
            .unwrap()
            .retired
    );
    assert_eq!(
        effective.domain_groups.len(),
        builtin.domain_groups.len(),
        "no group is added"
    );
}

#[test]
fn broken_terms_in_a_stored_list_are_skipped() {
    let builtin = Taxonomy::builtin();
    let mut list = locations(&builtin);
    let mut twice = list.terms[0].clone();
    twice.label.0.insert("nl".into(), "Tweede".into());
    list.terms.push(twice);
    let mut nameless = list.terms[1].clone();
    nameless.code = "naamloos".into();
    nameless.label.0.clear();
    list.terms.push(nameless);
    let effective = effective_taxonomy(builtin.clone(), &[list]);
    assert_eq!(codes(&effective.locations), codes(&builtin.locations));
    // An empty stored list leaves the built-in one.
    let empty = OrgListFields {
        list: ListName::Referrers,
        terms: vec![],
        bands: vec![],
    };
    assert_eq!(effective_taxonomy(builtin.clone(), &[empty]), builtin);
}

#[test]
fn codes_come_from_labels_and_are_unique() {
    let builtin = Taxonomy::builtin();
    assert_eq!(
        code_from_label("  Buurthuis De Étoile! ", &[]),
        "buurthuis-de-etoile"
    );
    assert_eq!(code_from_label("!!!", &[]), "term");
    assert_eq!(
        code_from_label("Wijkplein Noord", &builtin.locations),
        "wijkplein-noord-2"
    );
    let mut terms = builtin.locations.clone();
    add_term(&mut terms, "Wijkplein noord (nieuw)").unwrap();
    assert_eq!(terms.last().unwrap().code, "wijkplein-noord-nieuw");
}

#[test]
fn edits_refuse_what_would_confuse() {
    let mut terms = Taxonomy::builtin().locations;
    assert_eq!(add_term(&mut terms, "  "), Err(ListEditError::EmptyLabel));
    assert_eq!(
        add_term(&mut terms, "wijkplein centrum"),
        Err(ListEditError::DuplicateLabel)
    );
    assert_eq!(
        add_term(&mut terms, &"x".repeat(81)),
        Err(ListEditError::TooLong)
    );
    assert_eq!(
        rename_term(&mut terms, "nope", "Iets"),
        Err(ListEditError::UnknownCode("nope".into()))
    );
    // Renaming to its own label (other case) is fine; to another's is not.
    rename_term(&mut terms, "wijkplein-oost", "WIJKPLEIN OOST").unwrap();
    assert_eq!(
        rename_term(&mut terms, "wijkplein-oost", "Wijkplein Zuid"),
        Err(ListEditError::DuplicateLabel)
    );
    let codes: Vec<String> = terms.iter().map(|t| t.code.clone()).collect();
    for code in &codes[1..] {
        set_retired(&mut terms, code, true).unwrap();
    }
    assert_eq!(
        set_retired(&mut terms, &codes[0], true),
        Err(ListEditError::LastActive)
    );
    set_retired(&mut terms, &codes[1], false).unwrap();
    set_retired(&mut terms, &codes[0], true).unwrap();
    assert_eq!(offered(&terms).count(), 1);
}

#[test]
fn stored_age_bands_replace_the_builtin_only_when_valid() {
    let builtin = AgeBands::builtin();
    let band = |from, to, label: &str| Band {
        from,
        to,
        label: label.into(),
    };
    let list = |bands| OrgListFields {
        list: ListName::AgeBands,
        terms: vec![],
        bands,
    };
    let good = list(vec![band(0, Some(17), "0-17"), band(18, None, "18+")]);
    let effective = effective_age_bands(&builtin, &[good]);
    assert_eq!(effective.band_for(30), Some("18+"));
    assert!(!effective.contains_code("65+"));
    let gap = list(vec![band(0, Some(17), "0-17"), band(20, None, "20+")]);
    assert_eq!(effective_age_bands(&builtin, &[gap]), builtin);
}

#[test]
fn an_org_list_is_a_record_kind_that_reads_back() {
    let now = Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap();
    let fields = locations(&Taxonomy::builtin());
    let entry = Entry::new(ListName::Locations.id(), fields.clone(), now, "dev-1");
    let text = serde_json::to_string(&entry).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["kind"], "org_list");
    assert_eq!(json["list"], "locations");
    assert_eq!(json["id"], "00000000-0000-8000-8000-000000000001");
    // Not retired: the flag is left out.
    assert!(json["terms"][0].get("retired").is_none());
    assert!(json.get("bands").is_none());
    let back = Entry::<OrgListFields>::from_stored(&text).unwrap();
    assert_eq!(back.record.fields, fields);
    assert_eq!(RecordKind::OrgList.store_name(), "org_lists");
    assert!(read_content(RecordKind::OrgList, &text).unwrap().is_some());
    let wrong = text.replace("\"locations\"", "\"nonsense\"");
    assert!(read_content(RecordKind::OrgList, &wrong).is_err());
}

mod age_bands_typed {
    use wijkpeil::domain::org_list::{bands_text, parse_bands, Band, BandsTextError};
    use wijkpeil::domain::trajectory::{AgeBands, AgeBandsError};

    fn band(from: u8, to: Option<u8>, label: &str) -> Band {
        Band {
            from,
            to,
            label: label.into(),
        }
    }

    #[test]
    fn the_built_in_bands_read_back_as_they_are_shown() {
        let text = bands_text(&AgeBands::builtin());
        assert_eq!(text, "0-3, 4-11, 12-17, 18-22, 23-26, 27-64, 65+");
        let bands = parse_bands(&text).unwrap();
        assert_eq!(bands.len(), 7);
        assert_eq!(bands[6], band(65, None, "65+"));
    }

    #[test]
    fn typed_bands_are_written_one_way_and_checked() {
        assert_eq!(
            parse_bands(" 0-17;18–66  67+ ").unwrap(),
            vec![
                band(0, Some(17), "0-17"),
                band(18, Some(66), "18-66"),
                band(67, None, "67+")
            ]
        );
        assert_eq!(
            parse_bands("0-17, 20+"),
            Err(BandsTextError::Invalid(AgeBandsError::Gap {
                code: "20+".into()
            }))
        );
        assert_eq!(
            parse_bands("0-17, 15-30"),
            Err(BandsTextError::Invalid(AgeBandsError::Overlap {
                code: "15-30".into()
            }))
        );
        assert_eq!(
            parse_bands("65+, 0-64"),
            Err(BandsTextError::Invalid(AgeBandsError::OpenNotLast {
                code: "65+".into()
            }))
        );
        assert_eq!(
            parse_bands("0-17, volwassen"),
            Err(BandsTextError::Unreadable("volwassen".into()))
        );
        assert_eq!(
            parse_bands("0-300"),
            Err(BandsTextError::Unreadable("0-300".into()))
        );
        assert_eq!(
            parse_bands("  "),
            Err(BandsTextError::Invalid(AgeBandsError::Empty))
        );
    }
}
