// The server's roles match the app's (issue 11): tools/couch-setup with hubs.
// Volunteers' tablets sync with their hub's database (`wijkpeil-hub-<code>`),
// coordinators with `wijkpeil`; the server's own replications move the hubs'
// contacts and survey responses to `wijkpeil`, and the shared lists and
// surveys (and deletions) to the hubs. Node side only, against the CouchDB
// test server (its _replicator emulation: tools/couch-test-server/README.md).
import { test, expect } from './fixtures.mjs';
import { DB, USERS, couch, serverRecord as record, couchAvailable, docs, dropoffLogin, hubDatabases, passAll, resetDatabases, setup } from './couch.mjs';
import { chooseLocation, registerCommonContact, todayHeading } from './helpers.mjs';
import { coordinatorLaptop, deviceRevisions, enterServer, enterTrajectory, syncNow } from './sync-steps.mjs';

const NOORD = `${DB}-hub-noord`;
const ZUID = `${DB}-hub-zuid`;
const REPLICATOR = 'wijkpeil-replicator:geheim-replicator';
const volNoord = { name: 'vol-noord', password: 'geheim-vol-noord' };
const volZuid = { name: 'vol-zuid', password: 'geheim-vol-zuid' };
const { tablet1, coord } = USERS;

/** The arguments of a setup with the two hubs (tablet1 keeps its old role). */
const HUB_SETUP = [
  '--dropoff-user', dropoffLogin(),
  '--hub', 'noord', '--hub', 'zuid',
  '--replicator', REPLICATOR,
  '--user', `${volNoord.name}:${volNoord.password}:wijkpeil-hub-noord`,
  '--user', `${volZuid.name}:${volZuid.password}:wijkpeil-hub-zuid`,
  '--user', `${coord.name}:${coord.password}:wijkpeil-coordinator`,
];

test.skip(!couchAvailable(), 'COUCH_URL / COUCH_PROXY_URL not set: scripts/test starts the CouchDB test server');


async function put(db, doc, auth) {
  return couch('PUT', `${encodeURIComponent(db)}/${encodeURIComponent(doc._id)}`, { body: doc, auth });
}

/** {id → rev} of a database (admin), design documents left out; deleted ones as `deleted:<rev>`. */
async function revs(db) {
  return Object.fromEntries((await docs(db)).map((d) => [d.id, d.deleted ? `deleted:${d.rev}` : d.rev]));
}

/** Waits until `db` holds `id` in revision `rev` (the replication is asynchronous). */
async function arrives(db, id, rev) {
  await expect.poll(async () => (await revs(db))[id], { message: `${id} in ${db}`, timeout: 15_000 }).toBe(rev);
}

// The server as set up before hubs, with records: the migration below runs on it.
let before;
const oldTrajectory = record('trajectory');
const oldContact = record('contact');

test.beforeAll(async () => {
  if (!couchAvailable()) return;
  await resetDatabases();
  expect((await put(DB, oldTrajectory, tablet1)).status).toBe(201);
  expect((await put(DB, oldContact, tablet1)).status).toBe(201);
  before = await revs(DB);
});

test.afterAll(async () => {
  // Back to a server without hubs, for the other specs.
  if (couchAvailable()) await resetDatabases();
});

test.describe.configure({ mode: 'serial' });

