// Participation reads dashboard_activity (mod/dashboard, migration 0003):
// per household, month and community, how many records of the household or
// its residents count (opinions, supports of an opinion or a matter,
// reports, ratings, confirmed volunteer service, survey answers), kept by
// triggers in the transaction of each record. After the demo's records and
// a sequence of actions through the API (an opinion, a support given and
// one withdrawn, a report, a survey answer), the table equals a recount
// from scratch over the records themselves, made here in JavaScript; and
// a month later (the test clock) the figure counts what it should.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { useServer, Client, PHONES, STORE } from './helpers.mjs';

const h = useServer();
const c = {};
let community, building, household;
const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;

before(async () => {
  await h.ready;
  for (const k of ['staff', 'resident', 'leader', 'tenant']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  const line = (await c.resident.get('/api/v1/me')).json.places[0].line;
  community = line.find((p) => p.kind === 'community').id;
  building = line.find((p) => p.kind === 'building').id;
  household = line.find((p) => p.kind === 'household').id;
});

function rows(sql) {
  if (STORE === 'sqlite') {
    const out = execFileSync('sqlite3', ['-json', h.db.replace(/^sqlite:/, ''), sql], { encoding: 'utf8' });
    return out.trim() ? JSON.parse(out) : [];
  }
  const out = execFileSync('psql', ['-X', '-q', '-A', '-t', '-d', h.db, '-c', `SELECT COALESCE(json_agg(x), '[]') FROM (${sql}) x`],
    { encoding: 'utf8' });
  return JSON.parse(out.trim());
}

/* The first second of the month of t, China time (UTC+8). */
function monthOf(t) {
  const d = new Date((Number(t) + 8 * 3600) * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000 - 8 * 3600;
}

const RESIDENT = 'JOIN role_assignment ra ON ra.person_id = x.%s AND ra.role = \'resident\'';
const by = (col) => RESIDENT.replace('%s', col);

/* Every record that counts, with its household(s), community and time; summed per household, month and community. */
function recount() {
  const recs = rows(
    `SELECT ra.place_id AS h, x.community_id AS c, x.created_at AS t FROM opinion x ${by('author_id')} ` +
    `UNION ALL SELECT ra.place_id, x.community_id, x.created_at FROM opinion_support x ${by('person_id')} ` +
    'UNION ALL SELECT x.household_id, x.community_id, x.created_at FROM matter_support x ' +
    `UNION ALL SELECT ra.place_id, x.community_id, x.created_at FROM report x ${by('reporter_id')} ` +
    `UNION ALL SELECT ra.place_id, x.community_id, x.at FROM satisfaction_answer x ${by('person_id')} ` +
    `UNION ALL SELECT ra.place_id, x.community_id, x.confirmed_at FROM volunteer_signup x ${by('person_id')} ` +
    'WHERE x.minutes > 0 AND x.confirmed_at IS NOT NULL ' +
    'UNION ALL SELECT x.household_id, x.community_id, x.at FROM satisfaction_response x');
  const m = new Map();
  for (const r of recs) {
    const k = `${r.h}/${monthOf(r.t)}/${r.c}`;
    m.set(k, (m.get(k) || 0) + 1);
  }
  return [...m.entries()].map(([k, n]) => `${k}=${n}`).sort();
}

function table() {
  return rows('SELECT household_id AS h, month AS m, community_id AS c, n FROM dashboard_activity')
    .map((r) => `${r.h}/${r.m}/${r.c}=${r.n}`).sort();
}

const ok = (r, status = 201) => { assert.equal(r.status, status, r.text); return r.json; };

test('the table equals a recount from scratch after the demo and a sequence of actions', async () => {
  assert.ok(table().length > 0, 'the demo\'s records are counted');
  assert.deepEqual(table(), recount(), 'after the demo');
  const call = ok(await c.staff.post('/api/v1/calls', { place_id: community, title: '看板参与测试', deadline: now() + 30 * 86400 }));
  const op = ok(await c.resident.post(`/api/v1/calls/${call.id}/opinions`, { body: '楼道里加装扶手' }));
  assert.equal((await c.leader.put(`/api/v1/opinions/${op.id}/support`)).status < 300, true);
  assert.equal((await c.tenant.put(`/api/v1/opinions/${op.id}/support`)).status < 300, true);
  assert.deepEqual(table(), recount(), 'after an opinion and two supports');
  const withdrawn = await c.tenant.del(`/api/v1/opinions/${op.id}/support`);
  assert.ok(withdrawn.status < 300, withdrawn.text);
  assert.deepEqual(table(), recount(), 'after a support withdrawn (its row counts one less, or goes)');
  ok(await c.resident.post('/api/v1/reports', { category: 'power', place_id: household, description: '参与测试：灯坏了' }));
  const survey = ok(await c.staff.post('/api/v1/surveys', { place_id: building, question: '参与测试：满意吗？', closes_at: now() + 7 * 86400, threshold: 60 }));
  ok(await c.resident.put(`/api/v1/surveys/${survey.id}/response`, { score: 5 }), 200);
  assert.deepEqual(table(), recount(), 'after a report and a survey answer');
});

test('a household counts in the month it acted, not the next', async () => {
  const thisMonth = (await c.staff.get(`/api/v1/dashboards/${community}`)).json.period.to;
  const fig = async (period) => (await c.staff.get(`/api/v1/dashboards/${community}/figures/participation?period=${period}`)).json.figure.total;
  const before = await fig(thisMonth);
  assert.ok(before.numerator >= 1, 'the resident\'s household took part this month');
  await h.advance(40 * 86400);
  for (const k of ['staff', 'resident']) { // the sessions idled 40 days
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  const next = (await c.staff.get(`/api/v1/dashboards/${community}`)).json.period.to;
  assert.notEqual(next, thisMonth);
  const later = await fig(next);
  assert.equal(later.denominator, before.denominator);
  assert.ok(later.numerator < before.numerator, `nothing yet in ${next}: ${later.numerator} of ${before.numerator}`);
  ok(await c.resident.post('/api/v1/reports', { category: 'power', place_id: household, description: '参与测试：下个月又坏了' }));
  const after = await fig(next);
  assert.equal(after.numerator, later.numerator + 1, 'the resident\'s household, once');
  assert.equal((await fig(thisMonth)).numerator, before.numerator, 'last month is as it was');
  assert.deepEqual(table(), recount());
});
