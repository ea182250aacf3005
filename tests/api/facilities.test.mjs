// Facilities: staff register what the community keeps (kind, place, keeper,
// photos without their metadata), or a facility from a finished
// co-building project, once; the keeper and staff record upkeep; the QR
// plate leads to the facility's page; another community sees nothing; bad
// input writes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';
import { picture, withSegments, exifSegment, jpegInfo } from './images.mjs';

const h = useServer();
const c = {};
let L, building, shed;

before(async () => {
  await h.ready;
  for (const k of ['staff', 'grid', 'resident', 'tenant', 'fStaff', 'fResident']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  L = (await c.staff.get('/api/v1/me')).json.community_id;
  const grid = (await c.staff.get(`/api/v1/places/${L}/children`)).json.items[0].id;
  building = (await c.staff.get(`/api/v1/places/${grid}/children`)).json.items[0].id;
});

const count = async () => (await c.staff.get('/api/v1/facilities')).json.items.length;

test('staff register a facility with its keeper; residents and another community cannot', async () => {
  const body = { place_id: building, kind: 'bike_shed', name: '1栋车棚', description: '20 个车位', keeper_phone: PHONES.resident };
  let r = await c.staff.post('/api/v1/facilities', body);
  assert.equal(r.status, 201, r.text);
  shed = r.json;
  assert.equal(shed.keeper.name, '赵桂兰');
  assert.equal(shed.place.id, building);
  assert.equal(shed.kind, 'bike_shed');
  assert.deepEqual(shed.upkeep, []);
  assert.equal((await c.resident.post('/api/v1/facilities', body)).status, 403);
  assert.equal((await c.grid.post('/api/v1/facilities', body)).status, 403, 'manage_facility: community staff and the street');
  assert.equal((await c.fStaff.post('/api/v1/facilities', body)).status, 404, 'another community\'s building is not there');
  assert.equal((await c.fResident.get(`/api/v1/facilities/${shed.id}`)).status, 404);
  assert.ok(!(await c.fStaff.get('/api/v1/facilities')).json.items.some((f) => f.id === shed.id));
  assert.ok((await c.tenant.get('/api/v1/facilities')).json.items.some((f) => f.id === shed.id), 'the community reads it');
});

test('bad input: a clear 4xx and nothing written', async () => {
  const before0 = await count();
  const base = { place_id: building, kind: 'bike_shed', name: '坏' };
  const household = (await c.staff.get(`/api/v1/places/${building}/children`)).json.items[0].id;
  for (const [bad, status, code] of [[{ kind: 'rocket' }, 422, 'facility_kind_invalid'], [{ name: '' }, 422, 'name_required'],
    [{ name: '名'.repeat(61) }, 422, 'facility_name_invalid'], [{ place_id: household }, 422, 'facility_place_invalid'],
    [{ place_id: 0 }, 422, 'place_required'], [{ keeper_phone: '13900001111' }, 422, 'facility_keeper_unknown'],
    [{ keeper_phone: PHONES.fResident }, 422, 'facility_keeper_unknown'], [{ photos: ['x'] }, 400, 'multipart_required'],
    [{ description: 'x'.repeat(501) }, 422, 'facility_text_invalid'], [{ place_id: 'one' }, 400, null]]) {
    const r = await c.staff.post('/api/v1/facilities', { ...base, ...bad });
    assert.equal(r.status, status, `${JSON.stringify(bad)}: ${r.text}`);
    if (code) assert.equal(r.json.error.code, code);
  }
  assert.equal(await count(), before0, 'nothing written');
});

test('photos from a phone are kept without their metadata', async () => {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ place_id: String(building), kind: 'lights', name: '1栋楼道灯' })) fd.append(k, v);
  fd.append('photos', new Blob([withSegments(picture('jpg', 800, 600), exifSegment({}))]), 'IMG_0001.jpg');
  const r = await c.staff.post('/api/v1/facilities', undefined, { body: fd });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.photos.length, 1);
  const img = await c.tenant.get(r.json.photos[0].url);
  assert.equal(img.status, 200);
  assert.equal(img.buf.indexOf(Buffer.from('Exif\0')), -1, 'no Exif (and no GPS position)');
  assert.ok(jpegInfo(img.buf), 'a JPEG');
  assert.equal((await c.fResident.get(r.json.photos[0].url)).status, 404);
});

