// HTTP/1 message framing (RFC 9112 3.2, 6.1-6.3): requests whose length or
// Host is ambiguous get a 400 and their connection is closed, so bytes after
// them (a smuggled request) are never answered. Exact bytes over raw sockets.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, raw, rawResponses, RawConn } from './helpers.mjs';

const h = useServer();

before(async () => {
  await h.ready;
});

const SMUGGLED = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';

/* Sends bytes on a fresh connection; asserts exactly one answer, a 400 that
 * says "connection: close", and that the server closed the socket. */
async function assertRefused(bytes, what) {
  const x = await raw(h.port, Buffer.from(bytes, 'latin1'), { timeout: 4000 });
  assert.ok(!x.timedOut, `${what}: the server closes the connection (no hang)`);
  assert.ok(x.closed, `${what}: closed`);
  const rs = rawResponses(x.data);
  assert.equal(rs.length, 1, `${what}: exactly one response, got ${JSON.stringify(x.data.slice(0, 300))}`);
  assert.equal(rs[0].status, 400, `${what}: ${JSON.stringify(x.data.slice(0, 80))}`);
  assert.equal(rs[0].headers.connection, 'close', `${what}: connection: close`);
  return rs[0];
}

/* /metrics' count of unmatched 400 answers. */
async function unmatched400() {
  const r = await h.client().get('/metrics');
  assert.equal(r.status, 200);
  const m = /^wugong_http_requests_total\{route="unmatched",status="400"\} (\d+)$/m.exec(r.text);
  return m ? Number(m[1]) : 0;
}

test('Content-Length with Transfer-Encoding → one 400, closed; the smuggled request is not answered', async () => {
  // the body "0\r\n\r\n" ends a chunked body: read as chunked, the GET after
  // it used to be answered as a second request
  await assertRefused(
    `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`,
    'CL then TE');
  await assertRefused(
    `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n${SMUGGLED}`,
    'TE then CL');
  // a Content-Length that covers the smuggled request: one request to a
  // proxy in front that frames by Content-Length, two to one that frames by chunked
  await assertRefused(
    `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${5 + SMUGGLED.length}\r\nTransfer-Encoding: chunked\r\n\r\n`
    + `0\r\n\r\n${SMUGGLED}`,
    'CL covering the smuggled request');
  // two Transfer-Encoding lines: h2o reads the last only
  await assertRefused(
    `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`,
    'two Transfer-Encoding lines');
});

test('the 400 speaks the route style: JSON under /api/, HTML elsewhere', async () => {
  const api = await assertRefused(
    `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${SMUGGLED}`,
    'API path');
  assert.match(api.headers['content-type'], /^application\/json/);
  assert.equal(JSON.parse(api.body).error.code, 'bad_request');
  const page = await assertRefused('GET /matters HTTP/1.1\r\n\r\n', 'page without Host');
  assert.match(page.headers['content-type'], /^text\/html/);
  assert.match(page.body, /<html/);
});

