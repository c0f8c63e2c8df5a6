//! The jaarbeeld's blocks: each turns a part of the `Report` into tables
//! (this period beside the previous one) and charts, labelled from the
//! lists in effect, the survey definitions and the translations. No
//! figure is computed here: counts, shares and means come from
//! `domain::report::figures`, rounding and small cells from
//! `domain::report::table`.

use super::chart::{BarChart, Point, TrendChart};
use crate::app::I18n;
use crate::components::{ChartRow, ZrmChart};
use crate::domain::report::figures::{
    Breakdown, CodeMean, Count, Domains, Figures, Report, Share, SurveyFigures, Unlocated,
};
use crate::domain::report::period::{Period, PeriodKind};
use crate::domain::report::table::{Cell, Table, Value};
use crate::domain::survey::model::SurveyDefinition;
use crate::domain::taxonomy::{label, Taxonomy, Term};
use crate::domain::timefmt::dutch_date;
use crate::domain::trajectory::AgeBands;
use crate::i18n::{fill, Key};
use chrono::Datelike;
use leptos::prelude::*;

/// One block of the report.
pub struct Section {
    pub id: String,
    pub title: String,
    pub intro: Option<String>,
    pub charts: AnyView,
    pub tables: Vec<Table>,
    /// Shown after the tables (a survey's quotes).
    pub after: AnyView,
}

const MONTH_KEYS: [Key; 12] = [
    Key::ReportMonth1,
    Key::ReportMonth2,
    Key::ReportMonth3,
    Key::ReportMonth4,
    Key::ReportMonth5,
    Key::ReportMonth6,
    Key::ReportMonth7,
    Key::ReportMonth8,
    Key::ReportMonth9,
    Key::ReportMonth10,
    Key::ReportMonth11,
    Key::ReportMonth12,
];

const WEEKDAY_KEYS: [Key; 7] = [
    Key::ReportMonday,
    Key::ReportTuesday,
    Key::ReportWednesday,
    Key::ReportThursday,
    Key::ReportFriday,
    Key::ReportSaturday,
    Key::ReportSunday,
];

/// The name of month `m` (1–12).
pub fn month_name(i18n: I18n, m: u32) -> &'static str {
    i18n.t(MONTH_KEYS[(m.clamp(1, 12) - 1) as usize])
}

/// The period as a heading reads it: "2026", "K3 2026", "maart 2026",
/// "1-3-2026 t/m 31-5-2026".
pub fn period_text(i18n: I18n, period: &Period) -> String {
    match period.kind {
        PeriodKind::Year => period.from.year().to_string(),
        PeriodKind::Quarter => format!("K{} {}", period.from.month0() / 3 + 1, period.from.year()),
        PeriodKind::Month => format!(
            "{} {}",
            month_name(i18n, period.from.month()),
            period.from.year()
        ),
        PeriodKind::Custom => fill(
            i18n.t(Key::ReportFromTo),
            &[
                ("from", &dutch_date(period.from)),
                ("to", &dutch_date(period.to)),
            ],
        ),
    }
}

/// The period in a file name: `2026`, `2026-k3`, `2026-03`,
/// `2026-03-01-2026-05-31`.
pub fn period_slug(period: &Period) -> String {
    let ymd = crate::domain::report::form::ymd;
    match period.kind {
        PeriodKind::Year => period.from.year().to_string(),
        PeriodKind::Quarter => format!("{}-k{}", period.from.year(), period.from.month0() / 3 + 1),
        PeriodKind::Month => format!("{}-{:02}", period.from.year(), period.from.month()),
        PeriodKind::Custom => format!("{}-{}", ymd(period.from), ymd(period.to)),
    }
}

/// What the blocks share: the translations, the lists, the two periods'
/// names for the column headings.
struct Ctx<'a> {
    i18n: I18n,
    taxonomy: &'a Taxonomy,
    now: String,
    before: String,
}

