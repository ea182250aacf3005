// Shared helpers for the browser tests: a wugong server on a fresh demo
// database, headless Debian chromium on a 360 px phone, sign-in, axe-core,
// layout and colour checks, screenshots.
//
// Run: node --test --test-concurrency=1 tests/browser/
// Env: WG_BIN (default build/wugong), WG_SHOTS (screenshot folder, default
// $TMPDIR/wugong-browser-shots), CHROMIUM (default /usr/bin/chromium);
// WG_PG_DIR and WG_PG_PORT (a cluster started by scripts/pg.sh) put every
// server on a new PostgreSQL database instead of a SQLite file.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chromium, request } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = resolve(ROOT, process.env.WG_BIN || 'build/wugong');
export const PASSWORD = 'wugong2026';
export const SHOTS = process.env.WG_SHOTS || join(tmpdir(), 'wugong-browser-shots');
export const PHONE = { width: 360, height: 640 };

/* demo people (the people module's demo data, src/mod/people/people_demo.c) */
export const RESIDENT = '13800001201'; // 赵桂兰, 龙湖社区 1栋101
export const STAFF = '13800001001'; // 李红梅, 龙湖社区 community staff
export const PENDING = '13800001301'; // 杨小雨, pending claim to 3栋201

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/* The store the servers run on: SQLite files, or PostgreSQL when WG_PG_DIR
 * and WG_PG_PORT name a running cluster (as in tests/api/helpers.mjs). */
export const STORE = process.env.WG_PG_DIR && process.env.WG_PG_PORT ? 'postgresql' : 'sqlite';

/* A new, empty database: a file in dir, or a fresh PostgreSQL database. */
export function newDbUrl(dir) {
  if (STORE === 'sqlite') return `sqlite:${join(dir, 'demo.db')}`;
  const name = `wgb_${process.pid}_${Math.random().toString(16).slice(2, 10)}`;
  return execFileSync(join(ROOT, 'scripts', 'pg.sh'),
    ['createdb', process.env.WG_PG_DIR, process.env.WG_PG_PORT, name], { encoding: 'utf8' }).trim();
}

/* Starts `wugong serve` on a new demo database; returns {base, stop, log,
 * setClock, advance, clockOffset}. The server reads --clock-file: setClock(s)
 * makes its clock run s seconds ahead of the real one from now on, advance(s)
 * moves it s seconds further; both resolve once the server's due work has
 * run at the new time (its job runner, seen on /healthz). now() is the
 * server's time in Unix seconds. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'wugong-browser-'));
  const db = newDbUrl(dir);
  execFileSync(BIN, ['demo', '--db', db], { stdio: 'ignore' });
  const clockFile = join(dir, 'clock');
  writeFileSync(clockFile, '0');
  const clock = {
    clockOffset: 0,
    async setClock(seconds) {
      this.clockOffset = Math.round(seconds);
      writeFileSync(clockFile, String(this.clockOffset));
      const target = Math.floor(Date.now() / 1000) + this.clockOffset;
      const deadline = Date.now() + 20000;
      for (;;) {
        const j = await (await fetch(`${this.base}/healthz`)).json();
        if (j.jobs.clock >= target && j.jobs.due === 0) return;
        if (Date.now() > deadline) throw new Error(`the jobs did not settle: ${JSON.stringify(j)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    advance(seconds) { return this.setClock(this.clockOffset + seconds); },
    now() { return Math.floor(Date.now() / 1000) + this.clockOffset; },
  };
  let lastErr;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--quiet', '--threads', '2', '--clock-file', clockFile,
      '--jobs-interval-ms', '100'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    let exited = false;
    const exit = new Promise((r) => child.on('exit', (code, sig) => ((exited = true), r({ code, sig }))));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10000;
    while (!exited && Date.now() < deadline) {
      try {
        const res = await fetch(`${base}/healthz`);
        if (res.ok) {
          /* SIGTERM; resolves to how it ended ({code: 0} when it stopped cleanly) */
          const stop = async () => {
            if (!exited) {
              child.kill('SIGTERM');
              const t = setTimeout(() => child.kill('SIGKILL'), 5000);
              await exit;
              clearTimeout(t);
            }
            rmSync(dir, { recursive: true, force: true });
            const how = await exit;
            // under ASan+UBSan (make check runs these tests there too) a report fails the file
            if (/ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer/.test(log)) {
              throw new Error(`sanitizer report from wugong serve:\n${log.slice(-6000)}`);
            }
            return how;
          };
          return Object.assign(clock, { base, stop, log: () => log, port, db });
        }
      } catch {
        /* not up yet */
      }
      await sleep(50);
    }
    if (!exited) child.kill('SIGKILL');
    await exit;
    lastErr = new Error(`wugong did not start on port ${port}:\n${log}`);
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastErr;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/* A phone-sized context. Defaults to a browser set to Simplified Chinese. */
export async function phoneContext(browser, base, opts = {}) {
  const c = await browser.newContext({
    baseURL: base,
    viewport: PHONE,
    screen: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    ...opts,
  });
  // fail fast: a missing element should not eat the suite's time budget
  c.setDefaultTimeout(5000);
  c.setDefaultNavigationTimeout(10000);
  return c;
}

