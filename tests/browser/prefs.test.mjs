// Preferences from the footer form: elder mode (长辈模式: large text, 60 px
// tap targets, strong contrast) and the language (简体 / 繁體 / English),
// kept in cookies; the language also follows Accept-Language. And the pages
// work with JavaScript turned off.
// The tests of this file run in order and share one signed-in page.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESIDENT, STAFF, startServer, launchBrowser, phoneContext, signedInContext, sessionToken, watch, signIn, submitAndWait, mainText,
  assertNoHScroll, axeViolations, assertNoProblems, clearProblems, shot, colorSamples, effectiveContrast,
} from './helpers.mjs';

let server, browser, ctx, page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ctx = await phoneContext(browser, server.base);
  page = watch(await ctx.newPage());
  await signIn(page, RESIDENT);
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly on SIGTERM\n${server?.log()}`);
});

/* Sets the footer preferences and saves; returns to the page it was on. */
async function savePrefs(p, { lang, elder } = {}) {
  if (lang) await p.selectOption('#pref-lang', lang);
  if (elder !== undefined) await p.locator('footer input[name=elder]').setChecked(elder);
  await submitAndWait(p, p.locator('form.prefs button[type=submit]'));
}

const bodyHasElder = (p) => p.locator('body').evaluate((b) => b.classList.contains('elder'));

/* Every visible element that holds text of its own: its font size, line
 * height and colours. */
function textSamples(p) {
  return p.evaluate(() => {
    const out = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || seen.has(el) || el.closest('select, option, script, style, svg')) continue;
      seen.add(el);
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width <= 1 || r.height <= 1 || r.right <= 0 || cs.visibility === 'hidden') continue;
      const bgs = [];
      for (let e = el; e; e = e.parentElement) bgs.push(getComputedStyle(e).backgroundColor);
      out.push({
        name: `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().replace(/\s+/g, '.') : ''} "${n.textContent.trim().slice(0, 16)}"`,
        fontSize: parseFloat(cs.fontSize), lineHeight: cs.lineHeight, fg: cs.color, bgs,
      });
    }
    return out;
  });
}

/* Tap targets: buttons, fields and the header's links; a checkbox counts by
 * the label that wraps it. */
function tapTargets(p) {
  return p.evaluate(() => {
    const out = [];
    const els = document.querySelectorAll('button, input:not([type=hidden]), select, textarea, header a, nav a, a.button');
    for (const el of els) {
      const t = el.type === 'checkbox' || el.type === 'radio' ? el.closest('label') || el : el;
      const r = t.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= 0 || getComputedStyle(t).visibility === 'hidden') continue;
      out.push({ name: `${t.tagName.toLowerCase()}${t.id ? '#' + t.id : ''} "${(t.textContent || t.name || '').trim().slice(0, 16)}"`, height: r.height, width: r.width });
    }
    return out;
  });
}

/* Everything elder mode promises, measured on the page as shown; returns
 * the problems found (empty when all is well). */
async function elderProblems(p) {
  const out = {};
  const add = (k, list) => list.length && (out[k] = list);
  if (!(await bodyHasElder(p))) out.class = ['body has no class elder'];
  const bodySize = await p.locator('body').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
  if (bodySize < 18) out.body = [`body font-size ${bodySize}px`];

  const texts = await textSamples(p);
  add('text under 18 px', texts.filter((t) => t.fontSize < 18).map((t) => `${t.name} ${t.fontSize}px`));
  add('line height under 1.3', texts.filter((t) => t.lineHeight === 'normal' || parseFloat(t.lineHeight) < 1.3 * t.fontSize)
    .map((t) => `${t.name} ${t.lineHeight} for ${t.fontSize}px`));
  add('text contrast under 4.5:1', texts.map((t) => ({ ...t, ratio: effectiveContrast(t) })).filter((t) => t.ratio < 4.5)
    .map((t) => `${t.name} ${t.fg} on ${t.bgs.find((b) => !/rgba\(0, 0, 0, 0\)/.test(b))} ${t.ratio.toFixed(2)}:1`));
  // buttons and links as a whole (their text colour on their own background)
  const controls = await colorSamples(p, 'button, a, .button, .badge, .phases li');
  add('button/link contrast under 4.5:1', controls.map((c) => ({ ...c, ratio: effectiveContrast(c) })).filter((c) => c.ratio < 4.5)
    .map((c) => `${c.name} ${c.fg} on ${c.bgs.find((b) => !/rgba\(0, 0, 0, 0\)/.test(b))} ${c.ratio.toFixed(2)}:1`));
  const targets = await tapTargets(p);
  if (targets.length < 4) out.targets = ['fewer than 4 tap targets found'];
  add('tap targets under 60 px high', targets.filter((t) => t.height < 60).map((t) => `${t.name} ${t.height.toFixed(1)}px`));
  const sw = await p.evaluate(() => document.documentElement.scrollWidth);
  if (sw > 360) out.scroll = [`scrollWidth ${sw}`];
  return out;
}

async function checkElder(p, label) {
  assert.deepEqual(await elderProblems(p), {}, `elder mode on ${label}`);
}

test('elder mode: ticking 长辈模式 in the footer and saving gives large text, 60 px targets and strong contrast', async () => {
  await page.goto('/');
  assert.equal(await bodyHasElder(page), false);
  const normal = await page.locator('body').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
  await savePrefs(page, { elder: true });
  assert.equal(new URL(page.url()).pathname, '/', 'saving comes back to the same page');
  assert.equal(await page.locator('footer input[name=elder]').isChecked(), true);
  const big = await page.locator('body').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
  assert.ok(big > normal, `elder text ${big}px is larger than ${normal}px`);
  await shot(page, 'prefs-elder-home');
  assertNoProblems(page);
  await checkElder(page, 'home');
});

test('elder mode sticks across navigation and a new page load, on every main page', async () => {
  const problems = {};
  const check = async (label) => {
    const pr = await elderProblems(page);
    if (Object.keys(pr).length) problems[label] = pr;
  };
  await page.goto('/');
  await submitAndWait(page, page.locator('header nav a', { hasText: '社区事项' }));
  await check('matters');
  await submitAndWait(page, page.locator('li.matter > a', { hasText: '红凳子议事会：东院停车收费调整' }));
  await check('matter');
  await shot(page, 'prefs-elder-matter');
  await page.goto('/matters/new');
  await check('propose');
  await page.goto('/places/3');
  await check('community');
  assert.deepEqual(problems, {}, 'elder mode problems by page');
  const fresh = watch(await ctx.newPage());
  await fresh.goto('/');
  assert.equal(await bodyHasElder(fresh), true, 'a new page load keeps elder mode');
  await fresh.close();
  await page.reload();
  assert.equal(await bodyHasElder(page), true);
  assertNoProblems(page);
});

test('elder mode passes axe on the home and matter pages', async () => {
  const found = {};
  for (const path of ['/', '/matters/1']) {
    assert.equal((await page.goto(path)).status(), 200, path);
    assert.equal(await bodyHasElder(page), true);
    const v = await axeViolations(page);
    const bad = v.filter((x) => x.impact === 'critical' || x.impact === 'serious');
    if (bad.length) found[path] = bad;
  }
  assert.deepEqual(found, {}, 'axe: critical/serious problems in elder mode');
});

test('elder mode can be turned off again', async () => {
  await page.goto('/');
  await savePrefs(page, { elder: false });
  assert.equal(await bodyHasElder(page), false);
  assert.equal(await page.locator('footer input[name=elder]').isChecked(), false);
  await page.goto('/matters');
  assert.equal(await bodyHasElder(page), false);
  assertNoProblems(page);
});

test('language: 繁體 then English from the footer, kept across pages', async () => {
  await page.goto('/matters');
  await savePrefs(page, { lang: 'zh-Hant' });
  assert.equal(new URL(page.url()).pathname, '/matters');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hant');
  assert.equal((await page.locator('header nav a').first().innerText()).trim(), '社區事項');
  const stages = (await page.locator('li.matter .badge').allInnerTexts()).map((s) => s.trim());
  assert.ok(stages.includes('徵集中'), stages.join(','));
  assert.ok(stages.includes('協商中'), stages.join(','));
  assert.ok(!stages.includes('征集中'));
  await shot(page, 'prefs-hant-matters');
  await page.goto('/');
  assert.match(await mainText(page), /我的家和社區/);
  // residents' words and names in Traditional characters too
  assert.match(await page.locator('dl.places').innerText(), /樓棟\s+1棟 · 樓棟長：孫德明/);
  assert.equal(await page.locator('#pref-lang').inputValue(), 'zh-Hant');

  await savePrefs(page, { lang: 'en' });
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal((await page.locator('header nav a').first().innerText()).trim(), 'Matters');
  await page.goto('/matters');
  assert.equal((await page.locator('main h1').innerText()).trim(), 'Matters');
  const en = (await page.locator('li.matter .badge').allInnerTexts()).map((s) => s.trim());
  assert.ok(en.includes('Collecting support') && en.includes('In deliberation'), en.join(','));
  await page.goto('/matters/new');
  assert.equal((await page.locator('main h1').innerText()).trim(), 'Propose a matter');
  assert.ok((await page.locator('#m-place option').allInnerTexts()).map((s) => s.trim()).includes('Building · 1栋'));
  await assertNoHScroll(page);
  await shot(page, 'prefs-en-propose');
  const fresh = await ctx.newPage();
  await fresh.goto('/');
  assert.equal((await fresh.locator('header nav a').first().innerText()).trim(), 'Matters', 'the cookie keeps it');
  await fresh.close();
  await savePrefs(page, { lang: 'zh-Hans' });
  assert.equal((await page.locator('header nav a').first().innerText()).trim(), '社区事项');
  assertNoProblems(page);
});

test('English pages use English punctuation around the data (no full-width ， or ：)', async () => {
  await page.goto('/');
  await savePrefs(page, { lang: 'en' });
  const greeting = await page.locator('main h1').innerText();
  const holders = (await page.locator('dl.places .holder').allInnerTexts()).map((s) => s.trim());
  await page.goto('/matters?place=3');
  const scope = (await page.locator('main > p.small').innerText()).trim();
  await savePrefs(page, { lang: 'zh-Hans' });
  await page.goto('/matters?place=3');
  assert.match(await page.locator('main > p.small').innerText(), /^范围：龙湖社区 · 共 \d+$/, 'Chinese keeps its own punctuation');
  assert.deepEqual({ greeting, holders, scope }, {
    greeting: 'Hello, 赵桂兰',
    holders: ['· Street administrator: 王建国', '· Community staff: 李红梅', '· Grid worker: 刘志强', '· Building leader: 孙德明'],
    scope: scope.replace('Scope：', 'Scope: '),
  });
  assert.match(scope, /^Scope: 龙湖社区/);
});

test('saving the preferences keeps the address, query included', async () => {
  await page.goto('/matters?stage=collecting');
  await savePrefs(page, { lang: 'zh-Hans' });
  const u = new URL(page.url());
  assert.equal(`${u.pathname}${u.search}`, '/matters?stage=collecting');
});

test('Accept-Language picks the language without any switch: zh-TW → 繁體, en-US → English, also signed out', async () => {
  const token = await sessionToken(server.base, RESIDENT);
  for (const [header, locale, lang, signin, nav] of [
    ['zh-TW', 'zh-TW', 'zh-Hant', '登入', '社區事項'],
    ['en-US,en;q=0.9', 'en-US', 'en', 'Sign in', 'Matters'],
  ]) {
    const c = await phoneContext(browser, server.base, { locale, extraHTTPHeaders: { 'Accept-Language': header } });
    const p = watch(await c.newPage());
    await p.goto('/');
    assert.equal(await p.locator('html').getAttribute('lang'), lang, header);
    assert.equal((await p.locator('header nav a').innerText()).trim(), signin, header);
    await p.goto('/signin');
    assert.equal((await p.locator('main h1').innerText()).trim(), signin, header);
    assert.equal(await p.locator('#pref-lang').inputValue(), lang, `${header}: the footer shows the language in use`);
    if (lang === 'zh-Hant') await shot(p, `prefs-signin-${lang}`);
    // signed in (the session cookie only: no language cookie)
    await c.addCookies([{ name: 'wg_sid', value: token, url: server.base }]);
    await p.goto('/');
    assert.equal((await p.locator('header nav a').first().innerText()).trim(), nav, header);
    assert.equal((await c.cookies()).some((k) => k.name === 'wg_lang'), false);
    assertNoProblems(p);
    await c.close();
  }
});

test('signed out, the footer switches language and elder mode on the sign-in page, and it sticks', async () => {
  const c = await phoneContext(browser, server.base);
  const p = watch(await c.newPage());
  await p.goto('/signin');
  assert.equal((await p.locator('main h1').innerText()).trim(), '登录');
  await savePrefs(p, { lang: 'en', elder: true });
  assert.equal(new URL(p.url()).pathname, '/signin');
  assert.equal((await p.locator('main h1').innerText()).trim(), 'Sign in');
  assert.equal(await bodyHasElder(p), true);
  await checkElder(p, 'signin (signed out)');
  await shot(p, 'prefs-signin-elder-en');
  await p.goto('/');
  assert.match(await mainText(p), /Welcome to joint co-creation/);
  assert.equal(await bodyHasElder(p), true);
  // then signing in keeps both
  await signIn(p, RESIDENT);
  assert.equal((await p.locator('header nav a').first().innerText()).trim(), 'Matters');
  assert.equal(await bodyHasElder(p), true);
  assert.match(await p.locator('dl.places').innerText(), /Building\s+1栋 · Building leader: 孙德明/);
  assertNoProblems(p);
  await c.close();
});

test('saving the preferences from a page that answered a form (the revealed phone) lands on a working page', async () => {
  const c = await signedInContext(browser, server.base, STAFF);
  const p = watch(await c.newPage());
  await p.goto('/staff/people');
  const row = p.locator('ul.people > li', { has: p.locator('strong', { hasText: '赵桂兰' }) });
  await row.locator('input[name=reason]').fill('电话通知');
  await submitAndWait(p, row.locator('button', { hasText: '查看完整号码' }));
  assert.equal((await p.locator('#full-phone').innerText()).trim(), '13800001201');
  const res = p.waitForResponse((r) => r.request().method() === 'GET' && r.url().startsWith(server.base) && r.request().resourceType() === 'document');
  await savePrefs(p, { elder: true });
  const landed = await res;
  clearProblems(p);
  assert.equal(landed.status(), 200, `saving prefs on ${'/people/{id}/phone'} went to GET ${new URL(landed.url()).pathname} → ${landed.status()}`);
  assert.equal(await bodyHasElder(p), true);
  await c.close();
});

test('with JavaScript turned off: sign in and propose a matter', async () => {
  const c = await phoneContext(browser, server.base, { javaScriptEnabled: false });
  const p = watch(await c.newPage());
  await p.goto('/');
  await submitAndWait(p, p.locator('header nav a', { hasText: '登录' }));
  await p.fill('#phone', RESIDENT);
  await p.fill('#password', 'wugong2026');
  await submitAndWait(p, p.locator('form[action="/signin"] button'));
  assert.equal(new URL(p.url()).pathname, '/');
  assert.match(await p.locator('h1').innerText(), /赵桂兰/);
  await submitAndWait(p, p.locator('main a', { hasText: '提出事项' }).first());
  await p.selectOption('#m-place', { label: '网格 · 第1网格' });
  await p.selectOption('#m-cat', { label: '文体活动' });
  await p.fill('#m-title', '第1网格广场舞时间约定');
  await p.fill('#m-body', '建议**晚上九点**前结束。');
  await submitAndWait(p, p.locator('form[action="/matters"] button'));
  assert.match(new URL(p.url()).pathname, /^\/matters\/\d+$/);
  assert.equal(await p.locator('main h1').innerText(), '第1网格广场舞时间约定');
  assert.equal((await p.locator('#stage').innerText()).trim(), '征集中');
  assert.equal(await p.locator('.body strong').innerText(), '晚上九点');
  assert.equal((await p.locator('#followers').innerText()).trim(), '1');
  // and the footer form works without JavaScript too
  await savePrefs(p, { elder: true });
  assert.equal(await bodyHasElder(p), true);
  await shot(p, 'prefs-nojs-matter-elder');
  assertNoProblems(p);
  await c.close();
});
