// Problem reports (随手拍): a report at a building goes to its building
// leader (首接负责制) and escalates by itself on the test clock, building →
// grid → community → street, overdue in public, its followers told; with
// two servers each escalation happens once. Limits of general reports count
// working days on the street's calendar. Duplicates are suggested before
// sending. A handler answers and fixes; "not fixed" reopens; anyone of the
// community reopens with a reason; one rating per household, also when two
// members rate at once, under the satisfaction module's rule (its surveys'
// too: the other member sees that the household rated, not how, and gets
// the same 409). Anonymous to the public, never to staff. A useful report
// earns its reporter points. Bad input writes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, settle } from './helpers.mjs';
import { picture, withSegments, exifSegment } from './images.mjs';

const h = useServer();
const c = {};
const id = {};
const HOUR = 3600, DAY = 86400;
let L, building, grid, street, household;

before(async () => {
  await h.ready;
  await signIn();
  const me = (await c.resident.get('/api/v1/me')).json;
  const line = me.places[0].line;
  household = line.find((p) => p.kind === 'household').id;
  building = line.find((p) => p.kind === 'building').id;
  grid = line.find((p) => p.kind === 'grid').id;
  L = me.community_id;
  street = line.find((p) => p.kind === 'street').id;
});

/* Everyone signs in again (staff sessions end after 30 idle minutes of the test clock). */
async function signIn() {
  for (const k of ['resident', 'leader', 'tenant', 'grid', 'staff', 'street', 'fStaff', 'fResident']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
    id[k] = c[k].me.id;
  }
}

const report = (who, body) => c[who].post('/api/v1/reports', { category: 'power', place_id: household, description: '1栋楼道灯不亮了', ...body });
const get = async (rid, who = 'staff') => (await c[who].get(`/api/v1/reports/${rid}`)).json;
const notes = async (who, kind, rid) => (await c[who].get('/api/v1/notifications?limit=100')).json.items
  .filter((n) => n.kind === kind && (!rid || (n.link && n.link.url === `/reports/${rid}`)));

test('a report at her home goes to its building leader, who is told; she follows it', async () => {
  const r = await report('resident', {});
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.place.id, building, 'a household stands for its building');
  assert.equal(r.json.state, 'new');
  assert.equal(r.json.level, 'building');
  assert.equal(r.json.responsible.id, id.leader);
  assert.equal(r.json.following, true);
  assert.equal(r.json.class, 'utilities');
  const created = Date.parse(r.json.created_at) / 1000;
  assert.equal(Date.parse(r.json.response_due) / 1000 - created, 24 * HOUR, 'power: 24 hours, natural time');
  assert.equal((await notes('leader', 'report_assigned', r.json.id)).length, 1);
  assert.equal(r.json.events[0].kind, 'created');
});

