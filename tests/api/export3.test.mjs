// Exports of the staff lists of patrols, rotas, disclosure, claims,
// volunteer shifts and the three rates (docs/api.md "Exports"): each sheet
// is read back (XLSX by python3-openpyxl, CSV parsed) and must carry the
// figures of the same list's JSON; each goes through the list's own rule,
// so a resident gets 403 and a staff member of another community the
// list's own 403 or 404.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, readXlsx } from './helpers.mjs';

const h = useServer();
const c = {};
const HOUR = 3600, DAY = 86400;
let L;

async function signIn() {
  for (const k of ['staff', 'grid', 'leader', 'resident', 'tenant', 'fStaff', 'street']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
}

/* RFC 4180 parse, the BOM dropped. */
function parseCsv(buf) {
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark');
  const text = buf.subarray(3).toString('utf8');
  const rows = [];
  let row = [], f = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { f += '"'; i++; }
      else if (ch === '"') q = false;
      else f += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(f); f = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(f); rows.push(row); row = []; f = ''; i++; }
    else f += ch;
  }
  return rows;
}

/* Both files of an export: the XLSX read back and the CSV parsed; the same rows. */
async function both(who, url) {
  const sep = url.includes('?') ? '&' : '?';
  const x = await c[who].get(`${url}${sep}format=xlsx`);
  assert.equal(x.status, 200, `${url}: ${x.text}`);
  assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const s = await c[who].get(`${url}${sep}format=csv`);
  assert.equal(s.status, 200, s.text);
  const xl = readXlsx(x.buf), csv = parseCsv(s.buf);
  assert.equal(csv.length, xl.rows.length, 'as many rows in both');
  assert.deepEqual(csv[0], xl.rows[0], 'the same headers');
  assert.equal(Number(x.headers.get('x-export-rows')), xl.rows.length - 1);
  return { xl, csv, head: xl.rows[0], rows: xl.rows.slice(1), crows: csv.slice(1) };
}

/* Residents 403; a staff member of another community as the JSON answers him (403 or 404), never 200. */
async function scoped(url) {
  const sep = url.includes('?') ? '&' : '?';
  for (const f of ['xlsx', 'csv']) {
    const r = await c.resident.get(`${url}${sep}format=${f}`);
    assert.equal(r.status, 403, url);
    assert.equal(r.json.error.code, 'forbidden');
    const page = await c.fStaff.get(url);
    const o = await c.fStaff.get(`${url}${sep}format=${f}`);
    assert.ok([403, 404].includes(o.status), `${url}: ${o.status}`);
    assert.equal(o.status, page.status === 200 ? o.status : page.status, url);
    assert.equal(o.json.error.code, o.status === 404 ? 'not_found' : 'forbidden');
  }
}

