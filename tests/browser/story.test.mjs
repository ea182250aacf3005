// The co-planning story of 龙湖社区 in the browser, on the real pages (the
// script is tests/api/story.test.mjs): residents on 360×640 phones, staff
// at a desk. Staff open a call for opinions for the first grid; 赵桂兰 posts
// an opinion with a photo from her phone and 周磊 supports it; staff merge a
// duplicate and turn the opinion into a matter. The grid worker creates the
// grid's monthly council and puts the matter on the first meeting's agenda.
// On the meeting evening (the server's test clock) 赵桂兰 opens the sign-in
// link of the QR code; the facilitator records 周磊 and 吴秀英's proxy, and
// photographs the red benches; a show of hands on a free-text item is
// entered by the facilitator and confirmed by a second staff member; staff
// open an online art. 278 vote on the matter, the owners vote on their
// phones, the window closes, the result page explains itself and its
// export recounts to the same result in `wugong tally`. Staff publish the
// decision, 周磊 objects on the page, staff answer, five days pass, and the
// matter moves on to co-building.
// Runs on SQLite, and on PostgreSQL when WG_PG_DIR/WG_PG_PORT are set.
// The tests of this file run in order on one database.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BIN, RESIDENT, STAFF, startServer, launchBrowser, submitAndWait, mainText, clearProblems, changeStage, storyKit,
} from './helpers.mjs';
import { png } from '../api/images.mjs';

const GRID = '13800001101'; // 刘志强, grid worker of 第1网格
const TENANT = '13800001203'; // 周磊, tenant at 1栋102
const LEADER = '13800001202'; // 孙德明, co-owner of 1栋101
const LEADER2 = '13800001204'; // 吴秀英, owner of 2栋101
const HOUR = 3600, DAY = 86400;

const kit = storyKit('story');
const { P, step, person, signInAgain, done } = kit;
let server, browser;
const W = {}; // what the story found out (ids, urls)
const work = mkdtempSync(join(tmpdir(), 'wugong-story-'));

/* Selects the option whose text matches re (selectOption wants exact labels). */
async function selectText(page, sel, re) {
  const value = await page.locator(sel).evaluate((el, src) => {
    const o = [...el.options].find((x) => new RegExp(src).test(x.textContent));
    return o ? o.value : null;
  }, re.source);
  assert.ok(value !== null, `${sel} offers ${re}`);
  await page.selectOption(sel, value);
}

const idOf = (url, kind) => Number(new RegExp(`/${kind}/(\\d+)`).exec(new URL(url).pathname)[1]);

/* Local (Asia/Shanghai) date and time of Unix seconds. */
const local = (t) => new Date((t + 8 * HOUR) * 1000).toISOString();
const localDate = (t) => local(t).slice(0, 10);
const localDateTime = (t) => local(t).slice(0, 16);

before(async () => {
  server = kit.server = await startServer();
  browser = kit.browser = await launchBrowser();
  // everyone signs in on the form, two at a time (the server hashes passwords on its two threads)
  const people = [['staff', STAFF, true], ['resident', RESIDENT], ['grid', GRID, true], ['tenant', TENANT],
    ['leader2', LEADER2], ['leader', LEADER]];
  for (let i = 0; i < people.length; i += 2) await Promise.all(people.slice(i, i + 2).map((x) => person(...x)));
});

