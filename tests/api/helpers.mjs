// Shared helpers of the black-box HTTP tests (node:test, node 20, ESM).
//
//   const srv = useServer();            // one demo server for this file
//   const alice = srv.client();         // a "browser": its own cookie jar
//   await alice.signIn('13800001201');  // POST /api/v1/session
//   const r = await alice.get('/api/v1/me');   // r.status, r.json, r.text, r.headers
//   await alice.post('/api/v1/matters', {...}); // JSON + X-CSRF-Token
//   await raw(srv.port, 'GARBAGE\r\n\r\n');     // malformed HTTP over node:net
//
// The binary comes from WG_BIN (default build/wugong). Every server's stderr
// is collected: a sanitizer report in it ("ERROR: AddressSanitizer", "runtime
// error:", "LeakSanitizer") fails the file's `after` hook and is printed.
// LeakSanitizer gets the project's suppressions (tests/lsan.supp) unless
// LSAN_OPTIONS already names some, as in scripts/check.sh.
//
// node 20 runs a file's top-level before() hooks concurrently: a file's own
// before() must start with `await srv.ready`.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.resolve(ROOT, process.env.WG_BIN || 'build/wugong');
export const PASSWORD = 'wugong2026';

/* Demo people (the people module's demo data, src/mod/people/people_demo.c). */
export const PHONES = {
  street: '13800000001',
  staff: '13800001001',
  staff2: '13800001002',
  grid: '13800001101',
  grid2: '13800001102',
  resident: '13800001201',
  leader: '13800001202',
  tenant: '13800001203',
  leader2: '13800001204',
  fStaff: '13800002001',
  fGrid: '13800002101',
  fResident: '13800002201',
  pending: '13800001301',
};

const SANITIZER = /ERROR: AddressSanitizer|runtime error:|LeakSanitizer|ERROR: UndefinedBehaviorSanitizer/;

export function sanitizerReport(text) {
  return SANITIZER.test(text) ? text : null;
}

export function makeTempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'wugong-api-'));
}

/*
 * The environment of a wugong process: LeakSanitizer reads the project's
 * suppressions (tests/lsan.supp, as scripts/check.sh does) unless the caller
 * chose some. Harmless for a build without sanitizers.
 */
export function sanitizerEnv() {
  const env = { ...process.env };
  const supp = path.join(ROOT, 'tests', 'lsan.supp');
  if (!/suppressions=/.test(env.LSAN_OPTIONS ?? '') && fs.existsSync(supp))
    env.LSAN_OPTIONS = [env.LSAN_OPTIONS, `suppressions=${supp}`].filter(Boolean).join(':');
  return env;
}

/*
 * The store the suite runs on: SQLite files by default; PostgreSQL when
 * WG_PG_DIR and WG_PG_PORT name a running cluster (scripts/pg.sh start), in
 * which case every database is a new one of that cluster.
 */
export const STORE = process.env.WG_PG_DIR && process.env.WG_PG_PORT ? 'postgresql' : 'sqlite';

/* A new, empty database: a file in dir, or a fresh PostgreSQL database. */
export function newDbUrl(dir) {
  if (STORE === 'sqlite') return `sqlite:${path.join(dir, 'wugong.db')}`;
  const name = `wg_${process.pid}_${Math.random().toString(16).slice(2, 10)}`;
  return execFileSync(path.join(ROOT, 'scripts', 'pg.sh'),
    ['createdb', process.env.WG_PG_DIR, process.env.WG_PG_PORT, name], { encoding: 'utf8' }).trim();
}

/* Creates the demo database (in dir, or in the PostgreSQL cluster); resolves with its URL. */
export function makeDemoDb(dir) {
  const url = newDbUrl(dir);
  return new Promise((resolve, reject) => {
    execFile(BIN, ['demo', '--db', url], { timeout: 60000, env: sanitizerEnv() }, (err, stdout, stderr) => {
      const report = sanitizerReport(stderr);
      if (report) return reject(new Error(`sanitizer report from wugong demo:\n${report}`));
      if (err) return reject(new Error(`wugong demo failed: ${err.message}\n${stderr}`));
      resolve(url);
    });
  });
}

/*
 * The server's route table, as `wugong routes` prints it (every module's
 * rows): [{method, pattern, flags: Set, body, module}].
 */
