#!/usr/bin/env node
// Wijkpeil import benchmark (issue 9): "Import a 100,000-record file, side
// by side with raw IndexedDB puts of the same records in one transaction:
// goal at most 1.3×."
//
// 1. Generates a realistic export file (docs/export-format.md, format 3):
//    mostly contacts, some of every kind, a few tombstones; deterministic
//    (a seeded PRNG), so every run and every machine imports the same bytes.
// 2. Per run, in Debian's Chromium on a fresh persistent profile (IndexedDB
//    on disk, as on a tablet; a new directory under the OS temp dir) whose
//    staff codes are first set up on the lock page (bench/device.mjs; this
//    makes the device's text key, so the import seals free text as on a
//    tablet; the floor's profile is set up the same way):
//    - import: the coordinator app's settings screen (Beheer → Instellingen), the file chosen in its
//      file input (Playwright's setInputFiles), the preview, "… importeren"
//      clicked, until "Import klaar". Timed in the page: file chosen
//      (`change` event) → preview shown; click → done message. The import
//      time is preview + apply (the time the benchmark takes to click is
//      not counted).
//    - floor: on another fresh profile, the app is opened once (it creates
//      its database, all stores and indexes), then, on a page of the same
//      origin without the app, the same records as the import stores them
//      (the file's objects with `shipped_revision` 0 and `pending` 1; their
//      free text in the clear, which the import seals) are
//      `put` into their object stores in one readwrite transaction (default
//      durability, as the import's), timed from the transaction's creation
//      to its `complete`. Reading and parsing the file is timed apart.
//    Runs alternate import/floor (and which goes first), after a discarded
//    warm-up pair of a small file; the report gives medians and the ratio of
//    the medians, and every run's own ratio.
// 3. Checks that it measured what it says: the preview counts every record
//    as new and none invalid, the done message says so, every store then
//    holds as many records as the floor's, and a sample of records read back
//    after the import equals the floor's objects.
//
// A benchmark, not a test: no thresholds; it exits non-zero only when it
// could not measure. Normally started by `bench/run import`; by hand:
//
//   node tools/serve-static.mjs target/bench/dist 4199 &
//   BENCH_URL=http://127.0.0.1:4199/ node bench/import.mjs
//   node bench/import.mjs --report bench/results/import.json   # table only
//   node bench/import.mjs --generate 100000 /tmp/export.json   # the file only
//
// Env: BENCH_URL (default http://127.0.0.1:4199/), BENCH_IMPORT_RECORDS
// (default 100000), BENCH_IMPORT_RUNS (default 5), BENCH_IMPORT_OUT (default
// bench/results/import.json), BENCH_CHROMIUM (default /usr/bin/chromium),
// BENCH_SOURCE (the commit to name when the build is of another one).
//
// Progress goes to stderr; the Markdown table goes to stdout.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../playwright.config.mjs';
import { FREE_TEXT, setUpDevice } from './device.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SETTINGS = { location: 'wijkplein-centrum', lang: 'nl', initials: '' };
export const SEED = 20261203;
export const STORES = ['contacts', 'survey_responses', 'surveys', 'trajectories', 'activities', 'initiatives'];
const FILE_ROUTE = '/__bench/import.json';

const log = (...a) => console.error('[bench:import]', ...a);

// ------------------------------------------------------------------ the file

// mulberry32: small, fast, and the same sequence everywhere.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// How the records of a large organisation's export divide over the kinds
// (of 100,000): contacts 90,000, survey responses 8,000, trajectories 1,200,
// activities 500, initiatives 250, survey versions 50.
const MIX = [
  ['contacts', 0.9],
  ['survey_responses', 0.08],
  ['trajectories', 0.012],
  ['activities', 0.005],
  ['initiatives', 0.0025],
  ['surveys', 0.0005],
];

