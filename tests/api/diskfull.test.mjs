// Disk full: the database lives on a 6 MiB tmpfs this test mounts (and
// removes). When the file system fills up, writes answer 503 disk_full with
// a message and write nothing, reads go on, and once space returns writes
// work again without a restart and the database passes its integrity check.
// Needs root (mount); SQLite only (the PostgreSQL run skips it).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STORE, BIN, Client, PHONES, makeTempDir, sanitizerEnv, startServer, stopAndCheck } from './helpers.mjs';

const root = process.getuid && process.getuid() === 0;
const skip = STORE !== 'sqlite' ? 'SQLite only' : !root ? 'needs root to mount a tmpfs' : false;

let mnt, srv;
after(async () => {
  if (srv) await stopAndCheck(srv);
  if (mnt) {
    try { execFileSync('umount', [mnt]); } catch { /* not mounted */ }
    fs.rmSync(mnt, { recursive: true, force: true });
  }
});

function fill(dir) { // writes a file until the file system refuses
  const fd = fs.openSync(path.join(dir, 'filler'), 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  let small = Buffer.alloc(512, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (e) {
    assert.equal(e.code, 'ENOSPC');
  }
  try { for (;;) fs.writeSync(fd, small); } catch { small = null; }
  fs.closeSync(fd);
}

test('a full disk: writes get 503 disk_full, reads go on, and after space returns all is well', { skip }, async (t) => {
  mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'wugong-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mnt], { stdio: 'pipe' });
  } catch (e) { // a container without the right to mount
    t.skip(`cannot mount a tmpfs here: ${String(e.stderr || e.message).trim()}`);
    return;
  }
  const db = `sqlite:${path.join(mnt, 'wugong.db')}`;
  execFileSync(BIN, ['demo', '--db', db], { env: sanitizerEnv(), stdio: 'pipe' });
  srv = await startServer(db);
  const res = new Client(srv.url, 'resident');
  await res.signIn(PHONES.resident);
  const me = (await res.get('/api/v1/me')).json;
  const building = me.places[0].line.find((p) => p.kind === 'building').id;
  const before = (await res.get('/api/v1/matters?limit=1')).json.total;

  fill(mnt);
  const acked = [];
  let full = null;
  // writes may still fit in pages SQLite already owns; keep writing until one is refused
  for (let i = 0; i < 300 && !full; i++) {
    const title = `满盘测试 ${i}`;
    const r = await res.post('/api/v1/matters', { place_id: building, category: 'other', title, body: '正文'.repeat(2000) });
    if (r.status === 201) acked.push(title);
    else full = r;
  }
  assert.ok(full, 'a write was refused once the disk was full');
  t.diagnostic(`${acked.length} writes fitted after the disk filled, then 503`);
  assert.equal(full.status, 503, full.text);
  assert.equal(full.json.error.code, 'disk_full');
  assert.match(full.json.error.message, /存储空间已满/);
  // reads go on
  const list = await res.get('/api/v1/matters?limit=100');
  assert.equal(list.status, 200);
  assert.equal(list.json.total, before + acked.length, 'every acknowledged write is there, the refused one is not');
  assert.equal((await res.get('/matters')).status, 200, 'pages too');

  // space returns: no restart needed
  fs.rmSync(path.join(mnt, 'filler'));
  const again = await res.post('/api/v1/matters', { place_id: building, category: 'other', title: '空间恢复后', body: '可以保存了' });
  assert.equal(again.status, 201, again.text);
  const titles = (await res.get('/api/v1/matters?limit=100')).json.items.map((m) => m.title);
  for (const t of [...acked, '空间恢复后']) assert.ok(titles.includes(t), `${t} is stored`);
  assert.equal(srv.exit, null, 'the server kept running');
  const check = execFileSync('sqlite3', [path.join(mnt, 'wugong.db'), 'PRAGMA integrity_check;'], { encoding: 'utf8' }).trim();
  assert.equal(check, 'ok');
});
