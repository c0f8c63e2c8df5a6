//! Individual trajectories: growth rule, shares, means per domain, pseudonyms,
//! age bands, validation and serde, natively. "Today" is 23-11-2026.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use wijkpeil::domain::privacy::{PersonalData, TextProblem};
use wijkpeil::domain::taxonomy::{Taxonomy, Term};
use wijkpeil::domain::trajectory::{
    growth, growth_share, is_pseudonym, mean_per_domain, pseudonym, validate_closing,
    validate_trajectory, AgeBands, AgeBandsError, Closing, ClosingReason, ContactMoment, Goal,
    GrowthShare, PositiveHealth, TrajectoryFields, TrajectoryProblem as P, ZrmMeasurement,
    ZrmScore, HOUSEHOLDS, MAX_GOAL_CHARS, POSITIVE_HEALTH_DIMENSIONS, PSEUDONYM_ALPHABET,
};

// ---------------------------------------------------------------- helpers

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    date(2026, 11, 23)
}

fn score(v: u8) -> ZrmScore {
    ZrmScore::from_value(v).unwrap()
}

fn m(day: NaiveDate, scores: &[(&str, ZrmScore)]) -> ZrmMeasurement {
    ZrmMeasurement {
        date: day,
        scores: scores.iter().map(|(d, s)| ((*d).to_owned(), *s)).collect(),
    }
}

/// A measurement of 1–5 values.
fn mv(scores: &[(&str, u8)]) -> ZrmMeasurement {
    let s: Vec<(&str, ZrmScore)> = scores.iter().map(|(d, v)| (*d, score(*v))).collect();
    m(date(2026, 1, 10), &s)
}

fn domains() -> Vec<Term> {
    Taxonomy::builtin().domains
}

/// A valid running trajectory on the built-in taxonomy.
fn running() -> TrajectoryFields {
    TrajectoryFields {
        code: pseudonym([1, 2, 3, 4, 5]),
        start: date(2026, 3, 2),
        referrer: Some("huisarts".into()),
        age_band: "27-64".into(),
        household: Some("single_parent".into()),
        main_domains: vec!["financien".into(), "huisvesting".into()],
        goals: vec![Goal {
            text: "Overzicht in de schulden en een betalingsregeling".into(),
            domain: "financien".into(),
        }],
        intake: m(
            date(2026, 3, 9),
            &[("financien", score(2)), ("huisvesting", score(3))],
        ),
        positive_health: Some(PositiveHealth {
            dimensions: POSITIVE_HEALTH_DIMENSIONS
                .iter()
                .map(|d| ((*d).to_owned(), 6))
                .collect(),
        }),
        contact_moments: vec![ContactMoment {
            date: date(2026, 3, 16),
            channel: "huisbezoek".into(),
            note: "Post doorgenomen".into(),
        }],
        closing: None,
    }
}

fn closed() -> TrajectoryFields {
    let mut t = running();
    t.closing = Some(Closing {
        date: date(2026, 10, 1),
        reason: ClosingReason::GoalsReached,
        end: m(
            date(2026, 9, 28),
            &[("financien", score(3)), ("huisvesting", score(3))],
        ),
        kto_invited: true,
    });
    t
}

/// A closed trajectory with the given begin and end values.
fn closed_with(begin: &[(&str, u8)], end: &[(&str, u8)]) -> TrajectoryFields {
    let mut t = closed();
    t.intake = mv(begin);
    t.closing.as_mut().unwrap().end = mv(end);
    t
}

fn problems(t: &TrajectoryFields) -> Vec<P> {
    validate_trajectory(t, &Taxonomy::builtin(), &AgeBands::default(), today()).unwrap_err()
}

// ---------------------------------------------------------------- ZRM scores

#[test]
fn zrm_values_and_codes() {
    let values: Vec<Option<u8>> = ZrmScore::ALL.iter().map(|s| s.value()).collect();
    assert_eq!(
        values,
        vec![Some(1), Some(2), Some(3), Some(4), Some(5), None]
    );
    assert_eq!(ZrmScore::from_value(1), Some(ZrmScore::AcuteProblems));
    assert_eq!(ZrmScore::from_value(5), Some(ZrmScore::FullySelfReliant));
    assert_eq!(ZrmScore::from_value(0), None);
    assert_eq!(ZrmScore::from_value(6), None);
    for s in ZrmScore::ALL {
        assert_eq!(ZrmScore::from_code(s.code()), Some(s));
        // the serde form is the code
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            format!("\"{}\"", s.code())
        );
    }
    assert_eq!(ZrmScore::NotScored.code(), "not_scored");
    assert_eq!(ZrmScore::from_code("3"), None);
}

