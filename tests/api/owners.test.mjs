// Owners of several units (民法典 art. 278; the interpretation on building
// division ownership, arts. 8-9): a buyer of three units is one head with the
// area of all three; co-owners of a unit are one head and one ballot; the
// developer's unsold units are one head together, with their area. Votes of
// the owners of 龙湖 3栋 at the 2/3 and 3/4 thresholds, each checked against
// an independent count here and recounted by `wugong tally` from the
// published electors.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useServer, Client, PHONES, BIN, sanitizerEnv, sanitizerReport } from './helpers.mjs';

const h = useServer();
let staff, L, b3, poster, units; // units: code -> {id, area}
const who = {}; // name -> {client, id}
const DAY = 86400;

function tallyCli(doc) {
  const file = path.join(h.tempDir(), 'vote.json');
  fs.writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  const r = spawnSync(BIN, ['tally', file], { env: sanitizerEnv(), encoding: 'utf8' });
  assert.equal(sanitizerReport(r.stderr), null, r.stderr);
  return r;
}

async function approveAll() {
  const r = await staff.get(`/api/v1/communities/${L}/claims?status=pending&limit=100`);
  for (const c of r.json.items.filter((x) => x.building === '3栋' && x.person.name !== '杨小雨')) {
    const d = await staff.post(`/api/v1/claims/${c.id}/decision`, { approve: true });
    assert.equal(d.status, 200, d.text);
  }
}

/* Registers a new owner of the first unit; the others are claimed after. */
async function owner(name, phone, codes) {
  const anon = new Client(h.url, name);
  await anon.csrf();
  const r = await anon.post('/api/v1/registrations', {
    phone, name, password: 'secret-pass-1', building_id: b3.id, key: poster, household_id: units[codes[0]].id,
    relation: 'owner',
  });
  assert.equal(r.status, 201, r.text);
  await approveAll();
  const c = new Client(h.url, name);
  await c.signIn(phone, 'secret-pass-1');
  for (const code of codes.slice(1)) {
    const k = await c.post('/api/v1/claims', { building_id: b3.id, key: poster, household_id: units[code].id, relation: 'owner' });
    assert.equal(k.status, 201, k.text);
  }
  await approveAll();
  who[name] = { client: c, id: r.json.person_id };
}

before(async () => {
  await h.ready;
  staff = h.client('staff');
  await staff.signIn(PHONES.staff);
  L = (await staff.get('/api/v1/me')).json.community_id;
  const grids = (await staff.get(`/api/v1/places/${L}/children`)).json.items;
  for (const g of grids) {
    const bs = (await staff.get(`/api/v1/places/${g.id}/children`)).json.items;
    b3 = b3 || bs.find((b) => b.name === '3栋');
  }
  const p = await staff.get(`/places/${b3.id}/poster`);
  poster = decodeURIComponent(/\/register\?building=\d+&(?:amp;)?key=([0-9A-Za-z%_-]+)/.exec(p.text)[1]);
  const info = await staff.get(`/api/v1/registration?building=${b3.id}&key=${encodeURIComponent(poster)}`);
  units = Object.fromEntries(info.json.households.map((x) => [x.code, { id: x.id, area: Math.round(x.floor_area_m2 * 100) }]));
  assert.deepEqual(Object.keys(units).sort(), ['101', '102', '201', '202', '301', '302']);
  // 甲 buys three units; 乙 and 丙 co-own one; 丁 owns one; 302 is unsold,
  // and 戊 is registered for the developer
  await owner('甲', '13710000001', ['101', '102', '201']);
  await owner('乙', '13710000002', ['202']);
  await owner('丙', '13710000003', ['202']);
  await owner('丁', '13710000004', ['301']);
  await owner('戊', '13710000005', ['302']);
  const s = await staff.put(`/api/v1/places/${units['302'].id}/settings`, { developer_held: '1' });
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.developer_held, '1');
});