export function routeTable() {
  const out = execFileSync(BIN, ['routes'], { encoding: 'utf8', env: sanitizerEnv() });
  const rows = out.trim().split('\n').map((l) => {
    const [method, pattern, flags, body, module] = l.split('\t');
    return { method, pattern, flags: new Set(flags === '-' ? [] : flags.split(',')), body: Number(body), module };
  });
  assert.ok(rows.length > 20, 'read the route table');
  return rows;
}

/* A port nobody listens on right now: bind port 0, read it, release it. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export { sleep };

/*
 * Resolves once the server's job runner has run at (or after) the clock
 * now + offset seconds and left nothing due: what was due by then has
 * happened (a vote closed, a reminder sent). GET /healthz reports the
 * runner's last clock and what it left due.
 */
export async function settle(url, offset = 0, timeoutMs = 20000) {
  const target = Math.floor(Date.now() / 1000) + offset;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await fetch(`${url}/healthz`);
    const j = await r.json();
    if (j.jobs && j.jobs.clock >= target && j.jobs.due === 0) return j;
    if (Date.now() > deadline) throw new Error(`the jobs did not settle at ${target}: ${JSON.stringify(j)}`);
    await sleep(20);
  }
}

/* Starts `wugong serve` on db; resolves once GET /healthz answers 200. Due
 * work is looked for every 100 ms (the default is a second). */
export async function startServer(db, { threads = 2, extraArgs = [] } = {}) {
  // A Promise here once made a database file named "[object Promise]".
  if (typeof db !== 'string') throw new TypeError(`startServer: db must be a URL string, not ${typeof db}`);
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--quiet', '--threads', String(threads),
    '--jobs-interval-ms', '100', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: sanitizerEnv(),
  });
  const srv = {
    port,
    url: `http://127.0.0.1:${port}`,
    proc,
    stdout: '',
    stderr: '',
    exit: null,
  };
  proc.stdout.setEncoding('utf8');
  proc.stderr.setEncoding('utf8');
  proc.stdout.on('data', (d) => { srv.stdout += d; });
  proc.stderr.on('data', (d) => { srv.stderr += d; });
  srv.exited = new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      srv.exit = { code, signal };
      resolve(srv.exit);
    });
  });
  const deadline = Date.now() + 30000;
  for (;;) {
    if (srv.exit) throw new Error(`wugong serve exited early (${JSON.stringify(srv.exit)}):\n${srv.stderr}`);
    try {
      const r = await fetch(`${srv.url}/healthz`);
      await r.arrayBuffer();
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`wugong serve did not become healthy on port ${port}:\n${srv.stderr}`);
    }
    await sleep(25);
  }
  return srv;
}

/*
 * fetch() keeps idle keep-alive connections in undici's global pool (for 4 s).
 * The server waits for open connections when it shuts down, so drop ours
 * first: a fresh pool replaces the old one, which is closed gracefully.
 */
export async function dropIdleFetchConnections() {
  const sym = Symbol.for('undici.globalDispatcher.1');
  const old = globalThis[sym];
  if (!old || typeof old.close !== 'function') return;
  globalThis[sym] = new old.constructor();
  try { await old.close(); } catch { /* already closed */ }
}

/* SIGTERM and wait for the exit; returns {code, signal}. Also waits until the
 * stderr pipe is drained, so a sanitizer report printed at exit is seen. */
export async function stopServer(srv, timeoutMs = 30000) {
  if (!srv.exit) {
    await dropIdleFetchConnections();
    srv.proc.kill('SIGTERM');
  }
  const timer = setTimeout(() => srv.proc.kill('SIGKILL'), timeoutMs);
  const ex = await srv.exited;
  clearTimeout(timer);
  if (!srv.proc.stderr.readableEnded) await new Promise((r) => srv.proc.stderr.once('end', r));
  return ex;
}

/* Fails (throws) when the server's stderr holds a sanitizer report. */
export function assertNoSanitizerReport(srv) {
  const report = sanitizerReport(srv.stderr);
  if (report) {
    console.error(`---- sanitizer report from wugong (port ${srv.port}) ----\n${report}`);
    assert.fail(`sanitizer report in the server's stderr:\n${report}`);
  }
}

/* Stops a server and asserts a clean exit (code 0) and no sanitizer report. */
export async function stopAndCheck(srv) {
  const ex = await stopServer(srv);
  assertNoSanitizerReport(srv);
  assert.deepEqual(ex, { code: 0, signal: null }, `wugong exited ${JSON.stringify(ex)}; stderr:\n${srv.stderr.slice(-4000)}`);
}