impl Ctx<'_> {
    fn t(&self, key: Key) -> String {
        self.i18n.t(key).to_owned()
    }

    fn table(&self, id: &str, title: Key, columns: Vec<String>, rows: Vec<Vec<Cell>>) -> Table {
        Table {
            id: id.to_owned(),
            title: self.t(title),
            columns,
            rows,
            note: None,
        }
    }

    /// Heading, this period, the previous period.
    fn two_periods(&self, first: Key) -> Vec<String> {
        vec![self.t(first), self.now.clone(), self.before.clone()]
    }
}

fn count(c: &Count) -> Cell {
    Cell::count(u64::from(c.n))
}

fn share_cell(share: &Share) -> Cell {
    match share.tenths {
        Some(tenths) => Cell::percent(tenths, u64::from(share.of)),
        None => Cell::empty(),
    }
}

/// The rows of a breakdown, this period's order first, then codes only
/// the previous period had, then "not filled in" when any record had none.
fn breakdown_rows(
    ctx: &Ctx,
    now: &Breakdown,
    before: &Breakdown,
    name: &dyn Fn(&str) -> String,
) -> Vec<Vec<Cell>> {
    let mut codes: Vec<&str> = now.rows.iter().map(|r| r.code.as_str()).collect();
    for row in &before.rows {
        if !codes.contains(&row.code.as_str()) {
            codes.push(&row.code);
        }
    }
    let mut rows: Vec<Vec<Cell>> = codes
        .into_iter()
        .map(|code| {
            vec![
                Cell::text(name(code)),
                Cell::count(u64::from(now.get(code))),
                Cell::count(u64::from(before.get(code))),
            ]
        })
        .collect();
    if now.none.n > 0 || before.none.n > 0 {
        rows.push(vec![
            Cell::text(ctx.t(Key::ReportNotFilledIn)),
            count(&now.none),
            count(&before.none),
        ]);
    }
    rows
}

/// A count cell's number, 0 for any other.
fn count_of(cell: &Cell) -> u64 {
    match cell.value {
        Value::Count(n) => n,
        _ => 0,
    }
}

fn bars(rows: &[Vec<Cell>]) -> Vec<Point> {
    rows.iter()
        .map(|row| Point {
            label: row[0].display_nl(),
            current: count_of(&row[1]),
            previous: count_of(&row[2]),
        })
        .collect()
}

fn term_name<'a>(terms: &'a [Term], lang: &'a str) -> impl Fn(&str) -> String + 'a {
    move |code| label(terms, code, lang).to_owned()
}

/// Every block of `report`, in the order of a jaarbeeld.
pub fn sections(
    report: &Report,
    i18n: I18n,
    taxonomy: &Taxonomy,
    surveys: &[SurveyDefinition],
    age_bands: &AgeBands,
) -> Vec<Section> {
    let ctx = Ctx {
        i18n,
        taxonomy,
        now: period_text(i18n, &report.current.period),
        before: period_text(i18n, &report.previous.period),
    };
    let (now, before) = (&report.current, &report.previous);
    let mut out = vec![
        reach(&ctx, now, before),
        contacts(&ctx, now, before),
        domains(&ctx, now, before),
        trajectories(&ctx, now, before, age_bands),
    ];
    let surveys_at = out.len();
    out.extend(survey_sections(&ctx, report, surveys));
    // Sealed answers this device cannot open are in no figure: say so
    // where the surveys begin.
    if report.unopened_answers > 0 {
        let note = crate::i18n::count(
            i18n.locale(),
            Key::ReportUnopenedAnswers,
            report.unopened_answers,
        );
        let at = if out.len() > surveys_at {
            surveys_at
        } else {
            0
        };
        if let Some(section) = out.get_mut(at) {
            section.intro = Some(match section.intro.take() {
                Some(intro) => format!("{intro} {note}"),
                None => note,
            });
        }
    }
    if !report.unlocated_kinds.is_empty() {
        let kinds: Vec<String> = report
            .unlocated_kinds
            .iter()
            .map(|k| {
                ctx.t(match k {
                    Unlocated::Trajectories => Key::ReportUnlocatedTrajectories,
                    Unlocated::Initiatives => Key::ReportUnlocatedInitiatives,
                    Unlocated::SurveyResponses => Key::ReportUnlocatedResponses,
                })
            })
            .collect();
        if let Some(first) = out.first_mut() {
            first.intro = Some(fill(
                i18n.t(Key::ReportUnlocatedNote),
                &[("kinds", &kinds.join(", "))],
            ));
        }
    }
    out
}

