// The points shop (积分超市): a redemption reserves stock and points in one
// transaction; 50 residents at once for the last 5 bags of rice get exactly
// 5, one resident's 50 tries at once never spend below zero; staff hand
// over or cancel, and a cancellation returns both; per-person limits and
// the quarterly redemption days hold; bad input writes nothing; the ledger
// proves itself afterwards.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { useServer, Client, PHONES, BIN, sanitizerEnv } from './helpers.mjs';

const h = useServer();
const c = {};
const id = {};
const crowd = [];
let community, rice;

before(async () => {
  await h.ready;
  for (const k of ['staff', 'resident', 'tenant', 'fStaff', 'fResident']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
    id[k] = (await c[k].get('/api/v1/me')).json.id;
  }
  community = (await c.staff.get('/api/v1/me')).json.community_id;
  const set = await c.staff.put(`/api/v1/places/${community}/settings`, { points_day_cap: '0', points_month_cap: '0' });
  assert.equal(set.status, 200, set.text);
  const building = (await c.staff.get(`/api/v1/places/${community}/children`)).json.items[0].id;
  const b = (await c.staff.get(`/api/v1/places/${building}/children`)).json.items[0].id;
  const poster = await c.staff.get(`/places/${b}/poster`);
  const [, bId, key] = /\/register\?building=(\d+)&(?:amp;)?key=([0-9A-Za-z%_-]+)/.exec(poster.text);
  const anon = new Client(h.url, 'anon');
  const hh = (await anon.get(`/api/v1/registration?building=${bId}&key=${key}`)).json.households[0].id;
  for (let i = 0; i < 50; i++) {
    const phone = `1380000${String(i + 5000).padStart(4, '0')}`;
    const x = new Client(h.url, `s${i}`);
    await x.csrf();
    const r = await x.post('/api/v1/registrations', { phone, name: `兑换者${i}`, password: 'secret-pass-1', building_id: Number(bId),
      key: decodeURIComponent(key), household_id: hh, relation: 'tenant' });
    assert.equal(r.status, 201, r.text);
    assert.equal((await c.staff.post(`/api/v1/claims/${r.json.claim_id}/decision`, { approve: true })).status, 200);
    await x.signIn(phone, 'secret-pass-1');
    const pid = (await x.get('/api/v1/me')).json.id;
    const a = await c.staff.post(`/api/v1/people/${pid}/points`, { amount: 30, reason: '清理车棚', key: `crowd-${i}` });
    assert.equal(a.status, 201, a.text);
    crowd.push(x);
  }
});

const item = (body) => c.staff.post('/api/v1/shop/items', { community_id: community, name: '大米一袋', description: '5 公斤东北大米',
  price: 30, stock: 5, ...body });

test('50 at once for the last 5: exactly 5 redeemed, neither stock nor points below zero', async () => {
  const r = await item({});
  assert.equal(r.status, 201, r.text);
  rice = r.json;
  assert.equal(rice.stock, 5);
  const rs = await Promise.all(crowd.map((x) => x.post(`/api/v1/shop/items/${rice.id}/redeem`, { qty: 1 })));
  const ok = rs.filter((x) => x.status === 201);
  assert.equal(ok.length, 5, rs.map((x) => x.status).join(','));
  assert.ok(rs.filter((x) => x.status !== 201).every((x) => x.status === 409 && x.json.error.code === 'shop_out_of_stock'));
  const shop = (await crowd[0].get('/api/v1/shop')).json;
  assert.equal(shop.items.find((i) => i.id === rice.id).stock, 0);
  let spent = 0;
  for (const x of crowd) spent += (await x.get('/api/v1/points')).json.balance === 0 ? 1 : 0;
  assert.equal(spent, 5);
});

test('one resident trying 50 times at once never spends below zero', async () => {
  const oil = (await item({ name: '食用油', price: 10, stock: 100 })).json;
  let x; // one who did not win rice: which ones did is the race's
  for (const k of crowd) if ((await k.get('/api/v1/points')).json.balance === 30) { x = k; break; }
  const before0 = (await x.get('/api/v1/points')).json.balance;
  assert.equal(before0, 30);
  const rs = await Promise.all(Array.from({ length: 50 }, () => x.post(`/api/v1/shop/items/${oil.id}/redeem`, { qty: 1 })));
  assert.equal(rs.filter((r) => r.status === 201).length, before0 / 10);
  assert.ok(rs.filter((r) => r.status !== 201).every((r) => r.json.error.code === 'points_not_enough'));
  assert.equal((await x.get('/api/v1/points')).json.balance, 0);
});

