// Exports of the co-building and co-deciding staff lists (docs/api.md
// "Exports"): projects, a project's tasks, money and contributions, the
// contests and a contest's ranking, the budgets and a budget's projects with
// both results, the calls for opinions and a call's opinions, a meeting's
// attendance, and the list of votes (never a ballot). Each export is read
// back (XLSX by python3-openpyxl, CSV by an RFC 4180 parser) and must carry
// the rows and figures of the same list's JSON; a resident is refused (403)
// and a staff member of another community gets what the JSON gives her
// (404 for a list of a place she does not reach).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, readXlsx, parseCsv } from './helpers.mjs';

const h = useServer();
const c = {};
const id = {};
let L, F;
const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;

function csvOf(buf) {
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark');
  return parseCsv(buf.subarray(3).toString('utf8'));
}

const withFormat = (url, f) => `${url}${url.includes('?') ? '&' : '?'}format=${f}`;

/* The list's export in both formats: the XLSX read back, the CSV parsed; both 200 with as many rows. */
async function both(who, url) {
  const x = await c[who].get(withFormat(url, 'xlsx'));
  assert.equal(x.status, 200, `${url}: ${x.text}`);
  assert.match(x.headers.get('content-disposition'), /^attachment; filename="[a-z-]+-\d{4}-\d\d-\d\d\.xlsx"/);
  const v = await c[who].get(withFormat(url, 'csv'));
  assert.equal(v.status, 200, `${url}: ${v.text}`);
  assert.equal(v.headers.get('content-type'), 'text/csv; charset=utf-8');
  const xlsx = readXlsx(x.buf), csv = csvOf(v.buf);
  assert.equal(xlsx.rows.length, csv.length, `${url}: the same rows in both`);
  assert.equal(Number(x.headers.get('x-export-rows')), xlsx.rows.length - 1);
  assert.deepEqual(csv[0], xlsx.rows[0], 'the same header');
  return { xlsx, csv, head: xlsx.rows[0], rows: xlsx.rows.slice(1), crows: csv.slice(1) };
}

/* A resident gets 403 forbidden; fStaff gets the JSON's own status (404 not_found where asked). */
async function scoped(url, { fStatus = 404 } = {}) {
  for (const f of ['xlsx', 'csv']) {
    const r = await c.resident.get(withFormat(url, f));
    assert.equal(r.status, 403, `${url} resident`);
    assert.equal(r.json.error.code, 'forbidden');
  }
  const page = await c.fStaff.get(url);
  const r = await c.fStaff.get(withFormat(url, 'xlsx'));
  assert.equal(page.status, fStatus, `${url} JSON of another community`);
  assert.equal(r.status, fStatus, `${url} export of another community`);
  if (fStatus === 404) assert.equal(r.json.error.code, 'not_found');
  assert.equal((await c.staff.get(withFormat(url, 'pdf'))).status, 400, 'another format: bad_query');
}

before(async () => {
  await h.ready;
  for (const k of ['street', 'staff', 'grid', 'resident', 'tenant', 'leader', 'leader2', 'fStaff', 'fResident']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
    id[k] = (await c[k].get('/api/v1/me')).json.id;
  }
  const me = (await c.resident.get('/api/v1/me')).json;
  L = me.community_id;
  F = (await c.fStaff.get('/api/v1/me')).json.community_id;
});

