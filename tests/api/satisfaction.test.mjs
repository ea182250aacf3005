// Satisfaction, one response per household: staff ask the households of
// 龙湖's building 1; 赵桂兰 and 孙德明 live in the same household (1栋101)
// and answer at once: exactly one answer counts, the first member's, and
// the other sees that the household has answered, not how. 50 answers at
// once from that household still count once. A tenant of another building
// reads the result and cannot answer; another community cannot read it.
// The public sees counts only; a result under the threshold is low. After
// the closing time nobody answers. Bad input writes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
const DAY = 86400;
let L, building, household, survey;
const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;

before(async () => {
  await h.ready;
  for (const k of ['staff', 'resident', 'leader', 'tenant', 'fStaff', 'fResident', 'grid']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  const me = (await c.resident.get('/api/v1/me')).json;
  const line = me.places[0].line;
  L = me.community_id;
  building = line.find((p) => p.kind === 'building').id;
  household = line.find((p) => p.kind === 'household').id;
});

test('staff ask the households of a building; residents and another community cannot', async () => {
  const body = { place_id: building, question: '1栋楼道灯改造后，您家满意吗？', closes_at: now() + 7 * DAY, threshold: 60 };
  assert.equal((await c.resident.post('/api/v1/surveys', body)).status, 403);
  assert.equal((await c.fStaff.post('/api/v1/surveys', body)).status, 404);
  const r = await c.staff.post('/api/v1/surveys', body);
  assert.equal(r.status, 201, r.text);
  survey = r.json;
  assert.equal(survey.households, 6, 'the six households of building 1');
  assert.equal(survey.answered, 0);
  assert.equal(survey.satisfied_percent, null);
  assert.equal((await c.fResident.get(`/api/v1/surveys/${survey.id}`)).status, 404);
  const list = (await c.tenant.get(`/api/v1/surveys?community=${L}`)).json.items;
  assert.ok(list.some((s) => s.id === survey.id));
});

test('bad input: a clear 4xx and nothing written', async () => {
  const before = (await c.staff.get(`/api/v1/surveys?community=${L}`)).json.items.length;
  const base = { place_id: building, question: '满意吗？', closes_at: now() + DAY, threshold: 60 };
  for (const [body, status, code] of [
    [{ ...base, question: ' ' }, 422, 'satisfaction_question_required'],
    [{ ...base, question: '问'.repeat(201) }, 422, 'satisfaction_question_invalid'],
    [{ ...base, threshold: 0 }, 422, 'satisfaction_threshold_invalid'],
    [{ ...base, threshold: 101 }, 422, 'satisfaction_threshold_invalid'],
    [{ ...base, closes_at: now() - 60 }, 422, 'satisfaction_closes_invalid'],
    [{ ...base, closes_at: now() + 91 * DAY }, 422, 'satisfaction_closes_invalid'],
    [{ ...base, place_id: household }, 422, 'satisfaction_place_invalid'],
    [{ ...base, place_id: 0 }, 422, 'place_required'],
    [{ ...base, matter_id: 99999999 }, 422, 'satisfaction_matter_invalid'],
    [{ ...base, threshold: 'high' }, 400, 'bad_type'],
  ]) {
    const r = await c.staff.post('/api/v1/surveys', body);
    assert.equal(r.status, status, `${code}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  for (const [score, status] of [[0, 422], [6, 422], ['5', 400]]) {
    const r = await c.resident.put(`/api/v1/surveys/${survey.id}/response`, { score });
    assert.equal(r.status, status, `${score}: ${r.text}`);
  }
  assert.equal((await c.staff.get(`/api/v1/surveys?community=${L}`)).json.items.length, before);
  assert.equal((await c.staff.get(`/api/v1/surveys/${survey.id}`)).json.answered, 0);
});

test('two members of one household answer at once: one answer counts, the other sees it answered, not how', async () => {
  const [a, b] = await Promise.all([
    c.resident.put(`/api/v1/surveys/${survey.id}/response`, { score: 2 }),
    c.leader.put(`/api/v1/surveys/${survey.id}/response`, { score: 5 }),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [200, 409], `${a.text} ${b.text}`);
  const [won, lost] = a.status === 200 ? [c.resident, c.leader] : [c.leader, c.resident];
  assert.equal((a.status === 409 ? a : b).json.error.code, 'satisfaction_answered');
  const w = (await won.get(`/api/v1/surveys/${survey.id}`)).json;
  const l = (await lost.get(`/api/v1/surveys/${survey.id}`)).json;
  assert.equal(w.answered, 1);
  assert.deepEqual([w.mine.answered, w.mine.by_me, w.may_answer], [true, true, false]);
  assert.deepEqual([l.mine.answered, l.mine.by_me, l.may_answer, l.mine.score], [true, false, false, undefined]);
  // fifty more from that household at once: still one
  const rs = await Promise.all(Array.from({ length: 50 }, (_, i) =>
    (i % 2 ? c.resident : c.leader).put(`/api/v1/surveys/${survey.id}/response`, { score: 4 })));
  assert.ok(rs.every((r) => r.status === 409), rs.map((r) => r.status).join());
  const t = (await c.tenant.get(`/api/v1/surveys/${survey.id}`)).json;
  assert.equal(t.answered, 1);
  assert.equal(t.mine.household, false, 'a tenant of building 2 is no household of building 1');
  const x = await c.tenant.put(`/api/v1/surveys/${survey.id}/response`, { score: 5 });
  assert.equal(x.status, 403);
  assert.equal(x.json.error.code, 'forbidden');
  // counts only, never who
  assert.ok(!/赵桂兰|孙德明/.test(JSON.stringify(t)), 'no names');
  assert.equal(t.scores.reduce((n, s) => n + s.households, 0), 1);
  const score = a.status === 200 ? 2 : 5;
  assert.equal(t.satisfied_percent, score >= 4 ? '100.0' : '0.0');
  assert.equal(t.low, score < 4, 'under 60% satisfied is low');
});

test('the page: the other member sees that the household answered; the counts show; after the close nobody answers', async () => {
  const p = await c.tenant.get(`/surveys/${survey.id}`);
  assert.equal(p.status, 200);
  assert.match(p.text, /1栋楼道灯改造后/);
  assert.match(p.text, /id="survey-result"[\s\S]*1<\/strong> \/ 6/);
  assert.doesNotMatch(p.text, /id="survey-answer"/, 'no form for a household elsewhere');
  const both = [await c.resident.get(`/surveys/${survey.id}`), await c.leader.get(`/surveys/${survey.id}`)];
  assert.ok(both.some((r) => /您已代表您家回答/.test(r.text)) && both.some((r) => /您家已经有人回答过了/.test(r.text)));
  // a survey of the whole community: her household answers on the page's form, until the close
  const later = (await c.staff.post('/api/v1/surveys', { place_id: L, question: '社区环境您家满意吗？', closes_at: now() + DAY, threshold: 60 })).json;
  assert.equal(later.households, 60);
  assert.equal(later.may_answer, false, 'staff are no household here');
  assert.match((await c.resident.get(`/surveys/${later.id}`)).text, /id="survey-answer"/);
  const f = await c.resident.req('POST', `/surveys/${later.id}/response`, { form: { score: '4', _csrf: c.resident.csrfToken } });
  assert.deepEqual([f.status, f.headers.get('location')], [303, `/surveys/${later.id}`], f.text);
  assert.equal((await c.leader.get(`/api/v1/surveys/${later.id}`)).json.mine.answered, true);
  await h.advance(2 * DAY);
  c.tenant = new Client(h.url, 'tenant');
  await c.tenant.signIn(PHONES.tenant);
  const r = await c.tenant.put(`/api/v1/surveys/${later.id}/response`, { score: 5 });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'satisfaction_closed');
  const end = (await c.tenant.get(`/api/v1/surveys/${later.id}`)).json;
  assert.deepEqual([end.open, end.answered, end.satisfied_percent], [false, 1, '100.0']);
});

test('from a matter\'s page staff ask its households with a form; the matter lists its surveys, with whose turn it is', async () => {
  for (const k of ['staff', 'resident', 'tenant']) { c[k] = new Client(h.url, k); await c[k].signIn(PHONES[k]); }
  const m = (await c.staff.post('/api/v1/matters', { place_id: building, category: 'other', title: '1栋楼道扶手更换' })).json;
  const page = await c.staff.get(`/matters/${m.id}`);
  assert.match(page.text, /id="survey-ask"/);
  assert.doesNotMatch((await c.resident.get(`/matters/${m.id}`)).text, /id="survey-ask"/, 'residents do not ask');
  const day = new Date((now() + 3 * DAY + 8 * 3600) * 1000).toISOString().slice(0, 10);
  const bad = await c.staff.req('POST', '/surveys', { form: { matter_id: String(m.id), place_id: String(building), question: '满意吗？',
    closes_on: 'soon', threshold: '60', _csrf: c.staff.csrfToken } });
  assert.equal(bad.status, 422);
  const f = await c.staff.req('POST', '/surveys', { form: { matter_id: String(m.id), place_id: String(building),
    question: '扶手换好后，您家满意吗？', closes_on: day, threshold: '70', _csrf: c.staff.csrfToken } });
  assert.equal(f.status, 303, f.text);
  const id = Number(/\/surveys\/(\d+)/.exec(f.headers.get('location'))[1]);
  const d = (await c.resident.get(`/api/v1/matters/${m.id}`)).json;
  const s = d.surveys.surveys.find((x) => x.id === id);
  assert.deepEqual([s.threshold, s.may_answer, s.matter.id], [70, true, m.id]);
  assert.match((await c.resident.get(`/matters/${m.id}`)).text, /扶手换好后，您家满意吗？[\s\S]*请您家回答/);
  assert.equal((await c.tenant.get(`/api/v1/surveys/${id}`)).json.may_answer, false, 'building 2 is not asked');
});
