// The home page says what waits: for a resident, before anything else, the
// open votes she may cast (gone once cast), the calls for opinions open at
// her places, her next meetings and replies to what she wrote; for staff,
// their queues with counts (claims to decide, matters to accept, objections
// to answer). Opening a notification is a POST that marks it read and
// follows it; "mark all read" shows only when something is unread; the two
// settings buttons have different names.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
let community, grid, matter;
const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;
const section = (html, id) => {
  const m = new RegExp(`<section class="card waits" aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(html);
  return m ? m[1] : null;
};

before(async () => {
  await h.ready;
  for (const [k, p] of Object.entries({ staff: PHONES.staff, grid: PHONES.grid, resident: PHONES.resident,
    tenant: PHONES.tenant, leader: PHONES.leader, pending: PHONES.pending })) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(p);
  }
  community = (await c.staff.get('/api/v1/me')).json.community_id;
  const me = (await c.resident.get('/api/v1/me')).json;
  const home = me.roles.find((r) => r.role === 'resident').place.id;
  grid = (await c.resident.get(`/api/v1/places/${home}`)).json.ancestors.find((a) => a.kind === 'grid').id;
});

test('a resident\'s home: nothing waits at first, then her vote, a call, a meeting and a reply come first', async () => {
  let home = section((await c.resident.get('/')).text, 'waits-h');
  assert.ok(home, 'the section is there');
  // the demo may hold open calls; a vote and a meeting it does not
  assert.doesNotMatch(home, /href="\/votes\/\d+"/);
  const vote = await c.staff.post('/api/v1/votes', { place_id: community, title: '是否同意更换单元门禁', method: 'yes_no_abstain',
    mode: 'online', rule: { preset: 'simple_majority' }, closes_at: now() + 3 * 86400 });
  assert.equal(vote.status, 201, vote.text);
  const call = await c.staff.post('/api/v1/calls', { place_id: grid, title: '楼下花坛种什么', deadline: now() + 5 * 86400 });
  assert.equal(call.status, 201, call.text);
  const co = await c.grid.post('/api/v1/councils', { place_id: grid, name: '第1网格议事会', kind: 'monthly', day_of_month: 10,
    starts_on: new Date((now() + 86400) * 1000).toISOString().slice(0, 10), time: '19:30', location: '小区红凳子' });
  assert.equal(co.status, 201, co.text);
  const m = await c.resident.post('/api/v1/matters', { place_id: grid, category: 'other', title: '楼道灯太暗', body: '' });
  assert.equal(m.status, 201);
  matter = m.json.id;
  const cm = await c.tenant.post(`/api/v1/matters/${matter}/comments`, { body: '同意，晚上看不清台阶。' });
  assert.equal(cm.status, 201, cm.text);
  const page = await c.resident.get('/');
  home = section(page.text, 'waits-h');
  assert.ok(page.text.indexOf('waits-h') < page.text.indexOf('/matters/new'), 'before anything else');
  assert.match(home, new RegExp(`href="/votes/${vote.json.id}">是否同意更换单元门禁</a>`));
  assert.match(home, new RegExp(`href="/calls/${call.json.id}">楼下花坛种什么</a>`));
  assert.match(home, new RegExp(`href="/meetings/${co.json.upcoming[0].id}">第1网格议事会</a>`));
  assert.match(home, /周磊 回复了您：楼道灯太暗/);
  assert.doesNotMatch(home, /现在没有等您处理的事/);
  // cast: the vote no longer waits; the reply opens its matter and is read
  assert.equal((await c.resident.put(`/api/v1/votes/${vote.json.id}/ballot`, { options: [0] })).status, 201);
  assert.doesNotMatch(section((await c.resident.get('/')).text, 'waits-h'), new RegExp(`/votes/${vote.json.id}"`));
  const action = /<form method="post" action="(\/notifications\/\d+)\/open"/.exec(home)[1];
  const unread0 = (await c.resident.get('/api/v1/notifications')).json.unread;
  const open = await c.resident.post(`${action}/open`, undefined, { form: { _csrf: c.resident.csrfToken } });
  assert.equal(open.status, 303);
  assert.match(open.headers.get('location'), new RegExp(`^/matters/${matter}#comment-\\d+$`));
  assert.equal((await c.resident.get('/api/v1/notifications')).json.unread, unread0 - 1, 'read once opened');
  // another's notification: not found, nothing read
  assert.equal((await c.tenant.post(`${action}/open`, undefined, { form: { _csrf: c.tenant.csrfToken } })).status, 404);
  // the commenter is not told of her own comment; a reply to her comment tells her
  assert.ok(!(await c.tenant.get('/api/v1/notifications')).json.items.some((x) => x.kind === 'comment_reply'));
  const reply = await c.resident.post(`/api/v1/matters/${matter}/comments`, { body: '谢谢支持', parent_id: cm.json.id });
  assert.equal(reply.status, 201, reply.text);
  assert.ok((await c.tenant.get('/api/v1/notifications')).json.items.some((x) => x.kind === 'comment_reply'));
});

