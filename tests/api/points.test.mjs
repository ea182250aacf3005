// Points (积分): the append-only double-entry ledger. Staff award by hand
// with a reason and a key (the same key is the same transaction), the day
// cap holds under 50 awards at once, a correction is a reversing
// transaction, statements are scoped to their community and person, bad
// input writes nothing, and `wugong ledger-check` proves every transaction
// sums to zero and every cached balance equals its postings.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { useServer, Client, PHONES, BIN, STORE, sanitizerEnv } from './helpers.mjs';

const h = useServer();
const c = {};
const id = {};

before(async () => {
  await h.ready;
  for (const k of ['staff', 'grid', 'resident', 'tenant', 'leader', 'fStaff', 'fResident']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
    id[k] = (await c[k].get('/api/v1/me')).json.id;
  }
});

const award = (who, to, body) => c[who].post(`/api/v1/people/${id[to]}/points`, body);
const balance = async (who) => (await c[who].get('/api/v1/points')).json.balance;
function ledgerCheck() {
  const r = spawnSync(BIN, ['ledger-check', '--db', h.db], { env: sanitizerEnv(), encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('an award with a reason and a key; the same key again is the same transaction', async () => {
  let st = await c.resident.get('/api/v1/points');
  assert.equal(st.status, 200, st.text);
  assert.equal(st.json.balance, 0);
  assert.deepEqual(st.json.items, []);
  const a = await award('staff', 'resident', { amount: 5, reason: '清理自行车棚', key: 'shed-1' });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.granted, 5);
  const again = await award('staff', 'resident', { amount: 5, reason: '清理自行车棚', key: 'shed-1' });
  assert.equal(again.status, 201);
  assert.equal(again.json.id, a.json.id);
  st = (await c.resident.get('/api/v1/points')).json;
  assert.equal(st.balance, 5);
  assert.equal(st.balance_checked, true);
  assert.equal(st.items.length, 1);
  assert.equal(st.items[0].rule, 'manual');
  assert.equal(st.items[0].reason, '清理自行车棚');
  assert.deepEqual(st.items[0].source, { kind: 'person', id: id.resident });
  // staff read her statement; the page shows the balance
  const seen = await c.staff.get(`/api/v1/people/${id.resident}/points`);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.balance, 5);
  const page = await c.resident.get('/points');
  assert.equal(page.status, 200);
  assert.match(page.text, /<strong id="points-balance">5<\/strong>/);
  assert.match(page.text, /清理自行车棚/);
});

test('a correction reverses a transaction once, and never below what is left', async () => {
  const a = await award('staff', 'leader', { amount: 3, reason: '楼道清扫', key: 'hall-1' });
  assert.equal(a.status, 201, a.text);
  const r = await c.staff.post(`/api/v1/points/transactions/${a.json.id}/reverse`, { reason: '记错了人' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.reverses, a.json.id);
  const twice = await c.staff.post(`/api/v1/points/transactions/${a.json.id}/reverse`, { reason: '再来一次' });
  assert.equal(twice.status, 409);
  assert.equal(twice.json.error.code, 'points_already_reversed');
  const st = (await c.leader.get('/api/v1/points')).json;
  assert.equal(st.balance, 0);
  assert.equal(st.items.length, 2);
  assert.equal(st.items[0].kind, 'reverse');
  assert.equal(st.items[0].amount, -3);
  assert.equal(st.items[1].reversed_by, r.json.id);
  // a reversal is not itself reversible
  const back = await c.staff.post(`/api/v1/points/transactions/${r.json.id}/reverse`, { reason: '撤销更正' });
  assert.equal(back.status, 409);
  assert.equal(back.json.error.code, 'points_not_reversible');
});

test('the day cap holds under 50 awards at once; the next day earns again', async () => {
  const rs = await Promise.all(Array.from({ length: 50 }, (_, i) =>
    award('staff', 'tenant', { amount: 1, reason: '志愿值守', key: `duty-${i}` })));
  const ok = rs.filter((r) => r.status === 201);
  const capped = rs.filter((r) => r.status === 409);
  assert.equal(ok.length + capped.length, 50, rs.map((r) => r.status).join(','));
  assert.equal(ok.reduce((s, r) => s + r.json.granted, 0), 20); // points_day_cap defaults to 20
  assert.ok(capped.every((r) => r.json.error.code === 'points_cap_reached'));
  assert.equal(await balance('tenant'), 20);
  // 50 at once with one key: one transaction
  const same = await Promise.all(Array.from({ length: 50 }, () =>
    award('staff', 'fResident', { amount: 2, reason: '同一件事', key: 'one-key' })));
  assert.equal(same.filter((r) => r.status === 404).length, 50); // another community's resident: not this staff's
  await h.advance(86400);
  for (const k of Object.keys(c)) { c[k] = new Client(h.url, k); await c[k].signIn(PHONES[k]); } // sessions end after 30 idle minutes
  const next = await award('staff', 'tenant', { amount: 4, reason: '第二天', key: 'duty-next' });
  assert.equal(next.status, 201, next.text);
  assert.equal(next.json.granted, 4);
  const check = ledgerCheck();
  assert.equal(check.code, 0, check.err);
  assert.match(check.out, /^ledger ok: \d+ transactions, \d+ accounts/);
});

test('points held expire at the community\'s date, by a job, in the ledger', async () => {
  const community = (await c.staff.get('/api/v1/me')).json.community_id;
  const now = Math.floor(Date.now() / 1000) + h.clockOffset;
  const d = new Date((now + 2 * 86400 + 8 * 3600) * 1000); // China time, two days on
  const mmdd = String((d.getUTCMonth() + 1) * 100 + d.getUTCDate());
  const set = await c.staff.put(`/api/v1/places/${community}/settings`, { points_expire_mmdd: mmdd });
  assert.equal(set.status, 200, set.text);
  const a = await award('staff', 'leader', { amount: 7, reason: '修车棚', key: 'expiring-1' });
  assert.equal(a.status, 201, a.text);
  const had = await balance('resident');
  assert.ok(had > 0);
  await h.advance(3 * 86400);
  for (const k of Object.keys(c)) { c[k] = new Client(h.url, k); await c[k].signIn(PHONES[k]); }
  const st = (await c.leader.get('/api/v1/points')).json;
  assert.equal(st.balance, 0);
  assert.equal(st.items[0].kind, 'expire');
  assert.equal(st.items[0].amount, -7);
  assert.equal(st.items[0].reason, `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`);
  assert.equal(await balance('resident'), 0); // everyone's, not only the last earner's
  assert.equal((await c.resident.get('/api/v1/points')).json.items[0].amount, -had);
  const check = ledgerCheck();
  assert.equal(check.code, 0, check.err);
  // back to no expiry for the tests after
  assert.equal((await c.staff.put(`/api/v1/places/${community}/settings`, { points_expire_mmdd: '0' })).status, 200);
});

test('another community sees nothing; residents neither read others nor award', async () => {
  let r = await c.fStaff.get(`/api/v1/people/${id.resident}/points`);
  assert.equal(r.status, 404);
  r = await c.fStaff.post(`/api/v1/people/${id.resident}/points`, { amount: 1, reason: 'x', key: 'f-1' });
  assert.equal(r.status, 404);
  r = await c.tenant.get(`/api/v1/people/${id.resident}/points`);
  assert.equal(r.status, 403);
  r = await award('resident', 'tenant', { amount: 1, reason: '互相奖励', key: 'r-1' });
  assert.equal(r.status, 403);
  r = await award('grid', 'tenant', { amount: 1, reason: '网格员', key: 'g-1' }); // manage_points: staff and street
  assert.equal(r.status, 403);
  const t = (await c.staff.get(`/api/v1/people/${id.resident}/points`)).json.items[0].id;
  r = await c.fStaff.post(`/api/v1/points/transactions/${t}/reverse`, { reason: '越界' });
  assert.equal(r.status, 404);
  r = await c.fResident.get(`/api/v1/points?community=${(await c.staff.get('/api/v1/me')).json.community_id}`);
  assert.equal(r.status, 404);
});

test('a community that keeps points by household: two members share one account', async () => {
  const fStaff = new Client(h.url, 'fStaffH');
  await fStaff.signIn(PHONES.fStaff);
  const F = (await fStaff.get('/api/v1/me')).json.community_id;
  assert.equal((await fStaff.put(`/api/v1/places/${F}/settings`, { points_holder: '1' })).status, 200);
  const building = (await fStaff.get(`/api/v1/places/${F}/children`)).json.items[0].id;
  const b = (await fStaff.get(`/api/v1/places/${building}/children`)).json.items[0].id;
  const poster = await fStaff.get(`/places/${b}/poster`);
  const [, bId, key] = /\/register\?building=(\d+)&(?:amp;)?key=([0-9A-Za-z%_-]+)/.exec(poster.text);
  const anon = new Client(h.url, 'anonH');
  const hh = (await anon.get(`/api/v1/registration?building=${bId}&key=${key}`)).json.households[0].id;
  const members = [];
  for (const phone of ['13600000001', '13600000002']) {
    const x = new Client(h.url, phone);
    await x.csrf();
    const r = await x.post('/api/v1/registrations', { phone, name: `同户${phone.slice(-1)}`, password: 'secret-pass-1',
      building_id: Number(bId), key: decodeURIComponent(key), household_id: hh, relation: 'owner' });
    assert.equal(r.status, 201, r.text);
    assert.equal((await fStaff.post(`/api/v1/claims/${r.json.claim_id}/decision`, { approve: true })).status, 200);
    await x.signIn(phone, 'secret-pass-1');
    members.push([x, (await x.get('/api/v1/me')).json.id]);
  }
  for (const [i, [, pid]] of members.entries()) {
    const r = await fStaff.post(`/api/v1/people/${pid}/points`, { amount: 5, reason: '家庭积分', key: `hh-${i}` });
    assert.equal(r.status, 201, r.text);
  }
  for (const [x] of members) assert.equal((await x.get('/api/v1/points')).json.balance, 10, 'one account for the household');
  assert.equal((await fStaff.put(`/api/v1/places/${F}/settings`, { points_holder: '0' })).status, 200);
});

test('staff find a resident by phone on the page, award with a reason and correct it; others cannot', async () => {
  const staff = new Client(h.url, 'staffPage');
  await staff.signIn(PHONES.staff);
  const fStaff = new Client(h.url, 'fStaffPage');
  await fStaff.signIn(PHONES.fStaff);
  const resident = new Client(h.url, 'residentPage');
  await resident.signIn(PHONES.resident);
  assert.match((await staff.get('/points')).text, /id="points-look-up"/);
  assert.doesNotMatch((await resident.get('/points')).text, /id="points-look-up"/);
  let page = await staff.get(`/points?phone=${PHONES.resident}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /action="\/points\/award"/);
  for (const phone of ['13900009999', PHONES.fResident, 'abc']) {
    const r = await staff.get(`/points?phone=${phone}`);
    assert.equal(r.status, 404, `${phone}: unknown and elsewhere read the same`);
  }
  assert.equal((await fStaff.get(`/points?phone=${PHONES.resident}`)).status, 404);
  const key = /name="key" value="([0-9a-f]+)"/.exec(page.text)[1];
  const before0 = (await staff.get(`/api/v1/people/${id.resident}/points`)).json.balance;
  const form = { _csrf: staff.csrfToken, person_id: String(id.resident), amount: '3', reason: '帮邻居修车', key };
  let r = await staff.post('/points/award', undefined, { form });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  r = await staff.post('/points/award', undefined, { form }); // the button pressed twice
  assert.equal(r.status, 303);
  let st = (await staff.get(`/api/v1/people/${id.resident}/points`)).json;
  assert.equal(st.balance, before0 + 3, 'one award for one form');
  assert.equal(st.items[0].reason, '帮邻居修车');
  r = await staff.post('/points/award', undefined, { form: { ...form, amount: 'x', key: 'k2' } });
  assert.equal(r.status, 422);
  r = await resident.post('/points/award', undefined, { form: { ...form, _csrf: resident.csrfToken, person_id: String(id.tenant), key: 'k3' } });
  assert.equal(r.status, 403);
  page = await staff.get(`/points?person=${id.resident}`);
  assert.match(page.text, new RegExp(`action="/points/${st.items[0].id}/reverse"`));
  r = await fStaff.post(`/points/${st.items[0].id}/reverse`, undefined, { form: { _csrf: fStaff.csrfToken, reason: '越界' } });
  assert.equal(r.status, 404);
  r = await staff.post(`/points/${st.items[0].id}/reverse`, undefined, { form: { _csrf: staff.csrfToken, reason: '记错了人', person_id: String(id.resident) } });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  st = (await staff.get(`/api/v1/people/${id.resident}/points`)).json;
  assert.equal(st.balance, before0);
  assert.equal(st.items[0].kind, 'reverse');
  assert.equal(ledgerCheck().code, 0);
});

test('bad input: a clear 4xx and nothing written', async () => {
  const before0 = await balance('resident');
  const bad = [
    [{ amount: 0, reason: '零', key: 'b-1' }, 422, 'points_amount_invalid'],
    [{ amount: 1001, reason: '太多', key: 'b-2' }, 422, 'points_amount_invalid'],
    [{ amount: 1, reason: '   ', key: 'b-3' }, 422, 'reason_required'],
    [{ amount: 1, reason: '无键' }, 422, 'points_key_required'],
    [{ amount: 1, reason: '长键', key: 'k'.repeat(129) }, 422, 'points_key_invalid'],
    [{ amount: '1', reason: '字符串', key: 'b-4' }, 400, null],
  ];
  for (const [body, status, code] of bad) {
    const r = await award('staff', 'resident', body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    if (code) assert.equal(r.json.error.code, code);
  }
  let r = await c.staff.post('/api/v1/points/transactions/99999999/reverse', { reason: '没有' });
  assert.equal(r.status, 404);
  r = await c.staff.post(`/api/v1/people/${id.resident}/points`, undefined, { form: 'amount=1' });
  assert.ok(r.status >= 400 && r.status < 500);
  r = await c.resident.get('/api/v1/points?before=abc');
  assert.equal(r.status, 400);
  assert.equal(await balance('resident'), before0);
});

test('the nightly seal: the statement derives the balance from the seal and the postings since, and the check recounts it', async () => {
  const b0 = await balance('resident');
  const a = await award('staff', 'resident', { amount: 3, reason: '封存前', key: 'seal-1' });
  assert.equal(a.status, 201, a.text);
  // the seal job runs at the next 03:00 China time after a change, over the transactions an hour old
  await h.advance(2 * 86400);
  for (const k of ['staff', 'resident']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  const sealed = (await c.resident.get('/api/v1/points')).json;
  assert.equal(sealed.balance, b0 + 3);
  assert.equal(sealed.balance_checked, true);
  const db = h.db.replace(/^sqlite:/, '');
  const q = (sql) => spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
  const account = 'SELECT holder_account_id FROM points_txn WHERE idem_key = \'seal-1\'';
  if (STORE === 'sqlite') {
    const row = q(`SELECT sealed_txn_id, sealed_sum FROM points_account WHERE id = (${account})`).stdout.trim().split('|').map(Number);
    assert.ok(row[0] > 0, 'sealed through a transaction');
    assert.equal(row[1], b0 + 3, 'the seal is the postings so far');
  }
  // a change after the seal: the seal plus the postings since
  assert.equal((await award('staff', 'resident', { amount: 2, reason: '封存后', key: 'seal-2' })).status, 201);
  assert.equal(await balance('resident'), b0 + 5);
  assert.equal(ledgerCheck().code, 0, 'the seal agrees with the postings');
  if (STORE === 'sqlite') {
    // a seal that is not its postings: the statement says so, the check finds it
    assert.equal(q(`UPDATE points_account SET sealed_sum = sealed_sum + 1 WHERE id = (${account})`).status, 0);
    const st = (await c.resident.get('/api/v1/points')).json;
    assert.equal(st.balance_checked, false);
    const check = ledgerCheck();
    assert.equal(check.code, 1);
    assert.match(check.err, /account \d+: the cached balance or its seal is not its postings/);
    assert.equal(q(`UPDATE points_account SET sealed_sum = sealed_sum - 1 WHERE id = (${account})`).status, 0);
    assert.equal(ledgerCheck().code, 0);
  }
});

test('ledger-check finds a cached balance that is not its postings', { skip: STORE !== 'sqlite' }, async () => {
  const sqlite = spawnSync('sqlite3', [h.db.replace(/^sqlite:/, ''), 'UPDATE points_account SET balance = balance + 1 WHERE id = (SELECT MIN(id) FROM points_account WHERE kind = \'person\')'], { encoding: 'utf8' });
  assert.equal(sqlite.status, 0, sqlite.stderr);
  const check = ledgerCheck();
  assert.equal(check.code, 1);
  assert.match(check.err, /account \d+: the cached balance or its seal is not its postings/);
  // the append-only triggers refuse to edit a posting
  const edit = spawnSync('sqlite3', [h.db.replace(/^sqlite:/, ''), 'UPDATE points_posting SET amount = 0'], { encoding: 'utf8' });
  assert.notEqual(edit.status, 0);
  assert.match(edit.stderr, /append-only/);
});
