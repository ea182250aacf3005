// Matters: lists, filters, the timeline, proposing, following, the stage
// transitions (who may, reasons, invalid moves, merging), safe Markdown and
// the title/category rules.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, PHONES } from './helpers.mjs';

const h = useServer();
let res; // 赵桂兰, resident of 龙湖 1栋101
let staff; // 李红梅, 龙湖 community staff
let tenant; // 周磊, another 龙湖 resident
let L; // 龙湖's place id
let building; // her building (1栋)
let all; // every 龙湖 matter (as the resident sees them), newest first
let mine; // the matter she proposes

before(async () => {
  await h.ready;
  res = h.client('resident');
  staff = h.client('staff');
  tenant = h.client('tenant');
  await Promise.all([res.signIn(PHONES.resident), staff.signIn(PHONES.staff), tenant.signIn(PHONES.tenant)]);
  const me = (await res.get('/api/v1/me')).json;
  L = me.community_id;
  building = me.places[0].line.find((p) => p.kind === 'building');
  const r = await res.get('/api/v1/matters?limit=100');
  assert.equal(r.status, 200);
  all = r.json.items;
});

test('the resident lists her community\'s matters, most recently active first, with total/limit/offset', async () => {
  const r = await res.get('/api/v1/matters');
  assert.equal(r.status, 200);
  assert.equal(r.json.limit, 20, 'default limit');
  assert.equal(r.json.offset, 0);
  assert.equal(r.json.total, all.length);
  assert.ok(all.length >= 10, 'the demo has ten 龙湖 matters');
  for (const m of all) {
    assert.equal(m.community_id, L, `matter ${m.id} is in 龙湖`);
    assert.equal(typeof m.title, 'string');
    assert.equal(typeof m.excerpt, 'string');
    assert.ok(!('body' in m), 'lists carry an excerpt, not the body');
  }
  // most recently changed first; among equal times, the newest matter first
  const key = (m) => [m.updated_at, m.id];
  const sorted = [...all].sort((a, b) => (a.updated_at === b.updated_at ? b.id - a.id : a.updated_at < b.updated_at ? 1 : -1));
  assert.deepEqual(all.map(key), sorted.map(key), 'most recently active first');
  assert.ok(!all.some((m) => m.title === '闲置停车棚清理改造'), '凤凰苑\'s matter is not listed');
});