const CHANNELS = ['inloop', 'inloop', 'inloop', 'telefoon', 'telefoon', 'online', 'huisbezoek', 'outreach'];
const SUPPORT = ['informatie-advies', 'informatie-advies', 'informatie-advies', 'individueel-traject', 'collectieve-inzet', 'zelforganisatie'];
const DOMAINS = ['financien', 'werk-opleiding', 'tijdsbesteding', 'huisvesting', 'huiselijke-relaties', 'geestelijke-gezondheid', 'lichamelijke-gezondheid', 'middelengebruik', 'basale-adl', 'instrumentele-adl', 'sociaal-netwerk', 'maatschappelijke-participatie', 'justitie', 'anders'];
const LOCATIONS = ['wijkplein-centrum', 'wijkplein-noord', 'wijkplein-oost', 'wijkplein-zuid', 'wijkplein-west', 'telefoon'];
const REFERRAL = ['gemeente', 'wijkteam', 'oco', 'ggd', 'anders'];
const REFERRERS = ['zelf', 'huisarts', 'wijkteam', 'gemeente', 'school', 'zorgverlener', 'netwerk', 'anders'];
const AWARENESS = ['campagne', 'website', 'bekende', 'professional', 'langsgelopen', 'eerder'];
const TARGETS = ['jongere', 'laaggeletterd', 'anderstalig'];
const NOTES = [
  'Vraag over toeslag — één formulier ingevuld',
  'Brief van de gemeente uitgelegd',
  'Hulp bij aanvraag kwijtschelding gemeentelijke belastingen',
  'Wil graag vrijwilligerswerk doen in de buurt, doorverwezen naar het vrijwilligerspunt',
  'Vragen over huurverhoging; samen de brief van de verhuurder doorgenomen en een afspraak gemaakt voor volgende week',
  'Zoekt een taalcursus',
  'Digitale hulp: DigiD aangevraagd',
  'Eenzaamheid, praat graag; uitgenodigd voor de buurtlunch op donderdag',
  'Betalingsachterstand energie, schuldhulp besproken',
  'Formulier zorgtoeslag',
];
const INITIALS = ['JdV', 'AB', 'MK', 'SvD', 'LH', 'RB', 'EK', 'TvL'];
const DEVICES = ['tablet-7f3a', 'tablet-02c1', 'tablet-9e44', 'laptop-coord'];
const ZRM = ['acute_problems', 'not_self_reliant', 'limited_self_reliant', 'sufficiently_self_reliant', 'fully_self_reliant', 'not_scored'];
const AGE_BANDS = ['0-3', '4-11', '12-17', '18-22', '23-26', '27-64', '65+'];

/**
 * Generates `n` records (about MIX) and the export file's text.
 *
 * `options` (bench/year.mjs; without it the output is exactly as before):
 * - `counts`: records per store (`{ contacts: 100000, surveys: 20, … }`,
 *   missing stores 0) instead of `n` split by MIX;
 * - `end` (ms, default none): the records' times spread over `years` (default
 *   1) "years" of 334 days, as the import file's year, that end at `end`
 *   (e.g. `Date.now()`), day by day: each day gets its share, the day of
 *   `end` only up to `end`; a contact's `occurred_at` stays on the local day
 *   (the Node process's time zone) of its creation, and no date lies after
 *   `end`. So a volunteer's "today" holds about contacts / (334 × years);
 * - `text: false`: no export file text (`text` is null), for lists of
 *   millions of records.
 */
