// Co-building on a 360 px phone, the resident's side: she spends her points
// on a bag of rice in the points shop and staff hand it over; she approves
// projects of the community budget on its vote, and after the close reads
// the result of both rules. Every page fits the phone and passes axe.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESIDENT, STAFF, startServer, launchBrowser, signedInContext, watch, submitAndWait, assertNoProblems, apiClient, shot,
  assertNoHScroll, assertAxeClean,
} from './helpers.mjs';

let server, browser, rice, budget;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const staff = await apiClient(server.base, STAFF);
  const res = await apiClient(server.base, RESIDENT);
  const me = await (await res.get('/api/v1/me')).json();
  const ok = async (r) => { assert.ok(r.ok(), `${r.url()}: ${r.status()} ${await r.text()}`); return r.json(); };
  await ok(await staff.put(`/api/v1/places/${me.community_id}/settings`, { points_day_cap: '0' }));
  await ok(await staff.post(`/api/v1/people/${me.id}/points`, { amount: 20, reason: '清理车棚', key: 'cb-1' }));
  await ok(await staff.post(`/api/v1/people/${me.id}/points`, { amount: 20, reason: '粉刷车棚', key: 'cb-2' }));
  rice = await ok(await staff.post('/api/v1/shop/items', { community_id: me.community_id, name: '大米一袋', description: '5 公斤东北大米',
    price: 30, stock: 5, limit_qty: 1, limit_period: 'quarter' }));
  budget = await ok(await staff.post('/api/v1/budgets', { place_id: me.community_id, title: '2027 年社区微更新预算', total: 50000,
    projects: [{ name: '闲置车棚改造', cost: 20000 }, { name: '楼道扶手', cost: 12000 }, { name: '儿童游乐区地垫', cost: 25000 }],
    closes_at: server.now() + 2 * 86400 }));
  await staff.dispose();
  await res.dispose();
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly\n${server?.log()}`);
});

test('a resident redeems rice with her points; staff hand it over', async () => {
  let ctx = await signedInContext(browser, server.base, RESIDENT);
  let page = watch(await ctx.newPage());
  await page.goto('/');
  await page.click('#cobuild-links a[href="/shop"]');
  assert.equal(await page.locator('#shop-balance').innerText(), '40');
  await submitAndWait(page, page.locator(`#item-${rice.id} button`));
  assert.equal(await page.locator('p.flash[role=status]').innerText(), '兑换成功，请到社区领取。');
  assert.equal(await page.locator('#shop-balance').innerText(), '10');
  assert.match(await page.locator('#mine').innerText(), /大米一袋 × 1 · 30 分\s*待领取/);
  await assertNoHScroll(page);
  await assertAxeClean(page);
  await shot(page, 'shop-resident');
  assertNoProblems(page);
  await ctx.close();
  ctx = await signedInContext(browser, server.base, STAFF);
  page = watch(await ctx.newPage());
  await page.goto('/shop');
  await submitAndWait(page, page.locator('#queue li', { hasText: '赵桂兰' }).locator('button'));
  assert.equal(await page.locator('p.flash[role=status]').innerText(), '已登记领取。');
  await assertNoHScroll(page);
  assertNoProblems(page);
  await ctx.close();
  ctx = await signedInContext(browser, server.base, RESIDENT);
  page = watch(await ctx.newPage());
  await page.goto('/shop');
  assert.match(await page.locator('#mine').innerText(), /已领取/);
  await ctx.close();
});

test('a resident approves budget projects on the vote, and reads both rules after the close', async () => {
  const ctx = await signedInContext(browser, server.base, RESIDENT);
  const page = watch(await ctx.newPage());
  await page.goto(`/budgets/${budget.id}`);
  await page.click('a.button[href^="/votes/"]');
  await page.check('input[name=option][value="0"]');
  await page.check('input[name=option][value="1"]');
  await assertNoHScroll(page);
  await submitAndWait(page, page.locator('#cast-btn'));
  await server.advance(2 * 86400 + 60);
  await page.goto(`/budgets/${budget.id}`);
  const result = page.locator('#budget-result');
  await result.waitFor();
  assert.match(await page.locator('#bp-0').innerText(), /闲置车棚改造 ¥20000 · 赞成 1\s*平均分摊法：✔ 入选\s*按票数多少：✔ 入选/);
  assert.match(await page.locator('#bp-2').innerText(), /儿童游乐区地垫 ¥25000 · 赞成 0\s*平均分摊法：未入选\s*按票数多少：未入选/);
  assert.match(await result.innerText(), /两种算法选出的项目相同。/);
  await assertNoHScroll(page);
  await assertAxeClean(page);
  await shot(page, 'budget-result');
  assertNoProblems(page);
  await ctx.close();
});
