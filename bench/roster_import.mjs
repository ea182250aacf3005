// Roster import benchmark: a community's roster of N households (default
// 50,000: 100 grids of 50 buildings of 10 households, most with two people,
// so about 90,000 rows) uploaded as CSV (or XLSX written by Debian's
// python3-openpyxl with --xlsx) into the demo's 凤凰苑社区: the dry run, the
// apply (one transaction), and the same file again (a dry run that plans no
// change). Prints wall time of each request and the server's peak resident
// memory (VmHWM) after each step, against the build in WG_BIN (default
// build/wugong) and the store of tests/api/helpers.mjs (SQLite, or
// PostgreSQL with WG_PG_DIR and WG_PG_PORT).
//   node bench/roster_import.mjs [--households N] [--xlsx]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { makeDemoDb, makeTempDir, startServer, stopServer, Client, PHONES, STORE } from '../tests/api/helpers.mjs';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--households') + 1]) || 50000;
const XLSX = args.includes('--xlsx');

function roster(n) {
  const rows = [['网格', '楼栋', '单元', '房号', '姓名', '手机号', '与户主关系', '身份证号', '备注']];
  let phone = 15000000000;
  for (let h = 0; h < n; h++) {
    const grid = `第${10 + Math.floor(h / 500)}网格`, building = `${100 + Math.floor(h / 10)}栋`;
    const unit = String(1 + (h % 10 >= 5 ? 1 : 0)), room = String(101 + (h % 5));
    rows.push([grid, building, unit, room, `住户${h}`, String(phone++), '户主', '', '']);
    if (h % 5 !== 0) rows.push([grid, building, unit, room, `家属${h}`, String(phone++), '配偶', '', '']);
  }
  return rows;
}

function fileOf(dir, rows) {
  if (!XLSX) {
    const p = path.join(dir, 'roster.csv');
    fs.writeFileSync(p, '\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
    return p;
  }
  const p = path.join(dir, 'roster.xlsx');
  execFileSync('/usr/bin/python3', ['-c', `
import json, sys, openpyxl
wb = openpyxl.Workbook(write_only=True); ws = wb.create_sheet()
for r in json.load(sys.stdin):
    ws.append([int(v) if k == 5 and v.isdigit() else v for k, v in enumerate(r)])
wb.save(sys.argv[1])`, p], { input: JSON.stringify(rows), maxBuffer: 1 << 30 });
  return p;
}

/* The server's CPU time so far (user + system, ms): on a loaded machine a
 * steadier figure than the wall time. */
const cpu = (pid) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Math.round((Number(f[11]) + Number(f[12])) * 1000 / 100); // utime, stime in ticks of 1/100 s
};
let lastCpu = 0;
const peak = (pid) => {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)[1]);
  const now = cpu(pid), used = now - lastCpu;
  lastCpu = now;
  return { server_cpu_ms: used, hwm_mb: +(kb('VmHWM') / 1024).toFixed(1), rss_mb: +(kb('VmRSS') / 1024).toFixed(1) };
};

const dir = makeTempDir();
const rows = roster(N);
const file = fileOf(dir, rows);
const bytes = fs.statSync(file).size;
const db = await makeDemoDb(dir);
const srv = await startServer(db);
try {
  const c = new Client(srv.url);
  await c.signIn(PHONES.fStaff);
  // a big apply on PostgreSQL can take longer than fetch's 300 s wait for headers
  const sym = Symbol.for('undici.globalDispatcher.1');
  globalThis[sym] = new globalThis[sym].constructor({ headersTimeout: 0, bodyTimeout: 0 });
  const me = (await c.get('/api/v1/me')).json;
  const community = me.community_id;
  const data = fs.readFileSync(file);
  const up = async () => {
    const fd = new FormData();
    fd.append('community', String(community));
    fd.append('file', new Blob([data]), path.basename(file));
    const t = performance.now();
    const r = await c.req('POST', '/api/v1/roster/imports', { body: fd });
    if (r.status !== 201) throw new Error(`upload: ${r.status} ${r.text.slice(0, 300)}`);
    return { ms: Math.round(performance.now() - t), im: r.json };
  };
  const out = { store: STORE, format: XLSX ? 'xlsx' : 'csv', households: N, rows: rows.length - 1, file_mb: +(bytes / 1048576).toFixed(2),
    start: peak(srv.proc.pid) };
  if (process.env.ROSTER_PERF) {
    const { spawn } = await import('node:child_process');
    globalThis.perf = spawn('perf', ['record', '-g', '-o', process.env.ROSTER_PERF, '-p', String(srv.proc.pid)], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 500));
  }
  const dry = await up();
  out.dry_run = { ms: dry.ms, counts: dry.im.counts, ...peak(srv.proc.pid) };
  let t = performance.now();
  const ap = await c.post(`/api/v1/roster/imports/${dry.im.id}/apply`);
  if (ap.status !== 200) throw new Error(`apply: ${ap.status} ${ap.text.slice(0, 300)}`);
  out.apply = { ms: Math.round(performance.now() - t), ...peak(srv.proc.pid) };
  const again = await up();
  const k = again.im.counts;
  out.reimport_dry_run = { ms: again.ms, changes: k.grids_add + k.buildings_add + k.households_add + k.people_add + k.members_add + k.members_change,
    ...peak(srv.proc.pid) };
  t = performance.now();
  const ap2 = await c.post(`/api/v1/roster/imports/${again.im.id}/apply`);
  if (ap2.status !== 200) throw new Error(`re-apply: ${ap2.status}`);
  out.reimport_apply = { ms: Math.round(performance.now() - t), ...peak(srv.proc.pid) };
  console.log(JSON.stringify(out, null, 1));
} finally {
  await stopServer(srv);
  fs.rmSync(dir, { recursive: true, force: true });
}
