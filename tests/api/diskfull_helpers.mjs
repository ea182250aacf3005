// Shared by the disk-full tests: a demo database on a 6 MiB tmpfs the test
// mounts, a server on it, and a way to fill the file system. Each test file
// calls release() from its own after() hook.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STORE, BIN, Client, PHONES, sanitizerEnv, startServer, stopAndCheck } from './helpers.mjs';

const root = process.getuid && process.getuid() === 0;
/* The reason to skip, or false. */
export const skip = STORE !== 'sqlite' ? 'SQLite only' : !root ? 'needs root to mount a tmpfs' : false;

const state = { mnt: null, srv: null };

/* Stops the server (checking its sanitizer output) and removes the tmpfs. */
export async function release() {
  if (state.srv) await stopAndCheck(state.srv);
  if (state.mnt) {
    try { execFileSync('umount', [state.mnt]); } catch { /* not mounted */ }
    fs.rmSync(state.mnt, { recursive: true, force: true });
  }
}

/* Mounts the tmpfs, creates the demo database on it and starts a server;
 * resolves with { mnt, srv, res (the resident, signed in), building (hers),
 * before (the number of matters) }, or null after t.skip when this machine
 * cannot mount. */
export async function smallDisk(t, prefix) {
  state.mnt = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', state.mnt], { stdio: 'pipe' });
  } catch (e) { // a container without the right to mount
    t.skip(`cannot mount a tmpfs here: ${String(e.stderr || e.message).trim()}`);
    return null;
  }
  const db = `sqlite:${path.join(state.mnt, 'wugong.db')}`;
  execFileSync(BIN, ['demo', '--db', db], { env: sanitizerEnv(), stdio: 'pipe' });
  state.srv = await startServer(db);
  const res = new Client(state.srv.url, 'resident');
  await res.signIn(PHONES.resident);
  const me = (await res.get('/api/v1/me')).json;
  const building = me.places[0].line.find((p) => p.kind === 'building').id;
  const before = (await res.get('/api/v1/matters?limit=1')).json.total;
  return { mnt: state.mnt, srv: state.srv, res, building, before };
}

/* Writes a file in dir until the file system refuses. */
export function fill(dir) {
  const fd = fs.openSync(path.join(dir, 'filler'), 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  const small = Buffer.alloc(512, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (e) {
    assert.equal(e.code, 'ENOSPC');
  }
  try { for (;;) fs.writeSync(fd, small); } catch { /* full */ }
  fs.closeSync(fd);
}
