// Projects of co-building (共建): a project from a matter in building (one
// per matter), tasks in a tree whose progress follows from tasks done
// (weighted), milestones, money in and out, organisers who may edit, the
// matter's guard (no managing before the project is finished) and panel,
// the page, access between communities, and bad input that writes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
const id = {};
let matter, project;

before(async () => {
  await h.ready;
  for (const k of ['staff', 'grid', 'resident', 'tenant', 'fStaff']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
    id[k] = (await c[k].get('/api/v1/me')).json.id;
  }
  const list = (await c.staff.get('/api/v1/matters?stage=building')).json;
  matter = list.items.find((m) => m.stage === 'building');
  assert.ok(matter, 'the demo has a matter in building');
});

const task = (title, extra = {}) => c.staff.post(`/api/v1/projects/${project}/tasks`, { title, ...extra });
const taskId = (d, title) => d.tasks.find((t) => t.title === title).id;

test('a project from a matter in building, once; not from a matter in another stage', async () => {
  const r = await c.staff.post('/api/v1/projects', { matter_id: matter.id, title: '闲置车棚改造', summary: '清理、粉刷、装灯', budget_fen: 500000 });
  assert.equal(r.status, 201, r.text);
  project = r.json.id;
  assert.equal(r.json.matter_id, matter.id);
  assert.equal(r.json.progress_percent, 0);
  assert.equal(r.json.budget, '5000.00');
  const again = await c.staff.post('/api/v1/projects', { matter_id: matter.id, title: '再来一个' });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.code, 'project_exists');
  const collecting = (await c.staff.get('/api/v1/matters?stage=collecting')).json.items[0];
  const wrong = await c.staff.post('/api/v1/projects', { matter_id: collecting.id, title: '太早了' });
  assert.equal(wrong.status, 409);
  assert.equal(wrong.json.error.code, 'project_matter_stage');
  const list = await c.resident.get('/api/v1/projects');
  assert.equal(list.status, 200);
  assert.ok(list.json.items.some((p) => p.id === project));
});

test('progress follows from tasks done, a parent weighing its children', async () => {
  for (const t of ['清理杂物', '清洁', '刷漆', '装灯']) assert.equal((await task(t)).status, 201);
  let d = (await c.staff.get(`/api/v1/projects/${project}`)).json;
  const paint = taskId(d, '刷漆');
  assert.equal((await task('刷墙面', { parent_id: paint, weight: 3 })).status, 201);
  assert.equal((await task('刷门', { parent_id: paint, due_on: '2020-01-01' })).status, 201);
  d = (await c.staff.get(`/api/v1/projects/${project}`)).json;
  // tree order: each subtask after its parent, one level deeper
  const i = d.tasks.findIndex((t) => t.title === '刷漆');
  assert.deepEqual(d.tasks.slice(i, i + 3).map((t) => [t.title, t.depth]), [['刷漆', 0], ['刷墙面', 1], ['刷门', 1]]);
  assert.equal(d.tasks.find((t) => t.title === '刷门').overdue, true);
  for (const t of ['清理杂物', '刷墙面']) {
    const r = await c.staff.put(`/api/v1/tasks/${taskId(d, t)}`, { state: 'done' });
    assert.equal(r.status, 200, r.text);
  }
  d = (await c.staff.get(`/api/v1/projects/${project}`)).json;
  // 清理杂物 100, 清洁 0, 刷漆 (3 x 100 + 1 x 0) / 4 = 75, 装灯 0: (100 + 0 + 75 + 0) / 4 = 43.75
  assert.equal(d.tasks.find((t) => t.title === '刷漆').progress_percent, 75);
  assert.equal(d.progress_percent, 43);
  assert.equal(d.tasks_done, 2);
  assert.equal(d.tasks_total, 6);
  assert.ok(d.events.some((e) => e.kind === 'task_done' && e.detail === '刷墙面'));
});

