// Health, metrics, security headers, 404/405/HEAD, static files and the
// graceful shutdown on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, Client, PHONES, RawConn, rawResponses, dropIdleFetchConnections, stopServer,
  assertNoSanitizerReport, sleep,
} from './helpers.mjs';

const h = useServer();

/* Parses Prometheus text: [{name, labels, value}] plus the TYPE lines. */
function parseProm(text) {
  const samples = [];
  const types = {};
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
      assert.ok(m, `malformed comment line: ${line}`);
      if (m[1] === 'TYPE') types[m[2]] = m[3];
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `malformed sample line: ${JSON.stringify(line)}`);
    const labels = {};
    if (m[2]) {
      const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/gy;
      let lm;
      let consumed = 0;
      while ((lm = re.exec(m[2])) !== null) {
        labels[lm[1]] = lm[2];
        consumed = re.lastIndex;
        if (lm[3] === '') break;
      }
      assert.equal(consumed, m[2].length, `malformed labels: ${line}`);
    }
    const value = m[3] === '+Inf' ? Infinity : Number(m[3]);
    assert.ok(!Number.isNaN(value), `not a number: ${line}`);
    samples.push({ name: m[1], labels, value });
  }
  return { samples, types };
}

function sample(prom, name, labels = {}) {
  const s = prom.samples.find((x) => x.name === name &&
    Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  return s ? s.value : undefined;
}

async function metrics(c) {
  const r = await c.get('/metrics');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain/);
  return parseProm(r.text);
}

test('GET /healthz answers 200 {"status":"ok"} with the job runner\'s clock and due work', async () => {
  const r = await h.client().get('/healthz');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.json.status, 'ok');
  assert.deepEqual(Object.keys(r.json.jobs).sort(), ['clock', 'due']);
  assert.ok(Math.abs(r.json.jobs.clock - Date.now() / 1000) < 120 || r.json.jobs.clock === 0, 'the runner\'s clock is now');
  assert.equal(r.json.jobs.due, 0);
});

test('JSON answers carry Chinese text as UTF-8, not as \\u escapes', async () => {
  const c = new Client(h.url, 'resident');
  await c.signIn(PHONES.resident);
  const r = await c.get('/api/v1/me');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.ok(r.text.includes('赵桂兰'), r.text.slice(0, 200));
  assert.doesNotMatch(r.text, /\\u[0-9a-fA-F]{4}/);
  assert.equal(r.json.name, '赵桂兰');
});

test('/metrics is Prometheus text with the request counter, latency histogram, connections and store time', async () => {
  const c = h.client();
  const prom = await metrics(c);
  assert.equal(prom.types.wugong_http_requests_total, 'counter');
  assert.equal(prom.types.wugong_http_request_duration_seconds, 'histogram');
  assert.equal(prom.types.wugong_http_open_connections, 'gauge');
  assert.equal(prom.types.wugong_db_seconds_total, 'counter');
  // the health checks of the start-up are there, with route and status labels
  const health = sample(prom, 'wugong_http_requests_total', { route: 'GET /healthz', status: '200' });
  assert.ok(health >= 1, 'GET /healthz 200 counted');
  for (const s of prom.samples.filter((x) => x.name === 'wugong_http_requests_total')) {
    assert.ok('route' in s.labels && 'status' in s.labels, `labels of ${JSON.stringify(s)}`);
    assert.match(s.labels.status, /^[1-5]\d\d$/);
  }
  // histogram: cumulative buckets ending in +Inf, which equals _count
  const buckets = prom.samples.filter((x) => x.name === 'wugong_http_request_duration_seconds_bucket');
  assert.ok(buckets.length >= 2);
  const les = buckets.map((b) => b.labels.le);
  assert.equal(les.at(-1), '+Inf');
  for (let i = 1; i < buckets.length; i++) {
    assert.ok(Number(les[i]) > Number(les[i - 1]) || les[i] === '+Inf', `le order ${les}`);
    assert.ok(buckets[i].value >= buckets[i - 1].value, 'buckets are cumulative');
  }
  const count = sample(prom, 'wugong_http_request_duration_seconds_count');
  assert.equal(buckets.at(-1).value, count);
  assert.ok(sample(prom, 'wugong_http_request_duration_seconds_sum') >= 0);
  assert.ok(sample(prom, 'wugong_http_open_connections') >= 1, 'this connection is open');
  assert.ok(sample(prom, 'wugong_db_seconds_total') >= 0);
});

