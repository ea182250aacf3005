// The house rules of src/ (docs/architecture.md, "Rules"), checked on the
// source text. Prints one line per breach and exits 1 when there is any.
//
//  floors      core < store, algo < kernel < edge < mod, and core < http <
//              edge (the kernel knows no HTTP): a folder
//              includes only the floors below it (and itself)
//  order       a module includes only modules listed before it in
//              src/modules.c (and itself)
//  store       a module includes no other module's NAME_store.h
//  handlers    page and API handlers (*_web.c, *_api.c) call their module's
//              rules: no store header, no ->st
//  sql         SQL text only in store/, kernel/, edge/session.c and a
//              module's *_store.c
//  prefix      a file's exported names carry its name (its first word) or
//              its floor as prefix
//  size        no file over 800 lines without "over 800 lines" and the
//              reason in its opening comment
//  main        main.c holds no route rows
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SRC = path.join(ROOT, 'src');
const breaches = [];
const fail = (file, line, rule, msg) => breaches.push(`${path.relative(ROOT, file)}:${line}: ${rule}: ${msg}`);

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.[ch]$/.test(e.name)) out.push(p);
  }
  return out;
}

/* The floor of a file: core, http, store, algo, kernel, edge, mod/NAME, or top (main.c, modules.c). */
function floorOf(rel) {
  const parts = rel.split('/');
  if (parts.length === 1) return 'top';
  if (parts[0] === 'mod') return `mod/${parts[1]}`;
  return parts[0];
}

const BELOW = {
  core: ['core'],
  http: ['core', 'http'],
  store: ['core', 'store'],
  algo: ['core', 'algo'],
  kernel: ['core', 'store', 'algo', 'kernel'],
  edge: ['core', 'http', 'store', 'algo', 'kernel', 'edge'],
};

/* The module list, in order: the folder of each descriptor src/modules.c names. */
function moduleOrder(files) {
  const dirOf = {};
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/const struct module (\w+) = \{[^}]*?\.dir = "([^"]+)"/gs)) dirOf[m[1]] = m[2];
  }
  const list = fs.readFileSync(path.join(SRC, 'modules.c'), 'utf8');
  const body = list.slice(list.indexOf('#define MODULES(X)'), list.indexOf('#define DECLARE'));
  const order = [];
  for (const m of body.matchAll(/X\((\w+)\)/g)) {
    const sym = `${m[1]}_module`;
    if (!dirOf[sym]) fail(path.join(SRC, 'modules.c'), 1, 'order', `${sym} has no descriptor with a .dir`);
    else order.push(dirOf[sym]);
  }
  if (order.length < 3) fail(path.join(SRC, 'modules.c'), 1, 'order', 'the module list was not found');
  return order;
}

/* Whether the declaration starting at lines[i] is a definition: after its
 * parameter list comes a body, not a semicolon. */
