// Crash test: clients cast ballots, post opinions and matters and follow
// matters through the HTTP API, and log every write the server acknowledged;
// the server is killed with SIGKILL at a random moment and restarted, over
// and over. After every kill (tests/crash/checks.mjs):
//   - every write acknowledged since the last kill is in the database, whole;
//   - a write whose answer never came is whole or absent (never torn: a
//     matter without its creation event, a ballot without its participation,
//     a follow without its counter);
//   - a resident's ballot holds the choice of their last acknowledged cast or
//     of a later one left unanswered;
// and every FULL_EVERY kills and after the last one, every acknowledged write
// since the start is checked again, with PRAGMA integrity_check and
// foreign_key_check (SQLite) or amcheck's verify_heapam and bt_index_check
// (PostgreSQL).
//   node tests/crash/crash.mjs [CYCLES]        (default 20; `make crashtest` runs 1000)
// Env: WG_BIN (default build/wugong), WG_PG_DIR/WG_PG_PORT to run on PostgreSQL.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, STORE, PHONES, Client, makeTempDir, makeDemoDb, startServer, sleep,
} from '../api/helpers.mjs';
import * as checks from './checks.mjs';

const CYCLES = Number(process.argv[2] || 20);
const WORKERS = 8;
const PEOPLE = 400;
const FULL_EVERY = 100;
/* The server's clock moves on this much per cycle, so that no resident
 * reaches the opinion rate limit (30 an hour) over a long run. */
const CLOCK_STEP = 180;

function seed(db, dir) {
  const out = path.join(dir, 'ids');
  execFileSync(path.join(ROOT, 'build', 'bench', 'gen'),
    ['voters', '--db', db, '--grid', String(checks.gridOf(db)), '--n', String(PEOPLE), '--out', out], { stdio: 'pipe' });
  // bench/gen voters gives owner i the phone 199 followed by i in 8 digits
  return fs.readFileSync(out, 'utf8').trim().split('\n').map((l, i) => {
    const [cookie, csrf] = l.split(' ');
    return { cookie, csrf, phone: `199${String(i).padStart(8, '0')}` };
  });
}

/* A call for opinions and an online vote (changes allowed) at the building of
 * the seeded owners, created by the demo's community staff. */
async function setUp(db, building, clockFile) {
  const srv = await startServer(db, { threads: 2, extraArgs: ['--clock-file', clockFile] });
  try {
    const staff = new Client(srv.url, 'staff');
    await staff.signIn(PHONES.staff);
    const now = Math.floor(Date.now() / 1000);
    const call = await staff.post('/api/v1/calls', { place_id: building, title: 'crash-call', deadline: now + 60 * 86400 });
    if (call.status !== 201) throw new Error(`POST /api/v1/calls: ${call.status} ${call.text}`);
    const vote = await staff.post('/api/v1/votes', {
      place_id: building, title: 'crash-vote', method: 'yes_no_abstain', mode: 'online',
      rule: { preset: 'simple_majority' }, allow_change: true, closes_at: now + 60 * 86400,
    });
    if (vote.status !== 201) throw new Error(`POST /api/v1/votes: ${vote.status} ${vote.text}`);
    return { call: call.json.id, vote: vote.json.id };
  } finally {
    srv.proc.kill('SIGTERM');
    await srv.exited;
  }
}

