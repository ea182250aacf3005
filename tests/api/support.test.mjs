// Support for a proposed matter: one per person, counted by distinct
// household; at the place's threshold the matter enters deliberation by
// itself, on the timeline. 50 identical requests at once count once.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
let c = {}, community, matter;

before(async () => {
  await h.ready;
  const who = { resident: PHONES.resident, leader: PHONES.leader, tenant: PHONES.tenant, leader2: PHONES.leader2,
    staff: PHONES.staff, fResident: PHONES.fResident };
  for (const [k, p] of Object.entries(who)) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(p);
  }
  community = (await c.staff.get('/api/v1/me')).json.community_id;
  // three households are enough in this test community
  const s = await c.staff.put(`/api/v1/places/${community}/settings`, { support_households: '3' });
  assert.equal(s.status, 200, s.text);
  const m = await c.tenant.post('/api/v1/matters', { place_id: community, category: 'environment', title: '楼下增加绿化', body: '' });
  assert.equal(m.status, 201, m.text);
  matter = m.json;
  assert.deepEqual(m.json.support, { households: 0, needed: 3, mine: false });
});

test('50 identical support requests at once make one support', async () => {
  const shots = await Promise.all(Array.from({ length: 50 }, () => c.resident.put(`/api/v1/matters/${matter.id}/support`)));
  for (const r of shots) assert.equal(r.status, 200, r.text);
  const m = (await c.resident.get(`/api/v1/matters/${matter.id}`)).json;
  assert.deepEqual(m.support, { households: 1, needed: 3, mine: true });
  assert.equal(m.stage, 'collecting');
});

test('support counts households, not people; the threshold moves the matter on the record', async () => {
  // 孙德明 lives in the same household as 赵桂兰 (1栋101): still one household
  let r = await c.leader.put(`/api/v1/matters/${matter.id}/support`);
  assert.equal(r.json.households, 1);
  r = await c.tenant.put(`/api/v1/matters/${matter.id}/support`);
  assert.deepEqual([r.json.households, r.json.stage], [2, 'collecting']);
  // staff have no household here: they accept matters instead
  const staff = await c.staff.put(`/api/v1/matters/${matter.id}/support`);
  assert.equal(staff.status, 422);
  assert.equal(staff.json.error.code, 'household_required');
  assert.equal((await c.fResident.put(`/api/v1/matters/${matter.id}/support`)).status, 404);
  r = await c.leader2.put(`/api/v1/matters/${matter.id}/support`);
  assert.deepEqual([r.status, r.json.households, r.json.stage], [200, 3, 'deliberating']);
  const m = (await c.resident.get(`/api/v1/matters/${matter.id}`)).json;
  const last = m.timeline.at(-1);
  assert.deepEqual([last.from, last.to, last.actor.name], ['collecting', 'deliberating', '吴秀英']);
  assert.match(last.reason, /3户居民支持（门槛3户）/);
  // no more support once it left collecting
  const late = await c.resident.put(`/api/v1/matters/${matter.id}/support`);
  assert.equal(late.status, 409);
  assert.equal(late.json.error.code, 'not_collecting');
});

test('the matter page shows the count and the support button', async () => {
  const m = await c.tenant.post('/api/v1/matters', { place_id: community, category: 'other', title: '第二个待支持事项', body: '' });
  const page = (await c.resident.get(`/matters/${m.json.id}`)).text;
  assert.match(page, /<strong>0<\/strong> \/ 3/);
  assert.match(page, /id="support-btn"/);
  const r = await c.resident.post(`/matters/${m.json.id}/support`, undefined, { form: { _csrf: c.resident.csrfToken } });
  assert.equal(r.status, 303);
  const after = (await c.resident.get(`/matters/${m.json.id}`)).text;
  assert.match(after, /<strong>1<\/strong> \/ 3/);
  assert.match(after, /我已支持/);
  assert.equal((await c.staff.put(`/api/v1/places/${community}/settings`, { support_households: '0' })).status, 422);
});