test('a person waiting for approval gets no queue and no waits', async () => {
  const page = await c.pending.get('/');
  assert.equal(page.status, 200);
  assert.equal(section(page.text, 'waits-h'), null);
});

test('staff see their queues with counts that match the lists behind them', async () => {
  const page = await c.staff.get('/');
  const q = section(page.text, 'queues-h');
  assert.ok(q, 'the queues');
  const count = (label) => Number(new RegExp(`${label} <span class="count">(\\d+)</span>`).exec(q)[1]);
  const collecting = (await c.staff.get(`/api/v1/matters?place_id=${community}&stage=collecting&limit=1`)).json.total;
  assert.equal(count('待受理的事项'), collecting);
  const claims = (await c.staff.get(`/api/v1/communities/${community}/claims?status=pending&limit=1`)).json;
  assert.ok(claims.total >= 1, 'the demo has a claim waiting');
  assert.equal(count('待审核的住户认证'), claims.total);
  let open = 0;
  for (const m of (await c.staff.get(`/api/v1/matters?place_id=${community}&stage=notice&limit=100`)).json.items) {
    const d = (await c.staff.get(`/api/v1/matters/${m.id}`)).json;
    open += (d.notice?.objections ?? d.objections ?? []).filter((o) => !o.answer).length;
  }
  assert.equal(count('待答复的异议'), open);
  // a new matter waits to be accepted: the count moves
  assert.equal((await c.tenant.post('/api/v1/matters', { place_id: grid, category: 'other', title: '新的事项', body: '' })).status, 201);
  assert.equal(Number(new RegExp('待受理的事项 <span class="count">(\\d+)</span>').exec(section((await c.staff.get('/')).text, 'queues-h'))[1]),
    collecting + 1);
  // a resident has no queues
  assert.equal(section((await c.resident.get('/')).text, 'queues-h'), null);
});

test('notifications: mark all read only when something is unread; two settings buttons, two names', async () => {
  let page = await c.resident.get('/notifications');
  assert.equal((page.text.match(/保存通知设置/g) || []).length, 1);
  assert.equal((page.text.match(/保存语言和显示/g) || []).length, 1);
  assert.doesNotMatch(page.text, /保存设置/);
  if ((await c.resident.get('/api/v1/notifications')).json.unread > 0) assert.match(page.text, /全部标为已读/);
  const r = await c.resident.post('/notifications/read', undefined, { form: { _csrf: c.resident.csrfToken } });
  assert.equal(r.status, 303);
  page = await c.resident.get('/notifications');
  assert.doesNotMatch(page.text, /全部标为已读/);
  assert.match(page.text, /action="\/notifications\/\d+\/open"/, 'each one opens by a form');
  // every kind a person may turn off is named in words, in each language
  for (const lang of ['zh-CN', 'zh-TW', 'en']) {
    const p = await c.resident.get('/notifications', { headers: { 'accept-language': lang } });
    assert.doesNotMatch(p.text, /kind_n_/, lang);
  }
});