test('two Content-Length headers → one 400, closed: differing values, identical values, a list value', async () => {
  await assertRefused(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!${SMUGGLED}`,
    'CL 5 and CL 6');
  await assertRefused(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nContent-Length: 5\r\n\r\nhello!${SMUGGLED}`,
    'CL 6 and CL 5');
  // identical repeats are refused too (h2o frames by the first line only)
  await assertRefused(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\nhello${SMUGGLED}`,
    'CL 5 twice');
  // a list in one line: h2o itself refuses it (a plain-text 400) and closes
  await assertRefused(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 6\r\n\r\nhello!${SMUGGLED}`, 'CL "5, 6"');
  await assertRefused(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\nhello${SMUGGLED}`, 'CL "5, 5"');
});

test('HTTP/1.1 without Host, or any request with two Host headers → one 400, closed', async () => {
  await assertRefused(`GET /healthz HTTP/1.1\r\n\r\n${SMUGGLED}`, 'HTTP/1.1 without Host');
  await assertRefused(`GET /api/v1/meta HTTP/1.1\r\nAccept: */*\r\n\r\n${SMUGGLED}`, 'API, HTTP/1.1 without Host');
  await assertRefused(`GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n${SMUGGLED}`, 'two Host headers');
  await assertRefused(`GET /healthz HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n${SMUGGLED}`, 'the same Host twice');
  await assertRefused(`GET /healthz HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n`, 'HTTP/1.0 with two Host headers');
  // a folded line is a continuation of the header before it, not a Host
  await assertRefused(`GET /healthz HTTP/1.1\r\nX-A: 1\r\n Host: x\r\n\r\n${SMUGGLED}`, 'Host only in a folded line');
});

test('HTTP/1.0 without Host is still served', async () => {
  const x = await raw(h.port, 'GET /healthz HTTP/1.0\r\n\r\n', { timeout: 4000 });
  const rs = rawResponses(x.data);
  assert.equal(rs.length, 1);
  assert.equal(rs[0].status, 200);
  assert.equal(JSON.parse(rs[0].body).status, 'ok');
  // and kept alive when it asks to be
  const c = await RawConn.open(h.port);
  try {
    await c.write('GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n');
    assert.ok(await c.until((d) => rawResponses(d).length === 1));
    await c.write('GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n');
    assert.ok(await c.until((d) => rawResponses(d).length === 2), 'a second request on the same connection');
    assert.deepEqual(rawResponses(c.data).map((r) => r.status), [200, 200]);
    assert.equal(c.isClosed, false);
  } finally {
    c.destroy();
  }
});

test('HTTP/1.0 with Transfer-Encoding is answered, then its connection is closed', async () => {
  const x = await raw(h.port,
    'POST /healthz HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'
    + 'GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n', { timeout: 4000 });
  assert.ok(x.closed && !x.timedOut, 'closed');
  const rs = rawResponses(x.data);
  assert.deepEqual(rs.map((r) => r.status), [405], 'one answer, and not a 400');
});

test('keep-alive: two requests on one socket get two 200s and the connection stays open', async () => {
  const c = await RawConn.open(h.port);
  try {
    await c.write(SMUGGLED);
    assert.ok(await c.until((d) => rawResponses(d).length === 1), 'first answer');
    await c.write('GET /api/v1/meta HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.ok(await c.until((d) => rawResponses(d).length === 2), 'second answer');
    // pipelined, in one write
    await c.write(SMUGGLED + SMUGGLED);
    assert.ok(await c.until((d) => rawResponses(d).length === 4), 'two pipelined answers');
    const rs = rawResponses(c.data);
    assert.deepEqual(rs.map((r) => r.status), [200, 200, 200, 200]);
    assert.ok(rs.every((r) => r.headers.connection === 'keep-alive'));
    assert.equal(c.isClosed, false, 'still open');
  } finally {
    c.destroy();
  }
});

test('a body framed by Content-Length alone or by chunked alone keeps the connection', async () => {
  const c = await RawConn.open(h.port);
  try {
    // POST /healthz is a 405 (the body is read and dropped); the next request is served
    await c.write('POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello');
    await c.write('POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
    await c.write(SMUGGLED);
    assert.ok(await c.until((d) => rawResponses(d).length === 3), `three answers: ${JSON.stringify(c.data.slice(0, 200))}`);
    assert.deepEqual(rawResponses(c.data).map((r) => r.status), [405, 405, 200]);
    assert.equal(c.isClosed, false, 'still open');
  } finally {
    c.destroy();
  }
});

test('an "Upgrade: h2c" request is answered over HTTP/1.1 and checked like any other', async () => {
  const up = 'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n';
  await assertRefused(`GET /healthz HTTP/1.1\r\n${up}\r\n`, 'h2c upgrade without Host');
  await assertRefused(
    `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n${up}\r\n0\r\n\r\n${SMUGGLED}`,
    'h2c upgrade with CL and TE');
  const x = await raw(h.port, `GET /healthz HTTP/1.1\r\nHost: x\r\n${up}\r\n`, { timeout: 1000 });
  const rs = rawResponses(x.data);
  assert.equal(rs.length, 1);
  assert.equal(rs[0].status, 200, 'not 101 Switching Protocols');
});

test('framing refusals are counted in /metrics', async () => {
  const before0 = await unmatched400();
  await assertRefused(`GET /healthz HTTP/1.1\r\n\r\n`, 'no Host');
  await assertRefused(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    'CL and TE');
  assert.equal(await unmatched400(), before0 + 2);
});