/*
 * One server per test file, on a fresh demo database: registers before/after
 * hooks and returns a handle whose fields are filled in `before`.
 * `after` stops the server with SIGTERM, asserts exit code 0 and fails on a
 * sanitizer report. Extra servers started through handle.start() (e.g. on the
 * same database) are stopped and checked the same way.
 */
export function useServer(opts = {}) {
  const h = {
    dir: null,
    db: null,
    srv: null,
    extra: [],
    dirs: [],
    /* A temp directory removed in `after`, once every server is stopped. */
    tempDir() {
      const d = makeTempDir();
      this.dirs.push(d);
      return d;
    },
    get url() { return this.srv.url; },
    get port() { return this.srv.port; },
    client(name) { return new Client(this.srv.url, name); },
    async start(db = this.db, o = {}) {
      const s = await startServer(db, o);
      this.extra.push(s);
      return s;
    },
    /* The server's clock runs this many seconds ahead from now on (every
     * server of this file reads the same --clock-file); resolves once the
     * server's jobs have run at the new time (settle). */
    clockOffset: 0,
    async setClock(seconds) {
      this.clockOffset = seconds;
      fs.writeFileSync(this.clockFile, String(seconds));
      await settle(this.srv.url, seconds);
    },
    advance(seconds) { return this.setClock(this.clockOffset + seconds); },
  };
  let ready;
  h.ready = new Promise((resolve, reject) => { ready = { resolve, reject }; });
  h.ready.catch(() => {}); // reported by the hook itself
  // node 20 runs a file's top-level before() hooks concurrently: a file's own
  // hook must `await h.ready` before using the server
  before(async () => {
    try {
      h.dir = makeTempDir();
      h.db = await makeDemoDb(h.dir);
      h.clockFile = path.join(h.dir, 'clock');
      fs.writeFileSync(h.clockFile, '0');
      h.srv = await startServer(h.db, { ...opts, extraArgs: [...(opts.extraArgs || []), '--clock-file', h.clockFile] });
      ready.resolve(h);
    } catch (e) {
      ready.reject(e);
      throw e;
    }
  });
  after(async () => {
    const errors = [];
    for (const s of [h.srv, ...h.extra].filter(Boolean)) {
      try {
        await stopAndCheck(s);
      } catch (e) {
        errors.push(e);
      }
    }
    for (const d of [h.dir, ...h.dirs].filter(Boolean)) fs.rmSync(d, { recursive: true, force: true });
    if (errors.length) throw errors[0];
  });
  return h;
}

/* ---- a browser-like client: a cookie jar, CSRF and JSON ---- */