test('projects, a project\'s tasks, money and contributions equal their JSON', async () => {
  let r = await c.staff.post('/api/v1/projects', { place_id: L, title: '=楼道换灯', summary: '', budget_fen: 80050 });
  assert.equal(r.status, 201, r.text);
  const p = r.json.id;
  r = await c.staff.post(`/api/v1/projects/${p}/tasks`, { title: '买灯', owner_id: id.leader, due_on: '2020-01-05', weight: 3 });
  assert.equal(r.status, 201, r.text);
  const parent = r.json.tasks[0].id;
  r = await c.staff.post(`/api/v1/projects/${p}/tasks`, { title: '装灯, "一楼"', parent_id: parent, weight: 2 });
  assert.equal(r.status, 201, r.text);
  const child = r.json.tasks.find((t) => t.parent_id === parent).id;
  assert.equal((await c.staff.put(`/api/v1/tasks/${child}`, { state: 'done' })).status, 200);
  for (const m of [{ direction: 'in', amount_fen: 100000, what: '社区拨款', on_day: '2026-11-01' },
    { direction: 'out', amount_fen: 12345, what: '-灯泡', on_day: '2026-11-03' }]) {
    r = await c.staff.post(`/api/v1/projects/${p}/money`, m);
    assert.equal(r.status, 201, r.text);
  }
  for (const k of [{ kind: 'money', giver_kind: 'resident', giver: '王阿姨', amount_fen: 5050 },
    { kind: 'labour', giver_kind: 'unit', giver: '=物业', person_days10: 15, what: '搬梯子' },
    { kind: 'material', giver_kind: 'company', giver: '五金店', what: '灯泡 20 个' }]) {
    r = await c.staff.post(`/api/v1/projects/${p}/contributions`, k);
    assert.equal(r.status, 201, r.text);
  }

  const list = (await c.staff.get(`/api/v1/projects?community=${L}`)).json.items;
  let x = await both('staff', `/api/v1/projects?community=${L}`);
  assert.deepEqual(x.head, ['编号', '项目名称', '地点', '预算（元）', '进度', '已完成任务', '任务数', '更新时间']);
  assert.deepEqual(x.rows.map((row) => [row[0], row[1], row[2], row[3]]), list.map((q) => [q.id, q.title, q.place_name, q.budget_fen / 100]));
  const mine = x.rows.find((row) => row[0] === p);
  assert.deepEqual(mine.slice(3, 7), [800.5, 1, 1, 2], 'budget in yuan, 100 % (the one top task has its only child done), 1 of 2 tasks');
  assert.equal(mine[7], list.find((q) => q.id === p).updated_at_local);
  assert.equal(x.xlsx.formats[4], '0.0%');
  assert.equal(x.crows.find((row) => Number(row[0]) === p)[1], "'=楼道换灯", 'a formula neutralised in CSV');

  const detail = (await c.staff.get(`/api/v1/projects/${p}`)).json;
  const tasks = await c.staff.get(`/api/v1/projects/${p}/tasks`);
  assert.equal(tasks.status, 200);
  assert.deepEqual(tasks.json.items, detail.tasks, 'the tasks route is the detail\'s tasks');
  x = await both('staff', `/api/v1/projects/${p}/tasks`);
  assert.deepEqual(x.head, ['编号', '任务内容', '上级任务', '状态', '负责人', '截止', '已逾期', '权重', '进度']);
  assert.deepEqual(x.rows, detail.tasks.map((t) => [t.id, t.title, t.parent_id, { todo: '未开始', doing: '进行中', done: '已完成' }[t.state],
    t.owner?.name ?? null, t.due_on, t.overdue ? '是' : null, t.weight, t.progress_percent / 100]));
  assert.deepEqual(x.rows[0].slice(2, 7), [null, '未开始', '孙德明', '2020-01-05', '是']);
  assert.equal(x.crows[1][1], '装灯, "一楼"');

  const money = (await c.staff.get(`/api/v1/projects/${p}/money`)).json;
  assert.deepEqual(money, detail.money);
  x = await both('staff', `/api/v1/projects/${p}/money`);
  assert.deepEqual(x.head, ['编号', '收入还是支出', '金额（元）', '用途或来源', '日期', '记账人']);
  assert.deepEqual(x.rows, money.items.map((m) => [m.id, m.in ? '收入' : '支出', m.amount_fen / 100, m.what, m.on_day, m.recorded_by]));
  assert.equal(x.rows.reduce((s, row) => s + (row[1] === '收入' ? 1 : -1) * Math.round(row[2] * 100), 0), money.balance_fen, 'adds up to the balance');
  assert.deepEqual(x.crows.map((row) => row[2]), ['1000.00', '123.45']);
  assert.equal(x.crows[1][3], "'-灯泡");

  const ks = (await c.staff.get(`/api/v1/projects/${p}/contributions`)).json;
  assert.deepEqual(ks, detail.contributions);
  x = await both('staff', `/api/v1/projects/${p}/contributions`);
  assert.deepEqual(x.head, ['编号', '类别', '来自', '捐赠人或单位', '金额（元）', '人天', '内容', '接收日期', '接收人']);
  assert.deepEqual(x.rows, ks.items.map((k) => [k.id, { money: '资金', labour: '投工', material: '物资' }[k.kind],
    { resident: '居民', unit: '单位', company: '企业' }[k.giver_kind], k.giver, k.amount ? Number(k.amount) : null,
    k.person_days ? Number(k.person_days) : null, k.what || null, k.received_on, k.received_by]));
  assert.equal(x.rows.reduce((s, row) => s + (row[4] ?? 0), 0), Number(ks.money), 'money adds up to the total');
  assert.equal(x.rows.reduce((s, row) => s + (row[5] ?? 0), 0), Number(ks.person_days), 'labour adds up to the total');

  for (const url of [`/api/v1/projects?community=${L}`, `/api/v1/projects/${p}/tasks`, `/api/v1/projects/${p}/money`,
    `/api/v1/projects/${p}/contributions`])
    await scoped(url);
  // the pages: a staff member sees the links, a resident none
  const page = (await c.staff.get(`/projects/${p}`)).text;
  for (const part of ['tasks', 'money', 'contributions'])
    assert.ok(page.includes(`id="export-${part}-xlsx"`) && page.includes(`/api/v1/projects/${p}/${part}?format=csv`), part);
  assert.ok((await c.staff.get('/projects')).text.includes(`/api/v1/projects?community=${L}&amp;format=xlsx`));
  assert.ok(!/export-links/.test((await c.resident.get(`/projects/${p}`)).text));
  assert.ok(!/export-links/.test((await c.resident.get('/projects')).text));
});