fn reach(ctx: &Ctx, now: &Figures, before: &Figures) -> Section {
    let row = |key: Key, a: &Count, b: &Count| vec![Cell::text(ctx.t(key)), count(a), count(b)];
    let (a, b) = (&now.reach, &before.reach);
    let rows = vec![
        row(Key::ReportReachQuestions, &a.questions, &b.questions),
        row(
            Key::ReportReachTrajectories,
            &a.trajectories,
            &b.trajectories,
        ),
        row(
            Key::ReportReachMeetings,
            &a.activities.meetings,
            &b.activities.meetings,
        ),
        row(
            Key::ReportReachMeetingParticipants,
            &a.activities.participants,
            &b.activities.participants,
        ),
        row(
            Key::ReportReachInitiatives,
            &a.initiatives.initiatives,
            &b.initiatives.initiatives,
        ),
        row(
            Key::ReportReachInitiativeParticipants,
            &a.initiatives.participants,
            &b.initiatives.participants,
        ),
    ];
    let mut table = ctx.table(
        "bereik",
        Key::ReportReachTitle,
        ctx.two_periods(Key::ReportSupportForm),
        rows,
    );
    table.note = Some(ctx.t(Key::ReportReachNote));
    Section {
        id: "reach".into(),
        title: ctx.t(Key::ReportReachTitle),
        intro: None,
        charts: ().into_any(),
        tables: vec![table],
        after: ().into_any(),
    }
}

