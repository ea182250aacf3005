// Disk full: the database lives on a 6 MiB tmpfs this test mounts (and
// removes). When the file system fills up, writes answer 503 disk_full with
// a message and write nothing, reads go on, and once space returns writes
// work again without a restart and the database passes its integrity check.
// Needs root (mount); SQLite only (the PostgreSQL run skips it).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { skip, smallDisk, fill, release } from './diskfull_helpers.mjs';

after(release);

test('a full disk: writes get 503 disk_full, reads go on, and after space returns all is well', { skip }, async (t) => {
  const disk = await smallDisk(t, 'wugong-full-');
  if (!disk) return;
  const { mnt, srv, res, building, before } = disk;

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
