//! The jaarbeeld's domain core: periods, the compact report data and every
//! figure, natively. The seed fixture is built in code from the seeds'
//! published figures (seed 002's year, seed 001's client survey, seed 000's
//! marks per channel) and must come out exactly.
#![cfg(any(feature = "coordinator", feature = "worker"))]

use chrono::{NaiveDate, NaiveDateTime};
use wijkpeil::domain::activity::{ActivityFields, ActivityKind, Meeting};
use wijkpeil::domain::contact::{ContactFields, Outcome};
use wijkpeil::domain::initiative::{
    InitiativeFields, InitiativeKind, InitiativeStatus, SupportMoment,
};
use wijkpeil::domain::report::data::ReportData;
use wijkpeil::domain::report::figures::{
    compute, is_small_count, Count, Figures, Report, Share, SurveyFigures, Unlocated,
};
use wijkpeil::domain::report::period::{Period, PeriodKind, Scope};
use wijkpeil::domain::survey::templates::{self, Template};
use wijkpeil::domain::survey::{format_decimal_nl, Answer, ResponseContent, MIN_GROUP};
use wijkpeil::domain::taxonomy::{Localized, Taxonomy, Term};
use wijkpeil::domain::trajectory::{
    Closing, ClosingReason, TrajectoryFields, ZrmMeasurement, ZrmScore,
};

// ---------------------------------------------------------------- helpers

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, hour: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(hour, 15, 0).unwrap()
}

/// Day `i` of `year` spread over its months (1st to 28th, every month).
fn day_of(year: i32, i: usize) -> NaiveDate {
    date(year, (i % 12) as u32 + 1, (i / 12 % 28) as u32 + 1)
}

/// The built-in lists plus seed 002's own domain "ouderschap"
/// (Sociaal-emotionele ondersteuning (Ouderschap)), in no group.
fn taxonomy() -> Taxonomy {
    let mut t = Taxonomy::builtin();
    let mut label = Localized::default();
    label.0.insert(
        "nl".into(),
        "Sociaal-emotionele ondersteuning (Ouderschap)".into(),
    );
    t.domains.push(Term {
        code: "ouderschap".into(),
        label,
        icon: None,
        retired: false,
    });
    t
}

#[derive(Clone)]
struct C {
    location: &'static str,
    channel: &'static str,
    form: &'static str,
    domains: Vec<&'static str>,
    referred: Option<&'static str>,
    referrer: Option<&'static str>,
    awareness: Option<&'static str>,
    groups: Vec<&'static str>,
}

impl Default for C {
    fn default() -> Self {
        Self {
            location: "wijkplein-centrum",
            channel: "inloop",
            form: "informatie-advies",
            domains: vec!["financien"],
            referred: None,
            referrer: None,
            awareness: None,
            groups: vec![],
        }
    }
}

impl C {
    fn add(&self, data: &mut ReportData, local: NaiveDateTime) {
        let fields = ContactFields {
            location: self.location.into(),
            occurred_at: local.and_utc(),
            channel: self.channel.into(),
            support_form: self.form.into(),
            domains: self.domains.iter().map(|d| (*d).to_owned()).collect(),
            outcome: match self.referred {
                None => Outcome::Direct,
                Some(to) => Outcome::Referred { to: to.into() },
            },
            referrer: self.referrer.map(Into::into),
            awareness: self.awareness.map(Into::into),
            target_groups: self.groups.iter().map(|g| (*g).to_owned()).collect(),
            duration_minutes: Some(10),
            note: "een notitie".into(),
            initials: "AB".into(),
        };
        data.add_contact(&fields, local);
    }
}

fn zrm(day: NaiveDate, scores: &[(&str, u8)]) -> ZrmMeasurement {
    ZrmMeasurement {
        date: day,
        scores: scores
            .iter()
            .map(|(d, v)| ((*d).to_owned(), ZrmScore::from_value(*v).unwrap()))
            .collect(),
    }
}

/// How a closed trajectory ended, for the fixture.
#[derive(Clone, Copy)]
enum End {
    Grew,
    Same,
    NotAssessable,
}

fn trajectory(
    start: NaiveDate,
    closed: Option<(NaiveDate, End, bool)>,
    domains: Vec<String>,
    age_band: &str,
    referrer: Option<&str>,
) -> TrajectoryFields {
    let intake = zrm(start, &[("financien", 2), ("huisvesting", 3)]);
    TrajectoryFields {
        code: "TR-2345-67".into(),
        start,
        referrer: referrer.map(Into::into),
        age_band: age_band.into(),
        household: None,
        main_domains: domains,
        goals: vec![],
        intake,
        positive_health: None,
        contact_moments: vec![],
        closing: closed.map(|(day, end, kto_invited)| Closing {
            date: day,
            reason: ClosingReason::GoalsReached,
            end: match end {
                End::Grew => zrm(day, &[("financien", 3), ("huisvesting", 3)]),
                End::Same => zrm(day, &[("financien", 2), ("huisvesting", 3)]),
                End::NotAssessable => zrm(day, &[("werk-opleiding", 4)]),
            },
            kto_invited,
        }),
    }
}

fn response(survey: &str, day: NaiveDate, answers: &[(&str, Answer)]) -> ResponseContent {
    let mut r = ResponseContent::new(survey, 1, day, "nl");
    for (q, a) in answers {
        r.answers.insert((*q).to_owned(), a.clone());
    }
    r
}

fn year(y: i32) -> Scope {
    Scope::all(Period::year(y).unwrap())
}

fn one_decimal(value: f64) -> String {
    format_decimal_nl(value, 1)
}

fn survey<'a>(figures: &'a Figures, id: &str) -> &'a SurveyFigures {
    figures
        .survey(id)
        .unwrap_or_else(|| panic!("survey {id} has figures"))
}

// ---------------------------------------------------------------- the seed year

/// Seed 002's KPI order and the number of the 416 questionnaires that
/// answered the higher of two neighbouring agree points (see `kpi_points`).
const KPIS: [(&str, &str, u32); 9] = [
    ("erkend", "8,2", 83),
    ("tevreden", "8,2", 83),
    ("actiever", "8,1", 65),
    ("nieuwe-mensen", "8,0", 46),
    ("zelf-regelen", "7,9", 28),
    ("opgelucht", "7,8", 9),
    ("meedoen", "7,7", 407),
    ("lichamelijk", "7,6", 388),
    ("verbonden", "7,6", 388),
];