/* Records console errors, page errors and failed responses (CSP violations
 * show up as console errors). The browser's own /favicon.ico probe is ignored. */
export function watch(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url || '';
    if (/favicon\.ico/.test(url) || /favicon/.test(m.text())) return;
    if (/Failed to load resource/.test(m.text()) && url === '') return; // reported below with its URL
    problems.push(`console: ${m.text()} (${url})`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !/favicon\.ico$/.test(r.url()))
      problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.problems = problems;
  return page;
}

/* Forgets what was recorded (after a deliberate error page). */
export function clearProblems(page) {
  page.problems.length = 0;
}

export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], `browser reported problems on ${page.url()}`);
}

/* Submits a form by clicking a button and waits for the page it leads to. */
export async function submitAndWait(page, button) {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }),
    button.click()]);
  await page.waitForLoadState('load');
}

/* Signs in through the sign-in form. */
export async function signIn(page, phone, password = PASSWORD) {
  await page.goto('/signin');
  await page.fill('#phone', phone);
  await page.fill('#password', password);
  await submitAndWait(page, page.locator('form[action="/signin"] button[type=submit]'));
  assert.equal(new URL(page.url()).pathname, '/', `signing in as ${phone} should land on the home page`);
}

/* Moves a matter on its page: the one stage-change form (a choice and one reason). */
export async function changeStage(page, to, reason) {
  await page.locator(`#next-steps input[name=to][value=${to}]`).check();
  if (reason !== undefined) await page.fill('#stage-reason', reason);
  await submitAndWait(page, page.locator('#next-steps button[type=submit]'));
}

/* The stages the stage-change form offers, by their labels. */
export async function stageChoices(page) {
  return (await page.locator('#next-steps label.check').allInnerTexts()).map((s) => s.replace(/（.*）|\(.*\)/, '').trim());
}

/* Main text without repeated whitespace. */
export async function mainText(page) {
  return (await page.locator('main').innerText()).replace(/[ \t]+/g, ' ');
}

/* No horizontal scrolling at the phone width. */
export async function assertNoHScroll(page, width = PHONE.width) {
  const { sw, offenders } = await page.evaluate((w) => {
    const sw = document.documentElement.scrollWidth;
    const offenders = [];
    if (sw > w)
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > w + 0.5 && r.width > 0)
          offenders.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} right=${Math.round(r.right)}`);
      }
    return { sw, offenders: offenders.slice(0, 8) };
  }, width);
  assert.ok(sw <= width, `${page.url()} scrolls sideways at ${width} px: scrollWidth ${sw}; ${offenders.join('; ')}`);
}

let axeSource;
/* Runs axe-core in the page. The page's CSP (script-src 'self') blocks
 * addScriptTag's inline script, so the source goes in through evaluate,
 * which DevTools runs outside the page's CSP. Returns the violations. */
export async function axeViolations(page) {
  axeSource ??= readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const res = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
  return res.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 3).join(' ')}`),
  }));
}

export async function assertAxeClean(page) {
  const bad = (await axeViolations(page)).filter((v) => v.impact === 'critical' || v.impact === 'serious');
  assert.deepEqual(bad, [], `axe found critical/serious problems on ${page.url()}`);
}

