// The contest 最美社区我来建: the street opens it for its communities with a
// weighted rubric and the weights of assessors and residents; assessors
// score every entry, residents score other communities (one card per
// household, not their own); the ranking shows every score and how the
// total follows; published with praise, the winner holds a priority flag
// with an expiry that facility allocation reads.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
const id = {};
let L, F, street, contest;
const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;

before(async () => {
  await h.ready;
  for (const k of ['street', 'staff', 'fStaff', 'resident', 'fResident', 'grid']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
    id[k] = (await c[k].get('/api/v1/me')).json.id;
  }
  L = (await c.staff.get('/api/v1/me')).json.community_id;
  F = (await c.fStaff.get('/api/v1/me')).json.community_id;
  street = (await c.staff.get(`/api/v1/places/${L}`)).json.ancestors.find((a) => a.kind === 'street').id;
});

const rubric = [{ name: '环境整洁', weight: 40 }, { name: '设施完好', weight: 30 }, { name: '居民参与', weight: 30 }];

test('the street opens the contest; residents and staff cannot', async () => {
  const body = { street_id: street, title: '最美社区我来建', criteria: rubric, assessor_weight: 60, resident_weight: 40,
    communities: [L, F], assessors: [id.street, id.fStaff], winners: 1, priority_days: 365, closes_at: now() + 7 * 86400 };
  assert.equal((await c.resident.post('/api/v1/contests', body)).status, 404, 'the street is not hers to read');
  assert.equal((await c.staff.post('/api/v1/contests', body)).status, 404);
  for (const [bad, code] of [[{ criteria: [{ name: 'A', weight: 50 }] }, 'contest_weights_invalid'],
    [{ assessor_weight: 70 }, 'contest_sides_invalid'], [{ communities: [L] }, 'contest_entries_invalid'],
    [{ communities: [L, L] }, 'contest_entries_invalid'], [{ winners: 3 }, 'contest_winners_invalid'],
    [{ closes_at: now() - 10 }, 'contest_closes_invalid']]) {
    const r = await c.street.post('/api/v1/contests', { ...body, ...bad });
    assert.equal(r.status, 422, JSON.stringify(bad));
    assert.equal(r.json.error.code, code);
  }
  const r = await c.street.post('/api/v1/contests', body);
  assert.equal(r.status, 201, r.text);
  contest = r.json;
  assert.equal(contest.entries.length, 2);
  assert.equal(contest.open, true);
});

test('assessors score every entry; residents score the others, not their own', async () => {
  const score = (who, community, scores) => c[who].post(`/api/v1/contests/${contest.id}/scores`, { community_id: community, scores });
  for (const [who, com, s] of [['street', L, [80, 70, 90]], ['street', F, [60, 60, 60]], ['fStaff', L, [90, 80, 70]],
    ['fStaff', F, [70, 70, 70]], ['resident', F, [50, 60, 70]], ['fResident', L, [100, 100, 100]]]) {
    const r = await score(who, com, s);
    assert.equal(r.status, 201, `${who}: ${r.text}`);
  }
  let r = await score('resident', L, [100, 100, 100]);
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'contest_own_community');
  r = await score('resident', F, [101, 0, 0]);
  assert.equal(r.status, 422);
  r = await score('resident', F, [10, 10]);
  assert.equal(r.status, 422);
  const d = (await c.resident.get(`/api/v1/contests/${contest.id}`)).json;
  const l = d.entries.find((e) => e.community_id === L), f = d.entries.find((e) => e.community_id === F);
  // assessors' means for L: 85, 75, 80 -> 0.4 x 85 + 0.3 x 75 + 0.3 x 80 = 80.5; residents: 100
  assert.deepEqual(l.assessors.means, ['85.00', '75.00', '80.00']);
  assert.equal(l.assessors.score, '80.50');
  assert.equal(l.residents.score, '100.00');
  assert.equal(l.total, '88.30'); // 0.6 x 80.5 + 0.4 x 100
  assert.equal(f.total, '62.60'); // 0.6 x 65 + 0.4 x 59
  assert.equal(l.rank, 1);
  assert.equal(f.rank, 2);
  assert.equal(l.winner, false, 'not before it is published');
});