/// The agree points of a KPI question for a published mean: 4 and 5
/// (marks 7,75 and 10) from 7,75 up, 3 and 4 (5,5 and 7,75) below.
fn kpi_points(mean: &str) -> (u8, u8) {
    if mean.as_bytes()[0] >= b'8' || mean == "7,9" || mean == "7,8" {
        (4, 5)
    } else {
        (3, 4)
    }
}

/// Seed 001's themes (in the client survey's order), their published means
/// and how many of the 260 responses gave the higher point (see
/// `kpi_points`) to every statement of the theme.
const THEMES: [(&str, &str, u32); 6] = [
    ("profilering", "7,1", 185),
    ("bereikbaarheid", "7,7", 254),
    ("medewerker", "7,9", 17),
    ("werkwijze", "7,2", 196),
    ("resultaat", "7,2", 196),
    ("aanbevelen", "7,6", 243),
];

/// Seed 002's top-5 ZRM domains of the trajectories, and other domains
/// below them; trajectory `i` has domain `d` when `i` is below its count.
const TRAJECTORY_DOMAINS: [(&str, usize); 7] = [
    ("ouderschap", 215),
    ("geestelijke-gezondheid", 113),
    ("maatschappelijke-participatie", 105),
    ("sociaal-netwerk", 104),
    ("lichamelijke-gezondheid", 99),
    ("financien", 0),
    ("huisvesting", 40),
];

/// A year of seed 002 on the device, in `y`: 2,309 questions, 282
/// trajectories running, 677 meetings with 17,076 participants, 245
/// initiatives with 4,502 participants, 139 assessable closed trajectories
/// of which 102 grew, 18 KTO marks averaging 9,06 with 141 invited, 416
/// group questionnaires from 30 activities; and seed 001's client survey.
/// Everything it adds lies in `y` but, with `before`, the 17 trajectories
/// and 20 initiatives started the year before and the records of the year
/// before that must not count (without `before` those start in `y` or are
/// left out, so that a next year adds nothing to the year before it); and
/// one record of each kind just after the year.
fn seed_year(data: &mut ReportData, y: i32, before: bool) {
    let prev = if before { y - 1 } else { y };
    // Contacts: 2,309 questions, half handled directly; 51 contacts of
    // other support forms; one question a day after the year.
    for i in 0..2309 {
        let c = C {
            referred: (i % 2 == 1).then_some("wijkteam"),
            location: if i % 3 == 0 {
                "wijkplein-noord"
            } else {
                "wijkplein-centrum"
            },
            ..C::default()
        };
        c.add(data, day_of(y, i).and_hms_opt(10, 0, 0).unwrap());
    }
    for i in 0..51 {
        let c = C {
            form: "collectieve-inzet",
            ..C::default()
        };
        c.add(data, day_of(y, i).and_hms_opt(14, 0, 0).unwrap());
    }
    C::default().add(data, at(y + 1, 1, 1, 0));

    // Trajectories: 282 running in the year.
    //  - 145 closed in it: 102 grew, 37 did not, 6 not assessable;
    //    141 invited to the KTO;
    //  - 120 started in it and still running;
    //  - 17 started the year before, still running;
    //  - not running: 10 closed the year before.
    let domains_of = |i: usize| -> Vec<String> {
        let mut d: Vec<String> = TRAJECTORY_DOMAINS
            .iter()
            .filter(|(_, n)| i < *n)
            .map(|(code, _)| (*code).to_owned())
            .collect();
        if d.is_empty() {
            d.push("financien".into());
        }
        d
    };
    let mut i = 0;
    let mut push = |data: &mut ReportData, start, closed| {
        let band = ["18-22", "27-64", "65+"][i % 3];
        let referrer = if i % 4 == 0 { None } else { Some("huisarts") };
        data.add_trajectory(&trajectory(start, closed, domains_of(i), band, referrer));
        i += 1;
    };
    for k in 0..145usize {
        let end = match k {
            0..102 => End::Grew,
            102..139 => End::Same,
            _ => End::NotAssessable,
        };
        let closed = day_of(y, k + 100).max(day_of(y, k));
        push(data, day_of(y, k).min(closed), Some((closed, end, k < 141)));
    }
    for k in 0..120 {
        push(data, day_of(y, k), None);
    }
    for k in 0..17 {
        push(data, day_of(prev, k), None);
    }
    // Not counted (i runs on, but these have their own domain).
    for k in (0..10).filter(|_| before) {
        data.add_trajectory(&trajectory(
            day_of(y - 1, k),
            Some((date(y - 1, 12, 31), End::Grew, true)),
            vec!["justitie".into()],
            "65+",
            None,
        ));
    }

    // Activities: 40 activities with 677 held meetings, the first 151 of
    // them with 26 participants, the rest 25 (17,076); a planned meeting
    // in the year and a held one the year after, which do not count.
    let mut meeting = 0;
    for a in 0..40 {
        let count = if a < 37 { 17 } else { 16 };
        let mut meetings: Vec<Meeting> = (0..count)
            .map(|k| {
                let participants = if meeting < 151 { 26 } else { 25 };
                meeting += 1;
                Meeting::held(day_of(y, a * 17 + k), participants, 2, 1)
            })
            .collect();
        meetings.push(Meeting::planned(date(y, 12, 30)));
        meetings.push(Meeting::held(date(y + 1, 1, 5), 99, 0, 0));
        let fields = ActivityFields {
            title: format!("Koffieochtend {a}"),
            activity_kind: ActivityKind::Activity,
            theme: "sociaal-netwerk".into(),
            location: if a % 2 == 0 {
                "wijkplein-centrum".into()
            } else {
                "wijkplein-noord".into()
            },
            survey: (a < 30).then(|| "groepsactiviteit".to_owned()),
            meetings,
        };
        data.add_activity(&format!("act-{y}-{a}"), &fields);
    }

    // Initiatives: 245 supported in the year (the first 92 with 19
    // participants, the rest 18: 4,502); 20 of them started the year
    // before with a support moment in it; 5 started the year before
    // without support in it, which do not count.
    for k in 0..245usize {
        let mut fields = InitiativeFields::new(
            "Buurtmoestuin",
            InitiativeKind::ResidentsInitiative,
            if k < 20 {
                day_of(prev, k)
            } else {
                day_of(y, k)
            },
        );
        fields.participants = if k < 92 { 19 } else { 18 };
        fields.status = InitiativeStatus::Running;
        if k < 20 {
            fields.support.push(SupportMoment {
                date: day_of(y, k),
                note: String::new(),
            });
        }
        data.add_initiative(&fields);
    }
    for k in (0..5).filter(|_| before) {
        let mut fields =
            InitiativeFields::new("Oud", InitiativeKind::YouthInitiative, day_of(y - 1, k));
        fields.participants = 1000;
        data.add_initiative(&fields);
    }

    // KTO: 18 marks, seventeen 9s and one 10 (163 / 18 = 9,06), with an
    // open answer each; one response the year after.
    for k in 0..18 {
        let mark = if k == 0 { 10 } else { 9 };
        let r = response(
            Template::Kto.id(),
            day_of(y, k * 3),
            &[
                ("cijfer", Answer::Number(mark)),
                ("goed", Answer::Text(format!("Fijn geholpen {k}"))),
            ],
        );
        data.add_response(&format!("kto-{y}-{k}"), &r);
    }
    data.add_response(
        &format!("kto-{y}-late"),
        &response(
            Template::Kto.id(),
            date(y + 1, 1, 2),
            &[("cijfer", Answer::Number(1))],
        ),
    );

    // Group activities: 416 questionnaires over the 30 activities with a
    // questionnaire, KPI answers as in `KPIS`.
    for r in 0..416u32 {
        let mut answers: Vec<(&str, Answer)> = KPIS
            .iter()
            .map(|(q, mean, high)| {
                let (lo, hi) = kpi_points(mean);
                (*q, Answer::Number(if r < *high { hi } else { lo }))
            })
            .collect();
        answers.push(("cijfer", Answer::Number(8)));
        let mut content = response(
            Template::GroupActivity.id(),
            day_of(y, r as usize),
            &answers,
        );
        content.activity = Some(format!("act-{y}-{}", r % 30));
        data.add_response(&format!("groep-{y}-{r}"), &content);
    }

    // Seed 001: 260 client survey responses; every statement of a theme
    // answered alike (see `THEMES`), the team mark half 7s, half 8s (7,5).
    let client = Template::ClientSurvey.definition();
    for r in 0..260u32 {
        let mut content = ResponseContent::new(&client.id, 1, day_of(y, r as usize), "nl");
        for section in &client.sections {
            let Some((_, mean, high)) = THEMES
                .iter()
                .find(|(t, _, _)| section.theme.as_deref() == Some(*t))
            else {
                continue;
            };
            let (lo, hi) = kpi_points(mean);
            for q in &section.questions {
                content.answers.insert(
                    q.id.clone(),
                    Answer::Number(if r < *high { hi } else { lo }),
                );
            }
        }
        content.answers.insert(
            "cijfer".into(),
            Answer::Number(if r % 2 == 0 { 7 } else { 8 }),
        );
        data.add_response(&format!("client-{y}-{r}"), &content);
    }
}

