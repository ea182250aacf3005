// The co-building story of issue 12 in the browser, on the real pages:
// residents on 360×640 phones, staff on their phones too, the street
// office at a desk. 凤凰苑's notice on the west-gate bike shed passes with
// no objection; staff take the matter into 共建 and start its project
// (tasks, a budget, money in and out, a milestone). Staff post two
// Saturday shifts of 12 places; thirty residents sign up at once and
// exactly 24 get places, six wait; one cancels on her phone and the first
// in line is told she has a place. The day before, volunteers are
// reminded; on the day a volunteer checks in by the shift's QR code and
// out when she leaves, the organiser confirms her six hours, and she earns
// 5 points an hour by the community's rules. She spends 30 of them on a
// bag of rice that staff put in the points shop and hand over. The
// property company's paint, a resident's day of carpentry and the owners'
// committee's 800 yuan show on the project's public page. The street opens
// 最美社区我来建 for its five communities; assessors and residents score on
// the weighted rubric, the ranking is published with its arithmetic and
// the winner holds a priority flag. 龙湖 puts 50,000 yuan to a
// participatory budget: residents approve projects, the result page shows
// Equal Shares and greedy side by side with why they differ, and `wugong
// tally` recomputes the published document. At the end the ledger check
// passes. Runs on SQLite, and on PostgreSQL when WG_PG_DIR/WG_PG_PORT are
// set. The tests of this file run in order on one database.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BIN, RESIDENT, STAFF, startServer, launchBrowser, submitAndWait, mainText, assertNoHScroll, clearProblems, assertAxeClean,
  changeStage, storyKit,
} from './helpers.mjs';
import { Client, sanitizerEnv } from '../api/helpers.mjs';

const FSTAFF = '13800002001'; // 凤凰苑 community staff
const FRESIDENT = '13800002201'; // 凤凰苑 resident, who proposed the matter
const STREET = '13800000001'; // 军山街道's office
const PASSWORD = 'wugong2026';
const HOUR = 3600, DAY = 86400;

const kit = storyKit('cobuild');
const { P, step, person, signInAgain, done } = kit;
let server, browser;
const W = { crowd: [], voters: [] }; // what the story found out
const work = mkdtempSync(join(tmpdir(), 'wugong-cobuild-'));

/* Local (Asia/Shanghai) date and time of Unix seconds, and back. */
const local = (t) => new Date((t + 8 * HOUR) * 1000).toISOString();
const localDate = (t) => local(t).slice(0, 10);
const at = (date, hm) => Math.floor(Date.parse(`${date}T${hm}:00+08:00`) / 1000);
const idOf = (url, kind) => Number(new RegExp(`/${kind}/(\\d+)`).exec(new URL(url).pathname)[1]);

/* A JSON client signed in now (staff sessions do not outlive a jump of the clock). */
async function api(phone) {
  const c = new Client(server.base, phone);
  await c.signIn(phone);
  return c;
}