async function send(url, who, method, p, body) {
  const r = await fetch(url + p, {
    method,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json', connection: 'close' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

const KINDS = ['ballot', 'opinion', 'matter', 'follow'];

/* One request of a kind, described by entry; resolves true when acknowledged. */
async function write(ctx, who, entry, wid, n) {
  const tag = `crash-${ctx.cycle}-${wid}-${n}`;
  if (entry.kind === 'ballot') {
    entry.choice = (n + ctx.cycle) % 2;
    const r = await send(ctx.url, who, 'PUT', `/api/v1/votes/${ctx.vote}/ballot`, { options: [entry.choice] });
    return [r, r.status === 200 || r.status === 201];
  }
  if (entry.kind === 'opinion') {
    entry.body = checks.bodyFor(tag, 5000); // at most 2,000 code points
    const r = await send(ctx.url, who, 'POST', `/api/v1/calls/${ctx.call}/opinions`, { body: entry.body });
    if (r.status === 201) entry.id = r.json.id;
    return [r, r.status === 201];
  }
  if (entry.kind === 'matter') {
    entry.title = tag;
    entry.body = checks.bodyFor(tag);
    const r = await send(ctx.url, who, 'POST', '/api/v1/matters',
      { place_id: ctx.building, category: 'other', title: entry.title, body: entry.body });
    if (r.status === 201) entry.id = r.json.id;
    return [r, r.status === 201];
  }
  entry.matter = ctx.matters[(n + wid) % ctx.matters.length];
  const r = await send(ctx.url, who, 'PUT', `/api/v1/matters/${entry.matter}/follow`);
  return [r, r.status === 200];
}

/* One worker: writes until the server dies; logs sent and acknowledged
 * writes. A worker has its own residents, so one resident's writes are
 * never concurrent and their order is the order they were sent. */
async function worker(ctx, log, wid) {
  const mine = ctx.people.filter((_, i) => i % WORKERS === wid);
  for (let n = 0; ; n++) {
    const who = mine[(n * 31 + ctx.cycle * 17) % mine.length];
    const entry = { kind: KINDS[(n + wid) % KINDS.length], cycle: ctx.cycle, phone: who.phone, seq: log.sent.length, state: 'sent' };
    log.sent.push(entry);
    try {
      const [r, ok] = await write(ctx, who, entry, wid, n);
      if (ok) { entry.state = 'acked'; log.acked++; } else if (r.status < 500) { entry.state = 'refused'; entry.status = r.status; log.refused++; }
    } catch {
      return; // the server is gone
    }
  }
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'build', 'bench', 'gen'))) throw new Error('build/bench/gen is missing: make bench-tools');
  const dir = makeTempDir();
  const db = await makeDemoDb(dir);
  const people = seed(db, dir);
  const building = checks.benchBuilding(db);
  const clockFile = path.join(dir, 'clock');
  fs.writeFileSync(clockFile, '0');
  const { call, vote } = await setUp(db, building, clockFile);
  const log = { sent: [], acked: 0, refused: 0, unansweredPresent: 0 };
  const ctx = { people, cycle: 0, building, call, vote, matters: checks.demoMatters(db) };
  const state = checks.newState(db, { vote, matters: ctx.matters });
  const t0 = Date.now();
  let kills = 0, fulls = 0;
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    fs.writeFileSync(clockFile, String(cycle * CLOCK_STEP));
    const srv = await startServer(db, { threads: 2, extraArgs: ['--clock-file', clockFile] });
    ctx.url = srv.url;
    ctx.cycle = cycle;
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(ctx, log, w));
    await sleep(STORE === 'sqlite' ? 20 + Math.floor(Math.random() * 280) : 100 + Math.floor(Math.random() * 500));
    srv.proc.kill('SIGKILL');
    await srv.exited;
    kills++;
    await Promise.all(workers);
    const full = (cycle + 1) % FULL_EVERY === 0 || cycle === CYCLES - 1;
    checks.verify(db, log, state, full); // throws with the first broken promise
    if (full) {
      fulls++;
      console.error(`crash: ${kills} kills, ${log.acked} acknowledged, full check ok, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  const unanswered = log.sent.filter((e) => e.state === 'sent').length;
  const refusedBy = {};
  for (const e of log.sent) if (e.state === 'refused') refusedBy[`${e.kind}:${e.status}`] = (refusedBy[`${e.kind}:${e.status}`] || 0) + 1;
  const by = KINDS.map((k) => `${k}s=${log.sent.filter((e) => e.kind === k && e.state === 'acked').length}`).join(' ');
  console.log(`CRASH store=${STORE} cycles=${CYCLES} kills=${kills} acknowledged=${log.acked} (${by}) unanswered=${unanswered} ` +
    `(of which stored whole: ${log.unansweredPresent}) refused=${log.refused} ${JSON.stringify(refusedBy)} full_checks=${fulls} ` +
    `seconds=${((Date.now() - t0) / 1000).toFixed(1)} lost=0 torn=0 integrity=ok`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(`FAIL crash test: ${e.stack || e}`);
  process.exit(1);
});