after(async () => {
  await browser?.close();
  const end = await server?.stop();
  rmSync(work, { recursive: true, force: true });
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly on SIGTERM\n${server?.log()}`);
});

step('staff open a call for opinions for the first grid on /calls/new', async () => {
  const s = P.staff;
  await s.goto('/calls/new');
  await selectText(s, '#call-place', /第1网格/);
  await s.fill('#call-title', '东院停车怎么办');
  await s.fill('#call-body', '东院晚上车位不够，请大家提意见。');
  await s.fill('#call-deadline', localDate(server.now() + 10 * DAY));
  await submitAndWait(s, s.getByRole('button', { name: '发起征集' }));
  W.call = idOf(s.url(), 'calls');
  assert.match(await s.locator('main h1').innerText(), /东院停车怎么办/);
  await done(s, 'call');
});

step('a resident posts an opinion with a photo from her phone; another supports it', async () => {
  const r = P.resident;
  await r.goto('/calls');
  await submitAndWait(r, r.getByRole('link', { name: /东院停车怎么办/ }));
  assert.equal(new URL(r.url()).pathname, `/calls/${W.call}`);
  await r.fill('#opinion-body', '划定夜间临时车位，收费略降，鼓励错峰。');
  const file = join(work, '东院.png');
  writeFileSync(file, png());
  await r.setInputFiles('#opinion-photos', file);
  await submitAndWait(r, r.getByRole('button', { name: '提交意见' }));
  const mine = r.locator('li.opinion', { hasText: '划定夜间临时车位' });
  await mine.waitFor();
  W.opinion = Number((await mine.getAttribute('id')).replace('opinion-', ''));
  const img = mine.locator('img.photo');
  assert.equal(await img.count(), 1, 'the photo shows under the opinion');
  assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth === 2), 'and it loads: the 2×2 PNG as sent');
  await done(r, 'opinion-posted');

  // 吴秀英 posts much the same; 周磊 supports both
  const l2 = P.leader2;
  await l2.goto(`/calls/${W.call}`);
  await l2.fill('#opinion-body', '晚上划临时车位');
  await submitAndWait(l2, l2.getByRole('button', { name: '提交意见' }));
  W.dup = Number((await l2.locator('li.opinion', { hasText: '晚上划临时车位' }).getAttribute('id')).replace('opinion-', ''));
  const t = P.tenant;
  await t.goto(`/calls/${W.call}`);
  for (const id of [W.opinion, W.dup]) {
    await submitAndWait(t, t.locator(`#opinion-${id}`).getByRole('button', { name: '支持这条意见' }));
    assert.equal(await t.locator(`#opinion-${id} .supports`).innerText(), '1');
  }
  assert.equal(await t.locator(`#opinion-${W.opinion}`).getByRole('button', { name: '支持这条意见' }).count(), 0,
    'once supported, the button offers to withdraw');
  await done(t, 'supported');
});

step('staff merge the duplicate and turn the opinion into a matter on the opinion pages', async () => {
  const s = P.staff;
  await s.goto(`/opinions/${W.dup}`);
  await s.fill('#merge-into', String(W.opinion));
  await submitAndWait(s, s.getByRole('button', { name: '合并重复意见' }));
  await s.goto(`/calls/${W.call}`);
  assert.match(await s.locator(`#opinion-${W.dup}`).innerText(), new RegExp(`#${W.opinion}`), 'the duplicate points to the kept one');
  // 周磊 backed both, 吴秀英 wrote the duplicate: two people back the kept one
  assert.equal(await s.locator(`#opinion-${W.opinion} .supports`).innerText(), '2');
  await s.goto(`/opinions/${W.opinion}`);
  await s.fill('#adopt-title', '东院停车收费调整');
  await submitAndWait(s, s.getByRole('button', { name: '转为事项' }));
  await s.goto(`/opinions/${W.opinion}`);
  const link = s.locator('#opinion-matter a');
  W.matter = Number((await link.innerText()).replace('#', ''));
  await submitAndWait(s, link);
  assert.equal(new URL(s.url()).pathname, `/matters/${W.matter}`);
  assert.match(await s.locator('main h1').innerText(), /东院停车收费调整/);
  // into deliberation, for the council
  await changeStage(s, 'deliberating', '提交网格议事会');
  assert.match(await mainText(s), /协商中/);
  await done(s, 'matter');
});