fn with_surveys(mut data: ReportData) -> ReportData {
    for def in templates::builtin() {
        data.add_survey(def);
    }
    data
}

fn seed_data() -> ReportData {
    let mut data = ReportData::default();
    seed_year(&mut data, 2024, true);
    with_surveys(data)
}

/// The figures seed 002 and seed 001 publish, checked on `f`.
fn assert_seed_figures(f: &Figures) {
    // Reach per support form.
    let reach = &f.reach;
    assert_eq!(reach.questions, Count::of(2309));
    assert_eq!(reach.support_forms.get("informatie-advies"), 2309);
    assert_eq!(reach.support_forms.get("collectieve-inzet"), 51);
    assert_eq!(reach.support_forms.get("individueel-traject"), 0);
    assert_eq!(reach.trajectories.n, 282);
    assert_eq!(reach.activities.meetings.n, 677);
    assert_eq!(reach.activities.participants.n, 17_076);
    assert_eq!(reach.activities.activities.n, 40);
    assert_eq!(reach.activities.with_survey.n, 30);
    assert_eq!(reach.activities.first_time.n, 677 * 2);
    assert_eq!(reach.initiatives.initiatives.n, 245);
    assert_eq!(reach.initiatives.participants.n, 4502);
    assert_eq!(reach.initiatives.support_moments.n, 20);

    // Trajectories.
    let t = &f.trajectories;
    assert_eq!(t.running.n, 282);
    assert_eq!(t.started.n, 145 + 120);
    assert_eq!(t.closed.n, 145);
    assert_eq!(t.growth.closed.n, 145);
    assert_eq!(t.growth.assessable.n, 139);
    assert_eq!(t.growth.with_growth.n, 102);
    assert_eq!(t.growth.share, Share::of(102, 139));
    assert_eq!(t.growth.share.tenths, Some(734));
    // Top-5 ZRM domains (seed 002's table), over the running trajectories.
    let top: Vec<(&str, u32)> = t
        .domains
        .top
        .iter()
        .map(|d| (d.code.as_str(), d.n))
        .collect();
    assert_eq!(
        top,
        [
            ("ouderschap", 215),
            ("geestelijke-gezondheid", 113),
            ("maatschappelijke-participatie", 105),
            ("sociaal-netwerk", 104),
            ("lichamelijke-gezondheid", 99),
        ]
    );
    // KTO: 18 marks averaging 9,06 out of 141 invited = 12,8%.
    let kto = survey(f, Template::Kto.id());
    assert!(kto.kto);
    assert_eq!(kto.responses.n, 18);
    assert_eq!(kto.invited, 141);
    assert_eq!(kto.response_rate, Some(Share::of(18, 141)));
    assert_eq!(kto.response_rate.unwrap().tenths, Some(128));
    let mark = kto.overall.unwrap();
    assert_eq!(mark.n, 18);
    assert!((mark.value - 163.0 / 18.0).abs() < 1e-12);
    assert_eq!(format_decimal_nl(mark.value, 2), "9,06");
    assert_eq!(kto.quotes.len(), 18);

    // Seed 002's nine KPIs over 416 questionnaires from 30 activities.
    let group = survey(f, Template::GroupActivity.id());
    assert_eq!(group.responses.n, 416);
    assert_eq!(group.activities.n, 30);
    assert_eq!(group.at_activities.n, 416);
    let kpis: Vec<String> = group
        .kpis
        .iter()
        .map(|k| one_decimal(k.mean.value))
        .collect();
    assert_eq!(
        kpis,
        ["8,2", "8,2", "8,1", "8,0", "7,9", "7,8", "7,7", "7,6", "7,6"]
    );
    assert_eq!(group.kpis[0].code, "erkend-voelen");
    assert!((group.kpis[0].mean.value - (7.75 + 2.25 * 83.0 / 416.0)).abs() < 1e-12);
    assert!(group.kpis.iter().all(|k| k.mean.n == 416 && !k.mean.small));

    // Seed 001's six theme means and the team mark.
    let client = survey(f, Template::ClientSurvey.id());
    assert_eq!(client.responses.n, 260);
    let themes: Vec<(&str, String)> = client
        .themes
        .iter()
        .map(|t| (t.code.as_str(), one_decimal(t.mean.value)))
        .collect();
    let expected: Vec<(&str, String)> = THEMES
        .iter()
        .map(|(t, mean, _)| (*t, (*mean).to_owned()))
        .collect();
    assert_eq!(themes, expected);
    assert_eq!(client.overall.unwrap().value, 7.5);
    assert_eq!(one_decimal(client.overall.unwrap().value), "7,5");
    // Its invited is the definition's (0: unknown), so no rate.
    assert_eq!(client.invited, 0);
    assert_eq!(client.response_rate, None);
}

