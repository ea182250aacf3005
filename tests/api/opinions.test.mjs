// Calls for opinions (意见征集): staff open a call at a grid with a deadline;
// the residents there are notified, post opinions with photos, support each
// other's (once each, 50 identical requests count once), staff merge
// duplicates (supports carry over) and turn an opinion into a matter at the
// call's place; comments on opinions; the deadline closes the call; every
// bad input is refused with a clear code and writes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { png, jpeg, jpegInfo } from './images.mjs';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
let community, grid, call, callB, A, B, C, photoId, matterId;
const now = () => Math.floor(Date.now() / 1000) + h.clockOffset;

const gif = () => Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');

function form(fields, files = []) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append('photos', new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }), f.name ?? 'photo.png');
  return fd;
}
const postOpinion = (who, callId, body, files = []) =>
  c[who].post(`/api/v1/calls/${callId}/opinions`, undefined, { body: form({ body }, files) });
const notes = async (who) => (await c[who].get('/api/v1/notifications?limit=100')).json.items;
const opinion = async (id) => (await c.staff.get(`/api/v1/opinions/${id}`)).json;

before(async () => {
  await h.ready;
  const who = { staff: PHONES.staff, grid: PHONES.grid, grid2: PHONES.grid2, resident: PHONES.resident,
    leader: PHONES.leader, tenant: PHONES.tenant, leader2: PHONES.leader2, fStaff: PHONES.fStaff,
    fResident: PHONES.fResident };
  await Promise.all(Object.entries(who).map(async ([k, p]) => {
    c[k] = new Client(h.url, k);
    await c[k].signIn(p);
  }));
  community = (await c.staff.get('/api/v1/me')).json.community_id;
  // the grid of 赵桂兰's building (东院)
  const me = (await c.resident.get('/api/v1/me')).json;
  const home = me.roles.find((r) => r.role === 'resident').place.id;
  grid = (await c.resident.get(`/api/v1/places/${home}`)).json.ancestors.find((a) => a.kind === 'grid').id;
});

test('staff open a call for a grid; its residents are notified; who may open one and who sees it', async () => {
  const r = await c.staff.post('/api/v1/calls', { place_id: grid, title: '东院停车', body: '东院晚上车位不够，大家有什么办法？',
    deadline: now() + 7 * 86400 });
  assert.equal(r.status, 201, r.text);
  call = r.json;
  assert.deepEqual([call.place.id, call.title, call.status, call.open, call.opinions], [grid, '东院停车', 'open', true, 0]);
  // the residents of the grid hear of it, with a link; 凤凰苑 does not
  const n = (await notes('resident')).find((x) => x.kind === 'call_opened');
  assert.ok(n, 'call_opened notification');
  assert.deepEqual(n.link, { url: `/calls/${call.id}`, title: '东院停车' });
  assert.ok((await notes('tenant')).some((x) => x.kind === 'call_opened' && x.link.url === `/calls/${call.id}`));
  assert.ok(!(await notes('fResident')).some((x) => x.kind === 'call_opened'));
  // the grid worker of the grid may open one too; the one of another grid, residents and 凤凰苑 may not
  const g = await c.grid.post('/api/v1/calls', { place_id: grid, title: '网格员发起', deadline: now() + 86400 });
  assert.equal(g.status, 201, g.text);
  const g2 = await c.grid2.post('/api/v1/calls', { place_id: grid, title: '别的网格', deadline: now() + 86400 });
  assert.deepEqual([g2.status, g2.json.error.code], [403, 'forbidden']);
  assert.equal((await c.resident.post('/api/v1/calls', { place_id: grid, title: '居民', deadline: now() + 86400 })).status, 403);
  assert.equal((await c.fStaff.post('/api/v1/calls', { place_id: grid, title: '外社区', deadline: now() + 86400 })).status, 404);
  // a second call, for the whole community
  const b = await c.staff.post('/api/v1/calls', { place_id: community, title: '社区文化活动', deadline: now() + 30 * 86400 });
  assert.equal(b.status, 201);
  callB = b.json;
  // lists: the resident sees the calls on her line, 凤凰苑 sees none of them
  const mine = (await c.resident.get('/api/v1/calls')).json;
  assert.ok(mine.items.some((x) => x.id === call.id) && mine.items.some((x) => x.id === callB.id));
  assert.equal((await c.fResident.get('/api/v1/calls')).json.total, 0);
  assert.equal((await c.fResident.get(`/api/v1/calls/${call.id}`)).status, 404);
  assert.equal((await c.fStaff.get(`/api/v1/calls/${call.id}/opinions`)).status, 404);
  const page = await c.resident.get('/calls');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`href="/calls/${call.id}">东院停车`));
  assert.match((await c.resident.get('/')).text, /href="\/calls"/);
});