fn contacts(ctx: &Ctx, now: &Figures, before: &Figures) -> Section {
    let (a, b) = (&now.contacts, &before.contacts);
    let lang = ctx.i18n.lang();
    let months: Vec<Vec<Cell>> = a
        .per_month
        .iter()
        .enumerate()
        .map(|(i, m)| {
            vec![
                Cell::text(format!("{} {}", month_name(ctx.i18n, m.month), m.year)),
                Cell::count(u64::from(m.n)),
                Cell::count(b.per_month.get(i).map_or(0, |p| u64::from(p.n))),
            ]
        })
        .collect();
    let trend = bars(&months);
    let channel_rows = breakdown_rows(
        ctx,
        &a.channels,
        &b.channels,
        &term_name(&ctx.taxonomy.channels, lang),
    );
    let channel_bars = bars(&channel_rows);
    let location_rows = breakdown_rows(
        ctx,
        &a.locations,
        &b.locations,
        &term_name(&ctx.taxonomy.locations, lang),
    );
    let outcome_rows = vec![
        vec![
            Cell::text(ctx.t(Key::ReportDirect)),
            Cell::count(u64::from(a.direct.part)),
            share_cell(&a.direct),
            Cell::count(u64::from(b.direct.part)),
            share_cell(&b.direct),
        ],
        vec![
            Cell::text(ctx.t(Key::ReportReferred)),
            Cell::count(u64::from(a.referred.part)),
            share_cell(&a.referred),
            Cell::count(u64::from(b.referred.part)),
            share_cell(&b.referred),
        ],
    ];
    let share_heading = |period: &str| fill(ctx.i18n.t(Key::ReportShareOf), &[("period", period)]);
    let outcome_columns = vec![
        ctx.t(Key::ReportOutcome),
        ctx.now.clone(),
        share_heading(&ctx.now),
        ctx.before.clone(),
        share_heading(&ctx.before),
    ];
    let hours: Vec<usize> = (0..24)
        .filter(|h| {
            a.weekday_hour
                .iter()
                .any(|day| day.get(*h).is_some_and(|c| c.n > 0))
        })
        .collect();
    let mut hour_columns = vec![ctx.t(Key::ReportWeekday)];
    hour_columns.extend(hours.iter().map(|h| format!("{h:02}–{:02}", h + 1)));
    let hour_rows: Vec<Vec<Cell>> = a
        .weekday_hour
        .iter()
        .zip(WEEKDAY_KEYS)
        .map(|(day, key)| {
            let mut row = vec![Cell::text(ctx.t(key))];
            row.extend(
                hours
                    .iter()
                    .map(|h| day.get(*h).map_or(Cell::empty(), count)),
            );
            row
        })
        .collect();
    let mut hour_table = ctx.table(
        "contacten-per-dag-en-uur",
        Key::ReportWeekdayHour,
        hour_columns,
        hour_rows,
    );
    hour_table.note = Some(fill(
        ctx.i18n.t(Key::ReportWeekdayHourNote),
        &[("period", &ctx.now)],
    ));
    let tables = vec![
        ctx.table(
            "contacten-per-maand",
            Key::ReportPerMonth,
            ctx.two_periods(Key::ReportMonth),
            months,
        ),
        ctx.table(
            "contacten-per-kanaal",
            Key::ReportPerChannel,
            ctx.two_periods(Key::ReportChannel),
            channel_rows,
        ),
        ctx.table(
            "contacten-per-locatie",
            Key::ReportPerLocation,
            ctx.two_periods(Key::ReportLocation),
            location_rows,
        ),
        ctx.table(
            "direct-of-doorverwezen",
            Key::ReportOutcomeTitle,
            outcome_columns,
            outcome_rows,
        ),
        ctx.table(
            "doorverwezen-naar",
            Key::ReportReferralTargets,
            ctx.two_periods(Key::ReportReferralTarget),
            breakdown_rows(
                ctx,
                &a.referral_targets,
                &b.referral_targets,
                &term_name(&ctx.taxonomy.referral_targets, lang),
            ),
        ),
        ctx.table(
            "verwijzers",
            Key::ReportReferrers,
            ctx.two_periods(Key::ReportReferrer),
            breakdown_rows(
                ctx,
                &a.referrers,
                &b.referrers,
                &term_name(&ctx.taxonomy.referrers, lang),
            ),
        ),
        ctx.table(
            "bekendheid",
            Key::ReportAwareness,
            ctx.two_periods(Key::ReportAwarenessColumn),
            breakdown_rows(
                ctx,
                &a.awareness,
                &b.awareness,
                &term_name(&ctx.taxonomy.awareness, lang),
            ),
        ),
        ctx.table(
            "doelgroepen",
            Key::ReportTargetGroups,
            ctx.two_periods(Key::ReportTargetGroup),
            breakdown_rows(
                ctx,
                &a.target_groups,
                &b.target_groups,
                &term_name(&ctx.taxonomy.target_groups, lang),
            ),
        ),
        hour_table,
    ];
    let total_n = crate::i18n::num(ctx.i18n.locale(), u64::from(a.total.n));
    Section {
        id: "contacts".into(),
        title: ctx.t(Key::ReportContactsTitle),
        intro: None,
        charts: view! {
            <p class="report-total">
                <span data-testid="contacts-total">{total_n}</span>" "{ctx.t(Key::ReportContactsUnit)}
            </p>
            <TrendChart points=trend/>
            <BarChart points=channel_bars/>
        }
        .into_any(),
        tables,
        after: ().into_any(),
    }
}

fn domain_rows(ctx: &Ctx, now: &Domains, before: &Domains) -> Vec<Vec<Cell>> {
    let name = term_name(&ctx.taxonomy.domains, ctx.i18n.lang());
    now.top
        .iter()
        .map(|row| {
            let previous = before
                .all
                .iter()
                .find(|r| r.code == row.code)
                .map_or(0, |r| r.n);
            vec![
                Cell::text(name(&row.code)),
                Cell::count(u64::from(row.n)),
                Cell::count(u64::from(previous)),
            ]
        })
        .collect()
}

