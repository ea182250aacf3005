// Councils (议事会) and their meetings: a grid's monthly council with three
// meetings generated in Asia/Shanghai time, an agenda with a matter, the
// notice due notice_days before, self sign-in by code and its refusals,
// the facilitator's attendance, a proxy counted in meeting_presence by head
// and area, minutes and outcomes, undecided items carried forward, moves
// and cancellations in the iCalendar feed (parsed with node-ical), feed
// keys, and bad input for every endpoint.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import ical from 'node-ical';
import { useServer, Client, PHONES } from './helpers.mjs';
import { png, jpeg, jpegInfo } from './images.mjs';

const h = useServer();
const DAY = 86400;
const TZ = 8 * 3600;
const W = {};
let t0; // the server's time at the start (seconds)

/* a fresh signed-in client (sessions expire when the clock jumps) */
async function as(phone) {
  const c = new Client(h.url, phone);
  await c.signIn(phone);
  return c;
}

/* local (Asia/Shanghai) date parts of Unix seconds */
function local(t) {
  const d = new Date((t + TZ) * 1000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}
const pad = (n) => String(n).padStart(2, '0');
const localDate = (t) => { const l = local(t); return `${l.y}-${pad(l.m)}-${pad(l.d)}`; };
/* Unix seconds of a local date and time */
const at = (y, m, d, hh, mm) => Date.UTC(y, m - 1, d, hh, mm) / 1000 - TZ;
const localText = (t) => { const d = new Date((t + TZ) * 1000); return `${localDate(t)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`; };
const secs = (iso) => Date.parse(iso) / 1000;

/* the server clock runs offset seconds ahead of the real one */
async function clockTo(t) { await h.setClock(Math.round(t - Date.now() / 1000)); }

async function noticesOf(c, url) {
  const r = await c.get('/api/v1/notifications?limit=100');
  assert.equal(r.status, 200, r.text);
  return r.json.items.filter((n) => n.link && n.link.url === url);
}

async function feed(c, q = '') {
  const r = await c.get(`/places/${W.grid}/meetings.ics${q}`);
  return r;
}

function parseFeed(text) {
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
  assert.ok(!/[^\r]\n/.test(text), 'CRLF line ends');
  return ical.sync.parseICS(text);
}

before(async () => {
  await h.ready;
  t0 = Math.floor(Date.now() / 1000);
  W.grid0 = await as(PHONES.grid);
  const me = (await W.grid0.get('/api/v1/me')).json;
  W.grid = me.roles.find((r) => r.role === 'grid_worker').place.id;
  W.L = me.community_id;
  const admin = await as(PHONES.street);
  const kids = async (id) => (await admin.get(`/api/v1/places/${id}/children?limit=100`)).json.items.sort((a, b) => a.code.localeCompare(b.code));
  const [b1, b2] = await kids(W.grid);
  W.b1 = b1.id;
  W.h = {};
  for (const b of [b1, b2]) for (const x of await kids(b.id)) W.h[`${b.name}${x.code}`] = x;
  W.people = {};
  for (const [k, p] of Object.entries({ zhao: PHONES.resident, sun: PHONES.leader, zhou: PHONES.tenant, wu: PHONES.leader2, grid: PHONES.grid, fRes: PHONES.fResident })) {
    W.people[k] = (await (await as(p)).get('/api/v1/me')).json.id;
  }
  const fStaff = await as(PHONES.fStaff);
  W.F = (await fStaff.get('/api/v1/me')).json.community_id;
  W.fMatter = (await fStaff.post('/api/v1/matters', { place_id: W.F, category: 'other', title: '凤凰苑的事项' })).json.id;
  W.lMatter = (await W.grid0.get(`/api/v1/matters?place_id=${W.grid}`)).json.items.find((m) => /红凳子/.test(m.title));
  assert.ok(W.lMatter, 'the demo red-bench matter of grid 1');
});

test('a grid worker creates a monthly council: three meetings at the right local dates', async () => {
  const g = W.grid0;
  const startsOn = localDate(t0 + 20 * DAY);
  const bad = await (await as(PHONES.leader)).post('/api/v1/councils', { place_id: W.grid, name: 'x', kind: 'monthly', starts_on: startsOn, time: '19:30', location: 'x' });
  assert.equal(bad.status, 403, 'a building leader does not create councils');
  const other = await (await as(PHONES.fStaff)).post('/api/v1/councils', { place_id: W.grid, name: 'x', kind: 'monthly', starts_on: startsOn, time: '19:30', location: 'x' });
  assert.equal(other.status, 404, 'another community: not found');
  const r = await g.post('/api/v1/councils', { place_id: W.grid, name: '第1网格红凳子议事会', kind: 'monthly', day_of_month: 10,
    starts_on: startsOn, time: '19:30', location: '小区红凳子' });
  assert.equal(r.status, 201, r.text);
  W.council = r.json;
  assert.deepEqual([r.json.kind, r.json.unit, r.json.every, r.json.day_of_month, r.json.time, r.json.duration_min, r.json.notice_days],
    ['monthly', 'month', 1, 10, '19:30', 90, 7]);
  assert.equal(r.json.facilitator.id, W.people.grid, 'the creator facilitates by default');
  assert.equal(r.json.upcoming.length, 3);
  // expected: day 10 of the start month (or the next one when the start date is past the 10th), then monthly
  const s = local(secs(`${startsOn}T00:00:00+08:00`));
  const m0 = s.d > 10 ? s.m + 1 : s.m;
  r.json.upcoming.forEach((m, k) => {
    const want = at(s.y, m0 + k, 10, 19, 30);
    assert.equal(secs(m.start_at), want, `meeting ${k}`);
    assert.equal(secs(m.end_at), want + 90 * 60);
    assert.match(m.start_at_local, /-10 19:30$/);
    assert.equal(m.location, '小区红凳子');
    assert.equal(m.sequence, 0);
  });
  W.m = r.json.upcoming.map((m) => m.id);
  W.start = r.json.upcoming.map((m) => secs(m.start_at));
  // reading the council does not add more than three ahead
  const again = await g.get(`/api/v1/councils/${W.council.id}/meetings`);
  assert.equal(again.json.total, 3);
  const list = await (await as(PHONES.resident)).get(`/api/v1/places/${W.grid}/councils`);
  assert.deepEqual([list.status, list.json.total, list.json.may_create], [200, 1, false]);
  assert.equal((await (await as(PHONES.fResident)).get(`/api/v1/councils/${W.council.id}`)).status, 404);
  // the place page links the councils; the list page shows the council
  const page = await g.get(`/places/${W.grid}`);
  assert.match(page.text, new RegExp(`href="/places/${W.grid}/councils"`));
  assert.match((await g.get(`/places/${W.grid}/councils`)).text, /第1网格红凳子议事会/);
});

test('the agenda: a matter of the community and free-text items, in order', async () => {
  const g = W.grid0;
  const m = W.m[0];
  let r = await g.post(`/api/v1/meetings/${m}/agenda`, { matter_id: W.lMatter.id });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([r.json.position, r.json.title, r.json.matter.id], [1, W.lMatter.title, W.lMatter.id]);
  W.itemMatter = r.json.id;
  r = await g.post(`/api/v1/meetings/${m}/agenda`, { title: '楼道灯更换' });
  W.itemLight = r.json.id;
  r = await g.post(`/api/v1/meetings/${m}/agenda`, { title: '绿化带认养' });
  W.itemGreen = r.json.id;
  // a matter of another community is not a valid item, and reveals nothing
  r = await g.post(`/api/v1/meetings/${m}/agenda`, { matter_id: W.fMatter });
  assert.deepEqual([r.status, r.json.error.code], [422, 'matter_invalid']);
  // residents read the agenda but do not change it
  const res = await as(PHONES.resident);
  assert.equal((await res.post(`/api/v1/meetings/${m}/agenda`, { title: '我的议题' })).status, 403);
  r = await g.put(`/api/v1/meetings/${m}/agenda`, { order: [W.itemLight, W.itemMatter, W.itemGreen] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.agenda.map((x) => x.id), [W.itemLight, W.itemMatter, W.itemGreen]);
  const view = await res.get(`/api/v1/meetings/${m}`);
  assert.deepEqual(view.json.agenda.map((x) => x.title), ['楼道灯更换', W.lMatter.title, '绿化带认养']);
  assert.equal(view.json.signin_code, undefined, 'residents do not see the sign-in code');
  assert.equal(view.json.may_run, false);
  // the page moves an item without JavaScript
  const p = await g.post(`/agenda/${W.itemMatter}/move`, undefined, { form: { _csrf: g.csrfToken, dir: 'up' } });
  assert.equal(p.status, 303);
  assert.deepEqual((await g.get(`/api/v1/meetings/${m}`)).json.agenda.map((x) => x.id), [W.itemMatter, W.itemLight, W.itemGreen]);
  W.code = (await g.get(`/api/v1/meetings/${m}`)).json.signin_code;
  assert.match(W.code, /^[0-9a-f]{24}$/);
  // the page's agenda form: a matter already on the agenda is not offered again, and no outcome is chosen for you
  const page = (await g.get(`/meetings/${m}`)).text;
  const offered = /<select id="a-matter" name="matter_id">([\s\S]*?)<\/select>/.exec(page)[1];
  assert.doesNotMatch(offered, new RegExp(`value="${W.lMatter.id}"`), 'on the agenda already');
  const outcome = new RegExp(`<select id="o-${W.itemLight}" name="outcome" required><option value="" selected disabled>请选择结果</option>`);
  assert.match(page, outcome);
  // the units say what the numbers count
  assert.match((await g.get(`/councils/${W.council.id}`)).text, /提前 7 天通知大家/);
});

test('the notice reaches the place\'s people only from notice_days before the meeting', async () => {
  const url = `/meetings/${W.m[0]}`;
  const due = W.start[0] - 7 * DAY;
  await clockTo(due - 3600);
  let res = await as(PHONES.resident);
  assert.deepEqual(await noticesOf(res, url), [], 'not yet');
  await clockTo(due + 60);
  res = await as(PHONES.resident);
  const n = await noticesOf(res, url);
  assert.equal(n.length, 1);
  assert.equal(n[0].kind, 'meeting_notice');
  assert.match(n[0].link.title, /第1网格红凳子议事会/);
  assert.equal(secs(n[0].created_at), due);
  // the grid worker (staff of the place) is told too; 凤凰苑 people are not
  assert.equal((await noticesOf(await as(PHONES.grid), url)).length, 1);
  assert.equal((await noticesOf(await as(PHONES.fResident), url)).length, 0);
  assert.match((await res.get('/notifications')).text, /议事会会议通知/);
});

test('self sign-in by code: too early, wrong code, other community, then present once', async () => {
  const m = W.m[0];
  await clockTo(W.start[0] - 2 * 3600);
  let zhou = await as(PHONES.tenant);
  let r = await zhou.post(`/api/v1/meetings/${m}/signin`, { code: W.code });
  assert.deepEqual([r.status, r.json.error.code], [409, 'signin_not_open']);
  await clockTo(W.start[0] - 30 * 60);
  zhou = await as(PHONES.tenant);
  r = await zhou.post(`/api/v1/meetings/${m}/signin`, { code: 'f'.repeat(24) });
  assert.deepEqual([r.status, r.json.error.code], [403, 'signin_code_invalid']);
  r = await (await as(PHONES.fResident)).post(`/api/v1/meetings/${m}/signin`, { code: W.code });
  assert.equal(r.status, 404);
  // the QR code's page: a sign-in button posting the code with CSRF
  const page = await zhou.get(`/meetings/${m}/signin?code=${W.code}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="signin-btn"/);
  assert.match(page.text, new RegExp(`name="code" value="${W.code}"`));
  assert.equal((await zhou.post(`/meetings/${m}/signin`, undefined, { form: { code: W.code } , csrf: false })).status, 403, 'no CSRF token');
  r = await zhou.post(`/meetings/${m}/signin`, undefined, { form: { _csrf: zhou.csrfToken, code: W.code } });
  assert.equal(r.status, 303);
  r = await zhou.post(`/api/v1/meetings/${m}/signin`, { code: W.code });
  assert.deepEqual([r.status, r.json.present, r.json.new], [200, true, false], 'twice is once');
  const att = (await zhou.get(`/api/v1/meetings/${m}/attendance`)).json;
  assert.deepEqual(att.attendees.map((a) => [a.name, a.how]), [['周磊', 'self']]);
  // attending earns points by the community's rule (points_council_attend, 2), once
  const pts = (await zhou.get('/api/v1/points')).json;
  const earned = pts.items.filter((t) => t.rule === 'council_attend');
  assert.equal(earned.length, 1, 'signing in twice earns once');
  assert.equal(earned[0].amount, 2);
  assert.deepEqual(earned[0].source, { kind: 'meeting', id: m });
  // the facilitator's page shows the QR code of the sign-in URL
  const g = await as(PHONES.grid);
  const mp = await g.get(`/meetings/${m}`);
  assert.match(mp.text, /<svg[^>]*viewBox/);
  assert.match(mp.text, new RegExp(`/meetings/${m}/signin\\?code=${W.code}`));
});

test('the facilitator records attendance and a proxy; meeting_presence counts heads and area', async () => {
  const m = W.m[0];
  const g = await as(PHONES.grid);
  W.g = g;
  let r = await g.post(`/api/v1/meetings/${m}/attendance`, { person_id: W.people.sun });
  assert.equal(r.status, 200, r.text);
  r = await g.post(`/api/v1/meetings/${m}/attendance`, { person_id: W.people.wu });
  assert.equal(r.status, 200);
  r = await g.post(`/api/v1/meetings/${m}/attendance`, { person_id: W.people.fRes });
  assert.deepEqual([r.status, r.json.error.code], [422, 'person_invalid']);
  assert.equal((await (await as(PHONES.resident)).post(`/api/v1/meetings/${m}/attendance`, { person_id: W.people.zhao })).status, 403);
  const area = (k) => Math.round(W.h[k].floor_area_m2 * 100);
  const ownersArea = area('1栋101') + area('2栋101');
  let p = r = (await g.get(`/api/v1/meetings/${m}/attendance`)).json.presence;
  assert.deepEqual(p, { heads: 3, households: 3, owners: 2, owner_area_dm2: ownersArea, owner_area_m2: ownersArea / 100, attendees: 3, proxies: 0 });
  // the elderly owner 赵桂兰 authorises her son 孙德明 (present)
  r = await g.post(`/api/v1/meetings/${m}/proxies`, { principal_id: W.people.zhao, holder_id: W.people.sun });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.proxies.map((x) => [x.principal.name, x.holder.name]), [['赵桂兰', '孙德明']]);
  p = r.json.presence;
  // one head and one owner more; their household (1栋101) counts its area once
  assert.deepEqual(p, { heads: 4, households: 3, owners: 3, owner_area_dm2: ownersArea, owner_area_m2: ownersArea / 100, attendees: 3, proxies: 1 });
  // refusals: a second proxy of the same principal, a present principal, an absent holder, oneself
  r = await g.post(`/api/v1/meetings/${m}/proxies`, { principal_id: W.people.zhao, holder_id: W.people.wu });
  assert.deepEqual([r.status, r.json.error.code], [409, 'proxy_exists']);
  r = await g.post(`/api/v1/meetings/${m}/proxies`, { principal_id: W.people.zhou, holder_id: W.people.sun });
  assert.deepEqual([r.status, r.json.error.code], [409, 'principal_present']);
  r = await g.post(`/api/v1/meetings/${m}/proxies`, { principal_id: W.people.wu, holder_id: W.people.wu });
  assert.deepEqual([r.status, r.json.error.code], [422, 'proxy_self']);
  r = await g.post(`/api/v1/meetings/${m}/proxies`, { principal_id: W.people.fRes, holder_id: W.people.sun });
  assert.deepEqual([r.status, r.json.error.code], [422, 'principal_invalid']);
  // the principal cannot also be present
  const zhao = await as(PHONES.resident);
  r = await zhao.post(`/api/v1/meetings/${m}/signin`, { code: W.code });
  assert.deepEqual([r.status, r.json.error.code], [409, 'proxy_given']);
  const page = await zhao.get(`/meetings/${m}`);
  assert.match(page.text, /赵桂兰 委托 孙德明/);
  assert.match(page.text, /<strong>4<\/strong>/);
  // the facilitator's proxy form says what its limit counts
  assert.match((await g.get(`/meetings/${m}`)).text, /每人最多受托 \d+ 份委托/);
});

test('minutes and outcomes; closing fixes them and carries undecided items to the next meeting', async () => {
  const m = W.m[0];
  await clockTo(W.start[0] + 60 * 60);
  const g = await as(PHONES.grid);
  // the next meeting has not started: it cannot be closed
  let r = await g.post(`/api/v1/meetings/${W.m[1]}/close`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'meeting_not_started']);
  r = await g.put(`/api/v1/meetings/${m}/minutes`, { minutes: '## 议定\n\n- **停车**收费下调\n<script>x()</script>' });
  assert.equal(r.status, 200, r.text);
  assert.match(r.json.minutes_html, /<strong>停车<\/strong>/);
  assert.ok(!/<script>/.test(r.json.minutes_html), 'minutes are rendered safely');
  r = await g.put(`/api/v1/agenda/${W.itemMatter}/outcome`, { outcome: 'decided', text: '下调至每月100元' });
  assert.deepEqual([r.status, r.json.outcome, r.json.outcome_text], [200, 'decided', '下调至每月100元']);
  r = await g.put(`/api/v1/agenda/${W.itemLight}/outcome`, { outcome: 'deferred', text: '等物业报价' });
  assert.equal(r.status, 200);
  // a vote taken at the meeting must be closed (or cancelled) before the meeting is
  const v = await g.post('/api/v1/votes', { place_id: W.grid, title: '认养方案', method: 'yes_no_abstain', mode: 'meeting',
    rule: { preset: 'simple_majority' }, meeting_id: m });
  assert.equal(v.status, 201, v.text);
  r = await g.post(`/api/v1/meetings/${m}/close`);
  assert.deepEqual([r.status, r.json.error.code], [409, 'meeting_votes_open']);
  assert.equal((await g.get(`/api/v1/meetings/${m}`)).json.status, 'scheduled', 'nothing written');
  assert.equal((await g.post(`/api/v1/votes/${v.json.id}/cancel`)).status, 200);
  // 绿化带认养 gets no outcome: not decided
  r = await g.post(`/api/v1/meetings/${m}/close`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.status, r.json.next_meeting_id, r.json.carried], ['held', W.m[1], 2]);
  const next = (await g.get(`/api/v1/meetings/${W.m[1]}`)).json;
  assert.deepEqual(next.agenda.map((x) => [x.title, x.carried_from]), [['楼道灯更换', W.itemLight], ['绿化带认养', W.itemGreen]]);
  const held = (await g.get(`/api/v1/meetings/${m}`)).json;
  assert.deepEqual([held.status, held.sequence], ['held', 1]);
  // fixed: minutes, outcomes, agenda, attendance and a second close are refused
  r = await g.put(`/api/v1/meetings/${m}/minutes`, { minutes: '改写' });
  assert.deepEqual([r.status, r.json.error.code], [409, 'meeting_closed']);
  assert.equal((await g.put(`/api/v1/agenda/${W.itemGreen}/outcome`, { outcome: 'decided' })).status, 409);
  assert.equal((await g.post(`/api/v1/meetings/${m}/agenda`, { title: '晚到的议题' })).status, 409);
  assert.equal((await g.post(`/api/v1/meetings/${m}/close`)).status, 409);
  assert.equal((await (await as(PHONES.leader2)).post(`/api/v1/meetings/${m}/signin`, { code: W.code })).status, 409);
  // the series keeps three meetings ahead: a fourth one appeared
  const up = (await g.get(`/api/v1/councils/${W.council.id}/meetings`)).json;
  assert.equal(up.total, 3);
  assert.deepEqual(up.items.slice(0, 2).map((x) => x.id), [W.m[1], W.m[2]]);
  W.m.push(up.items[2].id);
  W.start.push(secs(up.items[2].start_at));
  const page = await g.get(`/meetings/${m}`);
  assert.match(page.text, /<strong>停车<\/strong>/);
  assert.match(page.text, /已决定 · 下调至每月100元/);
});

test('moves and cancellations: SEQUENCE+1 and STATUS:CANCELLED in the feed, people told at once', async () => {
  const g = await as(PHONES.grid);
  const moved = W.start[1] + DAY + 30 * 60;
  let r = await g.put(`/api/v1/meetings/${W.m[1]}`, { start: localText(moved).replace(' ', 'T'), location: '社区活动室, 二楼' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.sequence, secs(r.json.start_at), r.json.location], [1, moved, '社区活动室, 二楼']);
  r = await g.post(`/api/v1/meetings/${W.m[2]}/cancel`, { reason: '与社区活动冲突' });
  assert.deepEqual([r.status, r.json.status, r.json.sequence], [200, 'cancelled', 1]);
  assert.equal((await g.post(`/api/v1/meetings/${W.m[2]}/cancel`, {})).status, 409, 'cancelled once');
  const res = await as(PHONES.resident);
  const changed = await noticesOf(res, `/meetings/${W.m[1]}`);
  assert.ok(changed.some((n) => n.kind === 'meeting_changed'), 'a move is told at once');
  const cancelled = await noticesOf(res, `/meetings/${W.m[2]}`);
  assert.deepEqual(cancelled.map((n) => n.kind), ['meeting_cancelled']);
  // the feed, parsed by a real iCalendar parser
  const f = await feed(res);
  assert.equal(f.status, 200);
  assert.equal(f.headers.get('content-type'), 'text/calendar; charset=utf-8');
  assert.match(f.text, /PRODID:-\/\/wugong\/\/meetings\/\/ZH\r\n/);
  assert.match(f.text, /METHOD:PUBLISH\r\n/);
  assert.match(f.text, /BEGIN:VTIMEZONE\r\nTZID:Asia\/Shanghai\r\n/);
  assert.match(f.text, /LOCATION:社区活动室\\, 二楼\r\n/);
  const cal = parseFeed(f.text);
  const ev = (id) => cal[`meeting-${id}@wugong.invalid`];
  assert.equal(ev(W.m[0]).status, 'CONFIRMED');
  assert.equal(ev(W.m[0]).start.getTime() / 1000, W.start[0]);
  assert.equal(ev(W.m[1]).sequence, 1);
  assert.equal(ev(W.m[1]).start.getTime() / 1000, moved);
  assert.equal(ev(W.m[1]).end.getTime() / 1000, moved + 90 * 60);
  assert.equal(ev(W.m[1]).location, '社区活动室, 二楼');
  assert.equal(ev(W.m[1]).summary, '第1网格红凳子议事会');
  assert.equal(ev(W.m[1]).description, '1. 楼道灯更换\n2. 绿化带认养');
  assert.equal(ev(W.m[2]).status, 'CANCELLED', 'a cancelled meeting stays in the feed');
  assert.equal(ev(W.m[2]).sequence, 1);
  assert.equal(ev(W.m[3]).sequence, 0);
  // the cancelled meeting's pending notice is gone; the moved one's follows the new date
  await clockTo(W.start[2] + 60);
  const later = await as(PHONES.resident);
  assert.deepEqual((await noticesOf(later, `/meetings/${W.m[2]}`)).map((n) => n.kind), ['meeting_cancelled']);
  const mv = (await noticesOf(later, `/meetings/${W.m[1]}`)).filter((n) => n.kind === 'meeting_notice');
  assert.equal(mv.length, 1);
  assert.equal(secs(mv[0].created_at), moved - 7 * DAY);
});

test('the feed: a session or a feed key, else 404', async () => {
  const anon = h.client();
  assert.equal((await feed(anon)).status, 404);
  assert.equal((await feed(anon, `?key=${'0'.repeat(64)}`)).status, 404);
  const res = await as(PHONES.resident);
  const k = await res.post('/api/v1/feed-key');
  assert.equal(k.status, 201, k.text);
  assert.match(k.json.key, /^[0-9a-f]{64}$/);
  const ok = await feed(anon, `?key=${k.json.key}`);
  assert.equal(ok.status, 200);
  assert.ok(Object.keys(parseFeed(ok.text)).some((u) => u === `meeting-${W.m[1]}@wugong.invalid`));
  // a key of 凤凰苑's resident does not open 龙湖's feed
  const fk = await (await as(PHONES.fResident)).post('/api/v1/feed-key');
  assert.equal((await feed(anon, `?key=${fk.json.key}`)).status, 404);
  // a new key ends the old one
  const page = await res.post(`/places/${W.grid}/feed-key`, undefined, { form: { _csrf: res.csrfToken } });
  assert.equal(page.status, 200);
  const url = /id="feed-url"><a href="([^"]+)"/.exec(page.text)[1].replace(/&amp;/g, '&');
  assert.equal((await feed(anon, `?key=${k.json.key}`)).status, 404, 'the old key is dead');
  assert.equal((await anon.get(new URL(url).pathname + new URL(url).search)).status, 200);
});

test('bad input for every endpoint: clear codes, nothing written', async () => {
  const g = await as(PHONES.grid);
  const st = await as(PHONES.staff);
  const base = { place_id: W.grid, name: '测试议事会', kind: 'monthly', starts_on: localDate(Math.floor(Date.now() / 1000) + h.clockOffset + 5 * DAY), time: '09:00', location: '活动室' };
  const before = (await g.get(`/api/v1/places/${W.grid}/councils`)).json.total;
  const cases = [
    [{}, 400, 'bad_body', 'raw'],
    [{ ...base, place_id: 'x' }, 400, 'bad_type'],
    [{ ...base, name: 5 }, 400, 'bad_type'],
    [{ ...base, name: ' ' }, 422, 'name_required'],
    [{ ...base, name: '议'.repeat(61) }, 422, 'council_name_invalid'],
    [{ ...base, kind: 'weekly' }, 422, 'council_kind_invalid'],
    [{ ...base, kind: 'custom' }, 422, 'unit_invalid'],
    [{ ...base, kind: 'custom', unit: 'week', every: 13 }, 422, 'every_invalid'],
    [{ ...base, unit: 'week' }, 422, 'unit_invalid'],
    [{ ...base, day_of_month: 29 }, 422, 'day_invalid'],
    [{ ...base, kind: 'custom', unit: 'week', every: 2, day_of_month: 3 }, 422, 'day_invalid'],
    [{ ...base, starts_on: '2026-02-30' }, 422, 'starts_on_invalid'],
    [{ ...base, starts_on: '2000-01-01' }, 422, 'starts_on_past'],
    [{ ...base, time: '24:00' }, 422, 'time_invalid'],
    [{ ...base, duration_min: 10 }, 422, 'duration_invalid'],
    [{ ...base, location: '' }, 422, 'location_required'],
    [{ ...base, location: '地'.repeat(101) }, 422, 'location_invalid'],
    [{ ...base, notice_days: 61 }, 422, 'notice_days_invalid'],
    [{ ...base, notice_days: -1 }, 400, 'bad_type'],
    [{ ...base, facilitator_id: W.people.fRes }, 422, 'facilitator_invalid'],
    [{ ...base, place_id: W.h['1栋101'].id }, 422, 'place_level_invalid'],
  ];
  for (const [body, status, code, raw] of cases) {
    const r = raw ? await g.post('/api/v1/councils', undefined, { body: 'not json', type: 'application/json' }) : await g.post('/api/v1/councils', body);
    assert.deepEqual([r.status, r.json?.error?.code], [status, code], JSON.stringify(body).slice(0, 80));
  }
  assert.equal((await g.get(`/api/v1/places/${W.grid}/councils`)).json.total, before, 'no council written');
  // a custom rule: every 2 weeks on the start date's weekday
  const cu = await st.post('/api/v1/councils', { ...base, place_id: W.L, kind: 'custom', unit: 'week', every: 2, notice_days: 0 });
  assert.equal(cu.status, 201, cu.text);
  const ws = cu.json.upcoming.map((m) => secs(m.start_at));
  assert.deepEqual([ws[1] - ws[0], ws[2] - ws[1]], [14 * DAY, 14 * DAY]);
  assert.equal(ws[0], secs(`${base.starts_on}T09:00:00+08:00`));
  const c2 = cu.json.id;
  const mt = cu.json.upcoming[0].id;
  const nowLocal = (d) => localText(Math.floor(Date.now() / 1000) + h.clockOffset + d);
  const meetingCases = [
    ['POST', `/api/v1/councils/${c2}/meetings`, { start: '明天' }, 422, 'start_invalid'],
    ['POST', `/api/v1/councils/${c2}/meetings`, { start: nowLocal(-DAY) }, 422, 'start_past'],
    ['POST', `/api/v1/councils/${c2}/meetings`, { start: 7 }, 400, 'bad_type'],
    ['POST', `/api/v1/councils/${c2}/meetings`, { start: nowLocal(DAY), duration_min: 500 }, 422, 'duration_invalid'],
    ['POST', '/api/v1/councils/999999/meetings', { start: nowLocal(DAY) }, 404, 'not_found'],
    ['PUT', `/api/v1/meetings/${mt}`, {}, 422, 'no_change'],
    ['PUT', `/api/v1/meetings/${mt}`, { start: '2026-13-01 09:00' }, 422, 'start_invalid'],
    ['PUT', `/api/v1/meetings/${mt}`, { location: ' ' }, 422, 'location_required'],
    ['PUT', `/api/v1/meetings/${mt}`, { duration_min: 'long' }, 400, 'bad_type'],
    ['POST', `/api/v1/meetings/${mt}/cancel`, { reason: '因'.repeat(501) }, 422, 'reason_invalid'],
    ['POST', `/api/v1/meetings/${mt}/agenda`, {}, 422, 'agenda_item_invalid'],
    ['POST', `/api/v1/meetings/${mt}/agenda`, { title: 'x', matter_id: W.lMatter.id }, 422, 'agenda_item_invalid'],
    ['POST', `/api/v1/meetings/${mt}/agenda`, { title: ' ' }, 422, 'title_required'],
    ['POST', `/api/v1/meetings/${mt}/agenda`, { title: '题'.repeat(121) }, 422, 'title_invalid'],
    ['POST', `/api/v1/meetings/${mt}/agenda`, { matter_id: '1' }, 400, 'bad_type'],
    ['POST', `/api/v1/meetings/${mt}/agenda`, { matter_id: 999999 }, 422, 'matter_invalid'],
    ['PUT', `/api/v1/meetings/${mt}/agenda`, { order: 'x' }, 400, 'bad_type'],
    ['PUT', `/api/v1/meetings/${mt}/agenda`, { order: [999999] }, 422, 'order_invalid'],
    ['DELETE', '/api/v1/agenda/999999', undefined, 404, 'not_found'],
    ['PUT', '/api/v1/agenda/999999/outcome', { outcome: 'decided' }, 404, 'not_found'],
    ['POST', `/api/v1/meetings/${mt}/signin`, { code: 12 }, 400, 'bad_type'],
    ['POST', `/api/v1/meetings/${mt}/signin`, undefined, 400, 'json_required'],
    ['POST', `/api/v1/meetings/${mt}/attendance`, { person_id: -1 }, 400, 'bad_type'],
    ['POST', `/api/v1/meetings/${mt}/proxies`, { principal_id: 'a' }, 400, 'bad_type'],
    ['PUT', `/api/v1/meetings/${mt}/minutes`, { minutes: 3 }, 400, 'bad_type'],
    ['PUT', `/api/v1/meetings/${mt}/minutes`, {}, 422, 'minutes_required'],
    ['PUT', `/api/v1/meetings/${mt}/minutes`, { minutes: '纪'.repeat(20001) }, 422, 'minutes_invalid'],
    ['POST', `/api/v1/meetings/${mt}/close`, undefined, 409, 'meeting_not_started'],
    ['POST', `/api/v1/meetings/${mt}/attendance`, { person_id: W.people.zhao }, 409, 'signin_not_open'],
    ['POST', `/api/v1/meetings/${mt}/proxies`, { principal_id: W.people.zhao, holder_id: W.people.sun }, 409, 'signin_not_open'],
    ['GET', `/api/v1/councils/${c2}/meetings?when=soon`, undefined, 400, 'bad_query'],
  ];
  for (const [method, p, body, status, code] of meetingCases) {
    const r = await st.req(method, p, body === undefined ? {} : { json: body });
    assert.deepEqual([r.status, r.json?.error?.code], [status, code], `${method} ${p} ${JSON.stringify(body ?? null).slice(0, 60)}`);
  }
  const m = (await st.get(`/api/v1/meetings/${mt}`)).json;
  assert.deepEqual([m.sequence, m.status, m.agenda.length, m.minutes, m.attendance.attendees.length], [0, 'scheduled', 0, '', 0], 'nothing written');
  assert.equal((await st.get(`/api/v1/councils/${c2}/meetings?when=all`)).json.total, 3);
  // limits: 30 items per meeting; an item of another meeting or a reorder with duplicates
  for (let i = 0; i < 30; i++) assert.equal((await st.post(`/api/v1/meetings/${mt}/agenda`, { title: `议题${i}` })).status, 201);
  const full = await st.post(`/api/v1/meetings/${mt}/agenda`, { title: '第31个' });
  assert.deepEqual([full.status, full.json.error.code], [409, 'agenda_full']);
  const ids = (await st.get(`/api/v1/meetings/${mt}`)).json.agenda.map((x) => x.id);
  const dup = await st.put(`/api/v1/meetings/${mt}/agenda`, { order: [ids[0], ...ids.slice(0, -1)] });
  assert.deepEqual([dup.status, dup.json.error.code], [422, 'order_invalid']);
  const del = await st.del(`/api/v1/agenda/${ids[29]}`);
  assert.equal(del.status, 204);
  assert.equal((await st.get(`/api/v1/meetings/${mt}`)).json.agenda.length, 29);
  const out = await st.put(`/api/v1/agenda/${ids[0]}/outcome`, { outcome: 'maybe' });
  assert.deepEqual([out.status, out.json.error.code], [422, 'outcome_invalid']);
  const out2 = await st.put(`/api/v1/agenda/${ids[0]}/outcome`, { outcome: 'decided', text: '字'.repeat(501) });
  assert.deepEqual([out2.status, out2.json.error.code], [422, 'outcome_text_invalid']);
  // pages answer bad forms with the same codes
  const pr = await st.post(`/places/${W.grid}/councils`, undefined, { form: { _csrf: st.csrfToken, name: '', kind: 'monthly' } });
  assert.equal(pr.status, 422);
});

test('an ad hoc meeting; proxies are limited per holder', async () => {
  const st = await as(PHONES.staff);
  const now = Math.floor(Date.now() / 1000) + h.clockOffset;
  let first = now + 30 * DAY;
  if (local(first).d > 28) first += 5 * DAY; // the default day of the month is the start date's
  const c = await st.post('/api/v1/councils', { place_id: W.L, name: '社区居民议事会', kind: 'quarterly', starts_on: localDate(first),
    time: '15:00', location: '社区大厅' });
  assert.equal(c.status, 201, c.text);
  assert.deepEqual(c.json.upcoming.map((x) => local(secs(x.start_at)).m), [0, 3, 6].map((k) => (local(first).m - 1 + k) % 12 + 1), 'every three months');
  const r = await st.post(`/api/v1/councils/${c.json.id}/meetings`, { start: localText(now + 20 * 60 + 60), duration_min: 60, location: '社区大厅' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.ad_hoc, true);
  const m = r.json.id;
  // community electors: 孙德明 holds three proxies, a fourth is refused
  const electors = (await st.get(`/api/v1/places/${W.L}/people?limit=100`)).json.items;
  const id = (name) => electors.find((p) => p.name === name).id;
  assert.equal((await st.post(`/api/v1/meetings/${m}/attendance`, { person_id: id('孙德明') })).status, 200);
  for (const who of ['赵桂兰', '周磊', '吴秀英'])
    assert.equal((await st.post(`/api/v1/meetings/${m}/proxies`, { principal_id: id(who), holder_id: id('孙德明') })).status, 201, who);
  const fourth = await st.post(`/api/v1/meetings/${m}/proxies`, { principal_id: id('郑海涛'), holder_id: id('孙德明') });
  assert.deepEqual([fourth.status, fourth.json.error.code], [409, 'proxy_limit']);
  const absent = await st.post(`/api/v1/meetings/${m}/proxies`, { principal_id: id('郑海涛'), holder_id: id('冯丽') });
  assert.deepEqual([absent.status, absent.json.error.code], [409, 'holder_absent']);
  const p = (await st.get(`/api/v1/meetings/${m}/attendance`)).json.presence;
  assert.deepEqual([p.heads, p.proxies, p.attendees], [4, 3, 1]);
});

test('meeting photos: those who run the meeting upload up to 9; the community sees them; bad files write nothing', async () => {
  const g = await as(PHONES.grid);
  const now = Math.floor(Date.now() / 1000) + h.clockOffset;
  const co = await g.post('/api/v1/councils', { place_id: W.grid, name: '红凳子拍照议事会', kind: 'monthly',
    starts_on: localDate(now + 3 * DAY), time: '19:00', location: '东院红凳子' });
  assert.equal(co.status, 201, co.text);
  const m = co.json.upcoming[0].id;
  const form = (files, extra = {}) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(extra)) fd.append(k, v);
    for (const f of files) fd.append('photos', new Blob([f.bytes ?? f]), f.name ?? 'bench.png');
    return fd;
  };
  const up = (c, files, id = m) => c.post(`/api/v1/meetings/${id}/photos`, undefined, { body: form(files) });
  const photosOf = async (c = g) => (await c.get(`/api/v1/meetings/${m}`)).json.photos;
  assert.deepEqual(await photosOf(), [], 'no photos at first');
  // the facilitator uploads two at once; the meeting answers with them in order
  let r = await up(g, [png(), jpeg()]);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.photos.length, 2);
  assert.deepEqual([r.json.total, r.json.max], [2, 9]);
  const [p1, p2] = r.json.photos;
  assert.equal(p1.url, `/photos/${p1.id}`);
  // every resident of the community sees them in the meeting and gets the bytes back
  const zhao = await as(PHONES.resident);
  assert.deepEqual((await photosOf(zhao)).map((p) => p.id), [p1.id, p2.id]);
  const got = await zhao.get(p1.url);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'image/jpeg');
  assert.deepEqual([jpegInfo(got.buf).width, jpegInfo(got.buf).height], [2, 2], 'the PNG, re-encoded');
  assert.equal((await zhao.get(p2.url)).headers.get('content-type'), 'image/jpeg');
  const page = await zhao.get(`/meetings/${m}`);
  assert.match(page.text, new RegExp(`<img src="/photos/${p1.id}/thumb"`), 'the meeting page shows them');
  assert.doesNotMatch(page.text, /action="\/meetings\/\d+\/photos"/, 'a resident gets no upload form');
  assert.match((await g.get(`/meetings/${m}`)).text, new RegExp(`action="/meetings/${m}/photos"`), 'the facilitator does');
  // residents cannot upload; another community does not find the meeting or the photo
  r = await up(zhao, [png()]);
  assert.deepEqual([r.status, r.json.error.code], [403, 'forbidden']);
  const fStaff = await as(PHONES.fStaff);
  assert.equal((await up(fStaff, [png()])).status, 404);
  assert.equal((await fStaff.get(p1.url)).status, 404);
  // bad files: the photo module's codes, nothing written (a good photo next to a bad one included)
  const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
  const expect = async (res, status, code) => {
    const x = await res;
    assert.deepEqual([x.status, x.json?.error?.code], [status, code], x.text);
  };
  await expect(up(g, [png(), gif]), 415, 'photo_type_unsupported');
  await expect(up(g, [Buffer.from('not an image at all')]), 415, 'photo_type_unsupported');
  await expect(up(g, [Buffer.concat([png(), Buffer.alloc(20 * 1024 * 1024)])]), 413, 'photo_too_large');
  await expect(up(g, []), 422, 'photo_required');
  await expect(g.post(`/api/v1/meetings/${m}/photos`, { photos: ['aGk='] }), 400, 'multipart_required');
  await expect(up(g, [png()], 999999), 404, 'not_found');
  assert.equal((await photosOf()).length, 2, 'nothing of the refused uploads was kept');
  // up to 9 per meeting: 6 more fill it, the tenth is refused
  await expect(up(g, Array.from({ length: 8 }, () => png())), 422, 'meeting_photos_full');
  r = await up(g, Array.from({ length: 7 }, () => png()));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.total, 9);
  await expect(up(g, [png()]), 422, 'meeting_photos_full');
  assert.equal((await photosOf()).length, 9);
  // the page form: multipart, answered with a redirect back to the photos
  const co2 = (await g.get(`/api/v1/councils/${co.json.id}`)).json.upcoming[1].id;
  const fd = form([png()], { _csrf: g.csrfToken });
  fd.append('photos', new Blob([]), ''); // a second file input left empty
  r = await g.post(`/meetings/${co2}/photos`, undefined, { body: fd });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.headers.get('location'), `/meetings/${co2}#photos`);
  assert.equal((await g.get(`/api/v1/meetings/${co2}`)).json.photos.length, 1);
  const rp = await zhao.post(`/meetings/${co2}/photos`, undefined, { body: form([png()], { _csrf: zhao.csrfToken }) });
  assert.equal(rp.status, 403);
  // a cancelled meeting takes none
  assert.equal((await g.post(`/api/v1/meetings/${co2}/cancel`, {})).status, 200);
  await expect(up(g, [png()], co2), 409, 'meeting_cancelled');
});