export function generate(n, seed = SEED, options = null) {
  const rnd = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const hex = (digits) => {
    let s = '';
    for (let i = 0; i < digits; i++) s += '0123456789abcdef'[Math.floor(rnd() * 16)];
    return s;
  };
  // A year of records, 2026: UUID v7 ids from the creation time.
  const yearStart = Date.UTC(2026, 0, 1);
  const yearMs = 334 * 24 * 3600 * 1000; // up to 1 December
  const endMs = options && Number.isFinite(options.end) ? options.end : null;
  // With `end`: the records' days, counted back from the local day of `end`.
  const span = endMs === null ? null : daysBefore(endMs, Math.max(1, Math.round(334 * ((options && options.years) || 1))));
  const clip = (ms) => (endMs === null ? ms : Math.min(ms, endMs));
  // With `end`, a contact happened on the (local) day it was entered.
  const sameDay = (ms, created) => (endMs === null ? ms : Math.max(ms, localMidnight(created)));
  const v7 = (ms) => {
    const t = ms.toString(16).padStart(12, '0');
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`;
  };
  const pseudo = (k) => Array.from({ length: k }, () => pick([...'23456789ABCDEFGHJKMNPQRSTUVWXYZ'])).join('');
  const v4 = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`;
  const iso = (ms) => new Date(ms).toISOString(); // milliseconds, Z
  const day = (ms) => iso(ms).slice(0, 10);
  let counts;
  if (options && options.counts) {
    counts = MIX.map(([store]) => [store, Math.max(0, Math.floor(options.counts[store] || 0))]);
  } else {
    counts = MIX.map(([store, share]) => [store, Math.floor(n * share)]);
    counts[0][1] += n - counts.reduce((s, [, c]) => s + c, 0); // the rest are contacts
  }
  // Bookkeeping in the order the app's stores keep keys (sorted).
  const meta = (kind, schema, id, created, revision, device) => {
    const updated = revision > 1 ? clip(created + int(60_000, 30 * 24 * 3600 * 1000)) : created;
    return { id, kind, schema_version: schema, created_at: iso(created), updated_at: iso(updated), device_id: device, revision, deleted: false, shipped_revision: rnd() < 0.7 ? revision : 0 };
  };
  const sorted = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  const tombstone = (m) => ({ ...m, deleted: true, revision: m.revision + 1 });
  const lists = {};
  for (const [store, count] of counts) {
    const time = span === null ? () => yearStart + Math.floor(rnd() * yearMs) : () => span.pick(rnd(), rnd());
    const times = Array.from({ length: count }, time).sort((a, b) => a - b);
    lists[store] = times.map((created, i) => {
      const revision = rnd() < 0.9 ? 1 : int(2, 3);
      const device = pick(DEVICES);
      switch (store) {
        case 'contacts': {
          const m = meta('contact', 2, v7(created), created, revision, device);
          if (rnd() < 0.02) return sorted(tombstone(m));
          const domains = [pick(DOMAINS)];
          if (rnd() < 0.3) domains.push(pick(DOMAINS.filter((d) => d !== domains[0])));
          const referred = rnd() < 0.25;
          return sorted({
            ...m,
            location: pick(LOCATIONS),
            occurred_at: iso(sameDay(Math.floor((created - int(0, 3 * 3600) * 1000) / 60_000) * 60_000, created)),
            channel: pick(CHANNELS),
            support_form: pick(SUPPORT),
            domains,
            outcome: referred ? { kind: 'referred', to: pick(REFERRAL) } : { kind: 'direct' },
            referrer: rnd() < 0.4 ? pick(REFERRERS) : null,
            awareness: rnd() < 0.3 ? pick(AWARENESS) : null,
            target_groups: rnd() < 0.2 ? [pick(TARGETS)] : [],
            duration_minutes: rnd() < 0.8 ? pick([5, 10, 10, 15, 20, 30, 45, 60]) : null,
            note: rnd() < 0.55 ? '' : pick(NOTES),
            initials: rnd() < 0.7 ? pick(INITIALS) : '',
          });
        }
        case 'survey_responses': {
          const date = Date.parse(day(created));
          const m = meta('survey_response', 1, v4(), date, 1, pick(['kiosk-1', 'kiosk-2', 'tablet-7f3a']));
          const answers = { cijfer: { number: int(4, 10) } };
          if (rnd() < 0.8) answers['weet-wat-te-doen'] = rnd() < 0.1 ? 'dont_know' : { yes_no: rnd() < 0.8 };
          if (rnd() < 0.6) answers.gevonden = { choice: pick(AWARENESS) };
          return sorted({ ...m, survey_id: 'wijkplein-bezoek', survey_version: 1, date: day(date), lang: pick(['nl', 'nl', 'nl', 'en', 'ar']), answers });
        }
        case 'trajectories': {
          const m = meta('trajectory', 1, v7(created), created, revision, 'laptop-coord');
          if (rnd() < 0.01) return sorted(tombstone(m));
          const start = day(created);
          const main = [pick(DOMAINS)];
          const scores = Object.fromEntries([...new Set([main[0], pick(DOMAINS), pick(DOMAINS)])].sort().map((d) => [d, pick(ZRM)]));
          const moments = Array.from({ length: int(0, 6) }, (_, k) => ({
            channel: pick(['huisbezoek', 'inloop', 'telefoon']),
            date: day(clip(created + (k + 1) * 7 * 24 * 3600 * 1000)),
            note: rnd() < 0.5 ? '' : pick(NOTES),
          }));
          const closed = rnd() < 0.4;
          const end = day(clip(created + 60 * 24 * 3600 * 1000));
          return sorted({
            ...m,
            code: `TR-${pseudo(4)}-${pseudo(2)}`,
            start,
            referrer: pick(REFERRERS),
            age_band: pick(AGE_BANDS),
            household: pick(['single', null]),
            main_domains: main,
            goals: [],
            intake: { date: start, scores },
            positive_health: null,
            contact_moments: moments,
            closing: closed
              ? {
                  date: end,
                  end: { date: end, scores: Object.fromEntries(Object.keys(scores).map((d) => [d, pick(ZRM)])) },
                  kto_invited: rnd() < 0.5,
                  reason: pick(['goals_reached', 'referred_on', 'resident_stopped', 'moved', 'other']),
                }
              : null,
          });
        }
        case 'activities': {
          const m = meta('activity', 1, v7(created), created, revision, 'laptop-coord');
          const meetings = Array.from({ length: int(1, 10) }, (_, k) => {
            const held = rnd() < 0.7;
            const participants = held ? int(3, 25) : 0;
            return { date: day(clip(created + k * 7 * 24 * 3600 * 1000)), first_time: held ? int(0, participants) : 0, held, participants, volunteers: held ? int(0, 4) : 0 };
          });
          return sorted({
            ...m,
            activity_kind: pick(['course', 'activity']),
            location: pick(LOCATIONS.slice(0, 5)),
            meetings,
            survey: rnd() < 0.5 ? 'groepsactiviteit' : null,
            theme: pick(DOMAINS),
            title: pick(['Cursus omgaan met geld', 'Buurtlunch', 'Taalcafé', 'Digicafé', 'Wandelgroep', 'Moestuinochtend']),
          });
        }
        case 'initiatives': {
          const m = meta('initiative', 1, v7(created), created, revision, 'laptop-coord');
          return sorted({
            ...m,
            initiative_kind: pick(['youth_initiative', 'residents_initiative', 'with_network_partner']),
            name: pick(['Moestuin Oost', 'Repair café', 'Speeltuinvereniging', 'Buurtbieb', 'Kookclub']),
            participants: int(0, 40),
            start: day(created),
            status: pick(['idea', 'running', 'independent', 'stopped']),
            support: Array.from({ length: int(0, 4) }, (_, k) => ({ date: day(clip(created + k * 14 * 24 * 3600 * 1000)), note: pick(NOTES) })),
          });
        }
        case 'surveys': {
          const m = meta('survey_definition', 1, v7(created), created, 1, 'laptop-coord');
          return sorted({ ...m, survey: surveyDefinition(`eigen-${hex(8)}`, i + 1) });
        }
        default:
          throw new Error(store);
      }
    });
  }
  // A store lists its records in key order (IndexedDB's getAll), and so
  // does an export.
  for (const store of STORES) lists[store].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // As the app writes it (domain::export::build_export): the head, then one
  // list per kind, a record per line.
  if (options && options.text === false) return { text: null, lists, counts: Object.fromEntries(counts) };
  const exportedAt = endMs === null ? '2026-12-01T16:00:00.000Z' : iso(endMs);
  let text = `{"format":"wijkpeil-export","format_version":3,"exported_at":"${exportedAt}","device_id":"laptop-coord"`;
  for (const store of STORES) {
    text += `,\n"${store}":[`;
    lists[store].forEach((r, i) => {
      text += (i === 0 ? '\n' : ',\n') + JSON.stringify(r);
    });
    text += ']';
  }
  text += '\n}\n';
  return { text, lists, counts: Object.fromEntries(counts) };
}

// Local midnight (the process's time zone) of the day of `ms`.
function localMidnight(ms) {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

// `days` local days that end with the day of `end` (that one only up to
// `end`); `pick(u, v)` (two numbers in [0, 1)) gives a time on one of them,
// each day (today too) equally likely.
function daysBefore(end, days) {
  const today = new Date(end);
  const starts = [];
  for (let k = days - 1; k >= 0; k--) starts.push(new Date(today.getFullYear(), today.getMonth(), today.getDate() - k).getTime());
  return {
    pick(u, v) {
      const i = Math.min(days - 1, Math.floor(u * days));
      const from = starts[i];
      const to = i === days - 1 ? end + 1 : starts[i + 1];
      return from + Math.floor(v * (to - from));
    },
  };
}

// The built-in visit survey as an organisation's own copy (three languages).
function surveyDefinition(id, version) {
  const t = (nl, en, ar) => ({ ar, en, nl });
  const option = (code, nl, en, ar, pictogram) => ({ code, label: t(nl, en, ar), pictogram });
  return {
    id,
    intro: t('Drie korte vragen over uw bezoek aan het wijkplein. Het is anoniem.', 'Three short questions about your visit to the neighbourhood hub. It is anonymous.', 'ثلاثة أسئلة قصيرة عن زيارتك لمركز الحي. الاستبيان مجهول الهوية.'),
    invited: 0,
    languages: ['nl', 'en', 'ar'],
    sections: [
      {
        id: 'bezoek',
        questions: [
          { id: 'cijfer', kind: { type: 'mark' }, required: true, text: t('Welk cijfer geeft u uw bezoek? 1 is heel slecht, 10 is heel goed.', 'What mark do you give your visit? 1 is very bad, 10 is very good.', 'ما الدرجة التي تعطيها لزيارتك؟ 1 تعني سيئة جدًا، و10 تعني جيدة جدًا.') },
          { id: 'weet-wat-te-doen', kind: { type: 'yes_no' }, required: false, text: t('Weet u nu wat u kunt doen?', 'Do you now know what you can do?', 'هل تعرف الآن ما يمكنك فعله؟') },
          {
            id: 'gevonden',
            kind: {
              options: [
                option('campagne', 'Poster, krant of folder', 'Poster, newspaper or leaflet', 'ملصق أو جريدة أو منشور', '📰'),
                option('website', 'Website of sociale media', 'Website or social media', 'موقع إلكتروني أو وسائل التواصل الاجتماعي', '🌐'),
                option('bekende', 'Via familie of vrienden', 'Through family or friends', 'عن طريق العائلة أو الأصدقاء', '👪'),
                option('professional', 'Via een hulpverlener, zoals de huisarts', 'Through a professional, such as the GP', 'عن طريق مختص، مثل طبيب العائلة', '🩺'),
                option('langsgelopen', 'Ik liep langs', 'I walked past', 'مررت من أمام المكان', '🚶'),
                option('eerder', 'Ik was hier al eerder', 'I had been here before', 'كنت هنا من قبل', '🔁'),
              ],
              type: 'single',
            },
            required: false,
            text: t('Hoe heeft u ons gevonden?', 'How did you find us?', 'كيف عرفت عنّا؟'),
          },
        ],
        title: t('Uw bezoek', 'Your visit', 'زيارتك'),
      },
    ],
    status: 'draft',
    title: t('Hoe was uw bezoek?', 'How was your visit?', 'كيف كانت زيارتك؟'),
    version,
  };
}

/** The object the app stores for a record of the file, imported as new. */
function storedForm(record) {
  return { ...record, shipped_revision: 0, pending: 1 };
}

// ------------------------------------------------------------ statistics

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export function spread(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return { n: v.length, median: median(v), min: v.length ? Math.min(...v) : null, max: v.length ? Math.max(...v) : null };
}

// ------------------------------------------------------ memory of the browser

// Memory of the browser started for `dir` and all its processes
// (renderer, the data worker's renderer thread, GPU, network, …), sampled
// from /proc every 100 ms while a phase runs: its peak is what the device
// needs.
function browserTree(dir) {
  const procs = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
      procs.push({ pid: Number(name), ppid, cmd });
    } catch {
      /* gone */
    }
  }
  const roots = procs.filter((p) => p.cmd.includes(`--user-data-dir=${dir}`) && !procs.some((q) => q.pid === p.ppid && q.cmd.includes(`--user-data-dir=${dir}`)));
  const tree = new Set(roots.map((p) => p.pid));
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

// Proportional set size: memory shared between the browser's processes
// (its binary, shared memory) counted once, not once per process.
function pssKb(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = /^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return total;
}

export function memorySampler(dir) {
  let pids = browserTree(dir);
  let peak = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    if (++ticks % 20 === 0) pids = browserTree(dir); // new processes (the worker's renderer is the page's)
    peak = Math.max(peak, pssKb(pids));
  }, 100);
  return {
    reset: () => {
      pids = browserTree(dir);
      peak = pssKb(pids);
    },
    peakMb: () => peak / 1024,
    // One reading now (bench/year.mjs: memory at rest).
    currentMb: () => pssKb(browserTree(dir)) / 1024,
    stop: () => clearInterval(timer),
  };
}