fn domains(ctx: &Ctx, now: &Figures, before: &Figures) -> Section {
    let group_name = |code: &str| {
        ctx.taxonomy
            .domain_groups
            .iter()
            .find(|g| g.code == code)
            .map_or_else(
                || code.to_owned(),
                |g| g.label.get(ctx.i18n.lang()).to_owned(),
            )
    };
    let (a, b) = (&now.contacts.domains, &before.contacts.domains);
    let mut group_rows: Vec<Vec<Cell>> = a
        .groups
        .iter()
        .map(|g| {
            let previous = b
                .groups
                .iter()
                .find(|r| r.code == g.code)
                .map_or(0, |r| r.n);
            vec![
                Cell::text(group_name(&g.code)),
                Cell::count(u64::from(g.n)),
                Cell::count(u64::from(previous)),
            ]
        })
        .collect();
    if a.ungrouped.n > 0 || b.ungrouped.n > 0 {
        group_rows.push(vec![
            Cell::text(ctx.t(Key::ReportUngrouped)),
            count(&a.ungrouped),
            count(&b.ungrouped),
        ]);
    }
    let top_contacts = domain_rows(ctx, a, b);
    let top_bars = bars(&top_contacts);
    let tables = vec![
        ctx.table(
            "top-5-domeinen-contacten",
            Key::ReportTopDomainsContacts,
            ctx.two_periods(Key::ReportDomain),
            top_contacts,
        ),
        ctx.table(
            "top-5-domeinen-trajecten",
            Key::ReportTopDomainsTrajectories,
            ctx.two_periods(Key::ReportDomain),
            domain_rows(ctx, &now.trajectories.domains, &before.trajectories.domains),
        ),
        ctx.table(
            "leefgebieden",
            Key::ReportDomainGroups,
            ctx.two_periods(Key::ReportDomainGroup),
            group_rows,
        ),
    ];
    Section {
        id: "domains".into(),
        title: ctx.t(Key::ReportDomainsTitle),
        intro: None,
        charts: view! { <BarChart points=top_bars/> }.into_any(),
        tables,
        after: ().into_any(),
    }
}

