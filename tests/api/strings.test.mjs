// Every error code the server can answer has a message in all three
// languages: the codes are read from the source (every call that names one)
// and looked up in the modules' string tables (src/**/i18n.tsv). A code
// that answers about a field may have a message of its own for that field
// ("code.field"), which the server prefers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

function walk(dir, pred, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

/* key -> {file, cols: [zh-Hans, zh-Hant, en]}; duplicates listed apart */
function strings() {
  const table = new Map();
  const dups = [];
  for (const f of walk(path.join(ROOT, 'src'), (p) => path.basename(p) === 'i18n.tsv')) {
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const [key, ...cols] = line.split('\t');
      if (table.has(key)) dups.push(`${key} (${path.relative(ROOT, f)} and ${table.get(key).file})`);
      table.set(key, { file: path.relative(ROOT, f), cols });
    }
  }
  return { table, dups };
}

/* The arguments of each call of fn in text, as source strings. */
function calls(text, fn) {
  const out = [];
  const re = new RegExp(`(?<![A-Za-z0-9_])${fn.replace('.', '\\.')}\\(`, 'g');
  let m;
  while ((m = re.exec(text))) {
    let i = m.index + m[0].length, depth = 0, arg = '';
    const args = [];
    for (; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') { // a string literal, escapes included
        let j = i + 1;
        while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        arg += text.slice(i, j + 1);
        i = j;
        continue;
      }
      if (ch === '(') depth++;
      if (ch === ')' && depth-- === 0) break;
      if (ch === ',' && depth === 0) { args.push(arg); arg = ''; continue; }
      arg += ch;
    }
    args.push(arg);
    out.push(args.map((a) => a.trim()));
  }
  return out;
}

/* The string literals of an argument outside any parentheses (a ternary's
 * branches, not the literals of its condition). */
function literals(arg) {
  const out = [];
  let depth = 0;
  for (let i = 0; i < arg.length; i++) {
    if (arg[i] === '(') depth++;
    else if (arg[i] === ')') depth--;
    else if (arg[i] === '"') {
      let j = i + 1;
      while (arg[j] !== '"') j += arg[j] === '\\' ? 2 : 1;
      if (depth === 0) out.push(arg.slice(i + 1, j));
      i = j;
    }
  }
  return out;
}

/* Which argument (0-based) of which call names an error code. */
const CODE_ARGS = [
  ['dctx_fail', [2]],
  ['dctx_text', [5, 6]],
  ['dctx_rate_locked', [4]],
  ['edge_error', [2]],
  ['api_bad_field', [2]],
  ['place_of_kind', [3]],
  ['app.error', [2]],
];

function sourceCodes() {
  const codes = new Map(); // code -> first place
  const fields = []; // [code, field, place] of dctx_fail with a literal field
  for (const f of walk(path.join(ROOT, 'src'), (p) => p.endsWith('.c'))) {
    const text = fs.readFileSync(f, 'utf8');
    const where = path.relative(ROOT, f);
    for (const [fn, idx] of CODE_ARGS) {
      for (const args of calls(text, fn)) {
        for (const k of idx) for (const code of literals(args[k] || '')) if (!codes.has(code)) codes.set(code, where);
        if (fn === 'dctx_fail')
          for (const code of literals(args[2] || '')) for (const field of literals(args[3] || '')) fields.push([code, field, where]);
      }
    }
    for (const m of text.matchAll(/(?:\bc|_dc\(r\))->code = "([a-z_0-9]+)"/g)) if (!codes.has(m[1])) codes.set(m[1], where);
  }
  // edge_fail answers wg_err_name(err) when the rules leave no code
  const err = fs.readFileSync(path.join(ROOT, 'src/core/err.c'), 'utf8');
  for (const m of err.matchAll(/return "([a-z_]+)";/g)) if (m[1] !== 'ok' && m[1] !== 'unknown') codes.set(m[1], 'src/core/err.c');
  return { codes, fields };
}

test('the source names error codes in every module (the scan finds them)', () => {
  const { codes } = sourceCodes();
  for (const c of ['title_required', 'vote_closed', 'meeting_invalid', 'bad_type', 'not_found', 'poster_key_invalid',
    'json_required', 'method_not_allowed', 'csrf_invalid']) assert.ok(codes.has(c), `${c} is found`);
  assert.ok(codes.size > 150, `${codes.size} codes`);
  assert.ok(!codes.has('cancelled'), 'the literals of a condition are not codes');
});

test('every error code has a message in zh-Hans, zh-Hant and en', () => {
  const { table, dups } = strings();
  assert.deepEqual(dups, [], 'each key is defined once');
  const missing = [];
  for (const [code, where] of sourceCodes().codes) {
    const row = table.get(code);
    if (!row || row.cols.length < 3 || row.cols.slice(0, 3).some((s) => !s || !s.trim())) missing.push(`${code} (${where})`);
  }
  assert.deepEqual(missing, []);
});

test('a message for a code and a field has all three languages too', () => {
  const { table } = strings();
  const bad = [];
  for (const [key, row] of table) if (/^[a-z_0-9]+\.[a-z_0-9]+$/.test(key) && row.cols.slice(0, 3).some((s) => !s)) bad.push(key);
  assert.deepEqual(bad, []);
  // the one the review found: a vote's agenda item is not a council's agenda input
  assert.ok(table.has('agenda_item_invalid.agenda_item_id'));
  assert.ok(sourceCodes().fields.some(([c, f]) => c === 'agenda_item_invalid' && f === 'agenda_item_id'));
});