test('residents post opinions, one with a real PNG; the photo is served back re-encoded, only within the community', async () => {
  const bytes = png();
  const a = await postOpinion('resident', call.id, '晚上开放小学操场停车', [{ bytes, type: 'text/plain', name: 'x.txt' }]);
  assert.equal(a.status, 201, a.text);
  A = a.json;
  assert.equal(A.photos.length, 1);
  photoId = A.photos[0].id;
  assert.equal(A.photos[0].url, `/photos/${photoId}`);
  const got = await c.tenant.get(`/photos/${photoId}`);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'image/jpeg', 'read by its bytes, kept as a clean JPEG');
  assert.equal(got.headers.get('cache-control'), 'private, max-age=31536000, immutable');
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual([jpegInfo(got.buf).width, jpegInfo(got.buf).height], [2, 2], 'the same picture');
  assert.equal((await c.fResident.get(`/photos/${photoId}`)).status, 404);
  assert.equal((await c.fStaff.get(`/photos/${photoId}`)).status, 404);
  assert.notEqual((await h.client().get(`/photos/${photoId}`)).status, 200);
  // a JPEG, and a JSON opinion without photos
  const b = await postOpinion('leader2', call.id, '东院路边划线停车', [{ bytes: jpeg(), name: 'a.jpg' }]);
  assert.equal(b.status, 201, b.text);
  B = b.json;
  const j = await c.tenant.get(`/photos/${B.photos[0].id}`);
  assert.equal(j.headers.get('content-type'), 'image/jpeg');
  const cc = await c.tenant.post(`/api/v1/calls/${call.id}/opinions`, { body: '和物业协商错峰停车' });
  assert.equal(cc.status, 201, cc.text);
  C = cc.json;
  // only the audience posts: staff 403, 凤凰苑 404
  assert.equal((await c.staff.post(`/api/v1/calls/${call.id}/opinions`, { body: '工作人员' })).status, 403);
  assert.equal((await c.fResident.post(`/api/v1/calls/${call.id}/opinions`, { body: '外社区' })).status, 404);
  // the page shows the photos
  const page = await c.tenant.get(`/calls/${call.id}`);
  assert.match(page.text, new RegExp(`<a href="/photos/${photoId}"[^>]*><img src="/photos/${photoId}/thumb"`));
  assert.match(page.text, /enctype="multipart\/form-data"/);
});

test('supports: once per person (50 identical requests count once), not one\'s own, PUT/DELETE idempotent', async () => {
  const shots = await Promise.all(Array.from({ length: 50 }, () => c.leader.put(`/api/v1/opinions/${A.id}/support`)));
  for (const r of shots) assert.equal(r.status, 200, r.text);
  assert.deepEqual([(await opinion(A.id)).supports, shots[0].json.mine], [1, true]);
  const own = await c.resident.put(`/api/v1/opinions/${A.id}/support`);
  assert.deepEqual([own.status, own.json.error.code], [422, 'own_opinion']);
  let r = await c.tenant.put(`/api/v1/opinions/${A.id}/support`);
  assert.deepEqual([r.status, r.json.supports], [200, 2]);
  r = await c.tenant.del(`/api/v1/opinions/${A.id}/support`);
  assert.deepEqual([r.status, r.json.supports, r.json.mine], [200, 1, false]);
  r = await c.tenant.del(`/api/v1/opinions/${A.id}/support`);
  assert.deepEqual([r.status, r.json.supports], [200, 1]);
  r = await c.tenant.put(`/api/v1/opinions/${A.id}/support`);
  assert.equal(r.json.supports, 2);
  assert.equal((await c.staff.put(`/api/v1/opinions/${A.id}/support`)).status, 403);
  assert.equal((await c.fResident.put(`/api/v1/opinions/${A.id}/support`)).status, 404);
  assert.equal((await c.tenant.put('/api/v1/opinions/999999/support')).status, 404);
  // B: supported by the tenant and 孙德明 (who also back A), and by 赵桂兰 (A's author)
  for (const k of ['tenant', 'leader', 'resident']) assert.equal((await c[k].put(`/api/v1/opinions/${B.id}/support`)).status, 200);
  assert.equal((await opinion(B.id)).supports, 3);
  // listed by support count
  const list = (await c.tenant.get(`/api/v1/calls/${call.id}/opinions`)).json.items.map((x) => x.id);
  assert.deepEqual(list, [B.id, A.id, C.id]);
  // the page's support button
  const p = await c.leader2.post(`/opinions/${C.id}/support`, undefined, { form: { _csrf: c.leader2.csrfToken, on: '1' } });
  assert.equal(p.status, 303);
  assert.equal((await opinion(C.id)).supports, 1);
});

