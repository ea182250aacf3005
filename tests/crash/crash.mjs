// Crash test: clients write through the HTTP API and log every write the
// server acknowledged; the server is killed with SIGKILL at a random moment
// and restarted, over and over. After every kill:
//   - every acknowledged write is in the database, whole;
//   - a write whose answer never came is whole or absent (never torn: a
//     matter without its creation event, a follow without its counter);
//   - the database passes PRAGMA integrity_check (SQLite) or amcheck-free
//     consistency queries (PostgreSQL: the same invariants, checked by SQL).
//   node tests/crash/crash.mjs [CYCLES]        (default 20; `make crashtest` runs 1000)
// Env: WG_BIN (default build/wugong), WG_PG_DIR/WG_PG_PORT to run on PostgreSQL.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, STORE, BIN, makeTempDir, makeDemoDb, startServer, sleep,
} from '../api/helpers.mjs';
import * as checks from './checks.mjs';

const CYCLES = Number(process.argv[2] || 20);
const WORKERS = 8;
const PEOPLE = 400;

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

async function send(url, who, method, p, body) {
  const r = await fetch(url + p, {
    method,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json', connection: 'close' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

/* One worker: writes until the server dies; logs sent and acknowledged writes. */
async function worker(ctx, log, wid) {
  for (let n = 0; ; n++) {
    const who = ctx.people[(wid * 7919 + n * 31 + ctx.cycle * 17) % ctx.people.length];
    const kind = n % 3 === 2 ? 'follow' : 'matter';
    const entry = { kind, cycle: ctx.cycle };
    try {
      if (kind === 'matter') {
        entry.title = `crash-${ctx.cycle}-${wid}-${n}`;
        entry.body = checks.bodyFor(entry.title);
        log.sent.push(entry);
        const r = await send(ctx.url, who, 'POST', '/api/v1/matters',
          { place_id: ctx.building, category: 'other', title: entry.title, body: entry.body });
        if (r.status === 201) { entry.id = r.json.id; log.acked.push(entry); } else if (r.status < 500) log.refused.push({ ...entry, status: r.status });
      } else {
        entry.matter = ctx.matters[(n + wid) % ctx.matters.length];
        entry.phone = who.phone;
        log.sent.push(entry);
        const r = await send(ctx.url, who, 'PUT', `/api/v1/matters/${entry.matter}/follow`);
        if (r.status === 200) log.acked.push(entry); else if (r.status < 500) log.refused.push({ ...entry, status: r.status });
      }
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
  const log = { sent: [], acked: [], refused: [] };
  const ctx = { people, cycle: 0, building: checks.benchBuilding(db), matters: checks.demoMatters(db) };
  const t0 = Date.now();
  let kills = 0, cut = 0;
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const srv = await startServer(db, { threads: 2 });
    ctx.url = srv.url;
    ctx.cycle = cycle;
    const before = log.acked.length;
    const workers = Array.from({ length: WORKERS }, (_, w) => worker(ctx, log, w));
    await sleep(STORE === "sqlite" ? 20 + Math.floor(Math.random() * 280) : 100 + Math.floor(Math.random() * 500));
    srv.proc.kill('SIGKILL');
    await srv.exited;
    kills++;
    await Promise.all(workers);
    if (log.acked.length === before) cut++;
    checks.verify(db, log); // throws with the first broken promise
  }
  const acked = log.acked.length;
  const unanswered = log.sent.length - acked - log.refused.length;
  console.log(`CRASH store=${STORE} cycles=${CYCLES} kills=${kills} acknowledged=${acked} unanswered=${unanswered} (of which stored whole: ${log.unansweredPresent}) ` +
    `refused=${log.refused.length} seconds=${((Date.now() - t0) / 1000).toFixed(1)} lost=0 torn=0 integrity=ok`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(`FAIL crash test: ${e.stack || e}`);
  process.exit(1);
});
