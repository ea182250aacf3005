// Sign-in codes (设置密码验证码): a member imported from the roster has no
// password, and an elderly resident forgets hers. The grid worker or the
// community's staff issue a code (8 digits, 7 days, shown once); she types
// her phone, the code and a new password, and signs in. The code works once,
// takes 5 wrong tries, expires; an unknown phone, a wrong, spent or expired
// code all answer the same; her other sessions end. Only the street resets
// a staff member's account (one's own included); another
// community's staff reach nobody here.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, demoPlaces } from './helpers.mjs';
import { sql } from '../crash/checks.mjs';

const h = useServer();
const c = {};
const id = {};
let P;

before(async () => {
  await h.ready;
  for (const k of ['street', 'staff', 'grid', 'resident', 'tenant', 'leader', 'fStaff']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
    id[k] = (await c[k].get('/api/v1/me')).json.id;
  }
  P = await demoPlaces(c.street);
});

const issue = (who, person) => c[who].post(`/api/v1/people/${person}/passcode`, {});
async function redeem(client, body) {
  if (!client.csrfToken) await client.csrf();
  return client.post('/api/v1/passcode', body);
}
const INVALID = 'passcode_invalid';

test('a member imported from the roster, who has no password, sets one with a code and signs in', async () => {
  // the roster brings a new member with a phone and no password
  const csv = Buffer.from('\ufeff网格,楼栋,单元,房号,姓名,手机号,与户主关系,身份证号,备注\r\n'
    + '第1网格,9栋,1,101,钱秀英,13912340001,户主,,\r\n');
  const fd = new FormData();
  fd.append('community', String(P.F));
  fd.append('file', new Blob([csv]), 'roster.csv');
  const dry = await c.fStaff.req('POST', '/api/v1/roster/imports', { body: fd });
  assert.equal(dry.status, 201, dry.text);
  assert.equal((await c.fStaff.post(`/api/v1/roster/imports/${dry.json.id}/apply`)).status, 200);
  const qian = Number(sql(h.db, "SELECT id FROM person WHERE phone = '13912340001'")[0][0]);
  const anon = new Client(h.url, 'qian');
  assert.equal((await anon.trySignIn('13912340001', 'anything-1')).status, 401, 'no password: no way in yet');

  const r = await issue('fStaff', qian);
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.code, /^\d{8}$/);
  assert.equal(r.json.name, '钱秀英');
  assert.equal(r.json.phone, '139****0001');
  assert.equal(r.json.tries, 5);
  assert.ok(Date.parse(r.json.expires_at) - Date.now() > 6 * 86400 * 1000, r.json.expires_at);
  assert.equal(Number(sql(h.db, `SELECT count(*) FROM audit WHERE action = 'passcode_issue' AND target = 'person:${qian}'`)[0][0]), 1);
  assert.ok(!sql(h.db, `SELECT code_hash FROM passcode WHERE person_id = ${qian}`)[0][0].includes(r.json.code), 'only a hash is kept');

  const ok = await redeem(anon, { phone: '13912340001', code: r.json.code, password: 'qian-2026!' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.person_id, qian);
  const me = new Client(h.url, 'qian2');
  assert.equal((await me.trySignIn('13912340001', 'qian-2026!')).status, 201);
  assert.equal((await me.get('/api/v1/me')).json.name, '钱秀英');
  // the code is spent
  const again = await redeem(anon, { phone: '13912340001', code: r.json.code, password: 'another-pass' });
  assert.equal(again.status, 422);
  assert.equal(again.json.error.code, INVALID);
});

test('a forgotten password: the new one works, the old one and every open session end', async () => {
  const code = (await issue('grid', id.tenant)).json.code;
  assert.ok(code);
  assert.equal((await c.tenant.get('/api/v1/me')).status, 200);
  const anon = new Client(h.url, 'anon');
  assert.equal((await redeem(anon, { phone: PHONES.tenant, code, password: 'tenant-new-1' })).status, 200);
  assert.equal((await c.tenant.get('/api/v1/me')).status, 401, 'her old session ended');
  assert.equal((await new Client(h.url, 'x').trySignIn(PHONES.tenant)).status, 401, 'the old password is gone');
  c.tenant = new Client(h.url, 'tenant');
  assert.equal((await c.tenant.trySignIn(PHONES.tenant, 'tenant-new-1')).status, 201);
});

test('five wrong tries and the code stops working; an unknown phone answers the same', async () => {
  const code = (await issue('staff', id.leader)).json.code;
  const wrongCode = String((Number(code) + 1) % 100000000).padStart(8, '0');
  const anon = new Client(h.url, 'anon');
  const bodies = [];
  for (let i = 0; i < 5; i++) {
    const r = await redeem(anon, { phone: PHONES.leader, code: wrongCode, password: 'leader-new-1' });
    assert.equal(r.status, 422);
    bodies.push(r.json.error.code);
  }
  const right = await redeem(anon, { phone: PHONES.leader, code, password: 'leader-new-1' });
  assert.equal(right.status, 422, 'used up');
  assert.equal(right.json.error.code, INVALID);
  const unknown = await redeem(anon, { phone: '13999999999', code, password: 'leader-new-1' });
  assert.deepEqual([unknown.status, unknown.json.error.code], [422, INVALID]);
  assert.deepEqual(new Set(bodies), new Set([INVALID]));
  assert.equal((await c.leader.get('/api/v1/me')).status, 200, 'nothing changed for her');
  // a new code replaces the old: it works
  const fresh = (await issue('staff', id.leader)).json.code;
  assert.equal((await redeem(anon, { phone: PHONES.leader, code: fresh, password: 'leader-new-1' })).status, 200);
});

