// After an action the browser is sent to a page (POST-redirect-GET) that
// says once what happened: a matter proposed, a follow, a support, a stage
// change. Reloading that page says it no more, and reaching the address of
// an action with a GET (a reload, the back button) goes back to the page the
// action was about instead of a 405 page.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
let grid;
const flash = (html) => (/<p class="flash" role="status">([^<]*)<\/p>/.exec(html) || [])[1] ?? null;

before(async () => {
  await h.ready;
  for (const [k, p] of Object.entries({ resident: PHONES.resident, tenant: PHONES.tenant, staff: PHONES.staff })) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(p);
  }
  const me = (await c.resident.get('/api/v1/me')).json;
  const home = me.roles.find((r) => r.role === 'resident').place.id;
  grid = (await c.resident.get(`/api/v1/places/${home}`)).json.ancestors.find((a) => a.kind === 'grid').id;
});

/* Posts a page form; follows the 303 once; returns [location, the page's flash, the flash on a reload]. */
async function act(who, path, form) {
  const r = await c[who].post(path, undefined, { form: { _csrf: c[who].csrfToken, ...form } });
  assert.equal(r.status, 303, `${path}: ${r.text}`);
  const to = r.headers.get('location');
  assert.doesNotMatch(to, /done=/, 'no marker in the address');
  const first = await c[who].get(to);
  const again = await c[who].get(to);
  return [to, flash(first.text), flash(again.text)];
}

test('each action says once what it did, on the page it leads to', async () => {
  let [to, once, again] = await act('resident', '/matters', { place_id: String(grid), category: 'other', title: '单元门坏了', body: '' });
  assert.match(to, /^\/matters\/\d+$/);
  assert.equal(once, '事项已提出。邻居们现在可以看到并支持它。');
  assert.equal(again, null, 'once only');
  const id = Number(to.split('/')[2]);
  [, once] = await act('tenant', `/matters/${id}/follow`, { follow: '1' });
  assert.equal(once, '已关注。这件事有进展时会通知您。');
  [, once] = await act('tenant', `/matters/${id}/follow`, { follow: '0' });
  assert.equal(once, '已取消关注。');
  [, once] = await act('tenant', `/matters/${id}/support`, {});
  assert.equal(once, '已支持，谢谢您。');
  [, once] = await act('staff', `/matters/${id}/transitions`, { to: 'deliberating', reason: '先讨论' });
  assert.equal(once, '事项已进入下一阶段。');
  // in 繁體, the same message in its script
  const r = await c.tenant.post(`/matters/${id}/follow`, undefined, { form: { _csrf: c.tenant.csrfToken, follow: '1' } });
  const page = await c.tenant.get(r.headers.get('location'), { headers: { 'accept-language': 'zh-TW' } });
  assert.equal(flash(page.text), '已關注。這件事有進展時會通知您。');
  // a cookie that is not a message key shows nothing
  c.tenant.jar.set('wg_flash', 'x<script>');
  assert.equal(flash((await c.tenant.get(`/matters/${id}`)).text), null);
});

test('a GET at the address of an action goes back to its page, signed in, not to a 405 page', async () => {
  const m = (await c.resident.get('/api/v1/matters?limit=1')).json.items[0];
  for (const [path, to] of [[`/matters/${m.id}/follow`, `/matters/${m.id}`], [`/matters/${m.id}/transitions`, `/matters/${m.id}`],
    ['/notifications/read', '/notifications'], ['/prefs', '/']]) {
    const r = await c.resident.get(path);
    assert.deepEqual([r.status, r.headers.get('location')], [303, to], path);
  }
  // the API keeps its 405 with Allow
  const api = await c.resident.get(`/api/v1/matters/${m.id}/follow`);
  assert.equal(api.status, 405);
  assert.match(api.headers.get('allow'), /PUT/);
});
