// Search (搜索) across matters, calls, opinions and meetings, on both stores:
// 停車 finds 停车 and 停车 finds 停車; two-character words and single
// characters are found; results are scoped by the reader's places, ranked
// (title over body), paged, with the matches marked; place names for all,
// people's names for staff only; the index follows every write; bad input
// gets a clear code.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
let grid, community;

const search = async (who, q, extra = '') => (await c[who].get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`));
const ids = (r, kind = 'matter') => r.json.items.filter((x) => x.kind === kind).map((x) => x.id).sort((a, b) => a - b);
const marked = (parts) => parts.filter((p) => p.hit).map((p) => p.text);
const plain = (parts) => parts.map((p) => p.text).join('');

before(async () => {
  await h.ready;
  for (const [k, p] of Object.entries({ street: PHONES.street, staff: PHONES.staff, grid: PHONES.grid, resident: PHONES.resident,
    leader: PHONES.leader, tenant: PHONES.tenant, fResident: PHONES.fResident, fStaff: PHONES.fStaff })) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(p);
  }
  community = (await c.staff.get('/api/v1/me')).json.community_id;
  const me = (await c.resident.get('/api/v1/me')).json;
  const home = me.roles.find((r) => r.role === 'resident').place.id;
  grid = (await c.resident.get(`/api/v1/places/${home}`)).json.ancestors.find((a) => a.kind === 'grid').id;
  // the demo is indexed by the job that runs after it
  for (let i = 0; i < 100 && (await search('resident', '停车')).json.total === 0; i++) await new Promise((r) => setTimeout(r, 100));
});

test('停車 finds 停车 and 停车 finds 停車, with the same results, only in the reader\'s community', async () => {
  const hans = await search('resident', '停车');
  assert.equal(hans.status, 200, hans.text);
  assert.ok(hans.json.total >= 2, `the demo's parking matters (${hans.json.total})`);
  const hant = await search('resident', '停車');
  assert.deepEqual(ids(hant), ids(hans), 'both scripts find the same matters');
  assert.deepEqual(hant.json.items.map((x) => `${x.kind}:${x.id}`), hans.json.items.map((x) => `${x.kind}:${x.id}`),
    'in the same order');
  // written in Traditional characters, found in Simplified, and marked in its own script
  const r = await c.resident.post('/api/v1/matters', { place_id: grid, category: 'parking', title: '東院停車位不夠',
    body: '晚上回來找不到車位。' });
  assert.equal(r.status, 201, r.text);
  const found = await search('resident', '停车位');
  const it = found.json.items.find((x) => x.kind === 'matter' && x.id === r.json.id);
  assert.ok(it, 'the new matter is found at once');
  assert.equal(plain(it.title_parts), '東院停車位不夠', 'shown as written');
  assert.deepEqual(marked(it.title_parts), ['停車位']);
  assert.equal(it.url, `/matters/${r.json.id}`);
  assert.deepEqual(Object.keys(it).sort(), ['id', 'kind', 'place', 'snippet', 'title', 'title_parts', 'updated_at', 'url']);
  // 凤凰苑's parking shed is not among 龙湖's results, and the other way round
  const fh = await search('fResident', '停车');
  assert.ok(fh.json.items.length >= 1);
  for (const x of fh.json.items) assert.ok(!hans.json.items.some((y) => y.kind === x.kind && y.id === x.id), `${x.kind} ${x.id} leaked`);
  assert.ok(!found.json.items.some((x) => fh.json.items.some((y) => y.kind === x.kind && y.id === x.id)));
  // the street's admin looks in both communities; a grid of 龙湖 narrows it down
  const st = await search('street', '停车', '&limit=50');
  for (const x of [...hans.json.items, ...fh.json.items]) assert.ok(st.json.items.some((y) => y.kind === x.kind && y.id === x.id), `street: ${x.kind} ${x.id}`);
  const inGrid = await search('resident', '停车', `&place_id=${grid}&limit=50`);
  assert.ok(inGrid.json.items.some((x) => x.id === r.json.id), 'the new matter is in the grid');
  const all = (await search('resident', '停车', '&limit=50')).json;
  assert.ok(inGrid.json.total <= all.total);
  for (const x of inGrid.json.items) assert.ok(all.items.some((y) => y.kind === x.kind && y.id === x.id), 'a part of the community');
  // a word that is not in the text never meets the index's own grams (the scope, the kind)
  assert.equal((await search('resident', `p${community}`)).json.total, 0);
  assert.equal((await search('resident', 'kmatter')).json.total, 0);
});

