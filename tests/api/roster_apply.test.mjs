// A big roster's apply (tens of thousands of rows in one transaction) runs
// on a worker thread, never on the loop that took the request: with one
// loop thread, the server still answers other requests while the apply is
// running. /metrics shows the worker busy with it (wugong_worker_requests),
// and that answer itself comes from the only loop, before the apply's.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES, demoPlaces, sleep } from './helpers.mjs';

const h = useServer({ extraArgs: ['--threads', '1'] });
const HOUSEHOLDS = 5000;
let staff, street, P;

before(async () => {
  await h.ready;
  staff = new Client(h.url, 'fStaff');
  await staff.signIn(PHONES.fStaff);
  street = new Client(h.url, 'street');
  await street.signIn(PHONES.street);
  P = await demoPlaces(street);
});

/* 100 buildings of 10 households in grids of 500, most with two people. */
function roster(n) {
  const rows = [['网格', '楼栋', '单元', '房号', '姓名', '手机号', '与户主关系']];
  let phone = 15100000000;
  for (let k = 0; k < n; k++) {
    const at = [`第${20 + Math.floor(k / 500)}网格`, `${300 + Math.floor(k / 10)}栋`, String(1 + (k % 10 >= 5 ? 1 : 0)), String(101 + (k % 5))];
    rows.push([...at, `住户${k}`, String(phone++), '户主']);
    if (k % 5 !== 0) rows.push([...at, `家属${k}`, String(phone++), '配偶']);
  }
  return Buffer.from('\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
}

const running = async () => {
  const m = await (await fetch(`${h.url}/metrics`)).text();
  return Number(/^wugong_worker_requests\{state="running"\} (\d+)$/m.exec(m)?.[1]);
};

test('with one loop thread, the server answers others while a roster of 5,000 households is applied', async () => {
  assert.equal(await running(), 0, 'no worker busy before');
  const fd = new FormData();
  fd.append('community', String(P.F));
  fd.append('file', new Blob([roster(HOUSEHOLDS)]), 'big.csv');
  const up = await staff.req('POST', '/api/v1/roster/imports', { body: fd });
  assert.equal(up.status, 201, up.text);
  assert.equal(up.json.counts.households_add, HOUSEHOLDS);

  let done = false;
  const applying = staff.post(`/api/v1/roster/imports/${up.json.id}/apply`).finally(() => { done = true; });
  let seen = false;
  while (!done && !seen) {
    seen = (await running()) === 1 && !done;
    if (!seen) await sleep(2);
  }
  assert.ok(seen, 'the only loop answered /metrics while a worker was applying the roster');
  const list = await street.get('/api/v1/matters?limit=1');
  assert.equal(list.status, 200, 'and a page of matters');
  const ap = await applying;
  assert.equal(ap.status, 200, ap.text);
  assert.equal(ap.json.status, 'applied');
  assert.equal(await running(), 0, 'the worker is free again');
  const again = await staff.get(`/api/v1/roster/imports/${up.json.id}`);
  assert.equal(again.json.status, 'applied');
  assert.ok(again.json.applied_at, 'applied, with its time');
});
