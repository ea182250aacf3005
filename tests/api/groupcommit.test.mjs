// Many writes at once (group commit on SQLite: many requests' transactions
// share one fsync; PostgreSQL commits on its own): 200 concurrent writers of
// different kinds, some of which fail their own rule (a second ballot, an
// invalid matter, a lost race for the same ballot), while the rest commit.
// Each failure is its own, with its own error, and leaves nothing behind;
// every acknowledged write is there, whole, and readable at once.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
let L, building;

const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;

before(async () => {
  await h.ready;
  for (const k of ['resident', 'leader', 'tenant', 'leader2', 'staff']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  const me = (await c.staff.get('/api/v1/me')).json;
  L = me.community_id;
  building = (await c.resident.get('/api/v1/me')).json.places[0].line.find((p) => p.kind === 'building').id;
});

test('200 concurrent writers: the failing ones fail alone, the rest all commit', async () => {
  const v = await c.staff.post('/api/v1/votes', {
    place_id: L, title: '并发写入：绿化改造', method: 'yes_no_abstain', mode: 'online',
    rule: { preset: 'simple_majority' }, closes_at: now() + 86400,
  });
  assert.equal(v.status, 201, v.text);
  const voters = ['resident', 'leader', 'tenant', 'leader2'];
  const jobs = [];
  // 100 matters that are fine, from two people
  for (let i = 0; i < 100; i++) {
    const who = i % 2 ? 'resident' : 'tenant';
    jobs.push({ kind: 'matter', i, run: () => c[who].post('/api/v1/matters',
      { place_id: who === 'resident' ? building : L, category: 'environment', title: `并发事项 ${i}`, body: `正文 ${i}` }) });
  }
  // 40 matters that break a rule of their own (no title): 422, nothing written
  for (let i = 0; i < 40; i++)
    jobs.push({ kind: 'bad', i, run: () => c.resident.post('/api/v1/matters',
      { place_id: building, category: 'environment', title: '', body: `无标题 ${i}` }) });
  // 4 voters x 15 identical ballots: one each commits, the others lose (409)
  for (const who of voters)
    for (let i = 0; i < 15; i++)
      jobs.push({ kind: 'ballot', who, run: () => c[who].put(`/api/v1/votes/${v.json.id}/ballot`, { options: [voters.indexOf(who) % 2] }) });
  assert.equal(jobs.length, 200);
  // shuffle, so that good and failing writes share the same moments
  for (let i = jobs.length - 1; i > 0; i--) {
    const j = (i * 7919 + 13) % (i + 1);
    [jobs[i], jobs[j]] = [jobs[j], jobs[i]];
  }
  const res = await Promise.all(jobs.map(async (j) => ({ ...j, r: await j.run() })));

  const made = new Map();
  for (const { kind, i, r } of res) {
    if (kind === 'matter') {
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.title, `并发事项 ${i}`);
      made.set(i, r.json.id);
    } else if (kind === 'bad') {
      assert.equal(r.status, 422, r.text);
      assert.ok(r.json.error.code, r.text);
    }
  }
  for (const who of voters) {
    const mine = res.filter((x) => x.kind === 'ballot' && x.who === who).map((x) => x.r);
    assert.deepEqual(mine.map((r) => r.status).sort(), [201, ...Array(14).fill(409)], who);
    for (const r of mine.filter((x) => x.status === 409)) assert.equal(r.json.error.code, 'already_voted');
  }
  // every acknowledged matter is there, whole, and readable right away
  assert.equal(new Set(made.values()).size, 100);
  for (const [i, mid] of made) {
    const g = await c.staff.get(`/api/v1/matters/${mid}`);
    assert.equal(g.status, 200, g.text);
    assert.equal(g.json.title, `并发事项 ${i}`);
    assert.equal(g.json.body, `正文 ${i}`);
  }
  // the refused ones left nothing
  const list = (await c.staff.get('/api/v1/matters?limit=100&q=' + encodeURIComponent('无标题'))).json;
  assert.equal(list.items.filter((m) => (m.body || '').startsWith('无标题')).length, 0);
  // one ballot per voter
  const closed = await c.staff.post(`/api/v1/votes/${v.json.id}/close`);
  assert.equal(closed.status, 200, closed.text);
  assert.equal(closed.json.result.present.heads, 4);
  assert.equal(closed.json.result.options[0].heads + closed.json.result.options[1].heads, 4);
});

test('a client that goes away while its write waits does not disturb the others', async () => {
  // 30 requests whose connection closes right after sending: their writes
  // may or may not land, but the server keeps answering everybody else
  const port = Number(new URL(h.url).port);
  const body = (i) => JSON.stringify({ place_id: L, category: 'other', title: `中途离开 ${i}`, body: '' });
  const gone = Array.from({ length: 30 }, (_, i) => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      const b = Buffer.from(body(i));
      s.write(`POST /api/v1/matters HTTP/1.1\r\nhost: x\r\ncookie: ${c.tenant.cookieHeader()}\r\n` +
        `x-csrf-token: ${c.tenant.csrfToken}\r\ncontent-type: application/json\r\ncontent-length: ${b.length}\r\n\r\n`);
      s.end(b, () => { s.destroy(); resolve(); });
    });
    s.on('error', resolve);
  }));
  const kept = Array.from({ length: 30 }, (_, i) =>
    c.resident.post('/api/v1/matters', { place_id: building, category: 'other', title: `留下 ${i}`, body: '' }));
  await Promise.all(gone);
  const res = await Promise.all(kept);
  for (const r of res) assert.equal(r.status, 201, r.text);
  for (const r of res) assert.equal((await c.resident.get(`/api/v1/matters/${r.json.id}`)).json.title, r.json.title);
  // whatever of the abandoned ones landed is whole
  const list = (await c.staff.get('/api/v1/matters?limit=100&q=' + encodeURIComponent('中途离开'))).json;
  for (const m of list.items) assert.match(m.title, /^中途离开 \d+$/);
  assert.equal((await c.staff.get('/healthz')).status, 200);
});