test('published with praise after the close: the winner holds a priority flag until it expires', async () => {
  let r = await c.street.post(`/api/v1/contests/${contest.id}/publish`, {});
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'contest_still_open');
  await h.advance(7 * 86400 + 60);
  c.street = new Client(h.url, 'street2');
  await c.street.signIn(PHONES.street);
  r = await c.resident.post(`/api/v1/contests/${contest.id}/scores`, { community_id: F, scores: [1, 1, 1] });
  assert.equal(r.status, 409);
  r = await c.street.post(`/api/v1/contests/${contest.id}/publish`, { praise: { [L]: '车棚变成了居民活动室，居民投工 120 人天。' } });
  assert.equal(r.status, 200, r.text);
  const l = r.json.entries.find((e) => e.community_id === L);
  assert.equal(l.winner, true);
  assert.equal(l.praise, '车棚变成了居民活动室，居民投工 120 人天。');
  assert.equal(r.json.published, true);
  r = await c.resident.get(`/api/v1/places/${L}/priority`);
  assert.equal(r.json.priority, true);
  assert.equal(r.json.contest, '最美社区我来建');
  assert.equal((await c.resident.get(`/api/v1/places/${F}/priority`)).status, 404, 'another community is not readable');
  c.fStaff = new Client(h.url, 'fStaff2');
  await c.fStaff.signIn(PHONES.fStaff);
  assert.equal((await c.fStaff.get(`/api/v1/places/${F}/priority`)).json.priority, false);
  assert.equal((await c.street.post(`/api/v1/contests/${contest.id}/publish`, {})).status, 409);
  const page = await c.resident.get(`/contests/${contest.id}`);
  assert.match(page.text, /优胜，设施配置优先/);
  await h.advance(366 * 86400);
  c.resident = new Client(h.url, 'resident2');
  await c.resident.signIn(PHONES.resident);
  assert.equal((await c.resident.get(`/api/v1/places/${L}/priority`)).json.priority, false, 'the flag expires');
});

test('the street opens a contest and publishes it from its pages; others see no form and cannot post', async () => {
  c.street = new Client(h.url, 'street3');
  await c.street.signIn(PHONES.street);
  for (const k of ['resident', 'fStaff']) {
    c[k] = new Client(h.url, `${k}3`);
    await c[k].signIn(PHONES[k]);
  }
  let page = await c.street.get('/contests');
  assert.equal(page.status, 200);
  assert.match(page.text, /<form method="post" action="\/contests">/);
  assert.match(page.text, new RegExp(`name="community" value="${L}"`));
  assert.doesNotMatch((await c.fStaff.get('/contests')).text, /action="\/contests"/);
  const local = (t) => new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 16);
  const form = (extra = []) => [['_csrf', c.street.csrfToken], ['street_id', String(street)], ['title', '最美楼道'],
    ['community', String(L)], ['community', String(F)], ['cname0', '整洁'], ['cweight0', '70'], ['cname1', '安全'],
    ['cweight1', '30'], ['cname2', ''], ['cweight2', ''], ['assessor_weight', '50'], ['assessors', `${PHONES.fStaff}\n${PHONES.street}`],
    ['winners', '1'], ['priority_days', '30'], ['closes', local(now() + 3 * 86400)], ...extra];
  const before0 = (await c.street.get('/api/v1/contests')).json.items.length;
  for (const [bad, code] of [[[['cweight1', '20']], 'contest_weights_invalid'], [[['assessors', '13900000000']], 'contest_assessors_invalid'],
    [[['winners', 'x']], 'contest_form_invalid'], [[['closes', 'tomorrow']], 'contest_closes_invalid']]) {
    const f = form().filter(([k]) => !bad.some(([b]) => b === k)).concat(bad);
    const r = await c.street.post('/contests', undefined, { form: f });
    assert.equal(r.status, 422, `${code}: ${r.text.slice(0, 200)}`);
  }
  assert.equal((await c.resident.post('/contests', undefined, { form: form().map(([k, v]) => [k, k === '_csrf' ? c.resident.csrfToken : v]) })).status, 404);
  assert.equal((await c.street.get('/api/v1/contests')).json.items.length, before0, 'nothing written');
  let r = await c.street.post('/contests', undefined, { form: form() });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const k = Number(r.headers.get('location').match(/\/contests\/(\d+)/)[1]);
  const d = (await c.street.get(`/api/v1/contests/${k}`)).json;
  assert.deepEqual(d.criteria.map((x) => [x.name, x.weight]), [['整洁', 70], ['安全', 30]]);
  assert.deepEqual([d.assessor_weight, d.resident_weight, d.entries.length, d.winners, d.priority_days], [50, 50, 2, 1, 30]);
  const mine = (await c.resident.get('/api/v1/contests')).json.items;
  assert.ok(mine.some((x) => x.id === k && x.state === 'open'), 'her community entered: she sees it');
  assert.match((await c.resident.get('/contests')).text, /最美楼道/);
  r = await c.fStaff.post(`/api/v1/contests/${k}/scores`, { community_id: L, scores: [90, 80] });
  assert.equal(r.status, 201, r.text);
  assert.doesNotMatch((await c.street.get(`/contests/${k}`)).text, /action="\/contests\/\d+\/publish"/, 'no publish form while open');
  await h.advance(3 * 86400 + 60);
  c.street = new Client(h.url, 'street4');
  await c.street.signIn(PHONES.street);
  page = await c.street.get(`/contests/${k}`);
  assert.match(page.text, new RegExp(`action="/contests/${k}/publish"`));
  r = await c.street.post(`/contests/${k}/publish`, undefined, { form: { _csrf: c.street.csrfToken, [`praise${L}`]: '楼道干净明亮。' } });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const p = (await c.street.get(`/api/v1/contests/${k}`)).json;
  assert.equal(p.published, true);
  assert.equal(p.entries.find((e) => e.community_id === L).praise, '楼道干净明亮。');
  assert.equal((await c.street.post(`/contests/${k}/publish`, undefined, { form: { _csrf: c.street.csrfToken } })).status, 409);
});