let shotDirMade = false;
/* One screenshot of the whole page into SHOTS (outside the repo). */
export async function shot(page, name) {
  if (!shotDirMade) mkdirSync(SHOTS, { recursive: true }), (shotDirMade = true);
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/* ---- colour ---- */

export function parseColor(s) {
  const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(s);
  if (!m) throw new Error(`cannot parse colour ${s}`);
  let a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return { r: +m[1], g: +m[2], b: +m[3], a };
}

/* Paints `top` over the opaque `under`. */
export function over(top, under) {
  const a = top.a;
  return { r: top.r * a + under.r * (1 - a), g: top.g * a + under.g * (1 - a), b: top.b * a + under.b * (1 - a), a: 1 };
}

export function luminance({ r, g, b }) {
  const lin = (c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a, b) {
  const la = luminance(a), lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/* For each visible element matched by `selector`: its text colour and the
 * background colours from the element up to <html>, which the caller
 * composes into the colour the text actually sits on. */
export async function colorSamples(page, selector) {
  return page.evaluate((sel) => {
    const out = [];
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || r.right < 0 || r.bottom < 0) continue;
      if (!el.textContent.trim() && el.tagName !== 'INPUT' && el.tagName !== 'SELECT') continue;
      const bgs = [];
      for (let e = el; e; e = e.parentElement) bgs.push(getComputedStyle(e).backgroundColor);
      const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''} "${(el.textContent || el.value || '').trim().slice(0, 20)}"`;
      out.push({ name, fg: cs.color, bgs, opacity: cs.opacity });
    }
    return out;
  }, selector);
}

export function effectiveContrast(sample) {
  let bg = { r: 255, g: 255, b: 255, a: 1 }; // the canvas
  for (const c of [...sample.bgs].reverse()) {
    const col = parseColor(c);
    if (col.a > 0) bg = over(col, bg);
  }
  const fg = parseColor(sample.fg);
  return contrast(fg.a < 1 ? over(fg, bg) : fg, bg);
}

/* Signs in over the JSON API (fast) and returns the session cookie's value. */
export async function sessionToken(base, phone, password = PASSWORD) {
  let res = await fetch(`${base}/api/v1/csrf`);
  const anon = /wg_anon=([0-9a-f]+)/.exec(res.headers.get('set-cookie') || '')[1];
  const { csrf } = await res.json();
  res = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `wg_anon=${anon}` },
    body: JSON.stringify({ phone, password }),
  });
  assert.equal(res.status, 201, `API sign-in of ${phone}: ${await res.text()}`);
  return /wg_sid=([0-9a-f]+)/.exec(res.headers.get('set-cookie'))[1];
}

/* A phone context already signed in as `phone` (when the sign-in form is not
 * what a test is about). */
export async function signedInContext(browser, base, phone, opts = {}) {
  const c = await phoneContext(browser, base, opts);
  await c.addCookies([{ name: 'wg_sid', value: await sessionToken(base, phone), url: base, httpOnly: true, sameSite: 'Lax' }]);
  return c;
}

/* A JSON client (playwright's request context keeps the cookies). */
export async function apiClient(base, phone) {
  const api = await request.newContext({ baseURL: base, extraHTTPHeaders: { 'accept-language': 'zh-CN' } });
  let res = await api.get('/api/v1/csrf');
  assert.equal(res.status(), 200);
  let { csrf } = await res.json();
  res = await api.post('/api/v1/session', { data: { phone, password: PASSWORD }, headers: { 'x-csrf-token': csrf } });
  assert.equal(res.status(), 201, await res.text());
  ({ csrf } = await res.json());
  return {
    api,
    csrf,
    post: (path, data) => api.post(path, { data, headers: { 'x-csrf-token': csrf } }),
    put: (path, data) => api.put(path, { data, headers: { 'x-csrf-token': csrf } }),
    get: (path, opts) => api.get(path, opts),
    dispose: () => api.dispose(),
  };
}

/*
 * A story told by several people, each on a page of their own (a phone, or
 * a desk at 1280×800 for staff at their desks), in steps that run in order
 * on one server: after a failure the rest are skipped. kit.server and
 * kit.browser are set by the story's before(); kit.P holds the pages by
 * person; done(page, name) checks the layout (phones) and the console, and
 * takes a screenshot when WG_SHOTS asks for them (they cost seconds on a
 * busy CI).
 */
export function storyKit(prefix) {
  const kit = { P: {}, server: null, browser: null, broken: null };
  kit.step = (name, fn) => test(name, async (t) => {
    if (kit.broken) return t.skip(`the story broke at: ${kit.broken}`);
    try {
      await fn(t);
    } catch (e) {
      kit.broken = name;
      throw e;
    }
  });
  kit.person = async (key, phone, desk = false) => {
    const ctx = desk
      ? await kit.browser.newContext({ baseURL: kit.server.base, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true })
      : await phoneContext(kit.browser, kit.server.base, { acceptDownloads: true });
    ctx.setDefaultTimeout(5000);
    ctx.setDefaultNavigationTimeout(10000);
    const page = watch(await ctx.newPage());
    page.phone = phone;
    page.desk = desk;
    await signIn(page, phone);
    kit.P[key] = page;
    return page;
  };
  /* after the clock jumps past 30 minutes staff sessions have expired: they sign in again */
  kit.signInAgain = async (...keys) => {
    await Promise.all(keys.filter((k) => kit.P[k]).map(async (k) => {
      await kit.P[k].context().clearCookies();
      await signIn(kit.P[k], kit.P[k].phone);
    }));
  };
  kit.done = async (page, name) => {
    if (!page.desk) await assertNoHScroll(page);
    assertNoProblems(page);
    if (process.env.WG_SHOTS) await shot(page, `${prefix}-${STORE}-${name}`);
  };
  return kit;
}
