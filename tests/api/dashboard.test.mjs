// Dashboards (mod/dashboard): the figures against counts the test makes
// itself from the API's lists and from a report it files (a figure moves by
// exactly one); the page and the API agree figure by figure; every chart is
// well-formed SVG and every figure links to records that open; who may see
// which dashboard; bad periods and breakdowns.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { useServer, Client, PHONES, demoPlaces } from './helpers.mjs';

const h = useServer();
const c = {};
let W, household, month;

before(async () => {
  await h.ready;
  for (const k of ['street', 'staff', 'fStaff', 'grid', 'resident', 'leader']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  W = await demoPlaces(c.street);
  const me = (await c.resident.get('/api/v1/me')).json;
  household = me.places[0].line.find((p) => p.kind === 'household').id;
  month = (await c.staff.get(`/api/v1/dashboards/${W.L}`)).json.period.to; // this month
});

const get = async (who, url, status = 200) => {
  const r = await c[who].get(url);
  assert.equal(r.status, status, `${url}: ${r.text}`);
  return r.json;
};
const figure = async (who, place, name, q = '') => (await get(who, `/api/v1/dashboards/${place}/figures/${name}?${q}`)).figure;

async function children(id) {
  return (await get('street', `/api/v1/places/${id}/children?limit=100`)).items;
}

test('the registry names every figure with its kind and breakdowns', async () => {
  const items = (await get('staff', '/api/v1/dashboard-figures')).items;
  const names = items.map((f) => f.name);
  for (const n of ['households', 'accounts', 'participation', 'report_response', 'report_resolution', 'report_satisfaction',
    'satisfaction', 'points_issued', 'points_spent', 'volunteer_hours', 'matters_stage', 'matters_age']) assert.ok(names.includes(n), n);
  const stage = items.find((f) => f.name === 'matters_stage');
  assert.deepEqual(stage.by, ['child', 'month', 'part']);
  assert.ok(stage.parts.includes('collecting'));
  assert.equal(items.find((f) => f.name === 'participation').kind, 'share');
  assert.equal((await c.resident.get('/api/v1/dashboard-figures')).status, 403);
});

test('households per building are the households the place lists hold', async () => {
  const counts = new Map();
  let total = 0;
  for (const g of await children(W.L)) {
    for (const b of await children(g.id)) {
      const n = (await children(b.id)).filter((x) => x.kind === 'household').length;
      counts.set(String(b.id), n);
      total += n;
    }
  }
  const f = await figure('staff', W.L, 'households', 'by=building');
  assert.equal(f.total.value, total);
  assert.equal(f.groups.length, counts.size);
  for (const g of f.groups) assert.equal(g.value, counts.get(g.key), g.name);
  // the street's total is the sum of its communities'
  const s = await figure('street', W.street, 'households', 'by=child');
  assert.equal(s.total.value, s.groups.reduce((a, g) => a + g.value, 0));
  assert.equal(s.groups.find((g) => g.key === String(W.L)).value, total);
  // coverage: never more households with an account than households
  const a = await figure('staff', W.L, 'accounts', 'by=building');
  assert.equal(a.total.denominator, total);
  assert.ok(a.total.numerator >= 1 && a.total.numerator <= total);
});

test('a report filed moves the rates and participation by exactly one', async () => {
  const q = `period=${month}`;
  const before = await figure('staff', W.L, 'report_response', q);
  const part0 = await figure('staff', W.L, 'participation', 'by=building&' + q);
  const r = await c.resident.post('/api/v1/reports', { category: 'power', place_id: household, description: '看板测试：楼道灯坏了' });
  assert.equal(r.status, 201, r.text);
  const after = await figure('staff', W.L, 'report_response', q);
  assert.equal(after.total.denominator, before.total.denominator + 1);
  assert.equal(after.total.numerator, before.total.numerator);
  // the resident's household took part this month; it counts once however often it acts
  const part1 = await figure('staff', W.L, 'participation', 'by=building&' + q);
  const hadTakenPart = part0.total.numerator === part1.total.numerator;
  if (!hadTakenPart) assert.equal(part1.total.numerator, part0.total.numerator + 1);
  const r2 = await c.resident.post('/api/v1/reports', { category: 'power', place_id: household, description: '看板测试：再报一次' });
  assert.equal(r2.status, 201, r2.text);
  const part2 = await figure('staff', W.L, 'participation', 'by=building&' + q);
  assert.equal(part2.total.numerator, part1.total.numerator);
  assert.ok(part1.total.numerator >= 1);
  // the same as the report module's own rates
  const rates = await get('staff', `/api/v1/reports/rates?place=${W.L}&from=${month}&to=${month}`);
  assert.equal(after.total.denominator + 1, rates.total.response.denominator);
  // by month: the month's group carries the whole of a one-month period
  const byMonth = await figure('staff', W.L, 'report_response', `by=month&${q}`);
  assert.equal(byMonth.groups.length, 1);
  assert.equal(byMonth.groups[0].denominator, rates.total.response.denominator);
});

test('matters by stage sum to the matters the list holds', async () => {
  const f = await figure('staff', W.L, 'matters_stage', 'by=part');
  assert.equal(f.groups.reduce((a, g) => a + g.numerator, 0), f.total.numerator);
  const collecting = f.groups.find((g) => g.key === 'collecting');
  const list = await get('staff', `/api/v1/matters?place_id=${W.L}&stage=collecting&limit=100`);
  assert.equal(collecting.numerator, list.total ?? list.items.length);
});

const sectionOf = (html, i) => {
  const start = html.indexOf(`id="fig-${i}"`);
  assert.ok(start > 0, `panel ${i}`);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
};

for (const who of ['staff', 'street']) {
  test(`the ${who} page writes the API's figures, in well-formed SVG, each linked to records that open`, async () => {
    const place = who === 'street' ? W.street : W.L;
    const board = await get(who, `/api/v1/dashboards/${place}?period=2026`);
    const page = await c[who].get(`/dashboards/${place}?period=2026`);
    assert.equal(page.status, 200);
    assert.ok(board.figures.length >= 10);
    const links = new Set();
    board.figures.forEach((f, i) => {
      const sec = sectionOf(page.text, i);
      assert.ok(sec.includes(`data-figure="${f.name}"`), f.name);
      const total = sec.match(/data-total="[^"]+">([^<]*)</);
      assert.equal(total[1], f.total.text, `${f.name} total`);
      assert.ok(f.total.link, `${f.name} has a link`);
      for (const g of f.groups) assert.ok(g.link, `${f.name} ${g.key} has a link`);
      const svgs = sec.match(/<svg[\s\S]*?<\/svg>/g) || [];
      assert.equal(svgs.length, 1, `${f.name} has one chart`);
      const v = XMLValidator.validate(svgs[0]);
      assert.equal(v, true, `${f.name}: ${JSON.stringify(v)}`);
      // every group's figure is written in the chart or the table, with its link
      for (const g of f.groups) {
        assert.ok(sec.includes(`href="${g.link.replaceAll('&', '&amp;')}"`), `${f.name} ${g.key} linked`);
        assert.ok(sec.includes(`>${g.text}<`) || sec.includes(` · ${g.text}<`) || sec.includes(`: ${g.text}<`), `${f.name} ${g.key} written`);
      }
      links.add(f.total.link);
      for (const g of f.groups.slice(0, 3)) links.add(g.link);
    });
    assert.ok(!/style="/.test(page.text), 'no inline style (CSP)');
    for (const l of links) assert.equal((await c[who].get(l)).status, 200, l);
  });
}

test('the board (each source read once for all its panels) answers what each figure alone answers', async () => {
  for (const [who, place] of [['street', W.street], ['staff', W.L]]) {
    const board = await get(who, `/api/v1/dashboards/${place}?period=2026`);
    for (const f of board.figures) {
      const one = await figure(who, place, f.name, `period=2026&by=${f.by ?? ''}`);
      assert.deepEqual([one.total.numerator, one.total.denominator], [f.total.numerator, f.total.denominator], f.name);
      assert.deepEqual(one.groups.map((g) => [g.key, g.numerator, g.denominator]),
        f.groups.map((g) => [g.key, g.numerator, g.denominator]), `${f.name} by ${f.by}`);
    }
  }
});

test('heat map: a cell per building, coloured by share and written', async () => {
  const page = await c.staff.get(`/dashboards/${W.L}`);
  const board = await get('staff', `/api/v1/dashboards/${W.L}`);
  const i = board.figures.findIndex((f) => f.name === 'participation' && f.by === 'building');
  const sec = sectionOf(page.text, i);
  const cells = sec.match(/<rect class="heat-[^"]+"/g) || [];
  assert.equal(cells.length, board.figures[i].groups.length);
  assert.equal(board.figures[i].groups.length, W.Lb.length);
});

test('who sees which dashboard', async () => {
  await get('staff', `/api/v1/dashboards/${W.L}`);
  await get('staff', `/api/v1/dashboards/${W.Lb[0]}`); // a building of her community
  await get('street', `/api/v1/dashboards/${W.street}`);
  await get('street', `/api/v1/dashboards/${W.F}`);
  assert.equal((await c.staff.get(`/api/v1/dashboards/${W.F}`)).status, 404); // another community
  assert.equal((await c.staff.get(`/api/v1/dashboards/${W.street}`)).status, 404); // the street is not hers to read
  for (const who of ['resident', 'leader', 'grid']) {
    const r = await c[who].get(`/api/v1/dashboards/${W.L}`);
    assert.equal(r.status, 403, who);
    assert.equal(r.json.error.code, 'forbidden');
    assert.equal((await c[who].get(`/dashboards/${W.L}`)).status, 403);
  }
  const anon = new Client(h.url, 'anon');
  assert.equal((await anon.get(`/api/v1/dashboards/${W.L}`)).status, 401);
  // the staff desk leads to the dashboards a person may see, and to none she may not
  const desk = async (who) => (await c[who].get('/staff')).text;
  assert.ok((await desk('street')).includes(`href="/dashboards/${W.street}"`));
  assert.ok((await desk('street')).includes(`href="/dashboards/${W.F}"`));
  assert.ok((await desk('staff')).includes(`href="/dashboards/${W.L}"`));
  assert.ok(!(await desk('grid')).includes('href="/dashboards/'));
  // her own dashboard
  const own = await c.fStaff.get('/dashboard');
  assert.equal(own.status, 303);
  assert.equal(own.headers.get('location'), `/dashboards/${W.F}`);
});

test('bad periods, breakdowns, places and figures', async () => {
  const next = `${Number(month.slice(0, 4)) + 1}`;
  for (const p of ['2026-13', '2026-00', '1999', '2026-Q5', 'abc', '20261', next, '2026-7', `${month}x`]) {
    const r = await c.staff.get(`/api/v1/dashboards/${W.L}?period=${encodeURIComponent(p)}`);
    assert.equal(r.status, 422, p);
    assert.equal(r.json.error.code, 'dashboard_period_invalid', p);
  }
  for (const p of ['2026', '2026-Q1', '2026-01', '2000']) {
    const b = await get('staff', `/api/v1/dashboards/${W.L}?period=${p}`);
    assert.equal(b.period.months, p.length === 4 ? 12 : p.includes('Q') ? 3 : 1);
  }
  const q1 = await get('staff', `/api/v1/dashboards/${W.L}/figures/volunteer_hours?period=2026-Q2&by=month`);
  assert.deepEqual(q1.figure.groups.map((g) => g.key), ['2026-04', '2026-05', '2026-06']);
  let r = await c.staff.get(`/api/v1/dashboards/${W.L}/figures/households?by=sideways`);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.code, 'dashboard_by_invalid');
  r = await c.staff.get(`/api/v1/dashboards/${W.L}/figures/households?by=month`);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.code, 'dashboard_by_unsupported');
  r = await c.staff.get(`/api/v1/dashboards/${W.L}/figures/no_such_figure`);
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  r = await c.staff.get(`/api/v1/dashboards/${household}`);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.code, 'dashboard_place_invalid');
  assert.equal((await c.staff.get('/api/v1/dashboards/999999')).status, 404);
  assert.equal((await c.staff.get(`/dashboards/${W.L}?period=1999`)).status, 422);
});