test('contests and a contest\'s ranking with both sides\' scores', async () => {
  const street = (await c.staff.get(`/api/v1/places/${L}`)).json.ancestors.find((a) => a.kind === 'street').id;
  let r = await c.street.post('/api/v1/contests', { street_id: street, title: '最美社区', criteria: [{ name: '环境', weight: 60 }, { name: '参与', weight: 40 }],
    assessor_weight: 60, resident_weight: 40, communities: [L, F], assessors: [id.street], winners: 1, priority_days: 30, closes_at: now() + 7 * 86400 });
  assert.equal(r.status, 201, r.text);
  const k = r.json.id;
  for (const [who, com, s] of [['street', L, [80, 71]], ['street', F, [60, 65]], ['resident', F, [90, 90]], ['fResident', L, [55, 100]]]) {
    r = await c[who].post(`/api/v1/contests/${k}/scores`, { community_id: com, scores: s });
    assert.equal(r.status, 201, r.text);
  }
  const list = (await c.street.get('/api/v1/contests')).json.items;
  let x = await both('street', '/api/v1/contests');
  assert.deepEqual(x.head, ['编号', '名称', '街道', '状态', '评分截止']);
  assert.deepEqual(x.rows, list.map((q) => [q.id, q.title, q.street, '评分中', q.closes_at_local]));

  const d = (await c.street.get(`/api/v1/contests/${k}`)).json;
  x = await both('street', `/api/v1/contests/${k}`);
  assert.deepEqual(x.head, ['名次', '社区编号', '参评社区', '总分', '评审得分', '评审评分表数', '居民得分', '居民评分表数', '优胜', '表扬']);
  assert.deepEqual(x.rows, d.entries.map((e) => [e.rank, e.community_id, e.name, Number(e.total), Number(e.assessors.score),
    e.assessors.scorecards, Number(e.residents.score), e.residents.scorecards, null, null]));
  // L: assessors 0.6 x 80 + 0.4 x 71 = 76.4, residents 0.6 x 55 + 0.4 x 100 = 73; total 0.6 x 76.4 + 0.4 x 73 = 75.04
  assert.deepEqual(x.rows.find((row) => row[1] === L).slice(3, 8), [75.04, 76.4, 1, 73, 1]);
  assert.deepEqual(x.crows.find((row) => Number(row[1]) === L).slice(3, 8), ['75.04', '76.40', '1', '73.00', '1']);
  // a community's staff export what their JSON shows; residents nothing
  const staffList = (await c.staff.get('/api/v1/contests')).json.items;
  x = await both('staff', '/api/v1/contests');
  assert.deepEqual(x.rows.map((row) => row[0]), staffList.map((q) => q.id));
  await scoped('/api/v1/contests', { fStatus: 200 });
  await scoped(`/api/v1/contests/${k}`, { fStatus: 200 });
  assert.ok((await c.street.get(`/contests/${k}`)).text.includes(`/api/v1/contests/${k}?format=xlsx`));
  assert.ok((await c.street.get('/contests')).text.includes('/api/v1/contests?format=csv'));
  assert.ok(!/export-links/.test((await c.resident.get(`/contests/${k}`)).text));
});