step('the grid worker creates the grid\'s monthly council and puts the matter on the first meeting\'s agenda', async () => {
  const g = P.grid;
  // from the home page to the grid's page, and on to its councils
  await g.goto('/');
  await submitAndWait(g, g.locator('main a[href^="/places/"]', { hasText: '第1网格' }).first());
  W.grid = idOf(g.url(), 'places');
  assert.match(await g.locator('main h1').innerText(), /第1网格/);
  await submitAndWait(g, g.locator('#councils-link'));
  assert.equal(new URL(g.url()).pathname, `/places/${W.grid}/councils`);
  await g.fill('#c-name', '东院红凳子议事会');
  await g.selectOption('#c-kind', 'monthly');
  await g.fill('#c-start', localDate(server.now() + 12 * DAY));
  await g.fill('#c-time', '19:00');
  await g.fill('#c-loc', '东院红凳子');
  await submitAndWait(g, g.getByRole('button', { name: '创建议事会' }));
  W.council = idOf(g.url(), 'councils');
  assert.match(await mainText(g), /东院红凳子议事会/);
  const first = g.locator('a[href^="/meetings/"]').first();
  await submitAndWait(g, first);
  W.meeting = idOf(g.url(), 'meetings');
  await selectText(g, '#a-matter', /东院停车收费调整/); // the place's open matters, by title
  await submitAndWait(g, g.getByRole('button', { name: '加入议程' }));
  await g.fill('#a-title', '东院路灯加装两盏');
  await submitAndWait(g, g.getByRole('button', { name: '加入议程' }));
  const items = await g.locator('#agenda ol > li').allInnerTexts();
  assert.equal(items.length, 2);
  assert.match(items[0], /东院停车收费调整/);
  assert.match(items[1], /东院路灯加装两盏/);
  assert.equal(await g.locator('#agenda ol > li a[href^="/matters/"]').getAttribute('href'), `/matters/${W.matter}`);
  W.start = Date.parse((await (await g.request.get(`/api/v1/meetings/${W.meeting}`)).json()).start_at) / 1000;
  await done(g, 'meeting-agenda');
});

step('on the meeting evening a resident opens the QR code\'s link and signs in; the facilitator records attendance, a proxy and photos', async () => {
  await server.setClock(W.start - 20 * 60 - Math.floor(Date.now() / 1000));
  await signInAgain('staff', 'grid'); // residents' phones stay signed in (30 days idle)
  const g = P.grid;
  await g.goto(`/meetings/${W.meeting}`);
  assert.equal(await g.locator('#signin-qr svg').count(), 1, 'the facilitator shows the QR code');
  const url = (await g.locator('#signin-qr .url').innerText()).trim();
  assert.match(url, new RegExp(`/meetings/${W.meeting}/signin\\?code=[0-9a-f]{16,}$`));
  const r = P.resident;
  const u = new URL(url);
  await r.goto(u.pathname + u.search);
  assert.match(await mainText(r), /东院红凳子议事会/);
  await submitAndWait(r, r.getByRole('button', { name: '我已到场，签到' }));
  // 孙德明 signs in on his phone too
  const l = P.leader;
  await l.goto(u.pathname + u.search);
  await submitAndWait(l, l.getByRole('button', { name: '我已到场，签到' }));
  await done(r, 'signed-in');

  await g.reload();
  await g.selectOption('#att-person', { label: '周磊' });
  await submitAndWait(g, g.getByRole('button', { name: '登记', exact: true }));
  await g.selectOption('#px-a', { label: '吴秀英' });
  await g.selectOption('#px-b', { label: '孙德明' });
  await submitAndWait(g, g.getByRole('button', { name: '登记委托' }));
  const att = await g.locator('#attendance').innerText();
  assert.match(att, /赵桂兰 · 扫码签到/);
  assert.match(att, /孙德明 · 扫码签到/);
  assert.match(att, /周磊 · 主持人登记/);
  assert.match(att, /吴秀英 委托 孙德明/);
  assert.match(await g.locator('#presence').innerText(), /^\D*4\D/, '4 present: three in person and one by proxy');
  // the red benches, photographed
  const f1 = join(work, 'bench1.png'), f2 = join(work, 'bench2.png');
  writeFileSync(f1, png());
  writeFileSync(f2, png());
  await g.setInputFiles('#meeting-photos', [f1, f2]);
  await submitAndWait(g, g.getByRole('button', { name: '上传照片', exact: true }));
  assert.equal(await g.locator('#photos img.photo').count(), 2);
  await r.goto(`/meetings/${W.meeting}`);
  assert.equal(await r.locator('#photos img.photo').count(), 2, 'residents see the photos');
  assert.equal(await r.locator('#meeting-photos').count(), 0, 'but cannot upload');
  await done(g, 'attendance');
});