#[test]
fn the_seed_year_reproduces_the_published_figures() {
    let data = seed_data();
    let report = compute(&data, &year(2024), &taxonomy());
    assert_seed_figures(&report.current);
    assert!(report.unlocated_kinds.is_empty());
    // Half handled directly, half referred (seed 000's share), of all
    // contacts in the year: 1,155 + 51 direct, 1,154 referred.
    let c = &report.current.contacts;
    assert_eq!(c.total.n, 2360);
    assert_eq!(c.direct, Share::of(1206, 2360));
    assert_eq!(c.referred.part, 1154);
    assert_eq!(c.referred.tenths, Some(489));
    assert_eq!(c.direct.tenths, Some(511));
    assert_eq!(c.referral_targets.get("wijkteam"), 1154);
    // The trajectories' referrers and age bands are of running ones.
    let t = &report.current.trajectories;
    assert_eq!(
        t.referrers.none.n,
        (0..282).filter(|i| i % 4 == 0).count() as u32
    );
    assert_eq!(t.referrers.get("huisarts") + t.referrers.none.n, 282);
    assert_eq!(t.age_bands.rows.iter().map(|r| r.n).sum::<u32>(), 282);
    assert_eq!(t.age_bands.get("18-22"), 94);
    // Growth means: financien 2 → 3 for the 102 that grew, 2 → 2 for 37.
    let fin = t.zrm.iter().find(|z| z.domain == "financien").unwrap();
    assert_eq!(fin.n, 139);
    assert_eq!(fin.begin, 2.0);
    assert!((fin.end - (2.0 + 102.0 / 139.0)).abs() < 1e-12);
    assert!(t.zrm.iter().all(|z| z.domain != "werk-opleiding"));
}

#[test]
fn the_contacts_top_five_counts_main_domains_and_groups_them() {
    let mut data = ReportData::default();
    let plan = [
        ("ouderschap", 215),
        ("geestelijke-gezondheid", 113),
        ("maatschappelijke-participatie", 105),
        ("sociaal-netwerk", 104),
        ("lichamelijke-gezondheid", 99),
        ("financien", 98),
        ("huisvesting", 7),
    ];
    let mut i = 0;
    for (domain, n) in plan {
        for _ in 0..n {
            // A second domain never counts as the main one.
            let c = C {
                domains: vec![domain, "justitie"],
                ..C::default()
            };
            c.add(&mut data, day_of(2024, i).and_hms_opt(9, 0, 0).unwrap());
            i += 1;
        }
    }
    let report = compute(&data, &year(2024), &taxonomy());
    let d = &report.current.contacts.domains;
    let top: Vec<(&str, u32)> = d.top.iter().map(|c| (c.code.as_str(), c.n)).collect();
    assert_eq!(top, plan[..5].to_vec());
    assert_eq!(d.all.len(), 7);
    assert_eq!(d.all[6].code, "huisvesting");
    assert!(d.all.iter().all(|c| c.code != "justitie"));
    let group = |code: &str| d.groups.iter().find(|g| g.code == code).unwrap().n;
    assert_eq!(group("zorg-hulp"), 113 + 99);
    assert_eq!(group("meedoen-meehelpen"), 105 + 104);
    assert_eq!(group("geld-administratie"), 98);
    assert_eq!(group("wonen-vervoer"), 7);
    assert_eq!(group("jeugd-gezin"), 0);
    // "ouderschap" is the organisation's own domain, in no group.
    assert_eq!(d.ungrouped, Count::of(215));
    assert_eq!(d.groups.len(), Taxonomy::builtin().domain_groups.len());
}

#[test]
fn a_second_year_changes_none_of_the_first_years_figures() {
    let one = seed_data();
    let mut data = ReportData::default();
    seed_year(&mut data, 2024, true);
    // The next year, with other numbers: more KTO invitations and marks.
    seed_year(&mut data, 2025, false);
    for k in 0..7 {
        data.add_trajectory(&trajectory(
            date(2025, 3, 1),
            Some((date(2025, 6, 1), End::Grew, true)),
            vec!["financien".into()],
            "65+",
            None,
        ));
        data.add_response(
            &format!("extra-{k}"),
            &response(
                Template::Kto.id(),
                date(2025, 6, 2),
                &[("cijfer", Answer::Number(2))],
            ),
        );
    }
    let data = with_surveys(data);
    let alone = compute(&one, &year(2024), &taxonomy());
    let both = compute(&data, &year(2024), &taxonomy());
    assert_eq!(both.current, alone.current);
    assert_seed_figures(&both.current);

    // The next year's report: its previous period is 2024 exactly.
    let next = compute(&data, &year(2025), &taxonomy());
    assert_eq!(next.previous, alone.current);
    assert_eq!(next.current.period, Period::year(2025).unwrap());
    // 2025's KTO: its own 18, 2024's late one (2 January) and the 7 extra,
    // of its own 141 invited and the 7 extra; 2024's 141 are not counted.
    let kto = survey(&next.current, Template::Kto.id());
    assert_eq!(kto.responses.n, 18 + 1 + 7);
    assert_eq!(kto.invited, 141 + 7);
    assert_eq!(kto.response_rate.unwrap().tenths, Some(176));
    // 2025's running trajectories: its own 282, the 7 extra, and the 137
    // of 2024 that never closed (120 started in 2024, 17 in 2023).
    assert_eq!(next.current.trajectories.running.n, 282 + 7 + 137);
    assert_eq!(next.current.trajectories.closed.n, 145 + 7);
    // 2025's contacts: its own 2,360 and 2024's one on 1 January.
    assert_eq!(next.current.contacts.total.n, 2361);
}

