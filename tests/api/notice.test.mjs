// Public notice (公示): objections filed by residents during the notice,
// answered publicly by staff; co-building waits for the notice to end and
// every objection to be answered; an upheld objection sends the matter back
// to deliberation.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
let resident, tenant, staff, grid, other, matter;

before(async () => {
  await h.ready;
  [resident, tenant, staff, grid, other] = await Promise.all(
    [PHONES.resident, PHONES.tenant, PHONES.staff, PHONES.grid, PHONES.fResident].map(async (p) => {
      const c = new Client(h.url, p);
      await c.signIn(p);
      return c;
    }));
  const list = await staff.get('/api/v1/matters?stage=notice');
  assert.equal(list.status, 200);
  matter = list.json.items[0];
  assert.ok(matter, 'the demo has a matter in public notice');
});

test('a matter in notice shows its period, the setting that applied and its objections', async () => {
  const m = (await resident.get(`/api/v1/matters/${matter.id}`)).json;
  assert.equal(m.stage, 'notice');
  assert.equal(m.notice_days, 5, '龙湖社区 sets 5 days');
  assert.ok(Date.parse(m.notice_until) > Date.now(), 'the notice is running');
  assert.equal(m.objections.length, 1);
  assert.equal(m.objections[0].answer, null);
  assert.equal(m.may_answer_objections, false, 'a resident does not answer');
  assert.equal((await staff.get(`/api/v1/matters/${matter.id}`)).json.may_answer_objections, true);
  // co-building must wait for the end of the notice
  const early = await staff.post(`/api/v1/matters/${matter.id}/transitions`, { to: 'building' });
  assert.equal(early.status, 409);
  assert.equal(early.json.error.code, 'notice_running');
  // ... and is not offered until then, in the API or on the page
  const staffView = (await staff.get(`/api/v1/matters/${matter.id}`)).json;
  assert.ok(!staffView.transitions.some((t) => t.to === 'building'), JSON.stringify(staffView.transitions));
  assert.doesNotMatch((await staff.get(`/matters/${matter.id}`)).text, /name="to" value="building"/);
});

test('residents file objections; bad ones are refused and write nothing', async () => {
  const blank = await resident.post(`/api/v1/matters/${matter.id}/objections`, { body: ' \u3000 ' });
  assert.equal(blank.status, 422);
  assert.equal(blank.json.error.code, 'objection_required');
  const long = await resident.post(`/api/v1/matters/${matter.id}/objections`, { body: '长'.repeat(2001) });
  assert.equal(long.status, 422);
  const wrongType = await resident.post(`/api/v1/matters/${matter.id}/objections`, { body: 7 });
  assert.equal(wrongType.status, 400);
  const outsider = await other.post(`/api/v1/matters/${matter.id}/objections`, { body: '外社区' });
  assert.equal(outsider.status, 404);
  const ok = await resident.post(`/api/v1/matters/${matter.id}/objections`, { body: '洗手池的排水接到哪里？' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.author.name, '赵桂兰');
  assert.equal(ok.json.upheld, null);
  const m = (await tenant.get(`/api/v1/matters/${matter.id}`)).json;
  assert.equal(m.objections.length, 2, 'objections are public to the community');
});

test('staff answer publicly, once; a grid worker or a resident may not', async () => {
  const m = (await staff.get(`/api/v1/matters/${matter.id}`)).json;
  const [first, second] = m.objections;
  assert.equal((await resident.post(`/api/v1/objections/${first.id}/answer`, { answer: '不成立', upheld: false })).status, 403);
  assert.equal((await grid.post(`/api/v1/objections/${first.id}/answer`, { answer: '不成立', upheld: false })).status, 403);
  assert.equal((await staff.post(`/api/v1/objections/${first.id}/answer`, { answer: '', upheld: false })).status, 422);
  assert.equal((await staff.post(`/api/v1/objections/${first.id}/answer`, { answer: 'x' })).status, 400);
  const a1 = await staff.post(`/api/v1/objections/${first.id}/answer`, { answer: '顶棚改为透光材料，不影响采光。', upheld: false });
  assert.equal(a1.status, 200, a1.text);
  const again = await staff.post(`/api/v1/objections/${first.id}/answer`, { answer: '再答', upheld: false });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.code, 'objection_answered');
  // still in notice with one open objection
  let cur = (await resident.get(`/api/v1/matters/${matter.id}`)).json;
  assert.equal(cur.stage, 'notice');
  assert.equal(cur.objections[0].answer, '顶棚改为透光材料，不影响采光。');
  assert.equal(cur.objections[0].upheld, false);
  assert.equal(cur.objections[0].answered_by.name, '李红梅');
  // the second is upheld: back to deliberation, on the timeline
  const a2 = await staff.post(`/api/v1/objections/${second.id}/answer`, { answer: '排水接入雨污分流管，重新协商位置。', upheld: true });
  assert.equal(a2.status, 200, a2.text);
  cur = (await resident.get(`/api/v1/matters/${matter.id}`)).json;
  assert.equal(cur.stage, 'deliberating');
  const last = cur.timeline.at(-1);
  assert.deepEqual([last.from, last.to, last.reason, last.actor.name],
    ['notice', 'deliberating', '排水接入雨污分流管，重新协商位置。', '李红梅']);
  // no more objections once out of notice
  const late = await tenant.post(`/api/v1/matters/${matter.id}/objections`, { body: '还有问题' });
  assert.equal(late.status, 409);
  assert.equal(late.json.error.code, 'not_in_notice');
});