const pct = (rate) => (rate.percent === null ? null : Number(rate.percent) / 100);
const close = (a, b) => (a === null || b === null ? assert.equal(a, b) : assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`));

before(async () => {
  await h.ready;
  await signIn();
  L = (await c.staff.get('/api/v1/me')).json.community_id;
  // reports for the rates: five received, three answered, one fixed, one closed
  const home = async (who) => (await c[who].get('/api/v1/me')).json.places[0].line.find((p) => p.kind === 'household').id;
  const [mine, his] = [await home('resident'), await home('tenant')];
  const ids = [];
  for (const [who, category, place] of [['resident', 'power', mine], ['resident', 'power', mine], ['resident', 'power', mine],
    ['tenant', 'environment', his], ['tenant', 'environment', his]]) {
    const r = await c[who].post('/api/v1/reports', { category, place_id: place, description: `${category} 导出` });
    assert.equal(r.status, 201, r.text);
    ids.push(r.json.id);
  }
  for (const [who, id, state] of [['leader', ids[0], 'in_progress'], ['leader', ids[0], 'fixed'], ['leader', ids[1], 'in_progress'],
    ['leader', ids[1], 'closed_unable'], ['grid', ids[3], 'in_progress']]) {
    const r = await c[who].post(`/api/v1/reports/${id}/transitions`, { state, note: '导出' });
    assert.equal(r.status, 200, r.text);
  }
});

test('the three rates: the total and each group of every breakdown, each rate with its parts, as the JSON', async () => {
  for (const by of ['', 'category', 'person', 'month', 'place']) {
    const url = `/api/v1/reports/rates?place=${L}${by ? `&by=${by}` : ''}`;
    const j = (await c.staff.get(url)).json;
    const { head, rows, crows } = await both('staff', url);
    assert.deepEqual(head, ['分组', '收到的反映', '按时答复', '响应率', '已解决', '解决率分母', '解决率', '满意户数', '评价户数', '满意率']);
    const groups = [j.total, ...j.groups];
    assert.equal(rows.length, groups.length, by);
    assert.equal(rows[0][0], '合计');
    if (by) assert.ok(j.groups.length > 0, `the demo has groups by ${by}`);
    for (const [k, g] of groups.entries()) {
      const row = rows[k];
      if (k > 0 && by !== 'category') assert.equal(row[0], g.name || '没有负责人');
      assert.deepEqual([row[1], row[2], row[4], row[5], row[7], row[8]],
        [g.received, g.response.numerator, g.resolution.numerator, g.resolution.denominator,
          g.satisfaction.numerator, g.satisfaction.denominator]);
      assert.equal(g.response.denominator, g.received);
      close(row[3], pct(g.response));
      close(row[6], pct(g.resolution));
      close(row[9], pct(g.satisfaction));
      assert.equal(crows[k][3], g.response.percent === null ? '' : `${g.response.percent}%`);
      assert.equal(crows[k][9], g.satisfaction.percent === null ? '' : `${g.satisfaction.percent}%`);
      assert.equal(Number(crows[k][1]), g.received);
    }
  }
  const cat = (await c.staff.get(`/api/v1/reports/rates?place=${L}&by=category`)).json;
  assert.ok(cat.total.received > 0, 'the demo has reports');
  const { rows } = await both('staff', `/api/v1/reports/rates?place=${L}&by=category`);
  assert.ok(rows.slice(1).every((r) => !/^[a-z_]+$/.test(r[0])), 'categories in words');
  const bad = await c.staff.get(`/api/v1/reports/rates?place=${L}&by=nonsense&format=xlsx`);
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.code, 'report_rates_by_invalid');
  await scoped(`/api/v1/reports/rates?place=${L}&by=category`);
  // the street's breakdown by community: the same figures as its JSON
  const street = (await c.staff.get(`/api/v1/places/${L}`)).json.ancestors.find((a) => a.kind === 'street').id;
  const sj = (await c.street.get(`/api/v1/reports/rates?place=${street}&by=place`)).json;
  const sx = await both('street', `/api/v1/reports/rates?place=${street}&by=place`);
  assert.ok(sj.groups.length >= 2);
  assert.deepEqual(sx.rows.map((row) => [row[0], row[1], row[4], row[5]]), [['合计', sj.total.received, sj.total.resolution.numerator,
    sj.total.resolution.denominator], ...sj.groups.map((g) => [g.name, g.received, g.resolution.numerator, g.resolution.denominator])]);
  assert.equal((await c.staff.get(`/api/v1/reports/rates?place=${street}&format=csv`)).status,
    (await c.staff.get(`/api/v1/reports/rates?place=${street}`)).status, 'the staff of a community: as the JSON answers');
  const page = await c.staff.get('/reports/rates?by=month');
  assert.match(page.text, /href="\/api\/v1\/reports\/rates\?place=\d+&amp;by=month&amp;format=xlsx/);
});

/* "YYYY-MM-DD HH:MM" China time, `hours` after the server's now. */
const at = (hours) => {
  const t = Math.floor(Date.now() / 1000) + h.clockOffset + hours * HOUR;
  return new Date((t + 8 * HOUR) * 1000).toISOString().slice(0, 16).replace('T', ' ');
};

test('patrols: the routes, a route\'s rounds with the checkpoints missed, the missed per patroller, as the JSON', async () => {
  let r = await c.staff.post('/api/v1/patrols', { place_id: L, name: '=东区夜巡', points: [{ name: '东门' }, { name: '花园' }, { name: '西门' }] });
  assert.equal(r.status, 201, r.text);
  const route = r.json;
  const rounds = [];
  for (const [from, to] of [[1, 3], [2, 4], [30, 32]]) {
    r = await c.staff.post(`/api/v1/patrols/${route.id}/rounds`, { phone: PHONES.grid, starts: at(from), ends: at(to) });
    assert.equal(r.status, 201, r.text);
    rounds.push(r.json.id);
  }
  await h.advance(HOUR + 60);
  await signIn();
  const [gate] = route.points;
  r = await c.grid.post(`/api/v1/rounds/${rounds[0]}/checkins`, { point_id: gate.id, t: gate.checkin_url.split('t=')[1] });
  assert.equal(r.status, 201, r.text);
  await h.advance(4 * HOUR);
  await signIn();
  const list = (await c.staff.get('/api/v1/patrols')).json.items;
  let x = await both('staff', '/api/v1/patrols');
  assert.deepEqual(x.head, ['编号', '路线名称', '位置']);
  assert.deepEqual(x.rows, list.map((i) => [i.id, i.name, i.place.name]));
  assert.equal(x.crows.find((row) => Number(row[0]) === route.id)[1], "'=东区夜巡", 'a formula never runs');
  const d = (await c.staff.get(`/api/v1/patrols/${route.id}`)).json;
  x = await both('staff', `/api/v1/patrols/${route.id}`);
  assert.deepEqual(x.head, ['编号', '巡查人', '开始', '结束', '已结束', '已签到', '漏查']);
  assert.deepEqual(x.rows, d.rounds.map((w) => [w.id, w.patroller.name, w.starts_at_local, w.ends_at_local,
    w.closed ? '是' : null, w.checked, w.closed ? w.missed : null]));
  const missed = new Map(x.rows.map((row) => [row[0], row[6]]));
  assert.deepEqual(rounds.map((id) => missed.get(id)), [2, 3, null], 'two missed, three missed, one to come');
  assert.equal(x.crows.find((row) => Number(row[0]) === rounds[2])[6], '');
  x = await both('staff', `/api/v1/patrols/${route.id}?part=missed`);
  assert.deepEqual(x.head, ['路线', '巡查人', '漏查']);
  assert.deepEqual(x.rows, Object.entries(d.missed).map(([name, n]) => ['=东区夜巡', name, n]));
  assert.deepEqual(x.rows.map((row) => row[2]), [5]);
  assert.equal((await c.staff.get(`/api/v1/patrols/${route.id}?part=nonsense&format=csv`)).status, 400);
  // the other community's staff see their own routes only, never this one
  const theirs = await both('fStaff', '/api/v1/patrols');
  assert.ok(theirs.rows.length > 0 && theirs.rows.every((row) => row[0] !== route.id));
  await scoped(`/api/v1/patrols?community=${L}`);
  await scoped(`/api/v1/patrols/${route.id}`);
  await scoped(`/api/v1/patrols/${route.id}?part=missed`);
  let page = await c.staff.get(`/patrols/${route.id}`);
  assert.match(page.text, new RegExp(`href="/api/v1/patrols/${route.id}\\?format=xlsx"`));
  assert.match(page.text, new RegExp(`href="/api/v1/patrols/${route.id}\\?part=missed&amp;format=csv"`));
  page = await c.grid.get(`/patrols/${route.id}`);
  assert.match(page.text, /export-xlsx/, 'grid workers are staff');
  page = await c.resident.get(`/patrols/${route.id}`);
  assert.doesNotMatch(page.text, /export-/, 'no links for residents');
});

/* "YYYY-MM-DD HH:MM" China time, `days` after the server's today, at hh:00. */
const day = (days, hh) => {
  const d = new Date((Math.floor(Date.now() / 1000) + h.clockOffset + 8 * HOUR + days * DAY) * 1000).toISOString().slice(0, 10);
  return `${d} ${String(hh).padStart(2, '0')}:00`;
};
const unix = (s) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`) / 1000;