test('calls for opinions and a call\'s opinions, authors as on the page', async () => {
  let r = await c.staff.post('/api/v1/calls', { place_id: L, title: '@车棚怎么建', body: '', deadline: now() + 5 * 86400 });
  assert.equal(r.status, 201, r.text);
  const call = r.json.id;
  const ops = [];
  for (const [who, body] of [['resident', '=SUM(1) 多放几个车位'], ['tenant', '加个充电桩，\n要安全'], ['leader', '同意充电桩']]) {
    r = await c[who].post(`/api/v1/calls/${call}/opinions`, { body });
    assert.equal(r.status, 201, r.text);
    ops.push(r.json.id);
  }
  assert.equal((await c.leader.put(`/api/v1/opinions/${ops[0]}/support`, {})).status, 200);
  assert.equal((await c.staff.post(`/api/v1/opinions/${ops[2]}/merge`, { into: ops[1] })).status, 200);
  const calls = [];
  for (let offset = 0; ; offset += 100) {
    const j = (await c.staff.get(`/api/v1/calls?limit=100&offset=${offset}`)).json;
    calls.push(...j.items);
    if (calls.length >= j.total) break;
  }
  let x = await both('staff', '/api/v1/calls?limit=1');
  assert.deepEqual(x.head, ['编号', '主题', '范围', '状态', '截止时间', '意见数', '发起人', '发起时间']);
  assert.deepEqual(x.rows, calls.map((q) => [q.id, q.title, q.place.name, q.open ? '征集中' : '已截止', q.deadline_at_local, q.opinions,
    q.author.name, q.created_at_local]), 'the whole list, paging ignored');
  assert.equal(x.rows.find((row) => row[0] === call)[5], 3);
  assert.equal(x.crows.find((row) => Number(row[0]) === call)[1], "'@车棚怎么建");

  const items = (await c.staff.get(`/api/v1/calls/${call}/opinions`)).json.items;
  x = await both('staff', `/api/v1/calls/${call}/opinions`);
  assert.deepEqual(x.head, ['编号', '提出人', '意见', '状态', '支持人数', '并入意见', '转成的事项', '照片数', '提出时间']);
  assert.deepEqual(x.rows, items.map((o) => [o.id, o.author.name, o.body, { open: '征集中', merged: '已合并', adopted: '已采纳' }[o.status],
    o.supports, o.merged_into, o.matter_id, o.photos.length, o.created_at_local]));
  assert.deepEqual(x.rows.find((row) => row[0] === ops[2]).slice(3, 6), ['已合并', 0, ops[1]]);
  assert.equal(x.rows.find((row) => row[0] === ops[0])[4], 1);
  const csv = x.crows.find((row) => Number(row[0]) === ops[0]);
  assert.equal(csv[2], "'=SUM(1) 多放几个车位");
  assert.equal(x.crows.find((row) => Number(row[0]) === ops[1])[2], '加个充电桩，\n要安全');
  await scoped(`/api/v1/calls/${call}/opinions`);
  await scoped('/api/v1/calls', { fStatus: 200 });
  const fCalls = (await c.fStaff.get('/api/v1/calls?limit=100')).json.items.map((q) => q.id);
  const fx = readXlsx((await c.fStaff.get('/api/v1/calls?format=xlsx')).buf);
  assert.deepEqual(fx.rows.slice(1).map((row) => row[0]), fCalls, 'another community\'s staff: only their calls');
  assert.ok(!fCalls.includes(call));
  assert.ok((await c.staff.get(`/calls/${call}`)).text.includes(`/api/v1/calls/${call}/opinions?format=xlsx`));
  assert.ok((await c.staff.get('/calls')).text.includes('/api/v1/calls?format=xlsx'));
  assert.ok(!/export-links/.test((await c.resident.get(`/calls/${call}`)).text));
});

