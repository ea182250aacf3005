// The co-evaluating and co-sharing story of issue 14 in the browser, on
// the real pages, on 360×640 phones. Before the bike-shed project at
// 凤凰苑 started, residents and two appointed assessors rated the plan
// (the demo's before-assessment); halfway through, a during-assessment
// found the painting behind schedule, with a follow-up task (the demo's).
// The project is finished and the shed managed; staff open the
// after-assessment from the matter's page with the after template, appoint
// the building leader as an assessor by phone. A resident scores it on her
// phone, lighting low; a neighbour of her household sees it answered; the
// leader scores as an assessor; she also answers the satisfaction survey.
// The matter cannot reach 共享 before the after-assessment closes; staff
// close it, a follow-up task for lighting opens with its owner and due
// date, and the matter moves to 共享. Its result page tells the whole story
// on one screen and prints on A4 with a QR code. The community's
// disclosure board flags its overdue month in public; the street's
// dashboard compares its communities with a heat map of participation per
// building, every figure a link to its records; staff export the reports
// list to Excel, which a real reader opens with the same figures; and the
// street's quarterly report comes out filled from the data, reviewed,
// submitted and seen side by side with the other communities, in Excel
// too. Runs on SQLite, and on
// PostgreSQL when WG_PG_DIR/WG_PG_PORT are set. The steps run in order on
// one database.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, submitAndWait, mainText, assertAxeClean, storyKit, changeStage, stageChoices } from './helpers.mjs';
import { Client, readXlsx } from '../api/helpers.mjs';
import { readFileSync } from 'node:fs';

const FSTAFF = '13800002001'; // 钱文华, 凤凰苑 community staff
const FRESIDENT = '13800002201'; // 许芳, 凤凰苑 1栋101
const LEADER = '13800002202'; // 周建平, building leader of 2栋
const STREET = '13800000001'; // 王建国, the street office
const HOUR = 3600, DAY = 86400;

const kit = storyKit('coshare');
const { P, step, person, done } = kit;
let server, browser;
const W = {};
const ok = (r, what) => { assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${r.text}`); return r.json; };

async function api(phone) {
  const c = new Client(server.base, phone);
  await c.signIn(phone);
  return c;
}

before(async () => {
  server = kit.server = await startServer();
  browser = kit.browser = await launchBrowser();
  const s = await api(FSTAFF);
  const shed = (await s.get('/api/v1/matters?limit=50')).json.items.find((m) => m.title === '闲置停车棚清理改造');
  W.shed = shed.id;
  // the work is done: every task of the project, then the shed is managed
  const m = ok(await s.get(`/api/v1/matters/${W.shed}`), 'the shed');
  for (const t of m.project.tasks) ok(await s.put(`/api/v1/tasks/${t.id}`, { state: 'done' }), `task ${t.id}`);
  ok(await s.post(`/api/v1/matters/${W.shed}/transitions`, { to: 'managing', reason: '完工验收' }), 'managing');
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly on SIGTERM\n${server?.log()}`);
});

step('the plan was rated before it started, and the painting found behind schedule halfway', async () => {
  const r = await person('fresident', FRESIDENT);
  await r.goto(`/matters/${W.shed}`);
  const panel = r.locator('#evaluations');
  assert.match(await panel.innerText(), /事前评估[\s\S]*综合得分 86\.3%[\s\S]*事中评估[\s\S]*综合得分 67\.4%/);
  await panel.locator('a', { hasText: '事中评估' }).click();
  assert.match(await r.locator('#criterion-1').innerText(), /进度[\s\S]*50\.0%[\s\S]*低于标准/);
  assert.match(await r.locator('#evaluation-tasks').innerText(), /进度[\s\S]*负责人 钱文华/);
  await done(r, 'during');
});

step('staff open the after-assessment from the matter\'s page and appoint the building leader as an assessor', async () => {
  const s = await person('fstaff', FSTAFF);
  await s.goto(`/matters/${W.shed}`);
  await s.locator('#evaluation-open summary').click();
  await s.selectOption('#evaluation-phase', 'after');
  await s.selectOption('#evaluation-template', { label: '事后评估（使用、整洁、安全、照明）' });
  await s.fill('#evaluation-rw', '60');
  await s.fill('#evaluation-threshold', '60');
  const closes = new Date(Date.now() + (server.clockOffset + 10 * DAY + 8 * HOUR) * 1000).toISOString().slice(0, 10);
  await s.fill('#evaluation-closes', closes);
  await assertAxeClean(s);
  await submitAndWait(s, s.locator('#evaluation-open button[type=submit]'));
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '评估已开展，居民和评估员可以评分了。');
  W.after = Number(new URL(s.url()).pathname.split('/').pop());
  await s.fill('#assessor-phone', LEADER);
  await submitAndWait(s, s.locator('#evaluation-assessors button[type=submit]'));
  assert.match(await s.locator('#evaluation-assessors').innerText(), /周建平/);
  await done(s, 'after-opened');
});

