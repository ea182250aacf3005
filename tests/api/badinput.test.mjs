// Bad input: malformed HTTP over a raw socket, oversized bodies and headers,
// invalid UTF-8, wrong JSON types and shapes, unsupported content types,
// malformed queries and ids. None of it may write anything.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, PHONES, raw, rawStatus, parseRaw, RawConn, rawResponses, sleep, dropIdleFetchConnections, routeTable,
} from './helpers.mjs';

// a short header timeout, so a stalled request is cut off quickly
const h = useServer({ extraArgs: ['--header-timeout-ms', '1000'] });
let res; // 赵桂兰, 龙湖 resident
let admin; // the street admin: sees every matter of both communities
let building; // her building
let foreign; // ids in 凤凰苑: {community, matter, building}
let total0; // every matter, before

async function total() {
  const r = await admin.get('/api/v1/matters?limit=1');
  assert.equal(r.status, 200);
  return r.json.total;
}

before(async () => {
  await h.ready;
  res = h.client();
  admin = h.client();
  await Promise.all([res.signIn(PHONES.resident), admin.signIn(PHONES.street)]);
  const me = (await res.get('/api/v1/me')).json;
  building = me.places[0].line.find((p) => p.kind === 'building').id;
  const every = (await admin.get('/api/v1/matters?limit=100')).json.items;
  const fm = every.find((m) => m.community_id !== me.community_id);
  const fb = (await admin.get(`/api/v1/places/${fm.place.id}/children`)).json.items[0].id;
  foreign = { community: fm.community_id, matter: fm.id, grid: fm.place.id, building: fb };
  total0 = await total();
});

/* ---- malformed HTTP on a raw socket ---- */

test('a garbage request line → 400 and the connection is closed', async () => {
  const inputs = [
    'GARBAGE\r\n\r\n',
    'GET\r\n\r\n',
    'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
    '\x00\x01\x02\x03\xff\xfe HTTP/1.1\r\n\r\n',
    'GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n',
    'GET / HTTP/1.1\r\nNo colon here\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
  ];
  for (const input of inputs) {
    const x = await raw(h.port, Buffer.from(input, 'latin1'), { timeout: 4000 });
    assert.ok(!x.timedOut, `no hang on ${JSON.stringify(input)}`);
    assert.equal(rawStatus(x.data), 400, `${JSON.stringify(input)} → ${JSON.stringify(x.data.slice(0, 40))}`);
    assert.ok(x.closed, 'closed');
  }
  assert.equal((await h.client().get('/healthz')).status, 200, 'still serving');
});

test('a header section over 64 KiB → 4xx, no hang', async () => {
  const big = `GET /api/v1/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: ${'a'.repeat(70 * 1024)}\r\n\r\n`;
  const x = await raw(h.port, big, { timeout: 4000 });
  assert.ok(!x.timedOut, 'no hang');
  const st = rawStatus(x.data);
  assert.ok(st >= 400 && st < 500, `70 KiB header line → ${st} (docs/architecture.md: over 16 KiB → 431)`);
  const many = `GET /api/v1/meta HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${
    Array.from({ length: 1500 }, (_, i) => `X-H${i}: ${'b'.repeat(40)}\r\n`).join('')}\r\n`;
  const y = await raw(h.port, many, { timeout: 4000 });
  assert.ok(!y.timedOut, 'no hang');
  const st2 = rawStatus(y.data);
  assert.ok(st2 >= 400 && st2 < 500, `1500 headers (70 KiB) → ${st2}`);
});