test('a facility from a finished project, once', async () => {
  const m = (await c.staff.get('/api/v1/matters?stage=building')).json.items[0];
  const p = await c.staff.post('/api/v1/projects', { matter_id: m.id, title: '楼道灯改造', summary: '换 LED 灯', budget_fen: 100000 });
  assert.equal(p.status, 201, p.text);
  const t = await c.staff.post(`/api/v1/projects/${p.json.id}/tasks`, { title: '换灯' });
  let r = await c.staff.post('/api/v1/facilities', { project_id: p.json.id, kind: 'lights' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'facility_project_unfinished');
  const task = (t.json.tasks ?? [t.json]).find((x) => x.title === '换灯');
  assert.equal((await c.staff.put(`/api/v1/tasks/${task.id}`, { state: 'done' })).status, 200);
  r = await c.staff.post('/api/v1/facilities', { project_id: p.json.id, kind: 'lights' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.name, '楼道灯改造', 'named after its project');
  assert.equal(r.json.project.id, p.json.id);
  r = await c.staff.post('/api/v1/facilities', { project_id: p.json.id, kind: 'lights' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'facility_project_taken');
});

test('the keeper and staff record upkeep; other residents cannot', async () => {
  let r = await c.resident.post(`/api/v1/facilities/${shed.id}/upkeep`, { kind: 'clean', note: '扫了车棚' });
  assert.equal(r.status, 201, r.text);
  r = await c.staff.post(`/api/v1/facilities/${shed.id}/upkeep`, { kind: 'repair', note: '换了锁' });
  assert.equal(r.status, 201);
  assert.equal((await c.tenant.post(`/api/v1/facilities/${shed.id}/upkeep`, { kind: 'clean', note: '我也扫' })).status, 403);
  assert.equal((await c.fStaff.post(`/api/v1/facilities/${shed.id}/upkeep`, { kind: 'clean', note: '越界' })).status, 404);
  for (const [bad, code] of [[{ kind: 'paint', note: 'x' }, 'facility_upkeep_kind_invalid'], [{ kind: 'clean', note: ' ' }, 'facility_note_required']]) {
    r = await c.staff.post(`/api/v1/facilities/${shed.id}/upkeep`, bad);
    assert.equal(r.status, 422);
    assert.equal(r.json.error.code, code);
  }
  const d = (await c.tenant.get(`/api/v1/facilities/${shed.id}`)).json;
  assert.deepEqual(d.upkeep.map((u) => [u.kind, u.note, u.by.name]), [['repair', '换了锁', '李红梅'], ['clean', '扫了车棚', '赵桂兰']]);
  assert.equal(d.may_keep, false);
});

test('the pages: the registry with its form for staff, the facility, and the QR plate that leads back to it', async () => {
  let page = await c.staff.get('/facilities');
  assert.match(page.text, /<form method="post" action="\/facilities" enctype="multipart\/form-data">/);
  assert.doesNotMatch((await c.tenant.get('/facilities')).text, /action="\/facilities"/);
  const fd = new FormData();
  for (const [k, v] of Object.entries({ _csrf: c.staff.csrfToken, place_id: String(building), kind: 'seating', name: '1栋凉亭', keeper_phone: '' }))
    fd.append(k, v);
  let r = await c.staff.post('/facilities', undefined, { body: fd });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const id = Number(r.headers.get('location').match(/\/facilities\/(\d+)/)[1]);
  page = await c.tenant.get(`/facilities/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /1栋凉亭/);
  assert.doesNotMatch(page.text, /\/plate"/, 'no plate for residents');
  const plate = await c.staff.get(`/facilities/${id}/plate`);
  assert.equal(plate.status, 200);
  assert.match(plate.text, /<svg[^>]*>/);
  assert.match(plate.text, new RegExp(`/facilities/${id}</p>`));
  r = await c.resident.post(`/facilities/${shed.id}/upkeep`, undefined, { form: { _csrf: c.resident.csrfToken, kind: 'check', note: '灯都亮' } });
  assert.equal(r.status, 303);
  assert.equal((await c.fStaff.get(`/facilities/${id}`)).status, 404);
});
