// What the crash test checks after each kill, by reading the database
// directly (sqlite3, or psql for PostgreSQL) while the server is down.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { STORE } from '../api/helpers.mjs';

export function sql(db, query) {
  const out = STORE === 'sqlite'
    ? execFileSync('sqlite3', ['-batch', '-noheader', '-separator', '|', db.replace(/^sqlite:/, ''), query], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : execFileSync('psql', [db, '-qAt', '-v', 'ON_ERROR_STOP=1', '-F', '|', '-c', query], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('|'));
}

export const gridOf = (db) => Number(sql(db, "SELECT id FROM place WHERE kind = 'grid' ORDER BY id LIMIT 1")[0][0]);
export const benchBuilding = (db) => Number(sql(db, "SELECT id FROM place WHERE kind = 'building' AND code LIKE 'bench-%' ORDER BY id DESC LIMIT 1")[0][0]);
export const demoMatters = (db) => sql(db, `SELECT m.id FROM matter m JOIN place p ON p.id = ${benchBuilding(db)} WHERE m.community_id = p.community_id ORDER BY m.id LIMIT 6`).map((r) => Number(r[0]));

/* A body whose every byte can be checked: its length depends on the title. */
export function bodyFor(title) {
  let h = 0;
  for (const ch of title) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  const n = 200 + (h % 6000);
  return `${title}:${'稳'.repeat(Math.floor(n / 3))}${'x'.repeat(n % 3)}:end`;
}

export function verify(db, log) {
  // matters: acknowledged ones present and whole; any crash matter present is whole
  const rows = sql(db, "SELECT m.id, m.title, m.body_md, (SELECT count(*) FROM matter_event e WHERE e.matter_id = m.id) FROM matter m WHERE m.title LIKE 'crash-%'");
  const stored = new Map(rows.map(([id, title, body, events]) => [title, { id: Number(id), body, events: Number(events) }]));
  const sent = new Set(log.sent.filter((e) => e.kind === 'matter').map((e) => e.title));
  for (const e of log.acked) {
    if (e.kind !== 'matter') continue;
    const s = stored.get(e.title);
    assert.ok(s, `acknowledged matter ${e.title} (id ${e.id}) is lost`);
    assert.equal(s.id, e.id, `matter ${e.title} has the id it was acknowledged with`);
  }
  const acked = new Set(log.acked.filter((e) => e.kind === 'matter').map((e) => e.title));
  log.unansweredPresent = 0;
  for (const [title, s] of stored) {
    assert.ok(sent.has(title), `a matter nobody sent: ${title}`);
    if (!acked.has(title)) log.unansweredPresent++;
    assert.equal(s.body, bodyFor(title), `matter ${title} is torn: its body differs`);
    assert.ok(s.events >= 1, `matter ${title} is torn: no creation event`);
  }
  // follows: acknowledged ones present; every counter equals its rows
  const follows = new Set(sql(db, 'SELECT matter_id, person_id FROM matter_follow').map(([m, p]) => `${m}/${p}`));
  const persons = new Map(sql(db, "SELECT phone, id FROM person WHERE phone LIKE '199%'").map(([ph, id]) => [ph, id]));
  for (const e of log.acked) {
    if (e.kind !== 'follow') continue;
    const pid = persons.get(e.phone);
    assert.ok(follows.has(`${e.matter}/${pid}`), `acknowledged follow of matter ${e.matter} by ${e.phone} is lost`);
  }
  const counters = sql(db, 'SELECT m.id, m.followers, (SELECT count(*) FROM matter_follow f WHERE f.matter_id = m.id) FROM matter m');
  for (const [id, n, rowsN] of counters) assert.equal(Number(n), Number(rowsN), `matter ${id}: followers ${n} but ${rowsN} follow rows`);
  if (STORE === 'sqlite') {
    const ic = sql(db, 'PRAGMA integrity_check')[0][0];
    assert.equal(ic, 'ok', `integrity_check: ${ic}`);
    const fk = sql(db, 'PRAGMA foreign_key_check');
    assert.equal(fk.length, 0, `foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);
  }
}
