// A resident on a 360 px phone: sign in, see where she lives and who is
// responsible, read the community's matters, propose one, follow another.
// The tests of this file run in order and share one signed-in page.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESIDENT, startServer, launchBrowser, phoneContext, watch, signIn, submitAndWait, mainText,
  assertNoHScroll, assertAxeClean, assertNoProblems, shot,
} from './helpers.mjs';

let server, browser, ctx, page;

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

/* Each page visited: fits the phone, no console/CSP/HTTP errors. */
async function checkPage(name, { axe = false, shot: take = true } = {}) {
  await assertNoHScroll(page);
  if (axe) await assertAxeClean(page);
  if (take) await shot(page, `resident-${name}`);
  assertNoProblems(page);
}

test('the welcome page leads to the sign-in form', async () => {
  await page.goto('/');
  assert.match(await mainText(page), /欢迎来到共同缔造/);
  await checkPage('welcome');
  await submitAndWait(page, page.locator('header nav a', { hasText: '登录' }));
  assert.equal(new URL(page.url()).pathname, '/signin');
  assert.equal(await page.locator('#phone').getAttribute('type'), 'tel');
  await checkPage('signin', { axe: true });
});

test('a wrong password keeps her on the sign-in form with a message', async () => {
  await page.goto('/signin');
  await page.fill('#phone', RESIDENT);
  await page.fill('#password', 'not-the-password');
  await submitAndWait(page, page.locator('form[action="/signin"] button[type=submit]'));
  assert.match(await page.locator('[role=alert]').innerText(), /手机号或密码不正确/);
  assert.equal(await page.locator('#phone').inputValue(), RESIDENT, 'the phone is kept');
  page.problems.length = 0; // the 401 was deliberate
});

test('signed in, the home page shows her household, building, grid and community with who is responsible', async () => {
  await signIn(page, RESIDENT);
  assert.match(await page.locator('h1').innerText(), /赵桂兰/);
  const rows = await page.locator('dl.places').evaluate((dl) => {
    const out = {};
    for (const dt of dl.querySelectorAll('dt')) out[dt.textContent.trim()] = dt.nextElementSibling.textContent.replace(/\s+/g, ' ').trim();
    return out;
  });
  assert.equal(rows['住户'], '1栋101');
  assert.match(rows['楼栋'], /^1栋 · 楼栋长：孙德明/);
  assert.match(rows['网格'], /^第1网格 · 网格员：刘志强/);
  assert.match(rows['社区'], /^龙湖社区 .*社区工作者：李红梅/);
  // the nav offers the matters, not the staff desk
  assert.equal(await page.locator('header nav a', { hasText: '社区事项' }).count(), 1);
  assert.equal(await page.locator('header nav a[href="/staff"]').count(), 0);
  // the footer shows who is signed in, with the number masked
  assert.match(await page.locator('footer .signout span').innerText(), /赵桂兰 · 138\*{4}1201/);
  await checkPage('home', { axe: true });
});

test('the community place page lists its responsible people and leads to its matters', async () => {
  await submitAndWait(page, page.locator('dl.places a', { hasText: '龙湖社区' }));
  assert.match(new URL(page.url()).pathname, /^\/places\/\d+$/);
  assert.equal((await page.locator('main h1').innerText()).trim(), '龙湖社区');
  assert.match(await mainText(page), /社区工作者：李红梅/);
  await checkPage('community', { shot: false });
  await submitAndWait(page, page.locator('main a', { hasText: '这里的事项' }));
  assert.match(await mainText(page), /范围：龙湖社区/);
  assert.ok(await page.locator('li.matter').count() >= 5);
  await checkPage('community-matters', { shot: false });
});

test('the matters list and a matter with its full timeline', async () => {
  await page.goto('/');
  await submitAndWait(page, page.locator('header nav a', { hasText: '社区事项' }));
  assert.equal(new URL(page.url()).pathname, '/matters');
  assert.equal((await page.locator('main h1').innerText()).trim(), '社区事项');
  const titles = await page.locator('li.matter > a').allInnerTexts();
  assert.ok(titles.includes('红凳子议事会：东院停车收费调整'), titles.join(' | '));
  assert.ok(titles.includes('3栋楼道灯维修'));
  await checkPage('matters', { axe: true });

  await submitAndWait(page, page.locator('li.matter > a', { hasText: '红凳子议事会：东院停车收费调整' }));
  assert.match(new URL(page.url()).pathname, /^\/matters\/\d+$/);
  assert.equal(await page.locator('main h1').innerText(), '红凳子议事会：东院停车收费调整');
  assert.equal((await page.locator('#stage').innerText()).trim(), '协商中');
  // the Markdown body is rendered, its bold as <strong>
  assert.deepEqual(await page.locator('.body strong').allInnerTexts(), ['建议', '红凳子议事会']);
  // the five co's: 决策共谋 is the current phase
  assert.equal((await page.locator('ol.phases li.current').innerText()).trim(), '决策共谋');
  // the timeline (全过程记录): proposed by her, then accepted by the staff with a reason
  const tl = page.locator('section', { has: page.locator('h2', { hasText: '全过程记录' }) });
  assert.equal(await tl.count(), 1);
  const entries = (await tl.locator('ol.timeline > li').allInnerTexts()).map((s) => s.replace(/\s+/g, ' '));
  assert.equal(entries.length, 2, entries.join(' | '));
  assert.match(entries[0], /赵桂兰 提出事项/);
  assert.match(entries[1], /李红梅 征集中 → 协商中/);
  assert.match(entries[1], /红凳子议事会受理，列入本月议程/);
  // as its author she may only withdraw it: a quiet option, folded, not a next step; the staff's are not offered
  assert.equal(await page.locator('#next-steps').count(), 0);
  assert.equal((await page.locator('details#withdraw summary').innerText()).trim(), '我想撤回这件事');
  assert.equal(await page.locator('details#withdraw').evaluate((d) => d.open), false);
  assert.equal(await page.locator('details#withdraw #withdraw-reason[required]').count(), 1, 'withdrawing needs a reason');
  await checkPage('matter', { axe: true });
});