/* The electors as the law counts them, computed here without the server. */
const ELECTORS = () => ({
  甲: units['101'].area + units['102'].area + units['201'].area,
  乙丙: units['202'].area,
  丁: units['301'].area,
  developer: units['302'].area,
});
const of = (names) => names.reduce((s, n) => s + ELECTORS()[n], 0);
const passes = (count, base, [num, den], strict) => (strict ? count * den > num * base : count * den >= num * base);

async function runVote(preset, ballots) {
  const v = await staff.post('/api/v1/votes', {
    place_id: b3.id, title: `3栋业主表决 ${preset}`, method: 'yes_no_abstain', mode: 'online',
    rule: { preset }, closes_at: Math.floor(Date.now() / 1000) + h.clockOffset + 3 * DAY,
  });
  assert.equal(v.status, 201, v.text);
  for (const [name, option] of ballots) {
    const r = await who[name].client.put(`/api/v1/votes/${v.json.id}/ballot`, { options: [option] });
    assert.equal(r.status, 201, `${name}: ${r.text}`);
  }
  const closed = await staff.post(`/api/v1/votes/${v.json.id}/close`, {});
  assert.equal(closed.status, 200, closed.text);
  const exp = await staff.get(`/api/v1/votes/${v.json.id}/export`);
  assert.equal(exp.status, 200);
  return { vote: closed.json, doc: JSON.parse(exp.text) };
}

test('the electorate: four heads, the area of every unit, the developer\'s units as one', async () => {
  const v = await staff.post('/api/v1/votes', {
    place_id: b3.id, title: '3栋业主表决（电子名册）', method: 'yes_no_abstain', mode: 'online',
    rule: { preset: 'art278_ordinary' }, closes_at: Math.floor(Date.now() / 1000) + h.clockOffset + 3 * DAY,
  });
  assert.equal(v.status, 201, v.text);
  const all = Object.values(units).reduce((s, u) => s + u.area, 0);
  assert.deepEqual(v.json.electorate, { heads: 4, area_dm2: all, households: 6 });
  // co-owners: one ballot for the unit
  const b = await who.乙.client.put(`/api/v1/votes/${v.json.id}/ballot`, { options: [0] });
  assert.equal(b.status, 201, b.text);
  const c = await who.丙.client.put(`/api/v1/votes/${v.json.id}/ballot`, { options: [1] });
  assert.equal(c.status, 409);
  assert.equal(c.json.error.code, 'household_voted');
  // the owner of three units casts one ballot with the area of three
  assert.equal((await who.甲.client.put(`/api/v1/votes/${v.json.id}/ballot`, { options: [0] })).status, 201);
  assert.equal((await who.甲.client.put(`/api/v1/votes/${v.json.id}/ballot`, { options: [1] })).status, 409);
  assert.equal((await staff.post(`/api/v1/votes/${v.json.id}/cancel`, {})).status, 200);
});

test('2/3 quorum: the owner of three units is one head, so two of four electors are short', async () => {
  const { vote, doc } = await runVote('art278_ordinary', [['甲', 0], ['丁', 0]]);
  // by area 甲 and 丁 may hold 2/3; by heads they are 2 of 4, under 2/3
  const area = of(['甲', '乙丙', '丁', 'developer']);
  assert.equal(vote.result.quorum.met, false, JSON.stringify(vote.result.quorum));
  assert.equal(vote.passed, false);
  assert.equal(doc.present.heads, 2);
  assert.equal(doc.present.area_dm2, of(['甲', '丁']));
  assert.equal(doc.electorate.area_dm2, area);
  assert.equal(vote.result.quorum.main.heads.met, false);
  assert.deepEqual([vote.result.quorum.main.heads.count, vote.result.quorum.main.heads.base], [2, 4]);
  assert.equal(vote.result.quorum.main.area.met, passes(of(['甲', '丁']), area, [2, 3], false));
});

