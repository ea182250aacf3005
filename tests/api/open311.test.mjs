// Open311 GeoReport v2 at /open311/v2/ (and mySociety's servicerequestupdates).
// A client we did not write (npm "open311") reads and posts in
// open311_client.test.mjs, in JSON; here every document, XML and JSON, is
// checked against the specification's own examples (wiki.open311.org/GeoReport_v2,
// quoted below): the same root, the same item elements, no field the spec
// does not name, the fields it requires, and the JSON (Spark convention)
// with the same keys as the XML. Then the flows: staff make a key for one
// community; a system reads that community's reports and no other's, posts
// a request (the spec's example request, in our categories), posts updates
// whose update_id is taken once, reopens a fixed report; bad input gets the
// spec's error list with 400, 403 or 404 and writes nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { spawnSync } from 'node:child_process';
import { useServer, Client, PHONES, STORE } from './helpers.mjs';

const h = useServer();
const c = {};
let F, L, key, otherKey, shed, fBuilding, lBuilding;

/* ---- the specification's examples ---- */
const SPEC = {
  services: `<?xml version="1.0" encoding="utf-8"?>
    <services><service><service_code>001</service_code><service_name>Cans left out 24x7</service_name>
    <description>Garbage or recycling cans that have been left out for more than 24 hours after collection.</description>
    <metadata>true</metadata><type>realtime</type><keywords>lorem, ipsum, dolor</keywords><group>sanitation</group>
    </service></services>`,
  definition: `<?xml version="1.0" encoding="utf-8"?>
    <service_definition><service_code>DMV66</service_code><attributes><attribute><variable>true</variable>
    <code>WHISHETN</code><datatype>singlevaluelist</datatype><required>true</required><datatype_description></datatype_description>
    <order>1</order><description>What is the ticket/tag/DL number?</description><values><value><key>123</key><name>Ford</name></value>
    <value><key>124</key><name>Chrysler</name></value></values></attribute></attributes></service_definition>`,
  created: `<?xml version="1.0" encoding="utf-8"?>
    <service_requests><request><service_request_id>293944</service_request_id><service_notice>The City will inspect.</service_notice>
    <account_id/></request></service_requests>`,
  token: `<?xml version="1.0" encoding="utf-8"?>
    <service_requests><request><service_request_id>638344</service_request_id><token>12345</token></request></service_requests>`,
  requests: `<?xml version="1.0" encoding="utf-8"?>
    <service_requests><request><service_request_id>638344</service_request_id><status>closed</status>
    <status_notes>Duplicate request.</status_notes><service_name>Sidewalk and Curb Issues</service_name><service_code>006</service_code>
    <description></description><agency_responsible></agency_responsible><service_notice></service_notice>
    <requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime><updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
    <expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime><address>8TH AVE and JUDAH ST</address>
    <address_id>545483</address_id><zipcode>94122</zipcode><lat>37.762221815</lat><long>-122.4651145</long>
    <media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg </media_url></request></service_requests>`,
  errors: `<?xml version="1.0" encoding="utf-8"?>
    <errors><error><code>403</code><description>Invalid api_key received -- can't proceed with create_request.</description></error></errors>`,
  // mySociety's extension (github.com/mysociety/fixmystreet/wiki/Open311-FMS---Complete-Spec)
  updates: `<?xml version="1.0" encoding="utf-8"?>
    <service_request_updates><request_update><update_id>294</update_id><service_request_id>638344</service_request_id>
    <status>CLOSED</status><updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime><description>Fixed</description>
    <media_url></media_url></request_update></service_request_updates>`,
};
// the spec's POST example, in our categories (api_key and places filled in below)
const SPEC_POST = 'jurisdiction_id=&service_code=power&lat=30.5&long=114.3&address_string=1234+5th+street'
  + '&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111'
  + '&description=A+large+sinkhole+is+destroying+the+street'
  + '&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg';

const ITEMS = new Set(['service', 'request', 'attribute', 'value', 'error', 'request_update', 'endpoint', 'format']);
const parser = new XMLParser({ ignoreDeclaration: true, parseTagValue: false, isArray: (name) => ITEMS.has(name) });
const W3C = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;

/* {root, items: [{...}]} of an XML document whose root holds a list of `item`. */
function items(xml, root, item) {
  const doc = parser.parse(xml);
  assert.deepEqual(Object.keys(doc), [root], `root <${root}>: ${xml.slice(0, 200)}`);
  return doc[root] === '' ? [] : doc[root][item];
}

