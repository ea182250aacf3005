// Duty rotas: staff make a rota and its duties; the person on duty is
// reminded the day before and marks it done within its time; a duty not
// done by 12 hours after its end is flagged missed, by a job, and counted
// per person; two people swap only when the one asked agrees. Residents
// and another community cannot manage; bad input writes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, sleep } from './helpers.mjs';

const h = useServer();
const c = {};
const id = {};
const HOUR = 3600, DAY = 86400;
let L, rota;
const duty = {};

async function signIn() {
  for (const k of ['staff', 'grid', 'resident', 'tenant', 'fStaff']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
    id[k] = c[k].me.id;
  }
}

before(async () => {
  await h.ready;
  await signIn();
  L = (await c.staff.get('/api/v1/me')).json.community_id;
});

/* "YYYY-MM-DD HH:MM" China time, `days` after the server's today, at hh:00. */
const at = (days, hh) => {
  const d = new Date((Math.floor(Date.now() / 1000) + h.clockOffset + 8 * HOUR + days * DAY) * 1000).toISOString().slice(0, 10);
  return `${d} ${String(hh).padStart(2, '0')}:00`;
};
const unix = (s) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`) / 1000;
const detail = async (who = 'staff') => (await c[who].get(`/api/v1/rotas/${rota}`)).json;
const addDuty = (phone, days, hh, len = 1) => c.staff.post(`/api/v1/rotas/${rota}/duties`, { phone, starts: at(days, hh), ends: at(days, hh + len) });

test('staff make a rota and its duties; residents and another community cannot', async () => {
  let r = await c.staff.post('/api/v1/rotas', { place_id: L, title: '东门保洁轮值', task: '清扫东门' });
  assert.equal(r.status, 201, r.text);
  rota = r.json.id;
  assert.equal((await c.resident.post('/api/v1/rotas', { place_id: L, title: '自己排', task: 'x' })).status, 403);
  assert.equal((await c.fStaff.post('/api/v1/rotas', { place_id: L, title: '越界', task: 'x' })).status, 404);
  assert.equal((await c.fStaff.get(`/api/v1/rotas/${rota}`)).status, 404);
  for (const [who, days, hh] of [['resident', 1, 8], ['tenant', 1, 10], ['resident', 3, 8], ['tenant', 4, 8]]) {
    r = await addDuty(PHONES[who], days, hh);
    assert.equal(r.status, 201, r.text);
    (duty[who] ??= []).push(r.json.id);
  }
  assert.equal((await c.resident.post(`/api/v1/rotas/${rota}/duties`, { phone: PHONES.tenant, starts: at(2, 8), ends: at(2, 9) })).status, 403);
  const d = await detail('tenant');
  assert.deepEqual(d.duties.map((x) => [x.person.name, x.status]), [['赵桂兰', 'scheduled'], ['周磊', 'scheduled'],
    ['赵桂兰', 'scheduled'], ['周磊', 'scheduled']]);
});

test('bad input: a clear 4xx and nothing written', async () => {
  const before0 = (await detail()).duties.length;
  for (const [body, code] of [[{ phone: '13900000000', starts: at(2, 8), ends: at(2, 9) }, 'rota_person_unknown'],
    [{ phone: PHONES.fResident, starts: at(2, 8), ends: at(2, 9) }, 'rota_person_unknown'],
    [{ phone: PHONES.resident, starts: at(2, 9), ends: at(2, 8) }, 'rota_time_invalid'],
    [{ phone: PHONES.resident, starts: at(2, 8), ends: at(10, 8) }, 'rota_time_invalid'],
    [{ phone: PHONES.resident, starts: 'tomorrow', ends: at(2, 8) }, 'rota_time_invalid'],
    [{ phone: PHONES.resident, starts: at(-2, 8), ends: at(-2, 9) }, 'rota_time_past']]) {
    const r = await c.staff.post(`/api/v1/rotas/${rota}/duties`, body);
    assert.equal(r.status, 422, `${code}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  for (const [body, code] of [[{ place_id: L, title: '', task: 'x' }, 'title_required'], [{ place_id: L, title: 'x', task: '' }, 'rota_task_required'],
    [{ facility_id: 99999999, title: 'x', task: 'x' }, 'rota_facility_invalid'], [{ title: 'x', task: 'x' }, 'place_required']]) {
    const r = await c.staff.post('/api/v1/rotas', body);
    assert.equal(r.status, 422, `${code}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  assert.equal((await detail()).duties.length, before0);
});

test('reminded the day before; done within its time, once; not by someone else', async () => {
  const [first] = duty.resident;
  const remindAt = unix(at(1, 8)) - DAY + 60; // tomorrow at 08:00: reminded from today at 08:00
  if (remindAt > Math.floor(Date.now() / 1000) + h.clockOffset) {
    await h.setClock(remindAt - Math.floor(Date.now() / 1000));
    await signIn();
  }
  // due already: the runner sends it within its interval (100 ms in tests)
  let notes = [];
  for (let i = 0; i < 50 && notes.length === 0; i++) {
    if (i) await sleep(100);
    notes = (await c.resident.get('/api/v1/notifications?limit=50')).json.items.filter((n) => n.kind === 'rota_reminder');
  }
  assert.equal(notes.length, 1, 'tomorrow\'s duty: reminded now');
  let r = await c.resident.post(`/api/v1/duties/${first}/done`, {});
  assert.equal(r.status, 409, 'not before it starts');
  assert.equal(r.json.error.code, 'rota_duty_not_now');
  await h.setClock(unix(at(1, 8)) + 20 * 60 - Math.floor(Date.now() / 1000));
  await signIn();
  assert.equal((await c.tenant.post(`/api/v1/duties/${first}/done`, {})).status, 403, 'not his duty');
  r = await c.resident.post(`/api/v1/duties/${first}/done`, { note: '扫干净了' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await c.resident.post(`/api/v1/duties/${first}/done`, {})).status, 409);
  const d = (await detail()).duties.find((x) => x.id === first);
  assert.deepEqual([d.status, d.note], ['done', '扫干净了']);
});

test('a duty not done by 12 hours after its end is flagged missed, by itself, and counted', async () => {
  await h.setClock(unix(at(1, 11)) + 12 * HOUR + 60 - Math.floor(Date.now() / 1000));
  await signIn();
  const d = await detail();
  const missed = d.duties.find((x) => x.id === duty.tenant[0]);
  assert.equal(missed.status, 'missed');
  assert.deepEqual(d.missed, { 周磊: 1 });
  assert.equal(d.duties.find((x) => x.id === duty.resident[0]).status, 'done', 'the one done stays done');
  const page = await c.tenant.get(`/rotas/${rota}`);
  assert.match(page.text, /未完成/);
  // a duty within one day shows its date once: "2026-12-03 08:00 – 09:00"
  assert.match(page.text, /\d{4}-\d\d-\d\d \d\d:\d\d<\/span> – <span class="nowrap">\d\d:\d\d<\/span>/);
  assert.doesNotMatch(page.text, /– <span class="nowrap">\d{4}-/);
});

test('a swap needs the other person\'s consent', async () => {
  const mine = duty.resident[1], his = duty.tenant[1];
  assert.equal((await c.resident.post(`/api/v1/duties/${his}/swaps`, { other_duty_id: mine })).status, 409, 'only one\'s own duty');
  assert.equal((await c.resident.post(`/api/v1/duties/${mine}/swaps`, { other_duty_id: duty.resident[0] })).status, 422);
  let r = await c.resident.post(`/api/v1/duties/${mine}/swaps`, { other_duty_id: his });
  assert.equal(r.status, 201, r.text);
  const swap = r.json.id;
  assert.equal((await c.tenant.get('/api/v1/notifications?limit=50')).json.items.filter((n) => n.kind === 'rota_swap_asked').length, 1);
  assert.equal((await c.resident.post(`/api/v1/swaps/${swap}/answer`, { accept: true })).status, 409, 'she cannot agree for him');
  assert.equal((await c.tenant.post(`/api/v1/swaps/${swap}/answer`, {})).status, 400, 'accept is required');
  r = await c.tenant.post(`/api/v1/swaps/${swap}/answer`, { accept: true });
  assert.equal(r.status, 200, r.text);
  const d = await detail();
  assert.equal(d.duties.find((x) => x.id === mine).person.name, '周磊');
  assert.equal(d.duties.find((x) => x.id === his).person.name, '赵桂兰');
  assert.equal((await c.tenant.post(`/api/v1/swaps/${swap}/answer`, { accept: false })).status, 409, 'answered once');
  // declined: nothing changes
  r = await c.tenant.post(`/api/v1/duties/${mine}/swaps`, { other_duty_id: his });
  assert.equal(r.status, 201);
  assert.equal((await c.resident.post(`/api/v1/swaps/${r.json.id}/answer`, { accept: false })).status, 200);
  assert.equal((await detail()).duties.find((x) => x.id === mine).person.name, '周磊');
  assert.equal((await c.fStaff.post(`/api/v1/swaps/${r.json.id}/answer`, { accept: true })).status, 404);
});
