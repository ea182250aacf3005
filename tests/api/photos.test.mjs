// Photos as phones take them (libvips): a 6 MB camera JPEG with its GPS
// position and a sideways orientation comes back upright, at most 1,600 px,
// with no metadata left, and with a thumbnail; PNG with transparency, WebP
// and HEIC are taken too; bad pictures (another type, truncated, a
// decompression bomb, 30,000 × 30,000 pixels, over 20 MB) get a 4xx with a
// clear code, write nothing and leave the server up; the cache headers; and
// photos stored as uploaded before the pipeline are re-encoded by a job.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { picture, png, exifSegment, withSegments, comment, jpegInfo } from './images.mjs';
import { useServer, Client, PHONES, BIN, ROOT, STORE, makeTempDir, makeDemoDb, sanitizerEnv, startServer, stopAndCheck, sleep, raw, rawStatus } from './helpers.mjs';

const h = useServer();
const c = {};
let call;

function form(fields, files = []) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append('photos', new Blob([f]), 'IMG_0001.jpg');
  return fd;
}
const post = (who, body, files) => c[who].post(`/api/v1/calls/${call.id}/opinions`, undefined, { body: form({ body }, files) });
const count = async () => (await c.staff.get(`/api/v1/calls/${call.id}/opinions?limit=100`)).json.total;

/* Segments that carry metadata: APP1 (Exif, XMP), APP2 (ICC), APP13 (IPTC), COM. */
const META = new Set([0xe1, 0xe2, 0xed, 0xfe]);
function assertClean(buf, what) {
  const info = jpegInfo(buf);
  assert.ok(info, `${what}: a JPEG`);
  const meta = info.markers.filter((m) => META.has(m));
  assert.deepEqual(meta, [], `${what}: no metadata segment (found ${meta.map((m) => m.toString(16))})`);
  assert.equal(buf.indexOf(Buffer.from('Exif\0')), -1, `${what}: no Exif`);
  assert.equal(buf.indexOf(Buffer.from('住在东院3栋')), -1, `${what}: no comment`);
  return info;
}

before(async () => {
  await h.ready;
  for (const [k, p] of Object.entries({ staff: PHONES.staff, resident: PHONES.resident, leader: PHONES.leader,
    tenant: PHONES.tenant, fResident: PHONES.fResident })) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(p);
  }
  const community = (await c.staff.get('/api/v1/me')).json.community_id;
  const r = await c.staff.post('/api/v1/calls', { place_id: community, title: '楼道照片',
    deadline: Math.floor(Date.now() / 1000) + h.clockOffset + 7 * 86400 });
  assert.equal(r.status, 201, r.text);
  call = r.json;
});

test('a 6 MB phone JPEG with GPS and a sideways orientation comes back upright, 1,600 px, without metadata', async () => {
  const camera = picture('jpg[Q=90]', 3264, 2448, { noise: true }); // an 8 MP phone photo, stored sideways
  const upload = withSegments(camera, exifSegment({ orientation: 6 }), comment('住在东院3栋'));
  assert.ok(upload.length > 5 * 1024 * 1024, `a phone-sized file (${upload.length} bytes)`);
  const t0 = Date.now();
  const r = await post('resident', '楼道灯坏了', [upload]);
  assert.equal(r.status, 201, r.text);
  const ms = Date.now() - t0;
  const [p] = r.json.photos;
  assert.deepEqual(Object.keys(p).sort(), ['id', 'thumb', 'url']);
  const full = await c.tenant.get(p.url);
  assert.equal(full.status, 200);
  assert.equal(full.headers.get('content-type'), 'image/jpeg');
  const info = assertClean(full.buf, 'the photo');
  assert.deepEqual([info.width, info.height], [1200, 1600], 'turned upright (orientation 6) and shrunk to 1,600 px');
  assert.ok(full.buf.length < 1024 * 1024, `re-encoded small (${full.buf.length} bytes)`);
  const thumb = await c.tenant.get(p.thumb);
  assert.equal(thumb.status, 200);
  const ti = assertClean(thumb.buf, 'the thumbnail');
  assert.deepEqual([ti.width, ti.height], [240, 320]);
  // cache: private (only the community may see it), immutable, with an ETag that answers 304
  assert.equal(full.headers.get('cache-control'), 'private, max-age=31536000, immutable');
  const etag = full.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{64}"$/);
  assert.notEqual(thumb.headers.get('etag'), etag);
  const again = await c.tenant.get(p.url, { headers: { 'if-none-match': etag } });
  assert.deepEqual([again.status, again.buf.length], [304, 0]);
  assert.equal((await c.tenant.get(p.url, { headers: { 'if-none-match': '"other"' } })).status, 200);
  // only the community
  assert.equal((await c.fResident.get(p.url)).status, 404);
  assert.equal((await c.fResident.get(p.thumb)).status, 404);
  assert.notEqual((await new Client(h.url, 'anon').get(p.thumb)).status, 200);
  console.log(`# 6 MB upload answered in ${ms} ms (${upload.length} bytes)`);
});