test('migration: the hubs and replications come first, then wijkpeil-staff leaves wijkpeil; the records stay', async () => {
  expect((await couch('GET', `${DB}/_security`)).json.members.roles).toEqual(['wijkpeil-staff', 'wijkpeil-coordinator']);
  expect((await couch('GET', DB, { auth: tablet1 })).status).toBe(200);

  const r = await setup(HUB_SETUP);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.split('\n');
  const at = (text) => lines.findIndex((l) => l.includes(text));
  // First the replication account joins wijkpeil's members (beside the old
  // role); only at the end does the old role leave.
  const sets = lines.map((l, i) => [l, i]).filter(([l]) => l.startsWith(`ok: ${DB}/_security set`));
  expect(sets.map(([l]) => l)).toEqual([
    `ok: ${DB}/_security set (members: roles wijkpeil-staff, wijkpeil-coordinator, wijkpeil-replicator; names -)`,
    `ok: ${DB}/_security set (members: roles wijkpeil-coordinator, wijkpeil-replicator; names -)`,
  ]);
  const [joined, security] = sets.map(([, i]) => i);
  for (const step of [
    `ok: database ${NOORD} created`,
    `ok: database ${ZUID} created`,
    `ok: replication ${NOORD}-to-${DB} written`,
    `ok: replication ${DB}-to-${NOORD} written`,
    `ok: replication ${ZUID}-to-${DB} written`,
    `ok: replication ${DB}-to-${ZUID} written`,
  ]) {
    expect(at(step), step).toBeGreaterThan(joined);
    expect(at(step), `${step} before the members of ${DB} change`).toBeLessThan(security);
  }
  expect(r.stdout).toContain(`ok: wijkpeil-staff is no member of ${DB} any more`);
  expect(r.stdout).not.toContain('warning:');

  expect((await couch('GET', `${DB}/_security`)).json.members).toEqual({ names: [], roles: ['wijkpeil-coordinator', 'wijkpeil-replicator'] });
  expect((await couch('GET', `${NOORD}/_security`)).json.members).toEqual({
    names: [],
    roles: ['wijkpeil-hub-noord', 'wijkpeil-coordinator', 'wijkpeil-replicator'],
  });
  expect(await hubDatabases()).toEqual([NOORD, ZUID]);
  // Nothing lost; the old staff account reads nothing any more.
  expect(await revs(DB)).toEqual(before);
  expect((await couch('GET', `${DB}/${oldTrajectory._id}`, { auth: tablet1 })).status).toBe(403);
  // The contacts stay in wijkpeil; a hub starts with what every device shares only.
  expect(Object.keys(await revs(NOORD))).toEqual([]);
});

test("a hub volunteer's login reads and writes its hub only, and there only contacts and survey responses", async () => {
  for (const p of [`${DB}/${oldTrajectory._id}`, `${DB}/_all_docs`, `${DB}/_changes?since=0`, DB, ZUID, `${ZUID}/_all_docs`]) {
    const r = await couch('GET', p, { auth: volNoord });
    expect(r.status, `GET ${p}`).toBe(403);
    expect(r.json.error).toBe('forbidden');
  }
  // The connection test's two requests (src/service/sync.rs, check) on its own hub.
  expect((await couch('GET', NOORD, { auth: volNoord })).status).toBe(200);
  expect((await couch('GET', `${NOORD}/_design/wijkpeil`, { auth: volNoord })).json.filters.shared).toContain('org_list');
  // Without a login, or with a wrong password: 401.
  expect((await couch('GET', NOORD, { auth: null })).status).toBe(401);
  expect((await couch('GET', NOORD, { auth: `${volNoord.name}:wrong` })).status).toBe(401);

  expect((await put(NOORD, record('contact'), volNoord)).status).toBe(201);
  expect((await put(NOORD, record('survey_response'), volNoord)).status).toBe(201);
  for (const kind of ['trajectory', 'activity', 'initiative', 'org_list', 'survey_definition']) {
    const r = await put(NOORD, record(kind), volNoord);
    expect(r.status, kind).toBe(403);
    expect(r.json.error, kind).toBe('forbidden');
  }
  // Not in another hub, not in wijkpeil.
  expect((await put(ZUID, record('contact'), volNoord)).status).toBe(403);
  expect((await put(DB, record('contact'), volNoord)).status).toBe(403);
  // As the app pushes: _bulk_docs with new_edits:false, a trajectory among contacts.
  const good = record('contact');
  const bad = record('trajectory');
  const bulk = await couch('POST', `${NOORD}/_bulk_docs`, {
    auth: volNoord,
    body: {
      new_edits: false,
      docs: [good, bad].map((d) => ({ ...d, _rev: `1-${'a'.repeat(32)}`, _revisions: { start: 1, ids: ['a'.repeat(32)] } })),
    },
  });
  expect(bulk.status).toBe(201);
  expect(bulk.json).toEqual([{ id: bad._id, error: 'forbidden', reason: expect.stringContaining('trajectory') }]);
  // A coordinator may not put a trajectory in a hub either.
  expect((await put(NOORD, record('trajectory'), coord)).status).toBe(403);
});