// ordinary: 丁 says no, the rest yes; major: the owner of three units says
// no, the rest yes: three of four heads agree (3/4), but not 3/4 of the area
// (with 甲 counted for one unit only, they would)
for (const [preset, frac, strict, no, outcome] of [['art278_ordinary', [1, 2], true, '丁', true],
  ['art278_major', [3, 4], false, '甲', false]]) {
  test(`${preset}: every elector takes part; the result matches an independent count and \`wugong tally\``, async () => {
    const ballots = [['甲', 0], ['乙', 0], ['丁', 0], ['戊', 0]].map(([n]) => [n, n === no ? 1 : 0]);
    const { vote, doc } = await runVote(preset, ballots);
    const area = of(['甲', '乙丙', '丁', 'developer']);
    const yesArea = area - ELECTORS()[no];
    // quorum: all four heads and all the area take part
    assert.deepEqual([doc.present.heads, doc.present.area_dm2, doc.present.households], [4, area, 6]);
    const expected = passes(3, 4, frac, strict) && passes(yesArea, area, frac, strict);
    assert.equal(vote.passed, expected, JSON.stringify(vote.result));
    assert.equal(expected, outcome, 'the demo areas give the outcome this test is about');
    // the published electors: anonymous keys, one head each, the areas of the law
    assert.equal(doc.electorate.electors.length, 4);
    assert.deepEqual(doc.electorate.electors.map((e) => e.area_dm2).sort((a, b) => a - b),
      Object.values(ELECTORS()).sort((a, b) => a - b));
    assert.ok(doc.electorate.electors.every((e) => e.heads === 1 && /^[0-9a-f]{16}$/.test(e.key)));
    assert.equal(doc.present.electors.length, 4);
    const byKey = Object.fromEntries(doc.electorate.electors.map((e) => [e.key, e.area_dm2]));
    for (const b of doc.ballots.list) assert.equal(byKey[b.elector], b.area_dm2 ?? 0, 'a ballot weighs its elector\'s area');
    assert.ok(!JSON.stringify(doc).includes('甲'), 'no names');
    // the recount
    const r = tallyCli(doc);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).passed, vote.passed);
  });
}

test('`wugong tally` regroups: an elector whose area or presence does not add up is refused', async () => {
  const { doc } = await runVote('art278_ordinary', [['甲', 0], ['乙', 0], ['丁', 1]]);
  const bad1 = structuredClone(doc);
  bad1.electorate.electors[0].area_dm2 += 100;
  let r = tallyCli(bad1);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /electorate\.area_dm2: \d+ stated, the electors listed add up to \d+/);
  const bad2 = structuredClone(doc);
  bad2.present.electors.pop();
  r = tallyCli(bad2);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /present\.heads: 3 stated, the electors listed add up to 2/);
  const bad3 = structuredClone(doc);
  const other = bad3.electorate.electors.find((e) => !bad3.present.electors.includes(e.key));
  bad3.ballots.list[0].elector = other.key;
  r = tallyCli(bad3);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ballots\.list\[0\]\.elector: "[0-9a-f]+" is not in present\.electors/);
  const bad4 = structuredClone(doc);
  bad4.ballots.list[1].elector = bad4.ballots.list[0].elector;
  r = tallyCli(bad4);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ballots\.list\[1\]\.elector: .*(cast two ballots|holds)/);
});

test('a claim of another household: signed in, the poster\'s key, once', async () => {
  const anon = h.client();
  await anon.csrf();
  assert.equal((await anon.post('/api/v1/claims', { building_id: b3.id, key: poster, household_id: units['302'].id, relation: 'owner' })).status, 401);
  const c = who.丁.client;
  const dup = await c.post('/api/v1/claims', { building_id: b3.id, key: poster, household_id: units['301'].id, relation: 'owner' });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error.code, 'claim_exists');
  const wrong = await c.post('/api/v1/claims', { building_id: b3.id, key: 'wrong', household_id: units['302'].id, relation: 'owner' });
  assert.equal(wrong.status, 404);
  const rel = await c.post('/api/v1/claims', { building_id: b3.id, key: poster, household_id: units['302'].id, relation: 'x' });
  assert.equal(rel.status, 422);
  assert.equal(rel.json.error.code, 'relation_invalid');
});
