// Volunteer shifts: 50 residents sign up at once for 10 places and exactly
// 10 get them, the rest wait in line; a cancellation moves the first in
// line up and tells her; nobody holds two shifts at once unless staff
// override with a reason; the day before, a reminder; check-in and out by
// the QR code only within the window; the organiser confirms the hours,
// which earn points; a correction is kept with its reason and the points
// follow; a certificate has a number anyone can check; the ledger holds.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { useServer, Client, PHONES, BIN, sanitizerEnv } from './helpers.mjs';

const h = useServer();
const c = {};
const id = {};
const crowd = [];
let community, shiftA, shiftB, shiftC;
let volunteer; // one who holds a place in shift A (which 10 of the 50 do is the race's)

const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;
// "YYYY-MM-DD HH:MM" in China time, `days` from the test clock's today
function local(days, hm) {
  const d = new Date((now() + 8 * 3600 + days * 86400) * 1000).toISOString().slice(0, 10);
  return `${d} ${hm}`;
}
const at = (s) => Math.floor(Date.parse(`${s.replace(' ', 'T')}:00+08:00`) / 1000);

before(async () => {
  await h.ready;
  for (const k of ['staff', 'grid', 'resident', 'tenant', 'fStaff']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
    id[k] = (await c[k].get('/api/v1/me')).json.id;
  }
  community = (await c.staff.get('/api/v1/me')).json.community_id;
  // fifty new residents registered from a building's poster
  const building = (await c.staff.get(`/api/v1/places/${community}/children`)).json.items[0].id;
  const b = (await c.staff.get(`/api/v1/places/${building}/children`)).json.items[0].id;
  const poster = await c.staff.get(`/places/${b}/poster`);
  const [, bId, key] = /\/register\?building=(\d+)&(?:amp;)?key=([0-9A-Za-z%_-]+)/.exec(poster.text);
  const anon = new Client(h.url, 'anon');
  const hh = (await anon.get(`/api/v1/registration?building=${bId}&key=${key}`)).json.households[0].id;
  for (let i = 0; i < 50; i++) {
    const phone = `1390000${String(i).padStart(4, '0')}`;
    const x = new Client(h.url, `v${i}`);
    await x.csrf();
    const r = await x.post('/api/v1/registrations', { phone, name: `志愿者${i}`, password: 'secret-pass-1', building_id: Number(bId),
      key: decodeURIComponent(key), household_id: hh, relation: 'tenant' });
    assert.equal(r.status, 201, r.text);
    const ok = await c.staff.post(`/api/v1/claims/${r.json.claim_id}/decision`, { approve: true });
    assert.equal(ok.status, 200, ok.text);
    await x.signIn(phone, 'secret-pass-1');
    crowd.push(x);
  }
});

const shift = (body) => c.staff.post('/api/v1/shifts', { place_id: community, title: '闲置车棚清理', skill: '力气活', location: '东门车棚',
  capacity: 10, starts: local(2, '09:00'), ends: local(2, '12:00'), ...body });

test('50 at once for 10 places: exactly 10 confirmed, 40 waiting in line', async () => {
  let r = await shift({});
  assert.equal(r.status, 201, r.text);
  shiftA = r.json;
  assert.equal(shiftA.window_min, 30);
  assert.match(shiftA.checkin_url, /^\/shifts\/\d+\/here\?t=[0-9a-f]{32,}$/);
  r = await shift({ title: '车棚粉刷', starts: local(2, '14:00'), ends: local(2, '17:00'), capacity: 12 });
  assert.equal(r.status, 201);
  shiftB = r.json;
  r = await shift({ title: '车棚装灯', starts: local(2, '10:00'), ends: local(2, '11:00'), capacity: 5 });
  shiftC = r.json;
  const rs = await Promise.all(crowd.map((x) => x.post(`/api/v1/shifts/${shiftA.id}/signups`, {})));
  assert.ok(rs.every((x) => x.status === 201), rs.map((x) => `${x.status} ${x.text}`).find((t) => !t.startsWith('201')));
  assert.equal(rs.filter((x) => x.json.status === 'confirmed').length, 10);
  assert.equal(rs.filter((x) => x.json.status === 'waiting').length, 40);
  const d = (await c.staff.get(`/api/v1/shifts/${shiftA.id}`)).json;
  assert.equal(d.confirmed, 10);
  assert.equal(d.waiting, 40);
  assert.equal(d.places_left, 0);
  assert.equal(d.roster.length, 50);
  // signing up twice is refused
  const again = await crowd[0].post(`/api/v1/shifts/${shiftA.id}/signups`, {});
  assert.equal(again.status, 409);
  assert.equal(again.json.error.code, 'volunteer_signed_up');
});

