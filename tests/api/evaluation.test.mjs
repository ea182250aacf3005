// Evaluations before, during and after, on 龙湖's "楼道堆物清理与巡查"
// (grid 1, being managed): templates with their limits; the phases each
// stage allows; one answer per household (two members at once: one
// counts) and one per appointed assessor; the arithmetic, recomputed here
// from the published sums with exact fractions; closing opens a follow-up
// task for every criterion below the threshold, with its owner and due
// date, and the jobs remind the owner the day before and flag it overdue;
// an assessment still open at its closing time is closed by a job; the
// spine refuses 共享 until the after-assessment is closed; bad input writes
// nothing; other communities read nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, readXlsx } from './helpers.mjs';

const h = useServer();
const c = {};
const DAY = 86400;
let L, matter, tmpl, during, after;
const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;
/* a new session: sessions end after 30 idle minutes of the test clock */
const fresh = async (k) => {
  c[k] = new Client(h.url, k);
  await c[k].signIn(PHONES[k]);
};

before(async () => {
  await h.ready;
  for (const k of ['staff', 'resident', 'leader', 'tenant', 'fStaff', 'grid', 'street']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  L = (await c.staff.get('/api/v1/me')).json.community_id;
  const list = (await c.staff.get('/api/v1/matters?stage=managing&limit=50')).json.items;
  matter = list.find((m) => m.title === '楼道堆物清理与巡查');
  assert.ok(matter, 'the demo matter being managed');
});

test('templates: the demo\'s three, a new one, and every bad one refused with nothing written', async () => {
  const got = (await c.staff.get(`/api/v1/evaluation-templates?community=${L}`)).json.items;
  assert.equal(got.length, 3);
  assert.deepEqual(got[2].criteria.map((k) => k.name), ['使用效果', '整洁', '安全', '照明']);
  const body = { community_id: L, name: '楼道整治评估', criteria: [{ name: '整洁', weight: 60, scale: 5 }, { name: '照明', weight: 40, scale: 5 }] };
  assert.equal((await c.resident.post('/api/v1/evaluation-templates', body)).status, 403);
  assert.equal((await c.fStaff.post('/api/v1/evaluation-templates', body)).status, 404);
  assert.equal((await c.resident.get(`/api/v1/evaluation-templates?community=${L}`)).status, 403);
  for (const [b, status, code] of [
    [{ ...body, criteria: [] }, 400, 'evaluation_criteria_invalid'],
    [{ ...body, criteria: [{ name: '整洁', weight: 0 }] }, 422, 'evaluation_criteria_invalid'],
    [{ ...body, criteria: [{ name: '整洁', weight: 10, scale: 11 }] }, 422, 'evaluation_criteria_invalid'],
    [{ ...body, criteria: [{ name: '整洁', weight: 10 }, { name: '整洁', weight: 10 }] }, 422, 'evaluation_criteria_invalid'],
    [{ ...body, criteria: [{ name: '洁'.repeat(31), weight: 10 }] }, 422, 'evaluation_criteria_invalid'],
    [{ ...body, criteria: Array.from({ length: 13 }, (_, i) => ({ name: `项${i}`, weight: 5 })) }, 400, 'evaluation_criteria_invalid'],
    [{ ...body, name: ' ' }, 422, 'evaluation_name_required'],
    [{ ...body, community_id: 0 }, 422, 'community_required'],
  ]) {
    const r = await c.staff.post('/api/v1/evaluation-templates', b);
    assert.equal(r.status, status, `${code}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  const r = await c.staff.post('/api/v1/evaluation-templates', body);
  assert.equal(r.status, 201, r.text);
  tmpl = r.json;
  assert.deepEqual(tmpl.criteria.map((k) => [k.pos, k.weight, k.scale]), [[1, 60, 5], [2, 40, 5]]);
  assert.equal((await c.staff.post('/api/v1/evaluation-templates', body)).status, 409);
  assert.equal((await c.staff.get(`/api/v1/evaluation-templates?community=${L}`)).json.items.length, 4);
});

test('opening: the phases a stage allows, once each; the after-assessment asks every household too', async () => {
  const base = { matter_id: matter.id, template_id: tmpl.id, resident_weight: 60, threshold: 70, closes_at: now() + 7 * DAY, followup_phone: PHONES.grid };
  assert.equal((await c.resident.post('/api/v1/evaluations', { ...base, phase: 'during' })).status, 403);
  assert.equal((await c.fStaff.post('/api/v1/evaluations', { ...base, phase: 'during' })).status, 404);
  for (const [b, status, code] of [
    [{ ...base, phase: 'before' }, 409, 'evaluation_phase_stage'],
    [{ ...base, phase: 'soon' }, 422, 'evaluation_phase_invalid'],
    [{ ...base, phase: 'during', template_id: 999999 }, 422, 'evaluation_template_invalid'],
    [{ ...base, phase: 'during', resident_weight: 101 }, 422, 'evaluation_weight_invalid'],
    [{ ...base, phase: 'during', threshold: 0 }, 422, 'evaluation_threshold_invalid'],
    [{ ...base, phase: 'during', followup_days: 181 }, 422, 'evaluation_followup_invalid'],
    [{ ...base, phase: 'during', closes_at: now() + 91 * DAY }, 422, 'evaluation_closes_invalid'],
    [{ ...base, phase: 'during', followup_phone: '13899999999' }, 404, 'person_not_found'],
  ]) {
    const r = await c.staff.post('/api/v1/evaluations', b);
    assert.equal(r.status, status, `${code}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  let r = await c.staff.post('/api/v1/evaluations', { ...base, phase: 'during', closes_at: now() + 2 * DAY });
  assert.equal(r.status, 201, r.text);
  during = r.json;
  assert.equal(during.state, 'open');
  assert.equal(during.survey, undefined);
  r = await c.staff.post('/api/v1/evaluations', { ...base, phase: 'after' });
  assert.equal(r.status, 201, r.text);
  after = r.json;
  assert.equal(after.followup.owner, '刘志强');
  assert.ok(after.survey, 'the after-assessment opens a survey of every household');
  assert.equal(after.survey.matter.id, matter.id);
  assert.equal((await c.staff.post('/api/v1/evaluations', { ...base, phase: 'after' })).json.error.code, 'evaluation_phase_exists');
  const m = (await c.tenant.get(`/api/v1/matters/${matter.id}`)).json;
  assert.deepEqual(m.evaluations.evaluations.map((e) => e.phase), ['during', 'after']);
  assert.equal((await c.fStaff.get(`/api/v1/evaluations/${after.id}`)).status, 404);
});

test('two members of one household answer at once: one answer counts', async () => {
  const [a, b] = await Promise.all([
    c.resident.put(`/api/v1/evaluations/${during.id}/response`, { scores: [2, 3] }),
    c.leader.put(`/api/v1/evaluations/${during.id}/response`, { scores: [5, 5] }),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [200, 409], `${a.text} ${b.text}`);
  const lost = a.status === 200 ? c.leader : c.resident;
  const seen = (await lost.get(`/api/v1/evaluations/${during.id}`)).json;
  assert.equal(seen.mine.answered, true);
  assert.equal(seen.mine.by_me, false);
  assert.equal(seen.may_answer, false);
  assert.equal(seen.respondents.households, 1);
  assert.equal((await lost.put(`/api/v1/evaluations/${during.id}/response`, { scores: [1, 1] })).json.error.code, 'evaluation_answered');
});

/* p/q rounded half up to tenths of a percent, as "x.y" */
const pct = (p, q) => {
  const m = (2000n * BigInt(p) + BigInt(q)) / (2n * BigInt(q));
  return `${m / 10n}.${m % 10n}`;
};

test('assessors and households answer; the arithmetic is the published sums, exactly', async () => {
  const e = `/api/v1/evaluations/${after.id}`;
  assert.equal((await c.resident.post(`${e}/assessors`, { phone: PHONES.leader })).status, 403);
  let r = await c.staff.post(`${e}/assessors`, { phone: PHONES.leader });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.assessors.map((x) => x.name), ['孙德明']);
  assert.equal((await c.staff.post(`${e}/assessors`, { phone: PHONES.leader })).status, 409);
  assert.equal((await c.staff.post(`${e}/assessors`, { phone: '1380000' })).status, 404);
  // bad answers first: nothing is written
  for (const [scores, status] of [[[5], 422], [[5, 6], 422], [[0, 3], 422], [['5', 3], 400], [[], 400]]) {
    const x = await c.resident.put(`${e}/response`, { scores });
    assert.equal(x.status, status, `${JSON.stringify(scores)}: ${x.text}`);
  }
  assert.equal((await c.resident.put(`${e}/response`, { scores: [3, 3], note: '意'.repeat(501) })).status, 422);
  assert.equal((await c.fStaff.put(`${e}/response`, { scores: [3, 3] })).status, 404);
  assert.equal((await c.staff.put(`${e}/response`, { scores: [3, 3] })).status, 403, 'staff have no household here');
  // the leader lives in 1栋101 too, but answers as the assessor he is
  r = await c.leader.put(`${e}/response`, { scores: [4, 2] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.mine.as, 'assessor');
  r = await c.resident.put(`${e}/response`, { scores: [5, 2], note: '灯还是暗' });
  assert.equal(r.json.mine.as, 'household');
  r = await c.tenant.put(`${e}/response`, { scores: [4, 3] });
  assert.equal(r.status, 200, r.text);
  const d = r.json;
  assert.deepEqual(d.respondents, { households: 2, assessors: 1 });
  assert.equal(d.notes, undefined, 'a resident does not read the notes');
  assert.deepEqual((await c.staff.get(e)).json.notes, ['灯还是暗']);
  // each criterion from its sums: (60 x hs/(hn x 5) + 40 x as/(an x 5)) / 100
  const exact = [];
  for (const k of d.criteria) {
    const hs = k.residents.sum, hn = k.residents.n, as = k.assessors.sum, an = k.assessors.n;
    assert.equal(k.residents.percent, pct(hs, hn * 5));
    assert.equal(k.assessors.percent, pct(as, an * 5));
    const num = 60 * hs * an + 40 * as * hn, den = 100 * 5 * hn * an;
    assert.equal(k.percent, pct(num, den), k.name);
    exact.push([num, den, k.weight]);
  }
  assert.deepEqual(d.criteria.map((k) => [k.residents.sum, k.assessors.sum]), [[9, 4], [5, 2]]);
  // overall: (60 x c1 + 40 x c2) / 100, from the exact criteria
  const [[n1, d1, w1], [n2, d2, w2]] = exact;
  assert.equal(d.percent, pct(w1 * n1 * d2 + w2 * n2 * d1, (w1 + w2) * d1 * d2));
  assert.equal(d.criteria[0].low, false); // 9/10 x 60 + 4/5 x 40 = 86.0
  assert.equal(d.criteria[1].low, true); //  5/10 x 60 + 2/5 x 40 = 46.0 < 70
});

test('共享 waits for the after-assessment; closing opens a task per low criterion, tracked through the jobs', async () => {
  const move = (k, to) => c[k].post(`/api/v1/matters/${matter.id}/transitions`, { to, reason: '运行满三个月' });
  let r = await move('staff', 'evaluating');
  assert.equal(r.status, 200, r.text);
  r = await move('staff', 'sharing');
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'evaluation_after_required');
  assert.ok(!r.json.error.message.includes('evaluation_'), 'a sentence, not a key');
  assert.equal((await c.resident.post(`/api/v1/evaluations/${after.id}/close`)).status, 403);
  r = await c.staff.post(`/api/v1/evaluations/${after.id}/close`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'closed');
  assert.equal((await c.staff.post(`/api/v1/evaluations/${after.id}/close`)).status, 409);
  assert.equal((await c.tenant.put(`/api/v1/evaluations/${after.id}/response`, { scores: [1, 1] })).json.error.code, 'evaluation_closed');
  const tasks = r.json.tasks;
  assert.deepEqual(tasks.map((t) => [t.title, t.percent, t.owner.name, t.state]), [['照明', '46.0', '刘志强', 'open']]);
  const task = tasks[0];
  assert.equal((Date.parse(task.due_at) - Date.parse(r.json.closed_at)) / 1000, 14 * DAY);
  r = await move('staff', 'sharing');
  assert.equal(r.status, 200, r.text);
  // the owner is told at once, the day before the due date, and when it is overdue
  const kinds = async () => (await c.grid.get('/api/v1/notifications')).json.items.map((n) => n.kind);
  assert.ok((await kinds()).includes('evaluation_task'));
  await h.advance(13 * DAY + 60);
  await fresh('grid');
  assert.ok((await kinds()).includes('evaluation_task_due'));
  assert.equal((await c.grid.get(`/api/v1/evaluation-tasks?community=${L}`)).json.items.find((t) => t.id === task.id).overdue, false);
  await h.advance(DAY);
  await fresh('grid');
  assert.ok((await kinds()).includes('evaluation_task_overdue'));
  await fresh('staff');
  const listed = (await c.staff.get(`/api/v1/evaluation-tasks?community=${L}`)).json.items.find((t) => t.id === task.id);
  assert.equal(listed.overdue, true);
  assert.equal((await c.resident.get(`/api/v1/evaluation-tasks?community=${L}`)).status, 403);
  await fresh('resident');
  assert.equal((await c.resident.post(`/api/v1/evaluation-tasks/${task.id}/done`, { note: '已换灯' })).status, 403);
  assert.equal((await c.grid.post(`/api/v1/evaluation-tasks/${task.id}/done`, { note: ' ' })).status, 422);
  r = await c.grid.post(`/api/v1/evaluation-tasks/${task.id}/done`, { note: '楼道换了 LED 灯' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await c.grid.post(`/api/v1/evaluation-tasks/${task.id}/done`, { note: '再来' })).status, 409);
  const done = (await c.staff.get(`/api/v1/evaluation-tasks?community=${L}`)).json.items.find((t) => t.id === task.id);
  assert.deepEqual([done.state, done.overdue, done.note], ['done', false, '楼道换了 LED 灯']);
  // the list in Excel, read back by a real reader: the same task, figure and owner
  const x = readXlsx((await c.staff.get(`/api/v1/evaluation-tasks?community=${L}&format=xlsx`)).buf);
  const row = x.rows.find((cells) => cells[0] === task.id);
  assert.deepEqual(x.rows[0].slice(0, 4), ['编号', '事项', '阶段', '项目']);
  assert.deepEqual([row[1], row[2], row[3], row[4], row[5], row[7], row[8]],
    ['楼道堆物清理与巡查', '事后评估', '照明', 0.46, '刘志强', '已完成', '楼道换了 LED 灯']);
  assert.equal((await c.resident.get(`/api/v1/evaluation-tasks?community=${L}&format=xlsx`)).status, 403);
});

test('an assessment still open at its closing time is closed by the job, with its tasks', async () => {
  const d = (await c.staff.get(`/api/v1/evaluations/${during.id}`)).json;
  assert.equal(d.state, 'closed', 'the clock passed its closing time in the test before');
  assert.ok(Date.parse(d.closed_at) >= Date.parse(d.closes_at));
  // the one household that answered gave 2/5 and 3/5 (or 5 and 5): the tasks follow the result
  const lows = d.criteria.filter((k) => k.low).map((k) => k.name);
  assert.deepEqual(d.tasks.map((t) => t.title), lows);
});

test('a low satisfaction opens its own task, also when the job closes the assessment', async () => {
  for (const k of ['staff', 'tenant', 'grid']) await fresh(k);
  const m = (await c.staff.get('/api/v1/matters?stage=evaluating&limit=50')).json.items.find((x) => x.title === '健身器材更新');
  const r = await c.staff.post('/api/v1/evaluations', { matter_id: m.id, phase: 'after', template_id: tmpl.id, threshold: 60,
    closes_at: now() + DAY, followup_phone: PHONES.grid });
  assert.equal(r.status, 201, r.text);
  const e = r.json;
  assert.equal((await c.tenant.put(`/api/v1/surveys/${e.survey.id}/response`, { score: 1 })).status, 200);
  assert.equal((await c.tenant.put(`/api/v1/evaluations/${e.id}/response`, { scores: [5, 5] })).status, 200);
  await h.advance(DAY + 60);
  await fresh('staff');
  const d = (await c.staff.get(`/api/v1/evaluations/${e.id}`)).json;
  assert.equal(d.state, 'closed');
  assert.equal(d.survey.low, true);
  assert.deepEqual(d.tasks.map((t) => [t.criterion, t.title, t.percent]), [[0, null, '0.0']]);
  const page = (await c.staff.get(`/evaluations/${e.id}`)).text;
  assert.match(page, /id="task-\d+"><strong>满意度<\/strong> <span class="meta">0\.0%/);
});
