// Open311 with a client we did not write: Code for America's npm package
// "open311" (0.0.12), in its JSON mode. It discovers the endpoint, lists the
// services, reads a service's definition, files a request with its API key
// and attributes, and reads the request back as the community's staff move
// it (open, then closed once fixed). Its XML parsers cannot be installed (a
// git URL, a native module) and are never called in JSON mode: package.json
// overrides put a packaged parser in their place. The client sends no key
// with its token lookup (the spec leaves reads open; ours need the key), so
// that one call is not made through it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useServer, Client, PHONES } from './helpers.mjs';

const Open311 = createRequire(import.meta.url)('open311');
const h = useServer();
let staff, resident, key, client, filed;

/* The client's callback methods as promises: (err, data) with err false on success. */
const call = (method, ...args) => new Promise((resolve, reject) => client[method](...args, (err, data) =>
  (err ? reject(new Error(`open311 ${method}: ${err} ${data}`)) : resolve(data))));

before(async () => {
  await h.ready;
  staff = new Client(h.url, 'fStaff');
  await staff.signIn(PHONES.fStaff);
  resident = new Client(h.url, 'fResident');
  await resident.signIn(PHONES.fResident);
  const F = (await staff.get('/api/v1/me')).json.community_id;
  const r = await staff.post('/api/v1/open311/keys', { community_id: F, name: '市数字城管' });
  assert.equal(r.status, 201, r.text);
  key = r.json.key;
  client = new Open311({ discovery: `${h.url}/open311/discovery.json`, apiKey: key });
});

test('the client discovers the endpoint, lists the services and reads a definition', async () => {
  const d = await call('serviceDiscovery', { cache: true });
  assert.equal(client.endpoint, `${h.url}/open311/v2/`, 'the production GeoReport v2 endpoint, taken from discovery');
  assert.equal(client.format, 'json');
  assert.ok(d.endpoints.some((e) => e.formats.includes('application/json')));
  const services = await call('serviceList');
  assert.equal(services.length, 13);
  const power = services.find((s) => s.service_code === 'power');
  assert.equal(power.service_name, '供电照明');
  assert.equal(power.metadata, true);
  const def = await call('serviceDefinition', 'power');
  assert.equal(def.service_code, 'power');
  assert.deepEqual(def.attributes.map((a) => a.code), ['facility', 'anonymous']);
});

test('the client files a request with its key and an attribute; it is a report of the key\'s community', async () => {
  const out = await call('submitRequest', { service_code: 'power', lat: 30.5, long: 114.3, address_string: '凤凰苑 车棚旁',
    description: '车棚的灯不亮了', attributes: { anonymous: 'yes' } });
  assert.equal(out.length, 1);
  filed = out[0].service_request_id;
  assert.ok(Number.isInteger(filed) && filed > 0, `an id (${JSON.stringify(out)})`);
  assert.match(out[0].token, /^[0-9a-f]{32}$/);
  const report = await staff.get(`/api/v1/reports/${filed}`);
  assert.equal(report.status, 200);
  assert.equal(report.json.description, '车棚的灯不亮了');
  assert.equal(report.json.category, 'power');
  assert.equal(report.json.anonymous, true, 'the attribute reached the report');
  assert.equal((await resident.get(`/api/v1/reports/${filed}`)).status, 200, 'the community\'s residents see it');
});

test('the client reads the request back as staff move it: open, then closed once fixed', async () => {
  let [got] = await call('serviceRequests', filed, { api_key: key });
  assert.equal(got.service_request_id, filed);
  assert.equal(got.status, 'open');
  assert.ok(got.requested_datetime instanceof Date && !Number.isNaN(got.requested_datetime.getTime()), 'a W3C datetime the client parses');
  const open = await call('serviceRequests', { api_key: key, status: 'open', service_code: 'power' });
  assert.ok(open.some((x) => x.service_request_id === filed));
  assert.equal((await staff.post(`/api/v1/reports/${filed}/transitions`, { state: 'fixed', note: '换了灯管' })).status, 200);
  [got] = await call('serviceRequests', filed, { api_key: key });
  assert.equal(got.status, 'closed');
  assert.ok(got.updated_datetime >= got.requested_datetime);
  const stillOpen = await call('serviceRequests', { api_key: key, status: 'open', service_code: 'power' });
  assert.ok(!stillOpen.some((x) => x.service_request_id === filed));
});

test('a wrong key: the client reports the server\'s refusal and nothing is filed', async () => {
  const before = (await call('serviceRequests', { api_key: key })).length;
  const bad = new Open311({ endpoint: `${h.url}/open311/v2/`, apiKey: 'o311_' + '0'.repeat(64) });
  const err = await new Promise((resolve) => bad.submitRequest({ service_code: 'power', lat: 30.5, long: 114.3, description: 'x' },
    (e, data) => resolve({ e, data })));
  assert.equal(err.e, 403);
  assert.match(err.data, /api_key/);
  assert.equal((await call('serviceRequests', { api_key: key })).length, before);
});