test('staff merge a duplicate: supports carry over once each, the author is told; refused merges write nothing', async () => {
  // refusals first
  const bad = async (who, id, body, status, code) => {
    const r = await c[who].post(`/api/v1/opinions/${id}/merge`, body);
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    if (code) assert.equal(r.json.error.code, code);
  };
  await bad('resident', B.id, { into: A.id }, 403, 'forbidden');
  await bad('fStaff', B.id, { into: A.id }, 404, 'not_found');
  await bad('staff', B.id, { into: B.id }, 422, 'merge_self');
  await bad('staff', B.id, {}, 422, 'into_required');
  await bad('staff', B.id, { into: 'A' }, 400, 'bad_type');
  await bad('staff', B.id, { into: 999999 }, 422, 'into_invalid');
  const other = await postOpinion('tenant', callB.id, '办一场邻里节');
  assert.equal(other.status, 201, other.text);
  await bad('staff', B.id, { into: other.json.id }, 422, 'merge_other_call');
  assert.equal((await opinion(B.id)).status, 'open');
  // merge B (by 吴秀英; backed by the tenant, 孙德明 and 赵桂兰) into A (by 赵桂兰; backed by 孙德明 and the tenant)
  const m = await c.staff.post(`/api/v1/opinions/${B.id}/merge`, { into: A.id });
  assert.equal(m.status, 200, m.text);
  // A: 孙德明, the tenant (not twice), 吴秀英 (B's author); 赵桂兰 does not back her own
  assert.equal(m.json.supports, 3);
  const b = await opinion(B.id);
  assert.deepEqual([b.status, b.merged_into], ['merged', A.id]);
  const n = (await notes('leader2')).find((x) => x.kind === 'opinion_merged');
  assert.ok(n, 'the author of B is told');
  assert.equal(n.link.url, `/calls/${call.id}#opinion-${A.id}`);
  await bad('staff', B.id, { into: A.id }, 409, 'already_merged');
  await bad('staff', C.id, { into: B.id }, 409, 'target_not_open');
  // a merged opinion takes no more support
  assert.equal((await c.tenant.put(`/api/v1/opinions/${B.id}/support`)).status, 409);
});