test('a meeting\'s attendance: who came and how, then the proxies', async () => {
  const local = (t) => new Date((t + 8 * 3600) * 1000).toISOString().slice(0, 16).replace('T', ' ');
  const day = local(now() + 20 * 86400).slice(0, 10);
  const grid = (await c.grid.get('/api/v1/me')).json.roles.find((x) => x.role === 'grid_worker').place.id;
  let r = await c.grid.post('/api/v1/councils', { place_id: grid, name: '=楼栋议事会', kind: 'monthly', day_of_month: 1,
    starts_on: day, time: '19:00', location: '楼下' });
  assert.equal(r.status, 201, r.text);
  r = await c.grid.post(`/api/v1/councils/${r.json.id}/meetings`, { start: local(now() + 1800) });
  assert.equal(r.status, 201, r.text);
  const m = r.json.id;
  for (const who of ['leader', 'leader2']) {
    r = await c.grid.post(`/api/v1/meetings/${m}/attendance`, { person_id: id[who] });
    assert.equal(r.status, 200, r.text);
  }
  r = await c.grid.post(`/api/v1/meetings/${m}/proxies`, { principal_id: id.resident, holder_id: id.leader });
  assert.equal(r.status, 201, r.text);
  const att = (await c.grid.get(`/api/v1/meetings/${m}/attendance`)).json;
  const x = await both('grid', `/api/v1/meetings/${m}/attendance`);
  assert.deepEqual(x.head, ['人员编号', '姓名', '到会方式', '受托人（已到会）', '登记时间']);
  assert.deepEqual(x.rows.map((row) => row.slice(0, 4)), [
    ...att.attendees.map((a) => [a.person_id, a.name, '主持人登记', null]),
    ...att.proxies.map((p) => [p.principal.id, p.principal.name, '委托', p.holder.name])]);
  assert.equal(x.rows.length, att.presence.attendees + att.presence.proxies);
  assert.ok(x.rows.every((row) => /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(row[4])));
  await scoped(`/api/v1/meetings/${m}/attendance`);
  assert.ok((await c.grid.get(`/meetings/${m}`)).text.includes(`/api/v1/meetings/${m}/attendance?format=xlsx`));
  assert.ok(!/export-links/.test((await c.resident.get(`/meetings/${m}`)).text));
});

test('the list of votes: what each vote is, never a ballot', async () => {
  const mk = async (title, secret) => {
    const r = await c.staff.post('/api/v1/votes', { place_id: L, title, method: 'yes_no_abstain', mode: 'online', secret,
      rule: { preset: 'simple_majority' }, closes_at: now() + 30 * 86400 });
    assert.equal(r.status, 201, r.text);
    return r.json.id;
  };
  const secret = await mk('+无记名表决', true), open = await mk('记名表决', false);
  for (const v of [secret, open]) {
    const r = await c.resident.put(`/api/v1/votes/${v}/ballot`, { options: [0] });
    assert.ok([200, 201].includes(r.status), r.text);
  }
  const all = [];
  for (let offset = 0; ; offset += 100) {
    const j = (await c.staff.get(`/api/v1/votes?limit=100&offset=${offset}`)).json;
    all.push(...j.items);
    if (all.length >= j.total) break;
  }
  const x = await both('staff', '/api/v1/votes?limit=1');
  assert.deepEqual(x.head, ['编号', '表决事项', '表决方式', '形式', '无记名投票', '状态', '表决范围', '开始时间', '截止时间', '通过']);
  assert.deepEqual(x.rows.map((row) => [row[0], row[1], row[4], row[6], row[7], row[8]]),
    all.map((v) => [v.id, v.title, v.secret ? '是' : '否', v.place.name, v.opens_at_local, v.closes_at_local]));
  assert.deepEqual(x.rows.find((row) => row[0] === secret).slice(2, 6), ['同意/反对/弃权', '网上投票', '是', '进行中']);
  assert.equal(x.crows.find((row) => Number(row[0]) === secret)[1], "'+无记名表决");
  assert.equal(x.rows[0].length, 10, 'ten columns: no ballot, no receipt');
  assert.ok(!x.crows.flat().some((cell) => /receipt|[0-9a-f]{16}/.test(cell)));
  await scoped('/api/v1/votes', { fStatus: 200 });
  const fx = readXlsx((await c.fStaff.get('/api/v1/votes?format=xlsx')).buf);
  assert.ok(!fx.rows.slice(1).some((row) => row[0] === secret || row[0] === open), 'another community\'s staff: not ours');
});

