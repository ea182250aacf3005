// What the crash test checks after each kill, by reading the database
// directly (sqlite3, or psql for PostgreSQL) while the server is down.
// Database checks: PRAGMA integrity_check and foreign_key_check (SQLite),
// amcheck's verify_heapam and bt_index_check (PostgreSQL).
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

/* A body whose every byte can be checked: its length (200 to 200 + spread
 * bytes) depends on the tag. */
export function bodyFor(tag, spread = 6000) {
  let h = 0;
  for (const ch of tag) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  const n = 200 + (h % spread);
  return `${tag}:${'稳'.repeat(Math.floor(n / 3))}${'x'.repeat(n % 3)}:end`;
}

const maxId = (db, table) => Number(sql(db, `SELECT COALESCE(max(id), 0) FROM ${table}`)[0][0]);

/* What verify remembers between kills: the rows already checked. */
export function newState(db, { vote, matters }) {
  const matter0 = maxId(db, 'matter');
  const opinion0 = maxId(db, 'opinion');
  return {
    vote, matters, matter0, opinion0, matterMax: matter0, opinionMax: opinion0, checkedSeq: 0,
    persons: new Map(sql(db, "SELECT phone, id FROM person WHERE phone LIKE '199%'").map(([ph, id]) => [ph, Number(id)])),
  };
}

/* Rows with id above `after` against the entries of kind sent (by key):
 * acknowledged ones present with their id, every row whole and sent. */
function checkRows(kind, rows, entries, keyOf, log) {
  const stored = new Map(rows.map((r) => [r.key, r]));
  const sent = new Map(entries.map((e) => [keyOf(e), e]));
  for (const e of entries) {
    if (e.state !== 'acked') continue;
    const s = stored.get(keyOf(e));
    assert.ok(s, `acknowledged ${kind} ${keyOf(e).slice(0, 40)} (id ${e.id}) is lost`);
    assert.equal(s.id, e.id, `${kind} ${keyOf(e).slice(0, 40)} has the id it was acknowledged with`);
  }
  for (const r of rows) {
    const e = sent.get(r.key);
    assert.ok(e, `a ${kind} nobody sent, or torn: id ${r.id} ${r.key.slice(0, 60)}`);
    r.check(e);
    e.stored = true;
  }
}

function checkMatters(db, entries, after, log) {
  const rows = sql(db, `SELECT m.id, m.title, m.body_md, (SELECT count(*) FROM matter_event e WHERE e.matter_id = m.id) FROM matter m WHERE m.id > ${after}`)
    .map(([id, title, body, events]) => ({
      id: Number(id), key: title,
      check: (e) => {
        assert.equal(body, e.body, `matter ${title} is torn: its body differs`);
        assert.ok(Number(events) >= 1, `matter ${title} is torn: no creation event`);
      },
    }));
  checkRows('matter', rows, entries.filter((e) => e.kind === 'matter'), (e) => e.title, log);
}

function checkOpinions(db, entries, after, state) {
  const rows = sql(db, `SELECT o.id, o.body, p.phone FROM opinion o JOIN person p ON p.id = o.author_id WHERE o.id > ${after}`)
    .map(([id, body, phone]) => ({
      id: Number(id), key: body,
      check: (e) => assert.equal(phone, e.phone, `opinion ${id} has another author`),
    }));
  checkRows('opinion', rows, entries.filter((e) => e.kind === 'opinion'), (e) => e.body, state);
}

/* Per resident: the stored ballot is the choice of a cast sent at or after
 * their last acknowledged one (and not refused); a ballot and its
 * participation row exist together. */
