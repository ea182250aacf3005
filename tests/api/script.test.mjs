// Content in the reader's script: a reader who chose 繁體 sees what residents
// wrote and the names of places in Traditional characters, with the
// original one tap away; what a form would send back stays as written; a
// reader of 简体 or English gets the page as written, with no toggle.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, Client, PHONES } from './helpers.mjs';

const h = useServer();
const c = {};
let matter, grid;
const HANT = { headers: { 'accept-language': 'zh-TW' } };

before(async () => {
  await h.ready;
  for (const [k, p] of Object.entries({ resident: PHONES.resident, tenant: PHONES.tenant })) {
    c[k] = new Client(h.url, k);
    await c[k].signIn(p);
  }
  const me = (await c.resident.get('/api/v1/me')).json;
  const home = me.roles.find((r) => r.role === 'resident').place.id;
  grid = (await c.resident.get(`/api/v1/places/${home}`)).json.ancestors.find((a) => a.kind === 'grid').id;
  const r = await c.resident.post('/api/v1/matters', { place_id: grid, category: 'parking', title: '东院停车位不够',
    body: '晚上回来找不到车位，希望增设临时停车位。' });
  assert.equal(r.status, 201, r.text);
  matter = r.json.id;
});

test('a 繁體 reader sees residents\' words and place names in Traditional characters, the original one tap away', async () => {
  const page = await c.tenant.get(`/matters/${matter}`, HANT);
  assert.equal(page.status, 200);
  assert.match(page.text, /<html lang="zh-Hant">/);
  assert.match(page.text, /東院停車位不夠/);
  assert.match(page.text, /晚上回來找不到車位，希望增設臨時停車位。/);
  assert.doesNotMatch(page.text, /东院停车位不够/);
  assert.match(page.text, />第1網格</, 'place names too');
  const m = /<p class="script-toggle"><a href="([^"]+)">顯示原文/.exec(page.text);
  assert.ok(m, 'a link to the original');
  assert.equal(m[1], `/matters/${matter}?orig=1`);
  // again: the same page (its texts now come from the cache of conversions)
  assert.equal((await c.tenant.get(`/matters/${matter}`, HANT)).text.replace(/name="_csrf" value="[^"]*"/g, ''),
    page.text.replace(/name="_csrf" value="[^"]*"/g, ''));
  const orig = await c.tenant.get(m[1], HANT);
  assert.match(orig.text, /东院停车位不够/, 'as written');
  assert.match(orig.text, /<html lang="zh-Hant">/, 'the page itself still in 繁體');
  const back = /<p class="script-toggle"><a href="([^"]+)">轉為繁體顯示/.exec(orig.text);
  assert.ok(back);
  assert.equal(back[1], `/matters/${matter}`);
  // the language menu names 简体中文 in its own script
  assert.match(page.text, /translate="no">简体中文</);
});

test('what a form sends back stays as written; other readers get no toggle', async () => {
  const page = await c.tenant.get(`/search?q=${encodeURIComponent('停车位')}`, HANT);
  assert.equal(page.status, 200);
  assert.match(page.text, /value="停车位"/, 'the search box keeps what was typed');
  assert.match(page.text, /<mark>停車位<\/mark>/, 'the results are converted');
  // other query parameters survive the toggle
  const m = /<p class="script-toggle"><a href="([^"]+)">/.exec(page.text);
  assert.equal(m[1].replace(/&amp;/g, '&'), `/search?q=${encodeURIComponent('停车位')}&orig=1`);
  for (const lang of ['zh-CN', 'en']) {
    const p = await c.tenant.get(`/matters/${matter}`, { headers: { 'accept-language': lang } });
    assert.match(p.text, /东院停车位不够/, lang);
    assert.doesNotMatch(p.text, /script-toggle/, lang);
  }
  // the API answers as written whatever the reader's language
  const api = await c.tenant.get(`/api/v1/matters/${matter}`, HANT);
  assert.equal(api.json.title, '东院停车位不够');
});