const ok = (r, what) => { assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${r.text}`); return r.json; };

/* Registers a resident from a building's poster; staff approve her claim. */
async function register(staff, building, i, phone, name) {
  const poster = await staff.get(`/places/${building}/poster`);
  const [, bId, key] = /\/register\?building=(\d+)&(?:amp;)?key=([0-9A-Za-z%_-]+)/.exec(poster.text);
  const anon = new Client(server.base, 'anon');
  await anon.csrf();
  const hh = (await anon.get(`/api/v1/registration?building=${bId}&key=${key}`)).json.households;
  const r = ok(await anon.post('/api/v1/registrations', { phone, name, password: PASSWORD, building_id: Number(bId),
    key: decodeURIComponent(key), household_id: hh[i % hh.length].id, relation: 'tenant' }), `registration of ${name}`);
  ok(await staff.post(`/api/v1/claims/${r.claim_id}/decision`, { approve: true }), 'claim approved');
  const c = new Client(server.base, phone);
  await c.signIn(phone);
  return c;
}

/* The buildings of a community (its grids' children). */
async function buildings(staff, community) {
  const out = [];
  for (const g of (await staff.get(`/api/v1/places/${community}/children`)).json.items)
    out.push(...(await staff.get(`/api/v1/places/${g.id}/children`)).json.items.map((b) => b.id));
  return out;
}

before(async () => {
  server = kit.server = await startServer();
  browser = kit.browser = await launchBrowser();
  const fstaff = await api(FSTAFF), lstaff = await api(STAFF), fres = await api(FRESIDENT);
  W.F = (await fstaff.get('/api/v1/me')).json.community_id;
  W.L = (await lstaff.get('/api/v1/me')).json.community_id;
  // 凤凰苑's rules: 5 points a volunteer hour (the default), at most 40 a day
  ok(await fstaff.put(`/api/v1/places/${W.F}/settings`, { points_day_cap: '40' }), 'the day cap');
  // the matter: proposed by a resident, deliberated, decided and in its public notice
  const fb = await buildings(fstaff, W.F);
  W.matter = ok(await fres.post('/api/v1/matters', { place_id: fb[0], category: 'facilities', title: '西门闲置停车棚清理改造',
    body: '西门的停车棚闲置多年，堆满废旧自行车。清理后粉刷、装灯，改作电动车停放。' }), 'the matter').id;
  for (const [to, reason] of [['deliberating', '提交议事会'], ['notice', '议事会表决通过：清理西门停车棚，粉刷装灯']])
    W.noticeDays = ok(await fstaff.post(`/api/v1/matters/${W.matter}/transitions`, { to, reason }), `to ${to}`).notice_days;
  // thirty residents of 凤凰苑, registered from their buildings' posters
  for (let i = 0; i < 30; i++)
    W.crowd.push(await register(fstaff, fb[i % 2], i, `1371000${String(i).padStart(4, '0')}`, `邻居${String(i + 1).padStart(2, '0')}`));
  // nine residents of 龙湖 who will approve budget projects
  const lb = await buildings(lstaff, W.L);
  for (let i = 0; i < 9; i++)
    W.voters.push(await register(lstaff, lb[2], i, `1372000${String(i).padStart(4, '0')}`, `龙湖居民${i + 1}`));
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  rmSync(work, { recursive: true, force: true });
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly on SIGTERM\n${server?.log()}`);
});

step('the notice passes with no objection; staff take the matter into co-building and start its project', async () => {
  assert.equal(W.noticeDays, 7, '凤凰苑 gives a notice seven days');
  await server.advance(W.noticeDays * DAY + HOUR);
  const s = await person('fstaff', FSTAFF);
  await s.goto(`/matters/${W.matter}`);
  await changeStage(s, 'building');
  assert.match(await mainText(s), /共建中/);
  await s.click('#project a.button');
  assert.equal(await s.inputValue('#title'), '西门闲置停车棚清理改造', 'the matter names the project');
  await s.fill('#summary', '清理杂物、清洁、粉刷、装灯。');
  await s.fill('#budget', '5000');
  await submitAndWait(s, s.locator('form[action="/projects"] button[type=submit]'));
  W.project = idOf(s.url(), 'projects');
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '项目已建立。');
  for (const t of ['清理杂物', '清洁', '粉刷', '装灯']) {
    await s.locator('#tasks details', { hasText: '添加任务' }).locator('summary').click();
    await s.fill('#task-title', t);
    await submitAndWait(s, s.locator('form[action$="/tasks"] button[type=submit]'));
  }
  await s.locator('#milestones details summary').click();
  await s.fill('#ms-title', '车棚清空');
  await s.fill('#ms-due', localDate(server.now() + 7 * DAY));
  await submitAndWait(s, s.locator('form[action$="/milestones"] button[type=submit]'));
  await s.locator('#money details summary').click();
  await s.fill('#money-amount', '3000');
  await s.fill('#money-what', '社区微更新经费');
  await submitAndWait(s, s.locator('form[action$="/money"] button[type=submit]'));
  await s.locator('#money details summary').click();
  await s.check('#money input[name=direction][value=out]');
  await s.fill('#money-amount', '360');
  await s.fill('#money-what', 'LED 灯 4 盏');
  await submitAndWait(s, s.locator('form[action$="/money"] button[type=submit]'));
  assert.equal(await s.locator('#money-in').innerText(), '3000.00');
  assert.equal(await s.locator('#money-out').innerText(), '360.00');
  assert.match(await s.locator('#tasks').innerText(), /清理杂物[\s\S]*清洁[\s\S]*粉刷[\s\S]*装灯/);
  assert.match(await s.locator('#milestones').innerText(), /车棚清空/);
  assert.equal(await s.locator('#project-progress').innerText(), '0');
  await done(s, 'project');
});