/* Our items use only the fields the spec's example names, and every field in `required`. */
function sameShape(ours, spec, required, what) {
  const allowed = new Set(Object.keys(spec));
  assert.ok(ours.length > 0, `${what}: some items`);
  for (const o of ours) {
    for (const k of Object.keys(o)) assert.ok(allowed.has(k), `${what}: <${k}> is not in the spec's example`);
    for (const k of required) assert.ok(k in o, `${what}: <${k}> is missing`);
  }
}

const o311 = (p) => `/open311/v2/${p}`;
async function both(client, p, q = '') { // the XML and the JSON of one resource
  const x = await client.get(o311(`${p}.xml${q && '?' + q}`));
  const j = await client.get(o311(`${p}.json${q && '?' + q}`));
  return { x, j };
}

before(async () => {
  await h.ready;
  for (const k of ['fStaff', 'fResident', 'staff', 'resident']) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(PHONES[k]);
  }
  c.system = new Client(h.url, 'system'); // another system: no cookie, only its key
  F = c.fStaff.me.community_id ?? (await c.fStaff.get('/api/v1/me')).json.community_id;
  L = (await c.staff.get('/api/v1/me')).json.community_id;
  shed = (await c.fStaff.get('/api/v1/facilities')).json.items.find((f) => f.kind === 'bike_shed').id;
  const grid = (await c.fStaff.get(`/api/v1/places/${F}/children`)).json.items[0].id;
  fBuilding = (await c.fStaff.get(`/api/v1/places/${grid}/children`)).json.items[0].id;
  const lgrid = (await c.staff.get(`/api/v1/places/${L}/children`)).json.items[0].id;
  lBuilding = (await c.staff.get(`/api/v1/places/${lgrid}/children`)).json.items[0].id;
});

test('staff make a key for their community, shown once; residents and another community cannot', async () => {
  let r = await c.fStaff.post('/api/v1/open311/keys', { community_id: F, name: '市城管平台' });
  assert.equal(r.status, 201, r.text);
  key = r.json.key;
  assert.match(key, /^o311_[0-9a-f]{64}$/);
  const list = (await c.fStaff.get(`/api/v1/open311/keys?community=${F}`)).json.items;
  assert.equal(list.length, 1);
  assert.equal(list[0].name, '市城管平台');
  assert.ok(!JSON.stringify(list).includes(key.slice(5)), 'the key is never shown again');
  assert.equal((await c.fResident.post('/api/v1/open311/keys', { community_id: F, name: 'x' })).status, 403);
  assert.equal((await c.staff.post('/api/v1/open311/keys', { community_id: F, name: 'x' })).status, 404);
  assert.equal((await c.staff.get(`/api/v1/open311/keys?community=${F}`)).status, 404);
  r = await c.fStaff.post('/api/v1/open311/keys', { community_id: F, name: '' });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.code, 'open311_name_required');
  otherKey = (await c.staff.post('/api/v1/open311/keys', { community_id: L, name: '龙湖的系统' })).json.key;
  assert.match(otherKey, /^o311_/);
  // the page: the form, the key once, the list
  const page = await c.fStaff.get('/open311/keys');
  assert.equal(page.status, 200);
  assert.match(page.text, /市城管平台/);
  assert.ok(!page.text.includes(key), 'the page never shows a key again');
  assert.equal((await c.fResident.get('/open311/keys')).status, 403);
});