test('/metrics counts go up after requests', async () => {
  const c = h.client();
  const before = await metrics(c);
  for (let i = 0; i < 3; i++) assert.equal((await c.get('/healthz')).status, 200);
  assert.equal((await c.get('/api/v1/nope')).status, 404);
  await c.signIn(PHONES.resident); // csrf + session: store work
  const after = await metrics(c);
  const hz = (p) => sample(p, 'wugong_http_requests_total', { route: 'GET /healthz', status: '200' }) ?? 0;
  assert.equal(hz(after) - hz(before), 3);
  const signins = (p) => sample(p, 'wugong_http_requests_total', { route: 'POST /api/v1/session', status: '201' }) ?? 0;
  assert.equal(signins(after) - signins(before), 1);
  // requests that matched no route count under route="unmatched" (docs/api.md)
  const unmatched404 = (p) => sample(p, 'wugong_http_requests_total', { route: 'unmatched', status: '404' }) ?? 0;
  assert.equal(unmatched404(after) - unmatched404(before), 1, 'the unknown route is counted as 404');
  const cnt = (p) => sample(p, 'wugong_http_request_duration_seconds_count');
  // 3 health checks, the 404, csrf, sign-in and the first /metrics itself
  assert.equal(cnt(after) - cnt(before), 7);
  assert.ok(sample(after, 'wugong_db_seconds_total') > sample(before, 'wugong_db_seconds_total'),
    'a sign-in spends time in the store');
});

function assertSecurityHeaders(r, what) {
  const csp = r.headers.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy present`);
  assert.doesNotMatch(csp, /unsafe-inline/, `${what}: CSP without 'unsafe-inline'`);
  assert.doesNotMatch(csp, /unsafe-eval/, `${what}: CSP without 'unsafe-eval'`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: frame-ancestors 'none'`);
  assert.match(csp, /(default-src|script-src) 'self'/, `${what}: scripts restricted to 'self'`);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  const rp = r.headers.get('referrer-policy');
  assert.ok(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(rp),
    `${what}: Referrer-Policy ${rp}`);
}

test('security headers on every kind of response', async () => {
  const anon = h.client();
  const res = h.client();
  await res.signIn(PHONES.resident);
  const cases = [
    [anon, 'GET', '/healthz', 200],
    [anon, 'GET', '/metrics', 200],
    [anon, 'GET', '/static/app.css', 200],
    [anon, 'GET', '/', 200],
    [anon, 'GET', '/signin', 200],
    [anon, 'GET', '/api/v1/meta', 200],
    [anon, 'GET', '/api/v1/me', 401],
    [anon, 'GET', '/matters', 303],
    [anon, 'GET', '/no/such/page', 404],
    [anon, 'GET', '/api/v1/no/such', 404],
    [anon, 'GET', '/signout', 303],
    [anon, 'POST', '/healthz', 405],
    [anon, 'HEAD', '/healthz', 200],
    [res, 'GET', '/matters', 200],
    [res, 'GET', '/matters/1', 200],
    [res, 'GET', '/api/v1/matters/1', 200],
    [res, 'GET', '/api/v1/communities/3/coverage', 403],
  ];
  for (const [c, method, p, status] of cases) {
    const r = await c.req(method, p);
    assert.equal(r.status, status, `${method} ${p}`);
    assertSecurityHeaders(r, `${method} ${p} (${r.status})`);
  }
  const noCsrf = await res.post('/api/v1/matters', { title: 'x' }, { csrf: false });
  assert.equal(noCsrf.status, 403);
  assertSecurityHeaders(noCsrf, 'POST without CSRF');
  const bad = await res.req('POST', '/api/v1/matters', { body: 'x', type: 'text/plain' });
  assert.equal(bad.status, 415);
  assertSecurityHeaders(bad, '415');
});

test('an unknown route is a 404: JSON under /api/, an HTML page elsewhere', async () => {
  const c = h.client();
  for (const p of ['/api/v1/nope', '/api/v2/matters', '/api/', '/api/v1/matters/1/nope']) {
    const r = await c.get(p);
    assert.equal(r.status, 404, p);
    assert.match(r.headers.get('content-type'), /^application\/json/, p);
    assert.equal(r.json.error.code, 'not_found', p);
    assert.equal(typeof r.json.error.message, 'string');
  }
  for (const p of ['/nope', '/matters/1/nope', '/static', '/static/nope.css', '/static/..%2Fmain.c']) {
    const r = await c.get(p);
    assert.equal(r.status, 404, p);
    assert.match(r.headers.get('content-type'), /^text\/html/, p);
    assert.match(r.text, /^<!doctype html>/i, p);
    assert.doesNotMatch(r.text, /"error":/, p);
  }
});