test('she proposes a matter for her building; it opens collecting, rendered, with her as its follower', async () => {
  await page.goto('/matters');
  await submitAndWait(page, page.locator('main a', { hasText: '提出事项' }));
  assert.equal(new URL(page.url()).pathname, '/matters/new');
  const places = (await page.locator('#m-place option').allInnerTexts()).map((s) => s.trim());
  assert.ok(places.includes('楼栋 · 1栋'), places.join(' | '));
  assert.ok(places.includes('网格 · 第1网格'), places.join(' | '));
  assert.ok(places.includes('社区 · 龙湖社区'), places.join(' | '));
  assert.equal(places.length, 3, 'only her own building, grid and community');
  await checkPage('propose', { axe: true });

  await page.selectOption('#m-place', { label: '楼栋 · 1栋' });
  await page.selectOption('#m-cat', { label: '公共设施' });
  await page.fill('#m-title', '1栋单元门门禁维修');
  await page.fill('#m-body', '1栋单元门的门禁**经常失灵**，晚上外人随意进出。\n\n- 请物业检修\n- 装一个门铃');
  await submitAndWait(page, page.locator('form[action="/matters"] button[type=submit]'));

  assert.match(new URL(page.url()).pathname, /^\/matters\/\d+$/);
  assert.equal(await page.locator('main h1').innerText(), '1栋单元门门禁维修');
  assert.equal((await page.locator('#stage').innerText()).trim(), '征集中');
  assert.equal(await page.locator('.body strong').innerText(), '经常失灵');
  assert.equal(await page.locator('.body ul li').count(), 2);
  assert.equal(await page.locator('.body').evaluate((b) => b.innerHTML.includes('**')), false);
  assert.equal((await page.locator('#followers').innerText()).trim(), '1');
  assert.equal((await page.locator('#follow-btn').innerText()).trim(), '取消关注');
  assert.match(await page.locator('p.crumbs').innerText(), /1栋 · 公共设施/);
  assert.match(await page.locator('.meta').innerText(), /提出人 赵桂兰/);
  const entries = await page.locator('ol.timeline > li').allInnerTexts();
  assert.equal(entries.length, 1);
  assert.match(entries[0], /赵桂兰\s+提出事项/);
  await checkPage('proposed');

  // it is in the list of 1栋's matters and on her home page
  await page.goto('/');
  assert.ok((await page.locator('ul.matters li.matter > a').allInnerTexts()).includes('1栋单元门门禁维修'));
  assert.match(await page.locator('section', { has: page.locator('h2', { hasText: '我关注的事项' }) }).innerText(), /1栋单元门门禁维修/);
});

test('a proposal without a title comes back with the message and her text kept', async () => {
  await page.goto('/matters/new');
  await page.fill('#m-body', '只有说明');
  await page.locator('#m-title').evaluate((i) => i.removeAttribute('required'));
  await submitAndWait(page, page.locator('form[action="/matters"] button[type=submit]'));
  assert.equal(new URL(page.url()).pathname, '/matters');
  assert.match(await page.locator('[role=alert]').innerText(), /请填写标题/);
  assert.equal(await page.locator('#m-body').inputValue(), '只有说明');
  page.problems.length = 0; // the 422 was deliberate
});

test('she follows another matter: the count goes up and the button becomes 取消关注, and back', async () => {
  await page.goto('/matters');
  await submitAndWait(page, page.locator('li.matter > a', { hasText: '3栋楼道灯维修' }));
  const url = page.url();
  const before = Number(await page.locator('#followers').innerText());
  assert.equal((await page.locator('#follow-btn').innerText()).trim(), '关注');
  await submitAndWait(page, page.locator('#follow-btn'));
  assert.equal(page.url(), url, 'the follow form comes back to the matter');
  assert.equal(Number(await page.locator('#followers').innerText()), before + 1);
  assert.equal((await page.locator('#follow-btn').innerText()).trim(), '取消关注');
  await checkPage('followed', { shot: false });
  // a reload does not repeat the POST (303 redirect)
  await page.reload();
  assert.equal(Number(await page.locator('#followers').innerText()), before + 1);
  // the followed filter of the list shows it
  await page.goto('/matters?followed=1');
  assert.ok((await page.locator('li.matter > a').allInnerTexts()).includes('3栋楼道灯维修'));
  // unfollow
  await page.goto(url);
  await submitAndWait(page, page.locator('#follow-btn'));
  assert.equal(Number(await page.locator('#followers').innerText()), before);
  assert.equal((await page.locator('#follow-btn').innerText()).trim(), '关注');
  assertNoProblems(page);
});

test('the staff pages are closed to a resident', async () => {
  for (const path of ['/staff', '/staff/claims', '/staff/coverage']) {
    const res = await page.goto(path);
    assert.equal(res.status(), 403, path);
    assert.match(await page.locator('main h1').innerText(), /403 · 没有权限/);
  }
  page.problems.length = 0;
});

test('signing out returns to the welcome page and the matters need a sign-in again', async () => {
  await page.goto('/');
  await submitAndWait(page, page.locator('form.signout button'));
  assert.equal(new URL(page.url()).pathname, '/');
  assert.match(await mainText(page), /欢迎来到共同缔造/);
  await page.goto('/matters');
  assert.equal(new URL(page.url()).pathname, '/signin');
  assert.equal(new URL(page.url()).searchParams.get('next'), '/matters');
  assertNoProblems(page);
});
