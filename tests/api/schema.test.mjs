// Both stores' schemas stay the same: every module's migrations, applied to
// an empty SQLite file and an empty PostgreSQL database, give the same
// tables, columns (with their nullability and kind of type), primary keys,
// unique constraints and indexes (named ones by name, with their columns,
// uniqueness and whether they are partial). Migrations stay per dialect;
// this test is what keeps them together. It runs on the PostgreSQL pass of
// the suite (it needs both engines). Also: a database of the last
// single-folder release (schema version 12, the demo) is adopted and
// migrated by every module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, ROOT, STORE, makeTempDir, newDbUrl, sanitizerEnv } from './helpers.mjs';

const onPg = STORE === 'postgresql';

function migrate(url) {
  execFileSync(BIN, ['migrate', '--db', url], { env: sanitizerEnv(), encoding: 'utf8' });
}

function sqliteRows(file, sql) {
  const out = execFileSync('sqlite3', ['-json', file, sql], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}

function pgRows(url, sql) {
  const out = execFileSync('psql', ['-X', '-q', '-A', '-t', '-d', url, '-c', `SELECT COALESCE(json_agg(x), '[]') FROM (${sql}) x`],
    { encoding: 'utf8' });
  return JSON.parse(out.trim());
}

/* int, text, blob or real: the same column may be INTEGER on SQLite and BIGINT on PostgreSQL */
function typeClass(t) {
  t = t.toLowerCase();
  if (/int|serial/.test(t)) return 'int';
  if (/char|text|clob/.test(t)) return 'text';
  if (/blob|bytea/.test(t)) return 'blob';
  if (/real|double|float|numeric/.test(t)) return 'real';
  return t;
}

/* The search index is each engine's own (mod/search/search_store.c): an
 * FTS5 table and its shadow tables on SQLite, a tsvector column with a GIN
 * index on PostgreSQL. They are compared apart (ENGINE_NATIVE below). */
const sqliteNative = (table) => /^search_fts($|_)/.test(table);
const pgNative = (table, col) => table === 'search_doc' && col === 'tsv';

/* {tables: {name: {col: "class null|not null"}}, pk: {tbl: cols}, unique: Set("tbl(cols)"), indexes: Set("name: tbl(cols) unique? partial?")} */
function sqliteSchema(file) {
  const s = { tables: {}, pk: {}, unique: new Set(), indexes: new Set() };
  const cols = sqliteRows(file, "SELECT m.name AS t, p.name AS c, p.type AS type, p.\"notnull\" AS nn, p.pk AS pk " +
    "FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid");
  for (const r of cols) {
    if (sqliteNative(r.t)) { s.native = true; continue; }
    (s.tables[r.t] ||= {})[r.c] = `${typeClass(r.type)} ${r.nn || r.pk ? 'not null' : 'null'}`;
    if (r.pk) (s.pk[r.t] ||= []).push([r.pk, r.c]);
  }
  for (const t of Object.keys(s.pk)) s.pk[t] = s.pk[t].sort((a, b) => a[0] - b[0]).map((x) => x[1]).join(',');
  const idx = sqliteRows(file, "SELECT m.name AS t, l.name AS i, l.\"unique\" AS u, l.origin AS o, l.partial AS p, " +
    "(SELECT group_concat(name, ',') FROM (SELECT ii.name FROM pragma_index_info(l.name) ii ORDER BY ii.seqno)) AS cols " +
    "FROM sqlite_master m, pragma_index_list(m.name) l WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'");
  for (const r of idx) {
    if (r.o === 'pk' || sqliteNative(r.t)) continue;
    if (r.u) s.unique.add(`${r.t}(${r.cols})${r.p ? ' partial' : ''}`);
    if (r.o === 'c') s.indexes.add(`${r.i}: ${r.t}(${r.cols})${r.u ? ' unique' : ''}${r.p ? ' partial' : ''}`);
  }
  return s;
}

function pgSchema(url) {
  const s = { tables: {}, pk: {}, unique: new Set(), indexes: new Set() };
  const cols = pgRows(url, "SELECT c.table_name AS t, c.column_name AS c, c.data_type AS type, c.is_nullable AS nullable " +
    "FROM information_schema.columns c JOIN information_schema.tables t ON t.table_name = c.table_name " +
    "AND t.table_schema = c.table_schema WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' " +
    "ORDER BY c.table_name, c.ordinal_position");
  for (const r of cols) {
    if (pgNative(r.t, r.c)) { s.native = true; continue; }
    (s.tables[r.t] ||= {})[r.c] = `${typeClass(r.type)} ${r.nullable === 'YES' ? 'null' : 'not null'}`;
  }
  const idx = pgRows(url, "SELECT t.relname AS t, i.relname AS i, x.indisunique AS u, x.indisprimary AS pk, " +
    "x.indpred IS NOT NULL AS p, EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) AS con, " +
    "(SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, n) " +
    "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS cols " +
    "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid " +
    "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'");
  for (const r of idx) {
    if (r.pk) { s.pk[r.t] = r.cols; continue; }
    if (pgNative(r.t, r.cols)) continue;
    if (r.u) s.unique.add(`${r.t}(${r.cols})${r.p ? ' partial' : ''}`);
    if (!r.con) s.indexes.add(`${r.i}: ${r.t}(${r.cols})${r.u ? ' unique' : ''}${r.p ? ' partial' : ''}`);
  }
  return s;
}

/* A rowid table's INTEGER PRIMARY KEY is its rowid: the same key. */
const sorted = (set) => [...set].sort();

test('SQLite and PostgreSQL, migrated from empty, have the same schema', { skip: !onPg && 'needs PostgreSQL (runs on the PostgreSQL pass)' }, () => {
  const dir = makeTempDir();
  try {
    const lite = path.join(dir, 'empty.db');
    migrate(`sqlite:${lite}`);
    const pgUrl = newDbUrl(dir);
    migrate(pgUrl);
    const a = sqliteSchema(lite), b = pgSchema(pgUrl);
    assert.ok(Object.keys(a.tables).length >= 30, `${Object.keys(a.tables).length} tables`);
    assert.ok(a.native && b.native, 'each engine has its own search index');
    assert.deepEqual(Object.keys(a.tables).sort(), Object.keys(b.tables).sort(), 'tables');
    for (const t of Object.keys(a.tables)) {
      // columns as sets: ALTER TABLE ADD COLUMN orders them the same on both, but
      // a table rebuilt on SQLite may not
      const ca = Object.entries(a.tables[t]).sort(), cb = Object.entries(b.tables[t]).sort();
      assert.deepEqual(ca, cb, `columns of ${t}`);
    }
    assert.deepEqual(a.pk, b.pk, 'primary keys');
    assert.deepEqual(sorted(a.unique), sorted(b.unique), 'unique constraints');
    assert.deepEqual(sorted(a.indexes), sorted(b.indexes), 'indexes');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the comparison sees a difference (a column one store lacks)', { skip: !onPg && 'needs PostgreSQL' }, () => {
  const dir = makeTempDir();
  try {
    const lite = path.join(dir, 'empty.db');
    migrate(`sqlite:${lite}`);
    const before = sqliteSchema(lite);
    execFileSync('sqlite3', [lite, 'ALTER TABLE vote ADD COLUMN only_here INTEGER; CREATE INDEX extra ON vote(title)']);
    const after = sqliteSchema(lite);
    assert.notDeepEqual(Object.entries(before.tables.vote).sort(), Object.entries(after.tables.vote).sort());
    assert.ok(after.indexes.has('extra: vote(title)'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a database of the single-folder release (schema version 12, the demo) is adopted and migrated', () => {
  const dir = makeTempDir();
  try {
    const file = path.join(dir, 'v12.db');
    execFileSync('sqlite3', [file], { input: fs.readFileSync(path.join(ROOT, 'tests/fixtures/legacy-v12-demo.sqlite.sql')) });
    const out = execFileSync(BIN, ['migrate', '--db', `sqlite:${file}`], { env: sanitizerEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(out, /mod\/vote\s+schema version \d+/);
    const owners = sqliteRows(file, 'SELECT owner, max(version) AS v FROM wg_migration GROUP BY owner ORDER BY owner');
    assert.ok(owners.some((r) => r.owner === 'mod/council' && r.v >= 2), JSON.stringify(owners));
    // the data came through: the demo's people, matters and the council's meetings
    assert.equal(sqliteRows(file, "SELECT count(*) AS n FROM person WHERE phone = '13800001201'")[0].n, 1);
    assert.ok(sqliteRows(file, 'SELECT count(*) AS n FROM matter')[0].n > 0);
    // and the new columns and tables are there
    assert.equal(sqliteRows(file, "SELECT count(*) AS n FROM pragma_table_info('vote_elector') WHERE name = 'units'")[0].n, 1);
    assert.equal(sqliteRows(file, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'job'")[0].n, 1);
    // a schema identical to one migrated from empty
    const fresh = path.join(dir, 'fresh.db');
    migrate(`sqlite:${fresh}`);
    const a = sqliteSchema(file), b = sqliteSchema(fresh);
    assert.deepEqual(Object.keys(a.tables).sort(), Object.keys(b.tables).sort());
    for (const t of Object.keys(a.tables)) assert.deepEqual(Object.entries(a.tables[t]).sort(), Object.entries(b.tables[t]).sort(), t);
    assert.deepEqual(sorted(a.indexes), sorted(b.indexes));
    assert.deepEqual(sorted(a.unique), sorted(b.unique));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/* The rows a statement returns, and a script run, on the pass's engine. */
const rowsOn = (url, sql) => onPg ? pgRows(url, sql) : sqliteRows(url.slice('sqlite:'.length), sql);
const runOn = (url, sql) => onPg ? execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql])
  : execFileSync('sqlite3', [url.slice('sqlite:'.length), sql]);

test('report ratings stored before they went through mod/satisfaction move to its answers, none lost', () => {
  const dir = makeTempDir();
  try {
    const url = newDbUrl(dir);
    execFileSync(BIN, ['demo', '--db', url], { env: sanitizerEnv(), stdio: 'ignore' });
    const ANSWERS = "SELECT subject_id AS report, voter, community_id AS c, person_id AS p, score, at FROM satisfaction_answer " +
      "WHERE subject = 'report' ORDER BY subject_id, voter";
    const demo = rowsOn(url, ANSWERS);
    assert.ok(demo.length >= 5, `the demo's ratings: ${demo.length}`);
    // back to the report module's second version: its ratings in its own table
    runOn(url, 'INSERT INTO report_rating(report_id, voter, community_id, person_id, score, at) ' +
      "SELECT subject_id, voter, community_id, person_id, score, at FROM satisfaction_answer WHERE subject = 'report'; " +
      "DELETE FROM satisfaction_answer WHERE subject = 'report'; UPDATE wg_migration SET version = 2 WHERE owner = 'mod/report'");
    assert.equal(rowsOn(url, ANSWERS).length, 0);
    migrate(url);
    assert.deepEqual(rowsOn(url, ANSWERS), demo, 'every rating, with its voter, person, score and time');
    assert.equal(Number(rowsOn(url, 'SELECT count(*) AS n FROM report_rating')[0].n), 0, 'the old table is left empty');
    assert.equal(Number(rowsOn(url, "SELECT version AS v FROM wg_migration WHERE owner = 'mod/report'")[0].v), 3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
