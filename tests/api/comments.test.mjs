// Discussion on matters: threaded comments, reports, moderation with public
// reasons, pre-moderation chosen per place, posting rate limits; and the
// per-place settings staff change.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
let resident, tenant, staff, grid, other, matter, community;

before(async () => {
  await h.ready;
  [resident, tenant, staff, grid, other] = await Promise.all(
    [PHONES.resident, PHONES.tenant, PHONES.staff, PHONES.grid, PHONES.fResident].map(async (p) => {
      const c = new Client(h.url, p);
      await c.signIn(p);
      return c;
    }));
  community = (await staff.get('/api/v1/me')).json.community_id;
  const list = (await staff.get(`/api/v1/matters?place_id=${community}&stage=deliberating`)).json.items;
  matter = list[0];
  assert.ok(matter);
});

const comments = async (c) => (await c.get(`/api/v1/matters/${matter.id}/comments`)).json;

test('members comment and reply in threads; outsiders cannot; bad input writes nothing', async () => {
  const a = await resident.post(`/api/v1/matters/${matter.id}/comments`, { body: '我支持按小时收费' });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.status, 'visible');
  const b = await tenant.post(`/api/v1/matters/${matter.id}/comments`, { body: '租户也有车', parent_id: a.json.id });
  assert.equal(b.status, 201, b.text);
  const c = await resident.post(`/api/v1/matters/${matter.id}/comments`, { body: '可以办月卡', parent_id: b.json.id });
  assert.equal(c.status, 201);
  const list = await comments(tenant);
  const ids = list.items.map((x) => x.id);
  assert.deepEqual(ids.slice(-3), [a.json.id, b.json.id, c.json.id], 'thread order');
  assert.deepEqual(list.items.slice(-3).map((x) => x.depth), [0, 1, 2]);
  assert.equal(list.items.at(-2).parent_id, a.json.id);
  assert.equal((await other.post(`/api/v1/matters/${matter.id}/comments`, { body: '外社区' })).status, 404);
  assert.equal((await resident.post(`/api/v1/matters/${matter.id}/comments`, { body: ' ' })).status, 422);
  assert.equal((await resident.post(`/api/v1/matters/${matter.id}/comments`, { body: 5 })).status, 400);
  assert.equal((await resident.post(`/api/v1/matters/${matter.id}/comments`, { body: 'x', parent_id: 999999 })).status, 422);
  assert.equal((await comments(tenant)).total, list.total, 'nothing written');
});

test('reports once per person; staff hide with a public reason and show again', async () => {
  const target = (await comments(resident)).items.find((x) => x.body === '租户也有车');
  const r1 = await resident.post(`/api/v1/comments/${target.id}/report`, { reason: '跑题' });
  assert.equal(r1.status, 200, r1.text);
  const r2 = await resident.post(`/api/v1/comments/${target.id}/report`, { reason: '再举报' });
  assert.equal(r2.status, 409);
  assert.equal(r2.json.error.code, 'already_reported');
  assert.equal((await resident.post(`/api/v1/comments/${target.id}/report`, {})).status, 422);
  // residents and the other community may not moderate
  assert.equal((await tenant.post(`/api/v1/comments/${target.id}/moderation`, { action: 'hide', reason: 'x' })).status, 403);
  assert.equal((await other.post(`/api/v1/comments/${target.id}/moderation`, { action: 'hide', reason: 'x' })).status, 404);
  assert.equal((await staff.post(`/api/v1/comments/${target.id}/moderation`, { action: 'hide' })).status, 422);
  assert.equal((await staff.post(`/api/v1/comments/${target.id}/moderation`, { action: 'delete', reason: 'x' })).status, 422);
  const hid = await staff.post(`/api/v1/comments/${target.id}/moderation`, { action: 'hide', reason: '含有个人信息' });
  assert.equal(hid.status, 200, hid.text);
  const seen = (await comments(resident)).items.find((x) => x.id === target.id);
  assert.deepEqual([seen.status, seen.body, seen.hidden_reason], ['hidden', null, '含有个人信息'], 'the reason is public, the text is not');
  const staffView = (await comments(staff));
  assert.equal(staffView.may_moderate, true);
  const forStaff = staffView.items.find((x) => x.id === target.id);
  assert.equal(forStaff.body, '租户也有车');
  assert.equal(forStaff.reports, 1);
  assert.equal((await staff.post(`/api/v1/comments/${target.id}/moderation`, { action: 'show' })).status, 200);
  assert.equal((await comments(resident)).items.find((x) => x.id === target.id).body, '租户也有车');
});