test('duplicates are suggested before sending: the same facility, the same kind at the place, or nearby', async () => {
  const f = await c.staff.post('/api/v1/facilities', { place_id: building, kind: 'lights', name: '1栋路灯' });
  assert.equal(f.status, 201, f.text);
  const onShed = await report('tenant', { facility_id: f.json.id, place_id: 0, category: 'facility', description: '路灯杆歪了',
    lat: 30.4012, lon: 114.1503 });
  assert.equal(onShed.status, 201, onShed.text);
  assert.equal(onShed.json.place.id, building, 'a facility gives its place');
  const sim = async (q) => (await c.resident.get(`/api/v1/reports/similar?${q}`)).json.items.map((x) => x.id);
  assert.ok((await sim(`facility_id=${f.json.id}`)).includes(onShed.json.id), 'the same facility');
  assert.ok((await sim(`category=facility&place_id=${building}`)).includes(onShed.json.id), 'the same kind at the place');
  assert.ok((await sim(`category=facility&place_id=${grid}&lat=30.4015&lon=114.1506`)).includes(onShed.json.id), 'within 100 m');
  assert.ok(!(await sim(`category=facility&place_id=${grid}&lat=30.4100&lon=114.1600`)).includes(onShed.json.id), 'a kilometre away');
  assert.ok(!(await sim(`category=noise&place_id=${grid}&lat=30.4015&lon=114.1506`)).includes(onShed.json.id), 'another kind');
  const across = await c.fResident.get(`/api/v1/reports/similar?facility_id=${f.json.id}`);
  assert.equal(across.status, 422, 'not across communities: no such facility');
  assert.equal(across.json.error.code, 'report_facility_invalid');
  // she adds her photo there instead, and follows it
  const fd = new FormData();
  fd.append('note', '晚上更危险');
  fd.append('photos', new Blob([withSegments(picture('jpg', 640, 480), exifSegment({}))]), 'IMG_0002.jpg');
  const add = await c.resident.post(`/api/v1/reports/${onShed.json.id}/additions`, undefined, { body: fd });
  assert.equal(add.status, 201, add.text);
  assert.equal(add.json.photos.length, 1);
  assert.equal(add.json.following, true);
  const img = await c.tenant.get(add.json.photos[0].url);
  assert.equal(img.buf.indexOf(Buffer.from('Exif\0')), -1, 'no metadata kept');
  assert.equal(add.json.events.at(-1).kind, 'added');
  assert.equal((await c.staff.post(`/api/v1/reports/${onShed.json.id}/transitions`, { state: 'closed_unable', note: '路灯属供电局' })).status, 200);
  assert.ok(!(await sim(`facility_id=${f.json.id}`)).includes(onShed.json.id), 'a closed one is not suggested');
});

test('nobody answers: it escalates by itself, building → grid → community → street, overdue in public, followers told', async () => {
  const r = (await report('resident', { description: '2栋门口的灯不亮' })).json;
  assert.equal((await c.tenant.put(`/api/v1/reports/${r.id}/follow`, {})).status, 200);
  await h.advance(24 * HOUR + 60);
  await signIn();
  let d = await get(r.id, 'tenant');
  assert.deepEqual([d.level, d.responsible.id, d.overdue, d.escalations], ['grid', id.grid, true, 1]);
  assert.equal((await notes('tenant', 'report_escalated', r.id)).length, 1, 'a follower is told');
  assert.equal((await notes('grid', 'report_escalated', r.id)).length, 1, 'the grid worker is told');
  const list = (await c.tenant.get('/api/v1/reports?state=overdue')).json.items;
  assert.ok(list.some((x) => x.id === r.id && x.overdue), 'overdue in the public list');
  await h.advance(24 * HOUR + 60);
  await signIn();
  d = await get(r.id);
  assert.deepEqual([d.level, d.responsible.id, d.escalations], ['community', id.staff, 2]);
  await h.advance(24 * HOUR + 60);
  await signIn();
  d = await get(r.id);
  assert.deepEqual([d.level, d.responsible.id, d.escalations], ['street', id.street, 3]);
  await h.advance(24 * HOUR + 60);
  await signIn();
  d = await get(r.id);
  assert.equal(d.level, 'street', 'nobody above the street');
  assert.deepEqual(d.events.map((e) => e.kind), ['created', 'escalated', 'escalated', 'escalated', 'overdue']);
  assert.deepEqual(d.events.filter((e) => e.kind === 'escalated').map((e) => e.actor), [null, null, null], 'by the system');
  assert.equal((await notes('tenant', 'report_escalated', r.id)).length, 4);
});

test('answered in time it does not escalate; the resolution limit runs on', async () => {
  const r = (await report('resident', { description: '3栋楼道灯闪' })).json;
  await h.advance(2 * HOUR);
  await signIn();
  let x = await c.leader.post(`/api/v1/reports/${r.id}/transitions`, { state: 'in_progress', note: '已联系电工' });
  assert.equal(x.status, 200, x.text);
  assert.ok(x.json.responded_at, 'answered');
  await h.advance(12 * HOUR);
  await signIn();
  assert.equal((await get(r.id)).level, 'building', 'answered within 24 h: still with the leader');
  await h.advance(11 * HOUR);
  await signIn();
  const d = await get(r.id);
  assert.deepEqual([d.level, d.overdue], ['grid', true], 'not fixed within 24 h: up to the grid');
});

