// Community staff on a phone: the desk, approving a household claim, taking a
// resident's matter into deliberation, coverage, the people list with masked
// phones, the building's QR poster. Also: every link of the desk opens for
// each kind of staff.
// The tests of this file run in order on one demo database: later ones
// rely on what earlier ones did (the approved claim, the registration).
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  STAFF, PENDING, RESIDENT, startServer, launchBrowser, phoneContext, signedInContext, watch, signIn, submitAndWait, mainText,
  assertNoHScroll, assertAxeClean, assertNoProblems, clearProblems, shot, apiClient, changeStage, stageChoices,
} from './helpers.mjs';

const STREET_ADMIN = '13800000001'; // 王建国
const GRID_WORKER = '13800001101'; // 刘志强, 第1网格

let server, browser, ctx, page, pendingCtx, pendingPage;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ctx = await phoneContext(browser, server.base);
  page = watch(await ctx.newPage());
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly on SIGTERM\n${server?.log()}`);
});

async function checkPage(p, name, { axe = false, shot: take = true } = {}) {
  await assertNoHScroll(p);
  if (axe) await assertAxeClean(p);
  if (take) await shot(p, `staff-${name}`);
  assertNoProblems(p);
}

function placesOf(p) {
  return p.locator('dl.places').evaluate((dl) => {
    const out = {};
    for (const dt of dl.querySelectorAll('dt')) out[dt.textContent.trim()] = dt.nextElementSibling.textContent.replace(/\s+/g, ' ').trim();
    return out;
  });
}

test('the pending registrant sees her claim waiting and no household yet', async () => {
  pendingCtx = await signedInContext(browser, server.base, PENDING);
  pendingPage = watch(await pendingCtx.newPage());
  await pendingPage.goto('/');
  assert.match(await pendingPage.locator('main h1').innerText(), /杨小雨/);
  const claims = pendingPage.locator('section', { has: pendingPage.locator('h2', { hasText: '我的住户认证' }) });
  assert.match(await claims.innerText(), /201 · 3栋\s*—\s*待审核/);
  assert.equal(await pendingPage.locator('dl.places').count(), 0);
  await checkPage(pendingPage, 'pending-home', { shot: false });
});

test('staff sign in and open the desk from the nav', async () => {
  await signIn(page, STAFF);
  await submitAndWait(page, page.locator('header nav a', { hasText: '工作台' }));
  assert.equal(new URL(page.url()).pathname, '/staff');
  assert.equal(await page.locator('main h1').innerText(), '社区工作台');
  assert.deepEqual(await page.locator('ul.desks > li > strong').allInnerTexts(), ['社区 · 龙湖社区']);
  await checkPage(page, 'desk');
});

test('the pending claims page shows 杨小雨 for 3栋 201; approving it removes it and says so once', async () => {
  await page.goto('/staff');
  await submitAndWait(page, page.locator('main a', { hasText: '待审核的住户认证' }));
  assert.equal(new URL(page.url()).pathname, '/staff/claims');
  assert.match(await page.locator('main h1').innerText(), /待审核的住户认证 · 龙湖社区/);
  const claim = page.locator('section.claim', { hasText: '杨小雨' });
  assert.equal(await claim.count(), 1);
  const text = (await claim.innerText()).replace(/\s+/g, ' ');
  assert.match(text, /杨小雨 · 138\*{4}1301 · 业主/);
  assert.match(text, /3栋 201/);
  assert.match(text, /待审核/);
  await checkPage(page, 'claims', { axe: true });

  await submitAndWait(page, claim.locator('button', { hasText: '通过' }));
  assert.equal(new URL(page.url()).pathname, '/staff/claims');
  assert.equal(await page.locator('p.flash[role=status]').innerText(), '已处理这份住户认证。');
  assert.equal(await page.locator('section.claim', { hasText: '杨小雨' }).count(), 0);
  assert.match(await mainText(page), /没有需要处理的认证/);
  await checkPage(page, 'claims-approved', { shot: false });

  // it is listed among the approved ones
  await submitAndWait(page, page.locator('main a', { hasText: '已通过' }));
  assert.match((await page.locator('section.claim', { hasText: '杨小雨' }).innerText()).replace(/\s+/g, ' '), /3栋 201 .*已通过/);
  assert.equal(await page.locator('section.claim button').count(), 0, 'a decided claim has no buttons');
  assertNoProblems(page);
});

test('signed in as 杨小雨 (a new browser context), her household line now shows', async () => {
  await pendingCtx.close();
  const c = await phoneContext(browser, server.base);
  const p = watch(await c.newPage());
  await signIn(p, PENDING);
  const rows = await placesOf(p);
  assert.equal(rows['住户'], '3栋201');
  assert.equal(rows['楼栋'], '3栋', '3栋 has no building leader');
  assert.match(rows['网格'], /^第1网格 · 网格员：刘志强/);
  assert.match(rows['社区'], /^龙湖社区 .*社区工作者：李红梅/);
  assert.equal(await p.locator('h2', { hasText: '我的住户认证' }).count(), 0, 'no claim is waiting any more');
  await checkPage(p, 'approved-home');
  // she can now take part: the propose form offers her building
  await p.goto('/matters/new');
  assert.ok((await p.locator('#m-place option').allInnerTexts()).map((s) => s.trim()).includes('楼栋 · 3栋'));
  await c.close();
});

test("a resident's proposed matter is accepted into deliberation: 征集中 → 协商中 on the timeline", async () => {
  // 赵桂兰 proposes through the JSON API
  const api = await apiClient(server.base, RESIDENT);
  const me = await (await api.get('/api/v1/me')).json();
  const building = me.places.flatMap((p) => p.line).find((pl) => pl.kind === 'building');
  assert.equal(building.name, '1栋');
  const res = await api.post('/api/v1/matters', {
    place_id: building.id, category: 'environment', title: '1栋楼下垃圾桶加盖', body: '夏天**气味很大**，建议加盖。',
  });
  assert.equal(res.status(), 201, await res.text());
  await api.dispose();

  // the staff find it among the matters collecting support
  await page.goto('/staff');
  await submitAndWait(page, page.locator('main a', { hasText: '征集中的事项' }));
  assert.equal(new URL(page.url()).searchParams.get('stage'), 'collecting');
  const stages = await page.locator('li.matter .badge').allInnerTexts();
  assert.ok(stages.length >= 2 && stages.every((s) => s.trim() === '征集中'), stages.join(','));
  await submitAndWait(page, page.locator('li.matter > a', { hasText: '1栋楼下垃圾桶加盖' }));
  assert.equal((await page.locator('#stage').innerText()).trim(), '征集中');
  assert.equal(await page.locator('.body strong').innerText(), '气味很大');
  // one choice with one reason, not a form per step
  assert.equal(await page.locator('#next-steps form').count(), 1);
  assert.equal(await page.locator('#next-steps textarea').count(), 1);
  const buttons = await stageChoices(page);
  assert.ok(buttons.includes('受理，进入协商'), buttons.join(','));
  assert.ok(buttons.includes('不予采纳'), buttons.join(','));
  await checkPage(page, 'matter-collecting', { shot: false });

  await changeStage(page, 'deliberating', '列入下周红凳子议事会');
  assert.equal(await page.locator('p.flash[role=status]').innerText(), '事项已进入下一阶段。');
  assert.match(new URL(page.url()).pathname, /^\/matters\/\d+$/);
  assert.equal((await page.locator('#stage').innerText()).trim(), '协商中');
  const entries = (await page.locator('ol.timeline > li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  assert.equal(entries.length, 2, entries.join(' | '));
  assert.match(entries[0], /赵桂兰 提出事项/);
  assert.match(entries[1], /李红梅 征集中 → 协商中/);
  assert.match(entries[1], /列入下周红凳子议事会/);
  // the next steps are now those of deliberation
  const next = await stageChoices(page);
  assert.ok(next.includes('决定通过，开始公示'), next.join(','));
  assert.ok(!next.includes('受理，进入协商'));
  await checkPage(page, 'matter-deliberating');
});

test('a rejection without a reason is refused with a message', async () => {
  await page.goto('/matters?stage=collecting');
  await submitAndWait(page, page.locator('li.matter > a', { hasText: '3栋楼道灯维修' }));
  await changeStage(page, 'rejected', '');
  assert.equal(page.url().endsWith('/transitions'), true);
  assert.match(await mainText(page), /请填写理由/);
  clearProblems(page); // the 422 was deliberate
  await page.goBack();
  await page.reload();
  assert.equal((await page.locator('#stage').innerText()).trim(), '征集中', 'nothing changed');
});

test('coverage: 第3网格 has no grid worker; 3栋 and 4栋 have no building leader, 1栋 has', async () => {
  await page.goto('/staff');
  await submitAndWait(page, page.locator('main a', { hasText: '网格与楼栋覆盖' }));
  assert.match(await page.locator('main h1').innerText(), /网格与楼栋覆盖 · 龙湖社区/);
  const grids = (await page.locator('#grids-no-worker li').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(grids, ['第3网格']);
  const buildings = (await page.locator('#buildings-no-leader li').allInnerTexts()).map((s) => s.trim());
  assert.ok(buildings.includes('3栋') && buildings.includes('4栋'), buildings.join(','));
  assert.ok(!buildings.includes('1栋') && !buildings.includes('2栋') && !buildings.includes('5栋'), buildings.join(','));
  assert.deepEqual([...buildings].sort(), ['10栋', '3栋', '4栋', '7栋', '8栋', '9栋']);
  assert.match(await page.locator('h2', { hasText: '没有楼栋长的楼栋' }).innerText(), /\(6\)/);
  assert.deepEqual((await page.locator('#grids-no-party li').allInnerTexts()).map((s) => s.trim()), ['第3网格']);
  await checkPage(page, 'coverage');
});

test('coverage lists the buildings in their natural order (3栋 before 7栋)', async () => {
  await page.goto('/staff/coverage');
  const buildings = (await page.locator('#buildings-no-leader li').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(buildings, ['3栋', '4栋', '7栋', '8栋', '9栋', '10栋']);
});

test('the building poster page has an inline SVG QR code that leads to registration for that building', async () => {
  await page.goto('/staff/coverage');
  await submitAndWait(page, page.locator('#buildings-no-leader a', { hasText: /^3栋$/ }));
  assert.equal((await page.locator('main h1').innerText()).trim(), '3栋');
  await submitAndWait(page, page.locator('main a', { hasText: '打印楼栋二维码海报' }));
  assert.match(new URL(page.url()).pathname, /^\/places\/\d+\/poster$/);
  assert.equal(await page.locator('main h1').innerText(), '龙湖社区 · 3栋');
  const svg = page.locator('.qr > svg');
  assert.equal(await svg.count(), 1, 'an inline <svg>, not an <img>');
  const box = await svg.boundingBox();
  assert.ok(box.width >= 200 && box.height >= 200 && Math.abs(box.width - box.height) < 1, JSON.stringify(box));
  assert.ok((await svg.locator('path, rect').count()) > 0, 'the SVG draws something');
  assert.equal(await page.locator('.qr img').count(), 0);
  const url = (await page.locator('p.url').innerText()).trim();
  assert.match(url, new RegExp(`^${server.base.replace(/[.]/g, '\\.')}/register\\?building=\\d+&key=\\w+$`));
  await checkPage(page, 'poster');

  // the encoded address opens the registration form of 3栋 for someone not signed in
  const anon = await phoneContext(browser, server.base);
  const ap = watch(await anon.newPage());
  await ap.goto(url);
  assert.match(await mainText(ap), /龙湖社区 · 3栋/);
  assert.deepEqual((await ap.locator('#r-household option').allInnerTexts()).map((s) => s.trim()),
    ['3栋101', '3栋102', '3栋201', '3栋202', '3栋301', '3栋302']);
  await checkPage(ap, 'register');
  // a neighbour registers for 3栋202: the claim waits for the staff
  await ap.selectOption('#r-household', { label: '3栋202' });
  await ap.selectOption('#r-relation', 'tenant');
  await ap.fill('#r-name', '林小北');
  await ap.fill('#r-phone', '13900002301');
  await ap.fill('#r-password', 'linxiaobei1');
  await submitAndWait(ap, ap.locator('form[action="/register"] button[type=submit]'));
  assert.match(await ap.locator('main h1').innerText(), /登记已提交/);
  assertNoProblems(ap);
  await anon.close();
});

test('the people page masks phones; the reveal form shows the full number once a reason is given', async () => {
  await page.goto('/staff');
  await submitAndWait(page, page.locator('main a', { hasText: '居民名册' }));
  assert.equal(new URL(page.url()).pathname, '/staff/people');
  const rows = (await page.locator('ul.people > li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' '));
  assert.ok(rows.length >= 10, rows.join(' | '));
  for (const r of rows) assert.match(r, /^\S+ · 1\d\d\*{4}\d{4}\b/, r);
  assert.ok(rows.some((r) => r.startsWith('杨小雨 · 138****1301')), 'the newly approved resident is listed');
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /1\d{10}/, 'no full phone number on the list');
  assert.match(rows.find((r) => r.includes('赵桂兰')), /138\*{4}1201/);
  await checkPage(page, 'people', { axe: true });

  const row = page.locator('ul.people > li', { has: page.locator('strong', { hasText: '赵桂兰' }) });
  await row.locator('input[name=reason]').fill('通知议事会开会时间');
  await submitAndWait(page, row.locator('button', { hasText: '查看完整号码' }));
  assert.equal(await page.locator('main h1').innerText(), '赵桂兰');
  assert.equal((await page.locator('#full-phone').innerText()).trim(), '13800001201');
  assert.match(await mainText(page), /本次查看已记入审计日志/);
  await checkPage(page, 'phone');
});

test('revealing a phone without a reason is refused', async () => {
  await page.goto('/staff/people');
  const row = page.locator('ul.people > li', { has: page.locator('strong', { hasText: '赵桂兰' }) });
  await row.locator('input[name=reason]').evaluate((i) => i.removeAttribute('required'));
  await submitAndWait(page, row.locator('button', { hasText: '查看完整号码' }));
  assert.doesNotMatch(await page.locator('main').innerText(), /13800001201/);
  assert.match(await mainText(page), /请填写理由/);
  clearProblems(page); // the 4xx was deliberate
});

/* The hrefs of the staff card on the home page and of the staff desk, and
 * the status each answers with, fetched with the person's session. */
async function deskLinks(phone) {
  const api = await apiClient(server.base, phone);
  const hrefs = new Set();
  const home = await (await api.get('/')).text();
  const card = /<h2>(?:<a [^>]*>)?社区工作台(?:<\/a>)?<\/h2>([\s\S]*?)<\/section>/.exec(home);
  assert.ok(card, 'the home page has a staff card');
  for (const m of (card ? card[1] : '').matchAll(/href="([^"]+)"/g)) hrefs.add(m[1].replace(/&amp;/g, '&'));
  const desk = await (await api.get('/staff')).text();
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(desk)[1];
  for (const m of main.matchAll(/href="([^"]+)"/g)) hrefs.add(m[1].replace(/&amp;/g, '&'));
  const broken = [];
  for (const h of hrefs) {
    const st = (await api.get(h, { maxRedirects: 0 })).status();
    if (st !== 200) broken.push(`${h} → ${st}`);
  }
  await api.dispose();
  return { hrefs: [...hrefs], broken };
}

test("the street admin: a claim decided from a community's list comes back to that list with the flash", async () => {
  const c = await signedInContext(browser, server.base, STREET_ADMIN);
  const p = watch(await c.newPage());
  await p.goto('/staff');
  assert.deepEqual(await p.locator('ul.desks > li > strong').allInnerTexts(), ['社区 · 龙湖社区', '社区 · 凤凰苑社区', '社区 · 桃源社区', '社区 · 青山社区', '社区 · 长丰社区']);
  const longhu = p.locator('ul.desks > li', { has: p.locator('strong', { hasText: '龙湖社区' }) });
  await submitAndWait(p, longhu.locator('a', { hasText: '待审核的住户认证' }));
  const claimsUrl = new URL(p.url());
  assert.match(await p.locator('main h1').innerText(), /待审核的住户认证 · 龙湖社区/);
  const claim = p.locator('section.claim', { hasText: '林小北' });
  assert.match((await claim.innerText()).replace(/\s+/g, ' '), /林小北 · 139\*{4}2301 · 租户/);
  await submitAndWait(p, claim.locator('button', { hasText: '通过' }));
  const landed = new URL(p.url());
  const heading = await p.locator('main h1').innerText();
  const flash = (await p.locator('p.flash').count()) ? await p.locator('p.flash').innerText() : '';
  clearProblems(p);
  // the decision itself was saved
  await p.goto(claimsUrl.href);
  assert.equal(await p.locator('section.claim', { hasText: '林小北' }).count(), 0, 'the claim is decided');
  assert.equal(landed.searchParams.get('community'), claimsUrl.searchParams.get('community'),
    `after deciding, back on 龙湖社区's claims (landed on ${landed.pathname}${landed.search}: "${heading}")`);
  assert.match(heading, /待审核的住户认证 · 龙湖社区/);
  assert.equal(flash, '已处理这份住户认证。', 'the page after the decision says it was done');
  await c.close();
});

test('every link of the staff desk and the home staff card opens, for community staff, street admin and grid worker', async () => {
  const broken = {};
  for (const [who, phone] of [['community staff', STAFF], ['street admin', STREET_ADMIN], ['grid worker', GRID_WORKER]]) {
    const r = await deskLinks(phone);
    // a grid worker's desk is their grid: its people and its matters
    assert.ok(r.hrefs.length >= (who === 'grid worker' ? 2 : 4), `${who}: ${r.hrefs}`);
    if (r.broken.length) broken[who] = r.broken;
  }
  assert.deepEqual(broken, {}, 'links offered to staff that do not open');
});