test('PNG with transparency, WebP and HEIC are taken and kept as clean JPEGs', async () => {
  const kinds = [['png', picture('png', 300, 200, { bands: 4 })], ['webp', picture('webp', 300, 200)],
    ['heic', picture('heic', 300, 200)]];
  for (const [kind, bytes] of kinds) {
    const r = await post('leader', `照片 ${kind}`, [bytes]);
    assert.equal(r.status, 201, `${kind}: ${r.text}`);
    const got = await c.tenant.get(r.json.photos[0].url);
    assert.equal(got.headers.get('content-type'), 'image/jpeg', kind);
    const info = assertClean(got.buf, kind);
    assert.deepEqual([info.width, info.height], [300, 200], `${kind}: never enlarged`);
  }
});

/* A PNG whose header claims w×h pixels, with a tiny compressed body: a bomb. */
function pngBomb(w, h) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c2 = n;
    for (let k = 0; k < 8; k++) c2 = c2 & 1 ? 0xedb88320 ^ (c2 >>> 1) : c2 >>> 1;
    return c2 >>> 0;
  });
  const crc = (b) => { let x = ~0; for (const v of b) x = crcTable[(x ^ v) & 0xff] ^ (x >>> 8); return ~x >>> 0; };
  const chunk = (type, data) => {
    const td = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    td.copy(out, 4);
    out.writeUInt32BE(crc(td), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const rows = zlib.deflateSync(Buffer.alloc(4096)); // the start of the pixels: zeros compress to nothing
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}

test('bad pictures get a 4xx with a clear code, write nothing, and the server stays up', async () => {
  const before0 = await count();
  const good = picture('jpg', 640, 480);
  const expect = async (files, status, code, what) => {
    const r = await post('tenant', '坏照片', files);
    assert.deepEqual([r.status, r.json?.error?.code], [status, code], `${what}: ${r.text}`);
    assert.equal(r.json.error.field, 'photos', what);
    assert.ok(r.json.error.message.length > 4, `${what}: a message`);
  };
  await expect([Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')], 415, 'photo_type_unsupported', 'a GIF');
  await expect([Buffer.from('%PDF-1.7\n')], 415, 'photo_type_unsupported', 'a PDF');
  await expect([good.subarray(0, Math.floor(good.length / 2))], 422, 'photo_unreadable', 'a truncated JPEG');
  const camera = picture('jpg[Q=90]', 3264, 2448, { noise: true });
  await expect([camera.subarray(0, camera.length - 200000)], 422, 'photo_unreadable', 'a truncated camera JPEG');
  await expect([Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5000, 0x41)])], 422, 'photo_unreadable',
    'garbage after a JPEG signature');
  await expect([pngBomb(30000, 30000)], 413, 'photo_too_many_pixels', '30,000 × 30,000');
  await expect([pngBomb(100000, 1)], 413, 'photo_too_many_pixels', 'a side over 16,384');
  await expect([pngBomb(8000, 8000)], 413, 'photo_too_many_pixels', '64 megapixels, a decompression bomb');
  await expect([good, Buffer.concat([good, Buffer.alloc(20 * 1024 * 1024)])], 413, 'photo_too_large', 'over 20 MB');
  await expect([good, Buffer.from('not a picture')], 415, 'photo_type_unsupported', 'a good one next to a bad one');
  assert.equal(await count(), before0, 'nothing was written');
  // over the photo routes' own body limit (40 MB): 413 from the head alone, before the body is read
  const head = `POST /api/v1/calls/${call.id}/opinions HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n` +
    `Content-Length: ${41 * 1024 * 1024}\r\n\r\n`;
  const huge = await raw(h.port, [head], { timeout: 3000 });
  assert.equal(rawStatus(huge.data), 413, huge.data.slice(0, 200));
  // other routes keep their small limit
  const notPhoto = await c.tenant.post('/api/v1/calls', undefined, { body: 'x'.repeat(2 * 1024 * 1024), type: 'application/json' });
  assert.equal(notPhoto.status, 413);
  const health = await fetch(`${h.url}/healthz`);
  assert.equal(health.status, 200, 'the server is up');
  const ok = await post('tenant', '好照片', [good]);
  assert.equal(ok.status, 201, 'and still takes photos');
});

