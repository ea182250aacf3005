// Votes (表决): an art. 278 vote of the owners of 龙湖社区 by heads and floor
// area, cast and changed online within a window moved with the test clock;
// secret ballots with receipts; ranked ballots; a show of hands confirmed by a
// second staff member; the published data recounted by `wugong tally`; 50
// identical ballots at once count once; bad input everywhere writes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useServer, Client, PHONES, BIN, sanitizerEnv, sanitizerReport } from './helpers.mjs';

const h = useServer();
const c = {};
const id = {};
let L, F, building1;

const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;
const HOUR = 3600, DAY = 86400;

async function staffAgain() {
  // staff sessions end after 30 idle minutes: sign in again after moving the clock
  for (const k of ['staff', 'staff2', 'grid', 'fStaff']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
}

function tallyCli(text) {
  const file = path.join(h.tempDir(), 'vote.json');
  fs.writeFileSync(file, text);
  const r = spawnSync(BIN, ['tally', file], { env: sanitizerEnv(), encoding: 'utf8' });
  assert.equal(sanitizerReport(r.stderr), null, r.stderr);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function create(who, body, status = 201) {
  const r = await c[who].post('/api/v1/votes', body);
  assert.equal(r.status, status, r.text);
  return r.json;
}

async function vote(who, vid) {
  const r = await c[who].get(`/api/v1/votes/${vid}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

before(async () => {
  await h.ready;
  for (const k of ['resident', 'leader', 'tenant', 'leader2', 'staff', 'staff2', 'grid', 'fStaff', 'fResident']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
    id[k] = c[k].me?.id ?? (await c[k].get('/api/v1/me')).json.id;
  }
  c.leader5 = new Client(h.url, 'leader5');
  await c.leader5.signIn('13800001205');
  id.leader5 = (await c.leader5.get('/api/v1/me')).json.id;
  c.leader6 = new Client(h.url, 'leader6');
  await c.leader6.signIn('13800001206');
  L = (await c.staff.get('/api/v1/me')).json.community_id;
  F = (await c.fStaff.get('/api/v1/me')).json.community_id;
  const me = (await c.resident.get('/api/v1/me')).json;
  const household = me.roles.find((r) => r.role === 'resident').place;
  building1 = (await c.staff.get(`/api/v1/places/${household.id}`)).json.ancestors.at(-1);
  assert.equal(building1.name, '1栋');
});

test('art. 278 by heads and area: window, casting, changing, one ballot per household, the result explained', async () => {
  const t0 = now();
  const v = await create('staff', {
    place_id: L, title: '东院停车收费调整', method: 'yes_no_abstain', mode: 'online', rule: { preset: 'art278_ordinary' },
    secret: false, allow_change: true, opens_at: t0 + HOUR, closes_at: t0 + 3 * DAY,
  });
  // owners of 龙湖 with an approved claim: 1栋101 (two co-owners), 2栋101, 5栋101, 6栋101; 周磊 rents
  // floor areas (demo.c): 107.75 + 84.00 + 69.75 + 103.00 m²
  assert.deepEqual(v.electorate, { heads: 4, area_dm2: 36450, households: 4 });
  assert.equal(v.state, 'scheduled');
  assert.equal(v.rule.code, 'art278_ordinary');
  assert.equal(v.rule.voters, 'owners_by_area');
  assert.equal(v.rule_text['zh-Hans'],
    '参与表决的业主所持专有面积占比 ≥ 2/3 且人数占比 ≥ 2/3；同意面积占参与面积 > 1/2 且同意人数占参与人数 > 1/2');
  assert.match(v.rule_text['zh-Hant'], /參與表決的業主所持專有面積/);
  assert.match(v.rule_text.en, /participating owners hold ≥ 2\/3 of the floor area/);
  assert.deepEqual(v.options.map((o) => o.label), ['yes', 'no']);

  // before the window: 409; the export is not published yet
  let r = await c.resident.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] });
  assert.deepEqual([r.status, r.json.error.code], [409, 'vote_not_open']);
  r = await c.resident.get(`/api/v1/votes/${v.id}/export`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'vote_not_closed']);

  await h.setClock(h.clockOffset + HOUR + 5);
  await staffAgain();
  r = await c.resident.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.receipt, null, 'open votes give no receipt');
  // 孙德明 co-owns 1栋101: the household has voted
  r = await c.leader.put(`/api/v1/votes/${v.id}/ballot`, { options: [1] });
  assert.deepEqual([r.status, r.json.error.code], [409, 'household_voted']);
  // the tenant and the staff are not electors of an owners' vote
  r = await c.tenant.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] });
  assert.deepEqual([r.status, r.json.error.code], [403, 'forbidden']);
  r = await c.staff.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] });
  assert.deepEqual([r.status, r.json.error.code], [403, 'forbidden']);
  r = await c.leader2.put(`/api/v1/votes/${v.id}/ballot`, { options: [1] });
  assert.equal(r.status, 201);
  r = await c.leader5.put(`/api/v1/votes/${v.id}/ballot`, { options: [1] });
  assert.equal(r.status, 201);
  // changed until the window closes
  r = await c.leader5.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] });
  assert.deepEqual([r.status, r.json.changed], [200, true]);
  let mine = await vote('leader5', v.id);
  assert.deepEqual(mine.me, { is_elector: true, voted: true, household_voted: false, may_vote: false, may_change: true, ballot: [0] });
  // the other community cannot see it at all
  assert.equal((await c.fResident.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] })).status, 404);
  assert.equal((await c.fStaff.get(`/api/v1/votes/${v.id}`)).status, 404);
  assert.equal((await c.fStaff.post(`/api/v1/votes/${v.id}/close`)).status, 404);

  // the window ends: the job runner closes the vote and counts it
  await h.setClock(h.clockOffset + 3 * DAY);
  r = await c.leader6.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] });
  assert.deepEqual([r.status, r.json.error.code], [409, 'vote_closed']);
  const reads = await Promise.all(Array.from({ length: 8 }, () => c.resident.get(`/api/v1/votes/${v.id}`)));
  for (const x of reads) assert.deepEqual(x.json.result, reads[0].json.result, 'closing is idempotent');
  const done = reads[0].json;
  assert.equal(done.status, 'closed');
  const res = done.result;
  assert.deepEqual(res.electorate, { heads: 4, area_dm2: 36450, households: 4 });
  // present: 1栋101 (10775), 2栋101 (8400), 5栋101 (6975)
  assert.deepEqual(res.present, { heads: 3, area_dm2: 26150, households: 3 });
  assert.deepEqual(res.participation.heads, { num: 3, den: 4, percent: '75.00' });
  assert.deepEqual(res.participation.area, { num: 26150, den: 36450, percent: '71.74' });
  assert.equal(res.quorum.met, true);
  assert.deepEqual(res.quorum.main.area, { count: 26150, base: 36450, met: true });
  assert.deepEqual(res.quorum.main.heads, { count: 3, base: 4, met: true });
  // yes: 1栋101 and 5栋101 (17750 dm²) of 3 households and 26150 dm²
  assert.deepEqual(res.approval.heads, { count: 2, base: 3, met: true });
  assert.deepEqual(res.approval.area, { count: 17750, base: 26150, met: true });
  assert.equal(res.passed, true);
  assert.equal(res.outcome, 'passed');
  assert.equal(done.passed, true);

  // the published data, recounted by the command line, gives the same result
  r = await c.resident.get(`/api/v1/votes/${v.id}/export`);
  assert.equal(r.status, 200, r.text);
  const doc = JSON.parse(r.text);
  assert.equal(doc.format, 'wugong-tally/1');
  assert.deepEqual(doc.vote.rule, { preset: 'art278_ordinary' });
  assert.equal(doc.ballots.list.length, 3);
  assert.ok(doc.ballots.list.every((b) => !('person_id' in b) && !('receipt' in b)));
  assert.deepEqual(tallyCli(r.text), res);
  await staffAgain();
});

test('quorum not met: the result says which threshold failed', async () => {
  const t0 = now();
  const v = await create('staff', {
    place_id: L, title: '维修资金使用', method: 'yes_no_abstain', mode: 'online', rule: { preset: 'art278_major' },
    closes_at: t0 + DAY,
  });
  assert.equal(v.state, 'open');
  assert.equal((await c.resident.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] })).status, 201);
  assert.equal((await c.leader6.put(`/api/v1/votes/${v.id}/ballot`, { options: [] })).status, 201);
  await h.setClock(h.clockOffset + DAY);
  const done = await vote('resident', v.id);
  const res = done.result;
  // 1栋101 and 6栋101: 2 of 4 owners, 21075 of 36450 dm²: both below 2/3
  assert.deepEqual(res.quorum.main.heads, { count: 2, base: 4, met: false });
  assert.deepEqual(res.quorum.main.area, { count: 21075, base: 36450, met: false });
  assert.deepEqual(res.abstain, { heads: 1, area_dm2: 10300 });
  assert.deepEqual([res.passed, res.outcome], [false, 'quorum_not_met']);
  const exp = await c.resident.get(`/api/v1/votes/${v.id}/export`);
  assert.deepEqual(tallyCli(exp.text), res);
  await staffAgain();
});

test('secret ballots: no voter on the ballot, a receipt to change it and to find it in the published list', async () => {
  const v = await create('staff', {
    place_id: L, title: '游乐区设计方案', method: 'single_choice', mode: 'online', options: ['滑梯', '沙坑', '秋千'],
    rule: { preset: 'simple_majority' }, secret: true, allow_change: true, closes_at: now() + DAY,
  });
  // residents of 龙湖: every approved household member
  assert.deepEqual(v.electorate, { heads: 6, area_dm2: 0, households: 5 });
  let r = await c.resident.put(`/api/v1/votes/${v.id}/ballot`, { options: [1] });
  assert.equal(r.status, 201, r.text);
  const r1 = r.json.receipt;
  assert.match(r1, /^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
  const mine = await vote('resident', v.id);
  assert.equal(mine.me.voted, true);
  assert.equal(mine.me.ballot, undefined, 'a secret ballot is not shown back');
  r = await c.resident.put(`/api/v1/votes/${v.id}/ballot`, { options: [2] });
  assert.deepEqual([r.status, r.json.error.code], [409, 'receipt_required']);
  r = await c.resident.put(`/api/v1/votes/${v.id}/ballot`, { options: [2], receipt: '0000-0000-0000-0000' });
  assert.deepEqual([r.status, r.json.error.code], [422, 'receipt_invalid']);
  r = await c.resident.put(`/api/v1/votes/${v.id}/ballot`, { options: [0], receipt: r1 });
  assert.deepEqual([r.status, r.json.changed], [200, true]);
  r = await c.tenant.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] });
  const r2 = r.json.receipt;
  r = await c.leader.put(`/api/v1/votes/${v.id}/ballot`, { options: [2] });
  assert.equal(r.status, 201);
  // receipts are checked only once the list is published
  r = await c.tenant.get(`/api/v1/votes/${v.id}/receipts/${r2}`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'vote_not_closed']);
  // staff close early
  r = await c.staff.post(`/api/v1/votes/${v.id}/close`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'closed');
  assert.equal(r.json.result.winner, 0);
  assert.deepEqual(r.json.result.options.map((o) => o.heads), [2, 0, 1]);
  const exp = await c.tenant.get(`/api/v1/votes/${v.id}/export`);
  const doc = JSON.parse(exp.text);
  assert.equal(doc.vote.counting, 'secret_ballot');
  const receipts = doc.ballots.list.map((b) => b.receipt);
  assert.deepEqual(receipts, [...receipts].sort(), 'listed by receipt, not by time');
  assert.ok(receipts.includes(r1) && receipts.includes(r2));
  for (const b of doc.ballots.list) assert.deepEqual(Object.keys(b).sort(), ['options', 'receipt']);
  assert.deepEqual(tallyCli(exp.text), r.json.result);
  r = await c.tenant.get(`/api/v1/votes/${v.id}/receipts/${r2}`);
  assert.deepEqual([r.status, r.json.found], [200, true]);
  r = await c.tenant.get(`/api/v1/votes/${v.id}/receipts/ffff-0000-ffff-0000`);
  assert.deepEqual([r.status, r.json.found], [200, false]);
  r = await c.staff.post(`/api/v1/votes/${v.id}/close`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'vote_closed']);
  r = await c.staff.post(`/api/v1/votes/${v.id}/cancel`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'vote_closed']);
});

test('ranked ballots: Schulze with partial rankings and abstentions; the pairwise table is published', async () => {
  const v = await create('staff', {
    place_id: L, title: '楼道灯方案排序', method: 'ranked', mode: 'online', options: ['暖光LED', '感应灯', '太阳能'],
    rule: { preset: 'simple_majority' }, closes_at: now() + DAY,
  });
  const cast = async (who, options, status = 201) => {
    const r = await c[who].put(`/api/v1/votes/${v.id}/ballot`, { options });
    assert.equal(r.status, status, r.text);
    return r;
  };
  await cast('resident', [2, 0, 1]);
  await cast('leader', [0, 2]);
  await cast('tenant', [1, 2, 0]);
  await cast('leader2', []);
  let r = await c.leader5.put(`/api/v1/votes/${v.id}/ballot`, { options: [1, 1] });
  assert.deepEqual([r.status, r.json.error.code], [422, 'choice_invalid']);
  r = await c.leader5.put(`/api/v1/votes/${v.id}/ballot`, { options: [3] });
  assert.deepEqual([r.status, r.json.error.code], [422, 'choice_invalid']);
  r = await c.staff.post(`/api/v1/votes/${v.id}/close`);
  const res = r.json.result;
  assert.equal(res.vote.method, 'ranked');
  assert.deepEqual(res.schulze.d, [[0, 2, 1], [1, 0, 1], [2, 2, 0]]);
  assert.equal(res.winner, 2);
  assert.deepEqual(res.abstain, { heads: 1, area_dm2: 0 });
  assert.match(r.json.rule_text['zh-Hans'], /^按 Schulze 方法确定胜出选项；/);
  const exp = await c.resident.get(`/api/v1/votes/${v.id}/export`);
  assert.equal(JSON.parse(exp.text).ballots.rankings.length, 3);
  assert.deepEqual(tallyCli(exp.text), res);
});

for (const secret of [false, true]) {
  test(`50 identical ballots at once make one ballot (${secret ? 'secret' : 'open'} vote)`, async () => {
    const v = await create('staff', {
      place_id: L, title: `并发测试${secret ? '（无记名）' : ''}`, method: 'yes_no_abstain', mode: 'online',
      rule: { preset: 'simple_majority' }, secret, closes_at: now() + DAY,
    });
    const shots = await Promise.all(Array.from({ length: 50 }, () => c.tenant.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] })));
    const statuses = shots.map((s) => s.status).sort();
    assert.deepEqual(statuses, [201, ...Array(49).fill(409)], JSON.stringify(shots.filter((s) => s.status !== 409).map((s) => s.text)));
    for (const s of shots.filter((x) => x.status === 409)) assert.equal(s.json.error.code, 'already_voted');
    const r = await c.staff.post(`/api/v1/votes/${v.id}/close`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.result.present.heads, 1);
    assert.deepEqual(r.json.result.options[0].heads, 1);
    const doc = JSON.parse((await c.tenant.get(`/api/v1/votes/${v.id}/export`)).text);
    assert.equal(doc.ballots.list.length, 1);
  });
}

test('a show of hands at a meeting counts only when a second staff member confirms it', async () => {
  const v = await create('staff', {
    place_id: L, title: '红凳子议事会：东院停车收费', method: 'yes_no_abstain', mode: 'meeting', rule: { preset: 'simple_majority' },
  });
  // not tied to a meeting of a council: the facilitator enters who was present
  // (story.test.mjs has a vote on an agenda item, with presence from the sign-in)
  assert.equal(v.meeting_id, null);
  assert.equal(v.agenda_item_id, null);
  // a meeting or agenda item that does not exist (or is of another community) is refused
  // each with its own message (not the council's "a text or a matter")
  for (const [body, code, field, msg] of [[{ meeting_id: 999999 }, 'meeting_invalid', 'meeting_id', /找不到本社区的这次会议/],
    [{ agenda_item_id: 999999 }, 'agenda_item_invalid', 'agenda_item_id', /找不到本社区已排期会议的这个议题/]]) {
    const bad = await c.staff.post('/api/v1/votes', { place_id: L, title: '无此会议', method: 'yes_no_abstain', mode: 'meeting',
      rule: { preset: 'simple_majority' }, ...body });
    assert.deepEqual([bad.status, bad.json.error.code, bad.json.error.field], [422, code, field]);
    assert.match(bad.json.error.message, msg);
  }
  // residents do not cast in a meeting vote; the facilitator records
  let r = await c.resident.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] });
  assert.deepEqual([r.status, r.json.error.code], [409, 'vote_at_meeting']);
  r = await c.resident.put(`/api/v1/votes/${v.id}/hands`, { counts: [], present: { heads: 1 } });
  assert.deepEqual([r.status, r.json.error.code], [403, 'forbidden']);
  // more present than the electorate: refused, nothing stored
  r = await c.staff.put(`/api/v1/votes/${v.id}/hands`, { counts: [{ option: 0, heads: 7 }], present: { heads: 7 } });
  assert.deepEqual([r.status, r.json.error.code], [422, 'counts_invalid']);
  r = await c.staff.put(`/api/v1/votes/${v.id}/hands`, { counts: [{ option: 0, heads: 2 }, { option: 0, heads: 1 }], present: { heads: 3 } });
  assert.deepEqual([r.status, r.json.error.code], [422, 'counts_invalid']);
  r = await c.staff.put(`/api/v1/votes/${v.id}/hands`, { counts: [{ option: 9, heads: 2 }], present: { heads: 3 } });
  assert.deepEqual([r.status, r.json.error.code], [422, 'counts_invalid']);
  r = await c.staff.put(`/api/v1/votes/${v.id}/hands`, 'not json');
  assert.equal(r.status, 400);
  assert.equal((await vote('staff', v.id)).hands, null);
  r = await c.staff.post(`/api/v1/votes/${v.id}/hands/confirm`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'nothing_to_confirm']);
  r = await c.staff.put(`/api/v1/votes/${v.id}/hands`, { counts: [{ option: 0, heads: 4 }, { option: 1, heads: 1 }], abstain: { heads: 1 }, present: { heads: 6 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.hands.confirmed_by, null);
  r = await c.staff.post(`/api/v1/votes/${v.id}/hands/confirm`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'same_person']);
  r = await c.staff.post(`/api/v1/votes/${v.id}/close`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'hands_unconfirmed']);
  r = await c.staff2.post(`/api/v1/votes/${v.id}/hands/confirm`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.hands.confirmed_by.id, id.staff2);
  r = await c.staff2.post(`/api/v1/votes/${v.id}/hands/confirm`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'already_confirmed']);
  r = await c.staff.post(`/api/v1/votes/${v.id}/close`);
  assert.equal(r.status, 200, r.text);
  const res = r.json.result;
  assert.equal(res.vote.counting, 'show_of_hands');
  assert.deepEqual(res.present, { heads: 6, area_dm2: 0, households: 0 });
  assert.deepEqual([res.approval.heads, res.passed], [{ count: 4, base: 5, met: true }, true]);
  const exp = await c.resident.get(`/api/v1/votes/${v.id}/export`);
  assert.deepEqual(tallyCli(exp.text), res);
  // everyone was told of the result
  const n = (await c.resident.get('/api/v1/notifications?limit=100')).json.items;
  assert.ok(n.some((x) => x.kind === 'vote_result' && x.link?.url === `/votes/${v.id}`));
});

test('per-person votes recorded at a meeting; the grid worker only within his grid', async () => {
  const v = await create('staff', {
    place_id: L, title: '议事会记名表决', method: 'approval', mode: 'meeting', options: ['方案甲', '方案乙', '方案丙'],
    rule: { preset: 'simple_majority' },
  });
  let r = await c.staff.post(`/api/v1/votes/${v.id}/records`, { person_id: id.tenant, options: [0, 2] });
  assert.equal(r.status, 201, r.text);
  r = await c.staff.post(`/api/v1/votes/${v.id}/records`, { person_id: id.tenant, options: [1] });
  assert.deepEqual([r.status, r.json.changed], [200, true]);
  r = await c.staff.post(`/api/v1/votes/${v.id}/records`, { person_id: id.staff, options: [1] });
  assert.deepEqual([r.status, r.json.error.code], [422, 'not_elector']);
  r = await c.staff.post(`/api/v1/votes/${v.id}/records`, { person_id: id.resident, options: [0, 1] });
  assert.equal(r.status, 201);
  r = await c.staff.post(`/api/v1/votes/${v.id}/records`, { person_id: id.resident, options: 'x' });
  assert.equal(r.status, 400);
  // the grid worker of grid 1 manages votes of his grid, not of the community
  r = await c.grid.post(`/api/v1/votes/${v.id}/records`, { person_id: id.leader, options: [1] });
  assert.deepEqual([r.status, r.json.error.code], [403, 'forbidden']);
  const gv = await create('grid', {
    place_id: building1.id, title: '1栋楼道堆物清理', method: 'yes_no_abstain', mode: 'meeting', rule: { preset: 'two_thirds' },
  });
  assert.deepEqual(gv.electorate.heads, 2);
  r = await c.grid.post(`/api/v1/votes/${gv.id}/records`, { person_id: id.leader, options: [0] });
  assert.equal(r.status, 201);
  r = await c.grid.post(`/api/v1/votes/${gv.id}/close`);
  assert.equal(r.status, 200);
  r = await c.staff.post(`/api/v1/votes/${v.id}/close`);
  const res = r.json.result;
  assert.deepEqual(res.options.map((o) => o.heads), [1, 2, 0]);
  assert.equal(res.winner, 1);
  assert.deepEqual(tallyCli((await c.resident.get(`/api/v1/votes/${v.id}/export`)).text), res);
});

test('notifications: opened now, closing 24 h before the end, result at the end; cancelling removes the pending ones', async () => {
  const t0 = now();
  const v = await create('staff', {
    place_id: L, title: '通知测试表决', method: 'yes_no_abstain', mode: 'online', rule: { preset: 'simple_majority' },
    closes_at: t0 + 3 * DAY,
  });
  const mine = async () => (await c.tenant.get('/api/v1/notifications?limit=100')).json.items.filter((x) => x.link?.url === `/votes/${v.id}`).map((x) => x.kind);
  assert.deepEqual(await mine(), ['vote_opened']);
  const w = await create('staff', {
    place_id: L, title: '提前结束的表决', method: 'yes_no_abstain', mode: 'online', rule: { preset: 'simple_majority' },
    closes_at: t0 + 3 * DAY,
  });
  assert.equal((await c.staff.post(`/api/v1/votes/${v.id}/cancel`)).status, 200);
  assert.equal((await c.staff.post(`/api/v1/votes/${w.id}/close`)).status, 200);
  await h.setClock(h.clockOffset + 3 * DAY + 10);
  assert.deepEqual(await mine(), ['vote_opened'], 'a cancelled vote sends no more');
  const wk = (await c.tenant.get('/api/v1/notifications?limit=100')).json.items.filter((x) => x.link?.url === `/votes/${w.id}`).map((x) => x.kind);
  assert.deepEqual(wk.sort(), ['vote_opened', 'vote_result'], 'closed early: the result at once, no closing reminder');
  const r = await c.tenant.get(`/api/v1/votes/${v.id}`);
  assert.equal(r.json.status, 'cancelled');
  assert.deepEqual([(await c.tenant.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] })).json.error.code], ['vote_cancelled']);
  await staffAgain();
  // a running vote reminds before it closes
  const t1 = now();
  const x = await create('staff', {
    place_id: L, title: '提醒测试', method: 'yes_no_abstain', mode: 'online', rule: { preset: 'simple_majority' },
    closes_at: t1 + 2 * DAY,
  });
  const kinds = async () => (await c.tenant.get('/api/v1/notifications?limit=100')).json.items.filter((n) => n.link?.url === `/votes/${x.id}`).map((n) => n.kind).sort();
  assert.deepEqual(await kinds(), ['vote_opened']);
  await h.setClock(h.clockOffset + DAY + 10);
  assert.deepEqual(await kinds(), ['vote_closing', 'vote_opened']);
  await h.setClock(h.clockOffset + DAY);
  assert.deepEqual(await kinds(), ['vote_closing', 'vote_opened', 'vote_result']);
  await staffAgain();
});

test('bad input on every endpoint: clear codes, nothing written', async () => {
  const before = (await c.staff.get('/api/v1/votes?limit=100')).json.total;
  const base = { place_id: L, title: '坏输入', method: 'yes_no_abstain', mode: 'online', rule: { preset: 'simple_majority' }, closes_at: now() + DAY };
  const bad = async (who, body, status, code) => {
    const r = await c[who].post('/api/v1/votes', body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.code, code, JSON.stringify(body));
  };
  await bad('staff', 'nope', 400, 'bad_body');
  await bad('staff', { ...base, title: 5 }, 400, 'bad_type');
  await bad('staff', { ...base, secret: 'yes' }, 400, 'bad_type');
  await bad('staff', { ...base, options: [1, 2] }, 400, 'bad_type');
  await bad('staff', { ...base, rule: 'simple_majority' }, 400, 'bad_type');
  await bad('staff', { ...base, title: ' ' }, 422, 'title_required');
  await bad('staff', { ...base, title: '长'.repeat(81) }, 422, 'title_invalid');
  await bad('staff', { ...base, method: 'borda' }, 422, 'method_invalid');
  await bad('staff', { ...base, mode: 'mail' }, 422, 'mode_invalid');
  await bad('staff', { ...base, options: ['a', 'b'] }, 422, 'options_fixed');
  await bad('staff', { ...base, method: 'single_choice', options: ['a'] }, 422, 'options_count');
  await bad('staff', { ...base, method: 'single_choice', options: Array.from({ length: 65 }, (_, i) => `o${i}`) }, 422, 'options_count');
  await bad('staff', { ...base, method: 'single_choice', options: ['a', 'a'] }, 422, 'option_duplicate');
  await bad('staff', { ...base, method: 'single_choice', options: ['a', ' '] }, 422, 'option_invalid');
  await bad('staff', { ...base, rule: { preset: 'majority' } }, 422, 'rule_invalid');
  await bad('staff', { ...base, rule: undefined }, 422, 'rule_invalid');
  await bad('staff', { ...base, rule: { voters: 'residents', approval: { basis: 'heads', fraction: [3, 2], strictness: 'at_least', base: 'voting' } } }, 422, 'rule_invalid');
  await bad('staff', { ...base, method: 'ranked', options: ['a', 'b'], rule: { preset: 'art278_ordinary' } }, 422, 'rule_invalid');
  await bad('staff', { ...base, closes_at: now() - 10 }, 422, 'window_invalid');
  await bad('staff', { ...base, opens_at: now() + DAY, closes_at: now() + HOUR }, 422, 'window_invalid');
  await bad('staff', { ...base, closes_at: now() + 100 * DAY }, 422, 'window_invalid');
  await bad('staff', { ...base, closes_at: undefined }, 422, 'window_invalid');
  await bad('staff', { ...base, mode: 'meeting', secret: true, closes_at: undefined }, 422, 'secret_online_only');
  await bad('staff', { ...base, matter_id: 999999 }, 422, 'matter_invalid');
  await bad('staff', { ...base, place_id: building1.id + 1 }, 422, 'place_invalid');
  await bad('staff', { ...base, place_id: F }, 404, 'not_found');
  await bad('resident', base, 403, 'forbidden');
  await bad('grid', base, 403, 'forbidden');
  // a custom rule is stored in full and published as such
  const custom = await create('staff', { ...base, title: '自定义规则', rule: { voters: 'one_per_household', quorum: { basis: 'heads', fraction: [1, 3], strictness: 'at_least' }, approval: { basis: 'heads', fraction: [3, 5], strictness: 'at_least', base: 'voting' } } });
  assert.equal(custom.rule.code, 'custom');
  assert.deepEqual(custom.electorate, { heads: 5, area_dm2: 0, households: 5 });
  assert.equal(custom.rule_text['zh-Hans'], '参与表决的户数占比 ≥ 1/3；同意人数占投票人数 ≥ 3/5');
  const after = (await c.staff.get('/api/v1/votes?limit=100')).json.total;
  assert.equal(after, before + 1, 'only the valid vote was created');
  // ballots
  const b = async (body, status, code) => {
    const r = await c.tenant.put(`/api/v1/votes/${custom.id}/ballot`, body);
    assert.deepEqual([r.status, r.json.error.code], [status, code], JSON.stringify(body));
  };
  await b('x', 400, 'bad_body');
  await b({}, 400, 'bad_type');
  await b({ options: 0 }, 400, 'bad_type');
  await b({ options: ['0'] }, 400, 'bad_type');
  await b({ options: [0, 1] }, 422, 'choice_invalid');
  await b({ options: [2] }, 422, 'choice_invalid');
  await b({ options: [0], receipt: 5 }, 400, 'bad_type');
  assert.equal((await vote('tenant', custom.id)).me.voted, false);
  assert.equal((await c.tenant.put('/api/v1/votes/999999/ballot', { options: [0] })).status, 404);
  assert.equal((await c.tenant.get('/api/v1/votes/abc')).status, 404);
  let r = await c.staff.post(`/api/v1/votes/${custom.id}/records`, { person_id: id.tenant, options: [0] });
  assert.deepEqual([r.status, r.json.error.code], [409, 'vote_online']);
  r = await c.staff.put(`/api/v1/votes/${custom.id}/hands`, { counts: [], present: { heads: 0 } });
  assert.deepEqual([r.status, r.json.error.code], [409, 'vote_online']);
  r = await c.staff.get(`/api/v1/votes/${custom.id}/receipts/${'x'.repeat(65)}`);
  assert.deepEqual([r.status, r.json.error.code], [422, 'receipt_invalid']);
  r = await c.staff.get('/api/v1/votes?matter_id=x');
  assert.equal(r.status, 400);
  r = await c.resident.post(`/api/v1/votes/${custom.id}/close`);
  assert.deepEqual([r.status, r.json.error.code], [403, 'forbidden']);
  r = await c.resident.post(`/api/v1/votes/${custom.id}/cancel`);
  assert.deepEqual([r.status, r.json.error.code], [403, 'forbidden']);
  r = await c.staff.post(`/api/v1/votes/${custom.id}/cancel`, undefined, { csrf: false });
  assert.equal(r.status, 403);
  assert.equal((await vote('staff', custom.id)).status, 'open');
});

test('representatives and party members: the flagged people of the place', async () => {
  const rep = await create('staff', { place_id: L, title: '代表会议表决', method: 'yes_no_abstain', mode: 'meeting', rule: { preset: 'representatives_meeting' } });
  // demo: 赵桂兰 and 吴秀英 are representatives in 龙湖 (许芳 lives in 凤凰苑)
  assert.deepEqual(rep.electorate, { heads: 2, area_dm2: 0, households: 2 });
  assert.equal((await vote('resident', rep.id)).me.is_elector, true);
  assert.equal((await vote('tenant', rep.id)).me.is_elector, false);
  const party = await create('staff', { place_id: L, title: '党员大会表决', method: 'yes_no_abstain', mode: 'meeting', rule: { preset: 'party_members_meeting' } });
  // party members living or working in 龙湖: 李红梅, 刘志强 (staff), 赵桂兰, 孙德明, 郑海涛
  assert.equal(party.electorate.heads, 5);
  assert.equal((await vote('staff', party.id)).me.is_elector, true);
  assert.match((await c.tenant.get(`/votes/${rep.id}`)).text, /id="not-elector"/);
});

test('votes of a matter are listed with it; the vote page works without JavaScript', async () => {
  const m = (await c.staff.get('/api/v1/matters?stage=deliberating')).json.items[0];
  const v = await create('staff', {
    place_id: L, matter_id: m.id, title: '事项表决', method: 'single_choice', mode: 'online', options: ['甲', '乙'],
    rule: { preset: 'simple_majority' }, closes_at: now() + DAY,
  });
  const list = (await c.resident.get(`/api/v1/votes?matter_id=${m.id}`)).json;
  assert.deepEqual(list.items.map((x) => x.id), [v.id]);
  assert.equal(list.items[0].matter.id, m.id);
  assert.match((await c.resident.get(`/matters/${m.id}`)).text, new RegExp(`href="/votes/${v.id}"`));
  let page = await c.resident.get(`/votes/${v.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /type="radio" name="option" value="1"/);
  let r = await c.resident.post(`/votes/${v.id}/ballot`, undefined, { form: { _csrf: c.resident.csrfToken, option: '1' } });
  assert.equal(r.status, 303, r.text);
  page = await c.resident.get(`/votes/${v.id}`);
  assert.match(page.text, /id="voted"/);
  // staff see the controls and close from the page
  page = await c.staff.get(`/votes/${v.id}`);
  assert.match(page.text, /action="\/votes\/\d+\/close"/);
  r = await c.staff.post(`/votes/${v.id}/close`, undefined, { form: { _csrf: c.staff.csrfToken } });
  assert.equal(r.status, 303);
  page = await c.resident.get(`/votes/${v.id}`);
  assert.match(page.text, /id="result"/);
  assert.match(page.text, /乙/);
  // the new-vote form with the presets, and creating from it
  page = await c.staff.get(`/votes/new?place=${L}&matter=${m.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /value="art278_ordinary"/);
  // a page of its own: titled, naming its matter, the places to choose from, the title offered
  assert.match(page.text, /<title>发起表决 · /);
  assert.match(page.text, new RegExp(`关于事项： <a href="/matters/${m.id}">`));
  assert.match(page.text, new RegExp(`<option value="${L}" selected>`));
  assert.doesNotMatch(page.text, /inputmode="numeric"[^>]*name="place_id"|name="place_id"[^>]*inputmode/);
  assert.match(page.text, /name="title" maxlength="80" value="是否同意「/);
  const bare = await c.staff.get(`/votes/new?matter=${m.id}`);
  assert.match(bare.text, /<select id="place_id" name="place_id" required><option value="\d+" selected>/, 'the matter\'s own place, chosen');
  const t = now();
  const fmt = (s) => new Date((s + 8 * 3600) * 1000).toISOString().slice(0, 16);
  r = await c.staff.post('/votes', undefined, { form: { _csrf: c.staff.csrfToken, place_id: String(L), matter_id: String(m.id), title: '页面创建的表决', method: 'ranked', mode: 'online', preset: 'simple_majority', options: '甲\n乙\n丙', opens_at: fmt(t), closes_at: fmt(t + DAY) } });
  assert.equal(r.status, 303, r.text);
  const loc = r.headers.get('location');
  assert.match(loc, /^\/votes\/\d+$/);
  page = await c.resident.get(loc);
  assert.match(page.text, /<select name="rank1"/);
  r = await c.resident.post(`${loc}/ballot`, undefined, { form: { _csrf: c.resident.csrfToken, rank1: '2', rank2: '0', rank3: '' } });
  assert.equal(r.status, 303, r.text);
  const got = await vote('resident', Number(loc.split('/').pop()));
  assert.deepEqual(got.me.ballot, [2, 0]);
  r = await c.staff.post('/votes', undefined, { form: { _csrf: c.staff.csrfToken, place_id: String(L), title: '', method: 'ranked', mode: 'online', preset: 'simple_majority', options: '甲\n乙', closes_at: fmt(t + DAY) } });
  assert.equal(r.status, 422);
});

test('review fixes: secret ballots unlinkable after the close, no window a year away, pending people list nothing', async () => {
  const { sql } = await import('../crash/checks.mjs');
  const { STORE } = await import('./helpers.mjs');
  await staffAgain();
  const t0 = now();
  const far = await c.staff.post('/api/v1/votes', { place_id: L, title: '远期', method: 'yes_no_abstain', mode: 'online',
    rule: { preset: 'simple_majority' }, opens_at: t0 + 400 * DAY, closes_at: t0 + 401 * DAY });
  assert.deepEqual([far.status, far.json.error.code], [422, 'window_invalid']);
  const huge = await c.staff.post('/api/v1/votes', { place_id: L, title: '溢出', method: 'yes_no_abstain', mode: 'online',
    rule: { preset: 'simple_majority' }, opens_at: 9223372036854775806, closes_at: 9223372036854775807 });
  assert.ok([400, 422].includes(huge.status), huge.text);
  const v = await create('staff', { place_id: L, title: '无记名复核', method: 'yes_no_abstain', mode: 'online',
    rule: { preset: 'simple_majority' }, secret: true, closes_at: t0 + HOUR });
  for (const k of ['resident', 'tenant']) assert.equal((await c[k].put(`/api/v1/votes/${v.id}/ballot`, { options: [0] })).status, 201);
  if (STORE === 'postgresql') {
    const linked = () => Number(sql(h.db, `SELECT count(*) FROM vote_participation p JOIN vote_ballot b ON b.xmin = p.xmin WHERE p.vote_id = ${v.id}`)[0][0]);
    assert.equal(linked(), 2, 'while the vote is open, a database superuser could link them (documented)');
    await h.advance(HOUR + 60);
    assert.equal((await vote('resident', v.id)).status, 'closed');
    assert.equal(linked(), 0, 'after the close no ballot shares a transaction id with a participation row');
  } else {
    await h.advance(HOUR + 60);
    assert.equal((await vote('resident', v.id)).status, 'closed');
  }
  assert.equal(Number(sql(h.db, `SELECT count(*) FROM vote_ballot WHERE vote_id = ${v.id} AND person_id IS NOT NULL`)[0][0]), 0);
  // registered from a poster, not yet approved: no votes of the community
  const pending = new Client(h.url, 'pending');
  await pending.signIn(PHONES.pending);
  const list = await pending.get('/api/v1/votes');
  assert.deepEqual([list.status, list.json.total], [200, 0]);
});

test('the votes page: the community\'s votes as the JSON lists them, newest first, how each stands, never a ballot; staff export it', async () => {
  for (const k of ['resident', 'staff', 'fResident']) { // signed in afresh: earlier tests moved the clock past idle sessions
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  const api = (await c.resident.get('/api/v1/votes?limit=20')).json;
  assert.ok(api.total > 0);
  const page = await c.resident.get('/votes');
  assert.equal(page.status, 200);
  const ids = [...page.text.matchAll(/<p><a href="\/votes\/(\d+)"><strong>/g)].map((m) => Number(m[1]));
  assert.deepEqual(ids, api.items.map((v) => v.id), 'the same votes in the same order as the API');
  const closed = api.items.find((v) => v.passed !== null);
  assert.ok(closed, 'a closed vote among them');
  assert.match(page.text, new RegExp(`href="/votes/${closed.id}"[\\s\\S]*?<strong>${closed.passed ? '通过' : '未通过'}</strong>`));
  const label = { scheduled: '未开始', open: '进行中', counting: '计票中', closed: '已结束', cancelled: '已取消' };
  const badges = [...page.text.matchAll(/<span class="badge">([^<]+)<\/span>/g)].map((m) => m[1]);
  assert.deepEqual(badges, api.items.map((v) => label[v.state]), 'each vote as it stands now');
  const ahead = await create('staff', { place_id: L, title: '下周的表决', method: 'yes_no_abstain', mode: 'online',
    rule: { preset: 'simple_majority' }, opens_at: now() + DAY, closes_at: now() + 3 * DAY });
  const listed = (await c.resident.get('/api/v1/votes?limit=1')).json.items[0];
  assert.deepEqual([listed.id, listed.status, listed.state], [ahead.id, 'open', 'scheduled'], 'not open before its window');
  assert.match((await c.resident.get('/votes')).text, new RegExp(`href="/votes/${ahead.id}"[\\s\\S]*?<span class="badge">未开始</span>`));
  assert.doesNotMatch(page.text, /receipt|ballot/i, 'no ballot or receipt');
  assert.doesNotMatch(page.text, /format=xlsx/, 'no export for a resident');
  assert.match((await c.staff.get('/votes')).text, /href="\/api\/v1\/votes\?format=xlsx"/, 'the staff\'s export');
  const theirs = await c.fResident.get('/votes');
  assert.equal(theirs.status, 200);
  for (const v of api.items) assert.ok(!theirs.text.includes(`href="/votes/${v.id}"`), 'another community\'s votes are not listed');
  assert.equal((await c.resident.get('/votes?page=x')).status, 400);
  assert.match((await c.resident.get('/')).text, /<a href="\/votes" id="votes-link">社区表决<\/a>/, 'linked from home');
});
