// The co-planning story of 龙湖社区, end to end through the API, on the store
// under test: staff open a call for opinions on parking in the east
// courtyard; residents post opinions (one with a photo) and support each
// other's; staff merge a duplicate and turn the strongest into a matter. The
// grid's monthly council meets on the red benches: its agenda goes out a
// week before, residents sign in with the meeting's code, an owner who
// cannot come authorises another, the facilitator's show of hands on one
// item is confirmed by a second staff member (who was present comes from
// the sign-in), and the owners vote on their phones on the parking fee under
// the Civil Code art. 278 rule with floor areas. The result explains itself;
// the published data gives the same result in `wugong tally`; the decision
// is published for five days, an objection is answered, and the matter moves
// on to co-building.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useServer, Client, PHONES, BIN, sanitizerEnv } from './helpers.mjs';
import { png, jpegInfo } from './images.mjs';

const h = useServer();
const c = {};
const id = {};
const W = {};
const HOUR = 3600, DAY = 86400;
const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;

async function signInAll() {
  for (const k of ['staff', 'staff2', 'grid', 'resident', 'leader', 'tenant', 'leader2']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
    id[k] = c[k].me?.id ?? (await c[k].get('/api/v1/me')).json.id;
  }
}

function localDate(t) { // YYYY-MM-DD in Beijing time
  return new Date((t + 8 * HOUR) * 1000).toISOString().slice(0, 10);
}

async function ok(promise, status = 200) {
  const r = await promise;
  assert.equal(r.status, status, r.text);
  return r.json;
}

before(async () => {
  await h.ready;
  await signInAll();
  const me = (await c.resident.get('/api/v1/me')).json;
  const home = me.roles.find((r) => r.role === 'resident').place.id;
  W.grid = (await c.resident.get(`/api/v1/places/${home}`)).json.ancestors.find((a) => a.kind === 'grid').id;
});

test('a call for opinions: opinions with a photo, supports, a merged duplicate, the strongest becomes a matter', async () => {
  const call = await ok(c.staff.post('/api/v1/calls', { place_id: W.grid, title: '东院停车怎么办',
    body: '东院晚上车位不够，请大家提意见。', deadline: now() + 10 * DAY }), 201);
  const fd = new FormData();
  fd.append('body', '划定夜间临时车位，收费略降，鼓励错峰。');
  fd.append('photos', new Blob([png()], { type: 'image/png' }), '东院.png');
  const strong = await ok(c.resident.post(`/api/v1/calls/${call.id}/opinions`, undefined, { body: fd }), 201);
  assert.equal(strong.photos.length, 1);
  const photo = await c.tenant.get(`/photos/${strong.photos[0].id ?? strong.photos[0]}`);
  assert.equal(photo.status, 200);
  const info = jpegInfo(photo.buf);
  assert.deepEqual([info.width, info.height], [2, 2], 'the photo comes back as the picture it was, a clean JPEG');
  const dup = await ok(c.leader2.post(`/api/v1/calls/${call.id}/opinions`, { body: '晚上划临时车位' }), 201);
  await ok(c.tenant.put(`/api/v1/opinions/${strong.id}/support`));
  await ok(c.leader.put(`/api/v1/opinions/${dup.id}/support`));
  await ok(c.tenant.put(`/api/v1/opinions/${dup.id}/support`));
  await ok(c.staff.post(`/api/v1/opinions/${dup.id}/merge`, { into: strong.id }));
  const merged = await ok(c.staff.get(`/api/v1/opinions/${strong.id}`));
  // 周磊 (both), 孙德明 (the duplicate) and 吴秀英 (its author) now back the strong one
  assert.equal(merged.supports, 3, 'supports carry over, each person once');
  const adopted = await ok(c.staff.post(`/api/v1/opinions/${strong.id}/adopt`, { title: '东院停车收费调整' }), 201);
  W.matter = adopted.matter_id ?? adopted.matter?.id ?? adopted.id;
  const m = await ok(c.resident.get(`/api/v1/matters/${W.matter}`));
  assert.equal(m.place.id, W.grid);
  await ok(c.staff.post(`/api/v1/matters/${W.matter}/transitions`, { to: 'deliberating', reason: '提交网格议事会' }));
});

