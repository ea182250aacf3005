// Patrols (巡查): staff make a route of checkpoints, each with its own code,
// and a round for the grid worker; he checks in at a checkpoint only with
// its code, only within the round's window, once; a finding at the shed's
// checkpoint becomes a report against the shed in one step; when the round
// ends the job counts the checkpoints missed, per round and per patroller.
// Residents and another community cannot; bad input writes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
const HOUR = 3600, DAY = 86400;
let L, route, round, shed;

async function signIn() {
  for (const k of ['staff', 'grid', 'resident', 'fStaff']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
}

before(async () => {
  await h.ready;
  await signIn();
  L = (await c.staff.get('/api/v1/me')).json.community_id;
  const grid = (await c.staff.get(`/api/v1/places/${L}/children`)).json.items[0].id;
  const building = (await c.staff.get(`/api/v1/places/${grid}/children`)).json.items[0].id;
  shed = (await c.staff.post('/api/v1/facilities', { place_id: building, kind: 'bike_shed', name: '1栋车棚' })).json.id;
});

const at = (hours) => {
  const t = Math.floor(Date.now() / 1000) + h.clockOffset + hours * HOUR;
  return new Date((t + 8 * HOUR) * 1000).toISOString().slice(0, 16).replace('T', ' ');
};

test('staff make a route and a round; residents and another community cannot', async () => {
  const body = { place_id: L, name: '东区夜巡', points: [{ name: '东门' }, { name: '1栋车棚', facility_id: shed }, { name: '花园' }] };
  let r = await c.staff.post('/api/v1/patrols', body);
  assert.equal(r.status, 201, r.text);
  route = r.json;
  assert.equal(route.points.length, 3);
  assert.ok(route.points.every((p) => /^\/patrol-points\/\d+\?t=[0-9a-f]{32,}$/.test(p.checkin_url)), 'each checkpoint its own code');
  assert.equal(new Set(route.points.map((p) => p.checkin_url.split('t=')[1])).size, 3);
  assert.equal((await c.resident.post('/api/v1/patrols', body)).status, 403);
  assert.equal((await c.fStaff.post('/api/v1/patrols', body)).status, 404);
  const seen = (await c.resident.get(`/api/v1/patrols/${route.id}`)).json;
  assert.ok(seen.points.every((p) => p.checkin_url === undefined), 'residents never see the codes');
  r = await c.staff.post(`/api/v1/patrols/${route.id}/rounds`, { phone: PHONES.grid, starts: at(1), ends: at(3) });
  assert.equal(r.status, 201, r.text);
  round = r.json.id;
});

test('bad input: a clear 4xx and nothing written', async () => {
  for (const [body, code] of [[{ place_id: L, name: 'x', points: [] }, 'patrol_points_invalid'],
    [{ place_id: L, name: '', points: [{ name: 'a' }] }, 'name_required'],
    [{ place_id: L, name: 'x', points: [{ name: 'a', facility_id: 99999999 }] }, 'patrol_facility_invalid'],
    [{ place_id: L, name: 'x', points: 'a,b' }, 'patrol_points_invalid']]) {
    const r = await c.staff.post('/api/v1/patrols', body);
    assert.ok([400, 422].includes(r.status), `${code}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  for (const [body, code] of [[{ phone: '13900000000', starts: at(1), ends: at(2) }, 'patrol_person_unknown'],
    [{ phone: PHONES.grid, starts: at(2), ends: at(1) }, 'patrol_time_invalid'],
    [{ phone: PHONES.grid, starts: at(1), ends: at(20) }, 'patrol_time_invalid'],
    [{ phone: PHONES.grid, starts: at(-5), ends: at(-4) }, 'patrol_time_past']]) {
    const r = await c.staff.post(`/api/v1/patrols/${route.id}/rounds`, body);
    assert.equal(r.status, 422, `${code}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  assert.equal((await c.staff.get('/api/v1/patrols')).json.items.length, 1);
  assert.equal((await c.staff.get(`/api/v1/patrols/${route.id}`)).json.rounds.length, 1);
});

test('check-in only with the checkpoint\'s code, within the window, once; a finding is a report in one step', async () => {
  const [gate, atShed] = route.points;
  const code = (p) => p.checkin_url.split('t=')[1];
  let r = await c.grid.post(`/api/v1/rounds/${round}/checkins`, { point_id: gate.id, t: code(gate) });
  assert.equal(r.status, 409, 'not before the round');
  assert.equal(r.json.error.code, 'patrol_outside_window');
  await h.advance(HOUR + 60);
  await signIn();
  r = await c.grid.post(`/api/v1/rounds/${round}/checkins`, { point_id: gate.id, t: code(atShed) });
  assert.equal(r.status, 422, 'another checkpoint\'s code');
  assert.equal((await c.staff.post(`/api/v1/rounds/${round}/checkins`, { point_id: gate.id, t: code(gate) })).status, 409, 'not his round');
  r = await c.grid.post(`/api/v1/rounds/${round}/checkins`, { point_id: gate.id, t: code(gate) });
  assert.equal(r.status, 201, r.text);
  assert.equal((await c.grid.post(`/api/v1/rounds/${round}/checkins`, { point_id: gate.id, t: code(gate) })).status, 409);
  r = await c.grid.post(`/api/v1/rounds/${round}/findings`, { point_id: atShed.id, t: code(atShed), category: 'facility',
    description: '车棚的锁坏了' });
  assert.equal(r.status, 201, r.text);
  const rep = (await c.resident.get(r.json.url.replace('/reports/', '/api/v1/reports/'))).json;
  assert.equal(rep.facility.id, shed, 'against the shed');
  assert.equal(rep.description, '车棚的锁坏了');
  const page = await c.grid.get(`${atShed.checkin_url}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /签到并提交问题/);
});

test('when the round ends the checkpoints missed are counted, per round and per patroller', async () => {
  await h.advance(3 * HOUR);
  await signIn();
  const d = (await c.staff.get(`/api/v1/patrols/${route.id}`)).json;
  const rd = d.rounds.find((x) => x.id === round);
  assert.deepEqual([rd.closed, rd.checked, rd.missed], [true, 2, 1], 'the garden was missed');
  assert.deepEqual(d.missed, { 刘志强: 1 });
  const [gate] = route.points;
  const late = await c.grid.post(`/api/v1/rounds/${round}/checkins`, { point_id: route.points[2].id, t: route.points[2].checkin_url.split('t=')[1] });
  assert.equal(late.status, 409, 'closed');
  assert.ok(gate);
});
