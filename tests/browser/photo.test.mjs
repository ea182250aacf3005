// A resident posts an opinion with a photo straight from her phone's camera
// through the page at 360 px: a 6 MB JPEG that carries her home's GPS
// position and lies sideways. The page says the opinion was posted, shows
// the thumbnail, and the photo comes back upright and without a single
// metadata block.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESIDENT, STAFF, startServer, launchBrowser, signedInContext, watch, submitAndWait, assertNoProblems, apiClient, shot,
} from './helpers.mjs';
import { picture, exifSegment, withSegments, jpegInfo } from '../api/images.mjs';

let server, browser, call;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const staff = await apiClient(server.base, STAFF);
  const res = await apiClient(server.base, RESIDENT);
  const me = await (await res.get('/api/v1/me')).json();
  const home = me.roles.find((r) => r.role === 'resident').place.id;
  const grid = (await (await res.get(`/api/v1/places/${home}`)).json()).ancestors.find((a) => a.kind === 'grid').id;
  const r = await staff.post('/api/v1/calls', { place_id: grid, title: '楼道里的问题拍给我们看',
    deadline: Math.floor(Date.now() / 1000) + 7 * 86400 });
  assert.equal(r.status(), 201, await r.text());
  call = (await r.json()).id;
  await staff.dispose();
  await res.dispose();
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly\n${server?.log()}`);
});

test('a 6 MB phone JPEG with GPS goes up through the page and comes back upright, without metadata', async () => {
  const camera = withSegments(picture('jpg[Q=90]', 3264, 2448, { noise: true }), exifSegment({ orientation: 6 }));
  assert.ok(camera.length > 5.5 * 1024 * 1024, `${camera.length} bytes`);
  assert.ok(camera.includes(Buffer.from('Exif\0')), 'the upload carries Exif');
  const ctx = await signedInContext(browser, server.base, RESIDENT);
  const page = watch(await ctx.newPage());
  await page.goto(`/calls/${call}`);
  await page.fill('#opinion-body', '三楼楼道的灯坏了，晚上很黑。');
  // 6 MB through the browser's protocol: seconds on a busy 2-core machine (a tool's wait, not a timing check)
  await page.setInputFiles('#opinion-photos', { name: 'IMG_20261202_1930.jpg', mimeType: 'image/jpeg', buffer: camera },
    { timeout: 30000 });
  await submitAndWait(page, page.locator('form[enctype="multipart/form-data"] button[type=submit]'));
  assert.match(new URL(page.url()).pathname, new RegExp(`^/calls/${call}$`));
  assert.equal(await page.locator('p.flash[role=status]').innerText(), '意见已提交，谢谢您。');
  const img = page.locator('.opinion img.photo').first();
  await img.waitFor();
  assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0), 'the thumbnail shows');
  assert.deepEqual(await img.evaluate((i) => [i.naturalWidth, i.naturalHeight]), [240, 320], 'upright');
  const full = await page.locator('.opinion a:has(img.photo)').first().getAttribute('href');
  const got = await page.request.get(full);
  assert.equal(got.status(), 200);
  assert.equal(got.headers()['content-type'], 'image/jpeg');
  const bytes = Buffer.from(await got.body());
  const info = jpegInfo(bytes);
  assert.deepEqual([info.width, info.height], [1200, 1600]);
  assert.deepEqual(info.markers.filter((m) => [0xe1, 0xe2, 0xed, 0xfe].includes(m)), [], 'no EXIF, XMP, ICC, IPTC or comment');
  assert.equal(bytes.indexOf(Buffer.from('Exif\0')), -1);
  await shot(page, 'photo-opinion-posted');
  assertNoProblems(page);
  await ctx.close();
});
