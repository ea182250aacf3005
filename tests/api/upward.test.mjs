// Reports upward (一表通): the street's quarterly report (the demo's) is
// filled by 龙湖 and 凤凰苑 from the dashboards' figures, equal to what the
// dashboard answers for the same place and period; it keeps the data it
// used (a new record changes the dashboard, not the report, until it is
// filled again as a draft); reviewed, submitted (the street is told),
// fixed, returned by the street with a reason; the street sees every
// community side by side and exports it to Excel; a community sees its own
// row; a template names only figures and breakdowns that exist; bad input
// writes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, readXlsx } from './helpers.mjs';

const h = useServer();
const c = {};
let L, F, S, tmpl, period, lrep;

before(async () => {
  await h.ready;
  for (const k of ['street', 'staff', 'fStaff', 'resident', 'grid']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  L = (await c.staff.get('/api/v1/me')).json.community_id;
  F = (await c.fStaff.get('/api/v1/me')).json.community_id;
  S = (await c.staff.get(`/api/v1/places/${L}`)).json.parent_id ?? (await c.staff.get(`/api/v1/places/${L}`)).json.line?.find((p) => p.kind === 'street')?.id;
});

test('the street\'s template; communities read it; residents and grid workers do not', async () => {
  const r = await c.staff.get('/api/v1/upward-templates');
  assert.equal(r.status, 200, r.text);
  tmpl = r.json.items.find((t) => t.name === '社区治理季报');
  assert.ok(tmpl);
  assert.equal(tmpl.period_kind, 'quarter');
  assert.equal(tmpl.items.length, 11);
  S = tmpl.street.id;
  const rr = await c.resident.get('/api/v1/upward-templates');
  assert.equal(rr.status, 403, rr.text);
  assert.equal((await c.grid.get(`/api/v1/upward-templates?place=${S}`)).status, 404, 'the street is above what she reads');
  assert.equal((await c.grid.get(`/api/v1/upward-templates?place=${L}`)).status, 403);
  assert.equal((await c.street.get(`/api/v1/upward-templates?place=${S}`)).json.items.length, 1);
  // the page lists the template's items on one line, "、" between them and not after the last
  const page = await c.staff.get('/upward');
  const line = page.text.match(new RegExp(`id="template-${tmpl.id}">[\\s\\S]*?<p class="meta">([^<]*)</p>`))[1];
  assert.ok(line.endsWith(tmpl.items[10].label), line);
  assert.equal(line.split('、').length, 11, line);
  c.staff.jar.set('wg_lang', 'en');
  const en = await c.staff.get('/upward');
  c.staff.jar.delete('wg_lang');
  assert.match(en.text, new RegExp(`${tmpl.items[9].label}, ${tmpl.items[10].label}</p>`));
});

test('designing: only the street, only figures and breakdowns that exist; nothing written by bad input', async () => {
  const base = { street_id: S, name: '月度简报', period_kind: 'month', items: [{ label: '住户数', figure: 'households' }] };
  assert.equal((await c.staff.post('/api/v1/upward-templates', base)).status, 404, 'the street is above what she reads');
  assert.equal((await c.staff.post('/api/v1/upward-templates', { ...base, street_id: L })).status, 403);
  for (const [b, status, code] of [
    [{ ...base, items: [] }, 400, 'upward_items_invalid'],
    [{ ...base, items: [{ label: '甲', figure: 'no_such' }] }, 422, 'upward_figure_unknown'],
    [{ ...base, items: [{ label: '甲', figure: 'households', by: 'part' }] }, 422, 'upward_by_unsupported'],
    [{ ...base, items: [{ label: '甲', figure: 'households', by: 'sideways' }] }, 422, 'upward_by_unsupported'],
    [{ ...base, items: [{ label: '甲'.repeat(41), figure: 'households' }] }, 422, 'upward_items_invalid'],
    [{ ...base, period_kind: 'weekly' }, 422, 'upward_period_kind_invalid'],
    [{ ...base, name: ' ' }, 422, 'upward_name_required'],
    [{ ...base, street_id: L + 100000 }, 404, 'not_found'],
  ]) {
    const r = await c.street.post('/api/v1/upward-templates', b);
    assert.equal(r.status, status, `${code}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  const r = await c.street.post('/api/v1/upward-templates', base);
  assert.equal(r.status, 201, r.text);
  assert.equal((await c.street.post('/api/v1/upward-templates', base)).json.error.code, 'upward_template_exists');
  assert.equal((await c.street.get(`/api/v1/upward-templates?place=${S}`)).json.items.length, 2);
});

test('a community fills it from the data: each figure equals the dashboard\'s for the same place and period', async () => {
  // the quarter before this one
  const now = new Date(Date.now() + 8 * 3600e3);
  const q = Math.floor(now.getUTCMonth() / 3);
  period = q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
  for (const [p, code] of [['2026-13', 'upward_period_invalid'], ['2026-11', 'upward_period_invalid'], ['2999-Q1', 'upward_period_invalid']]) {
    const r = await c.staff.post('/api/v1/upward-reports', { template_id: tmpl.id, community_id: L, period: p });
    assert.equal(r.status, 422, `${p}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  assert.equal((await c.staff.post('/api/v1/upward-reports', { template_id: tmpl.id, community_id: F, period })).status, 404);
  const r = await c.staff.post('/api/v1/upward-reports', { template_id: tmpl.id, community_id: L, period });
  assert.equal(r.status, 201, r.text);
  lrep = r.json;
  assert.equal(lrep.state, 'draft');
  for (const it of lrep.items) {
    const by = tmpl.items[it.pos - 1].by;
    const d = (await c.staff.get(`/api/v1/dashboards/${L}/figures/${it.name}?period=${period}${by ? `&by=${by}` : ''}`)).json;
    assert.deepEqual(it.total, d.figure.total, `${it.label}`);
    assert.deepEqual(it.groups, d.figure.groups, `${it.label} by ${by}`);
  }
  assert.equal(lrep.items.find((i) => i.pos === 4).groups.length > 1, true, 'participation by building');
  assert.equal((await c.fStaff.get(`/api/v1/upward-reports/${lrep.id}`)).status, 404);
  assert.equal((await c.resident.get(`/api/v1/upward-reports/${lrep.id}`)).status, 403);
});

test('reviewed, submitted (the street is told), fixed; returned with a reason; side by side and in Excel', async () => {
  const e = `/api/v1/upward-reports/${lrep.id}`;
  assert.equal((await c.staff.post(`${e}/submit`)).json.error.code, 'upward_not_reviewed');
  let r = await c.staff.post(`${e}/review`, { note: '数据已核对' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'reviewed');
  r = await c.staff.post(`${e}/submit`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'submitted');
  assert.ok((await c.street.get('/api/v1/notifications')).json.items.some((n) => n.kind === 'upward_submitted'));
  r = await c.staff.post('/api/v1/upward-reports', { template_id: tmpl.id, community_id: L, period });
  assert.equal(r.json.error.code, 'upward_submitted');
  assert.equal((await c.staff.post(`${e}/return`, { reason: '改' })).status, 403);
  // 凤凰苑 fills too; the street sees both, a community only its own row
  assert.equal((await c.fStaff.post('/api/v1/upward-reports', { template_id: tmpl.id, community_id: F, period })).status, 201);
  const sr = await c.street.get(`/api/v1/upward-templates/${tmpl.id}?period=${period}`);
  assert.equal(sr.status, 200, sr.text);
  const side = sr.json;
  const rows = Object.fromEntries(side.communities.map((x) => [x.community.id, x]));
  assert.equal(rows[L].report.state, 'submitted');
  assert.equal(rows[F].report.state, 'draft');
  assert.deepEqual(rows[L].values, lrep.items.map((i) => i.total.text));
  assert.ok(side.communities.some((x) => x.report === null), 'a community that has not filled it');
  const own = (await c.staff.get(`/api/v1/upward-templates/${tmpl.id}?period=${period}`)).json;
  assert.deepEqual(own.communities.map((x) => x.community.id), [L]);
  const x = readXlsx((await c.street.get(`/api/v1/upward-templates/${tmpl.id}?period=${period}&format=xlsx`)).buf);
  assert.deepEqual(x.rows[0].slice(0, 5), ['社区', '状态', '住户数', '注册覆盖率', '居民参与率']);
  const lrow = x.rows.find((cells) => cells[1] === '已上报');
  assert.equal(lrow[2], lrep.items[0].total.value);
  assert.equal(lrow[3], lrep.items[1].total.value);
  // returned: a draft again, with the reason
  assert.equal((await c.street.post(`${e}/return`, { reason: ' ' })).json.error.code, 'upward_reason_required');
  r = await c.street.post(`${e}/return`, { reason: '参与率请按楼栋复核' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.state, r.json.note], ['draft', '参与率请按楼栋复核']);
});

test('it keeps the data it used: a new record moves the dashboard, not the report, until it is filled again', async () => {
  // this quarter's report, then 20 points issued to a resident of 龙湖
  const now = new Date(Date.now() + 8 * 3600e3);
  const cur = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
  const first = await c.staff.post('/api/v1/upward-reports', { template_id: tmpl.id, community_id: L, period: cur });
  assert.equal(first.status, 201, first.text);
  const points = (rep) => rep.items.find((i) => i.name === 'points_issued').total.value;
  const dash = async () => (await c.staff.get(`/api/v1/dashboards/${L}/figures/points_issued?period=${cur}`)).json.figure.total.value;
  const before = points(first.json);
  assert.equal(await dash(), before);
  const me = (await c.resident.get('/api/v1/me')).json;
  const p = await c.staff.post(`/api/v1/people/${me.id}/points`, { amount: 20, reason: '清理楼道', key: 'upward-keeps-1' });
  assert.equal(p.status, 201, p.text);
  assert.equal(await dash(), before + 20, 'the dashboard counts them');
  assert.equal(points((await c.staff.get(`/api/v1/upward-reports/${first.json.id}`)).json), before, 'the report does not');
  const again = await c.staff.post('/api/v1/upward-reports', { template_id: tmpl.id, community_id: L, period: cur });
  assert.equal(again.json.id, first.json.id, 'the same report, filled again');
  assert.equal(points(again.json), before + 20);
});
