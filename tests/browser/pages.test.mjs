// Every page, as a visitor, a resident and a staff member see it, in 简体,
// 繁體 and English, in normal and elder mode, at 360 px, checked for what a
// person would see, not only for what a script can click:
// - no horizontal scroll;
// - no text wrapped one character per line;
// - no control narrower than its label, no place name broken across lines;
// - in elder mode every tap target (links included) at least 60 px tall;
// - axe-core: no violation at all.
// With WG_SHOTS_ALL=1 (`make shots`) it also writes a screenshot of each
// page, language and mode into $WG_SHOTS/pages/ with an index.html.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RESIDENT, STAFF, SHOTS, startServer, launchBrowser, phoneContext, signedInContext, watch, assertNoHScroll, axeViolations,
  apiClient,
} from './helpers.mjs';

const LANGS = ['zh-Hans', 'zh-Hant', 'en'];
const MODES = ['normal', 'elder'];
const SHOTS_ALL = process.env.WG_SHOTS_ALL === '1';
const shotsDir = join(SHOTS, 'pages');
const index = [];
let server, browser;
const pages = { anon: [], resident: [], staff: [], street: [], fstaff: [] };
const STREET = '13800000001'; // 军山街道 street office

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const staff = await apiClient(server.base, STAFF);
  const res = await apiClient(server.base, RESIDENT);
  const get = async (c, p) => (await c.get(p)).json();
  const me = await get(res, '/api/v1/me');
  const household = me.roles.find((r) => r.role === 'resident').place.id;
  const line = (await get(res, `/api/v1/places/${household}`)).ancestors;
  const grid = line.find((a) => a.kind === 'grid').id, building = line.find((a) => a.kind === 'building').id;
  const community = line.find((a) => a.kind === 'community').id;
  const now = Math.floor(Date.now() / 1000);
  const ok = async (r) => { assert.ok(r.ok(), `${r.url()}: ${r.status()} ${await r.text()}`); return r.json(); };
  // what the pages show: her own matter, one collecting, one in notice, a call with an opinion, a vote, a meeting
  const own = await ok(await res.post('/api/v1/matters', { place_id: building, category: 'environment',
    title: '1栋楼道堆放杂物需要清理', body: '楼道里堆了很多旧家具，老人上下楼不方便。' }));
  const collecting = (await get(staff, `/api/v1/matters?place_id=${community}&stage=collecting&limit=1`)).items[0];
  const notice = (await get(staff, `/api/v1/matters?place_id=${community}&stage=notice&limit=1`)).items[0];
  const call = await ok(await staff.post('/api/v1/calls', { place_id: grid, title: '东院晚上停车怎么办', deadline: now + 7 * 86400 }));
  const op = await ok(await res.post(`/api/v1/calls/${call.id}/opinions`, { body: '建议晚上开放小学操场停车。' }));
  const vote = await ok(await staff.post('/api/v1/votes', { place_id: community, title: '是否同意加装电梯', method: 'yes_no_abstain',
    mode: 'online', rule: { preset: 'simple_majority' }, closes_at: now + 3 * 86400, matter_id: collecting.id }));
  const gridWorker = await apiClient(server.base, '13800001101');
  const co = await ok(await gridWorker.post('/api/v1/councils', { place_id: grid, name: '第1网格红凳子议事会', kind: 'monthly',
    day_of_month: 10, starts_on: new Date((now + 86400) * 1000).toISOString().slice(0, 10), time: '19:30', location: '小区红凳子' }));
  const meeting = co.upcoming[0].id;
  await ok(await gridWorker.post(`/api/v1/meetings/${meeting}/agenda`, { matter_id: collecting.id }));
  await ok(await gridWorker.post(`/api/v1/meetings/${meeting}/agenda`, { title: '楼道灯更换' }));
  const building0 = (await get(staff, `/api/v1/matters?place_id=${community}&stage=building&limit=1`)).items[0];
  const project = await ok(await staff.post('/api/v1/projects', { matter_id: building0.id, title: '儿童游乐区改造', budget_fen: 500000 }));
  await ok(await staff.post(`/api/v1/projects/${project.id}/tasks`, { title: '拆除旧滑梯', due_on: '2027-01-10' }));
  const kid = await ok(await staff.post(`/api/v1/projects/${project.id}/tasks`, { title: '铺设地垫' }));
  await ok(await staff.post(`/api/v1/projects/${project.id}/tasks`, { title: '采购地垫', parent_id: kid.tasks[1].id }));
  await ok(await staff.post(`/api/v1/projects/${project.id}/milestones`, { title: '旧设施拆完', due_on: '2027-01-15' }));
  await ok(await staff.post(`/api/v1/projects/${project.id}/money`, { direction: 'in', amount_fen: 80000, what: '业委会拨款' }));
  const soon = new Date((now + 2 * 86400 + 8 * 3600) * 1000).toISOString().slice(0, 10);
  const shift = await ok(await staff.post('/api/v1/shifts', { place_id: community, title: '闲置车棚清理', skill: '力气活',
    location: '东门车棚', capacity: 12, starts: `${soon} 09:00`, ends: `${soon} 12:00` }));
  await ok(await res.post(`/api/v1/shifts/${shift.id}/signups`, {}));
  await ok(await staff.post('/api/v1/shop/items', { community_id: community, name: '大米一袋', description: '5 公斤东北大米',
    price: 30, stock: 5, limit_qty: 1, limit_period: 'quarter' }));
  const soap = await ok(await staff.post('/api/v1/shop/items', { community_id: community, name: '洗衣皂', price: 5, stock: 3 }));
  const me2 = await get(res, '/api/v1/me');
  await ok(await staff.post(`/api/v1/people/${me2.id}/points`, { amount: 20, reason: '清理车棚', key: 'pages-1' }));
  await ok(await res.post(`/api/v1/shop/items/${soap.id}/redeem`, {}));
  const budget = await ok(await staff.post('/api/v1/budgets', { place_id: community, title: '2027 年社区微更新预算', total: 50000,
    projects: [{ name: '闲置车棚改造', cost: 20000 }, { name: '楼道扶手', cost: 12000 }, { name: '儿童游乐区地垫', cost: 18000 }],
    closes_at: now + 5 * 86400 }));
  const poster = await (await staff.get(`/places/${building}/poster`)).text();
  const posterUrl = new URL(/<p class="small url">([^<]+)<\/p>/.exec(poster)[1].replace(/&amp;/g, '&'));
  const register = posterUrl.pathname + posterUrl.search;
  const survey = await ok(await staff.post('/api/v1/surveys', { place_id: community, question: '社区环境整治后，您家满意吗？',
    threshold: 60, closes_at: now + 5 * 86400 }));
  const managing = (await get(staff, '/api/v1/matters?stage=managing&limit=50')).items.find((m) => m.title === '楼道堆物清理与巡查');
  const tmpl = (await get(staff, `/api/v1/evaluation-templates?community=${community}`)).items[2];
  const evaluation = await ok(await staff.post('/api/v1/evaluations', { matter_id: managing.id, phase: 'after', template_id: tmpl.id,
    resident_weight: 60, threshold: 60, closes_at: now + 5 * 86400 }));
  const upT = (await get(staff, '/api/v1/upward-templates')).items[0];
  const upNow = new Date(Date.now() + 8 * 3600e3);
  const upP = `${upNow.getUTCFullYear()}-Q${Math.floor(upNow.getUTCMonth() / 3) + 1}`;
  const upR = await ok(await staff.post('/api/v1/upward-reports', { template_id: upT.id, community_id: community, period: upP }));
  const rep = await ok(await res.post('/api/v1/reports', { category: 'power', place_id: building, description: '1栋楼道灯不亮了，晚上看不见台阶。' }));
  for (const c of [staff, res, gridWorker]) await c.dispose();
  pages.anon = [['home', '/'], ['signin', '/signin'], ['register', register], ['passcode', '/passcode']];
  pages.resident = [['home', '/'], ['matters', '/matters'], ['matter-new', '/matters/new'], ['matter-own', `/matters/${own.id}`],
    ['matter-notice', `/matters/${notice.id}`], ['calls', '/calls'], ['votes', '/votes'], ['call', `/calls/${call.id}`], ['opinion', `/opinions/${op.id}`],
    ['place-household', `/places/${household}`], ['place-grid', `/places/${grid}`], ['councils', `/places/${grid}/councils`],
    ['council', `/councils/${co.id}`], ['meeting', `/meetings/${meeting}`], ['ballot', `/votes/${vote.id}`],
    ['notifications', '/notifications'], ['search', `/search?q=${encodeURIComponent('停车')}`],
    ['points', '/points'], ['projects', '/projects'], ['project', `/projects/${project.id}`],
    ['matter-building', `/matters/${building0.id}`], ['shifts', '/shifts'], ['shift', `/shifts/${shift.id}`],
    ['shift-here', `${shift.checkin_url}`], ['volunteer', '/volunteer'], ['certificate-verify', '/certificates'], ['shop', '/shop'],
    ['budget', `/budgets/${budget.id}`], ['budget-vote', `/votes/${budget.vote_id}`], ['budgets', '/budgets'],
    ['contests', '/contests'], ['facilities', '/facilities'], ['reports', '/reports'], ['report-new', '/reports/new'],
    ['report-new-2', `/reports/new?category=power&place_id=${building}`], ['report', `/reports/${rep.id}`],
    ['rates', '/reports/rates'], ['survey', `/surveys/${survey.id}`], ['evaluation', `/evaluations/${evaluation.id}`],
    ['result', `/matters/${managing.id}/result`]];
  pages.staff = [['home', '/'], ['desk', '/staff'], ['claims', '/staff/claims'], ['people', '/staff/people'],
    ['coverage', '/staff/coverage'], ['call-new', '/calls/new'], ['vote-new', `/votes/new?matter=${collecting.id}`],
    ['matter-collecting', `/matters/${collecting.id}`], ['matter-notice', `/matters/${notice.id}`],
    ['meeting', `/meetings/${meeting}`], ['vote', `/votes/${vote.id}`], ['poster', `/places/${building}/poster`],
    ['search', `/search?q=${encodeURIComponent('赵桂兰')}`], ['project', `/projects/${project.id}`],
    ['project-new', `/projects/new?matter=${building0.id}`], ['shift', `/shifts/${shift.id}`], ['shop', '/shop'],
    ['shifts', '/shifts'], ['budgets', '/budgets'], ['points-of', `/points?phone=${RESIDENT}`], ['facilities', '/facilities'],
    ['dashboard', `/dashboards/${community}`], ['dashboard-building', `/dashboards/${building}?period=2026-Q4`],
    ['surveys', `/surveys?place=${community}`]];
  pages.fstaff = [['facility', '/facilities/1'], ['facility-plate', '/facilities/1/plate'], ['report-overdue', '/reports/5'],
    ['report-new-facility', '/reports/new?facility=1'], ['reports-overdue', '/reports?state=overdue'],
    ['rates-month', '/reports/rates?by=month'], ['rotas', '/rotas'], ['rota', '/rotas/1'], ['patrols', '/patrols'],
    ['patrol', '/patrols/1'], ['open311-keys', '/open311/keys'], ['evaluation-before', '/evaluations/1'],
    ['evaluation-during', '/evaluations/2'], ['result-shed', '/matters/11/result'], ['evaluation-tasks', '/evaluation-tasks'],
    ['evaluation-templates', '/evaluation-templates'], ['disclosure', '/disclosure'],
    ['disclosure-archive', '/disclosure/archive'], ['disclosure-new', '/disclosure/new'], ['disclosure-item', '/disclosure/items/6'],
    ['disclosure-notice', '/disclosure/items/3/notice'], ['roster', '/roster'], ['roster-import', '/roster/imports/1?filter=all']];
  pages.staff.push(['report', `/reports/${rep.id}`], ['evaluation', `/evaluations/${evaluation.id}`],
    ['matter-managing', `/matters/${managing.id}`], ['upward', '/upward'], ['upward-report', `/upward/reports/${upR.id}`]);
  pages.street = [['contests', '/contests'], ['dashboard-street', '/dashboard'], ['disclosure-overview', '/disclosure/overview'],
    ['upward-street', '/upward'], ['upward-compare', `/upward/templates/${upT.id}?period=${upP}`]];
  pages.resident.push(['disclosure', '/disclosure']);
  if (SHOTS_ALL) mkdirSync(shotsDir, { recursive: true });
});