step('a resident scores it on her phone, lighting low; the leader scores as an assessor; she answers the survey', async () => {
  const r = P.fresident;
  await r.goto(`/matters/${W.shed}`);
  await r.locator('#evaluations a', { hasText: '事后评估' }).click();
  const scores = [5, 4, 4, 2]; // use, cleanliness, safety, lighting
  for (let i = 0; i < scores.length; i++) await r.check(`input[name="score_${i + 1}"][value="${scores[i]}"]`);
  await r.fill('#evaluation-note', '晚上灯太暗');
  await assertAxeClean(r);
  await submitAndWait(r, r.locator('#evaluation-answer button[type=submit]'));
  assert.equal(await r.locator('p.flash[role=status]').innerText(), '谢谢您的评分。');
  assert.equal(await r.locator('#evaluation-answered').innerText(), '您已评分，谢谢。');
  assert.equal(await r.locator('#evaluation-answer').count(), 0, 'one answer a household');
  await done(r, 'scored');
  const l = await person('leader', LEADER);
  await l.goto(`/evaluations/${W.after}`);
  for (const [i, v] of [[1, 4], [2, 4], [3, 5], [4, 3]]) await l.check(`input[name="score_${i}"][value="${v}"]`);
  await submitAndWait(l, l.locator('#evaluation-answer button[type=submit]'));
  assert.match(await l.locator('#evaluation-result').innerText(), /1 户居民已评 · 1 位评估员已评/);
  // lighting: (60 x 2/5 + 40 x 3/5) / 100 = 48.0% < 60
  assert.match(await l.locator('#criterion-4').innerText(), /照明[\s\S]*48\.0%[\s\S]*低于标准/);
  await done(l, 'assessor');
  await r.goto(`/evaluations/${W.after}`);
  await r.locator('#evaluation-survey a').first().click();
  await r.check('#survey-answer input[value="3"]');
  await submitAndWait(r, r.locator('#survey-answer button[type=submit]'));
  assert.match(await r.locator('#survey-answered').innerText(), /您已代表您家回答/);
});

step('共享 waits for the after-assessment; closed, it opens a task for lighting, and the matter is shared', async () => {
  const s = P.fstaff;
  await s.goto(`/matters/${W.shed}`);
  await changeStage(s, 'evaluating', '运行一个月，开展事后评估');
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '事项已进入下一阶段。');
  const options = await stageChoices(s);
  assert.ok(!options.some((o) => /公开成果/.test(o)), `no 共享 on offer before the after-assessment closes: ${options}`);
  await s.goto(`/evaluations/${W.after}`);
  assert.match(await s.locator('#evaluation-close').innerText(), /负责人：? ?钱文华/);
  await submitAndWait(s, s.locator('#evaluation-close button[type=submit]'));
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '评估已结束。');
  const tasks = await s.locator('#evaluation-tasks').innerText();
  assert.match(tasks, /照明[\s\S]*48\.0%[\s\S]*负责人 钱文华 · 期限/);
  assert.match(await s.locator('#evaluation-notes').innerText(), /晚上灯太暗/);
  await done(s, 'closed');
  await s.goto(`/matters/${W.shed}`);
  assert.ok((await stageChoices(s)).some((o) => /公开成果/.test(o)), '共享 on offer once it closed');
  await changeStage(s, 'sharing', '评估完成，成果公开');
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '事项已进入下一阶段。');
  await s.goto('/evaluation-tasks');
  assert.match(await mainText(s), /照明[\s\S]*闲置停车棚清理改造/);
  await done(s, 'tasks');
});

