// The result page of a matter: the bike shed of 凤凰苑 (the demo's) tells
// its whole life from the records of each module, as each shows it: the
// timeline, the project's money and contributions (equal to the project's
// own API), its volunteer shifts, the before- and during-assessments with
// their results, and who benefited (the three buildings of grid 1, 18
// households, and how many of them took part, building by building). The page carries a QR code of its own address for paper;
// the matter's page links to it; another community reads nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
let shed;

before(async () => {
  await h.ready;
  for (const k of ['fStaff', 'fResident', 'staff']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  shed = (await c.fResident.get('/api/v1/matters?limit=50')).json.items.find((m) => m.title === '闲置停车棚清理改造');
  assert.ok(shed);
});

test('the whole life of the bike shed, each part as its own module shows it', async () => {
  const r = await c.fResident.get(`/api/v1/matters/${shed.id}/result`);
  assert.equal(r.status, 200, r.text);
  const d = r.json;
  assert.deepEqual(d.timeline.map((e) => e.to), ['collecting', 'deliberating', 'notice', 'building']);
  assert.equal(d.transitions, undefined, 'a record, not a desk');
  const project = (await c.fResident.get(`/api/v1/projects/${d.project.id}`)).json;
  assert.deepEqual(d.project.money, project.money);
  assert.deepEqual(d.project.contributions, project.contributions);
  assert.deepEqual(d.shifts.map((s) => s.title), ['车棚清理（上午）', '车棚粉刷（下午）']);
  assert.deepEqual(d.evaluations.map((e) => [e.phase, e.state]), [['before', 'closed'], ['during', 'closed']]);
  const during = (await c.fResident.get(`/api/v1/evaluations/${d.evaluations[1].id}`)).json;
  assert.equal(d.evaluations[1].percent, during.percent);
  assert.deepEqual(d.evaluations[1].tasks.map((t) => t.title), ['进度']);
  assert.deepEqual(d.benefited.buildings.map((b) => [b.name, b.households]), [['1栋', 6], ['2栋', 6], ['3栋', 6]]);
  assert.equal(d.benefited.households, 18);
  // the households that took part: the demo's assessments were answered by
  // households, each counted once however many assessments it answered
  assert.ok(d.benefited.took_part > 0);
  assert.equal(d.benefited.took_part_by.assessed, d.benefited.took_part);
  assert.equal(d.benefited.buildings.reduce((n, b) => n + b.took_part, 0), d.benefited.took_part);
});

test('who took part, down to the building: a household that backs a matter counts once, in its building', async () => {
  for (const k of ['resident', 'leader', 'tenant']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  const me = (await c.resident.get('/api/v1/me')).json;
  const home = me.roles.find((r) => r.role === 'resident').place.id;
  const line = (await c.resident.get(`/api/v1/places/${home}`)).json.ancestors;
  const building = line.find((p) => p.kind === 'building').id;
  const grid = line.find((p) => p.kind === 'grid').id;
  const m = (await c.resident.post('/api/v1/matters', { place_id: grid, category: 'other', title: '楼道灯更换' })).json;
  assert.ok(m.id, JSON.stringify(m));
  const took = async () => (await c.resident.get(`/api/v1/matters/${m.id}/result`)).json.benefited;
  let b = await took();
  assert.equal(b.took_part_by.supported, 0);
  assert.equal(b.buildings.find((x) => x.id === building).took_part, 0);
  for (const k of ['resident', 'leader', 'tenant'])
    assert.ok([200, 204].includes((await c[k].put(`/api/v1/matters/${m.id}/support`)).status), k);
  const households = (await c.resident.get(`/api/v1/matters/${m.id}`)).json.support.households;
  b = await took();
  assert.equal(b.took_part_by.supported, households);
  assert.equal(b.took_part, households);
  assert.equal(b.buildings.reduce((n, x) => n + x.took_part, 0), households, 'each household in its own building');
  assert.ok(b.buildings.find((x) => x.id === building).took_part >= 1);
  const page = await c.resident.get(`/matters/${m.id}/result`);
  assert.match(page.text, new RegExp(`id="result-took-part">${households}<`));
});

test('the page: every part, a QR code of its address for paper, linked from the matter', async () => {
  const r = await c.fResident.get(`/matters/${shed.id}/result`);
  assert.equal(r.status, 200);
  for (const id of ['result-story', 'result-votes', 'result-project', 'result-volunteers', 'result-evaluation', 'result-benefited'])
    assert.match(r.text, new RegExp(`id="${id}"`), id);
  assert.match(r.text, /<svg[^>]*viewBox/);
  assert.match(r.text, new RegExp(`/matters/${shed.id}/result</p>`));
  assert.match(r.text, /id="result-households">18</);
  assert.match(r.text, /id="result-took-part">\d+<\/strong> 户参与了这件事: 参与评估 \d+</, 'only the ways households took part');
  assert.match(r.text, /¥800\.00/);
  const m = await c.fResident.get(`/matters/${shed.id}`);
  assert.match(m.text, new RegExp(`href="/matters/${shed.id}/result"`));
  const en = await c.fResident.get(`/matters/${shed.id}/result?lang=en`);
  assert.equal(en.status, 200);
});

test('another community reads nothing; the anonymous sign in first', async () => {
  assert.equal((await c.staff.get(`/api/v1/matters/${shed.id}/result`)).status, 404);
  assert.equal((await c.staff.get(`/matters/${shed.id}/result`)).status, 404);
  assert.equal((await new Client(h.url, 'anon').get(`/api/v1/matters/${shed.id}/result`)).status, 401);
  assert.equal((await c.fResident.get('/api/v1/matters/99999999/result')).status, 404);
});