function checkBallots(db, log, state) {
  const ballots = new Map(sql(db, `SELECT person_id, choice FROM vote_ballot WHERE vote_id = ${state.vote}`).map(([p, c]) => [Number(p), c]));
  const part = new Set(sql(db, `SELECT person_id FROM vote_participation WHERE vote_id = ${state.vote}`).map(([p]) => Number(p)));
  for (const p of part) assert.ok(ballots.has(p), `ballot of person ${p} torn: participation without a ballot`);
  for (const p of ballots.keys()) assert.ok(part.has(p), `ballot of person ${p} torn: a ballot without participation`);
  const casts = new Map();
  for (const e of log.sent) {
    if (e.kind !== 'ballot') continue;
    const pid = state.persons.get(e.phone);
    if (!casts.has(pid)) casts.set(pid, []);
    casts.get(pid).push(e);
  }
  for (const [pid, list] of casts) {
    let last = -1;
    list.forEach((e, i) => { if (e.state === 'acked') last = i; });
    const have = ballots.get(pid);
    if (last >= 0) assert.ok(have !== undefined, `acknowledged ballot of person ${pid} is lost`);
    if (have === undefined) continue;
    const allowed = list.slice(Math.max(last, 0)).filter((e) => e.state !== 'refused').map((e) => String(e.choice));
    assert.ok(allowed.includes(have), `ballot of person ${pid} is ${JSON.stringify(have)}, not the last acknowledged choice nor a later one (${allowed})`);
  }
  for (const pid of ballots.keys()) assert.ok(casts.has(pid), `a ballot nobody cast: person ${pid}`);
}

function checkFollows(db, entries, after, state) {
  const follows = new Set(sql(db, `SELECT matter_id, person_id FROM matter_follow WHERE matter_id IN (${state.matters.join(',')})`).map(([m, p]) => `${m}/${p}`));
  for (const e of entries) {
    if (e.kind !== 'follow' || e.state !== 'acked') continue;
    assert.ok(follows.has(`${e.matter}/${state.persons.get(e.phone)}`), `acknowledged follow of matter ${e.matter} by ${e.phone} is lost`);
  }
  const counters = sql(db, 'SELECT m.id, m.followers, (SELECT count(*) FROM matter_follow f WHERE f.matter_id = m.id) FROM matter m ' +
    `WHERE m.id > ${after} OR m.id IN (${state.matters.join(',')})`);
  for (const [id, n, rowsN] of counters) assert.equal(Number(n), Number(rowsN), `matter ${id}: followers ${n} but ${rowsN} follow rows`);
}

/* PostgreSQL's own consistency checks (contrib amcheck): every heap page of
 * the public tables (verify_heapam) and every B-tree index with its heap
 * (bt_index_check ... heapallindexed). */
function pgAmcheck(db) {
  sql(db, 'CREATE EXTENSION IF NOT EXISTS amcheck');
  const heap = sql(db, "SELECT c.relname, v.blkno, v.msg FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, " +
    "LATERAL verify_heapam(c.oid) v WHERE n.nspname = 'public' AND c.relkind = 'r'");
  assert.equal(heap.length, 0, `verify_heapam: ${JSON.stringify(heap.slice(0, 3))}`);
  const idx = sql(db, "SELECT count(bt_index_check(c.oid, true)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid " +
    "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.amname = 'btree' AND n.nspname = 'public'");
  assert.ok(Number(idx[0][0]) > 10, `bt_index_check ran on ${idx[0][0]} indexes`);
}

/* Throws with the first broken promise. Checks the writes sent since the last
 * call (the rows written since), or with full every write and row since the
 * start and the database's own consistency checks. */
export function verify(db, log, state, full) {
  const entries = full ? log.sent : log.sent.slice(state.checkedSeq);
  const matterAfter = full ? state.matter0 : state.matterMax;
  checkMatters(db, entries, matterAfter, log);
  checkOpinions(db, entries, full ? state.opinion0 : state.opinionMax, state);
  checkBallots(db, log, state);
  checkFollows(db, entries, full ? 0 : matterAfter, state);
  if (full && STORE === 'sqlite') {
    const ic = sql(db, 'PRAGMA integrity_check')[0][0];
    assert.equal(ic, 'ok', `integrity_check: ${ic}`);
    const fk = sql(db, 'PRAGMA foreign_key_check');
    assert.equal(fk.length, 0, `foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);
  }
  if (full && STORE === 'postgresql') pgAmcheck(db);
  state.matterMax = maxId(db, 'matter');
  state.opinionMax = maxId(db, 'opinion');
  state.checkedSeq = log.sent.length;
  log.unansweredPresent = log.sent.filter((e) => e.state === 'sent' && e.stored).length;
}