test('rotas: the duties with the missed flagged and the swaps, as the JSON', async () => {
  let r = await c.staff.post('/api/v1/rotas', { place_id: L, title: '东门保洁', task: '清扫东门' });
  assert.equal(r.status, 201, r.text);
  const rota = r.json.id, duty = {};
  for (const [k, who, days, hh] of [['a', 'resident', 1, 8], ['b', 'tenant', 1, 10], ['c', 'resident', 3, 8], ['d', 'tenant', 4, 8], ['e', 'tenant', 5, 8]]) {
    r = await c.staff.post(`/api/v1/rotas/${rota}/duties`, { phone: PHONES[who], starts: day(days, hh), ends: day(days, hh + 1) });
    assert.equal(r.status, 201, r.text);
    duty[k] = r.json.id;
  }
  await h.setClock(unix(day(1, 8)) + 1800 - Math.floor(Date.now() / 1000));
  await signIn();
  assert.equal((await c.resident.post(`/api/v1/duties/${duty.a}/done`, { note: '+扫干净了' })).status, 200);
  await h.setClock(unix(day(0, 11)) + 12 * HOUR + 60 - Math.floor(Date.now() / 1000));
  await signIn();
  r = await c.resident.post(`/api/v1/duties/${duty.c}/swaps`, { other_duty_id: duty.d });
  assert.equal(r.status, 201, r.text);
  r = await c.resident.post(`/api/v1/duties/${duty.c}/swaps`, { other_duty_id: duty.e });
  assert.equal(r.status, 201, r.text);
  assert.equal((await c.tenant.post(`/api/v1/swaps/${r.json.id}/answer`, { accept: false })).status, 200);
  const d = (await c.staff.get(`/api/v1/rotas/${rota}`)).json;
  assert.deepEqual(d.duties.map((x) => x.status), ['done', 'missed', 'scheduled', 'scheduled', 'scheduled']);
  const x = await both('staff', `/api/v1/rotas/${rota}`);
  assert.deepEqual(x.head, ['编号', '值班人', '开始', '结束', '状态', '漏岗', '完成时间', '说明', '换班对象班次', '换班状态']);
  const words = { done: '已完成', missed: '未完成', scheduled: '待值班' }, swaps = { pending: '待回复', declined: '不换' };
  assert.deepEqual(x.rows, d.duties.map((u) => [u.id, u.person.name, u.starts_at_local, u.ends_at_local, words[u.status],
    u.status === 'missed' ? '是' : null, u.done_at_local ?? null, u.note || null, u.last_swap?.with_duty_id ?? null,
    u.last_swap ? swaps[u.last_swap.status] : null]));
  assert.deepEqual(x.rows.map((row) => [row[5], row[8], row[9]]), [[null, null, null], ['是', null, null],
    [null, duty.e, '不换'], [null, duty.c, '待回复'], [null, duty.c, '不换']]);
  assert.equal(x.crows[0][7], "'+扫干净了");
  assert.equal((await c.resident.get(`/api/v1/rotas/${rota}`)).json.duties[0].last_swap, undefined, 'swaps of others: managers only');
  await scoped(`/api/v1/rotas/${rota}`);
  assert.match((await c.staff.get(`/rotas/${rota}`)).text, new RegExp(`href="/api/v1/rotas/${rota}\\?format=csv"`));
  assert.doesNotMatch((await c.resident.get(`/rotas/${rota}`)).text, /export-/);
});