step('staff post two Saturday shifts of 12 places each from their phone', async () => {
  const s = P.fstaff;
  // the first Saturday at least two days ahead (the reminder comes the day before)
  let t = server.now() + 2 * DAY;
  while (new Date((t + 8 * HOUR) * 1000).getUTCDay() !== 6) t += DAY;
  W.saturday = localDate(t);
  for (const [title, from, to, skill] of [['清理杂物', '09:00', '12:00', '力气活'], ['粉刷和装灯', '13:00', '19:00', '会刷漆、懂电工']]) {
    await s.goto('/shifts');
    await s.click('#post-shift summary');
    await s.fill('#shift-title', title);
    await s.fill('#shift-starts', `${W.saturday}T${from}`);
    await s.fill('#shift-ends', `${W.saturday}T${to}`);
    await s.fill('#shift-capacity', '12');
    await s.fill('#shift-skill', skill);
    await s.fill('#shift-location', '西门车棚');
    await submitAndWait(s, s.locator('form[action="/shifts"] button[type=submit]'));
    assert.equal(await s.locator('p.flash[role=status]').innerText(), '志愿服务已发布。');
    assert.match(await mainText(s), new RegExp(`${W.saturday} ${from}–${to}`));
    (W.shifts ??= []).push(idOf(s.url(), 'shifts'));
  }
  assert.equal(await s.locator('#qr svg').count(), 1, 'the QR code to print for the shed');
  await assertAxeClean(s);
  await done(s, 'shift-posted');
});

step('thirty residents sign up at once: exactly 24 get places and six wait', async () => {
  const [A, B] = W.shifts;
  const rs = await Promise.all(W.crowd.map((c, i) => c.post(`/api/v1/shifts/${i < 15 ? A : B}/signups`, {})));
  assert.ok(rs.every((r) => r.status === 201), rs.map((r) => `${r.status} ${r.text}`).find((x) => !x.startsWith('201')));
  assert.equal(rs.filter((r) => r.json.status === 'confirmed').length, 24);
  assert.equal(rs.filter((r) => r.json.status === 'waiting').length, 6);
  W.signup = rs.map((r) => r.json);
  const fstaff = await api(FSTAFF);
  for (const id of [A, B]) {
    const d = (await fstaff.get(`/api/v1/shifts/${id}`)).json;
    assert.deepEqual([d.confirmed, d.waiting, d.places_left], [12, 3, 0]);
  }
  // one who waits sees it on her phone
  const waiter = W.crowd[rs.findIndex((r, i) => i < 15 && r.json.status === 'waiting')];
  const w = await person('waiter', waiter.name);
  await w.goto(`/shifts/${A}`);
  assert.match(await w.locator('#my-signup').innerText(), /候补中/);
  await done(w, 'waiting');
  // the resident who proposed the matter comes late, from the home page: the shift is full, she joins the line
  const r = await person('fresident', FRESIDENT);
  await r.goto('/');
  await r.click('#cobuild-links a[href="/shifts"]');
  await r.click(`a[href="/shifts/${A}"]`);
  assert.equal(await r.locator('#places-left').innerText(), '0');
  await submitAndWait(r, r.locator(`form[action="/shifts/${A}/signup"] button`));
  assert.equal(await r.locator('p.flash[role=status]').innerText(), '名额已满，您在候补名单上，有人取消会通知您。');
  assert.match(await r.locator('#my-signup').innerText(), /我的报名：\s*候补中/);
  await assertAxeClean(r);
  await done(r, 'joined-line');
});

