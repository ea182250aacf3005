// The disclosure board (居务公开): the demo's board in 凤凰苑 shows its
// missing month overdue in public; 龙湖's staff open their board and the
// schedule runs on the test clock: a reminder before the finances are due
// (sent once), the kind flagged overdue with its days once due passes,
// cleared by publishing. A scheduled item appears at its time; a major
// matter not published within its days is overdue too, and a matter whose
// decision stands drafts its major item by itself. Photos attach;
// withdrawing keeps the item and its reason. Residents and other
// communities' staff cannot publish; the street reads every board. Bad
// input writes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';
import { picture } from './images.mjs';

const h = useServer();
const c = {};
const DAY = 86400;
const WHO = ['staff', 'staff2', 'grid', 'resident', 'fStaff', 'fResident', 'street'];
let L, F;
const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;
const secs = (iso) => Math.floor(Date.parse(iso) / 1000);

async function signIn() {
  for (const k of WHO) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
}

/* Moves the server's clock to the absolute time t (seconds) and signs everyone in again. */
async function clockTo(t) {
  await h.setClock(h.clockOffset + (t - now()));
  await signIn();
}

const board = async (who, com) => {
  const r = await c[who].get(`/api/v1/disclosure?community=${com}`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};
const kindOf = (b, kind) => b.kinds.find((k) => k.kind === kind);
const notes = async (who, kind, detail) => (await c[who].get('/api/v1/notifications?limit=100')).json.items
  .filter((n) => n.kind === kind && (detail === undefined || n.detail === detail));
const archiveTotal = async (who, com) => (await c[who].get(`/api/v1/disclosure/items?community=${com}&limit=1`)).json.total;

before(async () => {
  await h.ready;
  await h.setClock(0); // the demo's board is ticked once
  await signIn();
  L = (await c.staff.get('/api/v1/me')).json.community_id;
  F = (await c.fStaff.get('/api/v1/me')).json.community_id;
});

test('the demo board in 凤凰苑: a missing month of finances is overdue in public', async () => {
  const b = await board('fResident', F);
  assert.equal(b.open, true);
  assert.equal(b.may_publish, false);
  const fin = kindOf(b, 'finance');
  assert.equal(fin.status, 'overdue');
  assert.ok(fin.overdue_days >= 1, JSON.stringify(fin));
  assert.equal(fin.overdue.length, 1, 'one month missing');
  assert.equal(fin.schedule.months, 1);
  assert.ok(fin.latest && fin.latest.state === 'published');
  assert.equal(kindOf(b, 'major').status, 'on_time');
  assert.equal(kindOf(b, 'major').latest.title, '2栋自行车棚改造方案经居民议事会通过');
  assert.equal(kindOf(b, 'affairs').schedule.months, 3);
  assert.equal((await board('fStaff', F)).may_publish, true);
  // the street reads every community's board state
  const o = await c.street.get('/api/v1/disclosure/overview');
  assert.equal(o.status, 200, o.text);
  const fRow = o.json.items.find((x) => x.community.id === F);
  assert.ok(fRow.open && fRow.kinds_overdue >= 1);
  assert.equal(o.json.items.find((x) => x.community.id === L).open, false);
  assert.equal((await c.resident.get('/api/v1/disclosure/overview')).status, 403);
  assert.equal((await c.staff.get(`/api/v1/disclosure/overview?place=${L}`)).status, 200);
  assert.equal((await c.staff.get(`/api/v1/disclosure/overview?place=${F}`)).status, 404);
  // another community's board is not readable
  assert.equal((await c.resident.get(`/api/v1/disclosure?community=${F}`)).status, 404);
  assert.equal((await c.street.get(`/api/v1/disclosure?community=${F}`)).status, 200);
  assert.equal((await new Client(h.url, 'anon').get(`/api/v1/disclosure?community=${F}`)).status, 401);
});

test('who may publish: community staff of that community only', async () => {
  const body = { community_id: L, kind: 'affairs', title: '测试', body: '内容', period: '2026-01' };
  assert.equal((await c.resident.post('/api/v1/disclosure/items', body)).status, 403);
  assert.equal((await c.grid.post('/api/v1/disclosure/items', body)).status, 403);
  assert.equal((await c.street.post('/api/v1/disclosure/items', body)).status, 403);
  const r = await c.fStaff.post('/api/v1/disclosure/items', body);
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  const f = await c.resident.post('/api/v1/disclosure/boards', { community_id: L });
  assert.equal(f.status, 403);
  assert.equal(f.json.error.code, 'forbidden');
  assert.equal((await board('staff', L)).open, false, 'nothing opened');
});

test('the schedule on the test clock: reminder once, overdue in public, cleared by publishing', async () => {
  const r = await c.staff.post('/api/v1/disclosure/boards', { community_id: L });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.open, true);
  const fin = kindOf(r.json, 'finance');
  assert.equal(fin.status, 'on_time');
  const due = secs(fin.next.due_at), label = fin.next.label;
  assert.match(label, /^\d{4}-\d{2}$/);
  assert.equal(fin.next.due_on, new Date((due - 1 + 8 * 3600) * 1000).toISOString().slice(0, 10), 'the last day');
  assert.equal(fin.next.due_on.slice(8), '10', 'the 10th day after the month');
  assert.equal((await notes('staff', 'disclosure_reminder', 'finance')).length, 0);

  await clockTo(due - 3 * DAY + 60);
  assert.equal((await notes('staff', 'disclosure_reminder', 'finance')).length, 1, 'reminded 3 days before');
  assert.equal((await notes('staff2', 'disclosure_reminder', 'finance')).length, 1, 'every staff member');
  assert.equal((await notes('resident', 'disclosure_reminder')).length, 0, 'staff only');
  assert.equal(kindOf(await board('resident', L), 'finance').status, 'on_time', 'not overdue before due');
  await clockTo(due - DAY);
  assert.equal((await notes('staff', 'disclosure_reminder', 'finance')).length, 1, 'once');

  await clockTo(due + 60);
  let k = kindOf(await board('resident', L), 'finance');
  assert.equal(k.status, 'overdue', 'flagged in public');
  assert.equal(k.overdue_days, 1);
  assert.equal(k.overdue[0].label, label);
  assert.equal((await notes('staff', 'disclosure_overdue', 'finance')).length, 1);
  await clockTo(due + 2 * DAY + 60);
  assert.equal(kindOf(await board('resident', L), 'finance').overdue_days, 3);
  assert.equal((await notes('staff', 'disclosure_overdue', 'finance')).length, 1, 'told once');

  const p = await c.staff.post('/api/v1/disclosure/items',
    { community_id: L, kind: 'finance', title: `${label} 财务收支`, body: '收入 1 元，支出 0 元。', period: label });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.state, 'published');
  assert.equal(p.json.late_days, 3);
  assert.equal(p.json.period.label, label);
  k = kindOf(await board('resident', L), 'finance');
  assert.equal(k.status, 'on_time', 'publishing clears the flag');
  assert.equal(k.latest.id, p.json.id);
});