step('the result page tells the whole story on one screen and prints on A4 with a QR code', async () => {
  const r = P.fresident;
  await r.goto(`/matters/${W.shed}`);
  await r.click('#result-link a');
  const text = await mainText(r);
  for (const part of [/从提议到决定/, /共建项目/, /每一笔钱[\s\S]*¥800\.00/, /业委会/, /志愿者[\s\S]*车棚粉刷/, /事前评估[\s\S]*事中评估[\s\S]*事后评估/,
    /照明[\s\S]*48\.0%/, /受益的楼栋和住户[\s\S]*3\s*栋楼[\s\S]*18\s*户/])
    assert.match(text, part);
  await assertAxeClean(r);
  await done(r, 'result');
  const pdf = await r.pdf({ format: 'A4', printBackground: true });
  assert.ok(pdf.length > 10000, 'a PDF');
  await r.emulateMedia({ media: 'print' });
  assert.equal(await r.locator('.result-qr svg').isVisible(), true, 'the QR code on paper');
  await r.emulateMedia({ media: 'screen' });
  assert.equal(await r.locator('.result-qr svg').isVisible(), false, 'not on the phone');
});

step('the disclosure board shows each kind by its schedule and flags the overdue month in public', async () => {
  const r = P.fresident;
  await r.goto('/');
  await r.click('#coshare-links a[href="/disclosure"]');
  const finance = r.locator('#kind-finance');
  assert.equal(await finance.evaluate((el) => el.classList.contains('overdue')), true);
  assert.match(await finance.innerText(), /财务公开[\s\S]*逾期未公开[\s\S]*已逾期 \d+ 天/);
  await done(r, 'disclosure');
});

step('the street\'s dashboard compares its communities: participation per building as a heat map, every figure a link', async () => {
  const st = await person('street', STREET);
  await st.goto('/dashboard');
  const heat = st.locator('section[data-figure="participation"] svg.chart');
  assert.ok(await heat.count() >= 1, 'the heat map');
  assert.ok(await heat.first().locator('a rect').count() >= 6, 'a linked cell per building');
  const totals = await st.locator('.dash-total a[data-total]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(totals.length >= 8 && totals.every((h) => h && h.startsWith('/')), `every figure links to its records: ${totals}`);
  await done(st, 'dashboard');
  await st.locator('.dash-total a[data-total="households"]').click();
  assert.equal((await st.title()).length > 0, true);
  assert.ok(!/错误|Error/.test(await st.locator('h1').first().innerText()), 'the records behind the figure');
});

step('staff export the reports list to Excel; a real reader opens it with the same figures', async () => {
  const s = P.fstaff;
  await s.goto('/reports');
  const [download] = await Promise.all([s.waitForEvent('download'), s.click('#export-xlsx')]);
  const x = readXlsx(readFileSync(await download.path()));
  const list = ok(await (await api(FSTAFF)).get('/api/v1/reports?limit=100'), 'the list');
  assert.equal(x.rows.length - 1, list.items.length, 'every report of the list, one row each');
  assert.deepEqual(x.rows.slice(1).map((row) => row[0]).sort((a, b) => a - b), list.items.map((i) => i.id).sort((a, b) => a - b));
});

step('the street\'s quarterly report comes out filled from the data, reviewed, submitted and seen side by side', async () => {
  const s = P.fstaff;
  await s.goto('/upward');
  const form = s.locator('section', { hasText: '社区治理季报' }).locator('form');
  W.period = await form.locator('input[name=period]').inputValue();
  await submitAndWait(s, form.locator('button[type=submit]'));
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '已从系统数据生成。');
  assert.match(await s.locator('#item-1').innerText(), /住户数\s*36/);
  await s.fill('#review-note', '数据已核对');
  await submitAndWait(s, s.locator('#upward-review button[type=submit]'));
  await submitAndWait(s, s.locator('#upward-submit button[type=submit]'));
  assert.equal(await s.locator('p.flash[role=status]').innerText(), '已上报街道。');
  await done(s, 'upward-submitted');
  const st = P.street;
  await st.goto('/notifications');
  assert.match(await st.locator('ul.notifications').innerText(), /有社区上报了报表/);
  await st.goto(`/upward/templates/1?period=${W.period}`);
  const row = st.locator('#upward-compare tbody tr', { hasText: '凤凰苑社区' });
  assert.match(await row.innerText(), /已上报\s+36/);
  await done(st, 'upward-compare');
  const [download] = await Promise.all([st.waitForEvent('download'), st.click('#export-xlsx')]);
  const x = readXlsx(readFileSync(await download.path()));
  const frow = x.rows.find((cells) => cells[0] === '凤凰苑社区');
  assert.deepEqual(frow.slice(0, 3), ['凤凰苑社区', '已上报', 36]);
});
