// Participatory budgeting: a budget at a community is an approval vote of
// the vote module (its electorate, secret ballots, window and close) plus
// projects with costs and an order drawn for ties. Eleven residents vote
// as in equalshares.net's published example; after the close the result
// shows Equal Shares (bike path, playground, library) beside greedy (bike
// path, gym), and `wugong tally` recomputes the published document to the
// same outcome. Bad input writes nothing; another community sees nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useServer, Client, PHONES, BIN, sanitizerEnv } from './helpers.mjs';

const h = useServer();
const c = {};
const voters = [];
let community, budget;

before(async () => {
  await h.ready;
  for (const k of ['staff', 'resident', 'fStaff']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  community = (await c.staff.get('/api/v1/me')).json.community_id;
  const building = (await c.staff.get(`/api/v1/places/${community}/children`)).json.items[0].id;
  const b = (await c.staff.get(`/api/v1/places/${building}/children`)).json.items[0].id;
  const poster = await c.staff.get(`/places/${b}/poster`);
  const [, bId, key] = /\/register\?building=(\d+)&(?:amp;)?key=([0-9A-Za-z%_-]+)/.exec(poster.text);
  const anon = new Client(h.url, 'anon');
  const hh = (await anon.get(`/api/v1/registration?building=${bId}&key=${key}`)).json.households[0].id;
  for (let i = 0; i < 11; i++) {
    const phone = `1370000${String(i + 100).padStart(4, '0')}`;
    const x = new Client(h.url, `b${i}`);
    await x.csrf();
    const r = await x.post('/api/v1/registrations', { phone, name: `居民${i + 1}`, password: 'secret-pass-1', building_id: Number(bId),
      key: decodeURIComponent(key), household_id: hh, relation: 'tenant' });
    assert.equal(r.status, 201, r.text);
    assert.equal((await c.staff.post(`/api/v1/claims/${r.json.claim_id}/decision`, { approve: true })).status, 200);
    await x.signIn(phone, 'secret-pass-1');
    voters.push(x);
  }
});

const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;

test('a budget opens as an approval vote with projects, costs and an order drawn for ties', async () => {
  const r = await c.staff.post('/api/v1/budgets', { place_id: community, title: '2027 年社区微更新预算', total: 1100,
    projects: [{ name: '自行车道', cost: 700 }, { name: '健身角', cost: 400 }, { name: '小花园', cost: 250 },
      { name: '儿童游乐区', cost: 200 }, { name: '图书角', cost: 100 }], closes_at: now() + 3 * 86400 });
  assert.equal(r.status, 201, r.text);
  budget = r.json;
  assert.equal(budget.state, 'open');
  assert.equal(budget.result, null);
  assert.deepEqual([...budget.tie_order].sort(), [0, 1, 2, 3, 4]);
  const v = (await c.resident.get(`/api/v1/votes/${budget.vote_id}`)).json;
  assert.equal(v.method, 'approval');
  assert.equal(v.options.length, 5);
});

test('eleven ballots as in the published example; after the close both rules side by side', async () => {
  const ballots = [[0, 1], [0, 1, 2], [0, 1], [0, 1, 2], [0, 1, 2], [0, 1], [2, 3, 4], [3], [3, 4], [2, 3, 4], [0]];
  for (let i = 0; i < 11; i++) {
    const r = await voters[i].put(`/api/v1/votes/${budget.vote_id}/ballot`, { options: ballots[i] });
    assert.ok([200, 201].includes(r.status), r.text);
  }
  await h.advance(3 * 86400 + 60);
  c.staff = new Client(h.url, 'staff2');
  await c.staff.signIn(PHONES.staff);
  const d = (await voters[0].get(`/api/v1/budgets/${budget.id}`)).json;
  assert.equal(d.state, 'closed');
  const res = d.result;
  assert.deepEqual(res.equal_shares.selected, [0, 3, 4]);
  assert.deepEqual(res.greedy.selected, [0, 1]);
  assert.equal(res.ballots, 11);
  assert.equal(res.projects[4].payment, '100/3');
  assert.equal(res.projects[1].supporters_left, '0');
  const page = await voters[0].get(`/budgets/${budget.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="budget-result"/);
  assert.match(page.text, /<strong>健身角<\/strong>：按票数（6/, 'why the gym is bought by greedy only');
  assert.match(page.text, /<strong>图书角<\/strong>：按票数排下来钱已经花完/, 'why the library is bought by Equal Shares only');
});

test('wugong tally recomputes the published document to the same outcome', async () => {
  const doc = await voters[3].get(`/api/v1/budgets/${budget.id}/document`);
  assert.equal(doc.status, 200);
  assert.equal(doc.json.vote.method, 'equal_shares');
  assert.equal(doc.json.ballots.list.length, 11);
  assert.ok(doc.json.ballots.list.every((b) => typeof b.receipt === 'string'), 'secret ballots carry receipts');
  const file = path.join(h.dir, 'budget.json');
  fs.writeFileSync(file, JSON.stringify(doc.json));
  const r = spawnSync(BIN, ['tally', file], { env: sanitizerEnv(), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const mine = (await voters[3].get(`/api/v1/budgets/${budget.id}`)).json.result;
  assert.deepEqual(out.equal_shares, mine.equal_shares);
  assert.deepEqual(out.greedy, mine.greedy);
  assert.deepEqual(out.projects, mine.projects);
  assert.equal(out.paid.length, 11);
});

test('bad input writes nothing; another community sees nothing', async () => {
  const before0 = (await c.staff.get('/api/v1/budgets')).json.items.length;
  const base = { place_id: community, title: '坏预算', total: 1000, projects: [{ name: 'A', cost: 100 }, { name: 'B', cost: 200 }],
    closes_at: now() + 86400 };
  for (const [body, status, code] of [[{ total: 0 }, 422, 'budget_total_invalid'], [{ projects: [{ name: 'A', cost: 1 }] }, 422, 'budget_projects_invalid'],
    [{ projects: [{ name: 'A', cost: 1 }, { name: 'B', cost: 5000 }] }, 422, 'budget_cost_invalid'],
    [{ projects: [{ name: '', cost: 1 }, { name: 'B', cost: 5 }] }, 422, 'budget_project_name_required'],
    [{ voters: 'owners_by_area' }, 422, 'budget_voters_invalid'], [{ projects: 'A,B' }, 400, 'budget_projects_invalid']]) {
    const r = await c.staff.post('/api/v1/budgets', { ...base, ...body });
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  assert.equal((await c.staff.get('/api/v1/budgets')).json.items.length, before0);
  assert.equal((await c.resident.post('/api/v1/budgets', base)).status, 403);
  c.fStaff = new Client(h.url, 'fStaff2');
  await c.fStaff.signIn(PHONES.fStaff);
  assert.equal((await c.fStaff.get(`/api/v1/budgets/${budget.id}`)).status, 404);
  assert.equal((await c.fStaff.get(`/api/v1/budgets/${budget.id}/document`)).status, 404);
});

test('staff open a budget from the page: blank rows left out, bad rows refused with nothing written; residents see no form', async () => {
  c.staff = new Client(h.url, 'staffForm');
  await c.staff.signIn(PHONES.staff);
  c.resident = new Client(h.url, 'residentForm');
  await c.resident.signIn(PHONES.resident);
  let page = await c.staff.get('/budgets');
  assert.equal(page.status, 200);
  assert.match(page.text, /<form method="post" action="\/budgets">/);
  assert.doesNotMatch((await c.resident.get('/budgets')).text, /action="\/budgets"/);
  const local = (t) => new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 16);
  const form = { _csrf: c.staff.csrfToken, place_id: String(community), title: '楼道微更新', total: '30000', voters: 'one_per_household',
    opens: '', closes: local(now() + 5 * 86400), name0: '楼道扶手', cost0: '12000', name1: '', cost1: '', name2: '声控灯', cost2: '8000' };
  const before0 = (await c.staff.get('/api/v1/budgets')).json.items.length;
  for (const [bad, code] of [[{ total: 'x' }, 'budget_total_invalid'], [{ cost2: '-5' }, 'budget_cost_invalid'],
    [{ name2: '', cost2: '' }, 'budget_projects_invalid'], [{ closes: '' }, 'window_invalid'], [{ voters: 'owners' }, 'budget_voters_invalid']]) {
    const r = await c.staff.post('/budgets', undefined, { form: { ...form, ...bad } });
    assert.equal(r.status, 422, `${code}: ${r.text.slice(0, 200)}`);
    assert.match(r.text, /class="card error"/);
  }
  assert.equal((await c.resident.post('/budgets', undefined, { form: { ...form, _csrf: c.resident.csrfToken } })).status, 403);
  assert.equal((await c.staff.get('/api/v1/budgets')).json.items.length, before0, 'nothing written');
  const r = await c.staff.post('/budgets', undefined, { form });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const id = Number(r.headers.get('location').match(/\/budgets\/(\d+)/)[1]);
  const d = (await c.staff.get(`/api/v1/budgets/${id}`)).json;
  assert.deepEqual(d.projects.map((p) => [p.name, p.cost]), [['楼道扶手', 12000], ['声控灯', 8000]]);
  assert.equal(d.total, 30000);
  assert.equal(d.state, 'open');
  const v = (await c.staff.get(`/api/v1/votes/${d.vote_id}`)).json;
  assert.equal(v.rule?.voters ?? v.voters, 'one_per_household');
  const list = (await c.resident.get('/api/v1/budgets')).json.items;
  assert.ok(list.some((b) => b.id === id && b.state === 'open' && b.closes_at), JSON.stringify(list));
  page = await c.resident.get('/budgets');
  assert.match(page.text, /楼道微更新/);
});
