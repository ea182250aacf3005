// 凤凰苑's community staff import the household roster they keep in Excel,
// on a phone: the staff desk leads to the import page; a sheet with a bad phone
// number is refused row by row (row and column named, the ID numbers never
// read or shown, no apply button); the corrected sheet's dry run shows every
// change, and applying it adds the people; the same sheet again changes
// nothing. Then a member the roster brought in, who has no password, gets a
// sign-in code from the staff and signs in to her own household.
// The tests of this file run in order on one demo database.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startServer, launchBrowser, phoneContext, signedInContext, watch, submitAndWait, mainText,
  assertNoHScroll, assertAxeClean, assertNoProblems, clearProblems, shot,
} from './helpers.mjs';

const FSTAFF = '13800002001'; // 钱文华, 凤凰苑社区 community staff
const ID_NUMBER = '420102195001011234';
const HEADER = ['网格', '楼栋', '单元', '房号', '姓名', '手机号', '与户主关系', '身份证号', '备注'];
const GOOD = [
  ['第1网格', '1栋', '', '102', '王秀英', 13900004001, '户主', ID_NUMBER, '独居老人'],
  ['第1网格', '1栋', '', '102', '王小英', 13900004002, '子女', '', ''],
  ['第2网格', '9栋', '1', '101', '陈志明', 13900004003, '户主', '', '新交付楼栋'],
  ['第2网格', '9栋', '1', '102', '', '', '', '', '空置'],
];

let server, browser, page, dir;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = watch(await (await signedInContext(browser, server.base, FSTAFF)).newPage());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wugong-roster-'));
});

after(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  const end = await server?.stop();
  assert.deepEqual(end, { code: 0, sig: null }, `the server stops cleanly on SIGTERM\n${server?.log()}`);
});

/* An XLSX written by Debian's python3-openpyxl, as Excel would save it. */
function xlsx(name, rows) {
  const file = path.join(dir, name);
  execFileSync('/usr/bin/python3', ['-c', `
import json, sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active
for r in json.load(sys.stdin):
    ws.append(r)
wb.save(sys.argv[1])`, file], { input: JSON.stringify([HEADER, ...rows]) });
  return file;
}

async function checkPage(p, name) {
  await assertNoHScroll(p);
  await assertAxeClean(p);
  await shot(p, `roster-${name}`);
  assertNoProblems(p);
}

async function upload(file) {
  await page.goto('/roster');
  await page.setInputFiles('#roster-file', file);
  await submitAndWait(page, page.locator('#roster-upload button[type=submit]'));
  assert.match(new URL(page.url()).pathname, /^\/roster\/imports\/\d+$/);
}

/* The dry run's counts, by their labels. */
function counts() {
  return page.locator('#roster-counts dl.facts').evaluate((dl) => {
    const out = {};
    for (const dt of dl.querySelectorAll('dt')) out[dt.textContent.trim()] = Number(dt.nextElementSibling.textContent.trim());
    return out;
  });
}

test('from the staff desk to the import page; a sheet with a bad phone is refused by row and column, the ID numbers never shown', async () => {
  await page.goto('/staff');
  await submitAndWait(page, page.locator('main a', { hasText: '花名册导入' }));
  assert.equal(new URL(page.url()).pathname, '/roster');
  await checkPage(page, 'page');

  const bad = GOOD.map((r) => [...r]);
  bad[2][5] = 1390000; // seven digits
  await upload(xlsx('bad.xlsx', bad));
  assert.match(await mainText(page), /已生成预览，但有的行有问题/);
  assert.equal((await counts())['有问题的行'], 1);
  const row = page.locator('#roster-row-4'); // the header is row 1
  assert.match(await row.locator('.roster-error').innerText(), /^F/, 'the column is named');
  assert.equal(await page.locator('#roster-apply').count(), 0, 'no apply while a row is bad');
  assert.match(await page.locator('#roster-fix').innerText(), /请在表格里改正有问题的行/);
  assert.equal(await page.locator('#roster-id-ignored').count(), 1, 'says the ID column was not read');
  assert.doesNotMatch(await page.content(), new RegExp(ID_NUMBER), 'the ID number is nowhere on the page');
  await checkPage(page, 'bad');
  await submitAndWait(page, page.getByRole('button', { name: '放弃' }));
  assert.match(await page.locator('#roster-status').innerText(), /已放弃/);
});

test('the corrected sheet: the dry run shows every change; applying it adds the people to the community', async () => {
  const file = xlsx('good.xlsx', GOOD);
  await upload(file);
  assert.match(await mainText(page), /已生成预览，请核对后确认导入/);
  const k = await counts();
  assert.equal(k['有问题的行'], undefined, 'no bad rows');
  assert.equal(k['新增网格'], 0);
  assert.equal(k['新增楼栋'], 1, '9栋');
  assert.equal(k['新增居民'], 3);
  assert.equal(k['新增住户成员'], 3);
  assert.match(await page.locator('#roster-row-4').innerText(), /新增楼栋/);
  await checkPage(page, 'plan');

  await submitAndWait(page, page.locator('#roster-apply button[type=submit]'));
  assert.match(await mainText(page), /花名册已导入/);
  assert.match(await page.locator('#roster-status').innerText(), /已导入/);
  await checkPage(page, 'applied');

  await page.goto('/staff/people');
  const names = await page.locator('ul.people > li strong').allInnerTexts();
  for (const n of ['王秀英', '王小英', '陈志明']) assert.ok(names.includes(n), `${n} is in the people list`);

  await upload(file);
  const again = await counts();
  for (const label of ['新增网格', '新增楼栋', '新增住户', '新增居民', '新增住户成员', '修改与户主关系'])
    assert.equal(again[label], 0, `the same file again: ${label} 0`);
  assert.equal(again['已有居民（不变）'], 3);
  await submitAndWait(page, page.getByRole('link', { name: '有改动的行' }));
  assert.equal(await page.locator('#roster-rows > li').count(), 0, 'no row changes anything');
});

test('王秀英, brought in by the roster without a password, gets a code from the staff and signs in to her household', async () => {
  await page.goto('/staff/people');
  const row = page.locator('ul.people > li', { has: page.locator('strong', { hasText: '王秀英' }) });
  await submitAndWait(page, row.locator('button', { hasText: '发设置密码验证码' }));
  const code = (await page.locator('#passcode-code').innerText()).trim();

  const p = watch(await (await phoneContext(browser, server.base)).newPage());
  await p.goto('/passcode');
  await p.fill('#phone', '13900004001');
  await p.fill('#code', code);
  await p.fill('#password', 'xiuying-2026');
  await p.fill('#password2', 'xiuying-2026');
  await submitAndWait(p, p.locator('form[action="/passcode"] button[type=submit]'));
  await p.fill('#phone', '13900004001');
  await p.fill('#password', 'xiuying-2026');
  await submitAndWait(p, p.locator('form[action="/signin"] button[type=submit]'));
  assert.equal(new URL(p.url()).pathname, '/');
  assert.match(await p.locator('main h1').innerText(), /王秀英/);
  assert.match(await p.locator('dl.places').innerText(), /1栋/);
  clearProblems(p);
});