test('a scheduled item appears at its time; before it, staff may edit it', async () => {
  const month = new Date((now() + 8 * 3600) * 1000).toISOString().slice(0, 7);
  const at = now() + 2 * DAY;
  const r = await c.staff.post('/api/v1/disclosure/items',
    { community_id: L, kind: 'government', title: '高龄津贴发放名单', body: '本季度 38 人。', period: month, publish: 'at', publish_at: at });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.state, 'scheduled');
  assert.equal(r.json.may_edit, true);
  const id = r.json.id;
  assert.equal((await c.resident.get(`/api/v1/disclosure/items/${id}`)).status, 404, 'not yet public');
  assert.ok(!(await c.resident.get(`/api/v1/disclosure/items?community=${L}`)).json.items.some((x) => x.id === id));
  const e = await c.staff.put(`/api/v1/disclosure/items/${id}`, { title: '高龄津贴发放名单（第四季度）' });
  assert.equal(e.status, 200, e.text);
  assert.equal(e.json.title, '高龄津贴发放名单（第四季度）');
  assert.equal(e.json.body, '本季度 38 人。', 'untouched fields kept');
  assert.equal((await c.resident.put(`/api/v1/disclosure/items/${id}`, { title: 'x' })).status, 404, 'not visible to residents yet');
  await clockTo(at + 60);
  const g = await c.resident.get(`/api/v1/disclosure/items/${id}`);
  assert.equal(g.status, 200);
  assert.equal(g.json.state, 'published');
  const x = await c.staff.put(`/api/v1/disclosure/items/${id}`, { title: '改' });
  assert.equal(x.status, 409);
  assert.equal(x.json.error.code, 'disclosure_published');
});