export class Client {
  constructor(base, name = '') {
    this.base = base;
    this.name = name;
    this.jar = new Map();
    this.csrfToken = null;
    this.me = null;
  }

  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keepCookies(res) {
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const del = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a)) || value === '';
      if (del) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  /*
   * A request. opts: json (object or raw string sent as application/json),
   * form (object or string, urlencoded), body + type (raw), headers,
   * csrf (true: add X-CSRF-Token for non-GET when known; false: none; a
   * string: that token), cookies (false: send none).
   */
  async req(method, p, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    let body;
    if (opts.json !== undefined) {
      body = typeof opts.json === 'string' ? opts.json : JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    } else if (opts.form !== undefined) {
      body = typeof opts.form === 'string' ? opts.form : new URLSearchParams(opts.form).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (opts.body !== undefined) {
      body = opts.body;
      if (opts.type) headers['content-type'] = opts.type;
    }
    const csrf = opts.csrf ?? true;
    if (csrf === true && method !== 'GET' && method !== 'HEAD' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    else if (typeof csrf === 'string') headers['x-csrf-token'] = csrf;
    if (opts.cookies !== false && this.jar.size) headers.cookie = this.cookieHeader();
    let res;
    try {
      res = await fetch(this.base + p, { method, headers, body, redirect: 'manual' });
    } catch (e) { // say which request and why: "fetch failed" alone names neither
      throw new Error(`${method} ${p}: ${e.message} (${e.cause?.code ?? ''} ${e.cause?.message ?? ''})`, { cause: e });
    }
    this.keepCookies(res);
    const buf = Buffer.from(await res.arrayBuffer());
    const text = buf.toString('utf8');
    let json;
    if ((res.headers.get('content-type') || '').startsWith('application/json') && text) {
      try { json = JSON.parse(text); } catch { json = undefined; }
    }
    return { status: res.status, headers: res.headers, text, json, buf, res };
  }

  get(p, o) { return this.req('GET', p, o); }
  head(p, o) { return this.req('HEAD', p, o); }
  post(p, json, o = {}) { return this.req('POST', p, json === undefined ? o : { ...o, json }); }
  put(p, json, o = {}) { return this.req('PUT', p, json === undefined ? o : { ...o, json }); }
  del(p, json, o = {}) { return this.req('DELETE', p, json === undefined ? o : { ...o, json }); }

  /* GET /api/v1/csrf: the token bound to this client's cookie. */
  async csrf() {
    const r = await this.get('/api/v1/csrf');
    assert.equal(r.status, 200, `GET /api/v1/csrf: ${r.status} ${r.text}`);
    assert.match(r.json.csrf, /^[0-9a-f]{64}$/);
    this.csrfToken = r.json.csrf;
    return this.csrfToken;
  }

  /* Signs in by phone through the API; returns the response (201 expected). */
  async trySignIn(phone, password = PASSWORD) {
    if (!this.csrfToken) await this.csrf();
    const r = await this.post('/api/v1/session', { phone, password });
    if (r.status === 201) {
      this.csrfToken = r.json.csrf;
      this.me = r.json.me;
    }
    return r;
  }

  async signIn(phone, password = PASSWORD) {
    const r = await this.trySignIn(phone, password);
    assert.equal(r.status, 201, `sign-in of ${phone}: ${r.status} ${r.text}`);
    return r;
  }

  sessionCookie() { return this.jar.get('wg_sid'); }
}

/* Signs in several people in parallel; resolves with {key: Client}. */
export async function signInAll(base, phonesByKey) {
  const entries = await Promise.all(Object.entries(phonesByKey).map(async ([k, phone]) => {
    const c = new Client(base, k);
    await c.signIn(phone);
    return [k, c];
  }));
  return Object.fromEntries(entries);
}

/* ---- raw HTTP over a socket ---- */

/*
 * Sends chunks (strings/Buffers, or one) over a fresh TCP connection and
 * collects what comes back until the server closes the connection or
 * `timeout` ms pass. Resolves {data (utf8), buf, closed, timedOut, error}.
 * A chunk may be a number: a pause of that many ms.
 */
export function raw(port, chunks, { timeout = 3000, endAfterSend = false } = {}) {
  if (!Array.isArray(chunks)) chunks = [chunks];
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    const parts = [];
    let done = false;
    const finish = (extra) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const buf = Buffer.concat(parts);
      resolve({ buf, data: buf.toString('latin1'), ...extra });
    };
    const timer = setTimeout(() => finish({ closed: false, timedOut: true }), timeout);
    sock.on('data', (d) => parts.push(d));
    sock.on('end', () => finish({ closed: true, timedOut: false }));
    sock.on('close', () => finish({ closed: true, timedOut: false }));
    sock.on('error', (e) => finish({ closed: true, timedOut: false, error: e.code }));
    sock.on('connect', async () => {
      for (const c of chunks) {
        if (typeof c === 'number') { await sleep(c); continue; }
        if (sock.destroyed) return;
        await new Promise((r) => sock.write(c, () => r()));
      }
      if (endAfterSend) sock.end();
    });
  });
}

/*
 * A raw connection driven step by step: write(), then wait for data with
 * until(predicate) or for the close with closed.
 */
export class RawConn {
  static open(port) {
    return new Promise((resolve, reject) => {
      const c = new RawConn();
      c.sock = net.connect(port, '127.0.0.1', () => resolve(c));
      c.sock.once('error', reject);
    });
  }

  constructor() {
    this.chunks = [];
    this.waiters = [];
    this.isClosed = false;
    this.closed = new Promise((resolve) => { this.onClosed = resolve; });
  }

  set sock(s) {
    this._sock = s;
    s.on('data', (d) => { this.chunks.push(d); this.poke(); });
    const end = () => { if (!this.isClosed) { this.isClosed = true; this.onClosed(); this.poke(); } };
    s.on('end', end);
    s.on('close', end);
    s.on('error', end);
  }

  get sock() { return this._sock; }
  get data() { return Buffer.concat(this.chunks).toString('latin1'); }
  poke() { for (const w of this.waiters.splice(0)) w(); }
  write(d) { return new Promise((r) => this.sock.write(d, () => r())); }
  destroy() { this.sock.destroy(); }