test('two-character words and single characters; every term must match', async () => {
  const two = await search('resident', '楼道');
  assert.ok(two.json.items.length >= 2);
  for (const it of two.json.items) assert.match(plain(it.title_parts) + plain(it.snippet), /楼道|樓道/);
  const one = await search('resident', '灯');
  assert.ok(one.json.items.some((x) => /红绿灯/.test(plain(x.title_parts))), 'the last character of a title');
  assert.ok(one.json.items.some((x) => /楼道灯/.test(plain(x.title_parts))), 'inside a title');
  // two terms: both must be there
  const both = await search('resident', '楼道 维修');
  assert.ok(both.json.items.length >= 1);
  for (const it of both.json.items) {
    const text = plain(it.title_parts) + plain(it.snippet);
    assert.ok(text.includes('楼道') && text.includes('维修'), text);
  }
  assert.equal((await search('resident', '楼道 火箭发射')).json.total, 0, 'a term found nowhere: nothing');
  // a phrase, not two scattered words: 道灯 is in 楼道灯, 灯道 nowhere
  assert.ok((await search('resident', '道灯')).json.total >= 1);
  assert.equal((await search('resident', '灯道')).json.total, 0);
  // letters and digits: case does not matter; full-width is half-width
  const m = await c.resident.post('/api/v1/matters', { place_id: grid, category: 'other', title: '楼顶WiFi信号弱', body: '' });
  assert.equal(m.status, 201);
  for (const q of ['wifi', 'WIFI', 'ＷｉＦｉ', 'wi']) assert.ok(ids(await search('resident', q)).includes(m.json.id), q);
  // only punctuation: an empty answer, not an error
  const punct = await search('resident', '！？…');
  assert.deepEqual([punct.status, punct.json.total, punct.json.items.length], [200, 0, 0]);
});

test('ranked: a match in the title before one in the text only; paged', async () => {
  const inBody = await c.resident.post('/api/v1/matters', { place_id: grid, category: 'other', title: '小区门口的问题',
    body: '门口经常有人乱停车，影响出行。' });
  assert.equal(inBody.status, 201);
  const r = await search('resident', '停车', '&kind=matter&limit=50');
  const order = r.json.items.map((x) => x.id);
  const bodyAt = order.indexOf(inBody.json.id);
  assert.ok(bodyAt > 0, 'found by its text');
  for (const it of r.json.items.slice(0, bodyAt)) assert.ok(marked(it.title_parts).length > 0, 'titles that match come first');
  const hit = r.json.items[bodyAt];
  assert.deepEqual(marked(hit.title_parts), []);
  assert.deepEqual(marked(hit.snippet), ['停车']);
  // pages: limit 1, every result once, in the same order
  const all = [];
  for (let off = 0; off < r.json.total; off++) {
    const p = await search('resident', '停车', `&kind=matter&limit=1&offset=${off}`);
    assert.equal(p.json.total, r.json.total);
    all.push(...p.json.items.map((x) => x.id));
  }
  assert.deepEqual(all, order);
});