// ---------------------------------------------------------------- growth

#[test]
fn growth_worked_example() {
    let g = growth(
        &mv(&[("fin", 2), ("huis", 3)]),
        &mv(&[("fin", 3), ("huis", 3)]),
    );
    let expected: BTreeMap<String, i8> = [("fin".to_owned(), 1), ("huis".to_owned(), 0)].into();
    assert_eq!(g.per_domain, expected);
    assert_eq!(g.mean_begin, Some(2.5));
    assert_eq!(g.mean_end, Some(3.0));
    assert!(g.grew);
    assert!(g.assessable());
}

#[test]
fn growth_equal_means_is_not_growth() {
    // one up, one down: 2.5 -> 2.5
    let g = growth(
        &mv(&[("fin", 2), ("huis", 3)]),
        &mv(&[("fin", 3), ("huis", 2)]),
    );
    assert_eq!(g.mean_begin, Some(2.5));
    assert_eq!(g.mean_end, Some(2.5));
    assert!(!g.grew);
    assert!(g.assessable());
    // unchanged
    let g = growth(&mv(&[("fin", 4)]), &mv(&[("fin", 4)]));
    assert_eq!(g.per_domain["fin"], 0);
    assert!(!g.grew);
}

#[test]
fn growth_decline() {
    let g = growth(&mv(&[("fin", 5)]), &mv(&[("fin", 1)]));
    assert_eq!(g.per_domain["fin"], -4);
    assert_eq!((g.mean_begin, g.mean_end), (Some(5.0), Some(1.0)));
    assert!(!g.grew);
}

#[test]
fn growth_ignores_domain_only_at_end() {
    // "werk" at 5 only at the end would lift the end mean if counted
    let g = growth(
        &mv(&[("fin", 3), ("huis", 3)]),
        &mv(&[("fin", 3), ("huis", 3), ("werk", 5)]),
    );
    assert_eq!(g.per_domain.len(), 2);
    assert!(!g.per_domain.contains_key("werk"));
    assert_eq!((g.mean_begin, g.mean_end), (Some(3.0), Some(3.0)));
    assert!(!g.grew);
}

#[test]
fn growth_ignores_domain_only_at_begin() {
    // "werk" at 1 only at the begin would lower the begin mean if counted
    let g = growth(&mv(&[("fin", 3), ("werk", 1)]), &mv(&[("fin", 3)]));
    assert_eq!(g.per_domain.keys().collect::<Vec<_>>(), vec!["fin"]);
    assert_eq!((g.mean_begin, g.mean_end), (Some(3.0), Some(3.0)));
    assert!(!g.grew);
}

#[test]
fn growth_ignores_not_scored() {
    let d = date(2026, 1, 1);
    let begin = m(d, &[("fin", score(2)), ("huis", ZrmScore::NotScored)]);
    let end = m(d, &[("fin", score(2)), ("huis", score(5))]);
    let g = growth(&begin, &end);
    assert_eq!(g.per_domain.keys().collect::<Vec<_>>(), vec!["fin"]);
    assert_eq!((g.mean_begin, g.mean_end), (Some(2.0), Some(2.0)));
    assert!(!g.grew);
    // NotScored at the end likewise
    let g = growth(&end, &begin);
    assert_eq!(g.per_domain.keys().collect::<Vec<_>>(), vec!["fin"]);
    assert!(!g.grew);
}

#[test]
fn growth_without_common_domain_is_not_assessable() {
    let g = growth(&mv(&[("fin", 1)]), &mv(&[("huis", 5)]));
    assert!(g.per_domain.is_empty());
    assert_eq!((g.mean_begin, g.mean_end), (None, None));
    assert!(!g.grew);
    assert!(!g.assessable());
    let g = growth(&mv(&[]), &mv(&[]));
    assert!(!g.assessable());
    assert!(!g.grew);
}