test('staff turn an opinion into a matter at the call\'s place; it links back; author and supporters are told', async () => {
  assert.equal((await c.resident.post(`/api/v1/opinions/${A.id}/adopt`, {})).status, 403);
  const badCat = await c.staff.post(`/api/v1/opinions/${A.id}/adopt`, { category: 'nope' });
  assert.deepEqual([badCat.status, badCat.json.error.code], [422, 'category_invalid']);
  assert.equal((await c.staff.post(`/api/v1/opinions/${A.id}/adopt`, { title: 5 })).status, 400);
  assert.equal((await c.staff.post(`/api/v1/opinions/${A.id}/adopt`, { title: 'x'.repeat(81) })).status, 422);
  assert.equal((await opinion(A.id)).status, 'open', 'refusals wrote nothing');
  const r = await c.staff.post(`/api/v1/opinions/${A.id}/adopt`, { category: 'parking' });
  assert.equal(r.status, 201, r.text);
  matterId = r.json.matter_id;
  const m = (await c.staff.get(`/api/v1/matters/${matterId}`)).json;
  assert.deepEqual([m.place.id, m.title, m.category, m.stage], [grid, '东院停车', 'parking', 'collecting']);
  assert.match(m.body, /晚上开放小学操场停车/);
  assert.match(m.body, /东院路边划线停车/, 'the merged opinion is in the body');
  const a = await opinion(A.id);
  assert.deepEqual([a.status, a.matter_id], ['adopted', matterId]);
  // the matter page says where it came from; the opinion page links to the matter
  const mp = (await c.tenant.get(`/matters/${matterId}`)).text;
  assert.match(mp, /id="from-call"/);
  assert.match(mp, new RegExp(`href="/calls/${call.id}">东院停车`));
  assert.match((await c.tenant.get(`/opinions/${A.id}`)).text, new RegExp(`href="/matters/${matterId}"`));
  // told: the author and every supporter
  for (const k of ['resident', 'leader', 'tenant', 'leader2']) {
    const n = (await notes(k)).find((x) => x.kind === 'opinion_adopted');
    assert.ok(n, `${k} is told`);
    assert.equal(n.matter.id, matterId);
  }
  const again = await c.staff.post(`/api/v1/opinions/${A.id}/adopt`, {});
  assert.deepEqual([again.status, again.json.error.code], [409, 'already_adopted']);
  const merged = await c.staff.post(`/api/v1/opinions/${B.id}/adopt`, {});
  assert.deepEqual([merged.status, merged.json.error.code], [409, 'opinion_merged']);
  // the page form
  const p = await c.staff.post(`/opinions/${C.id}/adopt`, undefined, { form: { _csrf: c.staff.csrfToken, title: '错峰停车', category: 'parking' } });
  assert.equal(p.status, 303);
  assert.match(p.headers.get('location'), /^\/matters\/\d+$/);
});

test('comments on an opinion: threads, reports, moderation, the same limits', async () => {
  const a = await c.tenant.post(`/api/v1/opinions/${A.id}/comments`, { body: '操场晚上开放要有人管' });
  assert.equal(a.status, 201, a.text);
  const b = await c.resident.post(`/api/v1/opinions/${A.id}/comments`, { body: '可以请志愿者', parent_id: a.json.id });
  assert.equal(b.status, 201, b.text);
  const list = (await c.leader.get(`/api/v1/opinions/${A.id}/comments`)).json;
  assert.deepEqual(list.items.map((x) => [x.id, x.depth, x.opinion_id]), [[a.json.id, 0, A.id], [b.json.id, 1, A.id]]);
  // a comment of a matter is no parent here
  const mc = await c.tenant.post(`/api/v1/matters/${matterId}/comments`, { body: '事项上的讨论' });
  assert.equal(mc.status, 201);
  const wrong = await c.tenant.post(`/api/v1/opinions/${A.id}/comments`, { body: '回错地方', parent_id: mc.json.id });
  assert.deepEqual([wrong.status, wrong.json.error.code], [422, 'parent_invalid']);
  assert.equal((await c.tenant.get(`/api/v1/matters/${matterId}/comments`)).json.total, 1, 'matter and opinion threads apart');
  assert.equal((await c.tenant.post(`/api/v1/opinions/${A.id}/comments`, { body: ' ' })).status, 422);
  assert.equal((await c.tenant.post(`/api/v1/opinions/${A.id}/comments`, { body: '长'.repeat(2001) })).status, 422);
  assert.equal((await c.tenant.post(`/api/v1/opinions/${A.id}/comments`, { body: 1 })).status, 400);
  assert.equal((await c.fResident.get(`/api/v1/opinions/${A.id}/comments`)).status, 404);
  assert.equal((await c.fResident.post(`/api/v1/opinions/${A.id}/comments`, { body: '外社区' })).status, 404);
  // report and moderation through the comment routes
  assert.equal((await c.leader.post(`/api/v1/comments/${a.json.id}/report`, { reason: '不友善' })).status, 200);
  assert.equal((await c.resident.post(`/api/v1/comments/${a.json.id}/moderation`, { action: 'hide', reason: 'x' })).status, 403);
  const hide = await c.grid.post(`/api/v1/comments/${a.json.id}/moderation`, { action: 'hide', reason: '人身攻击' });
  assert.equal(hide.status, 200, hide.text);
  const seen = (await c.leader.get(`/api/v1/opinions/${A.id}/comments`)).json.items[0];
  assert.deepEqual([seen.status, seen.body, seen.hidden_reason], ['hidden', null, '人身攻击']);
  // the page form and its way back
  const p = await c.leader.post(`/opinions/${A.id}/comments`, undefined, { form: { _csrf: c.leader.csrfToken, body: '页面发言' } });
  assert.equal(p.status, 303);
  assert.match(p.headers.get('location'), new RegExp(`^/opinions/${A.id}#comment-\\d+$`));
  const rep = await c.tenant.post(`/comments/${b.json.id}/report`, undefined, { form: { _csrf: c.tenant.csrfToken, reason: '测试' } });
  assert.equal(rep.status, 303);
  assert.match(rep.headers.get('location'), new RegExp(`^/opinions/${A.id}#comment-`));
  assert.match((await c.leader.get(`/opinions/${A.id}`)).text, /页面发言/);
});