test('pagination: limit/offset pages add up to the whole list; limit is capped at 100', async () => {
  const pages = [];
  for (let off = 0; off < all.length; off += 3) {
    const r = await res.get(`/api/v1/matters?limit=3&offset=${off}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.limit, 3);
    assert.equal(r.json.offset, off);
    assert.equal(r.json.total, all.length);
    assert.equal(r.json.items.length, Math.min(3, all.length - off));
    pages.push(...r.json.items.map((m) => m.id));
  }
  assert.deepEqual(pages, all.map((m) => m.id));
  const past = await res.get(`/api/v1/matters?limit=3&offset=${all.length + 5}`);
  assert.equal(past.status, 200);
  assert.deepEqual(past.json.items, []);
  assert.equal(past.json.total, all.length);
  const big = await res.get('/api/v1/matters?limit=1000');
  assert.equal(big.status, 200);
  assert.equal(big.json.limit, 100, 'asking 1000 gives 100');
  assert.equal(big.json.items.length, all.length);
  for (const bad of ['limit=0', 'limit=-1', 'offset=-1', 'limit=abc', 'offset=1.5']) {
    const r = await res.get(`/api/v1/matters?${bad}`);
    assert.equal(r.status, 400, bad);
    assert.equal(r.json.error.code, 'bad_query');
  }
});

test('filters: stage, category and q (a substring of title or body)', async () => {
  for (const stage of ['collecting', 'deliberating', 'notice', 'withdrawn', 'merged']) {
    const r = await res.get(`/api/v1/matters?stage=${stage}&limit=100`);
    assert.equal(r.status, 200);
    const want = all.filter((m) => m.stage === stage).map((m) => m.id);
    assert.ok(want.length >= 1, `the demo has a ${stage} matter`);
    assert.deepEqual(r.json.items.map((m) => m.id), want, stage);
    assert.equal(r.json.total, want.length);
  }
  const parking = await res.get('/api/v1/matters?category=parking&limit=100');
  assert.deepEqual(parking.json.items.map((m) => m.id), all.filter((m) => m.category === 'parking').map((m) => m.id));
  assert.ok(parking.json.total >= 2);
  const both = await res.get('/api/v1/matters?category=parking&stage=merged');
  assert.deepEqual(both.json.items.map((m) => m.id), all.filter((m) => m.category === 'parking' && m.stage === 'merged').map((m) => m.id));

  // q: compare with the bodies read one by one
  const bodies = {};
  for (const m of all) bodies[m.id] = (await res.get(`/api/v1/matters/${m.id}`)).json;
  for (const q of ['停车', '东院', '议事会', '坡道', '车位']) {
    const r = await res.get(`/api/v1/matters?q=${encodeURIComponent(q)}&limit=100`);
    assert.equal(r.status, 200, q);
    const want = all.filter((m) => bodies[m.id].title.includes(q) || bodies[m.id].body.includes(q)).map((m) => m.id);
    assert.ok(want.length >= 1, `something matches ${q}`);
    assert.deepEqual(r.json.items.map((m) => m.id), want, `q=${q}`);
    assert.equal(r.json.total, want.length);
  }
  const none = await res.get(`/api/v1/matters?q=${encodeURIComponent('没有这个词')}`);
  assert.equal(none.json.total, 0);
  // wildcards are literal
  const pct = await res.get('/api/v1/matters?q=%25');
  assert.equal(pct.json.total, all.filter((m) => bodies[m.id].title.includes('%') || bodies[m.id].body.includes('%')).length);

  const badStage = await res.get('/api/v1/matters?stage=done');
  assert.equal(badStage.status, 422);
  assert.equal(badStage.json.error.code, 'stage_invalid');
  const badCat = await res.get('/api/v1/matters?category=food');
  assert.equal(badCat.status, 422);
  assert.equal(badCat.json.error.code, 'category_invalid');
  const longQ = await res.get(`/api/v1/matters?q=${'字'.repeat(51)}`);
  assert.equal(longQ.status, 422);
  assert.equal(longQ.json.error.code, 'query_invalid');
});

function assertTimeline(m) {
  const tl = m.timeline;
  assert.ok(tl.length >= 1);
  assert.equal(tl[0].from, null, 'the first event creates the matter');
  assert.equal(tl[0].to, 'collecting');
  for (let i = 0; i < tl.length; i++) {
    const e = tl[i];
    assert.equal(typeof e.actor.id, 'number');
    assert.equal(typeof e.actor.name, 'string');
    assert.ok(e.actor.name.length > 0);
    assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    if (i > 0) {
      assert.ok(e.id > tl[i - 1].id, 'in order of creation');
      assert.ok(Date.parse(e.at) >= Date.parse(tl[i - 1].at), 'in time order');
      assert.equal(e.from, tl[i - 1].to, 'each move starts where the previous ended');
    }
  }
  assert.equal(tl.at(-1).to, m.stage, 'the last event is the current stage');
}

test('a matter reads with its timeline: events in order with from/to/actor', async () => {
  const notice = all.find((m) => m.stage === 'notice');
  const r = await res.get(`/api/v1/matters/${notice.id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.id, notice.id);
  assert.equal(typeof r.json.body, 'string');
  assert.equal(typeof r.json.body_html, 'string');
  assert.deepEqual(r.json.timeline.map((e) => e.to), ['collecting', 'deliberating', 'notice']);
  assertTimeline(r.json);
  assert.equal(r.json.timeline[0].actor.id, r.json.author.id, 'the author created it');
  assert.equal(r.json.timeline.at(-1).reason, '议事会表决通过，公示5天');
  const sharing = all.find((m) => m.stage === 'sharing');
  const s = await res.get(`/api/v1/matters/${sharing.id}`);
  assert.equal(s.json.timeline.length, 7);
  assertTimeline(s.json);
  const merged = all.find((m) => m.stage === 'merged');
  const mm = await res.get(`/api/v1/matters/${merged.id}`);
  assert.equal(typeof mm.json.merged_into, 'number');
  assert.equal((await res.get(`/api/v1/matters/${mm.json.merged_into}`)).status, 200);
  for (const p of ['/api/v1/matters/999999', '/api/v1/matters/0', '/api/v1/matters/abc']) {
    const x = await res.get(p);
    assert.equal(x.status, 404, p);
  }
});

test('she proposes a matter at her building: 201, collecting, one event, she follows it', async () => {
  const r = await res.post('/api/v1/matters', {
    place_id: building.id,
    category: 'facilities',
    title: '1栋单元门禁维修',
    body: '门禁经常失灵，**请尽快**维修。',
  });
  assert.equal(r.status, 201, r.text);
  mine = r.json;
  assert.equal(r.headers.get('location'), `/api/v1/matters/${mine.id}`);
  assert.equal(mine.stage, 'collecting');
  assert.equal(mine.phase, 'plan');
  assert.equal(mine.place.id, building.id);
  assert.equal(mine.community_id, L);
  assert.equal(mine.author.name, '赵桂兰');
  assert.equal(mine.title, '1栋单元门禁维修');
  assert.match(mine.body_html, /<strong>请尽快<\/strong>/);
  assert.equal(mine.timeline.length, 1);
  assert.equal(mine.timeline[0].from, null);
  assert.equal(mine.timeline[0].to, 'collecting');
  assert.equal(mine.timeline[0].actor.id, mine.author.id);
  assert.equal(mine.following, true);
  assert.equal(mine.followers, 1);
  assert.deepEqual(mine.transitions.map((t) => t.to), ['withdrawn'], 'the author may only withdraw');
  const list = await res.get('/api/v1/matters?limit=1');
  assert.equal(list.json.items[0].id, mine.id, 'first in the list');
  assert.equal(list.json.total, all.length + 1);
  const followed = await res.get('/api/v1/matters?followed=true&limit=100');
  assert.ok(followed.json.items.some((m) => m.id === mine.id), 'in her followed list');
  // a tenant of another building sees it too, and does not follow it
  const t = await tenant.get(`/api/v1/matters/${mine.id}`);
  assert.equal(t.status, 200);
  assert.equal(t.json.following, false);
  assert.deepEqual(t.json.transitions, []);
});

test('follow/unfollow (PUT/DELETE /follow) are idempotent and the follower count is exact', async () => {
  // a matter she does not follow yet
  const target = all.find((m) => m.author.name !== '赵桂兰' && m.stage === 'collecting') ?? all.find((m) => m.author.name !== '赵桂兰');
  const before = (await res.get(`/api/v1/matters/${target.id}`)).json;
  assert.equal(before.following, false);
  const n = before.followers;
  const f1 = await res.put(`/api/v1/matters/${target.id}/follow`);
  assert.equal(f1.status, 200, f1.text);
  assert.deepEqual(f1.json, { id: target.id, following: true, followers: n + 1 });
  const f2 = await res.put(`/api/v1/matters/${target.id}/follow`);
  assert.equal(f2.status, 200);
  assert.equal(f2.json.followers, n + 1, 'following twice counts once');
  const t1 = await tenant.put(`/api/v1/matters/${target.id}/follow`);
  assert.equal(t1.json.followers, n + 2);
  const got = (await res.get(`/api/v1/matters/${target.id}`)).json;
  assert.equal(got.following, true);
  assert.equal(got.followers, n + 2);
  const u1 = await res.del(`/api/v1/matters/${target.id}/follow`);
  assert.equal(u1.status, 200);
  assert.deepEqual(u1.json, { id: target.id, following: false, followers: n + 1 });
  const u2 = await res.del(`/api/v1/matters/${target.id}/follow`);
  assert.equal(u2.json.followers, n + 1, 'unfollowing twice counts once');
  await tenant.del(`/api/v1/matters/${target.id}/follow`);
  const end = (await staff.get(`/api/v1/matters/${target.id}`)).json;
  assert.equal(end.followers, n);
  assert.equal((await res.get(`/api/v1/matters/${target.id}`)).json.following, false);
  const followed = await res.get('/api/v1/matters?followed=true&limit=100');
  assert.ok(!followed.json.items.some((m) => m.id === target.id));
  const missing = await res.put('/api/v1/matters/999999/follow');
  assert.equal(missing.status, 404);
});

test('staff sees the transitions of the new matter and moves it collecting → deliberating', async () => {
  const s = await staff.get(`/api/v1/matters/${mine.id}`);
  assert.equal(s.status, 200);
  const tos = s.json.transitions.map((t) => t.to).sort();
  assert.deepEqual(tos, ['deliberating', 'merged', 'rejected']);
  assert.equal(s.json.transitions.find((t) => t.to === 'rejected').reason_required, true);
  assert.equal(s.json.transitions.find((t) => t.to === 'deliberating').reason_required, false);
  const r = await staff.post(`/api/v1/matters/${mine.id}/transitions`, { to: 'deliberating', reason: '列入本月议事会' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.stage, 'deliberating');
  assert.equal(r.json.timeline.length, 2);
  const e = r.json.timeline[1];
  assert.equal(e.from, 'collecting');
  assert.equal(e.to, 'deliberating');
  assert.equal(e.actor.name, '李红梅');
  assert.equal(e.reason, '列入本月议事会');
  assertTimeline(r.json);
  // the author reads the same timeline
  const mineNow = (await res.get(`/api/v1/matters/${mine.id}`)).json;
  assert.deepEqual(mineNow.timeline, r.json.timeline);
  assert.deepEqual(mineNow.transitions.map((t) => t.to), ['withdrawn']);
  const again = await staff.post(`/api/v1/matters/${mine.id}/transitions`, { to: 'deliberating' });
  assert.equal(again.status, 409, 'deliberating → deliberating is no move');
  assert.equal(again.json.error.code, 'transition_invalid');
});

test('a resident cannot make staff moves (403) but may withdraw her own matter, with a reason', async () => {
  const r = await res.post('/api/v1/matters', { place_id: building.id, category: 'other', title: '要撤回的事项' });
  assert.equal(r.status, 201);
  const id = r.json.id;
  for (const to of ['deliberating', 'rejected', 'merged']) {
    const x = await res.post(`/api/v1/matters/${id}/transitions`, { to, reason: '我来决定', merge_into: all[0].id });
    assert.equal(x.status, 403, to);
    assert.equal(x.json.error.code, 'forbidden');
  }
  // someone else's matter: not hers to withdraw
  const other = await tenant.post(`/api/v1/matters/${id}/transitions`, { to: 'withdrawn', reason: '不是我的' });
  assert.equal(other.status, 403);
  const noReason = await res.post(`/api/v1/matters/${id}/transitions`, { to: 'withdrawn' });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.json.error.code, 'reason_required');
  assert.equal(noReason.json.error.field, 'reason');
  const blank = await res.post(`/api/v1/matters/${id}/transitions`, { to: 'withdrawn', reason: '  \n ' });
  assert.equal(blank.status, 422, 'a blank reason is no reason');
  const still = (await res.get(`/api/v1/matters/${id}`)).json;
  assert.equal(still.stage, 'collecting');
  assert.equal(still.timeline.length, 1, 'refused moves leave no event');
  const ok = await res.post(`/api/v1/matters/${id}/transitions`, { to: 'withdrawn', reason: '已和物业谈妥' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.stage, 'withdrawn');
  assert.equal(ok.json.phase, 'closed');
  assert.deepEqual(ok.json.timeline.at(-1), { ...ok.json.timeline.at(-1), from: 'collecting', to: 'withdrawn', reason: '已和物业谈妥' });
  assert.deepEqual(ok.json.transitions, [], 'nothing follows withdrawn');
  const withdrawn = await res.get('/api/v1/matters?stage=withdrawn&limit=100');
  assert.ok(withdrawn.json.items.some((m) => m.id === id));
});

test('invalid transitions → 409 transition_invalid; unknown stages → 422', async () => {
  const r = await res.post('/api/v1/matters', { place_id: building.id, category: 'other', title: '阶段测试' });
  const id = r.json.id;
  for (const to of ['building', 'sharing', 'notice', 'collecting', 'managing']) {
    const x = await staff.post(`/api/v1/matters/${id}/transitions`, { to });
    assert.equal(x.status, 409, `collecting → ${to}`);
    assert.equal(x.json.error.code, 'transition_invalid');
  }
  const closed = all.find((m) => m.stage === 'withdrawn');
  const x = await staff.post(`/api/v1/matters/${closed.id}/transitions`, { to: 'deliberating' });
  assert.equal(x.status, 409, 'a withdrawn matter stays withdrawn');
  const sharing = all.find((m) => m.stage === 'sharing');
  const y = await staff.post(`/api/v1/matters/${sharing.id}/transitions`, { to: 'rejected', reason: 'x' });
  assert.equal(y.status, 409);
  for (const to of ['done', '', 'COLLECTING']) {
    const z = await staff.post(`/api/v1/matters/${id}/transitions`, { to });
    assert.equal(z.status, 422, JSON.stringify(to));
    assert.equal(z.json.error.code, 'stage_invalid');
  }
  const missing = await staff.post(`/api/v1/matters/${id}/transitions`, {});
  assert.equal(missing.status, 422);
  const long = await staff.post(`/api/v1/matters/${id}/transitions`, { to: 'rejected', reason: '因'.repeat(501) });
  assert.equal(long.status, 422);
  assert.equal(long.json.error.code, 'reason_invalid');
  const maxReason = await staff.post(`/api/v1/matters/${id}/transitions`, { to: 'deliberating', reason: '因'.repeat(500) });
  assert.equal(maxReason.status, 200, '500 code points are allowed');
  assert.equal(maxReason.json.timeline.at(-1).reason, '因'.repeat(500));
  assert.equal((await staff.get(`/api/v1/matters/${id}`)).json.timeline.length, 2);
});

test('merge requires merge_into: an open matter of the same community', async () => {
  const r = await res.post('/api/v1/matters', { place_id: building.id, category: 'parking', title: '东院停车又满了' });
  const id = r.json.id;
  const open = all.find((m) => m.stage === 'deliberating');
  const closed = all.find((m) => m.stage === 'rejected');
  const cases = [
    [{ to: 'merged', reason: '重复' }, 422, 'merge_target_invalid'],
    [{ to: 'merged', reason: '重复', merge_into: id }, 422, 'merge_self'],
    [{ to: 'merged', reason: '重复', merge_into: 999999 }, 422, 'merge_target_invalid'],
    [{ to: 'merged', reason: '重复', merge_into: closed.id }, 422, 'merge_target_closed'],
    [{ to: 'merged', merge_into: open.id }, 422, 'reason_required'],
  ];
  // 凤凰苑's matter (found as the street admin, who reads both communities)
  const admin = h.client();
  await admin.signIn(PHONES.street);
  const every = (await admin.get('/api/v1/matters?limit=100')).json.items;
  const foreign = every.find((m) => m.community_id !== L);
  assert.ok(foreign, 'a matter of another community');
  cases.push([{ to: 'merged', reason: '重复', merge_into: foreign.id }, 422, 'merge_target_invalid']);
  for (const [body, status, code] of cases) {
    const x = await staff.post(`/api/v1/matters/${id}/transitions`, body);
    assert.equal(x.status, status, JSON.stringify(body));
    assert.equal(x.json.error.code, code, JSON.stringify(body));
  }
  const bad = await staff.post(`/api/v1/matters/${id}/transitions`, { to: 'merged', reason: '重复', merge_into: '1' });
  assert.equal(bad.status, 400, 'merge_into must be a number');
  assert.equal(bad.json.error.field, 'merge_into');
  assert.equal((await staff.get(`/api/v1/matters/${id}`)).json.stage, 'collecting');
  const ok = await staff.post(`/api/v1/matters/${id}/transitions`, { to: 'merged', reason: '与东院停车事项合并', merge_into: open.id });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.stage, 'merged');
  assert.equal(ok.json.merged_into, open.id);
  assert.equal(ok.json.timeline.at(-1).to, 'merged');
  // merging into a merged (closed) matter is refused
  const r2 = await res.post('/api/v1/matters', { place_id: building.id, category: 'parking', title: '又一个停车事项' });
  const z = await staff.post(`/api/v1/matters/${r2.json.id}/transitions`, { to: 'merged', reason: 'x', merge_into: id });
  assert.equal(z.status, 422);
  assert.equal(z.json.error.code, 'merge_target_closed');
});

test('Markdown is rendered safely: no <script>, no javascript: links', async () => {
  const body = [
    '<script>alert(1)</script>',
    '',
    '[x](javascript:alert(1)) [y](JavaScript:alert(2)) [z](  javascript:alert(3))',
    '',
    '<img src=x onerror=alert(4)> <a href="javascript:alert(5)">a</a>',
    '',
    '![i](javascript:alert(6)) <iframe src="https://evil.example"></iframe>',
    '',
    '**粗体** 和 [链接](https://example.org/a?b=1&c=2)',
  ].join('\n');
  const r = await res.post('/api/v1/matters', { place_id: building.id, category: 'other', title: 'Markdown 安全', body });
  assert.equal(r.status, 201, r.text);
  for (const html of [r.json.body_html, (await staff.get(`/api/v1/matters/${r.json.id}`)).json.body_html]) {
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /javascript:/i);
    assert.doesNotMatch(html, /<img[^>]*onerror/i);
    assert.doesNotMatch(html, /<iframe/i);
    assert.match(html, /<strong>粗体<\/strong>/);
    assert.match(html, /<a href="https:\/\/example\.org\/a\?b=1&amp;c=2">链接<\/a>/);
  }
  assert.equal(r.json.body, body, 'the source is kept as written');
  // the HTML page shows the same safe rendering
  const page = await res.get(`/matters/${r.json.id}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /<script/i);
  assert.doesNotMatch(page.text, /href="javascript:/i);
  // the list excerpt is plain text, escaped where the list page shows it
  const list = await res.get('/api/v1/matters?limit=1');
  assert.equal(list.json.items[0].id, r.json.id);
  const listPage = await res.get('/matters');
  assert.equal(listPage.status, 200);
  assert.doesNotMatch(listPage.text, /<script|<img|<iframe/i);
  assert.match(listPage.text, /&lt;script/, 'the excerpt is escaped');
});

test('HTML in a title is shown as text on every page', async () => {
  const title = '<img src=x onerror=alert(1)>"\'&';
  const r = await res.post('/api/v1/matters', { place_id: building.id, category: 'other', title });
  assert.equal(r.status, 201);
  assert.equal(r.json.title, title, 'stored as written');
  for (const p of [`/matters/${r.json.id}`, '/matters', '/']) {
    const page = await res.get(p);
    assert.equal(page.status, 200, p);
    assert.ok(!page.text.includes('<img src=x'), `${p}: the title is escaped`);
    assert.ok(page.text.includes('&lt;img src=x onerror=alert(1)&gt;'), `${p}: shows the title as text`);
  }
});

test('title rules: empty → 422 title_required; 81 code points → 422; 80 CJK code points are fine', async () => {
  const base = { place_id: building.id, category: 'other' };
  const total0 = (await res.get('/api/v1/matters')).json.total;
  for (const title of [undefined, null, '', '   ', '\n\t']) {
    const r = await res.post('/api/v1/matters', { ...base, title });
    assert.equal(r.status, 422, JSON.stringify(title));
    assert.equal(r.json.error.code, 'title_required');
    assert.equal(r.json.error.field, 'title');
  }
  for (const title of ['字'.repeat(81), 'a'.repeat(81), '😀'.repeat(81)]) {
    const r = await res.post('/api/v1/matters', { ...base, title });
    assert.equal(r.status, 422, `${[...title].length} code points`);
    assert.equal(r.json.error.code, 'title_invalid');
  }
  assert.equal((await res.get('/api/v1/matters')).json.total, total0, 'nothing created');
  const cjk = '楼'.repeat(80);
  const ok = await res.post('/api/v1/matters', { ...base, title: cjk });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.title, cjk);
  const emoji = await res.post('/api/v1/matters', { ...base, title: '😀'.repeat(80) });
  assert.equal(emoji.status, 201, '80 code points outside the BMP are 80, not 160');
  // the body: at most 20000 code points
  const longBody = await res.post('/api/v1/matters', { ...base, title: '正文上限', body: '字'.repeat(20001) });
  assert.equal(longBody.status, 422);
  assert.equal(longBody.json.error.code, 'body_invalid');
  const maxBody = await res.post('/api/v1/matters', { ...base, title: '正文上限', body: '字'.repeat(20000) });
  assert.equal(maxBody.status, 201);
  assert.equal(maxBody.json.body.length, 20000);
});

test('category must be one of the list (422 category_invalid); the place must be a building, grid or community', async () => {
  const total0 = (await res.get('/api/v1/matters')).json.total;
  for (const category of ['food', '', 'Parking', undefined]) {
    const r = await res.post('/api/v1/matters', { place_id: building.id, category, title: '类别测试' });
    assert.equal(r.status, 422, JSON.stringify(category));
    assert.equal(r.json.error.code, 'category_invalid');
    assert.equal(r.json.error.field, 'category');
  }
  const meta = await res.get('/api/v1/meta');
  const codes = meta.json.categories.map((c) => c.code);
  assert.ok(codes.includes('parking') && codes.includes('other'));
  const me = (await res.get('/api/v1/me')).json;
  const household = me.places[0].line.find((p) => p.kind === 'household');
  const hh = await res.post('/api/v1/matters', { place_id: household.id, category: 'other', title: '住户级事项' });
  assert.equal(hh.status, 422);
  assert.equal(hh.json.error.code, 'place_level_invalid');
  const nowhere = await res.post('/api/v1/matters', { place_id: 999999, category: 'other', title: '不存在的地点' });
  assert.equal(nowhere.status, 404);
  assert.equal((await res.get('/api/v1/matters')).json.total, total0, 'nothing created');
});

test('concurrent follows and concurrent moves stay exact', async () => {
  const r = await res.post('/api/v1/matters', { place_id: building.id, category: 'other', title: '并发测试' });
  assert.equal(r.status, 201);
  const id = r.json.id;
  assert.equal(r.json.followers, 1, 'the author');
  // one person, ten times at once
  const same = await Promise.all(Array.from({ length: 10 }, () => tenant.put(`/api/v1/matters/${id}/follow`)));
  assert.deepEqual(same.map((x) => x.status), Array(10).fill(200));
  assert.equal((await staff.get(`/api/v1/matters/${id}`)).json.followers, 2);
  // several people at once
  const more = [staff, h.client(), h.client(), h.client()];
  await Promise.all([more[1].signIn(PHONES.leader), more[2].signIn(PHONES.grid), more[3].signIn(PHONES.staff2)]);
  const many = await Promise.all(more.flatMap((c) => [c.put(`/api/v1/matters/${id}/follow`), c.put(`/api/v1/matters/${id}/follow`)]));
  assert.ok(many.every((x) => x.status === 200));
  assert.equal((await staff.get(`/api/v1/matters/${id}`)).json.followers, 6);
  const everyone = [res, tenant, ...more];
  const gone = await Promise.all(everyone.flatMap((c) => [c.del(`/api/v1/matters/${id}/follow`), c.del(`/api/v1/matters/${id}/follow`)]));
  assert.ok(gone.every((x) => x.status === 200));
  assert.equal((await staff.get(`/api/v1/matters/${id}`)).json.followers, 0, 'never below zero, never off by one');
  // two staff accept it at the same moment: one wins, one is told it moved
  const [a, b] = await Promise.all([
    staff.post(`/api/v1/matters/${id}/transitions`, { to: 'deliberating', reason: '甲受理' }),
    more[3].post(`/api/v1/matters/${id}/transitions`, { to: 'deliberating', reason: '乙受理' }),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [200, 409], `${a.status} ${a.text} / ${b.status} ${b.text}`);
  const loser = a.status === 409 ? a : b;
  assert.ok(['transition_invalid', 'stage_changed'].includes(loser.json.error.code));
  const m = (await staff.get(`/api/v1/matters/${id}`)).json;
  assert.equal(m.stage, 'deliberating');
  assert.equal(m.timeline.length, 2, 'one move, one event');
});
