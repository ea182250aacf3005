// Backup and restore on the store the suite runs on: `wugong backup` copies
// the live database while the server keeps writing; `wugong restore` loads
// the copy into a new database, which then serves everything written before
// the backup and nothing after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useServer, Client, PHONES, STORE, BIN, newDbUrl, sanitizerEnv } from './helpers.mjs';

const h = useServer();

function wugong(args) {
  return new Promise((resolve) => {
    execFile(BIN, args, { timeout: 60000, env: sanitizerEnv() }, (err, stdout, stderr) =>
      resolve({ code: err ? err.code ?? 1 : 0, stdout, stderr }));
  });
}

async function propose(c, title) {
  const me = await c.get('/api/v1/me');
  const building = me.json.places.find((p) => p.role === 'resident').line.find((x) => x.kind === 'building').id;
  const r = await c.post('/api/v1/matters', { place_id: building, category: 'other', title, body: '' });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

test(`a live ${STORE} backup restores into a new database with exactly what was written before it`, async () => {
  await h.ready;
  const c = new Client(h.url, 'resident');
  await c.signIn(PHONES.resident);
  const before = await propose(c, '备份之前的事项');

  const dir = h.tempDir();
  const file = path.join(dir, STORE === 'sqlite' ? 'backup.db' : 'backup.dump');
  // writes keep going while the backup runs
  const writes = Promise.all([1, 2, 3].map((i) => c.put(`/api/v1/matters/${before}/follow`)));
  const b = await wugong(['backup', '--db', h.db, '--out', file]);
  await writes;
  assert.equal(b.code, 0, b.stderr);
  assert.ok(fs.statSync(file).size > 1000, 'the backup file is written');
  // a second backup to the same file is refused, the first one kept
  const again = await wugong(['backup', '--db', h.db, '--out', file]);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /exists/);

  const after = await propose(c, '备份之后的事项');

  const target = newDbUrl(h.tempDir());
  const r = await wugong(['restore', '--db', target, '--from', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /integrity check passed/);

  const srv = await h.start(target);
  const c2 = new Client(srv.url, 'resident@restored');
  await c2.signIn(PHONES.resident); // people and passwords came back too
  const got = await c2.get(`/api/v1/matters/${before}`);
  assert.equal(got.status, 200, got.text);
  assert.equal(got.json.title, '备份之前的事项');
  assert.ok(got.json.timeline.length >= 1);
  assert.equal((await c2.get(`/api/v1/matters/${after}`)).status, 404, 'what came after the backup is not in it');
  const list = await c2.get('/api/v1/matters?limit=100');
  const live = await c.get('/api/v1/matters?limit=100');
  assert.equal(list.json.total, live.json.total - 1);
});

test('restore refuses a missing backup and an existing SQLite target', async () => {
  await h.ready;
  const dir = h.tempDir();
  const missing = await wugong(['restore', '--db', newDbUrl(dir), '--from', path.join(dir, 'nope.db')]);
  assert.notEqual(missing.code, 0);
  if (STORE === 'sqlite') {
    const taken = await wugong(['restore', '--db', h.db, '--from', h.db.slice('sqlite:'.length)]);
    assert.notEqual(taken.code, 0);
    assert.match(taken.stderr, /exists/);
  }
  const noFile = await wugong(['backup', '--db', h.db]);
  assert.equal(noFile.code, 2);
  assert.match(noFile.stderr, /--out/);
});