#[test]
fn marks_per_channel_of_seed_000() {
    // Callers give an 8, wijkplein visitors a 9,3.
    let mut data = ReportData::default();
    let id = Template::WijkpleinVisit.id();
    for k in 0..10u8 {
        let mut r = response(id, date(2024, 5, 1), &[("cijfer", Answer::Number(8))]);
        r.channel = Some("telefoon".into());
        r.location = Some("telefoon".into());
        data.add_response(&format!("tel-{k}"), &r);
        let mark = if k < 7 { 9 } else { 10 };
        let mut r = response(id, date(2024, 5, 2), &[("cijfer", Answer::Number(mark))]);
        r.channel = Some("inloop".into());
        r.location = Some("wijkplein-zuid".into());
        data.add_response(&format!("inloop-{k}"), &r);
    }
    let data = with_surveys(data);
    let report = compute(&data, &year(2024), &taxonomy());
    let s = survey(&report.current, id);
    let per: Vec<(&str, String, u32)> = s
        .per_channel
        .iter()
        .map(|c| (c.code.as_str(), one_decimal(c.mean.value), c.mean.n))
        .collect();
    // In the taxonomy's order: inloop before telefoon.
    assert_eq!(
        per,
        [
            ("inloop", "9,3".to_owned(), 10),
            ("telefoon", "8,0".to_owned(), 10)
        ]
    );
    let per: Vec<(&str, String)> = s
        .per_location
        .iter()
        .map(|c| (c.code.as_str(), one_decimal(c.mean.value)))
        .collect();
    assert_eq!(
        per,
        [
            ("wijkplein-zuid", "9,3".to_owned()),
            ("telefoon", "8,0".to_owned())
        ]
    );
    assert_eq!(one_decimal(s.overall.unwrap().value), "8,7"); // 173 / 20 = 8,65
}

// ---------------------------------------------------------------- periods

#[test]
fn months_quarters_years_and_custom_periods() {
    let feb = Period::month(2024, 2).unwrap();
    assert_eq!(
        (feb.from, feb.to, feb.days()),
        (date(2024, 2, 1), date(2024, 2, 29), 29)
    );
    assert_eq!(Period::month(2023, 2).unwrap().days(), 28);
    assert_eq!(Period::month(2024, 12).unwrap().to, date(2024, 12, 31));
    assert_eq!(Period::month(2024, 13), None);
    assert_eq!(Period::month(2024, 0), None);
    let q = Period::quarter(2024, 1).unwrap();
    assert_eq!(
        (q.kind, q.from, q.to, q.days()),
        (PeriodKind::Quarter, date(2024, 1, 1), date(2024, 3, 31), 91)
    );
    let q4 = Period::quarter(2023, 4).unwrap();
    assert_eq!((q4.from, q4.to), (date(2023, 10, 1), date(2023, 12, 31)));
    assert_eq!(Period::quarter(2024, 0), None);
    assert_eq!(Period::quarter(2024, 5), None);
    assert_eq!(Period::year(2024).unwrap().days(), 366);
    assert_eq!(Period::year(2023).unwrap().days(), 365);
    assert_eq!(Period::year(1900).unwrap().days(), 365);
    assert_eq!(Period::year(2000).unwrap().days(), 366);
    let c = Period::custom(date(2024, 2, 20), date(2024, 3, 5)).unwrap();
    assert_eq!((c.kind, c.days()), (PeriodKind::Custom, 15));
    assert_eq!(Period::custom(date(2024, 3, 5), date(2024, 2, 20)), None);
    assert_eq!(
        Period::custom(date(2024, 3, 5), date(2024, 3, 5))
            .unwrap()
            .days(),
        1
    );
}

#[test]
fn the_previous_period_has_the_same_length_directly_before() {
    let prev = |p: Period| {
        let b = p.previous();
        (b.kind, b.from, b.to)
    };
    assert_eq!(
        prev(Period::month(2024, 3).unwrap()),
        (PeriodKind::Month, date(2024, 2, 1), date(2024, 2, 29))
    );
    assert_eq!(
        prev(Period::month(2024, 1).unwrap()),
        (PeriodKind::Month, date(2023, 12, 1), date(2023, 12, 31))
    );
    assert_eq!(
        prev(Period::quarter(2024, 1).unwrap()),
        (PeriodKind::Quarter, date(2023, 10, 1), date(2023, 12, 31))
    );
    assert_eq!(
        prev(Period::quarter(2024, 3).unwrap()),
        (PeriodKind::Quarter, date(2024, 4, 1), date(2024, 6, 30))
    );
    assert_eq!(
        prev(Period::year(2025).unwrap()),
        (PeriodKind::Year, date(2024, 1, 1), date(2024, 12, 31))
    );
    // Custom: the same number of days, ending the day before; over 29 Feb.
    let c = Period::custom(date(2024, 3, 1), date(2024, 3, 10)).unwrap();
    assert_eq!(
        prev(c),
        (PeriodKind::Custom, date(2024, 2, 20), date(2024, 2, 29))
    );
    assert_eq!(c.previous().days(), c.days());
    let one = Period::custom(date(2024, 1, 1), date(2024, 1, 1)).unwrap();
    assert_eq!(
        prev(one),
        (PeriodKind::Custom, date(2023, 12, 31), date(2023, 12, 31))
    );
}

#[test]
fn a_period_contains_both_ends() {
    let q = Period::quarter(2024, 2).unwrap();
    assert!(q.contains(date(2024, 4, 1)));
    assert!(q.contains(date(2024, 6, 30)));
    assert!(q.contains(date(2024, 5, 15)));
    assert!(!q.contains(date(2024, 3, 31)));
    assert!(!q.contains(date(2024, 7, 1)));
    let feb = Period::month(2024, 2).unwrap();
    assert!(feb.contains(date(2024, 2, 29)));
    assert!(!Period::month(2023, 2).unwrap().contains(date(2023, 3, 1)));
    let c = Period::custom(date(2024, 2, 20), date(2024, 3, 5)).unwrap();
    assert_eq!(c.months(), [(2024, 2), (2024, 3)]);
    assert_eq!(Period::year(2024).unwrap().months().len(), 12);
}

// ---------------------------------------------------------------- contacts