test('discovery, services and a service definition match the spec\'s examples, in XML and JSON', async () => {
  const d = await c.system.get('/open311/discovery.xml');
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'text/xml; charset=utf-8');
  assert.match(d.text, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
  const ep = parser.parse(d.text).discovery.endpoints.endpoint[0];
  assert.equal(ep.specification, 'http://wiki.open311.org/GeoReport_v2');
  assert.equal(ep.url, `${h.url}/open311/v2`);
  assert.deepEqual(ep.formats.format, ['text/xml', 'application/json']);

  const { x, j } = await both(c.system, 'services');
  assert.equal(x.status, 200);
  assert.equal(j.headers.get('content-type'), 'application/json; charset=utf-8');
  const spec = items(SPEC.services, 'services', 'service')[0];
  const ours = items(x.text, 'services', 'service');
  sameShape(ours, spec, Object.keys(spec), 'services');
  assert.ok(ours.some((s) => s.service_code === 'power' && s.metadata === 'true' && s.type === 'realtime'));
  assert.deepEqual(j.json.map((s) => Object.keys(s).sort()), ours.map((s) => Object.keys(s).sort()), 'JSON keys = XML elements');
  assert.equal(j.json.length, 13);

  const def = await both(c.system, 'services/power');
  const sd = parser.parse(SPEC.definition).service_definition, od = parser.parse(def.x.text).service_definition;
  assert.deepEqual(Object.keys(od).sort(), Object.keys(sd).sort());
  sameShape(od.attributes.attribute, sd.attributes.attribute[0], ['variable', 'code', 'datatype', 'required', 'order', 'description'], 'attributes');
  const anon = def.j.json.attributes.find((a) => a.code === 'anonymous');
  assert.deepEqual(anon.values.map((v) => v.key), ['no', 'yes']);
  assert.equal(def.j.json.service_code, 'power');

  const miss = await c.system.get(o311('services/potholes.xml'));
  assert.equal(miss.status, 404);
  sameShape(items(miss.text, 'errors', 'error'), items(SPEC.errors, 'errors', 'error')[0], ['code', 'description'], 'errors');
  assert.equal((await c.system.get(o311('services.txt'))).status, 404);
  // English for an English client
  const en = await c.system.get(o311('services.json'), { headers: { 'accept-language': 'en' } });
  assert.equal(en.json.find((s) => s.service_code === 'power').service_name, 'Power and lights');
});

test('a key reads its community\'s requests and never another community\'s', async () => {
  const { x, j } = await both(c.system, 'requests', `api_key=${key}`);
  assert.equal(x.status, 200, x.text);
  const ours = items(x.text, 'service_requests', 'request');
  const spec = items(SPEC.requests, 'service_requests', 'request')[0];
  sameShape(ours, spec, ['service_request_id', 'status', 'service_name', 'service_code', 'description',
    'requested_datetime', 'updated_datetime', 'address', 'address_id', 'media_url'], 'requests');
  assert.ok(ours.length >= 5, 'the demo reports of 凤凰苑');
  for (const r of j.json) {
    assert.match(r.requested_datetime, W3C);
    assert.ok(['open', 'closed'].includes(r.status));
  }
  assert.deepEqual(j.json.map((r) => r.service_request_id), ours.map((r) => Number(r.service_request_id)));
  // 龙湖's key sees none of 凤凰苑's
  const theirs = (await c.system.get(o311(`requests.json?api_key=${otherKey}`))).json;
  const mine = new Set(j.json.map((r) => r.service_request_id));
  assert.ok(theirs.every((r) => !mine.has(r.service_request_id)));
  const one = j.json[0].service_request_id;
  assert.equal((await c.system.get(o311(`requests/${one}.json?api_key=${otherKey}`))).status, 404);
  assert.deepEqual((await c.system.get(o311(`requests.json?api_key=${otherKey}&service_request_id=${one}`))).json, []);
  const single = await c.system.get(o311(`requests/${one}.xml?api_key=${key}`));
  assert.equal(items(single.text, 'service_requests', 'request')[0].service_request_id, String(one));
  // filters: status, service_code, a window
  const open = (await c.system.get(o311(`requests.json?api_key=${key}&status=open`))).json;
  assert.ok(open.length > 0 && open.every((r) => r.status === 'open'));
  const power = (await c.system.get(o311(`requests.json?api_key=${key}&service_code=power,water`))).json;
  assert.ok(power.every((r) => ['power', 'water'].includes(r.service_code)));
  const none = (await c.system.get(o311(`requests.json?api_key=${key}&start_date=2010-01-01T00:00:00Z&end_date=2010-03-01T00:00:00Z`))).json;
  assert.deepEqual(none, []);
  // a jurisdiction that is not the key's
  const bad = await c.system.get(o311(`requests.xml?api_key=${key}&jurisdiction_id=${L}`));
  assert.equal(bad.status, 404);
  assert.equal((await c.system.get(o311(`requests.xml?api_key=${key}&jurisdiction_id=${F}`))).status, 200);
});

