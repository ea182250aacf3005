// The reports list by place and month (the records behind a dashboard's
// rates): GET /api/v1/reports and /reports take place= (a place the reader
// reads: the reports at it or below; a street: all its communities) and
// month=YYYY-MM, or from= and to=, by received time (China time). Checked
// against the unfiltered list, the test clock and reports the test files;
// bad values are 400 bad_query, a place the reader does not read 404.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, demoPlaces } from './helpers.mjs';

const h = useServer();
const c = {};
let W, community, building, household;

before(async () => {
  await h.ready;
  for (const k of ['street', 'staff', 'fStaff', 'resident']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  W = await demoPlaces(c.street);
  const line = (await c.resident.get('/api/v1/me')).json.places[0].line;
  community = line.find((p) => p.kind === 'community').id;
  building = line.find((p) => p.kind === 'building').id;
  household = line.find((p) => p.kind === 'household').id;
});

/* Every report the list holds for a query, page by page. */
async function all(who, query) {
  const out = [];
  for (let before = 0; ;) {
    const r = await c[who].get(`/api/v1/reports?${query}&limit=100${before ? `&before=${before}` : ''}`);
    assert.equal(r.status, 200, `${query}: ${r.text}`);
    out.push(...r.json.items);
    if (!r.json.next_before) return out;
    before = r.json.next_before;
  }
}

const monthOf = (t) => { // "YYYY-MM", China time
  const d = new Date((t + 8 * 3600) * 1000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const nowT = () => Math.floor(Date.now() / 1000) + h.clockOffset;
const ids = (rs) => rs.map((r) => r.id).sort((a, b) => a - b);

test('place: the reports at the place or below; the community\'s place is the whole list; a street has its communities', async () => {
  const r = await c.resident.post('/api/v1/reports', { category: 'power', place_id: household, description: '筛选测试：灯坏了' });
  assert.equal(r.status, 201, r.text);
  const r2 = await c.resident.post('/api/v1/reports', { category: 'power', place_id: community, description: '筛选测试：社区的灯' });
  assert.equal(r2.status, 201, r2.text);
  const whole = await all('staff', `community=${community}`);
  assert.deepEqual(ids(await all('staff', `place=${community}`)), ids(whole));
  const inBuilding = await all('staff', `place=${building}`);
  assert.ok(inBuilding.some((x) => x.id === r.json.id), 'the household\'s report is in its building');
  assert.ok(!inBuilding.some((x) => x.id === r2.json.id), 'the community\'s own is not');
  assert.ok(inBuilding.every((x) => whole.some((y) => y.id === x.id)));
  assert.deepEqual(ids(await all('resident', `place=${building}`)), ids(inBuilding), 'a resident reads the same');
  // the street: its communities' reports, and nothing else
  const street = await all('street', `place=${W.street}`);
  const comms = (await c.street.get(`/api/v1/places/${W.street}/children?limit=100`)).json.items;
  const each = [];
  for (const x of comms) each.push(...await all('street', `community=${x.id}`));
  assert.ok(comms.length >= 2 && street.length > whole.length);
  assert.deepEqual(ids(street), ids(each));
});

test('month and from/to: the reports received in those months, China time', async () => {
  const thisMonth = monthOf(nowT());
  const whole = await all('staff', `place=${community}`);
  const mine = await all('staff', `place=${community}&month=${thisMonth}`);
  assert.ok(mine.length >= 1);
  assert.deepEqual(ids(mine), ids(whole.filter((x) => monthOf(Date.parse(x.created_at) / 1000) === thisMonth)));
  // a month later, a new report is in the new month only
  await h.advance(35 * 86400);
  for (const k of Object.keys(c)) { // the sessions idled 35 days
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  const next = monthOf(nowT());
  assert.notEqual(next, thisMonth);
  assert.equal((await all('staff', `place=${community}&month=${next}`)).length, 0);
  const r = await c.resident.post('/api/v1/reports', { category: 'power', place_id: household, description: '筛选测试：下个月' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(ids(await all('staff', `place=${community}&month=${next}`)), [r.json.id]);
  assert.deepEqual(ids(await all('staff', `place=${community}&month=${thisMonth}`)), ids(mine));
  assert.deepEqual(ids(await all('staff', `place=${community}&from=${thisMonth}&to=${next}`)), ids([...mine, r.json]));
  // month alone narrows the reader's community
  assert.deepEqual(ids(await all('staff', `month=${next}`)), [r.json.id]);
  // the page lists the same and keeps the filter in its links
  const page = await c.staff.get(`/reports?place=${building}&month=${next}`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes(`/reports/${r.json.id}`));
  assert.ok(page.text.includes(`state=open&amp;place=${building}&amp;month=${next}`), 'the tabs keep place and month');
  assert.match(page.text, new RegExp(`id="reports-where">[^<]*<strong>[^<]+</strong> [^<]+ <span class="nowrap">${next}</span>`), 'it says what it lists');
  assert.ok(!(await c.staff.get('/reports')).text.includes('reports-where'));
  const other = await c.staff.get(`/reports?place=${building}&month=${thisMonth}`);
  assert.ok(!other.text.includes(`/reports/${r.json.id}"`));
});

test('bad values are 400 bad_query; a place the reader does not read is 404', async () => {
  assert.equal((await c.staff.get('/api/v1/reports?from=2024-01&to=2026-12')).status, 200, '36 months');
  for (const q of ['place=abc', 'place=-1', 'place=1.5', 'month=2026-13', 'month=2026-00', 'month=2026-7', 'month=26-07',
    'month=2026/07', 'month=x', 'from=2026-01', 'to=2026-01', 'from=2026-05&to=2026-04', 'from=2020-01&to=2026-01', 'from=2024-01&to=2027-01',
    'month=2026-01&from=2026-01&to=2026-01', `community=${community}&place=${building}`, 'month=1969-12']) {
    for (const url of [`/api/v1/reports?${q}`, ...(q.startsWith('community') ? [] : [`/reports?${q}`])]) {
      const r = await c.staff.get(url);
      assert.equal(r.status, 400, `${url}: ${r.status}`);
      if (url.startsWith('/api')) assert.equal(r.json.error.code, 'bad_query', url);
    }
  }
  for (const [who, place] of [['staff', W.F], ['fStaff', community], ['resident', W.street], ['staff', 999999999]]) {
    for (const url of [`/api/v1/reports?place=${place}`, `/reports?place=${place}`]) {
      const r = await c[who].get(url);
      assert.equal(r.status, 404, `${who} ${url}: ${r.status}`);
      if (url.startsWith('/api')) assert.equal(r.json.error.code, 'not_found');
    }
  }
});
