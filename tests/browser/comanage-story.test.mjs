// The co-managing story of issue 13 in the browser, on the real pages:
// residents, the building leader and staff on 360×640 phones, staff at a
// desk for the Open311 key. The bike shed of 凤凰苑's building 2, rebuilt by
// its residents, is a registered facility with a QR plate, a keeper and a
// cleaning rota. One evening a neighbour reports that its new lights are
// out; an hour later a resident at the shed starts a report from the
// facility's page, is shown his open report, and adds her photo there
// instead. The report is with the building leader (首接负责制); nobody
// answers within the 24-hour limit of power reports, so it moves up by
// itself to the grid worker, then to the community, shows as overdue in the
// public list, and its followers are told. Staff schedule the electrician
// and mark it fixed with a photo; she answers "not fixed" and it reopens.
// The next day it is fixed for real; she confirms, rates it, and the
// building's satisfaction rate moves. The grid's evening patrol checks in
// at the shed's checkpoint, finds a broken lock and files it in one step.
// A city system given an Open311 key reads the community's reports and
// posts its own update, which staff read on the report. Runs on SQLite,
// and on PostgreSQL when WG_PG_DIR/WG_PG_PORT are set. The steps run in
// order on one database.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { startServer, launchBrowser, submitAndWait, mainText, assertAxeClean, storyKit } from './helpers.mjs';
import { Client } from '../api/helpers.mjs';
import { picture, withSegments, exifSegment } from '../api/images.mjs';

const FSTAFF = '13800002001'; // 凤凰苑 community staff
const FGRID = '13800002101'; // 凤凰苑's grid worker, who walks the evening patrol
const FRESIDENT = '13800002201'; // a resident of 凤凰苑 (the shed's keeper too)
const LEADER = '13800002202'; // building leader of 2栋, where the shed stands
const PASSWORD = 'wugong2026';
const HOUR = 3600, DAY = 86400;

const kit = storyKit('comanage');
const { P, step, person, signInAgain, done } = kit;
let server, browser;
const W = {};
const work = mkdtempSync(join(tmpdir(), 'wugong-comanage-'));
const photo = join(work, 'IMG_2051.jpg');

const local = (t) => new Date((t + 8 * HOUR) * 1000).toISOString().slice(0, 16).replace('T', ' ');
const ok = (r, what) => { assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${r.text}`); return r.json; };

/* A JSON client signed in now (staff sessions do not outlive a jump of the clock). */
async function api(phone) {
  const c = new Client(server.base, phone);
  await c.signIn(phone);
  return c;
}

/* The report as staff read it. */
async function report(id) {
  return ok(await (await api(FSTAFF)).get(`/api/v1/reports/${id}`), `report ${id}`);
}

/* The building's satisfaction rate as the API gives it: [satisfied, rated]. */
async function satisfaction(building) {
  const r = ok(await (await api(FSTAFF)).get(`/api/v1/reports/rates?place=${building}`), 'the rates');
  return [r.total.satisfaction.numerator, r.total.satisfaction.denominator];
}

before(async () => {
  server = kit.server = await startServer();
  browser = kit.browser = await launchBrowser();
  writeFileSync(photo, withSegments(picture('jpg', 1200, 900), exifSegment({})));
  const fstaff = await api(FSTAFF);
  W.F = (await fstaff.get('/api/v1/me')).json.community_id;
  const shed = (await fstaff.get('/api/v1/facilities')).json.items.find((f) => f.kind === 'bike_shed');
  W.shed = shed.id;
  W.building = shed.place.id;
  // a neighbour of building 2, registered from its poster and approved
  const poster = await fstaff.get(`/places/${W.building}/poster`);
  const [, bId, key] = /\/register\?building=(\d+)&(?:amp;)?key=([0-9A-Za-z%_-]+)/.exec(poster.text);
  const anon = new Client(server.base, 'anon');
  await anon.csrf();
  const hh = (await anon.get(`/api/v1/registration?building=${bId}&key=${key}`)).json.households;
  const reg = ok(await anon.post('/api/v1/registrations', { phone: '13730000001', name: '马大伟', password: PASSWORD,
    building_id: Number(bId), key: decodeURIComponent(key), household_id: hh[2].id, relation: 'owner' }), 'registration');
  ok(await fstaff.post(`/api/v1/claims/${reg.claim_id}/decision`, { approve: true }), 'claim approved');
  W.neighbour = await api('13730000001');
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  rmSync(work, { recursive: true, force: true });
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly on SIGTERM\n${server?.log()}`);
});

step('the bike shed is a registered facility with its QR plate, its keeper and its cleaning rota', async () => {
  const s = await person('fstaff', FSTAFF);
  await s.goto('/facilities');
  await s.click(`a[href="/facilities/${W.shed}"]`);
  const text = await mainText(s);
  assert.match(text, /2栋自行车棚/);
  assert.match(text, /管护人\s*许芳/);
  await s.goto(`/facilities/${W.shed}/plate`);
  assert.equal(await s.locator('main svg').count(), 1, 'the QR code of the plate');
  assert.match(await mainText(s), /扫一扫，发现问题随手拍/);
  await s.goto('/rotas');
  const rota = s.locator('main li', { hasText: '2栋自行车棚' });
  assert.ok(await rota.count() >= 1, 'the shed has a rota');
  await rota.first().locator('a').click();
  assert.match(await mainText(s), /清扫|打扫|清洁/);
  await done(s, 'facility');
});