#[test]
fn growth_of_running_trajectory_is_none() {
    assert_eq!(running().growth(), None);
    assert!(closed().growth().unwrap().grew);
}

// ---------------------------------------------------------------- share

fn grown() -> TrajectoryFields {
    closed_with(&[("fin", 2)], &[("fin", 3)])
}
fn not_grown() -> TrajectoryFields {
    closed_with(&[("fin", 3)], &[("fin", 3)])
}
fn not_assessable() -> TrajectoryFields {
    closed_with(&[("fin", 3)], &[("huis", 4)])
}

#[test]
fn growth_share_reproduces_seed_002() {
    let mut all = vec![grown(); 734];
    all.extend(vec![not_grown(); 266]);
    let share = growth_share(&all);
    assert_eq!(
        share,
        GrowthShare {
            closed: 1000,
            assessable: 1000,
            with_growth: 734,
            tenths_of_percent: Some(734),
        }
    );
}

#[test]
fn growth_share_excludes_not_assessable_and_running() {
    let mut all = vec![grown(); 734];
    all.extend(vec![not_grown(); 266]);
    all.extend(vec![not_assessable(); 200]);
    all.extend(vec![running(); 50]);
    let share = growth_share(&all);
    assert_eq!(share.closed, 1200);
    assert_eq!(share.assessable, 1000);
    assert_eq!(share.with_growth, 734);
    // 734 / 1000, not 734 / 1200 (= 61.2%)
    assert_eq!(share.tenths_of_percent, Some(734));
}

#[test]
fn growth_share_rounds_half_up() {
    // 1/8 = 12.5% exactly -> 125; 1/3 = 33.33..% -> 333; 2/3 = 66.66..% -> 667
    let share = |up: usize, n: usize| {
        let mut all = vec![grown(); up];
        all.extend(vec![not_grown(); n - up]);
        growth_share(&all).tenths_of_percent
    };
    assert_eq!(share(1, 3), Some(333));
    assert_eq!(share(2, 3), Some(667));
    assert_eq!(share(1, 8), Some(125));
    // 1/16 = 6.25% -> 62.5 tenths -> 63 (half up)
    assert_eq!(share(1, 16), Some(63));
    // 1/2000 = 0.05% -> 0.5 tenths -> 1
    assert_eq!(share(1, 2000), Some(1));
    assert_eq!(share(0, 5), Some(0));
    assert_eq!(share(5, 5), Some(1000));
}

#[test]
fn growth_share_of_nothing_assessable() {
    assert_eq!(growth_share(&[]), GrowthShare::default());
    let share = growth_share(&[not_assessable(), running()]);
    assert_eq!(
        share,
        GrowthShare {
            closed: 1,
            assessable: 0,
            with_growth: 0,
            tenths_of_percent: None,
        }
    );
}

// ---------------------------------------------------------------- means

#[test]
fn mean_per_domain_pairs_closed_trajectories() {
    let all = vec![
        closed_with(&[("fin", 2), ("huis", 3)], &[("fin", 3), ("huis", 3)]),
        closed_with(&[("fin", 1)], &[("fin", 4), ("werk", 5)]),
        closed_with(&[("huis", 2), ("werk", 2)], &[("huis", 4)]),
        // running: left out
        {
            let mut t = running();
            t.intake = mv(&[("fin", 5), ("huis", 5)]);
            t
        },
    ];
    let means = mean_per_domain(&all);
    assert_eq!(means.len(), 2, "werk is never scored at both moments");
    assert_eq!(means["fin"], (1.5, 3.5, 2));
    assert_eq!(means["huis"], (2.5, 3.5, 2));
    assert!(mean_per_domain(&[running()]).is_empty());
}

#[test]
fn mean_per_domain_skips_not_scored() {
    let d = date(2026, 1, 1);
    let mut t = closed();
    t.intake = m(d, &[("fin", ZrmScore::NotScored), ("huis", score(1))]);
    t.closing.as_mut().unwrap().end = m(d, &[("fin", score(5)), ("huis", score(2))]);
    let means = mean_per_domain(&[t]);
    assert_eq!(means.keys().collect::<Vec<_>>(), vec!["huis"]);
    assert_eq!(means["huis"], (1.0, 2.0, 1));
}

// ---------------------------------------------------------------- pseudonym