#[test]
fn contacts_per_month_are_zero_filled_and_on_a_weekday_hour_grid() {
    let mut data = ReportData::default();
    // Monday 1 January 2024 at 09:15, twice; Sunday 3 March at 23:15.
    C::default().add(&mut data, at(2024, 1, 1, 9));
    C::default().add(&mut data, at(2024, 1, 1, 9));
    C::default().add(&mut data, at(2024, 3, 3, 23));
    // Outside the quarter: 31 December and 1 April.
    C::default().add(&mut data, at(2023, 12, 31, 12));
    C::default().add(&mut data, at(2024, 4, 1, 12));
    let scope = Scope::all(Period::quarter(2024, 1).unwrap());
    let report = compute(&data, &scope, &taxonomy());
    let c = &report.current.contacts;
    assert_eq!(c.total.n, 3);
    let months: Vec<(i32, u32, u32)> = c.per_month.iter().map(|m| (m.year, m.month, m.n)).collect();
    assert_eq!(months, [(2024, 1, 2), (2024, 2, 0), (2024, 3, 1)]);
    assert!(c.per_month[0].small && !c.per_month[1].small);
    assert_eq!(c.weekday_hour.len(), 7);
    assert!(c.weekday_hour.iter().all(|row| row.len() == 24));
    assert_eq!(c.weekday_hour[0][9], Count::of(2));
    assert_eq!(c.weekday_hour[6][23], Count::of(1));
    let total: u32 = c.weekday_hour.iter().flatten().map(|c| c.n).sum();
    assert_eq!(total, 3);
    // The previous quarter has the December contact.
    let p = &report.previous.contacts;
    assert_eq!(p.total.n, 1);
    assert_eq!(
        p.per_month.iter().map(|m| m.n).collect::<Vec<_>>(),
        [0, 0, 1]
    );
    assert_eq!(p.weekday_hour[6][12].n, 1); // 31-12-2023 was a Sunday
}

#[test]
fn contacts_per_channel_referrer_awareness_and_target_group() {
    let mut data = ReportData::default();
    let base = C {
        channel: "telefoon",
        referrer: Some("huisarts"),
        awareness: Some("campagne"),
        groups: vec!["jongere", "anderstalig"],
        referred: Some("gemeente"),
        ..C::default()
    };
    for _ in 0..6 {
        base.add(&mut data, at(2024, 6, 3, 10));
    }
    C::default().add(&mut data, at(2024, 6, 3, 10));
    C {
        channel: "oude-lijn",
        ..C::default()
    }
    .add(&mut data, at(2024, 6, 3, 10));
    let report = compute(&data, &year(2024), &taxonomy());
    let c = &report.current.contacts;
    // Every offered channel in the list's order, then unknown codes.
    let channels: Vec<(&str, u32)> = c
        .channels
        .rows
        .iter()
        .map(|r| (r.code.as_str(), r.n))
        .collect();
    assert_eq!(
        channels,
        [
            ("inloop", 1),
            ("telefoon", 6),
            ("online", 0),
            ("huisbezoek", 0),
            ("outreach", 0),
            ("oude-lijn", 1)
        ]
    );
    assert_eq!(c.referrers.get("huisarts"), 6);
    assert_eq!(c.referrers.none, Count::of(2));
    assert_eq!(c.awareness.get("campagne"), 6);
    assert_eq!(c.target_groups.get("jongere"), 6);
    assert_eq!(c.target_groups.get("anderstalig"), 6);
    assert_eq!(c.target_groups.get("laaggeletterd"), 0);
    assert_eq!(c.target_groups.none.n, 2);
    assert_eq!(c.referral_targets.get("gemeente"), 6);
    assert_eq!(c.direct, Share::of(2, 8));
    assert_eq!(c.direct.tenths, Some(250));
    assert_eq!(c.referred.tenths, Some(750));
    assert_eq!(c.locations.get("wijkplein-centrum"), 8);
}

// ---------------------------------------------------------------- locations

#[test]
fn the_location_filter_selects_located_records_and_names_the_unlocated() {
    let mut data = ReportData::default();
    seed_year(&mut data, 2024, true);
    let mut kto = response(
        Template::Kto.id(),
        date(2024, 3, 3),
        &[("cijfer", Answer::Number(5))],
    );
    kto.location = Some("wijkplein-noord".into());
    data.add_response("kto-noord", &kto);
    let data = with_surveys(data);
    let all = compute(&data, &year(2024), &taxonomy());
    let noord = Scope {
        period: Period::year(2024).unwrap(),
        locations: vec!["wijkplein-noord".into()],
    };
    let report = compute(&data, &noord, &taxonomy());
    let f = &report.current;
    // Contacts: every third question is at Noord (770 of 2,309).
    assert_eq!(f.reach.questions.n, 770);
    assert_eq!(f.contacts.total.n, 770);
    assert_eq!(f.contacts.locations.rows.len(), 1);
    assert_eq!(f.contacts.locations.get("wijkplein-noord"), 770);
    // Activities: the odd ones (20), 17 or 16 meetings each.
    assert_eq!(f.reach.activities.activities.n, 20);
    assert_eq!(f.reach.activities.meetings.n, 18 * 17 + 2 * 16);
    // Group questionnaires take their activity's location: 15 of the 30.
    let group = survey(f, Template::GroupActivity.id());
    assert_eq!(group.activities.n, 15);
    assert!(group
        .per_location
        .iter()
        .all(|l| l.code == "wijkplein-noord"));
    // Trajectories and initiatives have no location: all of them count.
    assert_eq!(f.reach.trajectories, all.current.reach.trajectories);
    assert_eq!(f.reach.initiatives, all.current.reach.initiatives);
    // The KTO: the 18 without location count, plus Noord's own one.
    let kto = survey(f, Template::Kto.id());
    assert_eq!(kto.responses.n, 19);
    assert_eq!(kto.invited, 141);
    assert_eq!(
        report.unlocated_kinds,
        [
            Unlocated::Trajectories,
            Unlocated::Initiatives,
            Unlocated::SurveyResponses
        ]
    );
    // Another location: Noord's KTO response is left out.
    let zuid = Scope {
        period: Period::year(2024).unwrap(),
        locations: vec!["wijkplein-zuid".into()],
    };
    let z = compute(&data, &zuid, &taxonomy());
    assert_eq!(z.current.contacts.total.n, 0);
    assert_eq!(survey(&z.current, Template::Kto.id()).responses.n, 18);
    assert!(z.current.survey(Template::GroupActivity.id()).is_none());
    // Several locations add up.
    let both = Scope {
        period: Period::year(2024).unwrap(),
        locations: vec!["wijkplein-noord".into(), "wijkplein-centrum".into()],
    };
    let b = compute(&data, &both, &taxonomy());
    assert_eq!(b.current.contacts.total, all.current.contacts.total);
    assert_eq!(b.current.contacts.per_month, all.current.contacts.per_month);
    assert_eq!(b.current.reach.activities, all.current.reach.activities);
    assert_eq!(b.current.contacts.locations.rows.len(), 2);
}

