// Co-building on a 360 px phone: staff start the project of the matter in
// building from its page, add tasks, mark one done and record money; a
// resident opens the project from the matter and sees its progress, tasks
// and accounts, in a layout that fits the phone and passes axe.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESIDENT, STAFF, startServer, launchBrowser, signedInContext, watch, submitAndWait, assertNoProblems, apiClient, shot,
  assertNoHScroll, assertAxeClean,
} from './helpers.mjs';

let server, browser, matter;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const staff = await apiClient(server.base, STAFF);
  const list = await (await staff.get('/api/v1/matters?stage=building')).json();
  matter = list.items[0];
  assert.ok(matter, 'a matter in building');
  await staff.dispose();
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly\n${server?.log()}`);
});

test('staff start the project from the matter, add tasks, mark one done and record money', async () => {
  const ctx = await signedInContext(browser, server.base, STAFF);
  const page = watch(await ctx.newPage());
  await page.goto(`/matters/${matter.id}`);
  await page.click('#project a.button');
  assert.match(page.url(), /\/projects\/new\?matter=\d+$/);
  assert.equal(await page.inputValue('#title'), matter.title, 'the matter names the project');
  await page.fill('#summary', '清理杂物，粉刷墙面，装上灯。');
  await page.fill('#budget', '5000');
  await submitAndWait(page, page.locator('form[action="/projects"] button[type=submit]'));
  assert.match(new URL(page.url()).pathname, /^\/projects\/\d+$/);
  assert.equal(await page.locator('p.flash[role=status]').innerText(), '项目已建立。');
  for (const t of ['清理杂物', '刷漆', '装灯', '清洁']) {
    await page.locator('#tasks details', { hasText: '添加任务' }).locator('summary').click();
    await page.fill('#task-title', t);
    await submitAndWait(page, page.locator('form[action$="/tasks"] button[type=submit]'));
  }
  await page.locator('#tasks details', { hasText: '更新任务状态' }).locator('summary').click();
  const form = page.locator('form.task-state', { hasText: '清理杂物' });
  await form.locator('select').selectOption('done');
  await submitAndWait(page, form.locator('button'));
  assert.equal(await page.locator('#project-progress').innerText(), '25');
  await page.locator('#money details summary').click();
  await page.fill('#money-amount', '800');
  await page.fill('#money-what', '业委会拨款');
  await submitAndWait(page, page.locator('form[action$="/money"] button[type=submit]'));
  assert.equal(await page.locator('#money-in').innerText(), '800.00');
  await assertNoHScroll(page);
  await shot(page, 'project-staff');
  assertNoProblems(page);
  await ctx.close();
});

test('a resident opens the project from the matter and reads its progress and accounts', async () => {
  const ctx = await signedInContext(browser, server.base, RESIDENT);
  const page = watch(await ctx.newPage());
  await page.goto(`/matters/${matter.id}`);
  assert.match(await page.locator('#project').innerText(), /进度 25%/);
  await page.click('#project a[href^="/projects/"]');
  assert.equal(await page.locator('#project-progress').innerText(), '25');
  assert.match(await page.locator('#tasks').innerText(), /清理杂物\s*已完成/);
  assert.equal(await page.locator('form[action$="/money"]').count(), 0, 'no forms for a resident');
  await assertNoHScroll(page);
  await assertAxeClean(page);
  await shot(page, 'project-resident');
  assertNoProblems(page);
  await ctx.close();
});