test('bad input for every endpoint is refused with a clear code and writes nothing', async () => {
  const count = async () => (await c.staff.get(`/api/v1/calls/${call.id}`)).json.opinions;
  const before = await count();
  const calls0 = (await c.staff.get('/api/v1/calls?limit=100')).json.total;
  const mk = (body) => c.staff.post('/api/v1/calls', { place_id: grid, title: '测试', deadline: now() + 86400, ...body });
  const expect = async (p, status, code) => {
    const r = await p;
    assert.equal(r.status, status, r.text);
    if (code) assert.equal(r.json.error.code, code);
  };
  // calls
  await expect(mk({ title: 5 }), 400, 'bad_type');
  await expect(mk({ deadline: 'tomorrow' }), 400, 'bad_type');
  await expect(mk({ title: '' }), 422, 'title_required');
  await expect(mk({ title: '题'.repeat(81) }), 422, 'title_invalid');
  await expect(mk({ body: '说'.repeat(5001) }), 422, 'body_invalid');
  await expect(mk({ deadline: now() - 60 }), 422, 'deadline_invalid');
  await expect(mk({ deadline: now() + 400 * 86400 }), 422, 'deadline_invalid');
  const me = (await c.resident.get('/api/v1/me')).json;
  await expect(mk({ place_id: me.roles.find((r) => r.role === 'resident').place.id }), 422, 'place_level_invalid');
  await expect(mk({ place_id: 999999 }), 404, 'not_found');
  await expect(c.staff.post('/api/v1/calls', 'not json', { headers: { 'content-type': 'application/json' } }), 400);
  assert.equal((await c.staff.get('/api/v1/calls?limit=100')).json.total, calls0);
  // opinions
  const p = (body, files) => postOpinion('leader', call.id, body, files);
  await expect(p('', []), 422, 'opinion_required');
  await expect(p('长'.repeat(2001), []), 422, 'opinion_invalid');
  await expect(c.leader.post(`/api/v1/calls/${call.id}/opinions`, { body: 7 }), 400, 'bad_type');
  await expect(c.leader.post(`/api/v1/calls/${call.id}/opinions`, { body: 'x', photos: ['aGk='] }), 400, 'multipart_required');
  const four = Array.from({ length: 4 }, () => ({ bytes: png() }));
  await expect(p('四张照片', four), 422, 'too_many_photos');
  await expect(p('动图', [{ bytes: gif(), type: 'image/gif', name: 'a.gif' }]), 415, 'photo_type_unsupported');
  await expect(p('改名的文本', [{ bytes: Buffer.from('just some text, not an image'), type: 'image/png', name: 'fake.png' }]),
    415, 'photo_type_unsupported');
  // a good photo followed by a bad one: nothing of it is kept
  await expect(p('一好一坏', [{ bytes: png() }, { bytes: gif(), name: 'b.gif' }]), 415, 'photo_type_unsupported');
  const big = Buffer.concat([png(), Buffer.alloc(20 * 1024 * 1024)]);
  await expect(p('太大', [{ bytes: big }]), 413, 'photo_too_large');
  await expect(c.leader.post(`/api/v1/calls/${call.id}/opinions`, undefined, { body: 'x=1', type: 'text/plain' }), 415);
  assert.equal(await count(), before, 'no opinion was written');
  assert.equal((await c.tenant.get(`/photos/${photoId + 1000}`)).status, 404);
  // supports, merge, adopt, close on ids that are not there
  await expect(c.leader.put('/api/v1/opinions/0/support'), 404);
  await expect(c.staff.post('/api/v1/opinions/999999/merge', { into: A.id }), 404);
  await expect(c.staff.post('/api/v1/opinions/999999/adopt', {}), 404);
  await expect(c.staff.post('/api/v1/opinions/1/adopt', 'x', { headers: { 'content-type': 'application/json' } }), 400);
  await expect(c.staff.post('/api/v1/calls/999999/close', {}), 404);
  await expect(c.staff.get('/api/v1/calls?limit=x'), 400, 'bad_query');
  // pages
  const bad = await c.staff.post('/calls', undefined, { form: { _csrf: c.staff.csrfToken, place_id: String(grid), title: '页面', deadline: '2020-13-40' } });
  assert.equal(bad.status, 422);
  assert.equal((await c.resident.get('/calls/new')).status, 403);
});