// ---------------------------------------------------------------- small cells

#[test]
fn small_cells_are_marked_and_zero_is_not_small() {
    assert!(!is_small_count(0));
    assert!((1..=4).all(is_small_count));
    assert!(!is_small_count(5));
    assert_eq!(MIN_GROUP, 5);
    assert_eq!(Share::of(0, 0).tenths, None);
    assert!(!Share::of(0, 0).small);
    assert!(Share::of(1, 4).small);
    assert!(!Share::of(1, 5).small);
    assert_eq!(Share::of(1, 8).tenths, Some(125)); // 12,5 exactly
    assert_eq!(Share::of(1, 3).tenths, Some(333));
    assert_eq!(Share::of(2, 3).tenths, Some(667));

    let mut data = ReportData::default();
    for k in 0..4 {
        C::default().add(&mut data, at(2024, 2, 5, 10));
        data.add_response(
            &format!("r{k}"),
            &response(
                Template::Kto.id(),
                date(2024, 2, 5),
                &[("cijfer", Answer::Number(7))],
            ),
        );
    }
    for _ in 0..5 {
        C {
            channel: "telefoon",
            ..C::default()
        }
        .add(&mut data, at(2024, 2, 5, 10));
    }
    // 4 closed trajectories: the growth share and ZRM means are small.
    for _ in 0..4 {
        data.add_trajectory(&trajectory(
            date(2024, 1, 2),
            Some((date(2024, 2, 1), End::Grew, true)),
            vec!["financien".into()],
            "65+",
            None,
        ));
    }
    let data = with_surveys(data);
    let report = compute(&data, &year(2024), &taxonomy());
    let f = &report.current;
    let row = |code: &str| {
        f.contacts
            .channels
            .rows
            .iter()
            .find(|r| r.code == code)
            .unwrap()
            .clone()
    };
    assert!(row("inloop").small && row("inloop").n == 4);
    assert!(!row("telefoon").small);
    assert!(!row("online").small && row("online").n == 0);
    assert_eq!(f.contacts.total, Count { n: 9, small: false });
    let kto = survey(f, Template::Kto.id());
    assert_eq!(kto.responses, Count { n: 4, small: true });
    assert!(kto.overall.unwrap().small);
    assert!(kto.response_rate.unwrap().small); // 4 of 4 invited
    assert!(f.trajectories.growth.share.small);
    assert!(f.trajectories.zrm.iter().all(|z| z.small && z.n == 4));
    // Nothing in the previous year: zeros, none of them small.
    let p = &report.previous;
    assert_eq!(p.contacts.total, Count { n: 0, small: false });
    assert!(p.surveys.is_empty());
}

// ---------------------------------------------------------------- quotes

