// Read replicas (PostgreSQL only): a streaming replica made with
// pg_basebackup on a second socket, `wugong serve --db-replica`. Reads are
// offloaded to the replica; a client that just wrote reads from the primary
// until the replica has replayed past its write, so it always sees what it
// did, while a client that wrote nothing lately may still see the replica's
// older state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client, PHONES, STORE, ROOT, makeDemoDb, makeTempDir, startServer, stopAndCheck, sleep } from './helpers.mjs';

const PG = STORE === 'postgresql';
const pgsh = (...args) => execFileSync(path.join(ROOT, 'scripts', 'pg.sh'), args, { encoding: 'utf8' }).trim();
const REP_PORT = '55433';
let repDir, srv, dbName;

function onReplica(sql) {
  return pgsh('sql', repDir, REP_PORT, sql);
}

async function until(what, fn, ms = 15000) {
  const t0 = Date.now();
  for (;;) {
    if (await fn()) return;
    if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function replayed() {
  return BigInt(onReplica("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::bigint"));
}

async function readCounts(c) {
  const text = (await c.get('/metrics')).text;
  const val = (name) => Number((new RegExp(`^${name} (\\d+)$`, 'm').exec(text) || [0, 0])[1]);
  return { replica: val('wugong_db_replica_reads_total'), primary: val('wugong_db_primary_reads_total') };
}

before(async () => {
  if (!PG) return;
  const dir = makeTempDir();
  const primaryUrl = await makeDemoDb(dir);
  dbName = /^postgresql:\/\/\/([^?]+)/.exec(primaryUrl)[1];
  repDir = fs.mkdtempSync('/tmp/wugong-replica-');
  const repBase = pgsh('replica', process.env.WG_PG_DIR, process.env.WG_PG_PORT, repDir, REP_PORT);
  const repUrl = repBase.replace('/postgres?', `/${dbName}?`);
  await until('the replica to have the database',
    () => onReplica(`SELECT count(*) FROM pg_database WHERE datname = '${dbName}'`) === '1');
  srv = await startServer(primaryUrl, { extraArgs: ['--db-replica', repUrl] });
});

after(async () => {
  if (!PG) return;
  if (srv) await stopAndCheck(srv);
  try { pgsh('stop', repDir); } finally { fs.rmSync(repDir, { recursive: true, force: true }); }
});

test('reads are offloaded to the replica, and a writer reads its own writes', { skip: !PG && 'PostgreSQL only' }, async () => {
  const a = new Client(srv.url, 'writer');
  const b = new Client(srv.url, 'bystander');
  await a.signIn(PHONES.resident);
  await b.signIn(PHONES.tenant);
  // each sign-in wrote (session, audit): the answer carries the write's log position
  const floorB = BigInt(b.jar.get('wg_wal'));
  assert.ok(floorB > 0n, 'the sign-in answer sets wg_wal');
  await until('the replica to replay both sign-ins', () => replayed() >= BigInt(a.jar.get('wg_wal')) && replayed() >= floorB);

  // offloaded reads
  const c0 = await readCounts(b);
  for (let i = 0; i < 10; i++) assert.equal((await b.get('/api/v1/matters')).status, 200);
  const c1 = await readCounts(b);
  assert.ok(c1.replica - c0.replica >= 10, `replica reads went up by ${c1.replica - c0.replica}`);

  // the replica stops replaying: from now on it lags
  onReplica('SELECT pg_wal_replay_pause()');
  try {
    const me = await a.get('/api/v1/me');
    const building = me.json.places.find((p) => p.role === 'resident').line.find((x) => x.kind === 'building').id;
    const m = await a.post('/api/v1/matters', { place_id: building, category: 'other', title: '读己之写', body: '' });
    assert.equal(m.status, 201, m.text);
    assert.equal(m.json.title, '读己之写', 'the answer to the write reads it back');
    assert.ok(BigInt(a.jar.get('wg_wal')) > replayed(), 'the write is past what the replica replayed');
    // the writer sees it at once, in the matter and in the list (served by the primary)
    const p0 = await readCounts(a);
    assert.equal((await a.get(`/api/v1/matters/${m.json.id}`)).status, 200);
    const list = await a.get('/api/v1/matters?limit=100');
    assert.ok(list.json.items.some((x) => x.id === m.json.id), 'in the writer\'s list');
    const p1 = await readCounts(a);
    assert.ok(p1.primary > p0.primary, 'those reads went to the primary');
    // the bystander is served by the lagging replica: not there yet
    assert.equal((await b.get(`/api/v1/matters/${m.json.id}`)).status, 404);
  } finally {
    onReplica('SELECT pg_wal_replay_resume()');
  }
  // once replayed, everyone sees it
  const id = (await a.get('/api/v1/matters?limit=1')).json.items[0].id;
  await until('the bystander to see the new matter', async () => (await b.get(`/api/v1/matters/${id}`)).status === 200);
});