test('an unfinished request is cut off by the header timeout', async () => {
  const t0 = Date.now();
  const x = await raw(h.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', { timeout: 6000 });
  assert.ok(x.closed && !x.timedOut, 'closed by the server');
  assert.ok(Date.now() - t0 < 5000, `after ${Date.now() - t0} ms`);
  assert.ok(x.data === '' || rawStatus(x.data) >= 400, 'no success answer');
  const y = await raw(h.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', { timeout: 4000, endAfterSend: true });
  assert.ok(y.closed && !y.timedOut, 'a half-closed connection is closed too');
});

test('a malformed percent-escape in the path or the query', async () => {
  for (const [p, want] of [['/api/v1/matters/%zz', 404], ['/api/v1/matters/1%00', 404], ['/api/v1/matters/%2F1', 404],
    ['/api/v1/meta?a=%zz', 400], ['/api/v1/meta?a=%FF', 400], ['/api/v1/meta?a=%', 400]]) {
    const x = await raw(h.port, `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.equal(rawStatus(x.data), want, p);
    const r = parseRaw(x.data);
    assert.match(r.headers['content-type'], /^application\/json/, p);
  }
});

test('past --max-connections a new connection gets a 503 and is closed, and is counted', async () => {
  const srv = await h.start(h.db, { extraArgs: ['--max-connections', '3'] });
  await dropIdleFetchConnections(); // the health checks' keep-alive connection
  await sleep(100);
  const conns = [];
  try {
    for (let i = 0; i < 3; i++) {
      const c = await RawConn.open(srv.port);
      conns.push(c);
      await c.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      assert.ok(await c.until((d) => rawResponses(d).length === 1), `connection ${i + 1} is served`);
    }
    const x = await raw(srv.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', { timeout: 3000 });
    assert.ok(!x.timedOut, 'refused at once, not left hanging');
    assert.equal(rawStatus(x.data), 503);
    assert.equal(parseRaw(x.data).headers['retry-after'], '1');
    conns.shift().destroy();
    await sleep(200);
    const m = await raw(srv.port, 'GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(rawStatus(m.data), 200, 'a closed connection frees its place');
    assert.match(m.data, /^wugong_http_refused_connections_total [1-9]\d*$/m);
  } finally {
    for (const c of conns) c.destroy();
  }
});

/* ---- bodies ---- */

test('a body over the route limit → 413 and nothing created', async () => {
  const body = { place_id: building, category: 'other', title: '超大正文', body: 'x'.repeat(200 * 1024) };
  const r = await res.post('/api/v1/matters', body);
  assert.equal(r.status, 413);
  assert.equal(r.json.error.code, 'body_too_large');
  // the HTML form route has the same limit
  const f = await res.req('POST', '/matters', { form: { _csrf: res.csrfToken, ...body } });
  assert.equal(f.status, 413);
  // over the server-wide cap (40 MiB, the photo routes'), refused before it is read
  const x = await raw(h.port, `POST /api/v1/matters HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${41 * 1024 * 1024}\r\n\r\n`, { timeout: 4000 });
  assert.equal(rawStatus(x.data), 413);
  assert.ok(!x.timedOut);
  // small limits: the session (4 KiB) and follow (1 KiB) routes
  const s = await res.post('/api/v1/session', { phone: PHONES.resident, password: 'x'.repeat(5000) });
  assert.equal(s.status, 413);
  const fo = await res.req('PUT', '/api/v1/matters/1/follow', { json: JSON.stringify({ pad: 'x'.repeat(2000) }) });
  assert.equal(fo.status, 413);
  assert.equal((await admin.get('/api/v1/matters/1')).json.following, false);
  assert.equal(await total(), total0);
  assert.equal((await admin.get(`/api/v1/matters?q=${encodeURIComponent('超大正文')}`)).json.total, 0);
});

test('invalid UTF-8 → 400: in a JSON body, in a form field, in the query', async () => {
  const pre = Buffer.from(`{"place_id":${building},"category":"other","title":"`);
  for (const bad of [[0xff, 0xfe], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe4, 0xbd], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
    const r = await res.req('POST', '/api/v1/matters', { body: Buffer.concat([pre, Buffer.from(bad), Buffer.from('"}')]), type: 'application/json' });
    assert.equal(r.status, 400, `bytes ${bad.map((b) => b.toString(16))}`);
    assert.equal(r.json.error.code, 'bad_body');
  }
  const surrogate = await res.post('/api/v1/matters', `{"place_id":${building},"category":"other","title":"\\ud800"}`);
  assert.equal(surrogate.status, 400, 'a lone surrogate escape');
  const form = `_csrf=${res.csrfToken}&place_id=${building}&category=other&title=%FF%FE`;
  const f = await res.req('POST', '/matters', { body: form, type: 'application/x-www-form-urlencoded' });
  assert.equal(f.status, 400);
  const rawForm = await res.req('POST', '/matters', {
    body: Buffer.concat([Buffer.from(`_csrf=${res.csrfToken}&place_id=${building}&category=other&title=`), Buffer.from([0xc3, 0x28])]),
    type: 'application/x-www-form-urlencoded',
  });
  assert.equal(rawForm.status, 400);
  const q = await res.get('/api/v1/matters?q=%E4%BD');
  assert.equal(q.status, 400);
  assert.equal(q.json.error.code, 'bad_query');
  const page = await res.get('/matters?q=%FF');
  assert.equal(page.status, 400);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.equal(await total(), total0);
});

test('wrong JSON types → 400 bad_type naming the field', async () => {
  const base = { place_id: building, category: 'other', title: '类型测试' };
  const cases = [
    [{ ...base, title: 5 }, 'title'],
    [{ ...base, place_id: 'x' }, 'place_id'],
    [{ ...base, place_id: String(building) }, 'place_id'],
    [{ ...base, place_id: -1 }, 'place_id'],
    [{ ...base, place_id: 1.5 }, 'place_id'],
    [{ ...base, place_id: true }, 'place_id'],
    [{ ...base, category: ['other'] }, 'category'],
    [{ ...base, body: { text: 'x' } }, 'body'],
  ];
  for (const [body, field] of cases) {
    const r = await res.post('/api/v1/matters', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.code, 'bad_type');
    assert.equal(r.json.error.field, field, JSON.stringify(body));
  }
  const nul = await res.post('/api/v1/matters', { ...base, title: 'a\u0000b' });
  assert.equal(nul.status, 400, 'a NUL inside a string');
  const big = await res.post('/api/v1/matters', `{"place_id":1e30,"category":"other","title":"x"}`);
  assert.equal(big.status, 400);
  assert.equal(big.json.error.field, 'place_id');
  const tr = await res.post('/api/v1/matters/1/transitions', { to: 7 });
  assert.equal(tr.status, 400);
  assert.equal(tr.json.error.field, 'to');
  const staff = h.client();
  await staff.signIn(PHONES.staff);
  const dec = await staff.post('/api/v1/claims/1/decision', { approve: 'yes' });
  assert.equal(dec.status, 400);
  assert.equal(dec.json.error.field, 'approve');
  const ph = await staff.post('/api/v1/people/1/phone', { reason: 42 });
  assert.equal(ph.status, 400);
  assert.equal(ph.json.error.field, 'reason');
  assert.equal(await total(), total0);
});

test('JSON that is not an object → 400: an array, a scalar, null, truncated, duplicate keys, too deep', async () => {
  const bodies = ['[1,2]', `[{"place_id":${building},"category":"other","title":"x"}]`, '5', '"x"', 'null', 'true',
    '{"title":', '{"title":"x",}', `{"title":"x","title":"y","place_id":${building},"category":"other"}`,
    '['.repeat(50000), '{"a":'.repeat(10000)];
  for (const b of bodies) {
    const r = await res.post('/api/v1/matters', b);
    assert.equal(r.status, 400, b.slice(0, 40));
    assert.ok(['bad_body', 'json_required'].includes(r.json.error.code), b.slice(0, 40));
  }
  const empty = await res.req('POST', '/api/v1/matters', { body: '', type: 'application/json' });
  assert.equal(empty.status, 400);
  assert.equal(empty.json.error.code, 'json_required');
  assert.equal(await total(), total0);
  assert.equal((await h.client().get('/healthz')).status, 200);
});

test('a form body on any JSON route is refused before its handler (400 json_required), and nothing is written', async () => {
  const routes = routeTable().filter((r) => r.flags.has('api') && r.flags.has('csrf') && !r.flags.has('upload'));
  assert.ok(routes.length > 30, `${routes.length} routes`);
  for (const rt of routes) {
    const p = rt.pattern.replace(/\{[a-z_]+\}/g, '1');
    const r = await admin.req(rt.method, p, { body: 'a=1', type: 'application/x-www-form-urlencoded' });
    assert.deepEqual([r.status, r.json?.error?.code], [400, 'json_required'], `${rt.method} ${rt.pattern}`);
  }
  // the case the review found: closing a vote took a form body and closed it
  const staff = h.client();
  await staff.signIn(PHONES.staff);
  const v = await staff.post('/api/v1/votes', {
    place_id: building, title: '表单关闭', method: 'yes_no_abstain', mode: 'online', rule: { preset: 'simple_majority' },
    closes_at: Math.floor(Date.now() / 1000) + 86400,
  });
  assert.equal(v.status, 201, v.text);
  const c = await staff.req('POST', `/api/v1/votes/${v.json.id}/close`, { body: 'a=1', type: 'application/x-www-form-urlencoded' });
  assert.deepEqual([c.status, c.json.error.code], [400, 'json_required']);
  assert.equal((await staff.get(`/api/v1/votes/${v.json.id}`)).json.status, 'open', 'still open');
  assert.equal((await staff.post(`/api/v1/votes/${v.json.id}/cancel`, {})).status, 200);
  assert.equal(await total(), total0);
});

test('an unsupported content type → 415', async () => {
  const body = JSON.stringify({ place_id: building, category: 'other', title: '内容类型' });
  for (const type of ['text/plain', 'application/xml', 'text/json', 'image/png', 'application/octet-stream']) {
    const r = await res.req('POST', '/api/v1/matters', { body, type });
    assert.equal(r.status, 415, type);
    assert.equal(r.json.error.code, 'unsupported_media_type');
  }
  const none = await res.req('POST', '/api/v1/matters', { body: Buffer.from(body) });
  assert.equal(none.status, 415, 'no content type at all');
  const html = await res.req('POST', '/matters', { body: `_csrf=${res.csrfToken}`, type: 'text/plain' });
  assert.equal(html.status, 415);
  // the right type with parameters is fine
  const ok = await res.req('POST', '/api/v1/matters', { body: JSON.stringify({ title: 5 }), type: 'application/json; charset=utf-8' });
  assert.equal(ok.status, 400, 'parsed as JSON');
  assert.equal(await total(), total0);
});

test('a malformed query → 400 bad_query', async () => {
  for (const q of ['limit=abc', 'limit=1e3', 'limit=', 'offset=-1', 'offset=x', 'limit=99999999999999999999', 'place_id=x',
    'place_id=-3', 'followed=maybe', 'a=%zz']) {
    const r = await res.get(`/api/v1/matters?${q}`);
    if (q === 'limit=') {
      assert.equal(r.status, 200, 'an empty value means the default');
      continue;
    }
    assert.equal(r.status, 400, q);
    assert.equal(r.json.error.code, 'bad_query', q);
  }
  for (const p of ['/api/v1/places/3/children?limit=x', '/api/v1/communities/3/claims?offset=-5', '/api/v1/registration?building=x&key=y']) {
    const r = await admin.get(p);
    assert.equal(r.status, 400, p);
  }
  const many = await res.get(`/api/v1/matters?${'a=1&'.repeat(3000)}`);
  assert.equal(many.status, 400, 'too many query fields');
});

test('another community\'s ids → 404, as if they did not exist', async () => {
  const gets = [`/api/v1/matters/${foreign.matter}`, `/api/v1/places/${foreign.community}`, `/api/v1/places/${foreign.grid}/children`,
    `/api/v1/places/${foreign.building}/people`, `/api/v1/communities/${foreign.community}/coverage`,
    `/api/v1/communities/${foreign.community}/claims`, `/api/v1/matters?place_id=${foreign.community}`];
  for (const p of gets) {
    const r = await res.get(p);
    const none = await res.get(p.replace(/\d+/, '999999'));
    assert.equal(r.status, 404, p);
    assert.deepEqual(r.json, none.json, `${p}: the same answer as for an id that does not exist`);
  }
  const writes = [
    ['POST', `/api/v1/matters/${foreign.matter}/transitions`, { to: 'managing' }],
    ['PUT', `/api/v1/matters/${foreign.matter}/follow`, undefined],
    ['DELETE', `/api/v1/matters/${foreign.matter}/follow`, undefined],
    ['POST', '/api/v1/matters', { place_id: foreign.building, category: 'other', title: '跨社区' }],
  ];
  for (const [m, p, body] of writes) {
    const r = await res.req(m, p, body === undefined ? {} : { json: body });
    assert.equal(r.status, 404, `${m} ${p}`);
  }
  const fm = await admin.get(`/api/v1/matters/${foreign.matter}`);
  assert.equal(fm.json.timeline.at(-1).to, fm.json.stage, 'unchanged');
  assert.equal(await total(), total0);
});

test('non-numeric or impossible ids → 404', async () => {
  for (const id of ['abc', '1abc', '-1', '0', '0x1', '1.0', '99999999999999999999', '999999999999999', '%20', '1%20']) {
    for (const p of [`/api/v1/matters/${id}`, `/api/v1/places/${id}`, `/api/v1/places/${id}/children`]) {
      const r = await res.get(p);
      assert.equal(r.status, 404, p);
      assert.equal(r.json.error.code, 'not_found', p);
    }
    const put = await res.put(`/api/v1/matters/${id}/follow`);
    assert.equal(put.status, 404, `PUT follow ${id}`);
    const tr = await res.post(`/api/v1/matters/${id}/transitions`, { to: 'withdrawn', reason: 'x' });
    assert.equal(tr.status, 404, `transition ${id}`);
  }
  const page = await res.get('/matters/abc');
  assert.equal(page.status, 404);
  assert.match(page.headers.get('content-type'), /^text\/html/);
});

test('after all of it: nothing was written and the server still serves', async () => {
  assert.equal(await total(), total0);
  const r = await res.get('/api/v1/matters?limit=100');
  assert.equal(r.status, 200);
  assert.ok(!r.json.items.some((m) => /超大正文|类型测试|内容类型|跨社区/.test(m.title)));
  assert.equal((await res.get('/api/v1/me')).status, 200);
});