test('disclosure: the board\'s kinds, the whole archive page after page with its filters, the street\'s overview, as the JSON', async () => {
  const F = (await c.fStaff.get('/api/v1/me')).json.community_id;
  const today = new Date((Math.floor(Date.now() / 1000) + h.clockOffset + 8 * HOUR) * 1000).toISOString().slice(0, 10);
  for (let i = 0; i < 102; i++) { // more than a page of the rule (100)
    const r = await c.fStaff.post('/api/v1/disclosure/items', { community_id: F, kind: 'major', title: `@第${i}项决定`,
      body: '议事会表决通过。', decided_on: today, publish: i % 2 ? 'now' : 'draft' });
    assert.equal(r.status, 201, r.text);
  }
  const b = (await c.fStaff.get(`/api/v1/disclosure?community=${F}`)).json;
  let x = await both('fStaff', `/api/v1/disclosure?community=${F}`);
  assert.deepEqual(x.head, ['类别', '公开情况', '逾期天数', '逾期未公开的期间', '最近一期', '最近公开时间', '下一期', '下期到期']);
  const kinds = { finance: '财务公开', affairs: '居务公开', government: '政务公开', major: '重大事项' };
  const status = { overdue: '逾期未公开', on_time: '按期', not_open: '未开始' };
  assert.deepEqual(x.rows, b.kinds.map((k) => [kinds[k.kind], status[k.status], k.overdue_days,
    k.overdue.map((p) => p.label).join(', ') || null, k.latest?.title ?? null, k.latest?.publish_at_local ?? null,
    k.next?.label ?? null, k.next?.due_at_local ?? null]));
  assert.equal(x.rows[0][1], '逾期未公开', 'the demo\'s missing month');
  // the archive: every item, past the rule's page, in the list's order
  const all = [];
  for (let offset = 0; ; offset += 100) {
    const r = (await c.fStaff.get(`/api/v1/disclosure/items?community=${F}&limit=100&offset=${offset}`)).json;
    all.push(...r.items);
    if (all.length >= r.total) break;
  }
  assert.ok(all.length > 102);
  x = await both('fStaff', `/api/v1/disclosure/items?community=${F}&limit=5`);
  assert.deepEqual(x.head, ['编号', '类别', '标题', '期间', '状态', '到期', '公开时间', '晚了几天', '撤回理由']);
  const states = { draft: '草稿', scheduled: '定时待公开', published: '已公开', withdrawn: '已撤回' };
  assert.deepEqual(x.rows, all.map((i) => [i.id, kinds[i.kind], i.title, i.period.label, states[i.state], i.due_at_local ?? null,
    i.publish_at_local ?? null, i.late_days, i.withdrawn?.reason || null]));
  assert.ok(x.crows.some((row) => row[2] === "'@第0项决定"), 'a formula never runs');
  const finance = (await c.fStaff.get(`/api/v1/disclosure/items?community=${F}&kind=finance&limit=100`)).json.items;
  x = await both('fStaff', `/api/v1/disclosure/items?community=${F}&kind=finance`);
  assert.deepEqual(x.rows.map((row) => row[0]), finance.map((i) => i.id), 'the kind kept');
  assert.equal((await c.fStaff.get(`/api/v1/disclosure/items?community=${F}&kind=nonsense&format=csv`)).status, 422);
  // the street's overview: each community, its kinds in words
  const o = (await c.street.get('/api/v1/disclosure/overview')).json;
  x = await both('street', '/api/v1/disclosure/overview');
  assert.deepEqual(x.head, ['社区', '开始按期公开', '逾期的类别数', '财务公开', '居务公开', '政务公开', '重大事项']);
  assert.deepEqual(x.rows, o.items.map((i) => [i.community.name, i.started_at_local ?? null, i.kinds_overdue,
    ...i.kinds.map((k) => (k.overdue_days > 0 ? `${status[k.status]} ${k.overdue_days}` : status[k.status]))]));
  assert.ok(x.rows.length >= 2);
  assert.equal((await c.resident.get('/api/v1/disclosure/overview?format=xlsx')).status, 403);
  assert.equal((await c.staff.get(`/api/v1/disclosure/overview?place=${F}&format=xlsx`)).status, 404);
  // scope: the other community's staff and residents
  for (const url of [`/api/v1/disclosure?community=${F}`, `/api/v1/disclosure/items?community=${F}`]) {
    for (const f of ['xlsx', 'csv']) {
      assert.equal((await c.staff.get(`${url}&format=${f}`)).status, 404, url);
      const r = await c.resident.get(`${url}&format=${f}`);
      assert.equal(r.status, 403, url);
    }
  }
  assert.match((await c.fStaff.get(`/disclosure/archive?community=${F}&kind=major`)).text,
    new RegExp(`href="/api/v1/disclosure/items\\?community=${F}&amp;format=xlsx&amp;kind=major"`));
  assert.match((await c.street.get('/disclosure/overview')).text, /href="\/api\/v1\/disclosure\/overview\?place=\d+&amp;format=csv"/);
  assert.match((await c.fStaff.get(`/disclosure?community=${F}`)).text, /id="export-xlsx"/);
  assert.doesNotMatch((await c.resident.get('/disclosure')).text, /export-/);
});

