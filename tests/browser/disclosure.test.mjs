// The disclosure board on a 360 px phone: a resident of 凤凰苑 sees the
// finances flagged overdue with their days; staff publish the missing
// month through the form and the flag goes; the item's notice prints on
// one A4 page with its QR code and without the site's navigation.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOTS, startServer, launchBrowser, phoneContext, watch, signIn, submitAndWait, assertNoProblems } from './helpers.mjs';

const F_RESIDENT = '13800002201', F_STAFF = '13800002001';
let server, browser;

before(async () => {
  server = await startServer();
  await server.setClock(0); // the demo board's schedule ticks once
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null });
});

async function open(phone) {
  const ctx = await phoneContext(browser, server.base);
  const page = watch(await ctx.newPage());
  await signIn(page, phone);
  return { ctx, page };
}

test('a resident sees the overdue finances; staff publish the month and the flag goes', async () => {
  const r = await open(F_RESIDENT);
  await r.page.goto('/disclosure');
  const fin = r.page.locator('#kind-finance');
  await assert.doesNotReject(fin.locator('.badge.overdue').waitFor());
  const days = await fin.locator('.overdue-days').innerText();
  assert.match(days, /已逾期 \d+ 天/);
  const missing = (await fin.locator('ul.plain.meta li').first().innerText()).slice(0, 7);
  await r.page.screenshot({ path: join(SHOTS, 'disclosure-board.png'), fullPage: true });
  assert.equal(await r.page.locator('#disclosure-new').count(), 0, 'no publishing for residents');
  assertNoProblems(r.page);

  const s = await open(F_STAFF);
  await s.page.goto('/disclosure');
  await s.page.click('#disclosure-new');
  await s.page.selectOption('#new-kind', 'finance');
  await s.page.fill('#new-title', `${missing} 财务收支公开（补）`);
  await s.page.fill('#new-body', '收入 8,000 元。\n支出 6,500 元。');
  await s.page.fill('#new-period', missing);
  await submitAndWait(s.page, s.page.locator('#disclosure-form button[type=submit]'));
  assert.match(s.page.url(), /\/disclosure\/items\/\d+$/);
  assert.match(await s.page.locator('#disclosure-item').innerText(), /晚了 \d+ 天/);
  assertNoProblems(s.page);

  await r.page.goto('/disclosure');
  assert.equal(await r.page.locator('#kind-finance .badge.on_time').count(), 1, 'on time once published');
  await r.ctx.close();
  await s.ctx.close();
});

test('the notice for the paper board: a QR code back to the item, one A4 page in print', async () => {
  const r = await open(F_RESIDENT);
  await r.page.goto('/disclosure');
  await r.page.click('#kind-major a[href^="/disclosure/items/"]');
  const itemUrl = r.page.url();
  await r.page.click('#disclosure-print');
  const qr = r.page.locator('#disclosure-notice .qr svg');
  await assert.doesNotReject(qr.waitFor());
  assert.ok((await r.page.locator('#disclosure-notice .url').innerText()).endsWith(new URL(itemUrl).pathname));
  const box = await qr.boundingBox();
  assert.ok(box.width >= 120 && box.width <= 340, `the QR code fits the phone: ${box.width}`);
  assert.ok(await r.page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no horizontal scroll');
  await r.page.screenshot({ path: join(SHOTS, 'disclosure-notice.png'), fullPage: true });
  await r.page.emulateMedia({ media: 'print' });
  assert.equal(await r.page.locator('header.top').isVisible(), false, 'no navigation on paper');
  await r.page.screenshot({ path: join(SHOTS, 'disclosure-notice-print.png'), fullPage: true });
  const pdf = await r.page.pdf({ preferCSSPageSize: true });
  writeFileSync(join(SHOTS, 'disclosure-notice.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, 'one page');
  const size = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  assert.ok(size && Math.abs(Number(size[1]) - 595.9) < 2 && Math.abs(Number(size[2]) - 842.9) < 2, `A4: ${size && size.slice(1)}`);
  assertNoProblems(r.page);
  await r.ctx.close();
});
