// PostgreSQL restarts under a running server (PostgreSQL only): the server's
// connections reconnect on their next statement and go on serving, with the
// same sessions, and nothing acknowledged before the restart is lost. Uses a
// cluster of its own, so that restarting it disturbs no other test file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client, PHONES, STORE, ROOT, BIN, startServer, stopAndCheck, sanitizerEnv } from './helpers.mjs';

const PG = STORE === 'postgresql';
const PORT = '55434';
const pgsh = (...args) => execFileSync(path.join(ROOT, 'scripts', 'pg.sh'), args, { encoding: 'utf8' }).trim();
let dir, srv, url;

before(async () => {
  if (!PG) return;
  dir = fs.mkdtempSync('/tmp/wugong-pgrestart-');
  pgsh('start', dir, PORT);
  url = pgsh('createdb', dir, PORT, 'restart');
  await new Promise((resolve, reject) => execFile(BIN, ['demo', '--db', url], { env: sanitizerEnv() },
    (err, so, se) => (err ? reject(new Error(se)) : resolve())));
  srv = await startServer(url);
});

after(async () => {
  if (!PG) return;
  if (srv) await stopAndCheck(srv);
  try { pgsh('stop', dir); } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

test('the server goes on after PostgreSQL restarts, sessions and data intact', { skip: !PG && 'PostgreSQL only' }, async () => {
  const c = new Client(srv.url, 'resident');
  await c.signIn(PHONES.resident);
  const me = await c.get('/api/v1/me');
  const building = me.json.places.find((p) => p.role === 'resident').line.find((x) => x.kind === 'building').id;
  const made = await c.post('/api/v1/matters', { place_id: building, category: 'other', title: '重启之前', body: '' });
  assert.equal(made.status, 201, made.text);

  pgsh('stop', dir);
  // while the database is down: a clear error, not a hang or a crash
  const down = await c.get('/api/v1/matters');
  assert.ok(down.status >= 500, `while PostgreSQL is down: ${down.status}`);
  pgsh('start', dir, PORT);

  // every loop thread reconnects on its next statement (two threads: a few requests)
  for (let i = 0; i < 4; i++) {
    const r = await c.get(`/api/v1/matters/${made.json.id}`);
    assert.equal(r.status, 200, `after the restart (${i}): ${r.status} ${r.text}`);
    assert.equal(r.json.title, '重启之前');
  }
  const w = await c.put(`/api/v1/matters/${made.json.id}/follow`);
  assert.equal(w.status, 200, w.text);
  const again = await c.post('/api/v1/matters', { place_id: building, category: 'other', title: '重启之后', body: '' });
  assert.equal(again.status, 201, again.text);
});