test('the spec\'s example POST files a report against the shed, anonymous to the public', async () => {
  const r = await c.system.post(o311('requests.xml'), undefined,
    { form: `api_key=${key}&${SPEC_POST}&attribute[facility]=${shed}&attribute[anonymous]=yes` });
  assert.equal(r.status, 200, r.text);
  const got = items(r.text, 'service_requests', 'request')[0];
  const spec = items(SPEC.created, 'service_requests', 'request')[0];
  sameShape([got], { ...spec, token: '' }, ['service_request_id'], 'POST response');
  const id = Number(got.service_request_id);
  const report = (await c.fStaff.get(`/api/v1/reports/${id}`)).json;
  assert.equal(report.facility.id, shed);
  assert.equal(report.category, 'power');
  assert.equal(report.anonymous, true);
  assert.equal(report.description, 'A large sinkhole is destroying the street');
  // staff who handle it see which system filed it and whom to call back; the public never does
  const staffPage = await c.fStaff.get(`/reports/${id}`);
  assert.match(staffPage.text, /id="open311-request"[\s\S]*市城管平台[\s\S]*john smith[\s\S]*111111111[\s\S]*smit333@sfgov.edu/);
  const publicPage = await c.fResident.get(`/reports/${id}`);
  assert.equal(publicPage.status, 200);
  assert.ok(!publicPage.text.includes('smit333') && !publicPage.text.includes('john smith') && !publicPage.text.includes('open311-request'));
  assert.ok(!JSON.stringify((await c.fResident.get(`/api/v1/reports/${id}`)).json).includes('smit333'));
  const mine = (await c.system.get(o311(`requests/${id}.json?api_key=${key}`))).json[0];
  assert.equal(mine.media_url, 'http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg');
  assert.equal(mine.lat, 30.5);
  assert.equal(mine.long, 114.3);
  assert.equal(mine.status, 'open');
  // the token resolves to the id, for this key only
  const t = await c.system.get(o311(`tokens/${got.token}.xml?api_key=${key}`));
  sameShape(items(t.text, 'service_requests', 'request'), items(SPEC.token, 'service_requests', 'request')[0],
    ['service_request_id', 'token'], 'token');
  assert.equal((await c.system.get(o311(`tokens/${got.token}.json?api_key=${otherKey}`))).status, 404);
  // at a building of the community by address_id, in JSON
  const b = await c.system.post(o311('requests.json'), undefined,
    { form: { api_key: key, service_code: 'water', address_id: String(fBuilding), description: '2栋停水了' } });
  assert.equal(b.status, 200, b.text);
  const wr = (await c.fStaff.get(`/api/v1/reports/${b.json[0].service_request_id}`)).json;
  assert.equal(wr.place.id, fBuilding);
});

