// Disk full under concurrent writes (SQLite group commit: many requests'
// transactions share one fsync). The database lives on a 6 MiB tmpfs this
// test mounts (and removes). Once the file system is all but full, 40 writes of
// different sizes and 20 reads go at once: each write either commits (201)
// or fails alone with 503 disk_full, every read answers, every acknowledged
// write is stored whole and no refused one is; after space returns, writes
// work again and the database passes its integrity check.
// Needs root (mount); SQLite only (the PostgreSQL run skips it).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { skip, smallDisk, fill, release } from './diskfull_helpers.mjs';

after(release);

test('a full disk under concurrent writes: each write commits or fails alone', { skip }, async (t) => {
  const disk = await smallDisk(t, 'wugong-fullc-');
  if (!disk) return;
  const { mnt, srv, res, building, before } = disk;

  // all but 512 KiB: any one write fits, 30 large ones cannot all fit
  fs.writeFileSync(path.join(mnt, 'spare'), Buffer.alloc(512 * 1024, 1));
  fill(mnt);
  fs.rmSync(path.join(mnt, 'spare'));
  const writes = Array.from({ length: 40 }, (_, i) => {
    const title = `并发满盘 ${i}`;
    const body = i % 4 === 0 ? `短 ${i}` : '正文'.repeat(9000 + i); // 54 KB and more

    return res.post('/api/v1/matters', { place_id: building, category: 'other', title, body })
      .then((r) => ({ title, body, r }));
  });
  const reads = Array.from({ length: 20 }, () => res.get('/api/v1/matters?limit=1'));
  const done = await Promise.all(writes);
  for (const r of await Promise.all(reads)) assert.equal(r.status, 200, r.text);
  const acked = [];
  let refused = 0;
  for (const { title, body, r } of done) {
    if (r.status === 201) {
      acked.push({ title, body, id: r.json.id });
    } else {
      assert.equal(r.status, 503, r.text);
      assert.equal(r.json.error.code, 'disk_full');
      refused++;
    }
  }
  t.diagnostic(`${acked.length} committed, ${refused} refused`);
  assert.ok(refused > 0, 'the full disk refused some writes');
  assert.ok(acked.length > 0, 'the first write fits');
  const list = await res.get('/api/v1/matters?limit=100');
  assert.equal(list.status, 200);
  assert.equal(list.json.total, before + acked.length, 'exactly the acknowledged writes are stored');
  for (const a of acked) {
    const m = await res.get(`/api/v1/matters/${a.id}`);
    assert.equal(m.status, 200, m.text);
    assert.equal(m.json.body, a.body, 'stored whole');
  }

  fs.rmSync(path.join(mnt, 'filler'));
  const again = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    res.post('/api/v1/matters', { place_id: building, category: 'other', title: `空间恢复 ${i}`, body: '可以保存了' })));
  for (const r of again) assert.equal(r.status, 201, r.text);
  assert.equal(srv.exit, null, 'the server kept running');
  const check = execFileSync('sqlite3', [path.join(mnt, 'wugong.db'), 'PRAGMA integrity_check;'], { encoding: 'utf8' }).trim();
  assert.equal(check, 'ok');
});