step('a neighbour reports the dark lights; an hour later she is shown his report at the shed and adds her photo there', async () => {
  W.report = ok(await W.neighbour.post('/api/v1/reports', { category: 'power', facility_id: W.shed,
    description: '车棚新装的灯全不亮了，晚上看不见锁车。' }), 'the neighbour\'s report').id;
  await server.advance(HOUR);
  const r = await person('fresident', FRESIDENT);
  await r.goto(`/facilities/${W.shed}`);
  await r.click('#facility-reports a.button');
  const similar = r.locator('#similar');
  assert.match(await similar.innerText(), /邻居已经反映过这些[\s\S]*车棚新装的灯全不亮了/);
  await done(r, 'similar');
  await similar.locator('li', { hasText: '车棚新装的灯全不亮了' }).locator('a.button').click();
  assert.equal(new URL(r.url()).pathname, `/reports/${W.report}`);
  await r.fill('#add-note', '今晚还是不亮，拍了照片');
  await r.setInputFiles('#add-photos', photo);
  await submitAndWait(r, r.locator('#add button[type=submit]'));
  assert.equal(await r.locator('p.flash[role=status]').innerText(), '已补充，谢谢。');
  assert.equal(await r.locator('main img.photo').count(), 1);
  assert.match(await r.locator('#timeline').innerText(), /补充：今晚还是不亮，拍了照片/);
  await done(r, 'added');
});

step('it is with the building leader; 24 hours without an answer it moves up to the grid worker, then the community, overdue in public, its followers told', async () => {
  const l = await person('leader', LEADER);
  await l.goto(`/reports/${W.report}`);
  assert.match(await l.locator('#responsible').innerText(), /楼栋长\s*·\s*周建平/);
  assert.equal(await l.locator('#handle').count(), 1, 'he may answer it');
  await done(l, 'with-leader');
  let d = await report(W.report);
  assert.equal(d.level, 'building');
  // nobody answers: the job moves it up when the 24 hours of power reports are over
  await server.advance(24 * HOUR + 5 * 60);
  d = await report(W.report);
  assert.equal(d.level, 'grid', 'up to the grid worker');
  assert.equal(d.responsible.name, '何军');
  assert.equal(d.overdue, true);
  await server.advance(24 * HOUR + 5 * 60);
  d = await report(W.report);
  assert.equal(d.level, 'community', 'up to the community');
  await signInAgain('fstaff', 'leader', 'fresident');
  const r = P.fresident;
  await r.goto('/reports?state=overdue');
  const item = r.locator('#reports li', { hasText: '车棚新装的灯全不亮了' });
  assert.match(await item.innerText(), /超时/);
  assert.equal(await item.evaluate((el) => el.classList.contains('overdue')), true);
  await done(r, 'overdue-list');
  await r.goto('/notifications');
  assert.match(await r.locator('ul.notifications').innerText(), /反映超时没有处理，已自动上交/);
  await done(r, 'told');
});

step('staff schedule the electrician and mark it fixed with a photo; she answers "not fixed" and it reopens', async () => {
  const s = P.fstaff;
  await s.goto(`/reports/${W.report}`);
  await s.selectOption('#report-state', 'action_scheduled');
  await s.fill('#report-note', '已派物业电工王师傅，明早来修');
  await submitAndWait(s, s.locator('#handle form[action$="/transition"] button'));
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '状态已更新。');
  await s.selectOption('#report-state', 'fixed');
  await s.fill('#report-note', '换了两根灯管');
  await s.setInputFiles('#report-state-photos', photo);
  await assertAxeClean(s);
  await submitAndWait(s, s.locator('#handle form[action$="/transition"] button'));
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '状态已更新。');
  assert.equal(await s.locator('main img.photo').count(), 2, 'her photo and the photo of the fix');
  await done(s, 'fixed-with-photo');
  const r = P.fresident;
  await r.goto('/notifications');
  assert.match(await r.locator('ul.notifications').innerText(), /您反映的问题已处理，请告诉我们修好了没有/);
  await r.goto(`/reports/${W.report}`);
  await r.check('#check input[value=not]');
  await submitAndWait(r, r.locator('#check button[type=submit]'));
  assert.equal(await r.locator('p.flash[role=status]').innerText(), '已重新打开。');
  assert.match(await r.locator('main .badge').first().innerText(), /已确认/);
  await done(r, 'not-fixed');
});