test('staff hand over; a cancellation returns stock and points; a settled one stays settled', async () => {
  const soap = (await item({ name: '洗衣皂', price: 5, stock: 3, limit_qty: 1, limit_period: 'quarter' })).json;
  const rich = [];
  for (const k of crowd.slice(0, 48)) if ((await k.get('/api/v1/points')).json.balance >= 30) rich.push(k);
  const [x, y] = rich;
  const b0 = (await x.get('/api/v1/points')).json.balance;
  let r = await x.post(`/api/v1/shop/items/${soap.id}/redeem`, {});
  assert.equal(r.status, 201, r.text);
  const first = r.json.id;
  r = await x.post(`/api/v1/shop/items/${soap.id}/redeem`, {});
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'shop_limit_reached');
  const queue = (await c.staff.get('/api/v1/shop/redemptions?queue=true')).json.items;
  assert.ok(queue.some((q) => q.id === first));
  assert.equal((await x.post(`/api/v1/shop/redemptions/${first}/fulfil`, {})).status, 403, 'not hers to hand over');
  r = await c.staff.post(`/api/v1/shop/redemptions/${first}/fulfil`, {});
  assert.equal(r.status, 200, r.text);
  r = await x.post(`/api/v1/shop/redemptions/${first}/cancel`, {});
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'shop_redemption_decided');
  // another, cancelled while reserved: both return
  const yb = (await y.get('/api/v1/points')).json.balance;
  r = await y.post(`/api/v1/shop/items/${soap.id}/redeem`, {});
  assert.equal(r.status, 201);
  assert.equal((await y.get('/api/v1/points')).json.balance, yb - 5);
  r = await y.post(`/api/v1/shop/redemptions/${r.json.id}/cancel`, { reason: '不需要了' });
  assert.equal(r.status, 200, r.text);
  const st = (await y.get('/api/v1/points')).json;
  assert.equal(st.balance, yb);
  assert.equal(st.items[0].kind, 'refund');
  assert.equal(st.items[0].amount, 5);
  const shop = (await y.get('/api/v1/shop')).json;
  assert.equal(shop.items.find((i) => i.id === soap.id).stock, 2);
  assert.equal((await x.get('/api/v1/points')).json.balance, b0 - 5);
  const mine = (await y.get('/api/v1/shop/redemptions')).json.items;
  assert.equal(mine[0].status, 'cancelled');
});

test('redemption days: only the first days of a quarter when the community says so', async () => {
  const set = await c.staff.put(`/api/v1/places/${community}/settings`, { shop_quarter_days: '1', shop_point_yuan: '1' });
  assert.equal(set.status, 200);
  const now = new Date(Date.now() + h.clockOffset * 1000 + 8 * 3600 * 1000);
  const firstOfQuarter = now.getUTCDate() === 1 && now.getUTCMonth() % 3 === 0;
  const towel = (await item({ name: '毛巾', price: 1, stock: 10 })).json;
  const r = await crowd[12].post(`/api/v1/shop/items/${towel.id}/redeem`, {});
  if (firstOfQuarter) assert.equal(r.status, 201);
  else assert.deepEqual([r.status, r.json.error.code], [409, 'shop_closed_today']);
  const shop = (await crowd[12].get('/api/v1/shop')).json;
  assert.equal(shop.point_is_yuan, true);
  assert.equal(shop.quarter_days, 1);
  const page = await crowd[12].get('/shop');
  assert.match(page.text, /相当于 ¥1/);
  assert.equal((await c.staff.put(`/api/v1/places/${community}/settings`, { shop_quarter_days: '0' })).status, 200);
});

test('staff add goods from the page; residents see no such form', async () => {
  let page = await c.staff.get('/shop');
  assert.match(page.text, /<form method="post" action="\/shop\/items">/);
  assert.doesNotMatch((await crowd[0].get('/shop')).text, /action="\/shop\/items"/);
  const r = await c.staff.post('/shop/items', undefined, { form: { _csrf: c.staff.csrfToken, name: '牙膏', description: '',
    price: '8', stock: '30', limit_qty: '2', limit_period: 'month' } });
  assert.equal(r.status, 303, r.text);
  const toothpaste = (await c.staff.get('/api/v1/shop')).json.items.find((i) => i.name === '牙膏');
  assert.deepEqual([toothpaste.price, toothpaste.stock, toothpaste.limit], [8, 30, { qty: 2, period: 'month' }]);
  const bad = await c.staff.post('/shop/items', undefined, { form: { _csrf: c.staff.csrfToken, name: '坏', price: 'x', stock: '1', limit_qty: '0' } });
  assert.equal(bad.status, 422);
  page = await crowd[0].post('/shop/items', undefined, { form: { _csrf: crowd[0].csrfToken, name: '居民', price: '1', stock: '1', limit_qty: '0' } });
  assert.equal(page.status, 403);
});

test('another community, residents, bad input: a clear answer and nothing written', async () => {
  assert.equal((await c.fResident.post(`/api/v1/shop/items/${rice.id}/redeem`, {})).status, 404);
  assert.equal((await c.fStaff.post(`/api/v1/shop/items/${rice.id}/stock`, { delta: 5, reason: '越界' })).status, 404);
  assert.equal((await c.resident.post('/api/v1/shop/items', { community_id: community, name: '自己上架', price: 1 })).status, 403);
  assert.equal((await c.resident.get('/api/v1/shop/redemptions?queue=true')).status, 403);
  const before0 = (await c.staff.get('/api/v1/shop')).json.items.length;
  for (const [body, code] of [[{ price: 0 }, 'shop_price_invalid'], [{ stock: 100001 }, 'shop_stock_invalid'],
    [{ limit_period: 'week', limit_qty: 1 }, 'shop_period_invalid'], [{ name: '' }, 'name_required'],
    [{ name: '名'.repeat(61) }, 'shop_name_invalid']]) {
    const r = await item(body);
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  assert.equal((await c.staff.get('/api/v1/shop')).json.items.length, before0);
  let r = await crowd[20].post(`/api/v1/shop/items/${rice.id}/redeem`, { qty: 11 });
  assert.equal(r.status, 422);
  r = await c.staff.post(`/api/v1/shop/items/${rice.id}/stock`, { delta: -1, reason: '盘点' });
  assert.equal(r.status, 409, 'never below zero');
  r = await c.staff.post(`/api/v1/shop/items/${rice.id}/stock`, { delta: 10, reason: '' });
  assert.equal(r.status, 422);
  r = await c.staff.post(`/api/v1/shop/items/${rice.id}/stock`, { delta: 10, reason: '新到货' });
  assert.equal(r.status, 200);
  assert.equal(r.json.stock, 10);
  const check = spawnSync(BIN, ['ledger-check', '--db', h.db], { env: sanitizerEnv(), encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
});