step('one cancels on her phone; the first in line moves up and is told', async () => {
  const [A] = W.shifts;
  const fstaff = await api(FSTAFF);
  const before0 = (await fstaff.get(`/api/v1/shifts/${A}`)).json.roster;
  const leaver = before0.find((x) => x.status === 'confirmed');
  const c = await person('leaver', W.crowd.find((x) => x.me.name === leaver.name).name);
  await c.goto(`/shifts/${A}`);
  await submitAndWait(c, c.locator(`form[action="/signups/${leaver.id}/cancel"] button`));
  assert.equal(await c.locator('p.flash[role=status]').innerText(), '已取消报名。');
  await done(c, 'cancelled');
  const after0 = (await fstaff.get(`/api/v1/shifts/${A}`)).json.roster;
  const moved = after0.filter((x) => x.status === 'confirmed' && before0.find((y) => y.id === x.id).status === 'waiting');
  assert.equal(moved.length, 1, 'exactly one moves up');
  assert.equal((await fstaff.get(`/api/v1/shifts/${A}`)).json.confirmed, 12);
  const m = await person('moved', W.crowd.find((x) => x.me.name === moved[0].name).name);
  await m.goto('/notifications');
  assert.match(await m.locator('ul.notifications').innerText(), /有人取消了，您已从候补转为正式报名/);
  await m.goto(`/shifts/${A}`);
  assert.match(await m.locator('#my-signup').innerText(), /已报名/);
  await done(m, 'moved-up');
});

step('reminded the day before; on the day she checks in by the QR code, out when she leaves; the organiser confirms six hours', async () => {
  const [, B] = W.shifts;
  const vi = W.signup.findIndex((r, i) => i >= 15 && r.status === 'confirmed');
  const volunteer = W.crowd[vi];
  W.volunteer = volunteer;
  const friday = localDate(at(W.saturday, '12:00') - DAY);
  await server.setClock(at(friday, '14:00') - Math.floor(Date.now() / 1000)); // a day before 13:00
  const v = await person('volunteer', volunteer.name);
  await v.goto('/notifications');
  assert.match(await v.locator('ul.notifications').innerText(), /明天有您报名的志愿服务/);
  await done(v, 'reminder');
  const fstaff = await api(FSTAFF);
  const shift = (await fstaff.get(`/api/v1/shifts/${B}`)).json;
  // too early: the QR code answers only within 30 minutes of the start
  await v.goto(shift.checkin_url);
  await submitAndWait(v, v.locator('#scan'));
  assert.match(await mainText(v), /现在不在签到时间内。/);
  clearProblems(v); // the 409 just read
  await server.setClock(at(W.saturday, '12:58') - Math.floor(Date.now() / 1000));
  await v.goto(shift.checkin_url);
  await submitAndWait(v, v.locator('#scan'));
  assert.equal(await v.locator('p.flash[role=status]').innerText(), '签到成功。');
  await done(v, 'checked-in');
  await server.setClock(at(W.saturday, '19:00') - Math.floor(Date.now() / 1000));
  await v.goto(shift.checkin_url);
  await submitAndWait(v, v.locator('#scan'));
  assert.equal(await v.locator('p.flash[role=status]').innerText(), '签退成功，辛苦了！');
  await signInAgain('fstaff');
  const s = P.fstaff;
  await s.goto(`/shifts/${B}`);
  const row = s.locator('#roster li', { hasText: volunteer.me.name });
  await submitAndWait(s, row.locator('form[action$="/confirm"] button'));
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '时长已确认，积分已发放。');
  assert.match(await s.locator('#roster li', { hasText: volunteer.me.name }).innerText(), /时长已确认 36[0-9] 分钟/);
  await done(s, 'confirmed');
  await v.goto('/points');
  assert.equal(await v.locator('#points-balance').innerText(), '30', '6 hours × 5 points');
  assert.match(await v.locator('#points-list').innerText(), /\+30 志愿服务/);
  await assertAxeClean(v);
  await done(v, 'points');
});

