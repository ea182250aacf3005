// The three rates (三率) from a known set of reports in 龙湖: twelve
// received; seven answered within their limit; four fixed, two closed (one
// of them "closed, not fixed"), two open past their resolution limit; two
// households rated, one satisfied. The totals, the breakdowns by category
// and by the person responsible, the small-sample marks and the formulas
// on the page follow from them; bad spans and breakdowns are refused.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
const HOUR = 3600;
let L, household, tenantHome;
const P = [], E = [];

async function signIn() {
  for (const k of ['resident', 'leader', 'tenant', 'grid', 'staff', 'fStaff']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
}

before(async () => {
  await h.ready;
  await signIn();
  const me = (await c.resident.get('/api/v1/me')).json;
  L = me.community_id;
  household = me.places[0].line.find((p) => p.kind === 'household').id;
  tenantHome = (await c.tenant.get('/api/v1/me')).json.places[0].line.find((p) => p.kind === 'household').id;
  const post = async (who, body) => {
    const r = await c[who].post('/api/v1/reports', body);
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  for (let i = 0; i < 8; i++) P.push(await post('resident', { category: 'power', place_id: household, description: `1栋灯坏了 ${i + 1}` }));
  for (let i = 0; i < 4; i++) E.push(await post('tenant', { category: 'environment', place_id: tenantHome, description: `2栋垃圾 ${i + 1}` }));
  const move = async (who, id, state, note = '') => {
    const r = await c[who].post(`/api/v1/reports/${id}/transitions`, { state, note });
    assert.equal(r.status, 200, r.text);
  };
  for (const id of P.slice(0, 6)) await move('leader', id, 'in_progress', '已安排');
  for (const id of P.slice(0, 4)) await move('leader', id, 'fixed', '修好了');
  await move('leader', P[4], 'closed_not_fixed', '没有配件');
  await move('leader', P[5], 'closed_unable', '属供电局');
  await move('grid', E[0], 'in_progress', '已通知保洁');
  // a day passes: the last two power reports are past both limits (24 h), then one is answered late
  await h.advance(25 * HOUR);
  await signIn();
  await move('grid', P[6], 'in_progress', '来晚了');
  for (const [who, id, score] of [['resident', P[0], 5], ['tenant', P[1], 2]]) {
    const r = await c[who].post(`/api/v1/reports/${id}/rating`, { score });
    assert.equal(r.status, 201, r.text);
  }
});

const rates = async (q = '', who = 'staff') => {
  const r = await c[who].get(`/api/v1/reports/rates?place=${L}${q}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const fig = (x) => [x.numerator, x.denominator, x.percent, x.small];

test('the totals follow from the reports, with small samples marked', async () => {
  const r = await rates();
  assert.equal(r.total.received, 12);
  assert.deepEqual(fig(r.total.response), [7, 12, '58.3', false], 'six power and one general answered in time; one late');
  assert.deepEqual(fig(r.total.resolution), [4, 8, '50.0', true], 'fixed 4 of fixed 4 + closed 2 + overdue 2: under 10, small');
  assert.deepEqual(fig(r.total.satisfaction), [1, 2, '50.0', true], 'one of two households satisfied: a small sample');
  assert.equal(r.sample_min, 10);
});

test('by category and by the person responsible', async () => {
  const byCat = Object.fromEntries((await rates('&by=category')).groups.map((g) => [g.key, g]));
  assert.deepEqual(fig(byCat.power.response), [6, 8, '75.0', true]);
  assert.deepEqual(fig(byCat.power.resolution), [4, 8, '50.0', true]);
  assert.deepEqual(fig(byCat.environment.response), [1, 4, '25.0', true]);
  assert.deepEqual(fig(byCat.environment.resolution), [0, 0, null, true], 'nothing due yet: no rate');
  const persons = (await rates('&by=person')).groups;
  const byPerson = Object.fromEntries(persons.map((g) => [g.name, g]));
  assert.equal(persons.length, 3, JSON.stringify(persons.map((g) => [g.key, g.name, g.received])));
  assert.equal(byPerson['孙德明'].received, 6, '1栋\'s building leader kept six');
  assert.deepEqual(fig(byPerson['孙德明'].response), [6, 6, '100.0', true]);
  assert.equal(byPerson['刘志强'].received, 2, 'the grid worker: the two escalated to him');
  assert.deepEqual(fig(byPerson['刘志强'].response), [0, 2, '0.0', true], 'one answered late, one not at all');
  assert.equal(byPerson['吴秀英'].received, 4, '2栋\'s building leader: the four of 2栋');
  assert.deepEqual(fig(byPerson['吴秀英'].response), [1, 4, '25.0', true], 'the grid worker answered one for her in time');
  const byMonth = (await rates('&by=month')).groups;
  assert.equal(byMonth.reduce((n, g) => n + g.received, 0), 12);
});

test('residents read their community\'s rates; another community\'s are not there; bad input is refused', async () => {
  assert.equal((await rates('', 'tenant')).total.received, 12);
  assert.equal((await c.fStaff.get(`/api/v1/reports/rates?place=${L}`)).status, 404);
  for (const q of ['&by=colour', '&from=2026-13', '&from=2027-01&to=2026-01', '&from=2020-01&to=2026-01', '&from=x'])
    assert.equal((await c.staff.get(`/api/v1/reports/rates?place=${L}${q}`)).status, 422, q);
  assert.equal((await c.staff.get('/api/v1/reports/rates?place=abc')).status, 400);
});

test('the page shows every figure with its formula', async () => {
  const page = await c.tenant.get('/reports/rates?by=category');
  assert.equal(page.status, 200);
  assert.match(page.text, /响应率 = 在答复时限内答复的反映 ÷ 收到的反映/);
  assert.match(page.text, /解决率 = 已解决的反映 ÷/);
  assert.match(page.text, /58\.3%/);
  assert.match(page.text, /供电照明/);
  assert.match(page.text, /样本少/);
});