fn trajectories(ctx: &Ctx, now: &Figures, before: &Figures, age_bands: &AgeBands) -> Section {
    let (a, b) = (&now.trajectories, &before.trajectories);
    let lang = ctx.i18n.lang();
    let row = |key: Key, x: &Count, y: &Count| vec![Cell::text(ctx.t(key)), count(x), count(y)];
    let counts = vec![
        row(Key::ReportStarted, &a.started, &b.started),
        row(Key::ReportRunning, &a.running, &b.running),
        row(Key::ReportClosed, &a.closed, &b.closed),
        row(
            Key::ReportAssessable,
            &a.growth.assessable,
            &b.growth.assessable,
        ),
        row(
            Key::ReportWithGrowth,
            &a.growth.with_growth,
            &b.growth.with_growth,
        ),
        vec![
            Cell::text(ctx.t(Key::ReportGrowthShare)),
            share_cell(&a.growth.share),
            share_cell(&b.growth.share),
        ],
    ];
    let zrm_rows: Vec<Vec<Cell>> = a
        .zrm
        .iter()
        .map(|z| {
            let n = u64::from(z.n);
            vec![
                Cell::text(label(&ctx.taxonomy.domains, &z.domain, lang).to_owned()),
                Cell::mean(z.begin, 1, n),
                Cell::mean(z.end, 1, n),
                Cell::difference(z.begin, z.end, 1, n),
                Cell::count(n),
            ]
        })
        .collect();
    let zrm_columns = vec![
        ctx.t(Key::ReportDomain),
        ctx.t(Key::ReportZrmBegin),
        ctx.t(Key::ReportZrmEnd),
        ctx.t(Key::ReportZrmDifference),
        ctx.t(Key::ReportZrmCount),
    ];
    let chart_rows: Vec<ChartRow> = a
        .zrm
        .iter()
        .map(|z| ChartRow {
            label: label(&ctx.taxonomy.domains, &z.domain, lang).to_owned(),
            begin: z.begin,
            end: z.end,
            count: Some(z.n),
        })
        .collect();
    let zrm_chart = (!chart_rows.is_empty()).then(|| {
        view! { <ZrmChart caption=ctx.t(Key::ReportZrmTitle) rows=chart_rows table_elsewhere=true/> }
    });
    let mut zrm = ctx.table("zrm-begin-eind", Key::ReportZrmTitle, zrm_columns, zrm_rows);
    zrm.note = Some(fill(
        ctx.i18n.t(Key::ReportZrmNote),
        &[("period", &ctx.now)],
    ));
    let bands = |code: &str| code.to_owned();
    // The organisation's order of its age bands, not the codes' order.
    let in_band_order = |b: &Breakdown| {
        let mut b = b.clone();
        b.rows.sort_by_key(|r| {
            age_bands
                .bands
                .iter()
                .position(|(_, _, code)| *code == r.code)
                .unwrap_or(usize::MAX)
        });
        b
    };
    let (a_bands, b_bands) = (in_band_order(&a.age_bands), in_band_order(&b.age_bands));
    let tables = vec![
        ctx.table(
            "trajecten",
            Key::ReportTrajectoriesTitle,
            ctx.two_periods(Key::ReportTrajectory),
            counts,
        ),
        zrm,
        ctx.table(
            "trajecten-leeftijd",
            Key::ReportAgeBands,
            ctx.two_periods(Key::ReportAgeBand),
            breakdown_rows(ctx, &a_bands, &b_bands, &bands),
        ),
        ctx.table(
            "trajecten-verwijzers",
            Key::ReportTrajectoryReferrers,
            ctx.two_periods(Key::ReportReferrer),
            breakdown_rows(
                ctx,
                &a.referrers,
                &b.referrers,
                &term_name(&ctx.taxonomy.referrers, lang),
            ),
        ),
    ];
    Section {
        id: "trajectories".into(),
        title: ctx.t(Key::ReportTrajectoriesTitle),
        intro: None,
        charts: zrm_chart.into_any(),
        tables,
        after: ().into_any(),
    }
}

fn mean_cell(mean: Option<&crate::domain::report::figures::Mean>) -> Cell {
    mean.map_or(Cell::empty(), |m| Cell::mean(m.value, 1, u64::from(m.n)))
}

/// Rows of marks per code (channel, location, theme, KPI), this period's
/// codes with the previous period's mark beside.
fn mean_rows(
    now: &[CodeMean],
    before: &[CodeMean],
    name: &dyn Fn(&str) -> String,
) -> Vec<Vec<Cell>> {
    now.iter()
        .map(|m| {
            vec![
                Cell::text(name(&m.code)),
                mean_cell(Some(&m.mean)),
                mean_cell(before.iter().find(|p| p.code == m.code).map(|p| &p.mean)),
            ]
        })
        .collect()
}

fn survey_sections(ctx: &Ctx, report: &Report, surveys: &[SurveyDefinition]) -> Vec<Section> {
    let lang = ctx.i18n.lang();
    report
        .current
        .surveys
        .iter()
        .enumerate()
        .map(|(index, now)| {
            let before = report.previous.survey(&now.survey);
            let definition = surveys
                .iter()
                .filter(|d| d.id == now.survey)
                .max_by_key(|d| d.version);
            let title =
                definition.map_or_else(|| now.survey.clone(), |d| d.title.get(lang).to_owned());
            survey_section(ctx, index, now, before, definition, title)
        })
        .collect()
}