test('a known route with the wrong method is a 405', async () => {
  const c = h.client();
  await c.csrf();
  // each with the Allow header a client needs (RFC 9110 15.5.6)
  const cases = [
    ['POST', '/healthz', 'GET, HEAD'],
    ['DELETE', '/matters/1', 'GET, HEAD'],
    ['DELETE', '/api/v1/matters', 'GET, HEAD, POST'],
    ['PUT', '/api/v1/me', 'GET, HEAD'],
    ['GET', '/api/v1/session', 'POST, DELETE'],
    ['PATCH', '/api/v1/matters/1', 'GET, HEAD'],
    ['GET', '/api/v1/matters/1/transitions', 'POST'],
  ];
  for (const [m, p, allow] of cases) {
    const r = await c.req(m, p);
    assert.equal(r.status, 405, `${m} ${p}`);
    assert.equal(r.headers.get('allow'), allow, `Allow of ${p}`);
    if (p.startsWith('/api/')) assert.equal(r.json.error.code, 'method_not_allowed');
  }
});

test('HEAD answers like GET without a body', async () => {
  const c = h.client();
  for (const p of ['/healthz', '/api/v1/meta', '/static/app.css', '/signin']) {
    const g = await c.get(p);
    const hd = await c.head(p);
    assert.equal(hd.status, 200, `HEAD ${p}`);
    assert.equal(hd.buf.length, 0, `HEAD ${p} has no body`);
    assert.equal(hd.headers.get('content-type'), g.headers.get('content-type'));
    if (hd.headers.get('content-length') !== null)
      assert.equal(Number(hd.headers.get('content-length')), g.buf.length);
  }
  const r = await c.head('/api/v1/me');
  assert.equal(r.status, 401);
});

test('/static/app.css is served as CSS; other names are not', async () => {
  const c = h.client();
  const r = await c.get('/static/app.css');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/css/);
  assert.ok(r.buf.length > 100);
  assert.match(r.text, /[a-z-]+\s*\{[^}]*:[^}]*\}/, 'looks like CSS');
  // the pages link it
  const page = await c.get('/signin');
  assert.match(page.text, /href="\/static\/app\.css"/);
  for (const p of ['/static/app.css.bak', '/static/%2e%2e%2fapp.css', '/static/.%2Fapp.css']) {
    const x = await c.get(p);
    assert.equal(x.status, 404, p);
  }
});

test('error messages speak the visitor\'s language (cookie, then Accept-Language); codes do not change', async () => {
  const c = h.client();
  const cases = [
    [{ 'accept-language': 'en-GB,en;q=0.9' }, 'en'],
    [{ 'accept-language': 'zh-TW' }, 'zh-Hant'],
    [{ 'accept-language': 'fr, en;q=0.5' }, 'en'],
    [{ 'accept-language': 'de' }, 'zh-Hans'],
    [{}, 'zh-Hans'],
    [{ 'accept-language': 'zh-CN', cookie: 'wg_lang=en' }, 'en'],
    [{ 'accept-language': 'en', cookie: 'wg_lang=zh-Hant' }, 'zh-Hant'],
  ];
  const msgs = {};
  for (const [headers, lang] of cases) {
    const meta = await c.get('/api/v1/meta', { headers, cookies: false });
    assert.equal(meta.json.lang, lang, JSON.stringify(headers));
    for (const [p, method, status, code] of [['/api/v1/nope', 'GET', 404, 'not_found'], ['/api/v1/me', 'GET', 401, 'signin_required'],
      ['/api/v1/me', 'PUT', 405, 'method_not_allowed']]) {
      const r = await c.req(method, p, { headers, cookies: false });
      assert.equal(r.status, status);
      assert.equal(r.json.error.code, code, 'the code is the same in every language');
      msgs[`${lang} ${code}`] ??= r.json.error.message;
      assert.equal(r.json.error.message, msgs[`${lang} ${code}`], `${lang} ${code}: one message per language`);
    }
  }
  assert.equal(msgs['en not_found'], 'Not found.');
  assert.equal(msgs['en signin_required'], 'Sign in first.');
  assert.equal(msgs['zh-Hans not_found'], '找不到您要的内容。');
  assert.equal(msgs['zh-Hant not_found'], '找不到您要的內容。');
  assert.notEqual(msgs['en method_not_allowed'], msgs['zh-Hans method_not_allowed']);
  const big = await c.req('GET', '/api/v1/meta', { headers: { 'accept-language': 'en', 'x-pad': 'p'.repeat(20 * 1024) }, cookies: false });
  assert.equal(big.status, 431, 'request headers over 16 KiB');
  assert.equal(big.json.error.code, 'headers_too_large');
  assert.equal(big.json.error.message, 'The request headers are too large.');
});

