// Problem reports on a 360 px phone, the resident's and staff's flows: at
// the bike shed of 凤凰苑 building 2 (its QR plate leads to its page) a
// resident starts a report, is shown the open report a neighbour filed an
// hour ago, and adds her photo there instead. From home she reports the
// stairwell light of building 1, anonymously, with a photo from the
// camera. Staff mark it fixed; she answers "not fixed" and it reopens;
// fixed for real, she says so and rates it. The overdue report stands out
// in the list, and the three rates show with their formulas. Every page
// fits the phone and passes axe.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startServer, launchBrowser, signedInContext, watch, submitAndWait, assertNoProblems, assertNoHScroll, assertAxeClean, shot,
  mainText,
} from './helpers.mjs';
import { picture, withSegments, exifSegment } from '../api/images.mjs';

const FSTAFF = '13800002001', FRESIDENT = '13800002201';
let server, browser, mine;
const work = mkdtempSync(join(tmpdir(), 'wugong-report-'));
const photo = join(work, 'IMG_2041.jpg');

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  writeFileSync(photo, withSegments(picture('jpg', 1200, 900), exifSegment({})));
});

after(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly\n${server?.log()}`);
});

async function page(phone) {
  const ctx = await signedInContext(browser, server.base, phone);
  ctx.setDefaultTimeout(5000);
  return watch(await ctx.newPage());
}

test('at the shed she is shown the open report on it and adds her photo there instead', async () => {
  const p = await page(FRESIDENT);
  await p.goto('/facilities/1');
  assert.match(await p.locator('#facility-reports').innerText(), /2栋自行车棚的灯不亮了/);
  await p.click('#facility-reports a.button');
  assert.match(new URL(p.url()).search, /facility=1/);
  const similar = p.locator('#similar');
  assert.match(await similar.innerText(), /邻居已经反映过这些[\s\S]*2栋自行车棚的灯不亮了/);
  await assertNoHScroll(p);
  await assertAxeClean(p);
  await shot(p, 'report-similar');
  await similar.locator('a.button').first().click();
  await p.fill('#add-note', '今晚还是不亮，拍了照片');
  await p.setInputFiles('#add-photos', photo);
  await submitAndWait(p, p.locator('#add button[type=submit]'));
  assert.equal(await p.locator('p.flash[role=status]').innerText(), '已补充，谢谢。');
  assert.equal(await p.locator('main img.photo').count(), 1);
  assert.match(await p.locator('#timeline').innerText(), /补充：今晚还是不亮，拍了照片/);
  assert.match(await p.locator('form[action$="/unfollow"] button').innerText(), /不再关注/, 'she follows it now');
  assertNoProblems(p);
  await p.context().close();
});

test('from home she reports the stairwell light, anonymously, with a photo', async () => {
  const p = await page(FRESIDENT);
  await p.goto('/');
  await p.click('#comanage-links a[href="/reports/new"]');
  await p.selectOption('#report-category', 'power');
  await p.selectOption('#report-place', { label: '1栋' });
  await submitAndWait(p, p.locator('#report-step1 button'));
  assert.equal(await p.locator('#similar').count(), 0, 'nothing like it at building 1');
  await p.fill('#report-description', '1栋二楼楼道灯不亮，老人上下楼看不清台阶。');
  await p.setInputFiles('#report-photos', photo);
  await p.check('input[name=anonymous]');
  await assertNoHScroll(p);
  await assertAxeClean(p);
  await shot(p, 'report-form');
  await submitAndWait(p, p.locator('#report-form button[type=submit]'));
  assert.equal(await p.locator('p.flash[role=status]').innerText(), '已提交，会有人负责处理，您可以关注进展。');
  mine = Number(/\/reports\/(\d+)/.exec(p.url())[1]);
  const text = await mainText(p);
  assert.match(text, /新反映/);
  assert.match(text, /负责：\s*网格员/);
  assert.match(text, /应在此前答复：\s*\d{4}-\d\d-\d\d \d\d:\d\d/);
  await assertAxeClean(p);
  await shot(p, 'report-sent');
  assertNoProblems(p);
  await p.context().close();
});

test('staff mark it fixed; she says not fixed and it reopens; fixed again, she confirms and rates it', async () => {
  const s = await page(FSTAFF);
  await s.goto(`/reports/${mine}`);
  assert.doesNotMatch(await s.locator('main section.card').first().innerText(), /居民（匿名）/, 'staff see who reported it');
  await s.selectOption('#report-state', 'fixed');
  await s.fill('#report-note', '换了灯泡');
  await submitAndWait(s, s.locator('#handle form[action$="/transition"] button'));
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '状态已更新。');
  await assertNoHScroll(s);
  await shot(s, 'report-staff');
  const p = await page(FRESIDENT);
  await p.goto('/notifications');
  assert.match(await p.locator('ul.notifications').innerText(), /您反映的问题已处理，请告诉我们修好了没有/);
  await p.goto(`/reports/${mine}`);
  await p.check('#check input[value=not]');
  await submitAndWait(p, p.locator('#check button[type=submit]'));
  assert.equal(await p.locator('p.flash[role=status]').innerText(), '已重新打开。');
  assert.match(await p.locator('main .badge').first().innerText(), /已确认/);
  await s.goto(`/reports/${mine}`);
  await s.selectOption('#report-state', 'fixed');
  await s.fill('#report-note', '线路接头松了，已重新接好');
  await submitAndWait(s, s.locator('#handle form[action$="/transition"] button'));
  await p.goto(`/reports/${mine}`);
  await p.check('#check input[value=fixed]');
  await submitAndWait(p, p.locator('#check button[type=submit]'));
  await p.check('#rate input[value="5"]');
  await assertAxeClean(p);
  await submitAndWait(p, p.locator('#rate button[type=submit]'));
  assert.match(await p.locator('#rated').innerText(), /您家已经评价过了/);
  assert.match(await p.locator('#timeline').innerText(), /居民说没修好，重新打开[\s\S]*居民确认修好了/);
  await assertNoHScroll(p);
  await shot(p, 'report-done');
  assertNoProblems(p);
  assertNoProblems(s);
  await p.context().close();
  await s.context().close();
});

test('the overdue report stands out in the list; the three rates show with their formulas', async () => {
  const p = await page(FSTAFF);
  await p.goto('/reports?state=overdue');
  const item = p.locator('#reports li', { hasText: '1栋外墙渗水' });
  assert.match(await item.innerText(), /超时/);
  assert.equal(await item.evaluate((el) => el.classList.contains('overdue')), true);
  await p.goto('/reports/rates?by=category');
  assert.match(await p.locator('#rates-total').innerText(), /响应率[\s\S]*解决率[\s\S]*满意率[\s\S]*响应率 = 在答复时限内答复的反映 ÷ 收到的反映/);
  await assertNoHScroll(p);
  await assertAxeClean(p);
  await shot(p, 'report-rates');
  assertNoProblems(p);
  await p.context().close();
});