test('the claims queue: every claim or those of a status, phones masked, as the JSON', async () => {
  const all = (await c.staff.get(`/api/v1/communities/${L}/claims?limit=100`)).json.items;
  assert.ok(all.length > 0, 'the demo has claims');
  const words = { pending: '待审核', approved: '已通过', rejected: '已驳回' }, rel = { owner: '业主', tenant: '租户', family: '家庭成员' };
  const row = (i) => [i.id, i.person.name, i.person.phone, i.building, i.household.code, rel[i.relation], words[i.status],
    i.created_at_local, i.decided_at_local ?? null, i.reason];
  let x = await both('staff', `/api/v1/communities/${L}/claims?limit=1`);
  assert.deepEqual(x.head, ['编号', '姓名', '手机号', '楼栋', '户', '关系', '状态', '申请时间', '处理时间', '理由']);
  assert.deepEqual(x.rows, all.map(row));
  assert.ok(x.rows.every((r) => /^1\d\d\*{4}\d{4}$/.test(r[2])), 'phones masked as in the JSON');
  const pending = (await c.staff.get(`/api/v1/communities/${L}/claims?status=pending&limit=100`)).json.items;
  x = await both('staff', `/api/v1/communities/${L}/claims?status=pending`);
  assert.deepEqual(x.rows, pending.map(row));
  await scoped(`/api/v1/communities/${L}/claims`);
  assert.match((await c.staff.get('/staff/claims')).text, new RegExp(`href="/api/v1/communities/${L}/claims\\?status=pending&amp;format=xlsx"`));
});