#[test]
fn pseudonym_format() {
    let allowed = std::str::from_utf8(PSEUDONYM_ALPHABET).unwrap();
    for c in ['0', 'O', '1', 'I', 'L'] {
        assert!(!allowed.contains(c), "{c} is a look-alike");
    }
    assert_eq!(allowed.len(), 31);
    for bytes in [[0u8; 5], [255; 5], [1, 2, 3, 4, 5], [9, 200, 17, 0, 88]] {
        let code = pseudonym(bytes);
        assert_eq!(code.len(), 10, "{code}");
        assert!(code.starts_with("TR-"), "{code}");
        assert_eq!(&code[7..8], "-", "{code}");
        assert!(
            code[3..7]
                .chars()
                .chain(code[8..].chars())
                .all(|c| allowed.contains(c)),
            "{code}"
        );
        assert!(is_pseudonym(&code), "{code}");
    }
    assert_eq!(pseudonym([0; 5]), "TR-2222-22");
    // deterministic in its input
    assert_eq!(pseudonym([1, 2, 3, 4, 5]), pseudonym([1, 2, 3, 4, 5]));
}

#[test]
fn pseudonym_differs_for_different_bytes() {
    let base = [0x5a, 0x13, 0xc7, 0x80, 0x2e];
    let code = pseudonym(base);
    let mut seen = std::collections::BTreeSet::new();
    seen.insert(code.clone());
    for at in 0..5 {
        for v in 0..=255u8 {
            if v == base[at] {
                continue;
            }
            let mut other = base;
            other[at] = v;
            assert!(seen.insert(pseudonym(other)), "clash at byte {at} = {v}");
        }
    }
    assert_eq!(seen.len(), 1 + 5 * 255);
    assert_ne!(pseudonym([0, 0, 0, 0, 1]), pseudonym([0, 0, 0, 0, 2]));
    assert_ne!(pseudonym([1, 0, 0, 0, 0]), pseudonym([0, 0, 0, 0, 1]));
}

#[test]
fn is_pseudonym_refuses_other_forms() {
    for bad in [
        "",
        "TR-2222-2",
        "TR-2222-222",
        "tr-2222-22",
        "XX-2222-22",
        "TR-22220-22",
        "TR-2O22-22",
        "TR-2222_22",
        "TR-abcd-ef",
        "TR-ÄBCD-EF",
    ] {
        assert!(!is_pseudonym(bad), "{bad}");
    }
    assert!(is_pseudonym("TR-7K3M-Q9"));
}

// ---------------------------------------------------------------- age bands

#[test]
fn age_bands_default() {
    let bands = AgeBands::default();
    assert_eq!(bands.validate(), Ok(()));
    let codes: Vec<&str> = bands.bands.iter().map(|(_, _, c)| c.as_str()).collect();
    assert_eq!(
        codes,
        vec!["0-3", "4-11", "12-17", "18-22", "23-26", "27-64", "65+"]
    );
    let cases = [
        (0, "0-3"),
        (3, "0-3"),
        (4, "4-11"),
        (11, "4-11"),
        (12, "12-17"),
        (17, "12-17"),
        (18, "18-22"),
        (22, "18-22"),
        (23, "23-26"),
        (26, "23-26"),
        (27, "27-64"),
        (64, "27-64"),
        (65, "65+"),
        (255, "65+"),
    ];
    for (age, code) in cases {
        assert_eq!(bands.band_for(age), Some(code), "age {age}");
    }
    assert!(bands.contains_code("65+"));
    assert!(!bands.contains_code("65-"));
}

fn bands(list: &[(u8, Option<u8>, &str)]) -> AgeBands {
    AgeBands {
        bands: list
            .iter()
            .map(|(f, t, c)| (*f, *t, (*c).to_owned()))
            .collect(),
    }
}