step('staff put new rice in the points shop; she spends 30 points on a bag, and staff hand it over', async () => {
  const s = P.fstaff;
  await s.goto('/shop');
  await s.click('#add-item summary');
  await s.fill('#item-name', '新米一袋');
  await s.fill('#item-desc', '今年的新米，5 公斤');
  await s.fill('#item-price', '30');
  await s.fill('#item-stock', '10');
  await s.fill('#item-limit', '1');
  await submitAndWait(s, s.locator('form[action="/shop/items"] button[type=submit]'));
  const v = P.volunteer;
  await v.goto('/');
  await v.click('#cobuild-links a[href="/shop"]');
  assert.equal(await v.locator('#shop-balance').innerText(), '30');
  await submitAndWait(v, v.locator('li.card', { hasText: '新米一袋' }).locator('form[action$="/redeem"] button'));
  assert.equal(await v.locator('p.flash[role=status]').innerText(), '兑换成功，请到社区领取。');
  assert.equal(await v.locator('#shop-balance').innerText(), '0');
  assert.match(await v.locator('#mine').innerText(), /新米一袋 × 1 · 30 分\s*待领取/);
  await assertAxeClean(v);
  await done(v, 'redeemed');
  await s.goto('/shop');
  await submitAndWait(s, s.locator('#queue li', { hasText: W.volunteer.me.name }).locator('button'));
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '已登记领取。');
  await done(s, 'handed-over');
  await v.goto('/shop');
  assert.match(await v.locator('#mine').innerText(), /已领取/);
});

step('the paint, a day of carpentry and 800 yuan show on the project\'s public page', async () => {
  const s = P.fstaff;
  await s.goto(`/projects/${W.project}`);
  for (const [kind, giverKind, giver, amount, what] of [['material', 'company', '物业公司', '', '白色乳胶漆 10 桶'],
    ['labour', 'resident', '张师傅', '1', '木工一天'], ['money', 'owners_committee', '业委会', '800', '车棚改造']]) {
    await s.locator('#contributions details summary').click();
    await s.check(`#contributions input[name=kind][value=${kind}]`);
    await s.selectOption('#contrib-giver-kind', giverKind);
    await s.fill('#contrib-giver', giver);
    await s.fill('#contrib-amount', amount);
    await s.fill('#contrib-what', what);
    await submitAndWait(s, s.locator('form[action$="/contributions"] button[type=submit]'));
  }
  // the tasks are done one by one; progress follows
  for (const t of ['清理杂物', '清洁', '粉刷', '装灯']) {
    await s.locator('#tasks details', { hasText: '更新任务状态' }).locator('summary').click();
    const f = s.locator('form.task-state', { hasText: t });
    await f.locator('select').selectOption('done');
    await submitAndWait(s, f.locator('button'));
  }
  assert.equal(await s.locator('#project-progress').innerText(), '100');
  await done(s, 'contributions');
  const r = P.fresident;
  await r.goto(`/matters/${W.matter}`);
  await r.click('#project a[href^="/projects/"]');
  assert.equal(await r.locator('#contrib-money').innerText(), '800.00');
  assert.equal(await r.locator('#contrib-days').innerText(), '1.0');
  const list = await r.locator('#contributions').innerText();
  for (const x of [/物业公司[\s\S]*白色乳胶漆 10 桶/, /张师傅[\s\S]*木工一天/, /业委会[\s\S]*¥800\.00/]) assert.match(list, x);
  assert.equal(await r.locator('form[action$="/contributions"]').count(), 0, 'no forms for a resident');
  assert.match(await r.locator('#timeline').innerText(), /车棚改造|业委会/);
  await assertAxeClean(r);
  await done(r, 'project-public');
});