test('uploads run on a worker: pages are served while photos decode', async () => {
  const camera = withSegments(picture('jpg[Q=90]', 3264, 2448, { noise: true }), exifSegment());
  const uploads = ['resident', 'leader'].map((w) => post(w, '并发', [camera]));
  const pages = await Promise.all(Array.from({ length: 20 }, () => c.tenant.get('/api/v1/me')));
  for (const p of pages) assert.equal(p.status, 200);
  for (const u of await Promise.all(uploads)) assert.equal(u.status, 201, u.text);
});

test('past the workers\' queue a photo upload gets 503 busy at once, and the server goes on', async () => {
  // a server of its own: one worker, one request may wait
  const srv = await h.start(await makeDemoDb(h.tempDir()), { extraArgs: ['--workers', '1', '--worker-queue', '1'] });
  const who = {};
  for (const [k, p] of Object.entries({ resident: PHONES.resident, leader: PHONES.leader, staff: PHONES.staff })) {
    who[k] = new Client(srv.url, k);
    await who[k].signIn(p);
  }
  const community = (await who.staff.get('/api/v1/me')).json.community_id;
  const cl = await who.staff.post('/api/v1/calls', { place_id: community, title: '忙的时候',
    deadline: Math.floor(Date.now() / 1000) + 7 * 86400 });
  assert.equal(cl.status, 201, cl.text);
  const camera = withSegments(picture('jpg[Q=90]', 3264, 2448, { noise: true }), exifSegment());
  const shots = await Promise.all(['resident', 'leader', 'resident', 'leader', 'resident', 'leader'].map((k) =>
    who[k].post(`/api/v1/calls/${cl.json.id}/opinions`, undefined, { body: form({ body: '同时上传' }, [camera]) })));
  const statuses = shots.map((r) => r.status).sort();
  assert.ok(statuses.includes(201), statuses.join(','));
  const busy = shots.filter((r) => r.status === 503);
  assert.ok(busy.length >= 1, `some wait no longer than the queue allows: ${statuses}`);
  for (const r of busy) {
    assert.equal(r.json.error.code, 'busy');
    assert.equal(r.headers.get('retry-after'), '5');
  }
  assert.equal((await who.resident.get('/api/v1/me')).status, 200, 'pages go on');
  const later = await who.leader.post(`/api/v1/calls/${cl.json.id}/opinions`, undefined, { body: form({ body: '稍后再传' }, [camera]) });
  assert.equal(later.status, 201, 'and photos again once the queue has room');
});

test('photos stored as uploaded before the pipeline are pending until a job re-encodes them', { skip: STORE !== 'sqlite' && 'the legacy database is SQLite' }, async () => {
  const dir = makeTempDir();
  const file = path.join(dir, 'legacy.db');
  execFileSync('sqlite3', [file], { input: fs.readFileSync(path.join(ROOT, 'tests/fixtures/legacy-v12-demo.sqlite.sql')) });
  // a photo of the old release: the bytes as uploaded, GPS and all
  const old = withSegments(picture('jpg', 400, 200), exifSegment({ orientation: 6 }));
  const hex = old.toString('hex');
  execFileSync('sqlite3', [file, `INSERT INTO photo(id, community_id, uploader_id, mime, size, data, hash, created_at)
    SELECT 77, c.id, p.id, 'image/jpeg', ${old.length}, X'${hex}', 'old', 1700000000
    FROM place c, person p WHERE c.kind = 'community' ORDER BY c.id, p.id LIMIT 1`]);
  const env = sanitizerEnv();
  execFileSync(BIN, ['migrate', '--db', `sqlite:${file}`], { env });
  const row = execFileSync('sqlite3', [file, "SELECT state || ' ' || (SELECT COUNT(*) FROM job WHERE kind = 'photo.reprocess') FROM photo WHERE id = 77"],
    { encoding: 'utf8' }).trim();
  assert.equal(row, 'pending 1', 'pending, with its job');
  const srv = await startServer(`sqlite:${file}`);
  try {
    // the job runs within a second; under ASan on a busy machine it may take many
    for (let i = 0; i < 600; i++) {
      const st = execFileSync('sqlite3', [file, 'SELECT state FROM photo WHERE id = 77'], { encoding: 'utf8' }).trim();
      if (st !== 'pending') break;
      await sleep(100);
    }
    const row2 = execFileSync('sqlite3', [file, "SELECT state || ' ' || hex(data) || ' ' || length(thumb) FROM photo WHERE id = 77"],
      { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split(' ');
    assert.equal(row2[0], 'ready');
    const info = assertClean(Buffer.from(row2[1], 'hex'), 'the migrated photo');
    assert.deepEqual([info.width, info.height], [200, 400], 'turned upright');
    assert.ok(Number(row2[2]) > 0, 'with a thumbnail');
  } finally {
    await stopAndCheck(srv);
  }
});