test('the replication account writes only what its replications carry', async () => {
  const replicator = REPLICATOR;
  expect((await put(DB, record('trajectory'), replicator)).status).toBe(403);
  expect((await put(DB, record('org_list'), replicator)).status).toBe(403);
  expect((await put(NOORD, record('contact'), replicator)).status).toBe(403);
  expect((await put(NOORD, record('trajectory'), replicator)).status).toBe(403);
  expect((await put(DB, record('contact'), replicator)).status).toBe(201);
  expect((await put(NOORD, record('org_list'), replicator)).status).toBe(201);
});

test('the replications: contacts and responses up to wijkpeil, lists, surveys and deletions down to every hub', async () => {
  const contact = record('contact');
  const response = record('survey_response');
  const c = await put(NOORD, contact, volNoord);
  expect(c.status).toBe(201);
  const s = await put(NOORD, response, volNoord);
  await arrives(DB, contact._id, c.json.rev);
  await arrives(DB, response._id, s.json.rev);

  const list = record('org_list');
  const l = await put(DB, list, coord);
  expect(l.status).toBe(201);
  const survey = record('survey_definition');
  const d = await put(DB, survey, coord);
  for (const hub of [NOORD, ZUID]) {
    await arrives(hub, list._id, l.json.rev);
    await arrives(hub, survey._id, d.json.rev);
  }
  // A trajectory made by a coordinator stays in wijkpeil; a contact of noord never reaches zuid.
  const trajectory = record('trajectory');
  expect((await put(DB, trajectory, coord)).status).toBe(201);
  // A deletion in wijkpeil (retention, a coordinator) reaches the hub that had the record.
  // As the app deletes: the record's bookkeeping only (docs/SYNC.md).
  const gone = { _id: contact._id, _rev: c.json.rev, _deleted: true, id: contact.id, kind: 'contact', revision: 2, deleted: true };
  const del = await put(DB, gone, coord);
  expect(del.status).toBe(201);
  await arrives(NOORD, contact._id, `deleted:${del.json.rev}`);
  // By then the replication down to zuid has passed the trajectory (written before).
  await arrives(ZUID, contact._id, `deleted:${del.json.rev}`);
  for (const hub of [NOORD, ZUID]) expect(Object.keys(await revs(hub))).not.toContain(trajectory._id);
  expect(Object.keys(await revs(ZUID))).not.toContain(response._id);
  // The deletion carries no content to the other hub.
  const tomb = (await docs(ZUID)).find((x) => x.id === contact._id);
  expect(Object.keys(tomb.doc).sort()).toEqual(['_deleted', '_id', '_rev', 'deleted', 'id', 'kind', 'revision'].sort());
});

test('running setup again changes nothing, and refuses what does not fit the hubs', async () => {
  const sets = async () => ({
    main: await revs(DB),
    noord: await revs(NOORD),
    zuid: await revs(ZUID),
    replications: (await couch('GET', '_replicator/_all_docs')).json.rows.map((r) => [r.id, r.value.rev]),
  });
  const was = await sets();
  const r = await setup(HUB_SETUP);
  expect(r.code, r.stderr).toBe(0);
  const changed = r.stdout.split('\n').filter((l) => /(created|written|set|updated)\b/.test(l) && !/ok: user /.test(l));
  expect(changed).toEqual([]);
  for (const db of [DB, NOORD, ZUID]) {
    expect(r.stdout).toContain(`ok: ${db}/_security unchanged`);
    expect(r.stdout).toContain(`ok: ${db}/_design/wijkpeil unchanged`);
  }
  expect(r.stdout.match(/ok: replication \S+ unchanged/g)).toHaveLength(4);
  expect(await sets()).toEqual(was);

  // Without naming the hubs, they are kept (found on the server), and need the replication account.
  const bare = await setup(['--dropoff-user', dropoffLogin()]);
  expect(bare.code).toBe(1);
  expect(bare.stderr).toContain('need --replicator');
  const found = await setup(['--dropoff-user', dropoffLogin(), '--replicator', REPLICATOR]);
  expect(found.code, found.stderr).toBe(0);
  expect(found.stdout).toContain(`ok: replication ${DB}-to-${ZUID} unchanged`);
  expect(await sets()).toEqual(was);

  const noHub = await setup([...HUB_SETUP, '--user', 'x:y:wijkpeil-hub-west']);
  expect(noHub.code).toBe(1);
  expect(noHub.stderr).toContain('there is no hub west');
  const staff = await setup([...HUB_SETUP, '--user', 'x:y:wijkpeil-staff']);
  expect(staff.code).toBe(1);
  expect(staff.stderr).toContain('reaches nothing once hubs exist');
  expect((await setup([...HUB_SETUP, '--hub', 'Noord!'])).code).toBe(1);
  expect(await sets()).toEqual(was);
});