test('a community that pre-moderates holds residents\' comments until staff approve', async () => {
  // per-place settings: staff only, validated, all or nothing
  assert.equal((await resident.put(`/api/v1/places/${community}/settings`, { premoderation: '1' })).status, 403);
  assert.equal((await grid.put(`/api/v1/places/${community}/settings`, { premoderation: '1' })).status, 403);
  const bad = await staff.put(`/api/v1/places/${community}/settings`, { premoderation: '1', notice_days: '99' });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.field, 'notice_days');
  assert.equal((await staff.get(`/api/v1/places/${community}/settings`)).json.premoderation, null, 'nothing written');
  const set = await staff.put(`/api/v1/places/${community}/settings`, { premoderation: '1' });
  assert.equal(set.status, 200, set.text);
  const { notice_days, premoderation, support_households, developer_held } = set.json;
  assert.deepEqual({ notice_days, premoderation, support_households, developer_held },
    { notice_days: '5', premoderation: '1', support_households: null, developer_held: null });
  const held = await tenant.post(`/api/v1/matters/${matter.id}/comments`, { body: '先审后发' });
  assert.equal(held.status, 201);
  assert.equal(held.json.status, 'pending');
  assert.ok((await comments(tenant)).items.some((x) => x.id === held.json.id), 'the author sees it, marked');
  assert.ok(!(await comments(resident)).items.some((x) => x.id === held.json.id), 'others do not yet');
  const byStaff = await staff.post(`/api/v1/matters/${matter.id}/comments`, { body: '工作人员发言不需审核' });
  assert.equal(byStaff.json.status, 'visible');
  assert.equal((await staff.post(`/api/v1/comments/${held.json.id}/moderation`, { action: 'approve' })).status, 200);
  assert.ok((await comments(resident)).items.some((x) => x.id === held.json.id && x.status === 'visible'));
  assert.equal((await staff.put(`/api/v1/places/${community}/settings`, { premoderation: '0' })).status, 200);
});

test('posting is rate limited per person', async () => {
  let limited = null;
  for (let i = 0; i < 8 && !limited; i++) {
    const r = await grid.post(`/api/v1/matters/${matter.id}/comments`, { body: `第${i}条` });
    if (r.status === 429) limited = { i, r };
    else assert.equal(r.status, 201, r.text);
  }
  assert.ok(limited, 'the sixth comment within a minute is refused');
  assert.equal(limited.i, 5);
  assert.equal(limited.r.json.error.code, 'comment_rate_limited');
});

test('the matter page shows the thread with reply, report and moderation forms', async () => {
  const page = (await resident.get(`/matters/${matter.id}`)).text;
  assert.match(page, /<h2>讨论<\/h2>/);
  assert.match(page, /我支持按小时收费/);
  assert.match(page, /class="comment depth-1"/);
  assert.match(page, /action="\/comments\/\d+\/report"/);
  assert.doesNotMatch(page, /action="\/comments\/\d+\/moderation"/);
  assert.match((await staff.get(`/matters/${matter.id}`)).text, /action="\/comments\/\d+\/moderation"/);
  const posted = await resident.post(`/matters/${matter.id}/comments`, undefined, { form: { _csrf: resident.csrfToken, body: '网页上的发言' } });
  assert.equal(posted.status, 303);
  assert.match((await resident.get(`/matters/${matter.id}`)).text, /网页上的发言/);
});