test('two at once with the right code: one sets the password, the other is refused', async () => {
  const code = (await issue('staff', id.resident)).json.code;
  const a = new Client(h.url, 'a'), b = new Client(h.url, 'b');
  const rs = await Promise.all([
    redeem(a, { phone: PHONES.resident, code, password: 'resident-a-1' }),
    redeem(b, { phone: PHONES.resident, code, password: 'resident-b-1' }),
  ]);
  assert.deepEqual(rs.map((r) => r.status).sort(), [200, 422]);
  const winner = rs[0].status === 200 ? 'resident-a-1' : 'resident-b-1';
  c.resident = new Client(h.url, 'resident');
  assert.equal((await c.resident.trySignIn(PHONES.resident, winner)).status, 201);
});

test('a code expires after 7 days', async () => {
  const code = (await issue('street', id.resident)).json.code;
  await h.advance(7 * 86400 + 60);
  const r = await redeem(new Client(h.url, 'anon'), { phone: PHONES.resident, code, password: 'resident-late-1' });
  assert.deepEqual([r.status, r.json.error.code], [422, INVALID]);
  await h.setClock(0);
});

test('who may issue: staff over the person; only the street for staff accounts, one\'s own too; nobody elsewhere', async () => {
  for (const k of ['street', 'staff', 'grid', 'fStaff']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  let r = await issue('fStaff', id.tenant);
  assert.equal(r.status, 404, 'another community');
  r = await issue('grid', id.staff);
  assert.equal(r.status, 403, 'a staff account is the street\'s to reset');
  assert.equal(r.json.error.code, 'forbidden');
  r = await issue('staff', id.staff);
  assert.deepEqual([r.status, r.json.error.code], [403, 'forbidden'], 'community staff do not reset staff either');
  r = await issue('street', id.staff);
  assert.equal(r.status, 201);
  r = await issue('grid', id.grid);
  assert.equal(r.status, 403, 'her own account is a staff account too');
  r = await issue('street', id.street);
  assert.deepEqual([r.status, r.json.error.code], [404, 'not_found'], 'a street account is of no community');
  const res = await new Client(h.url, 'res2');
  await res.signIn(PHONES.tenant, 'tenant-new-1');
  assert.equal((await res.post(`/api/v1/people/${id.leader}/passcode`, {})).status, 403, 'residents are not staff');
  assert.equal((await issue('staff', 99999999)).status, 404);
  assert.equal((await c.staff.post('/api/v1/people/1/passcode', {}, { csrf: false })).status, 403, 'CSRF');
});

test('bad input: a clear 4xx, and nothing written', async () => {
  const anon = new Client(h.url, 'anon');
  const before = sql(h.db, 'SELECT count(*) FROM passcode')[0][0];
  for (const [body, status, code] of [
    [{ phone: 'abc', code: '12345678', password: 'long-enough' }, 422, 'phone_invalid'],
    [{ phone: PHONES.leader, code: '12345678', password: 'short' }, 422, 'password_invalid'],
    [{ phone: PHONES.leader, code: '1234', password: 'long-enough' }, 422, INVALID],
    [{ phone: PHONES.leader, code: '1234567x', password: 'long-enough' }, 422, INVALID],
    [{ phone: PHONES.leader, code: 12345678, password: 'long-enough' }, 400, null],
    [{ phone: PHONES.leader, password: 'long-enough' }, 422, INVALID],
  ]) {
    const r = await redeem(anon, body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    if (code) assert.equal(r.json.error.code, code);
  }
  assert.equal((await anon.req('POST', '/api/v1/passcode', { body: 'not json', type: 'application/json' })).status, 400);
  assert.equal(sql(h.db, 'SELECT count(*) FROM passcode')[0][0], before);
});

test('the pages: the button on the staff people list, the slip, and the form a resident fills in', async () => {
  c.staff = new Client(h.url, 'staff');
  await c.staff.signIn(PHONES.staff);
  const list = await c.staff.get('/staff/people');
  assert.match(list.text, new RegExp(`action="/people/${id.leader}/passcode"`));
  assert.match(list.text, /刘志强/, 'the grid worker is on the list');
  assert.doesNotMatch(list.text, new RegExp(`action="/people/${id.grid}/passcode"`), 'not on a staff member\'s row');
  const slip = await c.staff.post(`/people/${id.leader}/passcode`, undefined, { form: { _csrf: c.staff.csrfToken } });
  assert.equal(slip.status, 200, slip.text.slice(0, 300));
  const code = /id="passcode-code">(\d{8})</.exec(slip.text)[1];
  assert.match(slip.text, /\/passcode/);
  const anon = new Client(h.url, 'anon');
  const form = await anon.get('/passcode');
  assert.equal(form.status, 200);
  const tok = /name="_csrf" value="([0-9a-f]+)"/.exec(form.text)[1];
  const post = (f) => anon.req('POST', '/passcode', { form: { _csrf: tok, ...f }, csrf: false });
  let r = await post({ phone: PHONES.leader, code, password: 'leader-page-1', password2: 'leader-page-2' });
  assert.equal(r.status, 422);
  assert.match(r.text, /两次输入的新密码不一样/);
  assert.match(r.text, new RegExp(`value="${PHONES.leader}"`), 'the phone stays typed in');
  r = await post({ phone: PHONES.leader, code: '00000000', password: 'leader-page-1', password2: 'leader-page-1' });
  assert.equal(r.status, 422);
  assert.match(r.text, /输错5次后码作废/);
  r = await post({ phone: PHONES.leader, code, password: 'leader-page-1', password2: 'leader-page-1' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/signin/);
  assert.equal((await new Client(h.url, 'l').trySignIn(PHONES.leader, 'leader-page-1')).status, 201);
});