after(async () => {
  await browser?.close();
  if (SHOTS_ALL) writeIndex();
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly\n${server?.log()}`);
});

function writeIndex() {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const rows = index.map((x) => `<figure><a href="${x.file}"><img src="${x.file}" loading="lazy" width="180"></a>` +
    `<figcaption>${esc(x.who)} · ${esc(x.name)}<br>${esc(x.lang)} · ${esc(x.mode)}<br><code>${esc(x.path)}</code></figcaption></figure>`);
  writeFileSync(join(shotsDir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>wugong: every page</title>
<style>body{font-family:sans-serif;margin:12px}figure{display:inline-block;vertical-align:top;width:190px;margin:6px}
figcaption{font-size:12px}img{border:1px solid #ccc}</style><h1>wugong: every page at 360 px (${index.length})</h1>
${rows.join('\n')}\n`);
  console.log(`# screenshots: ${join(shotsDir, 'index.html')}`);
}

/* What a person would see wrong, found in the page: text one character per
 * line, controls narrower than their labels, small tap targets in elder mode. */
function layoutProblems(elder) {
  const out = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect(), st = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && r.right > 0 && r.bottom > 0 && r.left < innerWidth;
  };
  const name = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.innerText || el.value || '').trim().slice(0, 20)}"`;
  // text one character per line
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const chars = [...t.textContent.replace(/\s+/g, '')];
    if (chars.length < 2 || !t.parentElement || !visible(t.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    const box = range.getBoundingClientRect(), em = parseFloat(getComputedStyle(t.parentElement).fontSize);
    if (tops.size >= 2 && tops.size >= chars.length && box.width <= 1.6 * em) out.push(`one character per line: ${name(t.parentElement)}`);
  }
  // a place's or a person's name on one line (龙湖社/区, 王建/国 are not names)
  for (const el of document.querySelectorAll('ol.crumbs a, dl.places dd > a, .crumbs a, .person-name')) {
    if (!visible(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    if (tops.size > 1 && [...el.textContent.trim()].length <= 12) out.push(`a place name broken across lines: ${name(el)}`);
  }
  // controls narrower than their labels (a box to tick is small by design)
  for (const label of document.querySelectorAll('label')) {
    const c = label.control;
    if (!c || !visible(c) || c.type === 'checkbox' || c.type === 'radio' || c.type === 'hidden') continue;
    const range = document.createRange();
    range.selectNodeContents(label);
    const textWidth = range.getBoundingClientRect().width;
    if (c.getBoundingClientRect().width + 1 < Math.min(textWidth, 120)) out.push(`control narrower than its label: ${name(c)}`);
  }
  // tap targets in elder mode: 60 px
  if (elder) {
    for (const el of document.querySelectorAll('a[href], button, select, textarea, input, summary')) {
      if (!visible(el) || el.type === 'hidden' || el.closest('.skip')) continue;
      let target = el;
      if ((el.type === 'checkbox' || el.type === 'radio') && el.closest('label')) target = el.closest('label');
      const h = target.getBoundingClientRect().height;
      if (h < 59.5) out.push(`tap target ${Math.round(h)} px tall: ${name(el)}`);
    }
  }
  return [...new Set(out)].slice(0, 12);
}

async function sweep(who, phone) {
  const failures = [];
  for (const lang of LANGS) {
    for (const mode of MODES) {
      const ctx = phone ? await signedInContext(browser, server.base, phone) : await phoneContext(browser, server.base);
      await ctx.addCookies([{ name: 'wg_lang', value: lang, url: server.base },
        { name: 'wg_elder', value: mode === 'elder' ? '1' : '0', url: server.base }]);
      const page = watch(await ctx.newPage());
      for (const [name, path] of pages[who]) {
        const where = `${who} ${name} (${path}) ${lang} ${mode}`;
        const res = await page.goto(path);
        if (res.status() !== 200) { failures.push(`${where}: HTTP ${res.status()}`); continue; }
        // forms folded away in <details> (staff's "post a shift", "open a budget") are checked open
        await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
        try { await assertNoHScroll(page); } catch (e) { failures.push(`${where}: ${e.message.split('\n')[0]}`); }
        for (const p of await page.evaluate(layoutProblems, mode === 'elder')) failures.push(`${where}: ${p}`);
        for (const v of await axeViolations(page)) failures.push(`${where}: axe ${v.id} (${v.impact}) ${v.nodes.join(' | ')}`);
        if (page.problems.length) failures.push(`${where}: ${page.problems.join('; ')}`), (page.problems.length = 0);
        if (SHOTS_ALL) {
          const file = `${who}-${name}-${lang}-${mode}.png`;
          await page.screenshot({ path: join(shotsDir, file), fullPage: true });
          index.push({ file, who, name, lang, mode, path });
        }
      }
      await ctx.close();
    }
  }
  assert.deepEqual(failures, [], `${failures.length} problems:\n${failures.join('\n')}`);
}

test('a visitor\'s pages: home, sign-in, registration', () => sweep('anon', null));
test('a resident\'s pages', () => sweep('resident', RESIDENT));
test('a staff member\'s pages', () => sweep('staff', STAFF));
test('the street office\'s pages', () => sweep('street', STREET));
test('凤凰苑 staff\'s pages', () => sweep('fstaff', '13800002001'));

test('the checks see a broken layout: full-width radios, small links, a page too wide', async () => {
  const ctx = await signedInContext(browser, server.base, RESIDENT);
  await ctx.addCookies([{ name: 'wg_elder', value: '1', url: server.base }]);
  const page = await ctx.newPage();
  const ballot = pages.resident.find(([n]) => n === 'ballot')[1];
  await page.goto(ballot);
  assert.deepEqual(await page.evaluate(layoutProblems, true), [], 'clean as served');
  // the rule the ballot once had: every input as wide as the line, radios included
  // (set through the CSSOM: the page's CSP refuses inline style sheets)
  await page.evaluate(() => {
    for (const i of document.querySelectorAll('input')) i.style.setProperty('width', '100%', 'important');
    for (const a of document.querySelectorAll('main a')) {
      a.style.setProperty('display', 'inline', 'important');
      a.style.setProperty('padding', '0', 'important');
    }
  });
  const found = (await page.evaluate(layoutProblems, true)).join('\n');
  assert.match(found, /one character per line: label/, found);
  assert.match(found, /tap target \d+ px tall: a/, found);
  await page.evaluate(() => document.querySelector('main').style.setProperty('min-width', '500px'));
  await assert.rejects(assertNoHScroll(page), /scrolls sideways/);
  await ctx.close();
});
