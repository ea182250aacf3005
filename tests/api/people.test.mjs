// People: registration from a building's poster, household claims and their
// review, coverage of grids and buildings, revealing a phone number.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, PASSWORD } from './helpers.mjs';

const h = useServer();
let staff; // 李红梅, 龙湖 community staff
let L; // 龙湖
let grids; // 龙湖's grids by code
let buildings; // 龙湖's buildings, in code order
let b3; // 3栋, the poster's building
let reg; // {building, key} read from the poster
const newcomers = {}; // phone -> {person_id, claim_id, client}

before(async () => {
  await h.ready;
  staff = h.client('staff');
  await staff.signIn(PHONES.staff);
  L = (await staff.get('/api/v1/me')).json.community_id;
  grids = (await staff.get(`/api/v1/places/${L}/children`)).json.items.sort((a, b) => a.code.localeCompare(b.code));
  buildings = [];
  for (const g of grids) {
    const bs = (await staff.get(`/api/v1/places/${g.id}/children`)).json.items;
    buildings.push(...bs.map((b) => ({ ...b, grid: g })));
  }
  buildings.sort((a, b) => a.code.localeCompare(b.code));
  b3 = buildings.find((b) => b.name === '3栋');
});

async function pendingClaims(c = staff) {
  const r = await c.get(`/api/v1/communities/${L}/claims?status=pending&limit=100`);
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

test('staff prints a building\'s poster: its QR URL is /register?building=..&key=..', async () => {
  const r = await staff.get(`/places/${b3.id}/poster`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.match(r.text, /<svg/, 'a QR code');
  const m = /(https?:\/\/[^\s"<]+)\/register\?building=(\d+)&(?:amp;)?key=([0-9A-Za-z%_-]+)/.exec(r.text);
  assert.ok(m, 'the registration URL is printed');
  assert.equal(m[1], h.url, 'the URL points at this server (the default base URL)');
  assert.equal(Number(m[2]), b3.id);
  reg = { building: Number(m[2]), key: decodeURIComponent(m[3]) };
  assert.ok(reg.key.length >= 16, 'an unguessable key');
  // another building has another key
  const other = await staff.get(`/places/${buildings[0].id}/poster`);
  const k2 = /\/register\?building=\d+&(?:amp;)?key=([0-9A-Za-z%_-]+)/.exec(other.text)[1];
  assert.notEqual(k2, reg.key);
  // the registration page opens from the URL
  const page = await h.client().get(`/register?building=${reg.building}&key=${encodeURIComponent(reg.key)}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /3栋/);
});

test('a resident cannot print posters; the place page links to a poster only when it can be printed', async () => {
  const res = h.client();
  await res.signIn(PHONES.resident);
  assert.equal((await res.get(`/places/${b3.id}/poster`)).status, 403);
  // a building leader: perm.c grants him "poster" on his building and the
  // place page offers the link; following it must not end in a 403
  const leader = h.client();
  await leader.signIn(PHONES.leader); // 孙德明, leader of 1栋
  const b1 = buildings.find((b) => b.name === '1栋');
  for (const [c, who] of [[leader, 'building leader'], [staff, 'community staff'], [res, 'resident']]) {
    const place = await c.get(`/places/${b1.id}`);
    assert.equal(place.status, 200);
    const linked = place.text.includes(`href="/places/${b1.id}/poster"`);
    const poster = await c.get(`/places/${b1.id}/poster`);
    assert.equal(poster.status === 200, linked,
      `${who}: the place page ${linked ? 'links to' : 'does not link'} the poster, which answers ${poster.status}`);
  }
  const notHis = await leader.get(`/places/${b3.id}/poster`);
  assert.ok([403, 404].includes(notHis.status), 'not another building');
});

test('GET /api/v1/registration lists the building\'s households; a wrong key finds nothing', async () => {
  const anon = h.client();
  const r = await anon.get(`/api/v1/registration?building=${reg.building}&key=${encodeURIComponent(reg.key)}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.building.id, b3.id);
  assert.equal(r.json.building.name, '3栋');
  assert.equal(r.json.households.length, 6);
  assert.deepEqual(r.json.households.map((x) => x.code).sort(), ['101', '102', '201', '202', '301', '302']);
  for (const x of r.json.households) {
    assert.equal(x.kind, 'household');
    assert.equal(x.parent_id, b3.id);
  }
  reg.households = Object.fromEntries(r.json.households.map((x) => [x.code, x.id]));
  for (const q of [`building=${reg.building}&key=wrong`, `building=${reg.building}`, `building=${buildings[0].id}&key=${reg.key}`,
    `building=${reg.households['101']}&key=${reg.key}`, `building=999999&key=${reg.key}`]) {
    const x = await anon.get(`/api/v1/registration?${q}`);
    assert.equal(x.status, 404, q);
    assert.equal(x.json.households, undefined);
  }
  assert.equal((await anon.get('/api/v1/registration?building=abc&key=x')).status, 400);
});

async function register(c, body) {
  if (!c.csrfToken) await c.csrf();
  return c.post('/api/v1/registrations', {
    building_id: reg.building, key: reg.key, household_id: reg.households['102'], relation: 'owner', password: 'secret-pass-1', ...body,
  });
}

test('POST /api/v1/registrations creates a pending claim (201)', async () => {
  const before = await pendingClaims();
  for (const [phone, name, code] of [['13700000001', '新居民甲', '102'], ['13700000002', '新居民乙', '202'], ['13700000003', '新居民丙', '301']]) {
    const c = h.client(phone);
    const r = await register(c, { phone, name, household_id: reg.households[code], relation: code === '202' ? 'tenant' : 'owner' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'pending');
    assert.equal(typeof r.json.person_id, 'number');
    assert.equal(typeof r.json.claim_id, 'number');
    assert.equal(r.headers.getSetCookie().find((x) => x.startsWith('wg_sid=')), undefined, 'registering does not sign in');
    newcomers[phone] = { ...r.json, name, code };
  }
  const after = await pendingClaims();
  assert.equal(after.length, before.length + 3);
  const mine = after.find((x) => x.id === newcomers['13700000002'].claim_id);
  assert.equal(mine.person.name, '新居民乙');
  assert.equal(mine.person.phone, '137****0002', 'masked in the list');
  assert.equal(mine.household.id, reg.households['202']);
  assert.equal(mine.building, '3栋');
  assert.equal(mine.relation, 'tenant');
  assert.equal(mine.status, 'pending');
});

test('registration refuses a taken phone (409), a wrong key and bad fields, and creates nothing', async () => {
  const before = await pendingClaims();
  const c = h.client();
  const dup = await register(c, { phone: '13700000001', name: '冒名' });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error.code, 'phone_taken');
  const dupDemo = await register(c, { phone: PHONES.resident, name: '冒名' });
  assert.equal(dupDemo.status, 409);
  const bad = [
    [{ phone: '13700000009', name: 'x', key: 'wrong-key' }, [404, 422]],
    [{ phone: '13700000009', name: 'x', key: undefined }, [404, 422]],
    [{ phone: '13700000009', name: 'x', building_id: buildings[0].id }, [404, 422]],
    [{ phone: '13700000009', name: 'x', household_id: 999999 }, [422]],
    [{ phone: '13700000009', name: 'x', household_id: reg.building }, [422]],
    [{ phone: '1370000000', name: 'x' }, [422]],
    [{ phone: '13700000009', name: '' }, [422]],
    [{ phone: '13700000009', name: '名'.repeat(41) }, [422]],
    [{ phone: '13700000009', name: 'x', password: 'short' }, [422]],
    [{ phone: '13700000009', name: 'x', relation: 'landlord' }, [422]],
  ];
  for (const [body, statuses] of bad) {
    const r = await register(c, body);
    assert.ok(statuses.includes(r.status), `${JSON.stringify(body)} → ${r.status} ${r.text}`);
  }
  // a household of another building, with this building's key
  const b1hh = (await staff.get(`/api/v1/places/${buildings[0].id}/children`)).json.items[0].id;
  const cross = await register(c, { phone: '13700000009', name: 'x', household_id: b1hh });
  assert.equal(cross.status, 422);
  assert.equal(cross.json.error.code, 'household_invalid');
  const after = await pendingClaims();
  assert.deepEqual(after.map((x) => x.id), before.map((x) => x.id), 'no claim created');
  const si = await h.client().trySignIn('13700000009', 'secret-pass-1');
  assert.equal(si.status, 401, 'no account created');
});

test('a newcomer can sign in but reads no community matters until approved', async () => {
  for (const phone of Object.keys(newcomers)) {
    const c = h.client(phone);
    await c.signIn(phone, 'secret-pass-1');
    newcomers[phone].client = c;
  }
  const c = newcomers['13700000001'].client;
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.deepEqual(me.json.roles, []);
  assert.equal(me.json.claims.length, 1);
  assert.equal(me.json.claims[0].status, 'pending');
  assert.equal(me.json.phone, '137****0001');
  const one = await c.get('/api/v1/matters/1');
  assert.equal(one.status, 404);
  const create = await c.post('/api/v1/matters', { place_id: b3.id, category: 'other', title: '未审核也想提' });
  assert.ok([403, 404].includes(create.status), `propose: ${create.status}`);
  const follow = await c.put('/api/v1/matters/1/follow');
  assert.ok([403, 404].includes(follow.status), `follow: ${follow.status}`);
  const place = await c.get(`/api/v1/places/${L}`);
  assert.ok([403, 404].includes(place.status), `community place: ${place.status}`);
  const list = await c.get('/api/v1/matters');
  assert.ok([403, 404].includes(list.status),
    `GET /api/v1/matters as an unapproved newcomer: ${list.status}, ${list.json?.total} matters listed`);
});

test('staff approves a claim: the resident then sees matters and /me shows the resident role', async () => {
  const a = newcomers['13700000001'];
  const r = await staff.post(`/api/v1/claims/${a.claim_id}/decision`, { approve: true });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { id: a.claim_id, status: 'approved' });
  const me = await a.client.get('/api/v1/me');
  assert.equal(me.status, 200);
  const role = me.json.roles.find((x) => x.role === 'resident');
  assert.ok(role, 'resident role');
  assert.equal(role.place.id, reg.households['102']);
  assert.equal(me.json.community_id, L);
  assert.equal(me.json.claims[0].status, 'approved');
  const list = await a.client.get('/api/v1/matters');
  assert.equal(list.status, 200);
  assert.ok(list.json.total >= 10);
  assert.equal((await a.client.get('/api/v1/matters/1')).status, 200);
  const created = await a.client.post('/api/v1/matters', { place_id: b3.id, category: 'facilities', title: '3栋单元门漏风' });
  assert.equal(created.status, 201, created.text);
  assert.ok(!(await pendingClaims()).some((x) => x.id === a.claim_id), 'no longer pending');
  const approved = await staff.get(`/api/v1/communities/${L}/claims?status=approved&limit=100`);
  assert.ok(approved.json.items.some((x) => x.id === a.claim_id));
});

test('rejecting needs a reason (422 without); deciding twice → 409', async () => {
  const b = newcomers['13700000002'];
  for (const body of [{ approve: false }, { approve: false, reason: '' }, { approve: false, reason: null }]) {
    const r = await staff.post(`/api/v1/claims/${b.claim_id}/decision`, body);
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.equal(r.json.error.code, 'reason_required');
    assert.equal(r.json.error.field, 'reason');
  }
  const noApprove = await staff.post(`/api/v1/claims/${b.claim_id}/decision`, { reason: 'x' });
  assert.equal(noApprove.status, 400, 'approve is required');
  assert.equal(noApprove.json.error.field, 'approve');
  const stringy = await staff.post(`/api/v1/claims/${b.claim_id}/decision`, { approve: 'false', reason: 'x' });
  assert.equal(stringy.status, 400);
  assert.ok((await pendingClaims()).some((x) => x.id === b.claim_id), 'still pending');
  const r = await staff.post(`/api/v1/claims/${b.claim_id}/decision`, { approve: false, reason: '该户业主未确认此租户' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { id: b.claim_id, status: 'rejected' });
  const me = await b.client.get('/api/v1/me');
  assert.equal(me.json.claims[0].status, 'rejected');
  assert.equal(me.json.claims[0].reason, '该户业主未确认此租户');
  assert.deepEqual(me.json.roles, [], 'no role after a rejection');
  assert.equal((await b.client.get('/api/v1/matters/1')).status, 404);
  for (const body of [{ approve: true }, { approve: false, reason: '再驳回一次' }]) {
    const x = await staff.post(`/api/v1/claims/${b.claim_id}/decision`, body);
    assert.equal(x.status, 409, JSON.stringify(body));
    assert.equal(x.json.error.code, 'claim_decided');
  }
  const again = await staff.post(`/api/v1/claims/${newcomers['13700000001'].claim_id}/decision`, { approve: true });
  assert.equal(again.status, 409);
  assert.equal((await b.client.get('/api/v1/me')).json.claims[0].status, 'rejected', 'unchanged');
  assert.equal((await staff.post('/api/v1/claims/999999/decision', { approve: true })).status, 404);
});

test('a blank (whitespace-only) reason is no reason for a rejection', async () => {
  const c = newcomers['13700000003'];
  const r = await staff.post(`/api/v1/claims/${c.claim_id}/decision`, { approve: false, reason: '   ' });
  assert.equal(r.status, 422, `rejected with the reason "   ": ${r.status} ${r.text}`);
  assert.ok((await pendingClaims()).some((x) => x.id === c.claim_id), 'still pending');
});

test('claim lists: status filter, other statuses, bad status → 422', async () => {
  const all = await staff.get(`/api/v1/communities/${L}/claims?limit=100`);
  assert.equal(all.status, 200);
  const statuses = new Set(all.json.items.map((x) => x.status));
  for (const s of ['pending', 'approved', 'rejected']) assert.ok(statuses.has(s), s);
  for (const s of ['pending', 'approved', 'rejected']) {
    const r = await staff.get(`/api/v1/communities/${L}/claims?status=${s}&limit=100`);
    assert.ok(r.json.items.every((x) => x.status === s));
    assert.equal(r.json.items.length, all.json.items.filter((x) => x.status === s).length);
  }
  const bad = await staff.get(`/api/v1/communities/${L}/claims?status=maybe`);
  assert.equal(bad.status, 422);
  assert.equal(bad.json.error.code, 'status_invalid');
  const notCommunity = await staff.get(`/api/v1/communities/${grids[0].id}/claims`);
  assert.equal(notCommunity.status, 404, 'a grid is not a community');
  const paged = await staff.get(`/api/v1/communities/${L}/claims?limit=2&offset=1`);
  assert.deepEqual(paged.json.items.map((x) => x.id), all.json.items.slice(1, 3).map((x) => x.id));
  assert.equal(paged.json.total, all.json.items.length, 'total counts every claim, not the page');
  assert.equal(all.json.total, all.json.items.length);
  const pend = await staff.get(`/api/v1/communities/${L}/claims?status=pending&limit=1`);
  assert.equal(pend.json.total, all.json.items.filter((x) => x.status === 'pending').length);
  for (const x of all.json.items) assert.match(x.person.phone, /^1\d\d\*{4}\d{4}$/);
});

test('coverage of 龙湖: 第3网格 has no grid worker and no party group; buildings 3,4,7-10 have no leader', async () => {
  const r = await staff.get(`/api/v1/communities/${L}/coverage`);
  assert.equal(r.status, 200, r.text);
  const cv = r.json;
  assert.equal(cv.grids, grids.length);
  assert.equal(cv.buildings, buildings.length);
  assert.deepEqual(cv.grids_without_grid_worker.map((g) => g.name), ['第3网格']);
  assert.deepEqual(cv.grids_without_party_group.map((g) => g.name), ['第3网格']);
  // demo.c: building leaders of 1栋, 2栋, 5栋 and 6栋
  const led = new Set(['1栋', '2栋', '5栋', '6栋']);
  const want = buildings.filter((b) => !led.has(b.name)).map((b) => b.id).sort((a, b) => a - b);
  assert.deepEqual(cv.buildings_without_building_leader.map((b) => b.id).sort((a, b) => a - b), want);
  assert.deepEqual(cv.buildings_without_building_leader.map((b) => b.name).sort(),
    ['10栋', '3栋', '4栋', '7栋', '8栋', '9栋']);
  for (const b of cv.buildings_without_building_leader) assert.equal(b.kind, 'building');
  for (const g of cv.grids_without_grid_worker) assert.equal(g.kind, 'grid');
  // 凤凰苑 as its own staff: one grid worker (grid 1), no party groups, one leader (2栋, where the bike shed is)
  const f = h.client();
  await f.signIn(PHONES.fStaff);
  const F = (await f.get('/api/v1/me')).json.community_id;
  const fc = await f.get(`/api/v1/communities/${F}/coverage`);
  assert.equal(fc.status, 200);
  assert.deepEqual(fc.json.grids_without_grid_worker.map((g) => g.name), ['第2网格']);
  assert.deepEqual(fc.json.grids_without_party_group.map((g) => g.name).sort(), ['第1网格', '第2网格']);
  assert.equal(fc.json.buildings_without_building_leader.length, fc.json.buildings - 1);
  assert.ok(!fc.json.buildings_without_building_leader.some((b) => b.name === '2栋'));
  assert.equal((await staff.get(`/api/v1/communities/${grids[2].id}/coverage`)).status, 404, 'not a community');
});

test('phone reveal: staff gives a reason and gets the full number; no reason → 422; a resident → 403/404', async () => {
  const resident = h.client();
  await resident.signIn(PHONES.resident);
  const pid = (await resident.get('/api/v1/me')).json.id;
  // the people list masks it
  const people = await staff.get(`/api/v1/places/${L}/people?limit=100`);
  assert.equal(people.status, 200);
  const listed = people.json.items.find((p) => p.id === pid);
  assert.equal(listed.phone, '138****1201');
  assert.ok(!people.text.includes(PHONES.resident));

  const r = await staff.post(`/api/v1/people/${pid}/phone`, { reason: '上门核实漏水情况' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { id: pid, phone: PHONES.resident });
  for (const body of [{}, { reason: '' }, { reason: null }]) {
    const x = await staff.post(`/api/v1/people/${pid}/phone`, body);
    assert.equal(x.status, 422, JSON.stringify(body));
    assert.equal(x.json.error.code, 'reason_required');
    assert.ok(!x.text.includes(PHONES.resident));
  }
  const long = await staff.post(`/api/v1/people/${pid}/phone`, { reason: '因'.repeat(501) });
  assert.equal(long.status, 422);
  assert.equal(long.json.error.code, 'reason_invalid');
  // a newcomer known only by a claim is in reach too
  const n = newcomers['13700000003'];
  const nr = await staff.post(`/api/v1/people/${n.person_id}/phone`, { reason: '核实登记' });
  assert.equal(nr.status, 200);
  assert.equal(nr.json.phone, '13700000003');
  // not for residents, leaders, other communities
  const other = await staff.get(`/api/v1/places/${L}/people?limit=100`);
  const neighbour = other.json.items.find((p) => p.name === '周磊');
  for (const [who, phone] of [['resident', PHONES.resident], ['leader', PHONES.leader], ['凤凰苑 staff', PHONES.fStaff]]) {
    const c = who === 'resident' ? resident : h.client();
    if (who !== 'resident') await c.signIn(phone);
    for (const target of [pid, neighbour.id]) {
      const x = await c.post(`/api/v1/people/${target}/phone`, { reason: '想看看' });
      assert.ok([403, 404].includes(x.status), `${who} → person ${target}: ${x.status}`);
      assert.ok(!x.text.includes('138000012'), 'no number leaks');
    }
  }
  // the grid worker of grid 1 may (the resident lives there)
  const grid = h.client();
  await grid.signIn(PHONES.grid);
  const g = await grid.post(`/api/v1/people/${pid}/phone`, { reason: '网格走访' });
  assert.equal(g.status, 200);
  assert.equal(g.json.phone, PHONES.resident);
  assert.equal((await staff.post('/api/v1/people/999999/phone', { reason: 'x' })).status, 404);
});

test('phone reveal: a blank (whitespace-only) reason is no reason', async () => {
  const resident = h.client();
  await resident.signIn(PHONES.tenant);
  const pid = (await resident.get('/api/v1/me')).json.id;
  const r = await staff.post(`/api/v1/people/${pid}/phone`, { reason: ' \t ' });
  assert.equal(r.status, 422, `revealed with the reason " \\t ": ${r.status} ${r.text}`);
  assert.ok(!r.text.includes(PHONES.tenant));
});

test('a registrant\'s name is shown as text on the staff desk', async () => {
  const name = '<img src=x onerror=alert(1)>';
  const r = await register(h.client(), { phone: '13700000077', name, household_id: reg.households['101'] });
  assert.equal(r.status, 201, r.text);
  const page = await staff.get('/staff/claims');
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes('<img src=x'), 'escaped');
  assert.ok(page.text.includes('&lt;img src=x onerror=alert(1)&gt;'), 'listed');
  const people = await staff.get(`/staff/people?place=${b3.id}`);
  assert.equal(people.status, 200);
  assert.ok(!people.text.includes('<img src=x'));
});

test('people lists page with `more`; places show their organisations', async () => {
  const all = await staff.get(`/api/v1/places/${L}/people?limit=100`);
  assert.equal(all.status, 200);
  const n = all.json.items.length;
  assert.ok(n > 3);
  assert.equal(all.json.more, false);
  const p1 = await staff.get(`/api/v1/places/${L}/people?limit=3`);
  assert.equal(p1.json.items.length, 3);
  assert.equal(p1.json.more, true);
  const last = await staff.get(`/api/v1/places/${L}/people?limit=3&offset=${n - 2}`);
  assert.equal(last.json.items.length, 2);
  assert.equal(last.json.more, false);
  assert.deepEqual(last.json.items.map((x) => x.id), all.json.items.slice(n - 2).map((x) => x.id));
  for (const x of all.json.items) assert.match(x.phone, /^1\d\d\*{4}\d{4}$/);
  // organisations at the place or below it
  const place = await staff.get(`/api/v1/places/${L}`);
  const orgs = place.json.organisations;
  assert.ok(Array.isArray(orgs));
  const branch = orgs.find((o) => o.name === '龙湖社区党委');
  assert.ok(branch, 'the community party committee');
  assert.equal(branch.kind, 'party_branch');
  assert.equal(branch.responsible.name, '李红梅');
  assert.ok(orgs.some((o) => o.name === '第1网格党小组'), 'a grid\'s party group is below the community');
  assert.ok(!orgs.some((o) => /凤凰苑/.test(o.name)), 'not another community\'s');
  const g3 = await staff.get(`/api/v1/places/${grids[2].id}`);
  assert.deepEqual(g3.json.organisations, [], '第3网格 has none (see coverage)');
});

test('races: one phone registered twice at once, one claim decided twice at once', async () => {
  const [a, b] = await Promise.all([
    register(h.client(), { phone: '13700000088', name: '抢注甲', household_id: reg.households['302'] }),
    register(h.client(), { phone: '13700000088', name: '抢注乙', household_id: reg.households['302'] }),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [201, 409], `${a.text} / ${b.text}`);
  const won = a.status === 201 ? a : b;
  const claims = await pendingClaims();
  assert.equal(claims.filter((x) => x.person.phone === '137****0088').length, 1, 'one claim');
  const admin = h.client();
  await admin.signIn(PHONES.street);
  const [x, y] = await Promise.all([
    staff.post(`/api/v1/claims/${won.json.claim_id}/decision`, { approve: true }),
    admin.post(`/api/v1/claims/${won.json.claim_id}/decision`, { approve: false, reason: '同时驳回' }),
  ]);
  assert.deepEqual([x.status, y.status].sort(), [200, 409], `${x.text} / ${y.text}`);
  const c = h.client();
  await c.signIn('13700000088', 'secret-pass-1');
  const me = (await c.get('/api/v1/me')).json;
  assert.equal(me.claims.length, 1);
  assert.equal(me.claims[0].status, x.status === 200 ? 'approved' : 'rejected', 'the winner\'s decision holds');
  assert.equal(me.roles.some((r) => r.role === 'resident'), x.status === 200);
});

test("the people page opens on the reader's own place: the community for its staff, a grid worker's grid, a building leader's building; a resident has none", async () => {
  const title = async (phone) => {
    const cl = new Client(h.url);
    await cl.signIn(phone);
    const r = await cl.get('/staff/people');
    return { status: r.status, h1: (/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(r.text)?.[1] ?? '').replace(/<[^>]+>/g, '').trim() };
  };
  const s = await title(PHONES.staff);
  assert.equal(s.status, 200);
  assert.match(s.h1, /龙湖社区/);
  const g = await title(PHONES.grid);
  assert.equal(g.status, 200, 'the grid worker is not refused');
  assert.match(g.h1, /第1网格/);
  const b = await title(PHONES.leader);
  assert.equal(b.status, 200, 'the building leader is not refused');
  assert.match(b.h1, /1栋/);
  assert.equal((await title(PHONES.resident)).status, 403);
});