step('a show of hands on the free-text item, entered by the facilitator and confirmed by a second staff member', async () => {
  const g = P.grid;
  await g.goto(`/meetings/${W.meeting}`);
  const item = g.locator('#agenda ol > li', { hasText: '东院路灯加装两盏' });
  await submitAndWait(g, item.getByRole('link', { name: '就此议题发起表决' }));
  await g.fill('#title', '东院路灯加装两盏');
  assert.equal(await g.locator('#mode').inputValue(), 'meeting');
  await g.selectOption('#preset', 'simple_majority');
  await submitAndWait(g, g.getByRole('button', { name: '发起', exact: true }));
  W.lights = idOf(g.url(), 'votes');
  assert.match(await g.locator('#present-from-meeting').innerText(), /签到/);
  await g.fill('input[name=heads0]', '3');
  await g.fill('input[name=heads1]', '1');
  await submitAndWait(g, g.getByRole('button', { name: '录入计数' }));
  assert.match(await mainText(g), /刘志强/);
  // the same person cannot confirm
  clearProblems(g);
  await submitAndWait(g, g.getByRole('button', { name: /确认举手计数/ }));
  assert.match(await mainText(g), /须由另一名工作人员确认/);
  clearProblems(g);
  const s = P.staff;
  await s.goto(`/votes/${W.lights}`);
  await submitAndWait(s, s.getByRole('button', { name: /确认举手计数/ }));
  assert.match(await mainText(s), /李红梅/);
  await submitAndWait(s, s.getByRole('button', { name: '结束表决并计票' }));
  const res = await s.locator('#result').innerText();
  assert.match(res, /通过/);
  assert.match(res, /4/);
  await done(s, 'hands');
});

step('staff open an online art. 278 vote on the matter; the owners vote on their phones; the window closes', async () => {
  const s = P.staff;
  await s.goto(`/meetings/${W.meeting}`);
  const item = s.locator('#agenda ol > li', { hasText: '东院停车收费调整' });
  await submitAndWait(s, item.getByRole('link', { name: '就此议题发起表决' }));
  await s.fill('#title', '东院停车收费调整');
  await s.selectOption('#method', 'yes_no_abstain');
  await s.selectOption('#preset', 'art278_ordinary');
  assert.equal(await s.locator('#mode').inputValue(), 'online');
  await s.fill('#closes_at', localDateTime(server.now() + 2 * HOUR));
  await submitAndWait(s, s.getByRole('button', { name: '发起', exact: true }));
  W.vote = idOf(s.url(), 'votes');
  assert.match(await s.locator('#rule').innerText(), /专有面积/, 'the rule in plain words');
  assert.match(await s.locator('#electorate').innerText(), /2 人（户）.*m²/, 'two owner households, with their floor area');
  assert.match(await s.locator('.crumbs').innerText(), /东院停车收费调整/, 'the vote names its matter');
  await done(s, 'vote-open');

  // 赵桂兰 votes yes; 孙德明, co-owner of her flat, finds his household has voted; 吴秀英 votes yes; 周磊 (tenant) is no elector
  for (const k of ['resident', 'leader', 'leader2', 'tenant']) {
    const p = P[k];
    await p.goto(`/votes/${W.vote}`);
    if (k === 'leader') {
      assert.match(await mainText(p), /你家已有人投票/);
      assert.equal(await p.locator('#cast-btn').count(), 0);
    } else if (k === 'tenant') {
      assert.match(await p.locator('#not-elector').innerText(), /不在本次表决的表决权人名单/);
    } else {
      await p.getByLabel('同意').check();
      await submitAndWait(p, p.locator('#cast-btn'));
      assert.match(await p.locator('#voted').innerText(), /你已投票/);
    }
    await done(p, `ballot-${k}`);
  }
  await server.advance(2 * HOUR + 60);
  await signInAgain('staff');
});