test('two servers on one database: each escalation happens once', async () => {
  const b = await h.start(h.db, { extraArgs: ['--clock-file', h.clockFile] });
  const ids = [];
  for (let i = 0; i < 8; i++) ids.push((await report('resident', { description: `同时到期 ${i}` })).json.id);
  await h.advance(24 * HOUR + 60);
  await settle(b.url, h.clockOffset);
  await signIn();
  for (const rid of ids) {
    const d = await get(rid);
    assert.equal(d.escalations, 1, `report ${rid}`);
    assert.equal(d.events.filter((e) => e.kind === 'escalated').length, 1);
    assert.equal((await notes('resident', 'report_escalated', rid)).length, 1, 'the reporter is told once');
  }
});

/* Days from today (China time) on the server's clock, as YYYY-MM-DD. */
const day = (n) => new Date((Math.floor(Date.now() / 1000) + h.clockOffset + 8 * HOUR + n * DAY) * 1000).toISOString().slice(0, 10);

test('a general report counts working days on the street\'s calendar, holidays and make-up days included', async () => {
  const cal = { holidays: [day(1), day(2), day(3)], workdays: [] };
  // the first weekend day after the holidays is a make-up workday
  for (let n = 4; n < 11 && !cal.workdays.length; n++) {
    const wd = new Date(`${day(n)}T12:00:00+08:00`).getUTCDay();
    if (wd === 0 || wd === 6) cal.workdays.push(day(n));
  }
  assert.equal((await c.staff.put(`/api/v1/places/${street}/calendar`, cal)).status, 404, 'the street sets it');
  assert.equal((await c.street.put(`/api/v1/places/${L}/calendar`, cal)).status, 422, 'a street\'s, not a community\'s');
  for (const bad of [{ holidays: ['2026-02-30'] }, { holidays: 'x' }, { holidays: [day(1)], workdays: [day(1)] }]) {
    const x = await c.street.put(`/api/v1/places/${street}/calendar`, bad);
    assert.equal(x.status, 422, JSON.stringify(bad));
  }
  const put = await c.street.put(`/api/v1/places/${street}/calendar`, cal);
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.json.holidays, cal.holidays);
  const r = (await report('resident', { category: 'environment', description: '楼下垃圾没人清' })).json;
  // 168 working hours = 7 working days: count them from the filing moment on the calendar
  const created = Date.parse(r.created_at) / 1000;
  let t = created, left = 168 * HOUR;
  const isWork = (ymd) => cal.workdays.includes(ymd) || (!cal.holidays.includes(ymd) &&
    ![0, 6].includes(new Date(`${ymd}T12:00:00+08:00`).getUTCDay()));
  for (;;) {
    const ymd = new Date((t + 8 * HOUR) * 1000).toISOString().slice(0, 10);
    const end = Date.parse(`${ymd}T00:00:00+08:00`) / 1000 + DAY;
    if (isWork(ymd)) {
      if (left <= end - t) { t += left; break; }
      left -= end - t;
    }
    t = end;
  }
  assert.equal(Date.parse(r.response_due) / 1000, t, `due ${new Date(t * 1000).toISOString()}`);
  assert.ok(t - created > 7 * DAY, 'later than seven calendar days: the holidays do not count');
  const got = (await c.resident.get(`/api/v1/places/${street}/calendar`)).json;
  assert.deepEqual(got.workdays, cal.workdays);
});