function isDefinition(lines, i) {
  const rest = lines.slice(i, i + 12).join('\n');
  let depth = 0;
  for (let k = rest.indexOf('('); k < rest.length; k++) {
    if (rest[k] === '(') depth++;
    else if (rest[k] === ')' && --depth === 0) return /^\s*\{/.test(rest.slice(k + 1));
  }
  return false;
}

const files = walk(SRC);
const order = moduleOrder(files);
const rank = (floor) => order.indexOf(floor);

for (const file of files) {
  const rel = path.relative(SRC, file);
  const floor = floorOf(rel);
  const base = path.basename(rel).replace(/\.[ch]$/, '');
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const isStoreFile = /_store\.[ch]$/.test(rel);
  const isHandler = /_(web|api)\.c$/.test(rel);

  // ---- includes ----
  lines.forEach((line, i) => {
    const m = /^#include "([^"]+)"/.exec(line);
    if (!m) return;
    const inc = m[1];
    if (!fs.existsSync(path.join(SRC, inc))) return; // a library's header (h2o.h)
    const incFloor = floorOf(inc);
    if (floor === 'top' || incFloor === 'top' && floor === 'top') return;
    if (incFloor === 'top') {
      if (!/^(mod|edge)/.test(floor) || inc !== 'modules.h') fail(file, i + 1, 'floors', `includes ${inc}`);
      return;
    }
    if (BELOW[floor]) {
      if (!BELOW[floor].includes(incFloor) && !inc.startsWith(`${floor}/`) && !(path.dirname(inc) === '.' && floor !== 'top'))
        fail(file, i + 1, 'floors', `${floor} includes ${inc} (a floor above it)`);
      return;
    }
    // a module
    if (incFloor.startsWith('mod/')) {
      if (incFloor !== floor && (rank(incFloor) < 0 || rank(incFloor) > rank(floor)))
        fail(file, i + 1, 'order', `${floor} includes ${inc}, a module listed after it`);
      if (incFloor !== floor && /_store\.h$/.test(inc)) fail(file, i + 1, 'store', `includes another module's ${inc}`);
    }
    if (incFloor === 'store' && inc !== 'store/store.h' && !isStoreFile)
      fail(file, i + 1, 'store', `${inc}: only a module's *_store.c talks to the store's statements`);
    if (isHandler && (incFloor === 'store' || /_store\.h$/.test(inc)))
      fail(file, i + 1, 'handlers', `a handler includes ${inc}; call the module's rules`);
  });

  // ---- handlers never reach the store ----
  if (isHandler)
    lines.forEach((line, i) => { if (/->st\b/.test(line)) fail(file, i + 1, 'handlers', 'uses ->st; call the module\'s rules'); });

  // ---- SQL text ----
  const sqlAllowed = floor === 'store' || floor === 'kernel' || rel === 'edge/session.c' || isStoreFile;
  if (!sqlAllowed)
    lines.forEach((line, i) => {
      if (/"[^"]*\b(SELECT\s+[\w*(]|INSERT INTO|UPDATE\s+\w+\s+SET|DELETE FROM|CREATE (TABLE|INDEX))/.test(line))
        fail(file, i + 1, 'sql', 'SQL outside the store, the kernel and *_store.c');
    });

  // ---- exported names ----
  if (rel.endsWith('.c') && rel !== 'main.c') {
    const first = base.split('_')[0];
    const allowed = [`${base}_`, `${first}_`, floor === 'http' ? 'http_' : null, `${first}`].filter(Boolean);
    const ok = (name) => allowed.some((p) => name === p.replace(/_$/, '') || name.startsWith(p.endsWith('_') ? p : `${p}_`)) ||
      (rel === 'core/err.c' && name.startsWith('wg_')) || name.endsWith(`_${first}`) || name === `${first}_module`;
    let depth = 0;
    lines.forEach((line, i) => {
      if (depth === 0 && !/^(static|extern|typedef|#|\s|\/|\*|}|$)/.test(line)) {
        // a definition at file scope: a function, or a variable with an initialiser
        const fn = /^[A-Za-z_][\w\s*]*?\b([a-z_][a-z0-9_]*)\s*\(/.exec(line);
        const v = /^(?:const\s+)?(?:struct\s+)?[\w\s*]+?\b([a-z_][a-z0-9_]*)(\s*\[\s*\w*\s*\])?\s*=/.exec(line);
        const name = fn && isDefinition(lines, i) ? fn[1] : !fn && v ? v[1] : null;
        if (name && !ok(name)) fail(file, i + 1, 'prefix', `exported ${name} does not start with ${first}_`);
      }
      for (const ch of line.replace(/"(\\.|[^"\\])*"|'(\\.|[^'\\])*'/g, '')) {
        if (ch === '{') depth++;
        else if (ch === '}') depth--;
      }
    });
  }

  // ---- size ----
  if (lines.length > 800) {
    const opening = text.slice(0, text.indexOf('*/') + 2);
    if (!/over 800 lines/i.test(opening)) fail(file, 1, 'size', `${lines.length} lines: split it, or say why in its opening comment ("over 800 lines: ...")`);
  }
}

// ---- main.c holds the command line only ----
const main = fs.readFileSync(path.join(SRC, 'main.c'), 'utf8');
if (/\{\s*"(GET|POST|PUT|DELETE|PATCH)",\s*"\//.test(main)) fail(path.join(SRC, 'main.c'), 1, 'main', 'route rows belong to their module');

for (const b of breaches) console.error(b);
process.exit(breaches.length ? 1 : 0);