step('the result page shows the electorate, participation by head and by area, each threshold and why it passed', async () => {
  const t = P.tenant;
  await t.goto(`/votes/${W.vote}`);
  assert.match(await t.locator('#state').innerText(), /已结束/, 'closed at the end of its window, by the job runner');
  const res = t.locator('#result');
  assert.match(await res.locator('h2').innerText(), /表决结果：通过/);
  const api = await (await t.request.get(`/api/v1/votes/${W.vote}`)).json();
  const r = api.result;
  const area = (dm2) => `${Math.floor(dm2 / 100)}(\\.${String(dm2 % 100).padStart(2, '0')})?`;
  const text = (await res.innerText()).replace(/\s+/g, ' ');
  assert.match(text, /参与情况：2 \/ 2 人（户）（100(\.0+)?%）/, 'participation by head');
  assert.match(text, new RegExp(`· ${area(r.participation.area.num)} / ${area(r.participation.area.den)} m²`), 'and by area');
  const rows = await res.locator('table.tally').first().locator('tbody tr').allInnerTexts();
  const quorum = rows.filter((x) => /参与门槛/.test(x)), approval = rows.filter((x) => /通过门槛/.test(x));
  assert.ok(quorum.length >= 2 && approval.length >= 2, `a row per threshold and dimension: ${rows.join(' | ')}`);
  // why: what was counted, against which base, what the rule needs, met
  for (const row of quorum) assert.match(row, /≥\s*2\/3\s*✓/, `quorum: two thirds of heads and of area, met: ${row}`);
  for (const row of approval) assert.match(row, />\s*1\/2\s*✓/, `approval: more than half, met: ${row}`);
  assert.match(quorum.join('\n'), /人数/);
  assert.match(quorum.join('\n'), /面积/);
  assert.match(await t.locator('#electorate').innerText(), /2 人（户）/);
  assert.match(await t.locator('#rule').innerText(), /专有面积/);
  await done(t, 'vote-result');

  // the export link gives the published data; `wugong tally` recounts it to the same result
  const [download] = await Promise.all([t.waitForEvent('download'), res.getByRole('link', { name: /下载公开数据/ }).click()]);
  const file = join(work, 'vote.json');
  await download.saveAs(file);
  const cli = spawnSync(BIN, ['tally', file], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const recount = JSON.parse(cli.stdout);
  assert.deepEqual(recount, r, 'wugong tally gives the published result');
  assert.deepEqual([recount.passed, recount.outcome], [true, 'passed']);
  W.passed = recount.passed;
});

step('staff publish the decision; a resident objects on the page, staff answer; five days later the matter moves to co-building', async () => {
  assert.equal(W.passed, true);
  const s = P.staff;
  await s.goto(`/matters/${W.matter}`);
  await changeStage(s, 'notice', '议事会表决通过，公示5天');
  assert.match(await mainText(s), /公示中/);
  // co-building is not offered while the notice runs; the page says until when it runs
  assert.equal(await s.locator('#next-steps input[name=to][value=building]').count(), 0);
  assert.match(await mainText(s), /公示截止/);
  const t = P.tenant;
  await t.goto(`/matters/${W.matter}`);
  await t.fill('#objection-body', '租户停车也按这个价吗？');
  await submitAndWait(t, t.getByRole('button', { name: '提交异议' }));
  assert.match(await t.locator('#objections').innerText(), /租户停车也按这个价吗？/);
  await done(t, 'objection');
  await s.goto(`/matters/${W.matter}`);
  const obj = s.locator('#objections li', { hasText: '租户停车也按这个价吗？' });
  await obj.locator('textarea[name=answer]').fill('租户与业主同价。');
  await submitAndWait(s, obj.getByRole('button'));
  await t.reload();
  assert.match(await t.locator('#objections').innerText(), /租户与业主同价。（李红梅）/, 'the resident sees the answer');

  await server.advance(5 * DAY + HOUR);
  await signInAgain('staff');
  await s.goto(`/matters/${W.matter}`);
  await changeStage(s, 'building');
  const r = P.resident;
  await r.goto(`/matters/${W.matter}`);
  assert.match(await mainText(r), /共建中/);
  await done(r, 'building');
  await done(s, 'building-staff');
});