/* How many reports the list holds for a query, page by page. */
async function listCount(who, query) {
  let n = 0;
  for (let before = 0; ;) {
    const r = await get(who, `/api/v1/reports?${query}&limit=100${before ? `&before=${before}` : ''}`);
    n += r.items.length;
    if (!r.next_before) return n;
    before = r.next_before;
  }
}

test('the three rates link to the reports they count: the list at the place and months, as many as received', async () => {
  const q = `period=${month}`;
  for (const name of ['report_response', 'report_resolution', 'report_satisfaction']) {
    const f = await figure('staff', W.L, name, q);
    assert.equal(f.total.link, `/reports?place=${W.L}&from=${month}&to=${month}`, name);
    const m = await figure('staff', W.L, name, `by=month&${q}`);
    assert.equal(m.groups[0].link, `/reports?place=${W.L}&month=${month}`, name);
  }
  // the list behind the response rate holds its denominator (reports received), this month and over the year
  for (const period of [month, '']) {
    const f = await figure('staff', W.L, 'report_response', `period=${period}`);
    const link = new URL(f.total.link, h.url);
    assert.equal(link.pathname, '/reports');
    assert.equal(await listCount('staff', link.search.slice(1)), f.total.denominator, `${f.total.link}`);
    assert.equal((await c.staff.get(f.total.link)).status, 200);
  }
  // the street's, by community: each community's list holds its denominator
  const s = await figure('street', W.street, 'report_response', 'by=child');
  assert.ok(s.groups.length >= 2);
  for (const g of s.groups) {
    assert.match(g.link, new RegExp(`^/reports\\?place=${g.key}&from=\\d{4}-\\d\\d&to=\\d{4}-\\d\\d$`));
    assert.equal(await listCount('street', g.link.split('?')[1]), g.denominator, g.link);
  }
  assert.equal(await listCount('street', s.total.link.split('?')[1]), s.total.denominator, s.total.link);
  assert.equal((await c.street.get(s.total.link)).status, 200);
});
