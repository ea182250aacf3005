// Roster import (花名册导入): 凤凰苑's staff upload the household roster they
// keep. The dry run shows every place, household and person to add, change
// or leave, and every bad row by row and column; apply does it in one
// transaction; the same file again changes nothing. XLSX files are written
// here by Debian's python3-openpyxl (and by hand for malformed ones: not a
// zip, a zip without a sheet, broken XML, a DTD, a huge sheet, a zip bomb);
// CSV in UTF-8 and GB18030. Who may: the community's staff and the street,
// nobody else; another community's import is not there.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { useServer, Client, PHONES, demoPlaces } from './helpers.mjs';
import { sql } from '../crash/checks.mjs';

const h = useServer();
const c = {};
let P, dir;
const PY = '/usr/bin/python3'; // Debian's, which has openpyxl

before(async () => {
  await h.ready;
  for (const k of ['street', 'staff', 'grid', 'resident', 'fStaff', 'fGrid', 'fResident']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  P = await demoPlaces(c.street);
  dir = h.tempDir();
});

const HEADER = ['网格', '楼栋', '单元', '房号', '姓名', '手机号', '与户主关系', '身份证号', '备注'];

/* An XLSX of rows (arrays; numbers stay numbers) written by openpyxl. */
function xlsx(rows, name = 'r.xlsx') {
  const file = path.join(dir, name);
  execFileSync(PY, ['-c', `
import json, sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active
for r in json.load(sys.stdin):
    ws.append(r)
wb.save(sys.argv[1])`, file], { input: JSON.stringify(rows) });
  return fs.readFileSync(file);
}

/* A zip of {name: text} parts (stored or deflated), written by Python's zipfile. */
function zip(parts, name = 'z.xlsx') {
  const file = path.join(dir, name);
  execFileSync(PY, ['-c', `
import json, sys, zipfile
parts = json.load(sys.stdin)
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for k, v in parts.items():
        z.writestr(k, v)`, file], { input: JSON.stringify(parts) });
  return fs.readFileSync(file);
}

const csv = (rows) => Buffer.from('\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n');

async function upload(client, data, { name = 'roster.xlsx', community = P.F } = {}) {
  const fd = new FormData();
  if (community !== null) fd.append('community', String(community));
  fd.append('file', new Blob([data]), name);
  return client.req('POST', '/api/v1/roster/imports', { body: fd });
}

const WORKBOOK = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const sheetXml = (body, pre = '') => `<?xml version="1.0"?>${pre}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
const handZip = (sheet) => zip({ 'xl/workbook.xml': WORKBOOK, 'xl/_rels/workbook.xml.rels': RELS, 'xl/worksheets/sheet1.xml': sheet });

let sample, first, demo;

test('the template and the demo sample download as CSV for staff only', async () => {
  const t = await c.fStaff.get('/roster/template.csv');
  assert.equal(t.status, 200);
  assert.match(t.headers.get('content-type'), /^text\/csv/);
  assert.ok(t.buf.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'a BOM for Excel');
  assert.match(t.text, /网格,楼栋,单元,房号,姓名,手机号,与户主关系,身份证号,备注/);
  const s = await c.fStaff.get('/roster/sample.csv');
  assert.equal(s.status, 200);
  sample = s.buf;
  assert.ok((await c.fResident.get('/roster/sample.csv')).status >= 400);
});

test('dry run of the sample: every add and leave counted, nothing written yet', async () => {
  const r = await upload(c.fStaff, sample, { name: 'roster-sample.csv' });
  assert.equal(r.status, 201, r.text);
  first = r.json;
  assert.equal(first.status, 'pending');
  assert.equal(first.format, 'csv');
  assert.equal(first.errors, 0);
  assert.equal(first.may_apply, true);
  assert.deepEqual(first.counts, {
    rows: 11, errors: 0, grids_add: 1, buildings_add: 2, households_add: 4, households_leave: 4,
    people_add: 9, people_leave: 1, members_add: 9, members_change: 0, members_leave: 1,
  });
  assert.equal(first.columns.id_number_ignored, true, 'the ID column is named as ignored');
  // the demo carries the same roster, uploaded and waiting to be checked
  const list = (await c.fStaff.get(`/api/v1/roster/imports?community=${P.F}`)).json.items;
  demo = list.find((i) => i.filename === '凤凰苑住户花名册.csv');
  assert.equal(demo.status, 'pending');
  assert.deepEqual(demo.counts, first.counts);
  assert.ok(first.columns.ignored.some((k) => k.column === 'H' && k.id_number));
  assert.deepEqual(first.columns.recognised.map((k) => k.field), ['grid', 'building', 'unit', 'room', 'name', 'phone', 'relation', 'note']);
  // rows: 许芳 is there already; her household too; the new building's rows add
  const all = (await c.fStaff.get(`/api/v1/roster/imports/${first.id}?filter=all&limit=100`)).json.page;
  assert.equal(all.total, 11);
  const xu = all.items.find((i) => i.row === 2);
  assert.deepEqual(xu.actions, { grid: 'leave', building: 'leave', household: 'leave', person: 'leave', member: 'leave' });
  assert.equal(xu.changed, false);
  assert.equal(xu.phone, '138****2201', 'phones masked in the plan');
  const chen = all.items.find((i) => i.row === 8);
  assert.deepEqual(chen.actions, { grid: 'leave', building: 'add', household: 'add', person: 'add', member: 'add' });
  const huang = all.items.find((i) => i.row === 12);
  assert.deepEqual(huang.actions, { grid: 'none', building: 'none', household: 'none', person: 'add', member: 'add' });
  const changes = (await c.fStaff.get(`/api/v1/roster/imports/${first.id}?filter=changes&limit=3&offset=3`)).json.page;
  assert.equal(changes.total, 10, 'all rows but 许芳\'s');
  assert.equal(changes.items.length, 3);
  // nothing written yet: no grid 3
  const grids = (await c.fStaff.get(`/api/v1/places/${P.F}/children?limit=100`)).json.items;
  assert.ok(!grids.some((g) => g.name === '第3网格'));
});

test('apply: one transaction, audited; the same file again changes nothing', async () => {
  const res = await c.fResident.post(`/api/v1/roster/imports/${first.id}/apply`);
  assert.equal(res.status, 403);
  assert.equal(res.json.error.code, 'forbidden');
  const noCsrf = await c.fStaff.req('POST', `/api/v1/roster/imports/${first.id}/apply`, { csrf: false });
  assert.equal(noCsrf.status, 403);
  const audited = () => Number(sql(h.db, `SELECT count(*) FROM audit WHERE action = 'roster_apply' AND target = 'roster_import:${first.id}'`)[0][0]);
  assert.equal(audited(), 0);
  const r = await c.fStaff.post(`/api/v1/roster/imports/${first.id}/apply`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'applied');
  assert.equal(audited(), 1, 'the apply is audited');
  // the people it added are residents of their households, with no password
  const xuMing = sql(h.db, "SELECT p.name, p.pw_hash, m.relation, r.role FROM person p JOIN household_member m ON m.person_id = p.id " +
    "JOIN role_assignment r ON r.person_id = p.id AND r.place_id = m.household_id WHERE p.phone = '13900003001'");
  assert.deepEqual(xuMing.map((x) => x.map(String)), [['许明', '!', 'family', 'resident']]);
  assert.notEqual((await new Client(h.url).trySignIn('13900003001', '!')).status, 201, 'no password signs her in');
  assert.equal((await c.fStaff.post(`/api/v1/roster/imports/${first.id}/apply`)).status, 409);
  // the demo's plan of the same file is stale now: it would add what is there
  const stale = await c.fStaff.post(`/api/v1/roster/imports/${demo.id}/apply`);
  assert.equal(stale.status, 409);
  assert.equal(stale.json.error.code, 'roster_stale');
  // the new grid, building 8 and its household are there
  const grids = (await c.fStaff.get(`/api/v1/places/${P.F}/children?limit=100`)).json.items;
  const g3 = grids.find((g) => g.name === '第3网格');
  assert.ok(g3, 'grid 3 added');
  const b8 = (await c.fStaff.get(`/api/v1/places/${g3.id}/children`)).json.items;
  assert.deepEqual(b8.map((b) => b.name), ['8栋']);
  const hh = (await c.fStaff.get(`/api/v1/places/${b8[0].id}/children`)).json.items;
  assert.deepEqual(hh.map((x) => x.code), ['1-101']);
  // again: all left as they are
  const again = await upload(c.fStaff, sample, { name: 'roster-sample.csv' });
  assert.equal(again.status, 201, again.text);
  const k = again.json.counts;
  assert.equal(k.grids_add + k.buildings_add + k.households_add + k.people_add + k.members_add + k.members_change, 0, JSON.stringify(k));
  assert.equal(k.households_leave, 8);
  assert.equal(k.people_leave, 10);
  assert.equal(k.members_leave, 10);
  const changed = (await c.fStaff.get(`/api/v1/roster/imports/${again.json.id}?filter=changes`)).json.page;
  assert.equal(changed.total, 0, 'no row changes anything');
  assert.equal((await c.fStaff.post(`/api/v1/roster/imports/${again.json.id}/apply`)).status, 200);
  const grids2 = (await c.fStaff.get(`/api/v1/places/${P.F}/children?limit=100`)).json.items;
  assert.equal(grids2.length, grids.length);
});

test('an XLSX roster: numbers as phones, Traditional headers, a title row, a changed relation', async () => {
  const data = xlsx([
    ['鳳凰苑社區住戶花名冊'],
    ['網格', '樓棟', '房號', '姓名', '手機號', '與戶主關係'],
    ['第1网格', '1栋', 101, '许明', 13900003001, '租户'],
    ['第1网格', 3, 301, '吴东', 13900003101, '户主'],
  ]);
  const r = await upload(c.fStaff, data);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.format, 'xlsx');
  const k = r.json.counts;
  assert.equal(k.members_change, 1, 'a family member becomes a tenant');
  assert.equal(k.people_add, 1);
  assert.equal(k.households_add, 0, '3栋301 is there: "3" names 3栋, 301 its household');
  assert.equal(k.households_leave, 2);
  const rows = (await c.fStaff.get(`/api/v1/roster/imports/${r.json.id}?filter=all`)).json.page.items;
  assert.deepEqual(rows.map((x) => x.row), [3, 4], 'rows numbered as in the sheet');
  assert.equal(rows[0].actions.member, 'change');
  assert.equal((await c.fStaff.post(`/api/v1/roster/imports/${r.json.id}/apply`)).status, 200);
});

test('English headers in any order; GB18030 CSV', async () => {
  const en = csv([['Name', 'Room', 'Building', 'Grid', 'Mobile'], ['林静', '1-102', '7栋', '第2网格', '139 0000 3007']]);
  const r = await upload(c.fStaff, en, { name: 'en.csv' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.errors, 0, JSON.stringify(r.json.page.items));
  assert.equal(r.json.counts.members_leave, 1, JSON.stringify(r.json) + '7栋 1-102 (unit-room in one cell) is 林静\'s already');
  const gb = Buffer.concat([Buffer.from('网格,楼栋,房号\n第1网格,1栋,101\n', 'utf8')]);
  const iconv = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: gb });
  const g = await upload(c.fStaff, iconv, { name: 'gb.csv' });
  assert.equal(g.status, 201, g.text);
  assert.equal(g.json.counts.households_leave, 1);
});

test('bad rows: by row and column, with a message; apply refused', async () => {
  const data = xlsx([
    HEADER,
    ['第1网格', '1栋', null, '101', '许芳', 13800002201, '户主', '420100199001011234', ''],
    ['第1网格', '1栋', null, '103', '错号', 12345, '户主', null, null],
    ['第1网格', '1栋', null, null, '无房', 13900009001, '户主', null, null],
    ['第1网格', '1栋', null, '104', '改名', 13800002201, '户主', null, null],
    ['第1网格', '1栋', null, '105', '无号', null, null, null, null],
    ['第2网格', '1栋', null, '101', '别的网格', 13900009002, null, null, null],
    ['第1网格', '1栋', null, '106', '外社区', 13800001201, null, null, null],
    ['第1网格', '1栋', null, '101', '许芳', 13800002201, '户主', null, '重复'],
  ]);
  const r = await upload(c.fStaff, data);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.errors, 7);
  assert.equal(r.json.may_apply, false);
  const rows = (await c.fStaff.get(`/api/v1/roster/imports/${r.json.id}`)).json.page.items; // default: errors
  const err = Object.fromEntries(rows.map((x) => [x.row, x.error]));
  assert.deepEqual(err[3], { code: 'roster_phone_invalid', column: 'F', field: 'phone' });
  assert.deepEqual(err[4], { code: 'roster_room_required', column: 'D', field: 'room' });
  assert.deepEqual(err[5], { code: 'roster_name_differs', column: 'E', field: 'name' });
  assert.deepEqual(err[6], { code: 'roster_phone_required', column: 'F', field: 'phone' });
  assert.deepEqual(err[7], { code: 'roster_building_other_grid', column: 'B', field: 'building' });
  assert.deepEqual(err[8], { code: 'roster_phone_elsewhere', column: 'F', field: 'phone' });
  assert.deepEqual(err[9], { code: 'roster_duplicate', column: 'F', field: 'phone' });
  assert.equal(err[2], null);
  const a = await c.fStaff.post(`/api/v1/roster/imports/${r.json.id}/apply`);
  assert.equal(a.status, 422);
  assert.equal(a.json.error.code, 'roster_has_errors');
  // the ID number is in no stored row
  const all = (await c.fStaff.get(`/api/v1/roster/imports/${r.json.id}?filter=all`)).text;
  assert.ok(!all.includes('420100199001011234'));
});

test('malformed files: a clear 4xx each, nothing stored', async () => {
  const before = (await c.fStaff.get(`/api/v1/roster/imports?community=${P.F}`)).json.items.length;
  const big = ('<!--' + 'A'.repeat(1000) + '-->').repeat(60 * 1024);
  const cases = [
    [Buffer.from('PK\x03\x04 this is no zip at all'), 422, 'sheet_zip_invalid'],
    [zip({ 'hello.txt': 'no workbook here' }), 422, 'sheet_no_worksheet'],
    [handZip(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>网格</t></is></c>')), 422, 'sheet_xml_invalid'],
    [handZip(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>',
      '<!DOCTYPE worksheet [<!ENTITY e "x">]>')), 422, 'sheet_xml_invalid'],
    [handZip(sheetXml('<row r="1"><c r="A1" t="s"><v>7</v></c></row>')), 422, 'sheet_xml_invalid'],
    [handZip('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'),
    413, 'sheet_too_many_columns'],
    [handZip(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>', big)), 413, 'sheet_zip_bomb'],
    [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 422, 'sheet_xls_unsupported'],
    [Buffer.from('网格,楼栋\n"第1网格,1栋\n'), 422, 'sheet_csv_quote'],
    [csv([['姓名', '手机号'], ['张三', '13900000000']]), 422, 'roster_columns_missing'],
    [csv([HEADER]), 422, 'roster_no_rows'],
    [Buffer.from([0xff, 0xfe, 0x41, 0x00]), 422, 'sheet_encoding'],
  ];
  for (const [data, status, code] of cases) {
    const r = await upload(c.fStaff, data);
    assert.equal(r.json?.error?.code, code, r.text);
    assert.equal(r.status, status, `${code}: ${r.text}`);
  }
  const empty = await upload(c.fStaff, Buffer.alloc(0));
  assert.equal(empty.status, 422);
  const none = await c.fStaff.req('POST', '/api/v1/roster/imports', { body: new FormData() });
  assert.ok(none.status >= 400 && none.status < 500);
  const where = await upload(c.fStaff, handZip(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>网格</t></is></c></row>' +
    `<row r="2"><c r="C2" t="inlineStr"><is><t>${'长'.repeat(400)}</t></is></c></row>`)));
  assert.equal(where.status, 413);
  assert.equal(where.json.error.code, 'sheet_cell_too_long');
  assert.equal(where.json.error.field, 'file:C2', 'the cell at fault');
  const after = (await c.fStaff.get(`/api/v1/roster/imports?community=${P.F}`)).json.items.length;
  assert.equal(after, before);
});

test('a sheet with gaps: cells and rows skipped are empty, not shifted', async () => {
  const r = await upload(c.fStaff, handZip(sheetXml(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>网格</t></is></c><c r="B1" t="inlineStr"><is><t>楼栋</t></is></c>' +
    '<c r="D1" t="inlineStr"><is><t>房号</t></is></c><c r="F1" t="inlineStr"><is><t>手机号</t></is></c></row>' +
    '<row r="12"><c r="A12" t="inlineStr"><is><t>第1网格</t></is></c><c r="B12" t="inlineStr"><is><t>1栋</t></is></c>' +
    '<c r="D12"><v>1.02E2</v></c></row>')));
  assert.equal(r.status, 201, r.text);
  const rows = (await c.fStaff.get(`/api/v1/roster/imports/${r.json.id}?filter=all`)).json.page.items;
  assert.equal(rows.length, 1);
  assert.equal(rows[0].row, 12);
  assert.equal(rows[0].room, '102', 'a number as typed');
  assert.equal(rows[0].actions.household, 'leave');
});

test('apply after the data changed since the dry run: 409, nothing written', async () => {
  const a = await upload(c.fStaff, csv([HEADER, ['第2网格', '9栋', '', '101', '', '', '', '', '']]));
  const b = await upload(c.fStaff, csv([HEADER, ['第2网格', '9栋', '', '101', '', '', '', '', '']]));
  assert.equal((await c.fStaff.post(`/api/v1/roster/imports/${a.json.id}/apply`)).status, 200);
  const r = await c.fStaff.post(`/api/v1/roster/imports/${b.json.id}/apply`);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'roster_stale');
  const st = (await c.fStaff.get(`/api/v1/roster/imports/${b.json.id}`)).json;
  assert.equal(st.status, 'pending');
  const d = await c.fStaff.post(`/api/v1/roster/imports/${b.json.id}/discard`);
  assert.equal(d.status, 200);
  assert.equal(d.json.status, 'discarded');
  assert.equal((await c.fStaff.post(`/api/v1/roster/imports/${b.json.id}/apply`)).status, 409);
});

test('who may: community staff and the street; not residents, grid workers, another community', async () => {
  const data = csv([HEADER, ['第1网格', '1栋', '', '101', '', '', '', '', '']]);
  for (const k of ['fResident', 'fGrid']) {
    const r = await upload(c[k], data);
    assert.equal(r.status, 403, `${k}: ${r.text}`);
    assert.equal(r.json.error.code, 'forbidden');
  }
  // 龙湖's people do not see 凤凰苑
  for (const k of ['resident', 'grid', 'staff']) {
    const r = await upload(c[k], data);
    assert.equal(r.status, 404, `${k}: ${r.text}`);
    assert.equal(r.json.error.code, 'not_found');
  }
  assert.equal((await c.staff.get(`/api/v1/roster/imports/${first.id}`)).json.error.code, 'not_found');
  assert.equal((await c.staff.get(`/api/v1/roster/imports/${first.id}`)).status, 404);
  assert.equal((await c.staff.get(`/api/v1/roster/imports?community=${P.F}`)).status, 404);
  const st = await upload(c.street, data);
  assert.equal(st.status, 201, st.text);
  const noCom = await upload(c.street, data, { community: null });
  assert.equal(noCom.status, 422);
  assert.equal(noCom.json.error.code, 'roster_community_required');
  const own = await upload(c.staff, data, { community: null });
  assert.equal(own.status, 201, 'her own community by default');
  assert.equal(own.json.community.id, P.L);
  const anon = new Client(h.url);
  assert.equal((await anon.get(`/api/v1/roster/imports/${first.id}`)).status, 401);
  assert.equal((await c.fStaff.get('/api/v1/roster/imports/99999999')).status, 404);
  assert.equal((await c.fStaff.get(`/api/v1/roster/imports/${first.id}?filter=nope`)).status, 422);
});

test('the pages: upload form, plan with its rows, apply by form', async () => {
  const page = await c.fStaff.get(`/roster?community=${P.F}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="roster-upload"/);
  assert.match(page.text, /roster-sample\.csv|\/roster\/sample\.csv/);
  const fd = new FormData();
  fd.append('_csrf', c.fStaff.csrfToken);
  fd.append('community', String(P.F));
  fd.append('file', new Blob([csv([HEADER, ['第2网格', '9栋', '', '102', '郑一', '13900003201', '户主', '', '']])]), 'web.csv');
  const up = await c.fStaff.req('POST', '/roster/imports', { body: fd, csrf: false });
  assert.equal(up.status, 303, up.text);
  const loc = up.headers.get('location');
  assert.match(loc, /^\/roster\/imports\/\d+$/);
  const plan = await c.fStaff.get(loc);
  assert.equal(plan.status, 200);
  assert.match(plan.text, /id="roster-apply"/);
  assert.match(plan.text, /郑一/);
  const ap = await c.fStaff.req('POST', `${loc}/apply`, { form: { _csrf: c.fStaff.csrfToken }, csrf: false });
  assert.equal(ap.status, 303);
  const done = await c.fStaff.get(loc);
  assert.doesNotMatch(done.text, /id="roster-apply"/);
  assert.equal((await c.fResident.get(`/roster?community=${P.F}`)).status >= 400, true);
  // the community page links to the import for staff only
  assert.match((await c.fStaff.get(`/places/${P.F}`)).text, /id="roster-link"/);
  assert.doesNotMatch((await c.fGrid.get(`/places/${P.F}`)).text, /id="roster-link"/);
});