test('fixed; the reporter says not fixed and it reopens; fixed for real; then one rating per household', async () => {
  const r = (await report('resident', { description: '1栋电表箱门坏了' })).json;
  assert.equal((await c.tenant.post(`/api/v1/reports/${r.id}/transitions`, { state: 'fixed', note: 'x' })).status, 403);
  assert.equal((await c.fStaff.post(`/api/v1/reports/${r.id}/transitions`, { state: 'fixed', note: 'x' })).status, 404);
  let x = await c.leader.post(`/api/v1/reports/${r.id}/transitions`, { state: 'fixed', note: '换了新门' });
  assert.equal(x.status, 200, x.text);
  assert.equal((await notes('resident', 'report_fixed_check', r.id)).length, 1, 'she is asked');
  x = await c.resident.post(`/api/v1/reports/${r.id}/rating`, { score: 5 });
  assert.equal(x.status, 201, `rated once fixed: ${x.text}`);
  x = await c.resident.post(`/api/v1/reports/${r.id}/check`, { answer: 'not' });
  assert.equal(x.status, 201, x.text);
  assert.deepEqual([x.json.state, x.json.state_type], ['confirmed', 'open'], '"not fixed" reopens it');
  assert.equal(x.json.events.at(-1).kind, 'not_fixed');
  assert.equal((await c.resident.post(`/api/v1/reports/${r.id}/check`, { answer: 'fixed' })).status, 409, 'not fixed now');
  x = await c.leader.post(`/api/v1/reports/${r.id}/transitions`, { state: 'fixed', note: '门锁也换了' });
  assert.equal(x.status, 200);
  x = await c.resident.post(`/api/v1/reports/${r.id}/check`, { answer: 'fixed' });
  assert.equal(x.status, 201);
  assert.equal(x.json.state, 'fixed');
  assert.equal((await c.resident.post(`/api/v1/reports/${r.id}/check`, { answer: 'fixed' })).status, 409, 'once per fix');
  assert.equal((await c.tenant.post(`/api/v1/reports/${r.id}/check`, { answer: 'fixed' })).status, 409, 'the reporter and followers are asked');
  x = await c.leader.post(`/api/v1/reports/${r.id}/rating`, { score: 1 });
  assert.equal(x.status, 409, 'her household rated it already');
  assert.equal(x.json.error.code, 'satisfaction_answered', 'the satisfaction module\'s one rule');
  const [hers, his] = [await get(r.id, 'resident'), await get(r.id, 'leader')];
  assert.deepEqual([hers.my_rating, hers.rating], [5, { household: true, answered: true, by_me: true, score: 5 }]);
  assert.deepEqual([his.my_rating, his.rating, his.may_rate], [null, { household: true, answered: true, by_me: false }, false],
    'he sees that the household rated it, not how');
  assert.equal((await c.fResident.post(`/api/v1/reports/${r.id}/rating`, { score: 1 })).status, 404);
});

test('two members of one household rate at once: exactly one rating counts', async () => {
  const r = (await report('tenant', { description: '2栋信箱坏了' })).json;
  assert.equal((await c.leader.post(`/api/v1/reports/${r.id}/transitions`, { state: 'fixed', note: '修好了' })).status, 200);
  const rs = await Promise.all([c.resident.post(`/api/v1/reports/${r.id}/rating`, { score: 4 }),
    c.leader.post(`/api/v1/reports/${r.id}/rating`, { score: 2 })]);
  assert.deepEqual(rs.map((x) => x.status).sort(), [201, 409]);
  const [won, lost] = rs[0].status === 201 ? ['resident', 'leader'] : ['leader', 'resident'];
  assert.equal(rs[won === 'resident' ? 1 : 0].json.error.code, 'satisfaction_answered');
  const [w, l] = [await get(r.id, won), await get(r.id, lost)];
  assert.deepEqual([w.rating.answered, w.rating.by_me, w.my_rating], [true, true, won === 'resident' ? 4 : 2]);
  assert.deepEqual([l.rating.answered, l.rating.by_me, l.my_rating, l.rating.score], [true, false, null, undefined],
    'the other sees the household rated it, not how');
});