step('the street opens 最美社区我来建 for its five communities from its desk', async () => {
  const st = await person('street', STREET, true);
  await st.goto('/contests');
  await st.click('#open-contest summary');
  assert.equal(await st.locator('#open-contest input[name=community]').count(), 5, 'the street\'s five communities');
  await st.fill('#contest-title', '2026 年最美社区我来建');
  for (const [i, name, w] of [[0, '环境整洁', '40'], [1, '设施完好', '30'], [2, '居民参与', '30']]) {
    await st.fill(`#c-name${i}`, name);
    await st.fill(`#c-weight${i}`, w);
  }
  await st.fill('#contest-aw', '60');
  await st.fill('#contest-assessors', `${STREET}\n${FSTAFF}`);
  await st.fill('#contest-winners', '1');
  await st.fill('#contest-days', '365');
  await st.fill('#contest-closes', `${localDate(server.now() + 7 * DAY)}T18:00`);
  await submitAndWait(st, st.locator('form[action="/contests"] button[type=submit]'));
  W.contest = idOf(st.url(), 'contests');
  assert.equal(await st.locator('p.flash[role=status]').innerText(), '评比已发起。');
  assert.equal(await st.locator('#ranking li').count(), 5);
  await done(st, 'contest-opened');
});

step('assessors score every community; residents score the others, one card per household', async () => {
  const entries = (await (await api(STREET)).get(`/api/v1/contests/${W.contest}`)).json.entries;
  const byName = Object.fromEntries(entries.map((e) => [e.name, e.community_id]));
  // the street office scores at its desk, 凤凰苑's staff on the phone
  const cards = { street: { 龙湖社区: [80, 70, 90], 凤凰苑社区: [90, 90, 80], 桃源社区: [60, 70, 50], 青山社区: [70, 60, 60], 长丰社区: [50, 50, 50] },
    fstaff: { 龙湖社区: [70, 80, 80], 凤凰苑社区: [90, 80, 90], 桃源社区: [60, 60, 60], 青山社区: [60, 70, 70], 长丰社区: [60, 50, 40] } };
  await signInAgain('fstaff');
  for (const [who, scores] of Object.entries(cards)) {
    const p = P[who];
    for (const [name, s] of Object.entries(scores)) {
      await p.goto(`/contests/${W.contest}`);
      await p.selectOption('#community', String(byName[name]));
      for (let i = 0; i < 3; i++) await p.fill(`#s${i}`, String(s[i]));
      await submitAndWait(p, p.locator('#scorecard button[type=submit]'));
      assert.equal(await p.locator('p.flash[role=status]').innerText(), '评分已提交，谢谢。');
    }
  }
  // a resident of 凤凰苑 scores 龙湖 on her phone; a resident of 龙湖 scores 凤凰苑
  const r = P.fresident;
  await r.goto('/contests');
  await r.click(`a[href="/contests/${W.contest}"]`);
  assert.equal(await r.locator(`#community option[value="${byName['凤凰苑社区']}"]`).count(), 1);
  await r.selectOption('#community', String(byName['龙湖社区']));
  for (const [i, x] of [[0, '90'], [1, '80'], [2, '100']]) await r.fill(`#s${i}`, x);
  await submitAndWait(r, r.locator('#scorecard button[type=submit]'));
  await assertAxeClean(r);
  await done(r, 'contest-scored');
  const l = await person('resident', RESIDENT);
  await l.goto(`/contests/${W.contest}`);
  await l.selectOption('#community', String(byName['凤凰苑社区']));
  for (const [i, x] of [[0, '100'], [1, '90'], [2, '90']]) await l.fill(`#s${i}`, x);
  await submitAndWait(l, l.locator('#scorecard button[type=submit]'));
  await l.selectOption('#community', String(byName['龙湖社区']));
  for (let i = 0; i < 3; i++) await l.fill(`#s${i}`, '100');
  await submitAndWait(l, l.locator('#scorecard button[type=submit]'));
  assert.match(await mainText(l), /居民不能给自己的社区打分/);
  clearProblems(l); // the 403 just read
  W.byName = byName;
});