test('bad input: the spec\'s error list with 400, 403 or 404, and nothing written', async () => {
  const count = async () => (await c.system.get(o311(`requests.json?api_key=${key}`))).json.length;
  const before = await count();
  const post = (form, fmt = 'xml') => c.system.post(o311(`requests.${fmt}`), undefined, { form });
  const base = { api_key: key, service_code: 'power', address_string: '2栋', description: '灯坏了' };
  const cases = [
    [{ ...base, api_key: undefined }, 403, 'api_key'],
    [{ ...base, api_key: 'o311_' + '0'.repeat(64) }, 403, 'api_key'],
    [{ ...base, api_key: 'xyz' }, 403, 'api_key'],
    [{ ...base, jurisdiction_id: 'city.gov' }, 404, 'jurisdiction_id'],
    [{ ...base, service_code: 'potholes' }, 404, 'service_code'],
    [{ ...base, service_code: '' }, 400, 'service_code'],
    [{ ...base, address_string: '' }, 400, 'lat'],
    [{ ...base, lat: '30.5' }, 400, 'long'],
    [{ ...base, lat: '300', long: '114' }, 400, 'lat'],
    [{ ...base, lat: 'north', long: '114' }, 400, 'lat'],
    [{ ...base, 'attribute[colour]': 'red' }, 400, 'attribute[colour]'],
    [{ ...base, 'attribute[facility]': 'abc' }, 400, 'attribute[facility]'],
    [{ ...base, 'attribute[facility]': '99999999' }, 400, 'facility'],
    [{ ...base, 'attribute[anonymous]': 'maybe' }, 400, 'attribute[anonymous]'],
    [{ ...base, 'attribute[anonymous][]': 'yes' }, 400, 'attribute[anonymous][]'],
    [{ ...base, address_id: String(lBuilding) }, 400, 'address_id'],
    [{ ...base, address_id: '-3' }, 400, 'address_id'],
    [{ ...base, description: '' }, 400, 'description'],
    [{ ...base, description: '灯'.repeat(2001) }, 400, 'description'],
    [{ ...base, email: 'x'.repeat(201) }, 400, 'email'],
    [{ ...base, media_url: 'javascript:alert(1)' }, 400, 'media_url'],
  ];
  for (const [form, status, field] of cases) {
    for (const k of Object.keys(form)) if (form[k] === undefined) delete form[k];
    const r = await post(form);
    assert.equal(r.status, status, `${JSON.stringify(form).slice(0, 120)}: ${r.text}`);
    const e = items(r.text, 'errors', 'error');
    assert.equal(e[0].code, String(status));
    assert.ok(e[0].description.includes(field) || status === 403, `${field}: ${e[0].description}`);
  }
  // the JSON error list
  const j = await post({ ...base, service_code: 'potholes' }, 'json');
  assert.deepEqual(Object.keys(j.json[0]).sort(), ['code', 'description']);
  assert.equal(j.json[0].code, 404);
  // a body that is no form, a JSON body, a bad escape
  for (const [body, type] of [['{"service_code":"power"}', 'application/json'], ['a=%ZZ', 'application/x-www-form-urlencoded'],
    ['x', 'text/plain']]) {
    const r = await c.system.req('POST', o311('requests.xml'), { body, type });
    assert.ok([400, 403].includes(r.status), `${type}: ${r.status} ${r.text}`);
    assert.match(r.text, /<errors>/);
  }
  // queries: a window too long or backwards, a bad date or status or id list
  for (const q of ['start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z',
    'start_date=yesterday', 'end_date=2026-01-01T00:00:00', 'status=pending', 'service_code=potholes',
    'service_request_id=abc', `service_request_id=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`]) {
    const r = await c.system.get(o311(`requests.xml?api_key=${key}&${q}`));
    assert.equal(r.status, 400, `${q}: ${r.text}`);
  }
  assert.equal((await c.system.get(o311(`requests/999999.xml?api_key=${key}`))).status, 404);
  assert.equal((await c.system.get(o311(`tokens/nope.xml?api_key=${key}`))).status, 404);
  assert.equal((await c.system.get(o311('nothing.xml'))).status, 404);
  assert.equal(await count(), before, 'nothing was written');
  // a signed-in resident's cookie carries no authority here
  const r = await c.fResident.req('POST', o311('requests.xml'), { form: { service_code: 'power', description: 'x', address_string: 'y' } });
  assert.equal(r.status, 403);
});