test('the grid\'s monthly council: the agenda goes out a week before; sign-in by code; a proxy', async () => {
  const startsOn = localDate(now() + 12 * DAY);
  const council = await ok(c.grid.post('/api/v1/councils', { place_id: W.grid, name: '东院红凳子议事会', kind: 'monthly',
    starts_on: startsOn, time: '19:00', location: '东院红凳子', notice_days: 7 }), 201);
  assert.equal(council.kind, 'monthly');
  const meeting = council.upcoming[0];
  W.meeting = meeting.id;
  W.start = Date.parse(meeting.start_at) / 1000;
  const item = await ok(c.grid.post(`/api/v1/meetings/${W.meeting}/agenda`, { matter_id: W.matter }), 201);
  const lights = await ok(c.grid.post(`/api/v1/meetings/${W.meeting}/agenda`, { title: '东院路灯加装两盏' }), 201);
  W.item = item.id;
  W.lights = lights.id;
  const url = `/meetings/${W.meeting}`;
  const notices = async () => (await ok(c.resident.get('/api/v1/notifications?limit=100'))).items
    .filter((n) => n.kind === 'meeting_notice' && n.link?.url === url);
  assert.equal((await notices()).length, 0, 'not before the notice period');
  await h.setClock(W.start - 7 * DAY + 60 - Math.floor(Date.now() / 1000));
  assert.equal((await notices()).length, 1, 'the notice arrives seven days before');

  // the evening of the meeting
  await h.setClock(W.start - 20 * 60 - Math.floor(Date.now() / 1000));
  await signInAll();
  const code = (await ok(c.grid.get(`/api/v1/meetings/${W.meeting}`))).signin_code;
  assert.match(code, /^[0-9a-f]{16,}$/);
  const page = await c.grid.get(`/meetings/${W.meeting}`);
  assert.match(page.text, /<svg/, 'the meeting page shows the QR code');
  await ok(c.resident.post(`/api/v1/meetings/${W.meeting}/signin`, { code }));
  await ok(c.leader.post(`/api/v1/meetings/${W.meeting}/signin`, { code }));
  await ok(c.grid.post(`/api/v1/meetings/${W.meeting}/attendance`, { person_id: id.tenant }));
  // 吴秀英 cannot come: she authorises 孙德明, who is present
  await ok(c.grid.post(`/api/v1/meetings/${W.meeting}/proxies`, { principal_id: id.leader2, holder_id: id.leader }), 201);
  const att = await ok(c.grid.get(`/api/v1/meetings/${W.meeting}/attendance`));
  assert.equal(att.presence.heads, 4, '赵桂兰, 孙德明, 周磊 in person and 吴秀英 by proxy');
});

test('a show of hands on the lights, confirmed by a second staff member; who was present comes from the sign-in', async () => {
  const v = await ok(c.grid.post('/api/v1/votes', { place_id: W.grid, title: '东院路灯加装两盏', method: 'yes_no_abstain',
    mode: 'meeting', rule: { preset: 'simple_majority' }, agenda_item_id: W.lights }), 201);
  assert.equal(v.meeting_id, W.meeting);
  // the item now carries a vote: it stays on the agenda
  const drop = await c.grid.del(`/api/v1/agenda/${W.lights}`);
  assert.deepEqual([drop.status, drop.json.error.code], [409, 'agenda_item_has_vote']);
  let r = await c.grid.put(`/api/v1/votes/${v.id}/hands`, { counts: [{ option: 0, heads: 3 }], present: { heads: 9 } });
  assert.equal(r.status, 422, 'with a meeting, who was present is not typed in');
  await ok(c.grid.put(`/api/v1/votes/${v.id}/hands`, { counts: [{ option: 0, heads: 3 }, { option: 1, heads: 1 }] }));
  r = await c.grid.post(`/api/v1/votes/${v.id}/hands/confirm`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'same_person']);
  // the second staff member sees the counts and confirms what she saw
  const seen = (await ok(c.staff.get(`/api/v1/votes/${v.id}`))).hands;
  assert.deepEqual(seen.counts.map((x) => x.heads), [3, 1]);
  // the facilitator corrects the counts meanwhile: her confirmation no longer fits
  await ok(c.grid.put(`/api/v1/votes/${v.id}/hands`, { counts: [{ option: 0, heads: 3 }, { option: 1, heads: 0 }], abstain: { heads: 1 } }));
  r = await c.staff.post(`/api/v1/votes/${v.id}/hands/confirm`, { version: seen.version });
  assert.deepEqual([r.status, r.json.error.code], [409, 'hands_changed']);
  const now2 = (await ok(c.staff.get(`/api/v1/votes/${v.id}`))).hands;
  assert.notEqual(now2.version, seen.version);
  // the page shows her the counts and its confirm form carries their version
  const page = (await c.staff.get(`/votes/${v.id}`)).text;
  assert.match(page, /<ul class="plain" id="hands-counts"><li>[^<]*3<\/li><li>[^<]*0<\/li><li>[^<]*1<\/li><\/ul>/);
  assert.match(page, new RegExp(`name="version" value="${now2.version}"`));
  await ok(c.staff.post(`/api/v1/votes/${v.id}/hands/confirm`, { version: now2.version }));
  await ok(c.grid.post(`/api/v1/votes/${v.id}/close`));
  const done = await ok(c.resident.get(`/api/v1/votes/${v.id}`));
  assert.equal(done.result.present.heads, 4, 'present: the meeting\'s sign-in and proxies');
  assert.deepEqual([done.result.passed, done.result.outcome], [true, 'passed']);
});