test('the matter page shows the notice, the objections, the answers and the forms', async () => {
  // back to notice for the page
  const r = await staff.post(`/api/v1/matters/${matter.id}/transitions`, { to: 'notice' });
  assert.equal(r.status, 200, r.text);
  const page = (await resident.get(`/matters/${matter.id}`)).text;
  assert.match(page, /<h2>公示<\/h2>/);
  assert.match(page, /action="\/matters\/\d+\/objections"/, 'a resident may object');
  assert.match(page, /顶棚改为透光材料/);
  assert.match(page, /异议成立/);
  assert.doesNotMatch(page, /action="\/objections\/\d+\/answer"/, 'no answer form for a resident');
  const filed = await resident.post(`/matters/${matter.id}/objections`, undefined, { form: { _csrf: resident.csrfToken, body: '网页提交的异议' } });
  assert.equal(filed.status, 303);
  const staffPage = (await staff.get(`/matters/${matter.id}`)).text;
  assert.match(staffPage, /网页提交的异议/);
  assert.match(staffPage, /action="\/objections\/\d+\/answer"/, 'staff get the answer form');
});

test('when the notice period is over and every objection is answered, co-building may start', async () => {
  const m = (await staff.get(`/api/v1/matters/${matter.id}`)).json;
  assert.equal(m.stage, 'notice');
  for (const o of m.objections.filter((x) => x.answer === null)) {
    const a = await staff.post(`/api/v1/objections/${o.id}/answer`, { answer: '已说明。', upheld: false });
    assert.equal(a.status, 200, a.text);
  }
  const early = await staff.post(`/api/v1/matters/${matter.id}/transitions`, { to: 'building' });
  assert.equal(early.json.error.code, 'notice_running', 'still within the 5 days');
  // the server's clock moves past notice_until
  await h.setClock(Math.ceil((Date.parse(m.notice_until) - Date.now()) / 1000) + 60);
  const late = await resident.post(`/api/v1/matters/${matter.id}/objections`, { body: '公示已结束' });
  assert.equal(late.status, 409, 'no objections after the notice');
  const expired = await staff.post(`/api/v1/matters/${matter.id}/transitions`, { to: 'building' });
  assert.equal(expired.status, 401, 'a staff session ends after 30 idle minutes, even days later');
  staff.csrfToken = null; // it was bound to the expired session
  await staff.signIn(PHONES.staff);
  const offered = (await staff.get(`/api/v1/matters/${matter.id}`)).json.transitions;
  assert.ok(offered.some((t) => t.to === 'building'), 'offered once the notice is over');
  assert.match((await staff.get(`/matters/${matter.id}`)).text, /name="to" value="building"/);
  const go = await staff.post(`/api/v1/matters/${matter.id}/transitions`, { to: 'building' });
  assert.equal(go.status, 200, go.text);
  assert.equal((await resident.get(`/api/v1/matters/${matter.id}`)).json.stage, 'building');
});
