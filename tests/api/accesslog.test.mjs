// The access log: one line per request with the path, except where the path
// carries a secret (a secret ballot's receipt), which logs the route's
// pattern instead.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { BIN, makeTempDir, makeDemoDb, freePort, sanitizerEnv, stopAndCheck, sleep } from './helpers.mjs';

let srv, dir;
after(async () => {
  if (srv) await stopAndCheck(srv);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('a receipt in a path never reaches the access log', async () => {
  dir = makeTempDir();
  const db = await makeDemoDb(dir);
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--threads', '1'], { stdio: ['ignore', 'pipe', 'pipe'], env: sanitizerEnv() });
  srv = { proc, port, url: `http://127.0.0.1:${port}`, stdout: '', stderr: '', exit: null };
  proc.stdout.on('data', (d) => { srv.stdout += d; });
  proc.stderr.on('data', (d) => { srv.stderr += d; });
  srv.exited = new Promise((resolve) => proc.on('exit', (code, signal) => { srv.exit = { code, signal }; resolve(srv.exit); }));
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${srv.url}/healthz`)).status === 200) break; } catch { /* not yet */ }
    await sleep(25);
  }
  const secret = 'c0ffee-5ec7e7-1234';
  await (await fetch(`${srv.url}/api/v1/votes/12/receipts/${secret}`)).arrayBuffer();
  await (await fetch(`${srv.url}/api/v1/matters/34`)).arrayBuffer();
  await sleep(200);
  assert.match(srv.stdout, /GET \/api\/v1\/votes\/\{id\}\/receipts\/\{code\} 401/, 'the pattern is logged');
  assert.doesNotMatch(srv.stdout, new RegExp(secret), 'the receipt is not');
  assert.match(srv.stdout, /GET \/api\/v1\/matters\/34 401/, 'other paths are logged as they are');
});