step('after the close the street publishes the ranking with its arithmetic; the winner holds a priority flag', async () => {
  await server.advance(8 * DAY);
  await signInAgain('street');
  const st = P.street;
  await st.goto(`/contests/${W.contest}`);
  // 凤凰苑: assessors' means 90, 85, 85 -> 0.4×90 + 0.3×85 + 0.3×85 = 87; residents 100, 90, 90 -> 94; 0.6×87 + 0.4×94 = 89.8
  // 龙湖: assessors 75, 75, 85 -> 78; residents 90, 80, 100 -> 90; 0.6×78 + 0.4×90 = 82.8
  const F = W.byName['凤凰苑社区'], L = W.byName['龙湖社区'];
  assert.match(await st.locator(`#entry-${F}`).innerText(), /^1\. 凤凰苑社区 · 总分 89\.80[\s\S]*评审 87\.00（2 份：\s*90\.00 85\.00 85\.00）\s*· 居民 94\.00（1 份/);
  assert.match(await st.locator(`#entry-${L}`).innerText(), /^2\. 龙湖社区 · 总分 82\.80[\s\S]*评审 78\.00[\s\S]*居民 90\.00/);
  await st.fill(`#praise${F}`, '居民自己动手，把闲置车棚变成了电动车棚。');
  await submitAndWait(st, st.locator('#publish button[type=submit]'));
  assert.equal(await st.locator('p.flash[role=status]').innerText(), '排名已公布。');
  assert.match(await st.locator(`#entry-${F}`).innerText(), /优胜，设施配置优先[\s\S]*设施配置优先至 \d{4}-\d\d-\d\d[\s\S]*居民自己动手/);
  await done(st, 'contest-published');
  const r = P.fresident;
  await r.goto(`/contests/${W.contest}`);
  assert.match(await r.locator('#ranking h2').innerText(), /排名（已公布）/);
  assert.match(await r.locator(`#entry-${F}`).innerText(), /优胜/);
  await done(r, 'contest-result');
  const pr = (await (await api(FRESIDENT)).get(`/api/v1/places/${F}/priority`)).json;
  assert.equal(pr.priority, true);
  assert.equal(pr.contest, '2026 年最美社区我来建');
});

step('龙湖 staff put 50,000 yuan to a participatory budget from the page', async () => {
  const s = await person('lstaff', STAFF, true);
  await s.goto('/budgets');
  await s.click('#open-budget summary');
  await s.fill('#budget-title', '2027 年龙湖社区微更新');
  await s.fill('#budget-total', '50000');
  await s.fill('#budget-closes', `${localDate(server.now() + 3 * DAY)}T20:00`);
  for (const [i, name, cost] of [[0, '中心花园改造', '40000'], [1, '楼道扶手', '10000'], [2, '儿童游乐区地垫', '10000'], [3, '东区路灯', '10000']]) {
    await s.fill(`#bp-name${i}`, name);
    await s.fill(`#bp-cost${i}`, cost);
  }
  await submitAndWait(s, s.locator('form[action="/budgets"] button[type=submit]'));
  W.budget = idOf(s.url(), 'budgets');
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '预算投票已开始。');
  assert.match(await mainText(s), /预算总额 ¥50000[\s\S]*中心花园改造 · ¥40000[\s\S]*东区路灯 · ¥10000/);
  await done(s, 'budget-opened');
});

