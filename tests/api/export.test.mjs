// Exports of staff lists (docs/api.md "Exports"): ?format=xlsx|csv on a
// list's own API route. The sheet is read back by a real reader (Debian's
// python3-openpyxl) and must carry the same figures as the JSON of the same
// list. The export goes through the list's own rule: a resident is refused
// (403), a staff member of another community gets the list's own 404. CSV
// is UTF-8 with a BOM, RFC 4180 quoted, and a text cell that would run as a
// formula gets an apostrophe. Past --export-max-rows: 413, nothing sent.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, readXlsx, parseCsv } from './helpers.mjs';
import { sql } from '../crash/checks.mjs';

const h = useServer();
const c = {};
let L, household, ids = {};

/* Every item of a JSON list, page after page. */
async function allItems(who, url) {
  const out = [];
  for (let offset = 0; ; offset += 100) {
    const r = await c[who].get(`${url}${url.includes('?') ? '&' : '?'}limit=100&offset=${offset}`);
    assert.equal(r.status, 200, r.text);
    out.push(...r.json.items);
    if (r.json.items.length < 100 || (r.json.total !== undefined && out.length >= r.json.total)) return out;
  }
}

before(async () => {
  await h.ready;
  for (const k of ['staff', 'resident', 'tenant', 'fStaff', 'street']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  const me = (await c.resident.get('/api/v1/me')).json;
  L = me.community_id;
  ids.resident = me.id;
  household = me.places[0].line.find((p) => p.kind === 'household').id;
  const texts = ['=HYPERLINK("http://evil","点我")', '灯不亮, 说"明天修"\n第二行', '+1 楼道', '@SUM(A1)', '-2 单元', '1栋楼道灯不亮了'];
  for (const [i, d] of texts.entries()) {
    const who = i % 2 ? 'tenant' : 'resident';
    const r = await c[who].post('/api/v1/reports', { category: 'power', place_id: household, description: d });
    assert.equal(r.status, 201, r.text);
  }
  const r = await c.staff.post(`/api/v1/people/${ids.resident}/points`, { amount: 5, reason: '=清扫楼道', key: 'export-1' });
  assert.equal(r.status, 201, r.text);
});

test('reports as XLSX: the same rows as the JSON list, real dates, a bold frozen header', async () => {
  const items = (await c.staff.get(`/api/v1/reports?community=${L}&limit=100`)).json.items;
  assert.ok(items.length >= 6);
  const r = await c.staff.get(`/api/v1/reports?community=${L}&format=xlsx&limit=2&before=999999`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const cd = r.headers.get('content-disposition');
  assert.match(cd, /^attachment; filename="reports-\d{4}-\d\d-\d\d\.xlsx"; filename\*=UTF-8''/);
  assert.match(decodeURIComponent(cd.split("UTF-8''")[1]), /^随手拍-\d{4}-\d\d-\d\d\.xlsx$/);
  assert.equal(r.headers.get('x-export-rows'), String(items.length), 'paging is ignored: the whole list');
  const x = readXlsx(r.buf);
  assert.equal(x.title, '随手拍');
  assert.deepEqual(x.rows[0], ['编号', '类别', '描述', '状态', '超时', '处理层级', '位置', '负责人', '升级次数',
    '反映时间', '办结时限', '修好时间', '关闭时间']);
  assert.equal(x.freeze, 'A2');
  assert.equal(x.bold, true);
  assert.equal(x.width > 30, true, 'the description column is wide');
  assert.equal(x.formats[9], 'yyyy-mm-dd hh:mm');
  const rows = x.rows.slice(1);
  assert.deepEqual(rows.map((row) => row[0]), items.map((i) => i.id));
  for (const [k, i] of items.entries()) {
    assert.equal(rows[k][1], '供电照明');
    assert.equal(rows[k][2], i.description, 'text as written, formulas too: a string cell never runs');
    assert.equal(rows[k][6], i.place.name);
    assert.equal(rows[k][8], i.escalations);
    assert.equal(rows[k][9], i.created_at_local, 'a real date, in local time');
    assert.equal(rows[k][10], i.resolution_due_local);
  }
});

test('reports as CSV: BOM, RFC 4180 quoting, formulas neutralised', async () => {
  const items = (await c.staff.get(`/api/v1/reports?community=${L}&limit=100`)).json.items;
  const r = await c.staff.get(`/api/v1/reports?community=${L}&format=csv`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.deepEqual([...r.buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark');
  const rows = parseCsv(r.buf.subarray(3).toString('utf8'));
  assert.equal(rows[0][0], '编号');
  assert.equal(rows.length, items.length + 1);
  const byId = new Map(rows.slice(1).map((row) => [Number(row[0]), row]));
  for (const i of items) {
    const cell = byId.get(i.id)[2];
    assert.equal(cell, /^[=+\-@]/.test(i.description) ? `'${i.description}` : i.description);
    assert.equal(byId.get(i.id)[9], i.created_at_local);
  }
  const text = r.buf.toString('utf8');
  assert.ok(text.includes(`"灯不亮, 说""明天修""\n第二行"`), 'quoted: comma, quotes doubled, line end kept');
  assert.ok(text.includes(`"'=HYPERLINK(""http://evil"",""点我"")"`));
  assert.ok(text.includes(`,'+1 楼道,`) && text.includes(`,'@SUM(A1),`) && text.includes(`,'-2 单元,`));
});

test('every export is audited: who, which list, how many rows; a refusal too', async () => {
  const count = (action) => Number(sql(h.db, `SELECT count(*) FROM audit WHERE action = '${action}'`)[0][0]);
  const [exports, denied] = [count('export'), count('denied')];
  const r = await c.staff.get(`/api/v1/reports?community=${L}&format=csv&state=open`);
  assert.equal(r.status, 200);
  assert.equal(count('export'), exports + 1);
  const [row] = sql(h.db, "SELECT target, detail, actor_id FROM audit WHERE action = 'export' ORDER BY id DESC LIMIT 1");
  assert.equal(row[0], '/api/v1/reports');
  assert.equal(row[1], `csv ${r.headers.get('x-export-rows')} rows; community=${L}&format=csv&state=open`);
  assert.equal(Number(row[2]), (await c.staff.get('/api/v1/me')).json.id);
  assert.equal((await c.resident.get('/api/v1/reports?format=xlsx')).status, 403);
  assert.equal(count('denied'), denied + 1);
  assert.equal(count('export'), exports + 1);
});

test('the filters of the list apply; paging does not', async () => {
  const open = (await c.staff.get(`/api/v1/reports?community=${L}&state=closed&limit=100`)).json.items;
  const r = await c.staff.get(`/api/v1/reports?community=${L}&state=closed&format=csv`);
  assert.equal(r.status, 200);
  assert.equal(Number(r.headers.get('x-export-rows')), open.length);
  const bad = await c.staff.get(`/api/v1/reports?community=${L}&state=nonsense&format=xlsx`);
  assert.equal(bad.status, 422, 'the rule refuses as the list does');
  assert.equal(bad.json.error.code, 'report_filter_invalid');
  const fmt = await c.staff.get(`/api/v1/reports?format=pdf`);
  assert.equal(fmt.status, 400);
  assert.equal(fmt.json.error.code, 'bad_query');
});

test('matters, people and a points statement equal their JSON lists', async () => {
  const matters = await allItems('staff', '/api/v1/matters');
  assert.ok(matters.length > 0);
  let x = readXlsx((await c.staff.get('/api/v1/matters?format=xlsx&limit=1')).buf);
  assert.equal(x.rows[0][1], '标题');
  assert.deepEqual(x.rows.slice(1).map((row) => [row[0], row[1], row[4], row[6], row[7]]),
    matters.map((m) => [m.id, m.title, m.place.name, m.followers, m.created_at_local]));

  const people = await allItems('staff', `/api/v1/places/${L}/people`);
  x = readXlsx((await c.staff.get(`/api/v1/places/${L}/people?format=xlsx`)).buf);
  assert.deepEqual(x.rows[0], ['编号', '姓名', '手机号', '志愿者', '党员', '注册时间']);
  assert.deepEqual(x.rows.slice(1).map((row) => [row[0], row[1], row[2]]), people.map((p) => [p.id, p.name, p.phone]));
  assert.ok(x.rows.slice(1).every((row) => /^1\d\d\*{4}\d{4}$/.test(row[2])), 'phones masked as on the page');

  const st = (await c.staff.get(`/api/v1/people/${ids.resident}/points?limit=100`)).json;
  const r = await c.staff.get(`/api/v1/people/${ids.resident}/points?format=csv`);
  assert.equal(r.status, 200, r.text);
  const rows = parseCsv(r.buf.subarray(3).toString('utf8'));
  assert.deepEqual(rows[0], ['编号', '时间', '类型', '积分', '事由', '冲正的记录']);
  assert.deepEqual(rows.slice(1).map((row) => [Number(row[0]), Number(row[3])]), st.items.map((t) => [t.id, t.amount]));
  assert.ok(rows.slice(1).some((row) => row[4] === "'=清扫楼道"));
  const sum = rows.slice(1).reduce((s, row) => s + Number(row[3]), 0);
  assert.equal(sum, st.balance, 'the statement adds up to the balance');
});

test('facilities, the shop queue and surveys equal their JSON lists', async () => {
  const me = (await c.resident.get('/api/v1/me')).json;
  const building = me.places[0].line.find((p) => p.kind === 'building').id;
  let r = await c.staff.post('/api/v1/facilities', { place_id: building, kind: 'bike_shed', name: '1栋车棚', description: '20 个车位',
    keeper_phone: PHONES.resident });
  assert.equal(r.status, 201, r.text);
  const fac = (await c.staff.get('/api/v1/facilities')).json.items;
  let x = readXlsx((await c.staff.get('/api/v1/facilities?format=xlsx')).buf);
  assert.deepEqual(x.rows.slice(1).map((row) => [row[0], row[1], row[2], row[3], row[4], row[6]]),
    fac.map((f) => [f.id, f.name, '车棚', f.place.name, f.keeper?.name ?? null, f.created_at_local]));

  r = await c.staff.post('/api/v1/shop/items', { community_id: L, name: '@肥皂', description: '', price: 2, stock: 5 });
  assert.equal(r.status, 201, r.text);
  assert.equal((await c.resident.post(`/api/v1/shop/items/${r.json.id}/redeem`, { qty: 2 })).status, 201);
  const queue = (await c.staff.get(`/api/v1/shop/redemptions?queue=true&community=${L}`)).json.items;
  assert.equal(queue.length, 1);
  const csv = parseCsv((await c.staff.get(`/api/v1/shop/redemptions?queue=true&community=${L}&format=csv`)).buf.subarray(3).toString('utf8'));
  assert.deepEqual(csv.slice(1), queue.map((q) => [String(q.id), q.created_at_local, q.person, "'@肥皂", '2', String(q.points), '待领取']));

  r = await c.staff.post('/api/v1/surveys', { place_id: building, question: '车棚满意吗？', closes_at: Math.floor(Date.now() / 1000) + 86400 * 3 + h.clockOffset, threshold: 60 });
  assert.equal(r.status, 201, r.text);
  assert.equal((await c.resident.put(`/api/v1/surveys/${r.json.id}/response`, { score: 5 })).status, 200);
  const sv = (await c.staff.get('/api/v1/surveys')).json.items;
  x = readXlsx((await c.staff.get('/api/v1/surveys?format=xlsx')).buf);
  assert.equal(x.formats[6], '0.0%');
  assert.deepEqual(x.rows.slice(1).map((row) => [row[0], row[1], row[3], row[4], row[5], row[6], row[7]]),
    sv.map((v) => [v.id, v.question, v.households, v.answered, v.satisfied, v.answered ? v.satisfied / v.answered : null, v.threshold / 100]));
  for (const url of ['/api/v1/facilities?format=csv', `/api/v1/shop/redemptions?queue=true&community=${L}&format=csv`, '/api/v1/surveys?format=csv'])
    assert.equal((await c.resident.get(url)).status, 403, url);
  for (const url of [`/api/v1/facilities?community=${L}`, `/api/v1/shop/redemptions?queue=true&community=${L}`, `/api/v1/surveys?community=${L}`]) {
    const page = await c.fStaff.get(url);
    assert.equal((await c.fStaff.get(`${url}&format=xlsx`)).status, page.status, url);
  }
});

test('the households of a building: codes, names and areas as in JSON, no registration key', async () => {
  const me = (await c.resident.get('/api/v1/me')).json;
  const building = me.places[0].line.find((p) => p.kind === 'building').id;
  const kids = await allItems('staff', `/api/v1/places/${building}/children`);
  const r = await c.staff.get(`/api/v1/places/${building}/children?format=xlsx`);
  assert.equal(r.status, 200, r.text);
  const x = readXlsx(r.buf);
  assert.deepEqual(x.rows[0], ['编号', '编码', '名称', '面积（平方米）']);
  assert.deepEqual(x.rows.slice(1).map((row) => [row[0], row[2], row[3]]),
    kids.map((k) => [k.id, k.name, k.floor_area_m2 ?? null]));
  const csv = await c.staff.get(`/api/v1/places/${L}/children?format=csv`);
  assert.equal(csv.status, 200);
  assert.ok(!/key/i.test(csv.text));
  assert.equal((await c.resident.get(`/api/v1/places/${building}/children?format=csv`)).status, 403);
  assert.equal((await c.fStaff.get(`/api/v1/places/${building}/children?format=csv`)).status,
    (await c.fStaff.get(`/api/v1/places/${building}/children`)).status);
  assert.ok((await c.staff.get(`/places/${building}`)).text.includes(`/api/v1/places/${building}/children?format=xlsx`));
});

test('the same scope as the list: residents 403, another community 404 as in JSON', async () => {
  for (const url of [`/api/v1/reports?community=${L}`, '/api/v1/matters', `/api/v1/places/${L}/people`,
    `/api/v1/people/${ids.resident}/points`]) {
    for (const f of ['xlsx', 'csv']) {
      const r = await c.resident.get(`${url}${url.includes('?') ? '&' : '?'}format=${f}`);
      assert.equal(r.status, 403, url);
      assert.equal(r.json.error.code, 'forbidden');
    }
  }
  for (const url of [`/api/v1/reports?community=${L}`, `/api/v1/matters?place_id=${L}`, `/api/v1/places/${L}/people`,
    `/api/v1/people/${ids.resident}/points`]) {
    const page = await c.fStaff.get(url);
    const r = await c.fStaff.get(`${url}${url.includes('?') ? '&' : '?'}format=xlsx`);
    assert.equal(r.status, page.status, url);
    assert.equal(r.status, 404, url);
    assert.equal(r.json.error.code, 'not_found');
  }
  const anon = await new Client(h.url, 'anon').get('/api/v1/reports?format=csv');
  assert.equal(anon.status, 401);
  // the street's staff reach the community, as on the list
  const s = await c.street.get(`/api/v1/reports?community=${L}&format=csv`);
  assert.equal(s.status, 200);
});

test('more rows than --export-max-rows: 413 and no file', async () => {
  const srv = await h.start(h.db, { extraArgs: ['--export-max-rows', '3'] });
  const staff = new Client(srv.url, 'staff2');
  await staff.signIn(PHONES.staff);
  const r = await staff.get(`/api/v1/reports?community=${L}&format=xlsx`);
  assert.equal(r.status, 413);
  assert.equal(r.json.error.code, 'export_too_large');
  assert.equal(r.headers.get('content-disposition'), null);
  const ok = await staff.get(`/api/v1/people/${ids.resident}/points?format=csv`);
  assert.equal(ok.status, 200, 'a short list still exports');
});

test('no place for the file: 500 export_failed, and the server goes on', async () => {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = '/nonexistent/wugong-export';
  let srv;
  try {
    srv = await h.start(h.db);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  const staff = new Client(srv.url, 'staff4');
  await staff.signIn(PHONES.staff);
  for (const f of ['xlsx', 'csv']) {
    const r = await staff.get(`/api/v1/reports?community=${L}&format=${f}`);
    assert.equal(r.status, 500);
    assert.equal(r.json.error.code, 'export_failed');
  }
  assert.equal((await staff.get(`/api/v1/reports?community=${L}`)).status, 200);
});

test('staff pages link to the export with their filters; residents see no link', async () => {
  const page = await c.staff.get('/reports?state=open');
  assert.equal(page.status, 200);
  const href = page.text.match(/<a href="([^"]+)" download id="export-xlsx">导出 Excel<\/a>/)?.[1]?.replaceAll('&amp;', '&');
  assert.equal(href, `/api/v1/reports?community=${L}&format=xlsx&state=open`);
  const open = (await c.staff.get(`/api/v1/reports?community=${L}&state=open&limit=100`)).json.items;
  const x = readXlsx((await c.staff.get(href)).buf);
  assert.deepEqual(x.rows.slice(1).map((row) => row[0]), open.map((i) => i.id));
  const en = await c.staff.get('/matters?stage=collecting');
  assert.ok(/id="export-csv"/.test(en.text));
  assert.ok(!/export-links/.test((await c.resident.get('/reports')).text));
  assert.ok(!/export-links/.test((await c.resident.get('/matters')).text));
});

test('volunteer hours of the community: a new staff list, and its export (clock moved: last)', async () => {
  const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;
  const local = (days, hm) => `${new Date((now() + 8 * 3600 + days * 86400) * 1000).toISOString().slice(0, 10)} ${hm}`;
  const starts = local(1, '09:00'), ends = local(1, '11:30');
  const sh = await c.staff.post('/api/v1/shifts', { place_id: L, title: '=楼道清扫', skill: '', location: '1栋', capacity: 5, starts, ends });
  assert.equal(sh.status, 201, sh.text);
  for (const who of ['resident', 'tenant']) {
    const r = await c[who].post(`/api/v1/shifts/${sh.json.id}/signups`, {});
    assert.equal(r.status, 201, r.text);
  }
  await h.setClock(h.clockOffset + 2 * 86400);
  c.staff = new Client(h.url, 'staff3'); // a staff session ends after 30 idle minutes
  await c.staff.signIn(PHONES.staff);
  const roster = (await c.staff.get(`/api/v1/shifts/${sh.json.id}`)).json.roster;
  for (const s of roster) {
    let r = await c.staff.post(`/api/v1/signups/${s.id}/attendance`, { checkin: starts, checkout: ends });
    assert.equal(r.status, 200, r.text);
    r = await c.staff.post(`/api/v1/signups/${s.id}/confirm`, {});
    assert.equal(r.status, 200, r.text);
  }
  const list = await c.staff.get(`/api/v1/volunteer/hours?community=${L}`);
  assert.equal(list.status, 200, list.text);
  assert.equal(list.json.items.length, 2);
  assert.ok(list.json.items.every((i) => i.minutes === 150 && i.service === '=楼道清扫' && i.starts_at_local === starts));
  const x = readXlsx((await c.staff.get(`/api/v1/volunteer/hours?community=${L}&format=xlsx`)).buf);
  assert.deepEqual(x.rows[0], ['编号', '志愿者', '服务', '地点', '开始', '结束', '时长（小时）', '确认时间']);
  assert.deepEqual(x.rows.slice(1).map((row) => [row[0], row[1], row[2], row[4], row[5], row[6]]),
    list.json.items.map((i) => [i.id, i.person.name, i.service, i.starts_at_local, i.ends_at_local, i.minutes / 60]));
  assert.equal(x.formats[6], '0.00');
  const csv = parseCsv((await c.staff.get(`/api/v1/volunteer/hours?community=${L}&format=csv`)).buf.subarray(3).toString('utf8'));
  assert.deepEqual(csv.slice(1).map((row) => [row[2], row[6]]), [["'=楼道清扫", '2.50'], ["'=楼道清扫", '2.50']]);
  assert.equal((await c.resident.get(`/api/v1/volunteer/hours?community=${L}`)).status, 403);
  assert.equal((await c.resident.get(`/api/v1/volunteer/hours?community=${L}&format=csv`)).status, 403);
  const f = new Client(h.url, 'fStaff2');
  await f.signIn(PHONES.fStaff);
  assert.equal((await f.get(`/api/v1/volunteer/hours?community=${L}`)).status, 404);
  assert.equal((await f.get(`/api/v1/volunteer/hours?community=${L}&format=xlsx`)).status, 404);
  const page = await c.staff.get('/shifts');
  assert.ok(page.text.includes(`/api/v1/volunteer/hours?community=${L}&amp;format=xlsx`));
});

test('a list of several pages, a file of many chunks: every row once, in the list order', async () => {
  const long = (i) => `${i}号：${'楼道灯不亮，'.repeat(330)}`.slice(0, 2000);
  for (let k = 0; k < 130; k += 26) {
    const rs = await Promise.all(Array.from({ length: 26 }, (_, j) =>
      c.resident.post('/api/v1/reports', { category: 'environment', place_id: household, description: long(k + j) })));
    for (const r of rs) assert.equal(r.status, 201, r.text);
  }
  const items = [];
  for (let before = 0; ;) {
    const r = (await c.staff.get(`/api/v1/reports?community=${L}&limit=100${before ? `&before=${before}` : ''}`)).json;
    items.push(...r.items);
    if (!r.next_before) break;
    before = r.next_before;
  }
  assert.ok(items.length > 130);
  const csv = await c.staff.get(`/api/v1/reports?community=${L}&format=csv`);
  assert.equal(csv.status, 200);
  assert.ok(csv.buf.length > 10 * 64 * 1024, `${csv.buf.length} bytes: more than ten chunks`);
  assert.equal(Number(csv.headers.get('content-length')), csv.buf.length);
  const rows = parseCsv(csv.buf.subarray(3).toString('utf8')).slice(1);
  assert.deepEqual(rows.map((row) => Number(row[0])), items.map((i) => i.id));
  assert.deepEqual(rows.map((row) => row[2]), items.map((i) => (/^[=+\-@]/.test(i.description) ? `'${i.description}` : i.description)));
  const x = readXlsx((await c.staff.get(`/api/v1/reports?community=${L}&format=xlsx`)).buf);
  assert.deepEqual(x.rows.slice(1).map((row) => [row[0], row[2]]), items.map((i) => [i.id, i.description]));
});

test('long exports at once are capped: past --exports-at-once, 503 export_busy with Retry-After (0: off); a one-page list never waits', async () => {
  const srv = await h.start(h.db, { extraArgs: ['--exports-at-once', '0'] });
  const staff = new Client(srv.url, 'staff3');
  await staff.signIn(PHONES.staff);
  const r = await staff.get(`/api/v1/reports?community=${L}&format=xlsx`); // more than a page since the test above
  assert.equal(r.status, 503);
  assert.equal(r.json.error.code, 'export_busy');
  assert.equal(r.headers.get('retry-after'), '10');
  assert.equal((await staff.get(`/api/v1/reports?community=${L}`)).status, 200, 'the list itself answers');
  assert.equal((await staff.get(`/api/v1/people/${ids.resident}/points?format=csv`)).status, 200, 'one page: no slot needed');
  // on the default server (one at a time) exports that failed (413 above, 404) left no slot taken
  const main = new Client(h.url, 'staff4');
  await main.signIn(PHONES.staff);
  assert.equal((await main.get('/api/v1/people/99999999/points?format=csv')).status, 404);
  for (let i = 0; i < 3; i++) assert.equal((await main.get(`/api/v1/reports?community=${L}&format=csv`)).status, 200);
});