test('no two shifts at once, unless staff override with a reason', async () => {
  const mine = (await crowd[0].get(`/api/v1/shifts/${shiftA.id}`)).json.mine;
  assert.ok(mine, 'signed up for the morning');
  let r = await crowd[0].post(`/api/v1/shifts/${shiftC.id}/signups`, {});
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'volunteer_overlap');
  r = await crowd[0].post(`/api/v1/shifts/${shiftB.id}/signups`, {}); // the afternoon does not overlap
  assert.equal(r.status, 201);
  const person = (await crowd[0].get('/api/v1/me')).json.id;
  r = await c.resident.post(`/api/v1/shifts/${shiftC.id}/signups`, { person_id: person, reason: '他是电工' });
  assert.equal(r.status, 403, 'a resident does not override');
  r = await c.staff.post(`/api/v1/shifts/${shiftC.id}/signups`, { person_id: person, reason: ' ' });
  assert.equal(r.status, 422);
  r = await c.staff.post(`/api/v1/shifts/${shiftC.id}/signups`, { person_id: person, reason: '他是电工，只来一小时' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.status, 'confirmed');
  const roster = (await c.staff.get(`/api/v1/shifts/${shiftC.id}`)).json.roster;
  assert.equal(roster[0].override_reason, '他是电工，只来一小时');
});

test('a cancellation moves the first in line up, and tells her', async () => {
  const confirmedIdx = [];
  for (let i = 0; i < 50; i++) {
    const m = (await crowd[i].get(`/api/v1/shifts/${shiftA.id}`)).json.mine;
    if (m.status === 'confirmed') confirmedIdx.push(i);
  }
  const leaver = crowd[confirmedIdx[1]];
  const firstWaiting = (await c.staff.get(`/api/v1/shifts/${shiftA.id}`)).json.roster.find((x) => x.status === 'waiting');
  const leaverSignup = (await leaver.get(`/api/v1/shifts/${shiftA.id}`)).json.mine.id;
  const r = await leaver.post(`/api/v1/signups/${leaverSignup}/cancel`, {});
  assert.equal(r.status, 200, r.text);
  const d = (await c.staff.get(`/api/v1/shifts/${shiftA.id}`)).json;
  assert.equal(d.confirmed, 10);
  assert.equal(d.waiting, 39);
  assert.equal(d.roster.find((x) => x.id === firstWaiting.id).status, 'confirmed');
  let told = false;
  for (const x of crowd) {
    const n = (await x.get('/api/v1/notifications')).json;
    if (n.items.some((k) => k.kind === 'volunteer_promoted')) {
      assert.equal((await x.get('/api/v1/me')).json.id, firstWaiting.person_id);
      told = true;
    }
  }
  assert.ok(told, 'the promoted volunteer is told');
  assert.equal((await crowd[0].post(`/api/v1/signups/${leaverSignup}/cancel`, {})).status, 403, 'not hers to cancel');
});

test('the day before, a reminder; on the day, the QR code within the window; hours earn points', async () => {
  for (const x of crowd) {
    if ((await x.get(`/api/v1/shifts/${shiftA.id}`)).json.mine?.status === 'confirmed') { volunteer = x; break; }
  }
  const mine = (await volunteer.get(`/api/v1/shifts/${shiftA.id}`)).json.mine;
  assert.equal(mine.status, 'confirmed');
  const t = shiftA.checkin_url.split('t=')[1];
  let r = await volunteer.post(`/api/v1/shifts/${shiftA.id}/scan`, { t });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'volunteer_outside_window');
  await h.setClock(h.clockOffset + (at(shiftA.starts) - 86400 + 60 - now()));
  const n = (await volunteer.get('/api/v1/notifications')).json;
  assert.ok(n.items.some((k) => k.kind === 'volunteer_reminder'), 'reminded the day before');
  await h.setClock(h.clockOffset + (at(shiftA.starts) - 20 * 60 - now()));
  r = await volunteer.post(`/api/v1/shifts/${shiftA.id}/scan`, { t: 'not-the-code' });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.code, 'volunteer_code_invalid');
  r = await volunteer.post(`/api/v1/shifts/${shiftA.id}/scan`, { t });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.done, 'checkin');
  for (const x of crowd) { // one still waiting has no place to check in to
    if ((await x.get(`/api/v1/shifts/${shiftA.id}`)).json.mine?.status !== 'waiting') continue;
    const wr = await x.post(`/api/v1/shifts/${shiftA.id}/scan`, { t });
    assert.equal(wr.status, 409);
    assert.equal(wr.json.error.code, 'volunteer_not_signed_up');
    break;
  }
  await h.setClock(h.clockOffset + 3 * 3600);
  c.staff = new Client(h.url, 'staff2'); // a staff session ends after 30 idle minutes
  await c.staff.signIn(PHONES.staff);
  r = await volunteer.post(`/api/v1/shifts/${shiftA.id}/scan`, { t });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.done, 'checkout');
  r = await volunteer.post(`/api/v1/shifts/${shiftA.id}/scan`, { t });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'volunteer_checked_out');
  r = await volunteer.post(`/api/v1/signups/${mine.id}/confirm`, {});
  assert.equal(r.status, 403, 'a volunteer does not confirm her own hours');
  r = await c.staff.post(`/api/v1/signups/${mine.id}/confirm`, {});
  assert.equal(r.status, 200, r.text);
  const pts = (await volunteer.get('/api/v1/points')).json;
  assert.equal(pts.balance, 15); // 3 hours x 5 points (the community's rule)
  assert.deepEqual(pts.items[0].source, { kind: 'volunteer_signup', id: mine.id });
  r = await c.staff.post(`/api/v1/signups/${mine.id}/confirm`, {});
  assert.equal(r.status, 409);
});