  /* Resolves true once pred(data) holds, false on close or timeout. */
  async until(pred, timeout = 5000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      if (pred(this.data)) return true;
      if (this.isClosed || Date.now() > deadline) return false;
      await new Promise((r) => {
        this.waiters.push(r);
        setTimeout(r, Math.max(1, deadline - Date.now()));
      });
    }
  }
}

/* Complete HTTP/1.1 responses (with Content-Length) at the start of data. */
export function rawResponses(data) {
  const out = [];
  let rest = data;
  for (;;) {
    const i = rest.indexOf('\r\n\r\n');
    if (i < 0) break;
    const r = parseRaw(rest.slice(0, i + 4));
    const len = Number(r.headers['content-length'] ?? 0);
    if (rest.length < i + 4 + len) break;
    r.body = rest.slice(i + 4, i + 4 + len);
    out.push(r);
    rest = rest.slice(i + 4 + len);
  }
  return out;
}

/* The status code of the first response in raw data, or 0. */
export function rawStatus(data) {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
  return m ? Number(m[1]) : 0;
}

/* Splits a raw HTTP/1.1 response: {status, headers (lower-case names), body}. */
export function parseRaw(data) {
  const i = data.indexOf('\r\n\r\n');
  const head = i < 0 ? data : data.slice(0, i);
  const lines = head.split('\r\n');
  const headers = {};
  for (const l of lines.slice(1)) {
    const c = l.indexOf(':');
    if (c > 0) headers[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim();
  }
  return { status: rawStatus(data), headers, body: i < 0 ? '' : data.slice(i + 4) };
}

/* ---- demo ids ---- */

/*
 * Finds the ids of the demo places by walking the API as someone who may
 * read both communities (the street admin): {street, L, F, Lg: [g1..], Lb:
 * [b1..], Fg, Fb, household(b, code)}.
 */
export async function demoPlaces(admin) {
  const me = await admin.get('/api/v1/me');
  assert.equal(me.status, 200);
  const streetRole = me.json.roles.find((r) => r.role === 'street_admin');
  const street = streetRole.place.id;
  const kids = async (id) => {
    const r = await admin.get(`/api/v1/places/${id}/children?limit=100`);
    assert.equal(r.status, 200, `children of ${id}: ${r.text}`);
    return r.json.items;
  };
  const comms = await kids(street);
  const L = comms.find((c) => c.name === '龙湖社区');
  const F = comms.find((c) => c.name === '凤凰苑社区');
  const out = { street, L: L.id, F: F.id, Lg: [], Lb: [], Fg: [], Fb: [], households: {} };
  for (const [key, comm] of [['L', L], ['F', F]]) {
    const grids = await kids(comm.id);
    grids.sort((a, b) => a.code.localeCompare(b.code));
    for (const g of grids) {
      out[`${key}g`].push(g.id);
      const bs = await kids(g.id);
      bs.sort((a, b) => a.code.localeCompare(b.code));
      for (const b of bs) out[`${key}b`].push(b.id);
    }
  }
  out.gridNames = {};
  return out;
}

export const json = (o) => JSON.stringify(o);

/* The workbook's first sheet as JSON: rows of values (times as ISO text),
 * the frozen cell, whether the header is bold, the widths. */
/* The rows of an exported CSV (RFC 4180: quoted fields may hold commas,
 * quotes and line ends), its byte order mark taken off before. */
export function parseCsv(text) {
  const rows = [];
  let row = [], f = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { f += '"'; i++; }
      else if (ch === '"') q = false;
      else f += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(f); f = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(f); rows.push(row); row = []; f = ''; i++; }
    else f += ch;
  }
  assert.equal(f, '', 'the file ends with CRLF');
  return rows;
}

export function readXlsx(buf) {
  const py = `
import io, json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
ws = wb.worksheets[0]
def v(x):
    return x.strftime('%Y-%m-%d %H:%M') if isinstance(x, datetime.datetime) else x
rows = [[v(c.value) for c in row] for row in ws.iter_rows()]
print(json.dumps({'title': ws.title, 'rows': rows, 'freeze': ws.freeze_panes,
  'bold': bool(ws.cell(1, 1).font.b), 'width': ws.column_dimensions['C'].width,
  'formats': [c.number_format for c in ws[2]] if ws.max_row > 1 else []}))
`;
  const r = spawnSync('/usr/bin/python3', ['-c', py], { input: buf, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, String(r.stderr));
  return JSON.parse(String(r.stdout));
}
