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
  const page = await c.staff.get('/reports/rates?by=month');
  assert.match(page.text, /href="\/api\/v1\/reports\/rates\?place=\d+&amp;by=month&amp;format=xlsx/);
});