fn survey_section(
    ctx: &Ctx,
    index: usize,
    now: &SurveyFigures,
    before: Option<&SurveyFigures>,
    definition: Option<&SurveyDefinition>,
    title: String,
) -> Section {
    let lang = ctx.i18n.lang();
    let none: Vec<CodeMean> = Vec::new();
    let prev = |f: fn(&SurveyFigures) -> &Vec<CodeMean>| before.map_or(&none, f);
    let slug = now.survey.clone();
    let count_row = |key: Key, x: u32, y: Option<u32>| {
        vec![
            Cell::text(ctx.t(key)),
            Cell::count(u64::from(x)),
            y.map_or(Cell::empty(), |y| Cell::count(u64::from(y))),
        ]
    };
    let mut key_rows = vec![
        count_row(
            Key::ReportResponses,
            now.responses.n,
            before.map(|b| b.responses.n),
        ),
        count_row(Key::ReportInvited, now.invited, before.map(|b| b.invited)),
        vec![
            Cell::text(ctx.t(Key::ReportResponseRate)),
            now.response_rate.as_ref().map_or(Cell::empty(), share_cell),
            before
                .and_then(|b| b.response_rate.as_ref())
                .map_or(Cell::empty(), share_cell),
        ],
        vec![
            Cell::text(ctx.t(Key::ReportOverallMark)),
            mean_cell(now.overall.as_ref()),
            mean_cell(before.and_then(|b| b.overall.as_ref())),
        ],
    ];
    if now.activities.n > 0 {
        key_rows.push(count_row(
            Key::ReportSurveyActivities,
            now.activities.n,
            before.map(|b| b.activities.n),
        ));
        key_rows.push(count_row(
            Key::ReportAtActivities,
            now.at_activities.n,
            before.map(|b| b.at_activities.n),
        ));
    }
    let mut tables = vec![Table {
        id: format!("enquete-{slug}"),
        title: fill(
            ctx.i18n.t(Key::ReportSurveyKeyFigures),
            &[("survey", &title)],
        ),
        columns: ctx.two_periods(Key::ReportFigure),
        rows: key_rows,
        note: now.kto.then(|| ctx.t(Key::ReportKtoNote)),
    }];
    let mut add = |id: &str, key: Key, heading: Key, rows: Vec<Vec<Cell>>| {
        if !rows.is_empty() {
            tables.push(Table {
                id: format!("enquete-{slug}-{id}"),
                title: fill(ctx.i18n.t(key), &[("survey", &title)]),
                columns: ctx.two_periods(heading),
                rows,
                note: None,
            });
        }
    };
    let channels = term_name(&ctx.taxonomy.channels, lang);
    let locations = term_name(&ctx.taxonomy.locations, lang);
    add(
        "kanaal",
        Key::ReportMarkPerChannel,
        Key::ReportChannel,
        mean_rows(&now.per_channel, prev(|b| &b.per_channel), &channels),
    );
    add(
        "locatie",
        Key::ReportMarkPerLocation,
        Key::ReportLocation,
        mean_rows(&now.per_location, prev(|b| &b.per_location), &locations),
    );
    let theme_name = |code: &str| {
        definition
            .and_then(|d| d.sections.iter().find(|s| s.theme.as_deref() == Some(code)))
            .map_or_else(|| code.to_owned(), |s| s.title.get(lang).to_owned())
    };
    add(
        "themas",
        Key::ReportThemes,
        Key::ReportTheme,
        mean_rows(&now.themes, prev(|b| &b.themes), &theme_name),
    );
    let kpi_name = |code: &str| {
        definition
            .and_then(|d| d.kpis.iter().find(|k| k.code == code))
            .map_or_else(|| code.to_owned(), |k| k.label.get(lang).to_owned())
    };
    add(
        "kpis",
        Key::ReportKpis,
        Key::ReportKpi,
        mean_rows(&now.kpis, prev(|b| &b.kpis), &kpi_name),
    );
    let question_text = |id: &str| {
        definition
            .and_then(|d| {
                d.sections
                    .iter()
                    .flat_map(|s| &s.questions)
                    .find(|q| q.id == id)
            })
            .map_or_else(|| id.to_owned(), |q| q.text.get(lang).to_owned())
    };
    let quotes = super::quotes::quote_list(ctx.i18n, &now.quotes, &question_text);
    Section {
        id: format!("survey-{index}"),
        title,
        intro: None,
        charts: ().into_any(),
        tables,
        after: quotes,
    }
}