step('the next day it is fixed for real; she confirms and rates it, and the building\'s satisfaction rate moves', async () => {
  const before = await satisfaction(W.building);
  await server.advance(20 * HOUR);
  await signInAgain('fstaff', 'fresident');
  const s = P.fstaff;
  await s.goto(`/reports/${W.report}`);
  await s.selectOption('#report-state', 'fixed');
  await s.fill('#report-note', '线路接头松了，已重新接好');
  await submitAndWait(s, s.locator('#handle form[action$="/transition"] button'));
  const r = P.fresident;
  await r.goto(`/reports/${W.report}`);
  await r.check('#check input[value=fixed]');
  await submitAndWait(r, r.locator('#check button[type=submit]'));
  await r.check('#rate input[value="5"]');
  await submitAndWait(r, r.locator('#rate button[type=submit]'));
  assert.match(await r.locator('#rated').innerText(), /您家已经评价过了/);
  assert.match(await r.locator('#timeline').innerText(), /超时，自动上交[\s\S]*居民说没修好，重新打开[\s\S]*居民确认修好了/);
  await done(r, 'rated');
  const after = await satisfaction(W.building);
  assert.deepEqual(after, [before[0] + 1, before[1] + 1], 'one more rating, satisfied');
  await s.goto(`/reports/rates?place=${W.building}`);
  assert.match(await s.locator('#rates-total').innerText(), /满意率[\s\S]*满意率 = /);
  await done(s, 'rates');
});

step('the evening patrol checks in at the shed\'s checkpoint, finds a broken lock and files it in one step', async () => {
  const fstaff = await api(FSTAFF);
  const route = (await fstaff.get(`/api/v1/patrols?community=${W.F}`)).json.items[0];
  const point = ok(await fstaff.get(`/api/v1/patrols/${route.id}`), 'the route').points.find((p) => p.name === '2栋自行车棚');
  const now = server.now();
  ok(await fstaff.post(`/api/v1/patrols/${route.id}/rounds`, { phone: FGRID, starts: local(now - 10 * 60), ends: local(now + 2 * HOUR) }),
    'tonight\'s round');
  const g = await person('grid', FGRID);
  await g.goto(point.checkin_url); // what the QR code on the checkpoint leads to
  assert.equal(await g.locator('.checkpoint-name').innerText(), '2栋自行车棚', 'he sees where he is');
  await submitAndWait(g, g.locator('#patrol-checkin button'));
  assert.equal(await g.locator('p.flash[role=status]').innerText(), '已签到。');
  await g.goto(point.checkin_url);
  await g.selectOption('#finding-category', 'facility');
  await g.fill('#finding-description', '车棚的门锁坏了，锁不上。');
  await g.setInputFiles('#finding-photos', photo);
  await done(g, 'checkpoint');
  await submitAndWait(g, g.locator('#patrol-finding button[type=submit]'));
  W.lock = Number(/\/reports\/(\d+)/.exec(new URL(g.url()).pathname)[1]);
  assert.match(await mainText(g), /车棚的门锁坏了/);
  const d = await report(W.lock);
  assert.equal(d.facility.id, W.shed, 'against the shed');
  await done(g, 'finding');
});

step('a city system with an Open311 key reads the community\'s reports and posts its own update', async () => {
  const desk = await person('desk', FSTAFF, true);
  await desk.goto('/');
  await desk.click('#comanage-links a[href="/open311/keys"]');
  await desk.click('#add-key summary');
  await desk.fill('#key-name', '市城管平台');
  await submitAndWait(desk, desk.locator('#add-key button[type=submit]'));
  const key = (await desk.locator('#fresh-key code.secret').innerText()).trim();
  assert.match(key, /^o311_[0-9a-f]{64}$/);
  await done(desk, 'open311-key');
  // the system, on its own: no cookie, only the key
  const base = `${server.base}/open311/v2`;
  const xml = await (await fetch(`${base}/requests.xml?api_key=${key}&service_code=power,facility`)).text();
  const list = new XMLParser({ isArray: (n) => n === 'request' }).parse(xml).service_requests.request;
  const shed = list.find((x) => x.service_request_id === W.report);
  assert.equal(shed.status, 'closed', 'fixed: closed in Open311');
  assert.equal(list.find((x) => x.service_request_id === W.lock).status, 'open');
  const form = new URLSearchParams({ api_key: key, service_request_id: String(W.lock), update_id: 'cg-20261203-1',
    status: 'OPEN', description: '城管平台：已转物业维修门锁' });
  const res = await fetch(`${base}/servicerequestupdates.json`, { method: 'POST', body: form });
  assert.equal(res.status, 200, await res.clone().text());
  const again = await fetch(`${base}/servicerequestupdates.json`, { method: 'POST', body: form });
  assert.equal(again.status, 400, 'the same update_id again');
  const ups = await (await fetch(`${base}/servicerequestupdates.json?api_key=${key}`)).json();
  assert.ok(ups.some((u) => u.service_request_id === W.report && u.status === 'FIXED'), 'the fix reads back as an update');
  const s = P.fstaff;
  await signInAgain('fstaff');
  await s.goto(`/reports/${W.lock}`);
  assert.match(await s.locator('#timeline').innerText(), /城管平台：已转物业维修门锁/);
  await done(s, 'open311-update');
});