test('budgets and a budget\'s projects with both results (clock moved: last)', async () => {
  let r = await c.staff.post('/api/v1/budgets', { place_id: L, title: '=微更新预算', total: 1000,
    projects: [{ name: '车棚', cost: 600 }, { name: '花园', cost: 500 }, { name: '书角', cost: 300 }], closes_at: now() + 3600 });
  assert.equal(r.status, 201, r.text);
  const b = r.json;
  let x = await both('staff', `/api/v1/budgets/${b.id}`);
  assert.deepEqual(x.head, ['序号', '项目', '费用（元）', '赞成', '平均分摊法', '每位支持者最多出（元）', '有效票', '按票数多少']);
  assert.deepEqual(x.rows, [[1, '车棚', 600, null, null, null, null, null], [2, '花园', 500, null, null, null, null, null],
    [3, '书角', 300, null, null, null, null, null]], 'open: the projects, no result yet');
  for (const [who, opts] of [['resident', [0, 2]], ['tenant', [0]], ['leader', [1, 2]]]) {
    r = await c[who].put(`/api/v1/votes/${b.vote_id}/ballot`, { options: opts });
    assert.ok([200, 201].includes(r.status), r.text);
  }
  await h.advance(2 * 3600);
  for (const k of ['staff', 'fStaff']) { // a staff session ends after 30 idle minutes
    c[k] = new Client(h.url, `${k}-b`);
    await c[k].signIn(PHONES[k]);
  }
  const list = (await c.staff.get(`/api/v1/budgets?community=${L}`)).json.items;
  x = await both('staff', `/api/v1/budgets?community=${L}`);
  assert.deepEqual(x.head, ['编号', '名称', '预算总额（元）', '状态', '开始时间', '截止时间']);
  assert.deepEqual(x.rows, list.map((q) => [q.id, q.title, q.total, { open: '进行中', closed: '已结束', scheduled: '未开始', cancelled: '已取消', counting: '计票中' }[q.state],
    q.opens_at_local, q.closes_at_local]));
  assert.equal(x.crows.find((row) => Number(row[0]) === b.id)[1], "'=微更新预算");

  const d = (await c.staff.get(`/api/v1/budgets/${b.id}`)).json;
  assert.equal(d.state, 'closed');
  x = await both('staff', `/api/v1/budgets/${b.id}`);
  const how = { equal_shares: '入选', fill: '补足入选', not_bought: '未入选' };
  assert.deepEqual(x.rows, d.result.projects.map((p) => [p.project + 1, p.label, p.cost, p.approvals, how[p.equal_shares],
    p.payment, p.effective_votes, p.greedy ? '入选' : '未入选']));
  assert.deepEqual(x.rows.map((row) => row[3]), [2, 1, 2], 'the approvals of the ballots');
  assert.deepEqual(x.rows.map((row) => row[7]), ['入选', '未入选', '入选'], 'greedy: 车棚 then 书角 (花园 no longer fits)');
  await scoped(`/api/v1/budgets/${b.id}`);
  await scoped(`/api/v1/budgets?community=${L}`);
  assert.ok((await c.staff.get(`/budgets/${b.id}`)).text.includes(`/api/v1/budgets/${b.id}?format=xlsx`));
  assert.ok((await c.staff.get('/budgets')).text.includes(`/api/v1/budgets?community=${L}&amp;format=csv`));
  assert.ok(!/export-links/.test((await c.resident.get(`/budgets/${b.id}`)).text));
});