#[test]
fn age_bands_refused() {
    let code = |c: &str| c.to_owned();
    assert_eq!(bands(&[]).validate(), Err(AgeBandsError::Empty));
    assert_eq!(
        bands(&[(0, Some(17), "a"), (15, None, "b")]).validate(),
        Err(AgeBandsError::Overlap { code: code("b") })
    );
    assert_eq!(
        bands(&[(0, Some(17), "a"), (17, None, "b")]).validate(),
        Err(AgeBandsError::Overlap { code: code("b") })
    );
    assert_eq!(
        bands(&[(0, Some(17), "a"), (19, None, "b")]).validate(),
        Err(AgeBandsError::Gap { code: code("b") })
    );
    assert_eq!(
        bands(&[(10, Some(5), "a")]).validate(),
        Err(AgeBandsError::Reversed { code: code("a") })
    );
    assert_eq!(
        bands(&[(0, None, "a"), (18, Some(30), "b")]).validate(),
        Err(AgeBandsError::OpenNotLast { code: code("a") })
    );
    assert_eq!(
        bands(&[(0, Some(17), "a"), (18, None, "a")]).validate(),
        Err(AgeBandsError::DuplicateCode { code: code("a") })
    );
    assert_eq!(
        bands(&[(0, Some(17), "a"), (18, Some(30), " ")]).validate(),
        Err(AgeBandsError::NoCode { code: code("#2") })
    );
    // a closed last band and a start above 0 are allowed
    assert_eq!(
        bands(&[(18, Some(30), "a"), (31, Some(40), "b")]).validate(),
        Ok(())
    );
    assert_eq!(bands(&[(18, Some(30), "a")]).band_for(31), None);
    assert_eq!(bands(&[(18, Some(30), "a")]).band_for(17), None);
}

#[test]
fn age_bands_open_band_must_be_last() {
    // the open band is refused as soon as another band follows it
    let b = bands(&[(0, Some(17), "a"), (18, None, "b"), (200, Some(210), "c")]);
    assert_eq!(
        b.validate(),
        Err(AgeBandsError::OpenNotLast { code: "b".into() })
    );
}

// ---------------------------------------------------------------- validation

#[test]
fn valid_trajectories_pass() {
    let d = Taxonomy::builtin();
    let b = AgeBands::default();
    assert_eq!(validate_trajectory(&running(), &d, &b, today()), Ok(()));
    assert_eq!(validate_trajectory(&closed(), &d, &b, today()), Ok(()));
    assert_eq!(validate_closing(&closed(), &d.domains), Ok(()));
    // start today, closed today, no goals, no health, no referrer
    let mut t = closed();
    t.start = today();
    t.intake.date = today();
    t.goals.clear();
    t.positive_health = None;
    t.referrer = None;
    t.household = None;
    t.contact_moments.clear();
    let c = t.closing.as_mut().unwrap();
    c.date = today();
    c.end.date = today();
    assert_eq!(validate_trajectory(&t, &d, &b, today()), Ok(()));
    // goal of exactly the maximum length
    let mut t = running();
    t.goals[0].text = "a".repeat(MAX_GOAL_CHARS);
    assert_eq!(validate_trajectory(&t, &d, &b, today()), Ok(()));
}

#[test]
fn problem_code_format() {
    let mut t = running();
    t.code = "Jan de Vries".into();
    assert_eq!(problems(&t), vec![P::CodeFormat]);
}

#[test]
fn problem_start_in_future() {
    let mut t = running();
    t.start = date(2026, 11, 24);
    t.intake.date = date(2026, 11, 24);
    t.contact_moments.clear();
    assert_eq!(problems(&t), vec![P::StartInFuture]);
}

#[test]
fn problem_unknown_age_band() {
    let mut t = running();
    t.age_band = "40".into();
    assert_eq!(problems(&t), vec![P::UnknownAgeBand]);
}

#[test]
fn problem_main_domains() {
    let mut t = running();
    t.main_domains.clear();
    assert_eq!(problems(&t), vec![P::NoMainDomain]);
    t.main_domains = vec!["financien".into(), "astrologie".into()];
    assert_eq!(
        problems(&t),
        vec![P::UnknownMainDomain("astrologie".into())]
    );
}

