// Abuse sweep: every state-changing route of every module refuses a request
// without its CSRF token (and a cross-site form post) and the refusal is in
// the audit log; ids of another grid, building or household in the same
// community are refused to the people whose reach ends at their own (and the
// denial is audited); replays and races of the same write count once; a
// signed-out session cannot be replayed.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServer, Client, PHONES, ROOT, routeTable } from './helpers.mjs';
import { sql } from '../crash/checks.mjs';

const h = useServer();
const c = {};
const W = {};

/* Every route of every module: [method, pattern]. */
function routes() {
  return routeTable().map((r) => [r.method, r.pattern, r.flags]);
}

const audit = (action) => Number(sql(h.db, `SELECT count(*) FROM audit WHERE action = '${action}'`)[0][0]);

before(async () => {
  await h.ready;
  for (const k of ['staff', 'grid', 'leader', 'resident', 'tenant', 'street']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  const me = (await c.resident.get('/api/v1/me')).json;
  W.L = me.community_id;
  W.home = me.roles.find((r) => r.role === 'resident').place.id;
  const line = (await c.resident.get(`/api/v1/places/${W.home}`)).json.ancestors;
  W.building = line.find((p) => p.kind === 'building').id;
  W.grid = line.find((p) => p.kind === 'grid').id;
  const kids = async (id) => (await c.street.get(`/api/v1/places/${id}/children?limit=100`)).json.items;
  W.otherGrid = (await kids(W.L)).find((p) => p.kind === 'grid' && p.id !== W.grid).id;
  W.otherGridBuilding = (await kids(W.otherGrid))[0].id;
  W.otherBuilding = (await kids(W.grid)).find((p) => p.id !== W.building).id;
  W.otherHousehold = (await kids(W.building)).find((p) => p.id !== W.home).id;
});

test('every state-changing route refuses a request without its CSRF token, and the refusal is audited', async () => {
  const before = audit('csrf_rejected');
  // routes of other systems (HTTP_KEY: Open311) read no cookie: their own key is their only authority
  const keyed = routes().filter(([m, , f]) => m !== 'GET' && f.has('key'));
  assert.ok(keyed.length >= 1);
  for (const [method, pattern] of keyed) {
    const p = pattern.replace('{doc}', 'requests.xml').replace(/\{[a-z]+\}/g, '1');
    const r = await c.staff.req(method, p, { form: { service_code: 'other', description: 'x', address_string: 'y' }, csrf: false });
    assert.equal(r.status, 403, `${method} ${p} with a staff cookie and no key: ${r.status} ${r.text.slice(0, 160)}`);
    assert.match(r.text, /<errors>/);
  }
  const changing = routes().filter(([m, , f]) => m !== 'GET' && !f.has('key'));
  assert.ok(changing.length > 60, `the route table has ${changing.length} state-changing routes`);
  let n = 0;
  for (const [method, pattern] of changing) {
    const p = pattern.replace(/\{[a-z]+\}/g, '1');
    const api = p.startsWith('/api/');
    // a signed-in member of staff whose page or script forgot (or never had) the token
    const r = api ? await c.staff.req(method, p, { json: {}, csrf: false })
      : await c.staff.req(method, p, { form: { x: '1' }, csrf: false });
    assert.equal(r.status, 403, `${method} ${pattern} without a token: ${r.status} ${r.text.slice(0, 120)}`);
    if (api) assert.equal(r.json.error.code, 'csrf_invalid', `${method} ${pattern}`);
    n++;
    // a cross-site form post carries the cookie but cannot know the token
    if (!api && method === 'POST') {
      const x = await c.staff.req('POST', p, {
        form: { _csrf: 'ab'.repeat(32) }, csrf: false,
        headers: { origin: 'https://evil.example', referer: 'https://evil.example/x' },
      });
      assert.equal(x.status, 403, `cross-site POST ${pattern}`);
      n++;
    }
  }
  assert.equal(audit('csrf_rejected') - before, n, 'every refusal is in the audit log');
});

test('ids of another grid, building or household of the same community are refused and the denial audited', async () => {
  const denied0 = audit('denied');
  const refuse = async (who, what, r) => {
    assert.ok([403, 404].includes(r.status), `${who}: ${what}: ${r.status} ${r.text.slice(0, 160)}`);
  };
  // the grid worker of 东院's grid, in the other grid
  await refuse('grid worker', 'a council in another grid', await c.grid.post('/api/v1/councils', {
    place_id: W.otherGrid, name: '别的网格', kind: 'monthly', starts_on: new Date(Date.now() + 10 * 86400e3).toISOString().slice(0, 10),
    time: '19:00', location: 'x' }));
  await refuse('grid worker', 'a vote in another grid', await c.grid.post('/api/v1/votes', {
    place_id: W.otherGrid, title: '越权', method: 'yes_no_abstain', mode: 'meeting', rule: { preset: 'simple_majority' } }));
  await refuse('grid worker', 'a call in another grid', await c.grid.post('/api/v1/calls', {
    place_id: W.otherGridBuilding, title: '越权', deadline: Math.floor(Date.now() / 1000) + 86400 }));
  const foreignMatter = (await c.staff.post('/api/v1/matters', { place_id: W.otherGrid, category: 'other', title: '别的网格的事' })).json;
  await refuse('grid worker', 'moving a matter of another grid', await c.grid.post(`/api/v1/matters/${foreignMatter.id}/transitions`, { to: 'deliberating' }));
  // a building leader, in another building of the same grid
  await refuse('building leader', 'a vote in another building', await c.leader.post('/api/v1/votes', {
    place_id: W.otherBuilding, title: '越权', method: 'yes_no_abstain', mode: 'meeting', rule: { preset: 'simple_majority' } }));
  // a resident: the people of another household, another building's people list, a phone number
  await refuse('resident', 'people of another household', await c.resident.get(`/api/v1/places/${W.otherHousehold}/people`));
  await refuse('resident', 'people of another building', await c.resident.get(`/api/v1/places/${W.otherBuilding}/people`));
  await refuse('resident', 'a full phone number', await c.resident.post('/api/v1/people/1/phone', { reason: '好奇' }));
  await refuse('resident', 'the claims of the community', await c.resident.get(`/api/v1/communities/${W.L}/claims`));
  await refuse('tenant', 'moving a matter', await c.tenant.post(`/api/v1/matters/${foreignMatter.id}/transitions`, { to: 'rejected', reason: 'x' }));
  assert.ok(audit('denied') - denied0 >= 5, 'denials are audited');
});

test('replays and races: the same write sent 50 times at once counts once', async () => {
  const m = (await c.staff.post('/api/v1/matters', { place_id: W.grid, category: 'other', title: '并发关注' })).json;
  const f0 = (await c.tenant.get(`/api/v1/matters/${m.id}`)).json.followers;
  const rs = await Promise.all(Array.from({ length: 50 }, () => c.tenant.put(`/api/v1/matters/${m.id}/follow`)));
  assert.ok(rs.every((r) => r.status === 200), 'each answer is a success');
  assert.equal((await c.tenant.get(`/api/v1/matters/${m.id}`)).json.followers, f0 + 1, 'one follow');
  const s = await Promise.all(Array.from({ length: 50 }, () => c.tenant.put(`/api/v1/matters/${m.id}/support`)));
  assert.ok(s.every((r) => r.status < 300), s.map((r) => r.status).join());
  assert.deepEqual((await c.tenant.get(`/api/v1/matters/${m.id}`)).json.support.households, 1, 'one support');
});

test('limits hold under races: 40 comments or opinions at once by one person, 5 a minute pass', async () => {
  const m = (await c.staff.post('/api/v1/matters', { place_id: W.grid, category: 'other', title: '并发评论' })).json;
  const cs = await Promise.all(Array.from({ length: 40 }, (_, i) => c.leader.post(`/api/v1/matters/${m.id}/comments`, { body: `评论${i}` })));
  assert.deepEqual([cs.filter((r) => r.status === 201).length, cs.filter((r) => r.status === 429).length], [5, 35],
    cs.map((r) => r.status).join());
  assert.equal((await c.leader.get(`/api/v1/matters/${m.id}/comments`)).json.items.length, 5, 'five stored');
  const call = (await c.staff.post('/api/v1/calls', { place_id: W.grid, title: '并发意见', deadline: Math.floor(Date.now() / 1000) + 86400 })).json;
  const os = await Promise.all(Array.from({ length: 40 }, (_, i) => c.leader.post(`/api/v1/calls/${call.id}/opinions`, { body: `意见${i}` })));
  assert.deepEqual([os.filter((r) => r.status === 201).length, os.filter((r) => r.status === 429).length], [5, 35],
    os.map((r) => r.status).join());
  assert.equal((await c.leader.get(`/api/v1/calls/${call.id}/opinions`)).json.total, 5, 'five stored');
});

test('a signed-out session cannot be replayed', async () => {
  const x = new Client(h.url, 'replay');
  await x.signIn(PHONES.tenant);
  const cookie = x.cookieHeader();
  assert.equal((await x.del('/api/v1/session')).status, 204);
  const r = await fetch(`${h.url}/api/v1/me`, { headers: { cookie } });
  assert.equal(r.status, 401);
});