test('a major matter: due days after the decision, overdue while a draft, published on time otherwise', async () => {
  const today = new Date((now() + 8 * 3600) * 1000).toISOString().slice(0, 10);
  const r = await c.staff.post('/api/v1/disclosure/items',
    { community_id: L, kind: 'major', title: '3栋加装电梯方案通过', body: '议事会表决通过。', decided_on: today, publish: 'draft' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.state, 'draft');
  const due = secs(r.json.due_at);
  assert.equal((await c.resident.get(`/api/v1/disclosure/items/${r.json.id}`)).status, 404);
  await clockTo(due - 3 * DAY + 60);
  assert.equal((await notes('staff', 'disclosure_reminder', 'major')).length, 1);
  await clockTo(due + 60);
  let k = kindOf(await board('resident', L), 'major');
  assert.equal(k.status, 'overdue');
  assert.equal(k.overdue_days, 1);
  const p = await c.staff.put(`/api/v1/disclosure/items/${r.json.id}`, { publish: 'now' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.state, 'published');
  assert.equal(p.json.late_days, 1);
  k = kindOf(await board('resident', L), 'major');
  assert.equal(k.status, 'on_time');
});

test('photos attach, within their community only', async () => {
  const month = new Date((now() + 8 * 3600) * 1000).toISOString().slice(0, 7);
  const fd = new FormData();
  for (const [k, v] of Object.entries({ community_id: String(L), kind: 'affairs', title: '公示栏照片', body: '见照片。', period: month })) fd.append(k, v);
  fd.append('photos', new Blob([picture('jpg', 640, 480)]), 'board.jpg');
  const r = await c.staff.post('/api/v1/disclosure/items', undefined, { body: fd });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.photos.length, 1);
  assert.equal((await c.resident.get(r.json.photos[0].url)).status, 200);
  assert.equal((await c.fResident.get(r.json.photos[0].url)).status, 404);
  const before0 = await archiveTotal('staff', L);
  const many = new FormData();
  for (const [k, v] of Object.entries({ community_id: String(L), kind: 'affairs', title: '太多', body: '太多', period: month })) many.append(k, v);
  for (let i = 0; i < 7; i++) many.append('photos', new Blob([picture('jpg', 64, 64)]), `p${i}.jpg`);
  const t = await c.staff.post('/api/v1/disclosure/items', undefined, { body: many });
  assert.equal(t.status, 422);
  assert.equal(t.json.error.code, 'disclosure_too_many_photos');
  const bad = new FormData();
  for (const [k, v] of Object.entries({ community_id: String(L), kind: 'affairs', title: '坏图', body: '坏图', period: month })) bad.append(k, v);
  bad.append('photos', new Blob([Buffer.from('not a picture at all')]), 'x.jpg');
  const b = await c.staff.post('/api/v1/disclosure/items', undefined, { body: bad });
  assert.ok(b.status === 415 || b.status === 422, b.text);
  assert.equal(await archiveTotal('staff', L), before0, 'nothing written');
});

test('withdrawing keeps the item and its reason, shown to everyone', async () => {
  const month = new Date((now() + 8 * 3600) * 1000).toISOString().slice(0, 7);
  const r = await c.staff.post('/api/v1/disclosure/items',
    { community_id: L, kind: 'affairs', title: '错发的通知', body: '日期写错了。', period: month });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  assert.equal((await c.resident.post(`/api/v1/disclosure/items/${id}/withdraw`, { reason: 'x' })).status, 403);
  let w = await c.staff.post(`/api/v1/disclosure/items/${id}/withdraw`, { reason: ' ' });
  assert.equal(w.status, 422);
  assert.equal(w.json.error.code, 'reason_required');
  w = await c.staff.post(`/api/v1/disclosure/items/${id}/withdraw`, { reason: '日期有误，已重新发布' });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.json.state, 'withdrawn');
  assert.equal(w.json.withdrawn.reason, '日期有误，已重新发布');
  const seen = await c.resident.get(`/api/v1/disclosure/items/${id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.json.withdrawn.reason, '日期有误，已重新发布');
  const list = (await c.resident.get(`/api/v1/disclosure/items?community=${L}&kind=affairs`)).json.items;
  assert.ok(list.some((x) => x.id === id && x.state === 'withdrawn'), 'still in the archive');
  const again = await c.staff.post(`/api/v1/disclosure/items/${id}/withdraw`, { reason: '再撤' });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.code, 'disclosure_withdrawn');
  assert.equal((await c.staff.put(`/api/v1/disclosure/items/${id}`, { title: '改' })).status, 409);
});

test('the archive by kind, year and words', async () => {
  const all = (await c.fResident.get(`/api/v1/disclosure/items?community=${F}&limit=100`)).json;
  assert.ok(all.total >= 5, JSON.stringify(all.total));
  const fin = (await c.fResident.get(`/api/v1/disclosure/items?community=${F}&kind=finance`)).json;
  assert.equal(fin.total, 3);
  assert.ok(fin.items.every((x) => x.kind === 'finance'));
  const year = Number(fin.items[0].period.start.slice(0, 4));
  const y = (await c.fResident.get(`/api/v1/disclosure/items?community=${F}&year=${year}`)).json;
  assert.ok(y.items.every((x) => x.period.start.startsWith(String(year))));
  const q = (await c.fResident.get(`/api/v1/disclosure/items?community=${F}&q=${encodeURIComponent('自行车棚')}`)).json;
  assert.ok(q.items.some((x) => x.kind === 'major'));
  const none = (await c.fResident.get(`/api/v1/disclosure/items?community=${F}&q=${encodeURIComponent('100%_')}`)).json;
  assert.equal(none.total, 0, 'wildcards are matched as typed');
  for (const [qs, status, code] of [
    ['kind=sports', 422, 'disclosure_kind_invalid'], ['year=abc', 400, 'bad_query'], ['year=99999', 400, 'bad_query'],
    ['limit=abc', 400, 'bad_query'], [`q=${'字'.repeat(51)}`, 422, 'disclosure_query_invalid'],
  ]) {
    const r = await c.fResident.get(`/api/v1/disclosure/items?community=${F}&${encodeURI(qs)}`);
    assert.equal(r.status, status, `${qs}: ${r.text}`);
    assert.equal(r.json.error.code, code, qs);
  }
  assert.equal((await c.fResident.get('/api/v1/disclosure/items?community=abc')).status, 400);
  assert.equal((await c.resident.get(`/api/v1/disclosure/items?community=${F}`)).status, 404);
});

test('bad input on every endpoint: a clear 4xx and nothing written', async () => {
  const before0 = await archiveTotal('staff', L);
  const month = new Date((now() + 8 * 3600) * 1000).toISOString().slice(0, 7);
  const base = { community_id: L, kind: 'affairs', title: '标题', body: '内容', period: month };
  const grid = (await c.staff.get(`/api/v1/places/${L}`)).json.children?.[0]?.id;
  for (const [body, status, code] of [
    [{ ...base, kind: 'sports' }, 422, 'disclosure_kind_invalid'],
    [{ ...base, kind: undefined }, 422, 'disclosure_kind_invalid'],
    [{ ...base, title: ' ' }, 422, 'disclosure_title_required'],
    [{ ...base, title: '字'.repeat(121) }, 422, 'disclosure_title_invalid'],
    [{ ...base, body: '' }, 422, 'disclosure_body_required'],
    [{ ...base, body: '字'.repeat(20001) }, 422, 'disclosure_body_invalid'],
    [{ ...base, period: '2026-13' }, 422, 'disclosure_period_invalid'],
    [{ ...base, period: '2099-01' }, 422, 'disclosure_period_invalid'],
    [{ ...base, period: 'last month' }, 422, 'disclosure_period_invalid'],
    [{ ...base, period: undefined }, 422, 'disclosure_period_invalid'],
    [{ ...base, kind: 'major', period: undefined }, 422, 'disclosure_decided_invalid'],
    [{ ...base, kind: 'major', decided_on: '2099-01-01' }, 422, 'disclosure_decided_invalid'],
    [{ ...base, publish: 'yesterday' }, 422, 'disclosure_publish_invalid'],
    [{ ...base, publish: 'at', publish_at: now() - 3600 }, 422, 'disclosure_publish_invalid'],
    [{ ...base, publish: 'at', publish_at: now() + 400 * DAY }, 422, 'disclosure_publish_invalid'],
    [{ ...base, community_id: 0 }, 422, 'disclosure_community_invalid'],
    [{ ...base, community_id: 99999999 }, 404, 'not_found'],
    [{ ...base, community_id: 'L' }, 400, 'bad_type'],
    [{ ...base, title: 5 }, 400, 'bad_type'],
    [{ ...base, photos: ['x'] }, 400, 'multipart_required'],
  ]) {
    const r = await c.staff.post('/api/v1/disclosure/items', body);
    assert.equal(r.status, status, `${JSON.stringify(body).slice(0, 120)}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  if (grid) {
    const r = await c.staff.post('/api/v1/disclosure/items', { ...base, community_id: grid });
    assert.equal(r.json.error.code, 'disclosure_community_invalid');
  }
  assert.equal((await c.staff.post('/api/v1/disclosure/items', '{"title":', { type: 'application/json' })).status, 400);
  assert.equal((await c.staff.req('POST', '/api/v1/disclosure/items', { json: '[1]' })).status, 400);
  assert.equal(await archiveTotal('staff', L), before0, 'nothing written');

  // edit, withdraw, open, read
  const d = await c.staff.post('/api/v1/disclosure/items', { ...base, publish: 'draft' });
  assert.equal(d.status, 201, d.text);
  for (const [body, status, code] of [
    [{ title: '字'.repeat(121) }, 422, 'disclosure_title_invalid'],
    [{ kind: 'finance' }, 422, 'disclosure_kind_fixed'],
    [{ period: '2026-00' }, 422, 'disclosure_period_invalid'],
    [{ publish: 'soon' }, 422, 'disclosure_publish_invalid'],
    [{ title: [] }, 400, 'bad_type'],
  ]) {
    const r = await c.staff.put(`/api/v1/disclosure/items/${d.json.id}`, body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.code, code);
  }
  assert.equal((await c.staff.get(`/api/v1/disclosure/items/${d.json.id}`)).json.title, '标题', 'unchanged');
  assert.equal((await c.staff.put('/api/v1/disclosure/items/99999999', { title: 'x' })).status, 404);
  assert.equal((await c.staff.put('/api/v1/disclosure/items/abc', { title: 'x' })).status, 404);
  assert.equal((await c.staff.post(`/api/v1/disclosure/items/${d.json.id}/withdraw`, { reason: '字'.repeat(501) })).json.error.code, 'reason_invalid');
  assert.equal((await c.staff.post(`/api/v1/disclosure/items/${d.json.id}/withdraw`, { reason: 7 })).status, 400);
  assert.equal((await c.staff.post('/api/v1/disclosure/items/99999999/withdraw', { reason: 'x' })).status, 404);
  assert.equal((await c.staff.get('/api/v1/disclosure/items/99999999')).status, 404);
  assert.equal((await c.staff.get(`/api/v1/disclosure/items/${d.json.id}`)).json.state, 'draft');
  assert.equal((await c.resident.get(`/api/v1/disclosure/items/${d.json.id}`)).status, 404, 'a draft is the staff\'s');
  for (const [body, status, code] of [
    [{}, 422, 'disclosure_community_invalid'], [{ community_id: 'x' }, 400, 'bad_type'],
    [{ community_id: 99999999 }, 404, 'not_found'],
  ]) {
    const r = await c.staff.post('/api/v1/disclosure/boards', body);
    assert.equal(r.status, status, r.text);
    assert.equal(r.json.error.code, code);
  }
  if (grid) assert.equal((await c.staff.post('/api/v1/disclosure/boards', { community_id: grid })).status, 422);
  assert.equal((await c.staff.get('/api/v1/disclosure?community=abc')).status, 400);
  assert.equal((await c.staff.get('/api/v1/disclosure?community=99999999')).status, 404);
  assert.equal((await c.street.get('/api/v1/disclosure/overview?place=abc')).status, 400);
  assert.equal((await c.street.get('/api/v1/disclosure/overview?place=99999999')).status, 404);
  // no CSRF token: refused
  assert.equal((await c.staff.post('/api/v1/disclosure/items', base, { csrf: false })).status, 403);
});

test('pages: the board, the archive, an item and its printable notice with a QR code', async () => {
  const b = await c.fResident.get(`/disclosure?community=${F}`);
  assert.equal(b.status, 200);
  assert.match(b.text, /id="kind-finance"[^>]*>|kind-finance/);
  assert.match(b.text, /disclosure-kind overdue/);
  const item = kindOf(await board('fResident', F), 'major').latest;
  const p = await c.fResident.get(`/disclosure/items/${item.id}`);
  assert.equal(p.status, 200);
  assert.ok(p.text.includes(item.title));
  const n = await c.fResident.get(`/disclosure/items/${item.id}/notice`);
  assert.equal(n.status, 200);
  assert.match(n.text, /<svg/);
  assert.ok(n.text.includes(`/disclosure/items/${item.id}`));
  assert.equal((await c.fResident.get(`/disclosure/archive?community=${F}&kind=finance`)).status, 200);
  assert.equal((await c.fResident.get(`/disclosure/new?community=${F}`)).status, 403);
  assert.equal((await c.fStaff.get(`/disclosure/new?community=${F}`)).status, 200);
  assert.equal((await c.street.get('/disclosure/overview')).status, 200);
  const en = await c.fResident.get(`/disclosure?community=${F}`, { headers: { 'accept-language': 'en' } });
  assert.equal(en.status, 200);
});

test('a decision that stands (notice over, on to co-building) drafts its major item at once: tracked like any, completed and published by staff, once', async () => {
  let r = await c.staff.post('/api/v1/matters', { place_id: L, category: 'other', title: '东门加装雨棚', body: '下雨天老人进出不便。' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  for (const [to, reason] of [['deliberating', undefined], ['notice', '议事会表决通过']]) {
    r = await c.staff.post(`/api/v1/matters/${id}/transitions`, { to, reason });
    assert.equal(r.status, 200, `${to}: ${r.text}`);
  }
  const drafted = async () => (await c.staff.get(`/api/v1/disclosure/items?community=${L}&kind=major&limit=100`)).json.items
    .filter((x) => x.matter?.id === id);
  assert.deepEqual(await drafted(), [], 'nothing while the notice runs');
  await clockTo(secs((await c.staff.get(`/api/v1/matters/${id}`)).json.notice_until) + 60);
  r = await c.staff.post(`/api/v1/matters/${id}/transitions`, { to: 'building' });
  assert.equal(r.status, 200, r.text);
  const [item, ...more] = await drafted();
  assert.ok(item, 'a major item for the matter');
  assert.deepEqual(more, []);
  assert.equal(item.state, 'draft');
  assert.equal(item.title, '东门加装雨棚');
  assert.match(item.body, /草稿[\s\S]*东门加装雨棚[\s\S]*进入共建/);
  assert.equal(item.matter.url, `/matters/${id}`);
  const today = new Date((now() + 8 * 3600) * 1000).toISOString().slice(0, 10);
  assert.equal(item.period.start, today, 'decided today');
  const told = await notes('staff2', 'disclosure_draft', 'major');
  assert.equal(told.length, 1, 'every staff member of the community is told, once');
  assert.equal(told[0].link.url, `/disclosure/items/${item.id}`, "the notification opens the draft");
  assert.equal(told[0].link.title, "东门加装雨棚");
  assert.deepEqual(await notes('fStaff', 'disclosure_draft'), [], 'not another community\'s staff');
  const waiting = (await board('staff', L)).drafts;
  assert.deepEqual(waiting.filter((x) => x.id === item.id).map((x) => [x.title, x.kind, x.overdue]), [['东门加装雨棚', 'major', false]],
    'the board lists it for the staff, among the drafts waiting');
  assert.ok(waiting.every((x, k) => k === 0 || x.due_at >= waiting[k - 1].due_at), 'soonest due first');
  assert.equal((await board('resident', L)).drafts, undefined, 'not for residents');
  assert.match((await c.staff.get(`/disclosure?community=${L}`)).text, /id="disclosure-drafts"[\s\S]*东门加装雨棚/);
  assert.doesNotMatch((await c.resident.get(`/disclosure?community=${L}`)).text, /disclosure-drafts|东门加装雨棚/);
  assert.equal((await c.resident.get(`/api/v1/disclosure/items/${item.id}`)).status, 404, 'a draft is not public');
  assert.equal((await c.staff.get(`/api/v1/matters/${id}`)).json.disclosure.id, item.id, 'the matter shows its item to the staff');
  assert.equal((await c.resident.get(`/api/v1/matters/${id}`)).json.disclosure, undefined, 'not to residents while a draft');
  assert.doesNotMatch((await c.resident.get(`/matters/${id}`)).text, /disclosure-panel/);
  assert.equal((await c.fStaff.get(`/api/v1/disclosure/items/${item.id}`)).status, 404, 'nor another community\'s');
  await clockTo(secs(item.due_at) + 60);
  assert.equal(kindOf(await board('resident', L), 'major').status, 'overdue', 'left a draft past its days: overdue in public');
  assert.equal((await board('staff', L)).drafts.find((x) => x.id === item.id).overdue, true, 'and on the staff\'s list');
  assert.ok((await notes('staff', 'disclosure_overdue', 'major')).length >= 1, 'and the staff are told');
  r = await c.staff.put(`/api/v1/disclosure/items/${item.id}`, { body: '东门雨棚：议事会表决通过，经费3,000元由公益金支出。', publish: 'now' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.state, 'published');
  assert.equal(r.json.matter.id, id, 'still the matter\'s');
  assert.equal((await c.resident.get(`/api/v1/matters/${id}`)).json.disclosure.state, 'published', 'published: on the matter for everyone');
  assert.match((await c.resident.get(`/matters/${id}`)).text, new RegExp(`id="disclosure-panel"[\\s\\S]*href="/disclosure/items/${item.id}"`));
  const page = await c.resident.get(`/disclosure/items/${item.id}`);
  assert.ok(page.text.includes(`<a href="/matters/${id}" id="disclosure-matter">`), 'the published item links to its matter');
  assert.equal(kindOf(await board('resident', L), 'major').status, 'on_time');
  assert.ok(!(await board('staff', L)).drafts.some((x) => x.id === item.id), 'published: no longer waiting');
  assert.equal((await drafted()).length, 1, 'one item per matter');
});