test('a correction is kept with its reason, and the points follow; the record has what order no. 67 asks', async () => {
  const mine = (await volunteer.get(`/api/v1/shifts/${shiftA.id}`)).json.mine;
  let r = await c.staff.post(`/api/v1/signups/${mine.id}/corrections`, { minutes: 120, reason: '' });
  assert.equal(r.status, 422);
  r = await c.staff.post(`/api/v1/signups/${mine.id}/corrections`, { minutes: 120, reason: '提前一小时离开' });
  assert.equal(r.status, 201, r.text);
  const pts = (await volunteer.get('/api/v1/points')).json;
  assert.equal(pts.balance, 10);
  assert.equal(pts.items[1].kind, 'reverse');
  const rec = (await volunteer.get('/api/v1/volunteer/records')).json;
  const x = rec.items.find((i) => i.id === mine.id);
  assert.equal(x.service, '闲置车棚清理');
  assert.equal(x.place.length > 0, true);
  assert.equal(x.minutes, 120);
  assert.ok(x.checkin && x.checkout && x.starts && x.organisation);
  assert.deepEqual(x.corrections.map((k) => [k.old_minutes, k.new_minutes, k.reason]), [[180, 120, '提前一小时离开']]);
  assert.equal(rec.hours, '2.00');
  const check = spawnSync(BIN, ['ledger-check', '--db', h.db], { env: sanitizerEnv(), encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
});

test('a certificate has a number that anyone can check', async () => {
  const nobody = crowd.find((x) => x !== volunteer);
  let r = await nobody.post('/api/v1/volunteer/certificates', {});
  assert.equal(r.status, 409, 'no confirmed service, no certificate');
  r = await volunteer.post('/api/v1/volunteer/certificates', {});
  assert.equal(r.status, 201, r.text);
  const number = r.json.number;
  assert.match(number, /^WG\d+-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
  assert.equal(r.json.hours, '2.00');
  const anon = new Client(h.url, 'anon2');
  r = await anon.get(`/api/v1/certificates/${number}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.name, (await volunteer.get('/api/v1/me')).json.name);
  let page = await anon.get(`/certificates?number=${number}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="verify-result" class="ok"/);
  page = await anon.get('/certificates?number=WG3-0000-0000-0000');
  assert.match(page.text, /id="verify-result" class="error"/);
  assert.equal((await anon.get('/api/v1/certificates/WG3-0000-0000-0000')).status, 404);
  page = await volunteer.get(`/certificates/${number}`);
  assert.match(page.text, new RegExp(`id="cert-number">${number}<`));
});

test('another community sees nothing; residents do not post shifts; bad input writes nothing', async () => {
  c.fStaff = new Client(h.url, 'fStaff2');
  await c.fStaff.signIn(PHONES.fStaff);
  assert.equal((await c.fStaff.get(`/api/v1/shifts/${shiftB.id}`)).status, 404);
  assert.equal((await c.fStaff.post(`/api/v1/shifts/${shiftB.id}/signups`, {})).status, 404);
  assert.equal((await c.resident.post('/api/v1/shifts', { place_id: community, title: '居民发起', starts: local(3, '09:00'), ends: local(3, '10:00'), capacity: 3 })).status, 403);
  const before0 = (await c.staff.get('/api/v1/shifts')).json.items.length;
  const bad = [
    [{ title: '' }, 'title_required'],
    [{ capacity: 0 }, 'shift_capacity_invalid'],
    [{ capacity: 1001 }, 'shift_capacity_invalid'],
    [{ starts: local(3, '12:00'), ends: local(3, '09:00') }, 'shift_times_invalid'],
    [{ starts: local(-3, '09:00'), ends: local(-3, '10:00') }, 'shift_in_past'],
    [{ starts: '明天上午' }, 'datetime_invalid'],
    [{ starts: local(3, '09:00'), ends: local(4, '10:00') }, 'shift_times_invalid'],
  ];
  for (const [body, code] of bad) {
    const r = await shift({ starts: local(3, '09:00'), ends: local(3, '12:00'), ...body });
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  assert.equal((await c.staff.get('/api/v1/shifts')).json.items.length, before0);
});