test('the coverage: each grid and building that lacks someone, after what it lacks, as the JSON', async () => {
  const j = (await c.staff.get(`/api/v1/communities/${L}/coverage`)).json;
  const x = await both('staff', `/api/v1/communities/${L}/coverage`);
  assert.deepEqual(x.head, ['缺什么', '编号', '地点']);
  const want = [...j.grids_without_grid_worker.map((p) => ['没有网格员的网格', p.id, p.name]),
    ...j.buildings_without_building_leader.map((p) => ['没有楼栋长的楼栋', p.id, p.name]),
    ...j.grids_without_party_group.map((p) => ['没有党小组的网格', p.id, p.name])];
  assert.ok(want.length > 0, 'the demo lacks someone somewhere');
  assert.deepEqual(x.rows, want);
  await scoped(`/api/v1/communities/${L}/coverage`);
  assert.match((await c.staff.get('/staff/coverage')).text, new RegExp(`href="/api/v1/communities/${L}/coverage\\?format=csv"`));
});

test('volunteer shifts: the upcoming shifts and a shift\'s roster, as the JSON', async () => {
  const r = await c.staff.post('/api/v1/shifts', { place_id: L, title: '-闲置车棚清理', skill: '力气活', location: '东门车棚',
    capacity: 1, starts: day(3, 9), ends: day(3, 12) });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.equal((await c.resident.post(`/api/v1/shifts/${id}/signups`, {})).json.status, 'confirmed');
  assert.equal((await c.tenant.post(`/api/v1/shifts/${id}/signups`, {})).json.status, 'waiting');
  const list = (await c.staff.get('/api/v1/shifts')).json.items;
  let x = await both('staff', '/api/v1/shifts');
  assert.deepEqual(x.head, ['编号', '服务内容', '需要', '地点', '所在地', '开始时间', '结束时间', '名额', '已报名', '候补', '组织者']);
  assert.deepEqual(x.rows, list.map((s) => [s.id, s.title, s.skill || null, s.location || null, s.place_name, s.starts, s.ends,
    s.capacity, s.confirmed, s.waiting, s.organiser || null]));
  assert.deepEqual(x.rows.find((row) => row[0] === id).slice(7, 10), [1, 1, 1]);
  assert.equal(x.crows.find((row) => Number(row[0]) === id)[1], "'-闲置车棚清理");
  const d = (await c.staff.get(`/api/v1/shifts/${id}`)).json;
  x = await both('staff', `/api/v1/shifts/${id}`);
  assert.deepEqual(x.head, ['编号', '志愿者', '报名状态', '签到', '签退', '确认时长（分钟）', '工作人员加入的理由']);
  const words = { confirmed: '已报名', waiting: '候补中', cancelled: '已取消' };
  assert.deepEqual(x.rows, d.roster.map((u) => [u.id, u.name, words[u.status], u.checkin, u.checkout, u.minutes, u.override_reason]));
  assert.deepEqual(x.rows.map((row) => row[2]), ['已报名', '候补中']);
  assert.equal((await c.resident.get(`/api/v1/shifts/${id}`)).json.roster, undefined);
  await scoped(`/api/v1/shifts?community=${L}`);
  await scoped(`/api/v1/shifts/${id}`);
  assert.match((await c.staff.get('/shifts')).text, new RegExp(`href="/api/v1/shifts\\?community=${L}&amp;format=xlsx"`));
  assert.match((await c.staff.get(`/shifts/${id}`)).text, new RegExp(`href="/api/v1/shifts/${id}\\?format=csv"`));
});

