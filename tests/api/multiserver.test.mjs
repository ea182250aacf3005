// Stateless application servers: two `wugong serve` processes on one
// database (the same PostgreSQL database when the suite runs on PostgreSQL,
// the same SQLite file otherwise). A session made through one works through
// the other, and concurrent writes through both keep counts and uniqueness
// exact.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, STORE } from './helpers.mjs';

const h = useServer();
let a, b; // the two servers

before(async () => {
  await h.ready;
  a = h.srv;
  b = await h.start(h.db); // a second process on the same database
});

test(`two servers on one ${STORE} database share sessions`, async () => {
  const viaA = new Client(a.url, 'resident');
  await viaA.signIn(PHONES.resident);
  // the same cookies and CSRF token, sent to the other process
  const viaB = new Client(b.url, 'resident@b');
  viaB.jar = new Map(viaA.jar);
  viaB.csrfToken = viaA.csrfToken;
  const me = await viaB.get('/api/v1/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.name, '赵桂兰');
  // a write through B with the session made on A
  const m = await viaB.post('/api/v1/matters', {
    place_id: me.json.places.find((p) => p.role === 'resident').line.find((x) => x.kind === 'building').id,
    category: 'facilities', title: '两台服务器共用会话', body: '',
  });
  assert.equal(m.status, 201, m.text);
  // and A sees it at once
  const back = await viaA.get(`/api/v1/matters/${m.json.id}`);
  assert.equal(back.status, 200);
  assert.equal(back.json.title, '两台服务器共用会话');
  // signing out through A ends the session on B too
  assert.equal((await viaA.del('/api/v1/session')).status, 204);
  assert.equal((await viaB.get('/api/v1/me')).status, 401);
});

test('concurrent follows through both servers count exactly once per person', async () => {
  const people = [PHONES.resident, PHONES.leader, PHONES.tenant, PHONES.leader2, PHONES.staff, PHONES.staff2,
    PHONES.grid, PHONES.grid2];
  const clients = await Promise.all(people.map(async (phone, i) => {
    const c = new Client(i % 2 ? b.url : a.url, phone);
    await c.signIn(phone);
    return c;
  }));
  // a fresh matter by the staff member: one follower (the author)
  const staff = clients[4];
  const list = await staff.get('/api/v1/matters?limit=1');
  const place = list.json.items[0].place.id;
  const m = await staff.post('/api/v1/matters', { place_id: place, category: 'other', title: '并发关注计数', body: '' });
  assert.equal(m.status, 201, m.text);
  const id = m.json.id;
  assert.equal(m.json.followers, 1);
  // every person follows 6 times at once, alternating the two servers
  const shots = [];
  for (const c of clients)
    for (let k = 0; k < 6; k++) {
      const other = new Client(k % 2 ? b.url : a.url, c.name);
      other.jar = new Map(c.jar);
      other.csrfToken = c.csrfToken;
      shots.push(other.put(`/api/v1/matters/${id}/follow`));
    }
  const answers = await Promise.all(shots);
  for (const r of answers) assert.equal(r.status, 200, r.text);
  const after = await clients[0].get(`/api/v1/matters/${id}`);
  assert.equal(after.json.followers, people.length, 'the author plus each other person once');
  // and the same through the other server
  const viaOther = await clients[1].get(`/api/v1/matters/${id}`);
  assert.equal(viaOther.json.followers, people.length);
  // concurrent unfollows of everyone: back to zero, never negative
  const offs = [];
  for (const c of clients)
    for (let k = 0; k < 4; k++) {
      const other = new Client(k % 2 ? a.url : b.url, c.name);
      other.jar = new Map(c.jar);
      other.csrfToken = c.csrfToken;
      offs.push(other.del(`/api/v1/matters/${id}/follow`));
    }
  for (const r of await Promise.all(offs)) assert.equal(r.status, 200, r.text);
  assert.equal((await clients[2].get(`/api/v1/matters/${id}`)).json.followers, 0);
});

test('a stage change raced through both servers happens once', async () => {
  const staffA = new Client(a.url, 'staff@a');
  await staffA.signIn(PHONES.staff);
  const staffB = new Client(b.url, 'staff@b');
  staffB.jar = new Map(staffA.jar);
  staffB.csrfToken = staffA.csrfToken;
  const list = await staffA.get('/api/v1/matters?stage=collecting&limit=1');
  const id = list.json.items[0].id;
  const before = (await staffA.get(`/api/v1/matters/${id}`)).json.timeline.length;
  const tries = [];
  for (let k = 0; k < 10; k++)
    tries.push((k % 2 ? staffB : staffA).post(`/api/v1/matters/${id}/transitions`, { to: 'deliberating' }));
  const statuses = (await Promise.all(tries)).map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 200).length, 1, `exactly one wins: ${statuses}`);
  assert.ok(statuses.every((s) => s === 200 || s === 409), `the others are told it changed: ${statuses}`);
  const m = (await staffB.get(`/api/v1/matters/${id}`)).json;
  assert.equal(m.stage, 'deliberating');
  assert.equal(m.timeline.length, before + 1, 'one timeline event');
});