test('updates: status changes read back with stable ids; a posted update_id is taken once; OPEN reopens a fixed report', async () => {
  const id = (await c.system.post(o311('requests.json'), undefined,
    { form: { api_key: key, service_code: 'power', 'attribute[facility]': String(shed), description: '车棚的灯不亮' } })).json[0].service_request_id;
  assert.equal((await c.fStaff.post(`/api/v1/reports/${id}/transitions`, { state: 'in_progress', note: '电工明天来' })).status, 200);
  const w = 'start_date=2026-01-01&end_date=2026-03-01';
  assert.equal((await c.system.get(o311(`servicerequestupdates.json?api_key=${key}&${w}`))).status, 200);
  const { x, j } = await both(c.system, 'servicerequestupdates', `api_key=${key}`);
  assert.equal(x.status, 200, x.text);
  const ours = items(x.text, 'service_request_updates', 'request_update');
  const spec = items(SPEC.updates, 'service_request_updates', 'request_update')[0];
  sameShape(ours, spec, Object.keys(spec), 'updates');
  const u = j.json.find((e) => e.service_request_id === id && e.status === 'IN_PROGRESS');
  assert.ok(u, JSON.stringify(j.json.slice(-3)));
  assert.equal(u.description, '电工明天来');
  assert.match(u.updated_datetime, W3C);
  const again = (await c.system.get(o311(`servicerequestupdates.json?api_key=${key}`))).json;
  assert.deepEqual(again.find((e) => e.update_id === u.update_id), u, 'stable ids');
  assert.ok(!(await c.system.get(o311(`servicerequestupdates.json?api_key=${otherKey}`))).json.some((e) => e.service_request_id === id));

  const send = (form) => c.system.post(o311('servicerequestupdates.xml'), undefined, { form: { api_key: key, ...form } });
  let r = await send({ service_request_id: String(id), update_id: 'fms-1', status: 'OPEN', description: '市民补充：两盏都不亮',
    updated_datetime: '2026-12-02T20:00:00+08:00' });
  assert.equal(r.status, 200, r.text);
  const posted = items(r.text, 'service_request_updates', 'request_update')[0];
  assert.match(posted.update_id, /^\d+$/);
  r = await send({ service_request_id: String(id), update_id: 'fms-1', status: 'OPEN', description: '又一遍' });
  assert.equal(r.status, 400, r.text);
  assert.match(items(r.text, 'errors', 'error')[0].description, /update_id/);
  let detail = (await c.fStaff.get(`/api/v1/reports/${id}`)).json;
  assert.equal(detail.events.filter((e) => e.note === '市民补充：两盏都不亮').length, 1);
  assert.equal(detail.events.filter((e) => e.note === '又一遍').length, 0, 'the repeat wrote nothing');
  // the update reads back under the id the POST answered
  const list = (await c.system.get(o311(`servicerequestupdates.json?api_key=${key}`))).json;
  assert.equal(list.find((e) => e.update_id === Number(posted.update_id)).description, '市民补充：两盏都不亮');
  // bad updates
  for (const [form, status] of [[{ service_request_id: String(id), update_id: 'fms-2', status: 'SOLVED', description: 'x' }, 400],
    [{ service_request_id: String(id), status: 'OPEN', description: 'x' }, 400],
    [{ service_request_id: String(id), update_id: 'fms-3', status: 'OPEN', description: '' }, 400],
    [{ service_request_id: 'abc', update_id: 'fms-4', status: 'OPEN', description: 'x' }, 400],
    [{ service_request_id: String(id), update_id: 'fms-5', status: 'OPEN', description: 'x', updated_datetime: 'now' }, 400],
    [{ service_request_id: '99999999', update_id: 'fms-6', status: 'OPEN', description: 'x' }, 404]]) {
    r = await send(form);
    assert.equal(r.status, status, `${JSON.stringify(form)}: ${r.text}`);
  }
  // fixed: a CLOSED note cannot be added; OPEN reopens it, with the description as the reason
  assert.equal((await c.fStaff.post(`/api/v1/reports/${id}/transitions`, { state: 'fixed', note: '换了灯泡' })).status, 200);
  r = await send({ service_request_id: String(id), update_id: 'fms-7', status: 'CLOSED', description: '谢谢' });
  assert.equal(r.status, 400, r.text);
  r = await send({ service_request_id: String(id), update_id: 'fms-8', status: 'OPEN', description: '还是不亮' });
  assert.equal(r.status, 200, r.text);
  detail = (await c.fStaff.get(`/api/v1/reports/${id}`)).json;
  assert.equal(detail.state, 'confirmed');
  assert.equal(detail.events.at(-1).note, '还是不亮');
  const status = (await c.system.get(o311(`requests/${id}.json?api_key=${key}`))).json[0].status;
  assert.equal(status, 'open');
  if (STORE === 'sqlite') {
    // a key's account reads through its own API: it follows no report it filed or added to, and is told nothing
    const q = spawnSync('sqlite3', [h.db.replace(/^sqlite:/, ''), 'SELECT (SELECT count(*) FROM report_follow WHERE person_id IN '
      + '(SELECT person_id FROM open311_key)), (SELECT count(*) FROM notification WHERE person_id IN (SELECT person_id FROM open311_key))'],
    { encoding: 'utf8' });
    assert.equal(q.stdout.trim(), '0|0', q.stderr);
  }
});

test('a key files at most 60 requests a minute; a revoked key answers 403 at once', async () => {
  const form = { api_key: key, service_code: 'other', address_string: '东门', description: '测试节流' };
  let codes = [];
  for (let i = 0; i < 62; i++) codes.push((await c.system.post(o311('requests.json'), undefined, { form })).status);
  assert.ok(codes.filter((s) => s === 200).length <= 60, codes.join(','));
  assert.equal(codes.at(-1), 429);
  const keys = (await c.fStaff.get('/api/v1/open311/keys')).json.items;
  const k = keys.find((x) => x.name === '市城管平台');
  assert.equal((await c.fResident.del(`/api/v1/open311/keys/${k.id}`)).status, 403);
  assert.equal((await c.fStaff.del(`/api/v1/open311/keys/${k.id}`)).status, 200);
  assert.equal((await c.fStaff.del(`/api/v1/open311/keys/${k.id}`)).status, 409);
  const r = await c.system.get(o311(`requests.xml?api_key=${key}`));
  assert.equal(r.status, 403);
  assert.equal(items(r.text, 'errors', 'error')[0].code, '403');
});
