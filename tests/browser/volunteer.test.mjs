// Volunteering on a 360 px phone: a resident signs up for a shift from the
// list, then at the site opens the QR code's address and checks in with
// one button; the organiser sees her on the roster, with the QR code to
// print, in a layout that fits the phone and passes axe.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESIDENT, STAFF, startServer, launchBrowser, signedInContext, watch, submitAndWait, assertNoProblems, apiClient, shot,
  assertNoHScroll, assertAxeClean,
} from './helpers.mjs';

let server, browser, shift;

const local = (t) => new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 16).replace('T', ' ');

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const staff = await apiClient(server.base, STAFF);
  const me = await (await staff.get('/api/v1/me')).json();
  const now = Math.floor(Date.now() / 1000);
  const r = await staff.post('/api/v1/shifts', { place_id: me.community_id, title: '闲置车棚清理', skill: '力气活', location: '东门车棚',
    capacity: 2, starts: local(now + 600), ends: local(now + 3 * 3600) });
  assert.equal(r.status(), 201, await r.text());
  shift = await r.json();
  await staff.dispose();
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly\n${server?.log()}`);
});

test('a resident signs up from the list and checks in by the QR code', async () => {
  const ctx = await signedInContext(browser, server.base, RESIDENT);
  const page = watch(await ctx.newPage());
  await page.goto('/shifts');
  await page.click(`a[href="/shifts/${shift.id}"]`);
  await submitAndWait(page, page.locator(`form[action="/shifts/${shift.id}/signup"] button`));
  assert.equal(await page.locator('p.flash[role=status]').innerText(), '报名成功，谢谢您！');
  assert.match(await page.locator('#my-signup').innerText(), /我的报名：\s*已报名/);
  assert.equal(await page.locator('#places-left').innerText(), '1');
  await assertNoHScroll(page);
  await assertAxeClean(page);
  await shot(page, 'shift-resident');
  await page.goto(shift.checkin_url);
  await submitAndWait(page, page.locator('#scan'));
  assert.equal(await page.locator('p.flash[role=status]').innerText(), '签到成功。');
  assert.match(await page.locator('#my-signup').innerText(), /签到 \d{4}-\d\d-\d\d \d\d:\d\d/);
  assertNoProblems(page);
  await ctx.close();
});

test('the organiser posts a shift from the phone, and sees the roster and the QR code to print', async () => {
  const ctx = await signedInContext(browser, server.base, STAFF);
  const page = watch(await ctx.newPage());
  await page.goto('/shifts');
  await page.click('#post-shift summary');
  const day = local(Math.floor(Date.now() / 1000) + 7 * 86400).slice(0, 10);
  await page.fill('#shift-title', '车棚粉刷');
  await page.fill('#shift-starts', `${day}T14:00`);
  await page.fill('#shift-ends', `${day}T17:00`);
  await page.fill('#shift-capacity', '12');
  await page.fill('#shift-skill', '会刷漆');
  await assertNoHScroll(page);
  await submitAndWait(page, page.locator('form[action="/shifts"] button[type=submit]'));
  assert.match(new URL(page.url()).pathname, /^\/shifts\/\d+$/);
  assert.equal(await page.locator('p.flash[role=status]').innerText(), '志愿服务已发布。');
  assert.match(await page.locator('main, body').first().innerText(), new RegExp(`${day} 14:00–17:00`));
  await page.goto(`/shifts/${shift.id}`);
  assert.match(await page.locator('#roster').innerText(), /赵桂兰\s*已报名\s*签到/);
  assert.equal(await page.locator('#qr svg').count(), 1);
  await assertNoHScroll(page);
  await assertAxeClean(page);
  await shot(page, 'shift-staff');
  assertNoProblems(page);
  await ctx.close();
});