#[test]
fn problem_goals() {
    let mut t = running();
    let goal = |text: &str, domain: &str| Goal {
        text: text.into(),
        domain: domain.into(),
    };
    t.goals = vec![
        goal("Schulden op orde", "financien"),
        goal("   ", "financien"),
        goal(&"x".repeat(MAX_GOAL_CHARS + 1), "huisvesting"),
        goal("Bellen met 06-12345678", "financien"),
        goal("Mail naar jan@example.nl", "financien"),
        goal("Verhuizen naar 1234 AB", "huisvesting"),
        goal("Een baan vinden", "ruimtevaart"),
    ];
    assert_eq!(
        problems(&t),
        vec![
            P::Goal {
                goal: 1,
                problem: TextProblem::Empty
            },
            P::Goal {
                goal: 2,
                problem: TextProblem::TooLong {
                    max: MAX_GOAL_CHARS as u32
                }
            },
            P::Goal {
                goal: 3,
                problem: TextProblem::PersonalData(PersonalData::LongNumber)
            },
            P::Goal {
                goal: 4,
                problem: TextProblem::PersonalData(PersonalData::Email)
            },
            P::Goal {
                goal: 5,
                problem: TextProblem::PersonalData(PersonalData::Postcode)
            },
            P::UnknownGoalDomain {
                goal: 6,
                code: "ruimtevaart".into()
            },
        ]
    );
}

#[test]
fn problem_intake() {
    let mut t = running();
    t.intake.date = date(2026, 3, 1);
    t.intake
        .scores
        .insert("astrologie".into(), ZrmScore::NotScored);
    assert_eq!(
        problems(&t),
        vec![
            P::IntakeBeforeStart,
            P::UnknownIntakeDomain("astrologie".into())
        ]
    );
}

#[test]
fn problem_positive_health() {
    let mut t = running();
    let dims = &mut t.positive_health.as_mut().unwrap().dimensions;
    dims.insert("mental_wellbeing".into(), 11);
    dims.insert("happiness".into(), 5);
    dims.insert("meaningfulness".into(), 0);
    dims.insert("quality_of_life".into(), 10);
    assert_eq!(
        problems(&t),
        vec![
            P::UnknownHealthDimension("happiness".into()),
            P::HealthScoreOutOfRange {
                dimension: "mental_wellbeing".into(),
                value: 11
            },
        ]
    );
}

#[test]
fn problem_not_closed() {
    assert_eq!(
        validate_closing(&running(), &domains()),
        Err(vec![P::NotClosed])
    );
}

#[test]
fn problem_closing_dates() {
    let mut t = closed();
    let c = t.closing.as_mut().unwrap();
    c.date = date(2026, 3, 1);
    c.end.date = date(2026, 3, 8);
    assert_eq!(
        validate_closing(&t, &domains()),
        Err(vec![P::ClosingBeforeStart, P::EndBeforeIntake])
    );
    assert_eq!(
        problems(&t),
        vec![P::ClosingBeforeStart, P::EndBeforeIntake]
    );
}

#[test]
fn problem_closing_in_future() {
    let mut t = closed();
    t.closing.as_mut().unwrap().date = date(2026, 11, 24);
    // validate_closing has no clock; the full validation does
    assert_eq!(validate_closing(&t, &domains()), Ok(()));
    assert_eq!(problems(&t), vec![P::ClosingInFuture]);
}

#[test]
fn problem_unknown_end_domain() {
    let mut t = closed();
    let end = &mut t.closing.as_mut().unwrap().end;
    end.scores.insert("astrologie".into(), score(4));
    // a known domain that the intake did not score is fine
    end.scores.insert("justitie".into(), score(4));
    assert_eq!(
        validate_closing(&t, &domains()),
        Err(vec![P::UnknownEndDomain("astrologie".into())])
    );
    assert_eq!(problems(&t), vec![P::UnknownEndDomain("astrologie".into())]);
}

#[test]
fn all_problems_at_once() {
    let mut t = closed();
    t.code = String::new();
    t.age_band = String::new();
    t.main_domains.clear();
    t.start = date(2026, 12, 1);
    let n = problems(&t).len();
    // code, start in future, age band, main domain, intake before start,
    // contact moment before start, closing before start
    assert_eq!(n, 7, "{:?}", problems(&t));
}

// ---------------------------------------------------------------- serde

#[test]
fn serde_round_trip() {
    for t in [running(), closed()] {
        let json = serde_json::to_string(&t).unwrap();
        let back: TrajectoryFields = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
    }
    let json = serde_json::to_value(closed()).unwrap();
    assert_eq!(json["start"], "2026-03-02");
    assert_eq!(json["intake"]["date"], "2026-03-09");
    assert_eq!(json["intake"]["scores"]["financien"], "not_self_reliant");
    assert_eq!(json["closing"]["date"], "2026-10-01");
    assert_eq!(json["closing"]["reason"], "goals_reached");
    assert_eq!(json["closing"]["kto_invited"], true);
    let bands = AgeBands::default();
    let back: AgeBands = serde_json::from_str(&serde_json::to_string(&bands).unwrap()).unwrap();
    assert_eq!(back, bands);
}