test('the page form opens a call; a resident posts with a photo through the page', async () => {
  const d = new Date((now() + 3 * 86400) * 1000).toISOString().slice(0, 10);
  const form0 = await c.staff.get('/calls/new');
  assert.equal(form0.status, 200);
  assert.match(form0.text, new RegExp(`<option value="${grid}">`));
  const r = await c.staff.post('/calls', undefined, { form: { _csrf: c.staff.csrfToken, place_id: String(grid), title: '楼道堆物', body: '', deadline: d } });
  assert.equal(r.status, 303, r.text);
  const id = Number(/^\/calls\/(\d+)$/.exec(r.headers.get('location'))[1]);
  const fd = form({ _csrf: c.resident.csrfToken, body: '清理楼道杂物' }, [{ bytes: png() }]);
  fd.append('photos', new Blob([]), ''); // an empty file input
  const post = await c.resident.post(`/calls/${id}/opinions`, undefined, { body: fd });
  assert.equal(post.status, 303, post.text);
  const list = (await c.resident.get(`/api/v1/calls/${id}/opinions`)).json.items;
  assert.deepEqual([list.length, list[0].photos.length], [1, 1]);
  // the deadline of the form is the end of that day in China
  const cl = (await c.resident.get(`/api/v1/calls/${id}`)).json;
  assert.equal(cl.deadline_at_local, `${d} 23:59`);
});

test('a poster is rate-limited like comments', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await postOpinion('leader', callB.id, `意见${i}`)).status, 201);
  const r = await postOpinion('leader', callB.id, '第六条');
  assert.deepEqual([r.status, r.json.error.code], [429, 'opinion_rate_limited']);
});

test('staff close a call early; the deadline closes the other: posting and support are refused', async () => {
  assert.equal((await c.resident.post(`/api/v1/calls/${callB.id}/close`, {})).status, 403);
  const cl = await c.staff.post(`/api/v1/calls/${callB.id}/close`, {});
  assert.deepEqual([cl.status, cl.json.status, cl.json.open], [200, 'closed', false]);
  const again = await c.staff.post(`/api/v1/calls/${callB.id}/close`, {});
  assert.deepEqual([again.status, again.json.error.code], [409, 'call_closed']);
  const late = await c.tenant.post(`/api/v1/calls/${callB.id}/opinions`, { body: '晚了' });
  assert.deepEqual([late.status, late.json.error.code], [409, 'call_closed']);
  // eight days on, the first call's deadline has passed
  await h.setClock(8 * 86400);
  const r = await c.tenant.post(`/api/v1/calls/${call.id}/opinions`, { body: '截止后' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'call_closed']);
  const s = await c.leader2.put(`/api/v1/opinions/${C.id}/support`);
  assert.equal(s.status, 409);
  const v = (await c.tenant.get(`/api/v1/calls/${call.id}`)).json;
  assert.deepEqual([v.open, v.may_post], [false, false]);
  assert.doesNotMatch((await c.tenant.get(`/calls/${call.id}`)).text, /id="post-opinion"/);
  await h.setClock(0);
});