#[test]
fn open_answers_are_quotes_newest_first() {
    let mut data = ReportData::default();
    let id = Template::Kto.id();
    let mut r = response(
        id,
        date(2024, 3, 1),
        &[
            ("cijfer", Answer::Number(9)),
            ("goed", Answer::Text("Snel geholpen".into())),
            ("beter", Answer::Text("  ".into())),
        ],
    );
    r.location = Some("wijkplein-oost".into());
    data.add_response("a1", &r);
    let mut in_turkish = response(
        id,
        date(2024, 9, 1),
        &[("beter", Answer::Text("Langer open".into()))],
    );
    in_turkish.lang = "tr".into();
    data.add_response("b2", &in_turkish);
    let data = with_surveys(data);
    let report = compute(&data, &year(2024), &taxonomy());
    let quotes = &survey(&report.current, id).quotes;
    let got: Vec<(&str, &str, &str, Option<&str>)> = quotes
        .iter()
        .map(|q| {
            (
                q.key.as_str(),
                q.question.as_str(),
                q.text.as_str(),
                q.location.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("b2/beter", "beter", "Langer open", None),
            ("a1/goed", "goed", "Snel geholpen", Some("wijkplein-oost")),
        ]
    );
    assert!(quotes.iter().all(|q| q.survey == id));
    assert_eq!(quotes[0].date, date(2024, 9, 1));
    // Each quote keeps the language it was written in (WCAG 3.1.2).
    let langs: Vec<&str> = quotes.iter().map(|q| q.lang.as_str()).collect();
    assert_eq!(langs, ["tr", "nl"]);
}

// ---------------------------------------------------------------- data

#[test]
fn empty_data_gives_zeros_everywhere() {
    let data = ReportData::default();
    assert!(data.is_empty());
    assert_eq!(data.len(), 0);
    let report = compute(&data, &year(2024), &taxonomy());
    let f = &report.current;
    assert_eq!(f.reach.questions, Count::default());
    assert_eq!(f.reach.trajectories.n, 0);
    assert_eq!(f.reach.activities.meetings.n, 0);
    assert_eq!(f.reach.initiatives.initiatives.n, 0);
    assert_eq!(f.contacts.per_month.len(), 12);
    assert!(f.contacts.per_month.iter().all(|m| m.n == 0 && !m.small));
    assert_eq!(f.contacts.direct.tenths, None);
    assert!(f.contacts.domains.top.is_empty());
    assert_eq!(f.trajectories.growth.share.tenths, None);
    assert!(f.trajectories.zrm.is_empty());
    assert!(f.surveys.is_empty());
    assert_eq!(report.previous.period, Period::year(2023).unwrap());
}

#[test]
fn the_data_counts_records_and_keeps_codes_interned() {
    let data = seed_data();
    assert_eq!(
        data.len(),
        2309 + 51 + 1 + 282 + 10 + 40 + 250 + 19 + 416 + 260
    );
    assert!(!data.is_empty());
    // Codes are few: the taxonomy's, ids of activities and surveys.
    assert!(data.codes.len() < 100, "{} codes", data.codes.len());
    let c = &data.contacts[0];
    assert_eq!(data.codes.name(data.domains(c)[0]), "financien");
    assert!(data.target_groups(c).is_empty());
    // A stored template version replaces the built-in one.
    let mut data = data;
    let mut kto = Template::Kto.definition();
    kto.invited = 500;
    data.add_survey(kto);
    assert_eq!(data.surveys[Template::Kto.id()].len(), 1);
    assert_eq!(data.surveys[Template::Kto.id()][0].invited, 500);
}

#[test]
fn the_report_crosses_to_the_page_as_json() {
    let data = seed_data();
    let report = compute(&data, &year(2024), &taxonomy());
    let json = serde_json::to_string(&report).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
    assert!(json.contains("\"kind\":\"year\""));
    assert!(json.contains("\"from\":\"2024-01-01\""));
}

#[test]
fn trajectories_at_the_edges_of_the_period() {
    let mut data = ReportData::default();
    let q = Period::quarter(2024, 2).unwrap();
    let add = |data: &mut ReportData, start, closed: Option<NaiveDate>| {
        let closing = closed.map(|d| (d, End::Grew, false));
        data.add_trajectory(&trajectory(
            start,
            closing,
            vec!["financien".into()],
            "65+",
            None,
        ));
    };
    add(&mut data, date(2024, 1, 5), Some(date(2024, 4, 1))); // closed on the first day
    add(&mut data, date(2024, 1, 5), Some(date(2024, 3, 31))); // closed the day before
    add(&mut data, date(2024, 6, 30), None); // started on the last day
    add(&mut data, date(2024, 7, 1), None); // started the day after
    add(&mut data, date(2023, 7, 1), None); // still running
    add(&mut data, date(2024, 4, 1), Some(date(2024, 6, 30))); // within
    let report = compute(&data, &Scope::all(q), &taxonomy());
    let t = &report.current.trajectories;
    assert_eq!(t.running.n, 4);
    assert_eq!(t.started.n, 2);
    assert_eq!(t.closed.n, 2);
    assert_eq!(t.growth.with_growth.n, 2);
    assert_eq!(t.domains.all[0].n, 4);
    let p = &report.previous.trajectories; // Q1: 1, 2 and 5 run; 2 closed
    assert_eq!((p.running.n, p.started.n, p.closed.n), (3, 2, 1));
}

#[test]
fn the_data_keeps_no_notes_titles_names_or_trajectory_codes() {
    let data = seed_data();
    let dump = format!("{data:?}");
    for text in [
        "een notitie",
        "Koffieochtend",
        "Buurtmoestuin",
        "TR-2345-67",
    ] {
        assert!(!dump.contains(text), "{text} is kept");
    }
    // What the figures need is there.
    assert!(dump.contains("wijkplein-noord") && dump.contains("Fijn geholpen 3"));
}

// ------------------------------------------- contacts read as stored text

/// The contacts store as the report reads it (one JSON array of stored
/// records) gives the same compact data as the decoded contacts: current
/// ones read for their codes (escaped strings included), an older layout
/// through its upgrade, tombstones and records that do not read left out.
#[test]
fn stored_contacts_are_read_as_the_decoded_ones() {
    use serde_json::json;
    use wijkpeil::domain::contact::Contact;
    use wijkpeil::domain::entry::Record;
    let current = |n: u32, extra: serde_json::Value| {
        let mut record = json!({
            "id": format!("019b770b-2d93-74bc-aafa-4bf7db56{n:04}"),
            "kind": "contact", "schema_version": 2, "revision": 1, "shipped_revision": 0,
            "created_at": "2026-03-04T10:15:00.000Z", "updated_at": "2026-03-04T10:15:00.000Z",
            "device_id": "tablet-noord", "deleted": false,
            "location": "wijkplein-noord", "occurred_at": "2026-03-04T10:00:00.000Z",
            "channel": "inloop", "support_form": "informatie-advies",
            "domains": ["financien", "wonen"], "outcome": { "kind": "direct" },
            "referrer": null, "awareness": "folder", "target_groups": ["jongeren"],
            "duration_minutes": 5, "note": "wpenc1:AAAA:BBBB", "initials": "",
            "pending": 1,
        });
        for (key, value) in extra.as_object().unwrap() {
            record[key] = value.clone();
        }
        record
    };
    let records = vec![
        current(1, json!({})),
        current(
            2,
            json!({ "outcome": { "kind": "referred", "to": "schuld\"hulp" }, "channel": "tele\u{fc}foon", "referrer": "huisarts" }),
        ),
        current(3, json!({ "deleted": true })),
        current(4, json!({ "outcome": { "kind": "elders" } })),
        json!({ "id": "019b770b-2d93-74bc-aafa-4bf7db560005", "kind": "contact", "pending": 2 }),
        json!({
            "id": "019b770b-2d93-74bc-aafa-4bf7db560006", "kind": "contact", "schema_version": 1,
            "created_at": "2025-03-04T10:15:00.000Z", "updated_at": "2025-03-05T08:00:00.000Z",
            "device_id": "tablet-noord", "revision": 3, "location": "wijkplein-noord",
            "occurred_at": "2025-03-04T10:00:00.000Z", "channel": "inloop",
            "domain": "financien", "referred_to": "gemeente", "note": "", "initials": "JdV",
        }),
        current(7, json!({ "occurred_at": "2026-03-04T23:30:00.000Z" })),
    ];
    let to_local =
        |utc: chrono::DateTime<chrono::Utc>| utc.naive_utc() + chrono::Duration::hours(1);

    let array = serde_json::Value::Array(records.clone()).to_string();
    let mut read = ReportData::default();
    let older = read.add_stored_contacts(&array, to_local).unwrap();
    // The caller reads the older layout whole (here: decodes its text).
    assert_eq!(older, ["019b770b-2d93-74bc-aafa-4bf7db560006"]);
    let whole = Contact::from_stored(&records[5].to_string())
        .unwrap()
        .record;
    read.add_contact(&whole.fields, to_local(whole.fields.occurred_at));

    // As the decoded contacts, the older one last (read after the others).
    let mut decoded = ReportData::default();
    let mut live = Vec::new();
    for record in records
        .iter()
        .filter(|r| r != &&records[5])
        .chain([&records[5]])
    {
        if let Ok(contact) = Contact::from_stored(&record.to_string()) {
            let contact = contact.record;
            decoded.add_contact(&contact.fields, to_local(contact.fields.occurred_at));
            live.push(contact.meta.id.to_string());
        }
    }
    assert_eq!(live.len(), 4, "1, 2, 7 and the older layout: {live:?}");
    assert_eq!(read.contacts.len(), 4);
    let names = |data: &ReportData| -> Vec<String> {
        (1..=data.codes.len())
            .map(|i| {
                data.codes
                    .name(wijkpeil::domain::report::data::Code::from_index(i))
                    .to_string()
            })
            .collect()
    };
    assert_eq!(names(&read), names(&decoded));
    assert_eq!(names(&read)[7..9], ["tele\u{fc}foon", "schuld\"hulp"]);
    assert_eq!(
        format!("{:?}", read.contacts),
        format!("{:?}", decoded.contacts)
    );
    assert_eq!(read.lists, decoded.lists);
    assert!(read.add_stored_contacts("[{", to_local).is_err());
}