#[test]
fn serde_defaults_for_optional_fields() {
    let json = r#"{
        "code": "TR-7K3M-Q9", "start": "2026-03-02", "age_band": "65+",
        "main_domains": ["financien"],
        "intake": {"date": "2026-03-02", "scores": {"financien": "acute_problems"}}
    }"#;
    let t: TrajectoryFields = serde_json::from_str(json).unwrap();
    assert_eq!(t.referrer, None);
    assert!(t.goals.is_empty());
    assert_eq!(t.closing, None);
    assert_eq!(t.intake.scores["financien"], ZrmScore::AcuteProblems);
    assert_eq!(
        validate_trajectory(&t, &Taxonomy::builtin(), &AgeBands::default(), today()),
        Ok(())
    );
    // a bad date is refused
    let bad = json.replace("2026-03-02\", \"age", "2026-3-2\", \"age");
    assert!(serde_json::from_str::<TrajectoryFields>(&bad).is_err());
}

// ---------------------------------------------------------------- choices and contact moments

#[test]
fn problem_unknown_referrer_and_household() {
    let mut t = running();
    t.referrer = Some("buurman".into());
    t.household = Some("groot".into());
    assert_eq!(
        problems(&t),
        vec![
            P::UnknownReferrer("buurman".into()),
            P::UnknownHousehold("groot".into())
        ]
    );
    for code in HOUSEHOLDS {
        t.referrer = None;
        t.household = Some(code.into());
        assert_eq!(
            validate_trajectory(&t, &Taxonomy::builtin(), &AgeBands::default(), today()),
            Ok(()),
            "{code}"
        );
    }
}

#[test]
fn problem_contact_moments() {
    let mut t = running();
    let moment = |d, channel: &str, note: &str| ContactMoment {
        date: d,
        channel: channel.into(),
        note: note.into(),
    };
    t.contact_moments = vec![
        moment(date(2026, 3, 1), "telefoon", ""),
        moment(today() + chrono::Days::new(1), "telefoon", ""),
        moment(date(2026, 4, 1), "duif", ""),
        moment(date(2026, 4, 1), "inloop", &"x".repeat(201)),
        moment(date(2026, 4, 1), "inloop", "Bel 0612345678 terug"),
        moment(date(2026, 4, 1), "inloop", &"y".repeat(200)),
    ];
    assert_eq!(
        problems(&t),
        vec![
            P::MomentBeforeStart { moment: 0 },
            P::MomentInFuture { moment: 1 },
            P::UnknownMomentChannel {
                moment: 2,
                code: "duif".into()
            },
            P::MomentNote {
                moment: 3,
                problem: TextProblem::TooLong { max: 200 }
            },
            P::MomentNote {
                moment: 4,
                problem: TextProblem::PersonalData(PersonalData::LongNumber)
            },
        ]
    );
}

#[test]
fn a_stored_trajectory_is_flat_and_reads_back() {
    use wijkpeil::domain::entry::Entry;
    use wijkpeil::domain::entry::Record;
    use wijkpeil::domain::record::{RecordId, RecordKind};
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let entry = Entry::new(RecordId::new_v7(1, [7; 10]), closed(), now, "tablet-1");
    let json = serde_json::to_value(&entry).unwrap();
    assert_eq!(json["kind"], "trajectory");
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["code"], closed().code);
    assert_eq!(json["contact_moments"][0]["channel"], "huisbezoek");
    let decoded = Entry::<TrajectoryFields>::from_stored(&json.to_string()).unwrap();
    assert_eq!(decoded.record, entry);
    assert!(!decoded.migrated);
    assert_eq!(RecordKind::Trajectory.store_name(), "trajectories");
    let future = json
        .to_string()
        .replace("\"schema_version\":1", "\"schema_version\":2");
    assert!(Entry::<TrajectoryFields>::from_stored(&future).is_err());
}