test('the community\'s rotas, its evaluation templates (a row per criterion) and its Open311 keys (never a key), as the JSON', async () => {
  // rotas: the demo's and one more
  assert.equal((await c.staff.post('/api/v1/rotas', { place_id: L, title: '=楼道保洁', task: '扫地' })).status, 201);
  const rotas = (await c.staff.get(`/api/v1/rotas?community=${L}`)).json.items;
  let b = await both('staff', `/api/v1/rotas?community=${L}`);
  assert.equal(b.rows.length, rotas.length);
  assert.deepEqual(b.rows.map((r) => [r[0], r[1], r[2], r[3], r[4] ?? null]),
    rotas.map((x) => [x.id, x.title, x.task, x.place.name, x.facility?.name ?? null]));
  assert.ok(b.crows.some((r) => r[1] === "'=楼道保洁"), 'a formula is neutralised in CSV');
  await scoped(`/api/v1/rotas?community=${L}`);
  assert.match((await c.staff.get('/rotas')).text, /id="export-xlsx"/);

  // evaluation templates: a row per criterion, in the template's order
  const ts = (await c.staff.get(`/api/v1/evaluation-templates?community=${L}`)).json.items;
  b = await both('staff', `/api/v1/evaluation-templates?community=${L}`);
  const want = ts.flatMap((t) => t.criteria.map((k) => [t.id, t.name, k.name, k.weight, k.scale]));
  assert.ok(want.length > 0);
  assert.deepEqual(b.rows, want);
  await scoped(`/api/v1/evaluation-templates?community=${L}`);
  assert.match((await c.staff.get('/evaluation-templates')).text, /id="export-csv"/);

  // Open311 keys: the prefix, never the key
  const made = await c.staff.post('/api/v1/open311/keys', { community_id: L, name: '市城管平台' });
  assert.equal(made.status, 201, made.text);
  assert.ok(made.json.key.length >= 16);
  const keys = (await c.staff.get(`/api/v1/open311/keys?community=${L}`)).json.items;
  b = await both('staff', `/api/v1/open311/keys?community=${L}`);
  assert.deepEqual(b.rows.map((r) => [r[0], r[1], r[2], r[3]]), keys.map((k) => [k.id, k.name, k.prefix, k.created_by.name]));
  assert.ok(!b.csv.flat().some((cell) => cell.includes(made.json.key)), 'the key itself is never exported');
  await scoped(`/api/v1/open311/keys?community=${L}`);
  assert.match((await c.staff.get('/open311/keys')).text, /id="export-xlsx"/);
});