// ----------------------------------------------------------------- browser

// Before any page script: the device's settings (so the app skips the
// location chooser) and a probe that notes, in the page's clock, when a file
// was chosen, when the preview appeared, when the confirm button was
// clicked, and when the import said it was done.
function importProbe(settings) {
  try {
    localStorage.setItem('wijkpeil.settings', JSON.stringify(settings));
  } catch {
    /* storage disabled */
  }
  if (window.top !== window) return;
  const bench = (window.__import = { chosen: null, preview: null, clicked: null, firstProgress: null, done: null, doneText: null, progressUpdates: 0 });
  document.addEventListener('change', (e) => {
    if (e.target && e.target.id === 'import-file' && bench.chosen === null) bench.chosen = performance.now();
  }, true);
  document.addEventListener('click', (e) => {
    if (bench.preview !== null && bench.clicked === null && e.target && e.target.closest && e.target.closest('button.nl-button--primary')) {
      bench.clicked = performance.now();
    }
  }, true);
  const observer = new MutationObserver(() => {
    const now = performance.now();
    if (bench.preview === null && document.querySelector('[data-testid=import-preview]')) bench.preview = now;
    const message = document.querySelector('[data-testid=import-message]');
    const text = message ? message.textContent : '';
    if (bench.clicked !== null && bench.done === null) {
      if (/Import klaar/.test(text)) {
        bench.done = now;
        bench.doneText = text;
      } else if (/\d/.test(text)) {
        bench.progressUpdates++;
        if (bench.firstProgress === null) bench.firstProgress = now;
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

// `serviceWorkers: 'allow'` and a directory `prefix` of its own for
// bench/year.mjs; the import keeps the defaults.
export async function freshProfile(executablePath, { serviceWorkers = 'block', prefix = 'wijkpeil-bench-import-' } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // Service workers blocked: on a tablet the worker installed long before an
  // import; here its precache would otherwise run during the first seconds.
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    args: chromiumArgs,
    headless: true,
    serviceWorkers,
  });
  return {
    dir,
    context,
    close: async () => {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Record counts of every store, read with a connection of its own.
export function storeCounts(stores) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('wijkpeil');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(stores, 'readonly');
      const out = {};
      for (const s of stores) {
        const r = tx.objectStore(s).count();
        r.onsuccess = () => (out[s] = r.result);
      }
      tx.oncomplete = () => {
        db.close();
        resolve(out);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

// Records read back by id. On a device with a text key the import stored
// their free text sealed: counted (sealed, in the clear) and opened with the
// key (the apps' own public/at-rest.js), so the records compare with the
// file's objects.
async function readBack({ stores, ids, textKey, paths }) {
  const records = await new Promise((resolve, reject) => {
    const open = indexedDB.open('wijkpeil');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(stores, 'readonly');
      const out = [];
      ids.forEach(([store, id], i) => {
        const r = tx.objectStore(store).get(id);
        r.onsuccess = () => (out[i] = r.result);
      });
      tx.oncomplete = () => {
        db.close();
        resolve(out);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
  let sealed = 0;
  let clear = 0;
  const walk = (v, [n, ...rest], f) => {
    if (v && typeof v === 'object') {
      for (const k of n === '*' ? Object.keys(v) : [n]) {
        if (rest.length) walk(v[k], rest, f);
        else if (typeof v[k] === 'string' && v[k]) f(v[k]);
      }
    }
  };
  const atRest = textKey ? await import('/at-rest.js') : null;
  for (let i = 0; i < records.length; i++) {
    const p = paths[ids[i][0]];
    if (!p || !records[i]) continue;
    for (const path of p.split(' ')) walk(records[i], path.split('.'), (t) => (t.startsWith('wpenc1:') ? sealed++ : clear++));
    if (atRest) await atRest.open(textKey, p, [records[i]]);
  }
  return { records, sealed, clear };
}

// Deep equality with keys in any order.
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]));
}

async function importRun(url, file, generated, executablePath) {
  const profile = await freshProfile(executablePath);
  const memory = memorySampler(profile.dir);
  try {
    const { context } = profile;
    await context.addInitScript(importProbe, SETTINGS);
    // A device with its staff codes (bench/device.mjs): set up on the lock
    // page in this profile (which makes the text key the import seals free
    // text with), every later page unlocked as coordinator.
    const { page, device } = await setUpDevice(context, url, { label: 'import' });
    await page.goto(new URL('beheer/#/instellingen', url).href, { waitUntil: 'load' });
    const input = page.getByLabel('Exportbestand kiezen');
    await input.waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByTestId('records-stored').filter({ hasText: /^0$/ }).waitFor({ timeout: 30_000 });
    memory.reset();
    await input.setInputFiles(file);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor({ timeout: 600_000 });
    const previewText = (await preview.textContent()).replace(/\s+/g, ' ');
    const peakPreview = memory.peakMb();
    memory.reset();
    const confirm = page.getByRole('button', { name: /wijzigingen importeren$/ });
    await confirm.click();
    await page.waitForFunction(() => window.__import.done !== null, null, { timeout: 900_000, polling: 100 });
    const peakApply = memory.peakMb();
    const probe = await page.evaluate(() => window.__import);
    // The worker's wasm memory only grows: its size now is its peak.
    const worker = page.workers()[0];
    const wasmBytes = worker ? await worker.evaluate(async () => (await wasm_bindgen()).memory.buffer.byteLength).catch(() => null) : null;
    // What was written.
    await page.goto(new URL('sw-register.js', url).href);
    const counts = await page.evaluate(storeCounts, STORES);
    const sample = [];
    for (const store of STORES) {
      const list = generated.lists[store];
      for (const i of [0, Math.floor(list.length / 2), list.length - 1]) if (list[i]) sample.push([store, list[i].id]);
    }
    const back = await page.evaluate(readBack, { stores: STORES, ids: sample, textKey: device.textKey, paths: FREE_TEXT });
    const expected = sample.map(([store, id]) => storedForm(generated.lists[store].find((r) => r.id === id)));
    const mismatched = sample.filter((_, i) => !same(back.records[i], expected[i])).map(([s, id]) => `${s}/${id}`);
    return {
      previewMs: probe.preview - probe.chosen,
      applyMs: probe.done - probe.clicked,
      importMs: probe.preview - probe.chosen + (probe.done - probe.clicked),
      confirmGapMs: probe.clicked - probe.preview,
      firstProgressMs: probe.firstProgress === null ? null : probe.firstProgress - probe.clicked,
      progressUpdates: probe.progressUpdates,
      previewText,
      doneText: probe.doneText,
      counts,
      sampled: sample.length,
      mismatched,
      sealedTexts: back.sealed,
      clearTexts: back.clear,
      workerWasmMb: wasmBytes === null ? null : wasmBytes / 1048576,
      peakPssPreviewMb: peakPreview,
      peakPssApplyMb: peakApply,
    };
  } finally {
    memory.stop();
    await profile.close();
  }
}

async function floorRun(url, file, executablePath) {
  const profile = await freshProfile(executablePath);
  const memory = memorySampler(profile.dir);
  try {
    const { context } = profile;
    await context.addInitScript(importProbe, SETTINGS);
    await context.route(`**${FILE_ROUTE}`, (route) => route.fulfill({ path: file, contentType: 'application/json' }));
    // The same kind of device as the import's (its codes set up on the lock
    // page, whose volunteer app then creates the database, every store and
    // index); the coordinator's settings opened as before, then the floor
    // runs on a page of the same origin without the app.
    const { page } = await setUpDevice(context, url, { label: 'floor' });
    await page.goto(new URL('beheer/#/instellingen', url).href, { waitUntil: 'load' });
    await page.getByTestId('records-stored').filter({ hasText: /^0$/ }).waitFor({ timeout: 60_000 });
    await page.goto(new URL('sw-register.js', url).href);
    memory.reset();
    const result = await page.evaluate(
      async ({ route, stores }) => {
        const t0 = performance.now();
        const text = await (await fetch(route)).text();
        const file = JSON.parse(text);
        const records = stores.map((s) => (file[s] || []).map((r) => ({ ...r, shipped_revision: 0, pending: 1 })));
        const t1 = performance.now();
        const db = await new Promise((resolve, reject) => {
          const open = indexedDB.open('wijkpeil');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        // The app made the database (every store and index) before.
        if (!stores.every((s) => db.objectStoreNames.contains(s))) throw new Error(`database version ${db.version} without the app's stores`);
        const t2 = performance.now();
        await new Promise((resolve, reject) => {
          const tx = db.transaction(stores, 'readwrite');
          stores.forEach((s, i) => {
            const store = tx.objectStore(s);
            for (const r of records[i]) store.put(r);
          });
          tx.oncomplete = resolve;
          tx.onabort = () => reject(tx.error);
        });
        const t3 = performance.now();
        db.close();
        return { readParseMs: t1 - t0, putsMs: t3 - t2, records: records.reduce((s, l) => s + l.length, 0) };
      },
      { route: FILE_ROUTE, stores: STORES },
    );
    result.peakPssMb = memory.peakMb();
    result.counts = await page.evaluate(storeCounts, STORES);
    return result;
  } finally {
    memory.stop();
    await profile.close();
  }
}

function checkImport(run, n, floorCounts) {
  const problems = [];
  // Counts as the app writes them: "100.000" (Dutch digit groups) or "1000".
  const count = (re, text) => {
    const m = re.exec(text || '');
    return m ? Number(m[1].replace(/\D/g, '')) : null;
  };
  if (count(/Nieuw op dit apparaat\s*(\d[\d.]*)/, run.previewText) !== n) {
    problems.push(`preview does not count ${n} new: ${run.previewText}`);
  }
  if (!/Ongeldig: wordt overgeslagen\s*0\b/.test(run.previewText)) problems.push(`preview counts invalid records: ${run.previewText}`);
  if (count(/Import klaar: (\d[\d.]*) nieuw/, run.doneText) !== n) problems.push(`done message: ${run.doneText}`);
  const total = Object.values(run.counts).reduce((s, c) => s + c, 0);
  if (total !== n) problems.push(`${total} records stored, not ${n}`);
  if (floorCounts && !same(run.counts, floorCounts)) problems.push(`stores differ from the floor's: ${JSON.stringify(run.counts)} vs ${JSON.stringify(floorCounts)}`);
  if (run.mismatched.length) problems.push(`records read back differ from the floor's objects: ${run.mismatched.join(', ')}`);
  if (run.clearTexts) problems.push(`${run.clearTexts} free texts of the records read back stored in the clear (${run.sealedTexts} sealed)`);
  if (problems.length) throw new Error(`import run did not do what it should:\n  ${problems.join('\n  ')}`);
}

// ------------------------------------------------------------------ report

function fmt(x, digits = 0) {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

function s(ms) {
  return fmt(ms / 1000, 2);
}

export function report(r) {
  const out = [];
  const m = r.meta;
  out.push(`## Importing ${m.records.toLocaleString('en')} records — ${m.date}`);
  out.push('');
  out.push(
    `Chromium ${m.chromium}, ${m.cpus} cores (${m.cpuModel}), Node ${m.node}, source ${m.git}, ` +
      `load average ${m.loadavg[0]} before / ${m.loadavgAfter[0]} after; IndexedDB on disk (${m.filesystem}), a fresh profile per run. ` +
      `File: ${(m.fileBytes / 1e6).toFixed(1)} MB, ${Object.entries(m.counts).map(([k, v]) => `${k} ${v}`).join(', ')} ` +
      `(${m.tombstones} tombstones), seed ${m.seed}.`,
  );
  out.push('');
  const imp = r.summary.import;
  const fl = r.summary.floor;
  out.push(`| Measure (${imp.importMs.n} runs, alternating; seconds) | median | min | max |`);
  out.push('|---|---:|---:|---:|');
  const row = (label, x) => out.push(`| ${label} | ${s(x.median)} | ${s(x.min)} | ${s(x.max)} |`);
  row('Import: file chosen → preview shown (read, check, judge)', imp.previewMs);
  row('Import: confirm clicked → "Import klaar" (merge)', imp.applyMs);
  row('**Import: preview + merge**', imp.importMs);
  row('Floor: raw `put` of the same objects, one transaction', fl.putsMs);
  row('Floor, before it: fetch + `JSON.parse` of the file (not in the floor)', fl.readParseMs);
  out.push('');
  out.push(
    `**Ratio import / floor: ${fmt(r.summary.ratio, 2)}×** (medians; goal ≤ 1.3×). Per run: ` +
      `${r.runs.map((x) => `${fmt(x.ratio, 2)}×`).join(', ')}. Merge alone / floor: ${fmt(r.summary.applyRatio, 2)}×.`,
  );
  out.push('');
  out.push(
    `Memory: the data worker's wasm memory after the import (its peak: it never shrinks) ${fmt(imp.workerWasmMb.median)} MB; ` +
      `peak memory of the whole browser (proportional set size, every process) during the preview ${fmt(imp.peakPssPreviewMb.median)} MB, ` +
      `during the merge ${fmt(imp.peakPssApplyMb.median)} MB, during the floor ${fmt(fl.peakPssMb.median)} MB (medians).`,
  );
  out.push('');
  out.push(
    `Checked every run: the preview counted ${m.records} new and 0 invalid, the done message said so, every store held as many records ` +
      `as after the floor, and ${r.runs[0].import.sampled} records read back equal the floor's objects` +
      (r.runs[0].import.sealedTexts === undefined
        ? '.'
        : ` once their free text, stored sealed with the device's text key (${r.runs[0].import.sealedTexts} fields, none in the clear), is opened. ` +
          'The floor puts the file\'s objects as they are, free text in the clear: the import\'s time includes sealing it, the floor\'s does not.'),
  );
  return out.join('\n');
}

// -------------------------------------------------------------------- main

export function git() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'index.html', 'Cargo.toml', 'Cargo.lock'], { cwd: root }).toString().trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

export function filesystemOf(dir) {
  try {
    const df = execFileSync('df', ['--output=source,fstype', dir]).toString().trim().split('\n');
    return df[df.length - 1].trim().replace(/\s+/, ' ');
  } catch {
    return 'unknown';
  }
}

function writeFile(n) {
  const dir = path.join(root, 'target', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `import-${n}.json`);
  const generated = generate(n);
  fs.writeFileSync(file, generated.text);
  return { file, generated };
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--report') {
    console.log(report(JSON.parse(fs.readFileSync(args[1], 'utf8'))));
    return;
  }
  if (args[0] === '--generate') {
    const n = Number(args[1] || 100000);
    fs.writeFileSync(args[2] || `import-${n}.json`, generate(n).text);
    return;
  }
  const url = process.env.BENCH_URL || 'http://127.0.0.1:4199/';
  const n = Number(process.env.BENCH_IMPORT_RECORDS || 100000);
  const runs = Number(process.env.BENCH_IMPORT_RUNS || 5);
  const out = path.resolve(root, process.env.BENCH_IMPORT_OUT || 'bench/results/import.json');
  const executablePath = process.env.BENCH_CHROMIUM || '/usr/bin/chromium';

  log(`generating ${n} records`);
  const { file, generated } = writeFile(n);
  const warm = writeFile(1000);
  const tombstones = Object.values(generated.lists).flat().filter((r) => r.deleted).length;

  log('warm-up pair, 1000 records (discarded)');
  checkImport(await importRun(url, warm.file, warm.generated, executablePath), 1000, (await floorRun(url, warm.file, executablePath)).counts);

  const result = {
    meta: {
      date: new Date().toISOString(),
      url,
      records: n,
      seed: SEED,
      counts: generated.counts,
      tombstones,
      fileBytes: fs.statSync(file).size,
      cpus: os.cpus().length,
      cpuModel: (os.cpus()[0] && os.cpus()[0].model.trim()) || 'unknown',
      loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
      node: process.version,
      git: process.env.BENCH_SOURCE || git(),
      filesystem: filesystemOf(os.tmpdir()),
    },
    runs: [],
  };
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so drift on the machine falls on both.
    let imp;
    let floor;
    if (i % 2 === 0) {
      imp = await importRun(url, file, generated, executablePath);
      floor = await floorRun(url, file, executablePath);
    } else {
      floor = await floorRun(url, file, executablePath);
      imp = await importRun(url, file, generated, executablePath);
    }
    checkImport(imp, n, floor.counts);
    if (floor.records !== n) throw new Error(`floor put ${floor.records} records`);
    const ratio = imp.importMs / floor.putsMs;
    log(
      `run ${i + 1}/${runs}: import ${s(imp.importMs)} s (preview ${s(imp.previewMs)}, merge ${s(imp.applyMs)}), ` +
        `floor ${s(floor.putsMs)} s (+ read/parse ${s(floor.readParseMs)}), ratio ${fmt(ratio, 2)}×, ` +
        `worker wasm ${fmt(imp.workerWasmMb)} MB, peak PSS ${fmt(imp.peakPssPreviewMb)}/${fmt(imp.peakPssApplyMb)}/${fmt(floor.peakPssMb)} MB`,
    );
    result.runs.push({ import: imp, floor, ratio });
  }
  const col = (f) => spread(result.runs.map(f));
  result.summary = {
    import: {
      previewMs: col((r) => r.import.previewMs),
      applyMs: col((r) => r.import.applyMs),
      importMs: col((r) => r.import.importMs),
      workerWasmMb: col((r) => r.import.workerWasmMb),
      peakPssPreviewMb: col((r) => r.import.peakPssPreviewMb),
      peakPssApplyMb: col((r) => r.import.peakPssApplyMb),
    },
    floor: {
      putsMs: col((r) => r.floor.putsMs),
      readParseMs: col((r) => r.floor.readParseMs),
      peakPssMb: col((r) => r.floor.peakPssMb),
    },
  };
  result.summary.ratio = result.summary.import.importMs.median / result.summary.floor.putsMs.median;
  result.summary.applyRatio = result.summary.import.applyMs.median / result.summary.floor.putsMs.median;
  result.meta.loadavgAfter = os.loadavg().map((x) => Number(x.toFixed(2)));
  const chromiumVersion = execFileSync(executablePath, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  result.meta.chromium = chromiumVersion.replace(/^Chromium\s+/, '');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  log(`raw results: ${path.relative(root, out)}`);
  console.log(report(result));
}

// Run when started as a script; bench/push.mjs, report.mjs and year.mjs
// import the generator and the helpers only.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`[bench:import] error: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  });
}