#[test]
fn builtin_age_bands_equal_the_file() {
    // `build.rs` makes the file into the data `AgeBands::builtin` returns;
    // `from_json` also checks that the file's bands are valid.
    let file = AgeBands::from_json(include_str!("../src/domain/default_age_bands.json")).unwrap();
    assert_eq!(AgeBands::builtin(), file);
    assert_eq!(AgeBands::builtin().band_for(65), Some("65+"));
}

#[test]
fn age_bands_are_data_an_organisation_may_replace() {
    use wijkpeil::domain::trajectory::AgeBandsFileError;
    let own = AgeBands::from_json(
        r#"{ "bands": [[0, 17, "jeugd"], [18, 66, "volwassen"], [67, null, "aow"]] }"#,
    )
    .unwrap();
    assert_eq!(own.band_for(67), Some("aow"));
    assert!(!own.contains_code("65+"));
    assert_eq!(
        AgeBands::from_json(r#"{ "bands": [[0, 20, "a"], [18, null, "b"]] }"#),
        Err(AgeBandsFileError::Invalid(AgeBandsError::Overlap {
            code: "b".into()
        }))
    );
    assert!(matches!(
        AgeBands::from_json("[]"),
        Err(AgeBandsFileError::Parse(_))
    ));
}

/// The rows of a ZRM measurement: the ZRM's own 13 domains; a domain the
/// organisation added only in a trajectory that names it as a main domain
/// (an own ZRM domain such as seed 002's "Ouderschap"), so a domain added
/// for contacts never becomes a row of every measurement; "anders" never;
/// a retired domain only where the trajectory scores it already.
#[test]
fn zrm_rows_are_the_zrm_domains_and_the_trajectorys_own_added_ones() {
    use wijkpeil::domain::org_list::{effective_taxonomy, ListName, OrgListFields};
    use wijkpeil::domain::taxonomy::Localized;
    use wijkpeil::domain::trajectory::{zrm_rows, ZRM_DOMAINS};
    let builtin = Taxonomy::builtin();
    let builtin_codes: Vec<&str> = builtin.domains.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(builtin_codes[..13], ZRM_DOMAINS);
    let added = |code: &str, label: &str| Term {
        code: code.into(),
        label: Localized(BTreeMap::from([("nl".to_owned(), label.to_owned())])),
        icon: None,
        retired: false,
    };
    // Beheer → Lijsten: two domains added, one ZRM domain retired.
    let mut terms = builtin.domains.clone();
    terms[12].retired = true; // justitie
    terms.push(added(
        "ouderschap",
        "Sociaal-emotionele ondersteuning (Ouderschap)",
    ));
    terms.push(added("taalcafe", "Taal en digitale vaardigheden"));
    let stored = OrgListFields {
        list: ListName::Domains,
        terms,
        bands: Vec::new(),
    };
    let taxonomy = effective_taxonomy(builtin, &[stored]);
    let codes = |rows: Vec<&Term>| rows.into_iter().map(|t| t.code.clone()).collect::<Vec<_>>();
    let owned = |list: &[&str]| list.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();

    // A trajectory about money: the twelve ZRM domains in use, nothing added.
    let plain = codes(zrm_rows(&taxonomy.domains, &owned(&["financien"]), &[]));
    assert_eq!(plain, ZRM_DOMAINS[..12].to_vec());
    assert!(!plain.contains(&"taalcafe".to_owned()) && !plain.contains(&"anders".to_owned()));

    // A trajectory about parenting, the organisation's own ZRM domain:
    // its row follows the ZRM's, in the list's order.
    let parenting = codes(zrm_rows(
        &taxonomy.domains,
        &owned(&["ouderschap", "anders"]),
        &[],
    ));
    assert_eq!(parenting.len(), 13);
    assert_eq!(parenting.last().map(String::as_str), Some("ouderschap"));
    assert!(!parenting.contains(&"anders".to_owned()));

    // An older trajectory that scored the retired domain and an added one
    // keeps both rows (nothing it holds is hidden).
    let old = codes(zrm_rows(
        &taxonomy.domains,
        &owned(&["financien"]),
        &owned(&["justitie", "taalcafe"]),
    ));
    assert!(old.contains(&"justitie".to_owned()));
    assert!(old.contains(&"taalcafe".to_owned()));
    assert_eq!(old.len(), 14);
}
