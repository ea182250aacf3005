// The small things a resident trips over, each as the page serves it:
// breadcrumbs from the street down with no dangling separator, counts that
// say what they count, no Markdown hint for residents, an h1 on every
// opinion, and a favicon.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
let household;

before(async () => {
  await h.ready;
  for (const [k, p] of Object.entries({ resident: PHONES.resident, staff: PHONES.staff, tenant: PHONES.tenant })) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(p);
  }
  household = (await c.resident.get('/api/v1/me')).json.roles.find((r) => r.role === 'resident').place.id;
});

test('breadcrumbs read from the street down to the place, each a link, no separator left hanging', async () => {
  const page = (await c.resident.get(`/places/${household}`)).text;
  const crumbs = /<ol class="crumbs">([\s\S]*?)<\/ol>/.exec(page)[1];
  const names = [...crumbs.matchAll(/<li><a href="\/places\/\d+">([^<]+)<\/a><\/li>/g)].map((m) => m[1]);
  assert.deepEqual(names, ['军山街道', '龙湖社区', '第1网格', '1栋'], 'the street first, the place itself is the heading');
  assert.doesNotMatch(crumbs, /›/, 'the separators are drawn between items, never after the last');
  assert.match(page, /<h1>1栋101/);
});

test('counts say what they count; residents see no Markdown hint', async () => {
  const community = (await c.staff.get('/api/v1/me')).json.community_id;
  const call = await c.staff.post('/api/v1/calls', { place_id: community, title: '楼道自行车怎么放',
    deadline: Math.floor(Date.now() / 1000) + h.clockOffset + 7 * 86400 });
  assert.equal(call.status, 201, call.text);
  const op = await c.tenant.post(`/api/v1/calls/${call.json.id}/opinions`, { body: '把楼道的自行车移到车棚。' });
  assert.equal(op.status, 201, op.text);
  const page = (await c.resident.get(`/calls/${call.json.id}`)).text;
  assert.match(page, /已有 <strong class="supports">0<\/strong> 人支持这条意见/);
  const one = (await c.resident.get(`/opinions/${op.json.id}`)).text;
  assert.match(one, /已有 <strong>0<\/strong> 人支持这条意见/);
  assert.match(one, /<h1>周磊的意见<\/h1>/, 'the opinion page has its heading');
  assert.doesNotMatch((await c.resident.get('/matters/new')).text, /\*\*加粗\*\*/, 'no Markdown for residents');
  assert.match((await c.staff.get('/matters/new')).text, /\*\*加粗\*\*/, 'staff keep the hint');
});

test('/favicon.ico is an icon, and every page points to one', async () => {
  const r = await fetch(`${h.url}/favicon.ico`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/x-icon');
  const b = Buffer.from(await r.arrayBuffer());
  assert.deepEqual([...b.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
  assert.match((await c.resident.get('/')).text, /<link rel="icon" href="\/static\/favicon.svg"/);
  assert.equal((await fetch(`${h.url}/static/favicon.svg`)).headers.get('content-type'), 'image/svg+xml');
});