test("a volunteer's tablet syncs with its hub: its contact reaches wijkpeil, the coordinator's list reaches it, trajectories never", async ({ page, browser }) => {
  // A server with hubs and no records yet.
  await resetDatabases();
  const r = await setup(HUB_SETUP);
  expect(r.code, r.stderr).toBe(0);
  await passAll();

  await chooseLocation(page);
  // The connection test with the main database: this login has no access there.
  await enterServer(page, { user: volNoord, database: DB, action: 'Verbinding testen' });
  await expect(page.getByText('Deze gebruiker heeft geen toegang tot deze database.')).toBeVisible({ timeout: 20_000 });
  await enterServer(page, { user: volNoord, database: NOORD });
  await expect(page.getByTestId('sync-last-ok')).toContainText('Laatst gesynchroniseerd', { timeout: 20_000 });

  // The volunteer's app registers a contact; its sync takes it to the hub, the server's replication on to wijkpeil.
  await page.goto('/');
  await registerCommonContact(page);
  await expect(todayHeading(page, 1)).toBeVisible();
  const [contactId] = Object.keys(await deviceRevisions(page)).filter((id) => id.startsWith('contact:'));
  // Polled: the header may still say so from before the save.
  await expect.poll(async () => Object.keys(await revs(NOORD)), { timeout: 20_000 }).toContain(contactId);
  await expect(page.getByTestId('pending')).toContainText('Alles staat op de server', { timeout: 20_000 });
  await expect.poll(async () => Object.keys(await revs(DB)), { timeout: 15_000 }).toContain(contactId);

  // A coordinator renames a location and enters a trajectory, with wijkpeil.
  const coordinator = await coordinatorLaptop(browser);
  await coordinator.page.getByRole('link', { name: 'Lijsten' }).click();
  await coordinator.page.getByRole('button', { name: 'Naam wijzigen: Wijkplein Noord' }).click();
  await coordinator.page.getByLabel('Nieuwe naam voor Wijkplein Noord').fill('Buurthuis Noorderlicht');
  await coordinator.page.getByRole('button', { name: 'Naam opslaan' }).click();
  await expect(coordinator.page.getByTestId('lists-status')).toHaveText('Opgeslagen.');
  await enterTrajectory(coordinator.page);
  await syncNow(coordinator.page);
  const main = await revs(DB);
  const listId = 'org_list:00000000-0000-8000-8000-000000000001';
  const [trajectoryId] = Object.keys(main).filter((id) => id.startsWith('trajectory:'));
  expect(trajectoryId).toBeTruthy();
  // The coordinator's device holds the tablet's contact.
  expect(Object.keys(await deviceRevisions(coordinator.page))).toContain(contactId);

  // The list comes down to the hub; the tablet's next sync brings it, and its app shows the new name.
  await expect.poll(async () => (await revs(NOORD))[listId], { timeout: 15_000 }).toBe(main[listId]);
  await syncNow(page);
  await page.goto('/');
  await expect(page.locator('.topbar .location')).toHaveText('Buurthuis Noorderlicht');
  const onTablet = await deviceRevisions(page);
  expect(Object.keys(onTablet)).toContain(listId);
  expect(Object.keys(onTablet)).not.toContain(trajectoryId);
  expect(Object.keys(await revs(NOORD))).not.toContain(trajectoryId);
  await coordinator.context.close();
});
