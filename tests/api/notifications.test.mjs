// Notifications in the app: followers hear of a matter's new stage, the
// author of an objection hears of its answer; the actor does not notify
// themself; each person chooses the kinds they receive; unread counts and
// marking read are per person.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
let resident, tenant, leader, staff, matter;

before(async () => {
  await h.ready;
  [resident, tenant, leader, staff] = await Promise.all([PHONES.resident, PHONES.tenant, PHONES.leader, PHONES.staff]
    .map(async (p) => { const c = new Client(h.url, p); await c.signIn(p); return c; }));
  const me = await resident.get('/api/v1/me');
  const building = me.json.places.find((p) => p.role === 'resident').line.find((x) => x.kind === 'building').id;
  const m = await resident.post('/api/v1/matters', { place_id: building, category: 'other', title: '通知测试事项', body: '' });
  assert.equal(m.status, 201, m.text);
  matter = m.json;
});

const list = async (c, q = '') => (await c.get(`/api/v1/notifications${q}`)).json;

test('followers are told of a new stage; the one who moved it is not', async () => {
  assert.equal((await tenant.put(`/api/v1/matters/${matter.id}/follow`)).status, 200);
  assert.equal((await staff.put(`/api/v1/matters/${matter.id}/follow`)).status, 200);
  const before = { resident: (await list(resident)).total, tenant: (await list(tenant)).total, staff: (await list(staff)).total };
  const t = await staff.post(`/api/v1/matters/${matter.id}/transitions`, { to: 'deliberating' });
  assert.equal(t.status, 200, t.text);
  const r = await list(resident, '?unread=true');
  assert.equal(r.total - 0 >= 1, true);
  const n = r.items[0];
  assert.deepEqual([n.kind, n.detail, n.read, n.matter.id, n.matter.title],
    ['matter_stage', 'deliberating', false, matter.id, '通知测试事项']);
  assert.equal((await list(tenant)).total, before.tenant + 1);
  assert.equal((await list(staff)).total, before.staff, 'no notification to the one who made the change');
  assert.equal((await list(leader)).items.filter((x) => x.matter?.id === matter.id).length, 0, 'not following: nothing');
});

test('a kind turned off is not received; settings are per person and validated', async () => {
  const p0 = await tenant.get('/api/v1/notification-prefs');
  assert.deepEqual(p0.json, { matter_stage: true, objection_answered: true, vote_opened: true, vote_closing: true, vote_result: true });
  const bad = await tenant.put('/api/v1/notification-prefs', { matter_stage: 'no' });
  assert.equal(bad.status, 400);
  const unknown = await tenant.put('/api/v1/notification-prefs', { nope: false, matter_stage: false });
  assert.equal(unknown.status, 422);
  assert.equal((await tenant.get('/api/v1/notification-prefs')).json.matter_stage, true, 'all or nothing');
  const off = await tenant.put('/api/v1/notification-prefs', { matter_stage: false });
  assert.equal(off.status, 200);
  assert.deepEqual(off.json, { matter_stage: false, objection_answered: true, vote_opened: true, vote_closing: true, vote_result: true });
  const n0 = (await list(tenant)).total;
  const r0 = (await list(resident)).total;
  assert.equal((await staff.post(`/api/v1/matters/${matter.id}/transitions`, { to: 'notice' })).status, 200);
  assert.equal((await list(tenant)).total, n0, 'turned off');
  assert.equal((await list(resident)).total, r0 + 1, 'the others still hear');
});

test('the author of an objection hears of its answer', async () => {
  const o = await tenant.post(`/api/v1/matters/${matter.id}/objections`, { body: '扶手太高' });
  assert.equal(o.status, 201, o.text);
  const a = await staff.post(`/api/v1/objections/${o.json.id}/answer`, { answer: '按规范高度安装', upheld: false });
  assert.equal(a.status, 200);
  const n = (await list(tenant, '?unread=true')).items.find((x) => x.kind === 'objection_answered');
  assert.ok(n, 'told of the answer');
  assert.equal(n.detail, 'not_upheld');
  assert.equal(n.matter.id, matter.id);
});

test('unread counts, marking one or all read, and nobody else\'s', async () => {
  const all = await list(resident);
  assert.ok(all.unread >= 2);
  const one = all.items.find((x) => !x.read);
  // marking another person's notification changes nothing
  const foreign = await tenant.post('/api/v1/notifications/read', { id: one.id });
  assert.equal(foreign.status, 200);
  assert.equal(foreign.json.marked, 0);
  const mine = await resident.post('/api/v1/notifications/read', { id: one.id });
  assert.deepEqual(mine.json, { marked: 1, unread: all.unread - 1 });
  const rest = await resident.post('/api/v1/notifications/read', {});
  assert.equal(rest.json.unread, 0);
  assert.equal((await list(resident, '?unread=true')).total, 0);
  assert.equal((await resident.get('/api/v1/notifications?unread=maybe')).status, 400);
  assert.equal((await resident.post('/api/v1/notifications/read', { id: 'x' })).status, 400);
});

test('the pages: an unread count in the header, the list, and the settings form', async () => {
  const t = await staff.post(`/api/v1/matters/${matter.id}/transitions`, { to: 'deliberating', reason: '重新协商' });
  assert.equal(t.status, 200, t.text);
  const home = (await resident.get('/')).text;
  assert.match(home, /id="nav-notifications">通知 \(1\)</);
  const page = (await resident.get('/notifications')).text;
  assert.match(page, /通知测试事项/);
  assert.match(page, /进入新阶段：协商中/);
  assert.match(page, /name="matter_stage" value="1" checked/);
  const read = await resident.post('/notifications/read', undefined, { form: { _csrf: resident.csrfToken } });
  assert.equal(read.status, 303);
  assert.doesNotMatch((await resident.get('/')).text, /通知 \(\d+\)/);
  const prefs = await resident.post('/notifications/prefs', undefined, { form: { _csrf: resident.csrfToken, objection_answered: '1' } });
  assert.equal(prefs.status, 303);
  // the form sends the checked kinds: every other one is turned off
  assert.deepEqual((await resident.get('/api/v1/notification-prefs')).json, { matter_stage: false, objection_answered: true, vote_opened: false, vote_closing: false, vote_result: false });
});