test('calls, opinions and meetings are found; a long text is cut around its match', async () => {
  const call = await c.staff.post('/api/v1/calls', { place_id: grid, title: '电动车充电桩选址', body: '请大家说说充电桩放哪里合适。',
    deadline: Math.floor(Date.now() / 1000) + h.clockOffset + 7 * 86400 });
  assert.equal(call.status, 201, call.text);
  const long = '前面的话很多。'.repeat(40) + '建议把充电桩装在二号车棚旁边。' + '后面的话也很多。'.repeat(40);
  const op = await c.resident.post(`/api/v1/calls/${call.json.id}/opinions`, { body: long });
  assert.equal(op.status, 201, op.text);
  const r = await search('resident', '充电桩');
  assert.ok(ids(r, 'call').includes(call.json.id));
  const o = r.json.items.find((x) => x.kind === 'opinion' && x.id === op.json.id);
  assert.ok(o, 'the opinion');
  assert.equal(o.url, `/opinions/${op.json.id}`);
  const snip = plain(o.snippet);
  assert.ok(snip.length < 80 && snip.startsWith('…') && snip.endsWith('…'), snip);
  assert.deepEqual(marked(o.snippet), ['充电桩']);
  // a meeting: its council, its place, its agenda
  const co = await c.grid.post('/api/v1/councils', { place_id: grid, name: '第1网格议事会', kind: 'monthly', day_of_month: 10,
    starts_on: new Date(Date.now() + 86400e3).toISOString().slice(0, 10), time: '19:30', location: '小区红凳子' });
  assert.equal(co.status, 201, co.text);
  const m = co.json.upcoming[0].id;
  assert.equal((await c.grid.post(`/api/v1/meetings/${m}/agenda`, { title: '商量快递柜摆放' })).status, 201);
  const mr = await search('resident', '快递柜', '&kind=meeting');
  assert.deepEqual(ids(mr, 'meeting'), [m]);
  assert.match(mr.json.items[0].title, /^第1网格议事会 \d{4}-\d\d-\d\d$/);
  // kinds: only what was asked for
  for (const it of (await search('resident', '充电桩', '&kind=call')).json.items) assert.equal(it.kind, 'call');
});

test('place names for everyone, people\'s names for staff only', async () => {
  const p = await search('resident', '1栋');
  assert.ok(p.json.places.some((x) => x.name === '1栋'), JSON.stringify(p.json.places));
  assert.equal(p.json.people, undefined, 'a resident gets no people');
  const s = await search('staff', '赵桂兰');
  assert.ok(s.json.people.some((x) => x.name === '赵桂兰' && x.place.name), JSON.stringify(s.json.people));
  const t = await search('staff', '趙桂蘭');
  assert.ok(t.json.people.some((x) => x.name === '赵桂兰'), 'a name typed in Traditional characters');
  assert.equal((await search('fStaff', '赵桂兰')).json.people.length, 0, 'not another community\'s staff');
  assert.deepEqual((await search('resident', '赵桂兰', '&kind=person')).json.people, undefined);
});

test('bad input: a clear code and status', async () => {
  const expect = async (res, status, code) => {
    const r = await res;
    assert.deepEqual([r.status, r.json?.error?.code], [status, code], r.text);
  };
  await expect(c.resident.get('/api/v1/search'), 422, 'query_invalid');
  await expect(c.resident.get('/api/v1/search?q=%20%20'), 422, 'query_invalid');
  await expect(search('resident', '长'.repeat(51)), 422, 'query_invalid');
  await expect(search('resident', '停车', '&kind=rocket'), 422, 'search_kind_invalid');
  await expect(search('resident', '停车', '&limit=x'), 400, 'bad_query');
  const fPlace = (await c.fStaff.get('/api/v1/me')).json.community_id;
  await expect(search('resident', '停车', `&place_id=${fPlace}`), 404, 'not_found');
  assert.equal((await new Client(h.url, 'anon').get('/api/v1/search?q=x')).status, 401);
});

test('the search page: a form, results with their marks, escaped', async () => {
  const m = await c.resident.post('/api/v1/matters', { place_id: grid, category: 'other', title: '<b>停车</b>标记', body: '' });
  assert.equal(m.status, 201);
  const page = await c.resident.get('/search?q=' + encodeURIComponent('停車'));
  assert.equal(page.status, 200);
  assert.match(page.text, /<mark>停车<\/mark>/);
  assert.match(page.text, /&lt;b&gt;<mark>停车<\/mark>&lt;\/b&gt;标记/, 'the title is escaped around its mark');
  assert.doesNotMatch(page.text, /<b>停车/);
  const empty = await c.resident.get('/search');
  assert.equal(empty.status, 200);
  assert.match(empty.text, /<form method="get" action="\/search"/);
  const bad = await c.resident.get('/search?q=' + '长'.repeat(51));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /aria-invalid="true"/);
});