step('residents approve projects; after the close both rules side by side, with why they differ', async () => {
  const lstaff = await api(STAFF);
  const b = (await lstaff.get(`/api/v1/budgets/${W.budget}`)).json;
  // six approve the garden and the handrails; three more and 赵桂兰 the mats and the lights
  const rs = await Promise.all(W.voters.map((v, i) => v.put(`/api/v1/votes/${b.vote_id}/ballot`, { options: i < 6 ? [0, 1] : [2, 3] })));
  for (const r of rs) ok(r, 'ballot');
  const l = P.resident;
  await l.goto('/budgets');
  await l.click(`a[href="/budgets/${W.budget}"]`);
  await l.click('a.button[href^="/votes/"]');
  await l.check('input[name=option][value="2"]');
  await l.check('input[name=option][value="3"]');
  await assertNoHScroll(l);
  await submitAndWait(l, l.locator('#cast-btn'));
  await server.advance(3 * DAY + 12 * HOUR);
  await l.goto(`/budgets/${W.budget}`);
  const result = l.locator('#budget-result');
  await result.waitFor();
  // Equal Shares: each of the 10 voters holds ¥5,000; the six cannot pay the garden's ¥40,000 and buy the handrails;
  // the four buy the mats and the lights. Greedy by approvals buys the garden and the handrails.
  assert.match(await l.locator('#bp-0').innerText(), /中心花园改造 ¥40000 · 赞成 6\s*平均分摊法：未入选\s*按票数多少：✔ 入选/);
  assert.match(await l.locator('#bp-1').innerText(), /楼道扶手 ¥10000 · 赞成 6\s*平均分摊法：✔ 入选\s*按票数多少：✔ 入选/);
  assert.match(await l.locator('#bp-2').innerText(), /儿童游乐区地垫 ¥10000 · 赞成 4\s*平均分摊法：✔ 入选\s*按票数多少：未入选/);
  assert.match(await l.locator('#bp-3').innerText(), /东区路灯 ¥10000 · 赞成 4\s*平均分摊法：✔ 入选\s*按票数多少：未入选/);
  const why = await result.locator('ul.why').innerText();
  assert.match(why, /中心花园改造：按票数（6票）能入选；按平均分摊，支持它的人分到的钱在买下其他项目后只剩 ¥/);
  assert.match(why, /儿童游乐区地垫：按票数排下来钱已经花完；按平均分摊，它的 4 位支持者每人最多出 ¥2500/);
  await assertAxeClean(l);
  await done(l, 'budget-result');
  W.vote = b.vote_id;
});

step('anyone recomputes the published budget with `wugong tally`', async () => {
  const v = W.voters[0];
  const doc = await v.get(`/api/v1/budgets/${W.budget}/document`);
  assert.equal(doc.status, 200);
  assert.equal(doc.json.vote.method, 'equal_shares');
  assert.equal(doc.json.ballots.list.length, 10);
  const file = join(work, 'budget.json');
  writeFileSync(file, doc.text);
  const r = spawnSync(BIN, ['tally', file], { env: sanitizerEnv(), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const mine = (await v.get(`/api/v1/budgets/${W.budget}`)).json.result;
  assert.deepEqual(out.equal_shares, mine.equal_shares);
  assert.deepEqual(out.greedy, mine.greedy);
  assert.deepEqual(out.projects, mine.projects);
  assert.deepEqual(out.equal_shares.projects ?? out.projects.filter((p) => p.equal_shares !== 'not_bought').map((p) => p.project), [1, 2, 3]);
});

step('the ledger check passes after it all', async () => {
  const r = spawnSync(BIN, ['ledger-check', '--db', server.db], { env: sanitizerEnv(), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ledger ok: \d+ transactions, \d+ accounts/);
});
