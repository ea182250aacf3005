// Work that runs on time (kernel/job.h): the end of a public notice tells the
// followers; a vote is reminded a day before its end, closes at its time and
// tells the result, although nobody reads it; with two servers on one
// database each of these happens once; due work survives a restart. The
// clock is the test clock (--clock-file); settle() waits until the job
// runner has run at the new time (GET /healthz).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServer, Client, PHONES, STORE, makeDemoDb, startServer, stopAndCheck, settle } from './helpers.mjs';

const h = useServer();
const DAY = 86400, HOUR = 3600;
let staff, resident, leader, L, b1;
const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;
const secs = (iso) => Date.parse(iso) / 1000;

async function notices(c, pred) {
  const r = await c.get('/api/v1/notifications?limit=100');
  assert.equal(r.status, 200, r.text);
  return r.json.items.filter(pred);
}
const aboutVote = (id, kind) => (n) => n.kind === kind && n.link && n.link.url === `/votes/${id}`;

async function signIn() {
  staff = new Client(h.url, 'staff');
  await staff.signIn(PHONES.staff);
  resident = new Client(h.url, 'resident');
  await resident.signIn(PHONES.resident);
  leader = new Client(h.url, 'leader');
  await leader.signIn(PHONES.leader);
}

async function newVote(body = {}) {
  const r = await staff.post('/api/v1/votes', {
    place_id: b1, title: '1栋楼道灯更换', method: 'yes_no_abstain', mode: 'online', rule: { preset: 'simple_majority' },
    closes_at: now() + 2 * DAY, ...body,
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

before(async () => {
  await h.ready;
  await signIn();
  L = (await staff.get('/api/v1/me')).json.community_id;
  const me = (await resident.get('/api/v1/me')).json;
  b1 = me.places.find((p) => p.role === 'resident').line.find((x) => x.kind === 'building').id;
});

test('the end of a public notice tells the followers, dated when it ended', async () => {
  const m = (await staff.get('/api/v1/matters?stage=notice')).json.items[0];
  assert.ok(m, 'the demo has a matter in its notice period');
  assert.equal((await resident.put(`/api/v1/matters/${m.id}/follow`, {})).status < 300, true);
  const until = secs(m.notice_until);
  await h.setClock(until - HOUR - Math.floor(Date.now() / 1000));
  await signIn();
  assert.deepEqual(await notices(resident, (n) => n.kind === 'notice_ended'), [], 'not before its end');
  await h.setClock(until + 60 - Math.floor(Date.now() / 1000));
  await signIn();
  const n = await notices(resident, (x) => x.kind === 'notice_ended' && x.matter && x.matter.id === m.id);
  assert.equal(n.length, 1);
  assert.equal(secs(n[0].created_at), until);
  assert.ok(['clear', 'objections_open'].includes(n[0].detail));
});

test('a vote reminds a day before its end, closes at its time unread, and tells the result once', async () => {
  const v = await newVote({ closes_at: now() + 2 * DAY });
  const closes = secs(v.closes_at);
  assert.equal((await resident.put(`/api/v1/votes/${v.id}/ballot`, { options: [0] })).status, 201);
  assert.equal((await notices(resident, aboutVote(v.id, 'vote_opened'))).length, 1, 'opened: at once');
  assert.equal((await notices(resident, aboutVote(v.id, 'vote_closing'))).length, 0);
  await h.advance(DAY + 60); // past "closing soon"
  await signIn();
  const soon = await notices(leader, aboutVote(v.id, 'vote_closing'));
  assert.equal(soon.length, 1);
  assert.equal(secs(soon[0].created_at), closes - DAY);
  assert.equal((await notices(leader, aboutVote(v.id, 'vote_result'))).length, 0);
  await h.advance(DAY); // past the end: nobody reads the vote
  await signIn();
  const res = await notices(leader, aboutVote(v.id, 'vote_result'));
  assert.equal(res.length, 1, 'the result is told without a read of the vote');
  assert.equal(secs(res[0].created_at), closes);
  const got = (await staff.get(`/api/v1/votes/${v.id}`)).json;
  assert.equal(got.status, 'closed');
  assert.equal(got.state, 'closed');
  assert.ok(secs(got.closed_at) >= closes && secs(got.closed_at) < closes + DAY + 60, got.closed_at);
  assert.equal(got.result.present.heads, 1);
  // reading it again writes nothing: the same closing time, one result each
  await h.advance(60);
  assert.equal((await staff.get(`/api/v1/votes/${v.id}`)).json.closed_at, got.closed_at);
  assert.equal((await notices(leader, aboutVote(v.id, 'vote_result'))).length, 1);
});

test('closing early and cancelling drop the work that was due later', async () => {
  const a = await newVote();
  const b = await newVote();
  assert.equal((await staff.post(`/api/v1/votes/${a.id}/close`, {})).status, 200);
  assert.equal((await staff.post(`/api/v1/votes/${b.id}/cancel`, {})).status, 200);
  assert.equal((await notices(leader, aboutVote(a.id, 'vote_result'))).length, 1, 'the result at once');
  await h.advance(3 * DAY);
  await signIn();
  for (const kind of ['vote_closing', 'vote_result'])
    assert.equal((await notices(leader, aboutVote(a.id, kind))).length, kind === 'vote_result' ? 1 : 0, kind);
  assert.deepEqual((await notices(leader, (n) => n.link && n.link.url === `/votes/${b.id}`)).map((n) => n.kind),
    ['vote_opened']);
});

test(`two servers on one ${STORE} database: each vote closes once, each elector is told once`, async () => {
  const b = await h.start(h.db, { extraArgs: ['--clock-file', h.clockFile] });
  const votes = [];
  for (let i = 0; i < 12; i++) votes.push(await newVote({ title: `同时到期 ${i}`, closes_at: now() + HOUR + i }));
  await h.advance(2 * HOUR);
  await settle(b.url, h.clockOffset);
  await signIn();
  const all = (await leader.get('/api/v1/notifications?limit=100')).json.items;
  for (const v of votes) {
    assert.equal(all.filter(aboutVote(v.id, 'vote_result')).length, 1, `vote ${v.id}`);
    const got = (await staff.get(`/api/v1/votes/${v.id}`)).json;
    assert.equal(got.status, 'closed');
  }
});

test('due work survives a restart: a vote that ended while the server was down closes when it starts', async () => {
  const dir = h.tempDir();
  const db = await makeDemoDb(dir);
  const clock = path.join(dir, 'clock');
  fs.writeFileSync(clock, '0');
  let srv = await startServer(db, { extraArgs: ['--clock-file', clock] });
  const st = new Client(srv.url, 'staff');
  await st.signIn(PHONES.staff);
  const r = await st.post('/api/v1/votes', {
    place_id: b1, title: '停机期间到期', method: 'yes_no_abstain', mode: 'online', rule: { preset: 'simple_majority' },
    closes_at: Math.floor(Date.now() / 1000) + HOUR,
  });
  assert.equal(r.status, 201, r.text);
  await stopAndCheck(srv);
  fs.writeFileSync(clock, String(2 * HOUR)); // the end passes while nobody runs
  srv = await startServer(db, { extraArgs: ['--clock-file', clock] });
  try {
    await settle(srv.url, 2 * HOUR);
    const ld = new Client(srv.url, 'leader');
    await ld.signIn(PHONES.leader);
    const n = (await ld.get('/api/v1/notifications?limit=100')).json.items.filter(aboutVote(r.json.id, 'vote_result'));
    assert.equal(n.length, 1);
    assert.equal(secs(n[0].created_at), secs(r.json.closes_at), 'dated when it was due');
  } finally {
    await stopAndCheck(srv);
  }
});
