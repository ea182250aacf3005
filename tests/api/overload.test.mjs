// Overload and slow clients: a thousand slowloris connections (headers sent
// a line at a time, never finished) and slow bodies do not stop other
// people's requests; past --max-connections a new connection is refused at
// once with a 503; a stalled request is cut off by the header timeout and
// its connection freed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { useServer, raw, rawStatus, sleep, Client, PHONES } from './helpers.mjs';

const SLOW = 1000;
const LIMIT = SLOW + 60;
const h = useServer({ extraArgs: ['--max-connections', String(LIMIT), '--header-timeout-ms', '4000'] });

/* Opens n connections that each send a request line and then one header
 * line every `every` ms, never the blank line that ends the headers. */
async function slowloris(port, n, every = 500) {
  const socks = [];
  const open = () => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.write('GET /matters HTTP/1.1\r\nHost: x\r\n');
      resolve(s);
    });
    s.on('error', () => resolve(s));
  });
  for (let i = 0; i < n; i += 100) socks.push(...await Promise.all(Array.from({ length: Math.min(100, n - i) }, open)));
  const timer = setInterval(() => {
    for (const s of socks) if (!s.destroyed) s.write(`X-Slow-${Math.random().toString(36).slice(2, 6)}: 1\r\n`);
  }, every);
  return {
    socks,
    alive: () => socks.filter((s) => !s.destroyed && s.readyState === 'open').length,
    close() { clearInterval(timer); for (const s of socks) s.destroy(); },
  };
}

async function openConnections(url) {
  const m = await (await fetch(`${url}/metrics`, { headers: { connection: 'close' } })).text();
  return Number(/^wugong_http_open_connections (\d+)$/m.exec(m)[1]);
}

let loris;
before(async () => { await h.ready; });
after(() => loris?.close());

test(`with ${SLOW} slowloris connections open, other requests are still served`, async () => {
  loris = await slowloris(h.port, SLOW);
  await sleep(300);
  assert.equal(loris.alive(), SLOW, 'all slow connections are open');
  assert.ok(await openConnections(h.url) >= SLOW, 'the server holds them');
  // a resident signs in and reads pages and the API, each on a new connection
  const c = new Client(h.url, 'probe');
  await c.signIn(PHONES.resident);
  for (let i = 0; i < 20; i++) {
    const r = await c.get(i % 2 ? '/api/v1/matters' : '/matters', { headers: { connection: 'close' } });
    assert.equal(r.status, 200);
  }
  const health = await raw(h.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(rawStatus(health.data), 200);
});

test('slow bodies: a POST that dribbles its body does not block others', async () => {
  const slowBodies = await Promise.all(Array.from({ length: 20 }, () => new Promise((resolve) => {
    const s = net.connect(h.port, '127.0.0.1', () => {
      s.write('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"pho');
      resolve(s);
    });
    s.on('error', () => resolve(s));
  })));
  try {
    const r = await raw(h.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(rawStatus(r.data), 200);
  } finally {
    for (const s of slowBodies) s.destroy();
  }
});

test('past --max-connections a new connection gets a 503 at once, not a hang', async () => {
  // fill the remaining places with more slow connections
  const more = await slowloris(h.port, LIMIT - SLOW, 500);
  try {
    await sleep(300);
    const x = await raw(h.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', { timeout: 3000 });
    assert.ok(!x.timedOut, 'refused, not left hanging');
    assert.equal(rawStatus(x.data), 503);
  } finally {
    more.close();
  }
});

test('the header timeout cuts stalled requests off and frees their connections', async () => {
  // the slowloris connections keep sending header lines, but the headers
  // must be complete within --header-timeout-ms (4 s) of the first byte
  const deadline = Date.now() + 15000;
  while (loris.alive() > 0 && Date.now() < deadline) await sleep(250);
  assert.equal(loris.alive(), 0, 'every slowloris connection was closed by the server');
  const health = await raw(h.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(rawStatus(health.data), 200);
  assert.ok(await openConnections(h.url) < 50, 'their places are free again');
});