test('owners vote on their phones on the parking fee (art. 278 with floor areas); the result explains itself', async () => {
  const v = await ok(c.staff.post('/api/v1/votes', { place_id: W.grid, title: '东院停车收费调整', method: 'yes_no_abstain',
    mode: 'online', rule: { preset: 'art278_ordinary' }, agenda_item_id: W.item, closes_at: now() + 2 * HOUR }), 201);
  assert.equal(v.matter?.id, W.matter, 'the agenda item names the matter');
  assert.ok(v.electorate.area_dm2 > 0, 'owners are weighted by floor area');
  W.vote = v.id;
  const electors = v.electorate.heads;
  // the owners of the grid (1栋101, co-owned by 赵桂兰 and 孙德明, and 2栋101) vote yes
  const owners = ['resident', 'leader2', 'leader'];
  const cast = [];
  for (const k of owners) {
    const r = await c[k].put(`/api/v1/votes/${v.id}/ballot`, { options: [0] });
    if (r.status === 201) cast.push(k);
    else assert.ok(r.status === 409 || r.status === 403, r.text); // a co-owner's household already voted, or not an elector
  }
  assert.deepEqual(cast, ['resident', 'leader2'], '孙德明\'s household has voted through 赵桂兰');
  assert.equal(electors, 2);
  await h.advance(2 * HOUR + 60);
  await signInAll();
  const done = await ok(c.tenant.get(`/api/v1/votes/${v.id}`));
  const res = done.result;
  assert.ok(res, 'closed at the end of its window, by the job runner');
  for (const k of ['electorate', 'present', 'participation', 'quorum', 'approval', 'passed', 'outcome']) assert.ok(k in res, k);
  assert.deepEqual([res.participation.heads.num, res.participation.heads.den], [2, 2], 'participation by head');
  assert.equal(res.participation.area.den, v.electorate.area_dm2, 'and by area');
  assert.deepEqual([res.quorum.met, res.quorum.main.basis, res.quorum.main.fraction], [true, 'both', [2, 3]]);
  assert.deepEqual([res.approval.met, res.approval.heads.met, res.approval.area.met], [true, true, true]);
  assert.deepEqual([res.passed, res.outcome], [true, 'passed']);
  assert.match(done.rule_text['zh-Hans'], /专有面积/);
  W.passed = res.passed;
  const page = await c.tenant.get(`/votes/${v.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /专有面积/, 'the page gives the rule in plain words');

  // anyone of the community downloads the published data and recounts it
  const exp = await c.tenant.get(`/api/v1/votes/${v.id}/export`);
  assert.equal(exp.status, 200);
  const file = path.join(h.tempDir(), 'vote.json');
  fs.writeFileSync(file, exp.text);
  const cli = spawnSync(BIN, ['tally', file], { env: sanitizerEnv(), encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout), res, 'wugong tally gives the published result');
});

test('the decision is published for five days; an objection is answered; the matter moves on to co-building', async () => {
  assert.equal(W.passed, true, 'the parking fee change passed');
  await ok(c.staff.post(`/api/v1/matters/${W.matter}/transitions`, { to: 'notice', reason: '议事会表决通过，公示5天' }));
  const m = await ok(c.tenant.get(`/api/v1/matters/${W.matter}`));
  assert.equal(m.notice_days, 5);
  const o = await ok(c.tenant.post(`/api/v1/matters/${W.matter}/objections`, { body: '租户停车也按这个价吗？' }), 201);
  await ok(c.staff.post(`/api/v1/objections/${o.id}/answer`, { answer: '租户与业主同价。', upheld: false }));
  await h.advance(5 * DAY + HOUR);
  await signInAll();
  // days after the meeting its code no longer signs anyone in
  const code = (await ok(c.grid.get(`/api/v1/meetings/${W.meeting}`))).signin_code;
  const late = await c.tenant.post(`/api/v1/meetings/${W.meeting}/signin`, { code });
  assert.deepEqual([late.status, late.json.error.code], [409, 'signin_closed']);
  await ok(c.staff.post(`/api/v1/matters/${W.matter}/transitions`, { to: 'building' }));
  const after = await ok(c.resident.get(`/api/v1/matters/${W.matter}`));
  assert.equal(after.stage, 'building');
  assert.deepEqual(after.timeline.map((e) => e.to).slice(-3), ['deliberating', 'notice', 'building']);
});
