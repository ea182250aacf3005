// A sign-in code (设置密码验证码) on the phone: a grid worker issues one for
// an elderly resident from the people list and hands her the slip; she opens
// /passcode from the sign-in page, in elder mode, mistypes the code once,
// then sets a new password with it. The code is spent, her old password and
// her session on another phone stop working, and the new password signs her
// in. The tests of this file run in order on one demo database.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESIDENT, PASSWORD, startServer, launchBrowser, phoneContext, signedInContext, watch, submitAndWait, mainText,
  assertNoHScroll, assertAxeClean, assertNoProblems, clearProblems, shot,
} from './helpers.mjs';

const GRID_WORKER = '13800001101'; // 刘志强, 第1网格 (赵桂兰's grid)
const NEW_PASSWORD = '桂兰新密码2026';

let server, browser, staffPage, oldSession, code;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  staffPage = watch(await (await signedInContext(browser, server.base, GRID_WORKER)).newPage());
  oldSession = watch(await (await signedInContext(browser, server.base, RESIDENT)).newPage());
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly on SIGTERM\n${server?.log()}`);
});

async function checkPage(p, name) {
  await assertNoHScroll(p);
  await assertAxeClean(p);
  await shot(p, `passcode-${name}`);
  assertNoProblems(p);
}

test('the grid worker issues a code for 赵桂兰 from the people list of his grid: a slip with the code, its expiry, a QR code and the address', async () => {
  await staffPage.goto('/');
  await submitAndWait(staffPage, staffPage.locator('main a', { hasText: '居民名册' }));
  assert.equal(new URL(staffPage.url()).pathname, '/staff/people');
  const row = staffPage.locator('ul.people > li', { has: staffPage.locator('strong', { hasText: '赵桂兰' }) });
  await submitAndWait(staffPage, row.locator('button', { hasText: '发设置密码验证码' }));
  assert.equal(new URL(staffPage.url()).pathname.replace(/\d+/, 'N'), '/people/N/passcode');
  code = (await staffPage.locator('#passcode-code').innerText()).trim();
  assert.match(code, /^\d{8}$/, 'eight digits');
  const slip = await mainText(staffPage);
  assert.match(slip, /赵桂兰/);
  assert.doesNotMatch(slip, /13800001201/, 'the phone is masked on the slip');
  assert.match(slip, /有效期至 \d{4}-\d\d-\d\d/);
  assert.match(slip, /\/passcode/);
  assert.equal(await staffPage.locator('#passcode-slip .qr svg').count(), 1, 'a QR code to scan');
  const big = await staffPage.locator('#passcode-code').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(big >= 28, `the code is large enough to read out (${big}px)`);
  await checkPage(staffPage, 'slip');
});

test('she finds the form from the sign-in page in elder mode; a wrong code and two different passwords are refused, nothing changes', async () => {
  const ctx = await phoneContext(browser, server.base);
  await ctx.addCookies([{ name: 'wg_elder', value: '1', url: server.base }]);
  const p = watch(await ctx.newPage());
  await p.goto('/signin');
  await submitAndWait(p, p.getByRole('link', { name: /用验证码设置/ }));
  assert.equal(new URL(p.url()).pathname, '/passcode');
  assert.equal(await p.locator('body.elder').count(), 1, 'elder mode');
  await checkPage(p, 'form-elder');

  const wrong = code.slice(0, 7) + String((Number(code[7]) + 1) % 10);
  await p.fill('#phone', RESIDENT);
  await p.fill('#code', wrong);
  await p.fill('#password', NEW_PASSWORD);
  await p.fill('#password2', NEW_PASSWORD);
  await submitAndWait(p, p.locator('form[action="/passcode"] button[type=submit]'));
  assert.match(await p.locator('[role=alert]').innerText(), /验证码不对/);
  assert.equal(await p.inputValue('#phone'), RESIDENT, 'the phone stays filled in');
  clearProblems(p); // the 422 was deliberate
  await assertNoHScroll(p);

  await p.fill('#code', code);
  await p.fill('#password', NEW_PASSWORD);
  await p.fill('#password2', NEW_PASSWORD + '1');
  await submitAndWait(p, p.locator('form[action="/passcode"] button[type=submit]'));
  assert.match(await p.locator('[role=alert]').innerText(), /两次输入的新密码不一样/);
  clearProblems(p);

  await oldSession.goto('/');
  assert.match(await oldSession.locator('main h1').innerText(), /赵桂兰/, 'her session lives on while nothing is set');
  await ctx.close();
});

test('with the right code she sets a new password: her other session ends, the old password and the code stop working, the new one signs her in', async () => {
  const ctx = await phoneContext(browser, server.base);
  const p = watch(await ctx.newPage());
  await p.goto('/passcode');
  await p.fill('#phone', RESIDENT);
  await p.fill('#code', code);
  await p.fill('#password', NEW_PASSWORD);
  await p.fill('#password2', NEW_PASSWORD);
  await submitAndWait(p, p.locator('form[action="/passcode"] button[type=submit]'));
  assert.equal(new URL(p.url()).pathname, '/signin');
  assert.match(await mainText(p), /密码已设置，请用新密码登录/);
  await checkPage(p, 'done');

  await oldSession.goto('/');
  assert.doesNotMatch(await mainText(oldSession), /赵桂兰/, 'the session on her other phone has ended');

  const signin = async (password) => {
    await p.goto('/signin');
    await p.fill('#phone', RESIDENT);
    await p.fill('#password', password);
    await submitAndWait(p, p.locator('form[action="/signin"] button[type=submit]'));
    return new URL(p.url()).pathname;
  };
  assert.notEqual(await signin(PASSWORD), '/', 'the old password no longer signs her in');
  clearProblems(p);
  assert.equal(await signin(NEW_PASSWORD), '/');
  assert.match(await p.locator('main h1').innerText(), /赵桂兰/);
  assertNoProblems(p);

  const again = watch(await (await phoneContext(browser, server.base)).newPage());
  await again.goto('/passcode');
  await again.fill('#phone', RESIDENT);
  await again.fill('#code', code);
  await again.fill('#password', 'another-password-1');
  await again.fill('#password2', 'another-password-1');
  await submitAndWait(again, again.locator('form[action="/passcode"] button[type=submit]'));
  assert.match(await again.locator('[role=alert]').innerText(), /已用过/, 'a spent code is refused');
  await ctx.close();
});