test('the matter waits for its project before managing; its page shows the project', async () => {
  let r = await c.staff.post(`/api/v1/matters/${matter.id}/transitions`, { to: 'managing', reason: '' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'project_not_done');
  const m = (await c.resident.get(`/api/v1/matters/${matter.id}`)).json;
  assert.equal(m.project.id, project);
  assert.equal(m.project.progress_percent, 43);
  const page = await c.resident.get(`/matters/${matter.id}`);
  assert.match(page.text, /<section class="card" id="project">/);
  assert.match(page.text, new RegExp(`href="/projects/${project}"`));
  const d = (await c.staff.get(`/api/v1/projects/${project}`)).json;
  for (const t of d.tasks.filter((x) => x.state !== 'done' && !d.tasks.some((y) => y.parent_id === x.id)))
    assert.equal((await c.staff.put(`/api/v1/tasks/${t.id}`, { state: 'done' })).status, 200);
  assert.equal((await c.staff.get(`/api/v1/projects/${project}`)).json.progress_percent, 100);
  r = await c.staff.post(`/api/v1/matters/${matter.id}/transitions`, { to: 'managing', reason: '' });
  assert.equal(r.status, 200, r.text);
});

test('milestones and money in and out, with totals; the page shows them', async () => {
  let r = await c.staff.post(`/api/v1/projects/${project}/milestones`, { title: '车棚清空', due_on: '2026-12-12' });
  assert.equal(r.status, 201, r.text);
  const ms = r.json.milestones[0];
  assert.equal(ms.reached, false);
  r = await c.staff.post(`/api/v1/milestones/${ms.id}/reached`, { reached: true });
  assert.equal(r.status, 200);
  assert.equal(r.json.milestones[0].reached, true);
  r = await c.staff.post(`/api/v1/projects/${project}/money`, { direction: 'in', amount_fen: 80000, what: '业委会拨款', on_day: '2026-12-05' });
  assert.equal(r.status, 201, r.text);
  r = await c.staff.post(`/api/v1/projects/${project}/money`, { direction: 'out', amount_fen: 25050, what: '油漆和刷子' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.money.in, '800.00');
  assert.equal(r.json.money.out, '250.50');
  assert.equal(r.json.money.balance, '549.50');
  const page = await c.resident.get(`/projects/${project}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<span id="project-progress">100<\/span>%/);
  assert.match(page.text, /<span id="money-in">800.00<\/span>/);
  assert.match(page.text, /业委会拨款/);
  assert.doesNotMatch(page.text, /action="\/projects\/\d+\/money"/, 'a resident has no money form');
  const staffPage = await c.staff.get(`/projects/${project}`);
  assert.match(staffPage.text, /action="\/projects\/\d+\/money"/);
});

test('contributions: money, materials and labour, with who gave and who received; public with totals', async () => {
  const give = (body) => c.staff.post(`/api/v1/projects/${project}/contributions`, body);
  let r = await give({ kind: 'material', giver_kind: 'company', giver: '物业公司', what: '白色乳胶漆 10 桶' });
  assert.equal(r.status, 201, r.text);
  r = await give({ kind: 'labour', giver_kind: 'resident', giver: '张师傅', giver_person_id: id.tenant, person_days10: 10, what: '木工' });
  assert.equal(r.status, 201, r.text);
  r = await give({ kind: 'money', giver_kind: 'owners_committee', giver: '业委会', amount_fen: 80000, received_on: '2026-12-03' });
  assert.equal(r.status, 201, r.text);
  const k = r.json.contributions;
  assert.equal(k.money, '800.00');
  assert.equal(k.person_days, '1.0');
  assert.equal(k.materials, 1);
  assert.deepEqual(k.items.map((i) => i.giver), ['物业公司', '张师傅', '业委会']);
  assert.ok(k.items.every((i) => i.received_by === '李红梅'));
  const page = await c.resident.get(`/projects/${project}`);
  assert.match(page.text, /<span id="contrib-money">800.00<\/span>/);
  assert.match(page.text, /物业公司/);
  for (const [body, code] of [[{ kind: 'gift', giver_kind: 'resident', giver: 'x' }, 'contribution_kind_invalid'],
    [{ kind: 'money', giver_kind: 'bank', giver: 'x', amount_fen: 1 }, 'contribution_giver_kind_invalid'],
    [{ kind: 'money', giver_kind: 'resident', giver: ' ', amount_fen: 1 }, 'contribution_giver_required'],
    [{ kind: 'money', giver_kind: 'resident', giver: 'x', amount_fen: 0 }, 'money_amount_invalid'],
    [{ kind: 'material', giver_kind: 'resident', giver: 'x' }, 'contribution_what_required'],
    [{ kind: 'labour', giver_kind: 'resident', giver: 'x', person_days10: 0 }, 'contribution_days_invalid']]) {
    const b = await give(body);
    assert.equal(b.status, 422, JSON.stringify(body));
    assert.equal(b.json.error.code, code);
  }
  assert.equal((await c.staff.get(`/api/v1/projects/${project}`)).json.contributions.items.length, 3, 'nothing written');
  assert.equal((await c.resident.post(`/api/v1/projects/${project}/contributions`, { kind: 'money', giver_kind: 'resident', giver: '我', amount_fen: 100 })).status, 403);
});

test('organisers edit; other residents and other communities do not', async () => {
  let r = await c.tenant.post(`/api/v1/projects/${project}/tasks`, { title: '我来装灯' });
  assert.equal(r.status, 403);
  r = await c.staff.post(`/api/v1/projects/${project}/organisers`, { person_id: id.tenant });
  assert.equal(r.status, 201, r.text);
  assert.ok(r.json.organisers.some((o) => o.id === id.tenant));
  r = await c.tenant.post(`/api/v1/projects/${project}/tasks`, { title: '我来装灯' });
  assert.equal(r.status, 201, r.text);
  assert.equal((await c.tenant.post(`/api/v1/projects/${project}/organisers`, { person_id: id.resident })).status, 403);
  assert.equal((await c.resident.post(`/api/v1/projects/${project}/tasks`, { title: '不是组织者' })).status, 403);
  assert.equal((await c.fStaff.get(`/api/v1/projects/${project}`)).status, 404);
  assert.equal((await c.fStaff.post(`/api/v1/projects/${project}/tasks`, { title: '越界' })).status, 404);
  assert.equal((await c.fStaff.get(`/projects/${project}`)).status, 404);
  assert.equal((await c.staff.post(`/api/v1/projects/${project}/organisers`, { person_id: (await c.fStaff.get('/api/v1/me')).json.id })).status, 422);
  assert.equal((await c.resident.post('/api/v1/projects', { place_id: (await c.staff.get('/api/v1/me')).json.community_id, title: '居民自建' })).status, 403);
});

test('bad input: a clear 4xx and nothing written', async () => {
  const before0 = (await c.staff.get(`/api/v1/projects/${project}`)).json;
  const d = before0;
  const bad = [
    [`/api/v1/projects/${project}/tasks`, 'post', { title: '' }, 422, 'title_required'],
    [`/api/v1/projects/${project}/tasks`, 'post', { title: 'x'.repeat(201) }, 422, 'project_text_invalid'],
    [`/api/v1/projects/${project}/tasks`, 'post', { title: '日期', due_on: '2026-02-30' }, 422, 'date_invalid'],
    [`/api/v1/projects/${project}/tasks`, 'post', { title: '权重', weight: 101 }, 422, 'task_weight_invalid'],
    [`/api/v1/projects/${project}/tasks`, 'post', { title: '上级', parent_id: 999999 }, 422, 'task_parent_invalid'],
    [`/api/v1/tasks/${d.tasks[0].id}`, 'put', { state: 'finished' }, 422, 'task_state_invalid'],
    [`/api/v1/tasks/${d.tasks[0].id}`, 'put', { owner_id: 999999 }, 422, 'project_person_invalid'],
    [`/api/v1/projects/${project}/milestones`, 'post', { title: '无日期' }, 422, 'date_required'],
    [`/api/v1/projects/${project}/money`, 'post', { direction: 'sideways', amount_fen: 1, what: 'x' }, 422, 'money_direction_invalid'],
    [`/api/v1/projects/${project}/money`, 'post', { direction: 'in', amount_fen: 0, what: 'x' }, 422, 'money_amount_invalid'],
    [`/api/v1/projects/${project}/money`, 'post', { direction: 'in', amount_fen: 5, what: ' ' }, 422, 'money_what_required'],
    ['/api/v1/projects', 'post', { place_id: (await c.staff.get('/api/v1/me')).json.community_id, title: '' }, 422, 'title_required'],
    ['/api/v1/projects', 'post', { title: '无地点' }, 422, 'place_required'],
    [`/api/v1/projects/${project}/tasks`, 'post', { title: 7 }, 400, null],
  ];
  for (const [path, method, body, status, code] of bad) {
    const r = await c.staff[method](path, body);
    assert.equal(r.status, status, `${path} ${JSON.stringify(body)}: ${r.text}`);
    if (code) assert.equal(r.json.error.code, code);
  }
  const after = (await c.staff.get(`/api/v1/projects/${project}`)).json;
  assert.equal(after.tasks.length, before0.tasks.length);
  assert.equal(after.milestones.length, before0.milestones.length);
  assert.equal(after.money.items.length, before0.money.items.length);
  assert.equal((await c.staff.get('/api/v1/projects/99999999')).status, 404);
});