test('a report\'s rating and a survey\'s answer are one rule: first member answers for the household, the other is told so with the same code', async () => {
  const r = (await report('tenant', { description: '1栋单元门闭门器漏油' })).json;
  assert.equal((await c.leader.post(`/api/v1/reports/${r.id}/transitions`, { state: 'fixed', note: '换了闭门器' })).status, 200);
  const sv = await c.staff.post('/api/v1/surveys', { place_id: building, question: '闭门器换好后，您家满意吗？',
    closes_at: Math.floor(Date.now() / 1000) + h.clockOffset + 7 * DAY, threshold: 60 });
  assert.equal(sv.status, 201, sv.text);
  // he rates the report first, she answers the survey first
  assert.equal((await c.leader.post(`/api/v1/reports/${r.id}/rating`, { score: 2 })).status, 201);
  assert.equal((await c.resident.put(`/api/v1/surveys/${sv.json.id}/response`, { score: 4 })).status, 200);
  const late = [await c.resident.post(`/api/v1/reports/${r.id}/rating`, { score: 5 }),
    await c.leader.put(`/api/v1/surveys/${sv.json.id}/response`, { score: 1 })];
  assert.deepEqual(late.map((x) => [x.status, x.json.error.code]), [[409, 'satisfaction_answered'], [409, 'satisfaction_answered']]);
  // each sees the other's answer as the household's, in the same shape, never its score
  const seen = { household: true, answered: true, by_me: false };
  assert.deepEqual((await get(r.id, 'resident')).rating, seen);
  assert.deepEqual((await c.leader.get(`/api/v1/surveys/${sv.json.id}`)).json.mine, seen);
  assert.deepEqual((await get(r.id, 'leader')).rating, { ...seen, by_me: true, score: 2 });
  assert.deepEqual((await c.resident.get(`/api/v1/surveys/${sv.json.id}`)).json.mine, { ...seen, by_me: true, score: 4 });
  // the page tells her the household rated the report, and offers no form
  const page = await c.resident.get(`/reports/${r.id}`);
  assert.match(page.text, /id="rated">您家已经有人评价过了/);
  assert.doesNotMatch(page.text, /action="\/reports\/\d+\/rating"/);
});

test('anyone of the community reopens with a reason; "closed, not fixed" never counts as fixed', async () => {
  const r = (await report('resident', { description: '单元门禁失灵' })).json;
  let x = await c.staff.post(`/api/v1/reports/${r.id}/transitions`, { state: 'closed_not_fixed' });
  assert.equal(x.status, 422, 'a closed state needs its reason');
  x = await c.staff.post(`/api/v1/reports/${r.id}/transitions`, { state: 'closed_not_fixed', note: '厂家停产，无配件' });
  assert.equal(x.status, 200);
  assert.equal(x.json.state_type, 'closed');
  assert.equal(x.json.fixed_at, null);
  assert.equal((await c.tenant.post(`/api/v1/reports/${r.id}/reopen`, {})).status, 422, 'with a reason');
  assert.equal((await c.fResident.post(`/api/v1/reports/${r.id}/reopen`, { reason: '越界' })).status, 404);
  x = await c.tenant.post(`/api/v1/reports/${r.id}/reopen`, { reason: '换个厂家的门禁也行' });
  assert.equal(x.status, 200, 'not the reporter, a neighbour');
  assert.deepEqual([x.json.state, x.json.is_open], ['confirmed', true]);
  assert.equal((await c.tenant.post(`/api/v1/reports/${r.id}/reopen`, { reason: '再开' })).status, 409);
});

test('anonymous to the public, never to staff; handed on with a reason; a useful report earns points once', async () => {
  const r = (await report('resident', { anonymous: true, description: '有人在楼道堆放杂物' })).json;
  assert.equal(r.reporter.id, id.resident, 'she sees herself');
  const pub = await get(r.id, 'tenant');
  assert.equal(pub.reporter, null);
  assert.equal(pub.anonymous, true);
  assert.equal(pub.events[0].actor, null, 'nor in the timeline');
  assert.equal((await get(r.id, 'leader')).reporter.id, id.resident, 'staff see who');
  let x = await c.leader.post(`/api/v1/reports/${r.id}/hand-on`, { to: PHONES.tenant, reason: '给他' });
  assert.equal(x.status, 422, 'a resident does not handle reports');
  x = await c.leader.post(`/api/v1/reports/${r.id}/hand-on`, { to: PHONES.grid });
  assert.equal(x.status, 422, 'a reason is needed');
  x = await c.leader.post(`/api/v1/reports/${r.id}/hand-on`, { to: PHONES.grid, reason: '属于网格公共区域' });
  assert.equal(x.status, 200, x.text);
  assert.equal(x.json.responsible.id, id.grid);
  assert.ok(x.json.responded_at, 'handing on answers it');
  assert.equal(x.json.events.at(-1).note, '属于网格公共区域');
  assert.equal((await notes('grid', 'report_assigned', r.id)).length, 1);
  const before0 = (await c.resident.get('/api/v1/points')).json.balance;
  assert.equal((await c.tenant.post(`/api/v1/reports/${r.id}/useful`, {})).status, 403);
  x = await c.staff.post(`/api/v1/reports/${r.id}/useful`, {});
  assert.equal(x.status, 201, x.text);
  assert.equal((await c.staff.post(`/api/v1/reports/${r.id}/useful`, {})).status, 409);
  const st = (await c.resident.get('/api/v1/points')).json;
  assert.equal(st.balance, before0 + x.json.granted);
  assert.equal(st.items[0].rule, 'report_useful');
});