/* ---- graceful shutdown: the last tests of this file ---- */

const shutdown = {};

test('SIGTERM: an in-flight keep-alive request gets its response and the process exits 0', async () => {
  const c = h.client();
  await c.signIn(PHONES.resident);
  const me = await c.get('/api/v1/me');
  const building = me.json.places[0].line.find((p) => p.kind === 'building');
  const created = await c.post('/api/v1/matters', {
    place_id: building.id,
    category: 'other',
    title: '停机前提交的事项',
    body: 'written before the SIGTERM',
  });
  assert.equal(created.status, 201, created.text);
  shutdown.matterId = created.json.id;
  shutdown.client = c;
  // someone else's matter she does not follow yet
  const other = (await c.get('/api/v1/matters?limit=100')).json.items.find((m) => m.author.id !== me.json.id);
  assert.equal((await c.get(`/api/v1/matters/${other.id}`)).json.following, false);
  shutdown.followId = other.id;
  await dropIdleFetchConnections();

  // an idle keep-alive connection, and one whose request is under way: its
  // headers are in, its body comes after the signal
  const idle = await RawConn.open(h.port);
  await idle.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
  assert.ok(await idle.until((d) => rawResponses(d).length === 1), 'first response on the idle connection');
  const busy = await RawConn.open(h.port);
  await busy.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
  assert.ok(await busy.until((d) => rawResponses(d).length === 1));
  const body = '{"follow":true}';
  await busy.write(`PUT /api/v1/matters/${other.id}/follow HTTP/1.1\r\nHost: t\r\nCookie: ${c.cookieHeader()}\r\n` +
    `X-CSRF-Token: ${c.csrfToken}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
  await sleep(50);

  const t0 = Date.now();
  h.srv.proc.kill('SIGTERM');
  await sleep(300);
  await busy.write(body); // the request completes after the signal
  assert.ok(await busy.until((d) => rawResponses(d).length === 2, 8000), `second response: ${busy.data.slice(-300)}`);
  const second = rawResponses(busy.data)[1];
  assert.equal(second.status, 200, second.body);
  assert.deepEqual(JSON.parse(second.body).following, true);
  const tResp = Date.now();
  shutdown.busyConnection = second.headers.connection;
  await busy.closed;
  shutdown.busyClosedMs = Date.now() - tResp;

  const ex = await stopServer(h.srv);
  shutdown.exitMs = Date.now() - t0;
  idle.destroy();
  assertNoSanitizerReport(h.srv);
  assert.deepEqual(ex, { code: 0, signal: null }, h.srv.stderr);
});

test('SIGTERM: keep-alive connections do not hold up the shutdown', () => {
  assert.ok(shutdown.exitMs !== undefined, 'the shutdown test ran');
  // nothing was in flight 0.3 s after the signal: waiting out the whole grace
  // period for idle connections delays every restart and deploy, and a
  // connection drained during the shutdown must not be offered for reuse
  const problems = [];
  if (shutdown.exitMs >= 2500) problems.push(`the process exited ${shutdown.exitMs} ms after SIGTERM with one idle keep-alive connection open`);
  if (shutdown.busyConnection !== 'close' && shutdown.busyClosedMs >= 1000)
    problems.push(`the response to the in-flight request said "Connection: ${shutdown.busyConnection}" and the connection stayed open ${shutdown.busyClosedMs} ms`);
  assert.deepEqual(problems, []);
});

test('after the shutdown the database opens again: a restart serves the same data and sessions', async () => {
  const srv2 = await h.start(h.db);
  const c = new Client(srv2.url);
  c.jar = new Map(shutdown.client.jar);
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200, 'the session survives the restart');
  const m = await c.get(`/api/v1/matters/${shutdown.matterId}`);
  assert.equal(m.status, 200);
  assert.equal(m.json.title, '停机前提交的事项');
  const f = await c.get(`/api/v1/matters/${shutdown.followId}`);
  assert.equal(f.json.following, true, 'the write answered during the shutdown was committed');
  assert.equal((await c.get('/healthz')).status, 200);
});