test('bad input: a clear 4xx, and nothing written', async () => {
  const count = async () => (await c.staff.get('/api/v1/reports?limit=100')).json.items.length;
  const before0 = await count();
  for (const [body, status, code] of [[{ category: 'ufo' }, 422, 'report_category_invalid'], [{ description: '' }, 422, 'report_description_required'],
    [{ description: 'x'.repeat(2001) }, 422, 'report_description_invalid'], [{ place_id: 0 }, 422, 'place_required'],
    [{ place_id: street }, 404, 'not_found'], [{ lat: 91, lon: 114 }, 422, 'report_point_invalid'], [{ lat: 30 }, 400, 'report_point_invalid'],
    [{ lat: 'north', lon: 1 }, 400, 'report_point_invalid'], [{ facility_id: 99999999, place_id: 0 }, 422, 'report_facility_invalid'],
    [{ photos: ['x'] }, 400, 'multipart_required'], [{ anonymous: 'yes' }, 400, null], [{ place_id: 'one' }, 400, null]]) {
    const x = await report('resident', body);
    assert.equal(x.status, status, `${JSON.stringify(body)}: ${x.text}`);
    if (code) assert.equal(x.json.error.code, code);
  }
  assert.equal((await c.fResident.post('/api/v1/reports', { category: 'power', place_id: building, description: '越界' })).status, 404);
  const atStreet = await c.street.post('/api/v1/reports', { category: 'power', place_id: street, description: '街道' });
  assert.equal(atStreet.status, 422);
  assert.equal(atStreet.json.error.code, 'report_place_invalid');
  assert.equal(await count(), before0, 'nothing written');
  const r = (await report('resident', {})).json;
  for (const [body, status, code] of [[{ state: 'teleported' }, 422, 'report_state_invalid'], [{ state: 'new' }, 422, 'report_state_invalid'],
    [{ state: 'closed_duplicate', note: '重复' }, 422, 'report_duplicate_invalid'],
    [{ state: 'closed_duplicate', note: '重复', duplicate_of: r.id }, 422, 'report_duplicate_invalid'],
    [{ state: 'fixed', note: 'x'.repeat(501) }, 422, 'report_note_invalid']]) {
    const x = await c.staff.post(`/api/v1/reports/${r.id}/transitions`, body);
    assert.equal(x.status, status, `${JSON.stringify(body)}: ${x.text}`);
    assert.equal(x.json.error.code, code);
  }
  assert.equal((await get(r.id)).state, 'new', 'unchanged');
  assert.equal((await c.resident.post(`/api/v1/reports/${r.id}/check`, { answer: 'maybe' })).status, 422);
  assert.equal((await c.resident.post(`/api/v1/reports/${r.id}/rating`, { score: 4 })).status, 409, 'still open');
  assert.equal((await c.resident.post(`/api/v1/reports/${r.id}/rating`, { score: 9 })).status, 422);
  assert.equal((await c.resident.post(`/api/v1/reports/${r.id}/additions`, { note: '' })).status, 422);
  for (const q of ['state=weird', 'category=ufo', 'before=x', 'community=abc'])
    assert.ok([400, 422].includes((await c.resident.get(`/api/v1/reports?${q}`)).status), q);
  assert.equal((await c.resident.get('/api/v1/reports/99999999')).status, 404);
});
