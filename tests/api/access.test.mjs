// The access-control matrix: every demo role × every /api/v1 endpoint × own
// community (龙湖) and other community (凤凰苑). The expected statuses are
// computed from the permission table (kernel/perm.h: the rows the modules
// declare, GET /api/v1/permissions), written out below,
// and the place tree read from the API; a few cases are also spelled out.
// WG_MATRIX_PRINT=1 prints every call with its status.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServer, Client, PHONES, ROOT, routeTable } from './helpers.mjs';

const h = useServer();

/* ---- the permission table, as the specification ---- */
const ROLES = ['resident', 'building_leader', 'grid_worker', 'community_staff', 'street_admin'];
const N = 'NONE', S = 'SUBTREE', LN = 'LINE', C = 'COMMUNITY';
const TABLE = {
  /*                resident leader grid staff street */
  read:           [C, C, C, C, S],
  propose:        [LN, LN, LN, S, S],
  follow:         [C, C, C, C, S],
  view_people:    [N, S, S, S, S],
  view_phone:     [N, N, S, S, S],
  decide_claim:   [N, N, N, S, S],
  view_coverage:  [N, N, S, S, S],
  manage_matter:  [N, S, S, S, S],
  settings:       [N, N, N, S, S],
  view_points:    [N, N, S, S, S],
  manage_points:  [N, N, N, S, S],
  manage_project: [N, N, S, S, S],
  manage_volunteers: [N, N, S, S, S],
  manage_shop:    [N, N, N, S, S],
  manage_vote:    [N, N, S, S, S],
  manage_contest: [N, N, N, N, S],
  manage_facility: [N, N, N, S, S],
  handle_report:  [N, S, S, S, S],
  rate_report:    [C, C, C, C, N],
  manage_rota:    [N, N, S, S, S],
  manage_patrol:  [N, N, S, S, S],
  manage_open311: [N, N, N, S, S],
  manage_survey:  [N, N, S, S, S],
  answer_survey:  [LN, N, N, N, N],
  view_dashboard: [N, N, N, S, S],
  manage_evaluation: [N, N, S, S, S],
  answer_evaluation: [LN, N, N, N, N],
  design_upward:  [N, N, N, N, S],
  fill_upward:    [N, N, N, S, N],
  publish_disclosure: [N, N, N, S, N],
  oversee_disclosure: [N, N, N, S, S],
  import_roster:  [N, N, N, S, S],
  issue_passcode: [N, N, S, S, S],
  issue_staff_passcode: [N, N, N, N, S],
};
/* mod/matter: who may reject a collecting matter (reason required) */
const STAFF_ROLES = new Set(['grid_worker', 'community_staff', 'street_admin']);

const isPrefix = (p, q) => p.length >= q.length && q.every((x, i) => p[i] === x); // q is a prefix of p

function reaches(role, how, target) {
  switch (how) {
    case N: return false;
    case S: return isPrefix(target.path, role.path);
    case LN: return isPrefix(target.path, role.path) || isPrefix(role.path, target.path);
    case C: return role.community ? target.path.includes(role.community) : isPrefix(target.path, role.path);
    default: throw new Error(how);
  }
}

function allows(actor, act, target, roleFilter = () => true) {
  return actor.roles.some((r) => roleFilter(r.role) && reaches(r, TABLE[act][ROLES.indexOf(r.role)], target));
}

/* A roster upload's multipart body: the community and a CSV file. */
function rosterForm(community, text) {
  const fd = new FormData();
  fd.append('community', String(community));
  fd.append('file', new Blob([text]), 'roster.csv');
  return fd;
}

/* perm_check: 0, 404 when the place is not readable at all, else 403 */
function perm(actor, act, target) {
  if (allows(actor, act, target)) return 0;
  return allows(actor, 'read', target) ? 403 : 404;
}

/* ---- the world: places, actors, targets ---- */
const W = {};
const clients = {};
const actors = {};
const ACTORS = {
  resident: PHONES.resident,
  building_leader: PHONES.leader,
  grid_worker: PHONES.grid,
  community_staff: PHONES.staff,
  street_admin: PHONES.street,
  fenghuang_staff: PHONES.fStaff,
  anonymous: null,
};

before(async () => {
  await h.ready;
  await Promise.all(Object.entries(ACTORS).map(async ([k, phone]) => {
    const c = new Client(h.url, k);
    if (phone) await c.signIn(phone);
    else await c.csrf();
    clients[k] = c;
  }));
  const admin = clients.street_admin;
  const pathCache = new Map();
  W.place = async (id) => {
    if (!pathCache.has(id)) {
      const r = await admin.get(`/api/v1/places/${id}`);
      assert.equal(r.status, 200, `street admin reads place ${id}`);
      pathCache.set(id, { id, kind: r.json.kind, name: r.json.name, community: r.json.community_id,
        path: [...r.json.ancestors.map((a) => a.id), id] });
    }
    return pathCache.get(id);
  };
  for (const [k, c] of Object.entries(clients)) {
    if (!ACTORS[k]) { actors[k] = { roles: [], anonymous: true }; continue; }
    const me = (await c.get('/api/v1/me')).json;
    const roles = [];
    for (const r of me.roles) {
      const p = await W.place(r.place.id);
      roles.push({ role: r.role, path: p.path, community: p.community });
    }
    actors[k] = { id: me.id, roles };
  }
  W.L = (await clients.community_staff.get('/api/v1/me')).json.community_id;
  W.F = (await clients.fenghuang_staff.get('/api/v1/me')).json.community_id;
  assert.notEqual(W.L, W.F);
  const firstBuilding = async (community) => {
    const grids = (await admin.get(`/api/v1/places/${community}/children`)).json.items.sort((a, b) => a.code.localeCompare(b.code));
    const bs = (await admin.get(`/api/v1/places/${grids[0].id}/children`)).json.items.sort((a, b) => a.code.localeCompare(b.code));
    return bs[0].id;
  };
  W.building = { L: await firstBuilding(W.L), F: await firstBuilding(W.F) };
  W.community = { L: W.L, F: W.F };
  W.buildingPlace = { L: await W.place(W.building.L), F: await W.place(W.building.F) };
  // registration keys, from each community's posters
  W.key = {};
  for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
    const poster = await clients[who].get(`/places/${W.building[x]}/poster`);
    W.key[x] = /\/register\?building=\d+&(?:amp;)?key=([0-9A-Za-z]+)/.exec(poster.text)[1];
  }
  // claims: 龙湖's pending one (demo), 凤凰苑's approved one
  const lClaims = (await clients.community_staff.get(`/api/v1/communities/${W.L}/claims?status=pending`)).json.items;
  const fClaims = (await clients.fenghuang_staff.get(`/api/v1/communities/${W.F}/claims?limit=100`)).json.items;
  W.claim = { L: lClaims[0], F: fClaims[0] };
  W.claimPlace = { L: await W.place(W.claim.L.household.id), F: await W.place(W.claim.F.household.id) };
  // people: the resident of 龙湖 1栋101 and the resident of 凤凰苑 1栋101
  W.person = { L: actors.resident.id, F: fClaims.find((c) => c.person.name === '许芳').person.id };
  // the places a person is attached to: role places and claimed households
  W.personPlaces = {
    L: actors.resident.roles.map((r) => ({ path: r.path })),
    F: [await W.place(fClaims.find((c) => c.person.name === '许芳').household.id)],
  };
  // fresh matters in stage collecting: at each community, and at 龙湖 1栋
  const mk = async (c, place_id, title) => {
    const r = await c.post('/api/v1/matters', { place_id, category: 'other', title });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  W.matter = {
    L: await mk(clients.community_staff, W.L, '龙湖社区级事项'),
    F: await mk(clients.fenghuang_staff, W.F, '凤凰苑社区级事项'),
    B: await mk(clients.resident, W.building.L, '1栋的事项'),
  };
  W.matterPlace = { L: await W.place(W.L), F: await W.place(W.F), B: await W.place(W.building.L) };
  // a comment on 龙湖's community-level matter, by its staff
  const cm = await clients.community_staff.post(`/api/v1/matters/${W.matter.L.id}/comments`, { body: '矩阵用的发言' });
  assert.equal(cm.status, 201, cm.text);
  W.comment = cm.json;
  // the demo's objection to 龙湖's matter in public notice (a community-level matter)
  const notice = (await clients.community_staff.get('/api/v1/matters?stage=notice')).json.items[0];
  W.objection = (await clients.community_staff.get(`/api/v1/matters/${notice.id}`)).json.objections[0];
  W.noticePlace = await W.place(notice.place.id);
  // councils and meetings: a council at each community's first building, by its staff (the facilitator);
  // an upcoming meeting of each, and an ad hoc meeting with an agenda item that is then cancelled
  W.council = {};
  W.meeting = {};
  W.cancelled = {};
  W.cancelledItem = {};
  const day = new Date(Date.now() + 10 * 86400000 + 8 * 3600000).toISOString().slice(0, 10);
  for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
    const c = clients[who];
    const co = await c.post('/api/v1/councils', { place_id: W.building[x], name: '矩阵议事会', kind: 'monthly', day_of_month: 1,
      starts_on: day, time: '19:00', location: '楼下' });
    assert.equal(co.status, 201, co.text);
    W.council[x] = co.json;
    W.meeting[x] = co.json.upcoming[0];
    const adhoc = await c.post(`/api/v1/councils/${co.json.id}/meetings`, { start: `${day} 10:00` });
    assert.equal(adhoc.status, 201, adhoc.text);
    W.cancelled[x] = adhoc.json;
    W.cancelledItem[x] = (await c.post(`/api/v1/meetings/${adhoc.json.id}/agenda`, { title: '矩阵议题' })).json;
    assert.equal((await c.post(`/api/v1/meetings/${adhoc.json.id}/cancel`, {})).status, 200);
  }
  // end councils and meetings
  // projects: one at each community, with a task and a milestone
  W.project = {}; W.task = {}; W.milestone = {};
  for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
    const p = await clients[who].post('/api/v1/projects', { place_id: W.community[x], title: '矩阵项目' });
    assert.equal(p.status, 201, p.text);
    W.project[x] = p.json.id;
    W.task[x] = (await clients[who].post(`/api/v1/projects/${p.json.id}/tasks`, { title: '矩阵任务' })).json.tasks[0].id;
    W.milestone[x] = (await clients[who].post(`/api/v1/projects/${p.json.id}/milestones`, { title: '矩阵节点', due_on: '2027-01-01' })).json.milestones[0].id;
  }
  // volunteer shifts: one at each community, its resident signed up
  W.shift = {}; W.signup = {};
  const later = new Date(Date.now() + 5 * 86400000 + 8 * 3600000).toISOString().slice(0, 10);
  for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
    const sh = await clients[who].post('/api/v1/shifts', { place_id: W.community[x], title: '矩阵值守', capacity: 5,
      starts: `${later} 09:00`, ends: `${later} 11:00` });
    assert.equal(sh.status, 201, sh.text);
    W.shift[x] = sh.json;
    const su = await clients[who].post(`/api/v1/shifts/${sh.json.id}/signups`, { person_id: W.person[x] });
    assert.equal(su.status, 201, su.text);
    W.signup[x] = su.json.id;
  }
  // the shop: an item in each community, and a redemption by its resident
  W.item = {}; W.redemption = {};
  for (const [x, who, res] of [['L', 'community_staff', 'resident']]) {
    const it = await clients[who].post('/api/v1/shop/items', { community_id: W.community[x], name: '矩阵大米', price: 1, stock: 5 });
    assert.equal(it.status, 201, it.text);
    W.item[x] = it.json.id;
    await clients[who].post(`/api/v1/people/${W.person[x]}/points`, { amount: 3, reason: '矩阵', key: `matrix-shop-${x}` });
    const rd = await clients[res].post(`/api/v1/shop/items/${it.json.id}/redeem`, {});
    assert.equal(rd.status, 201, rd.text);
    W.redemption[x] = rd.json.id;
    assert.equal((await clients[who].post(`/api/v1/shop/redemptions/${rd.json.id}/fulfil`, {})).status, 200);
  }
  const fit = await clients.fenghuang_staff.post('/api/v1/shop/items', { community_id: W.community.F, name: '矩阵油', price: 1, stock: 5 });
  W.item.F = fit.json.id;
  // a facility in each community
  W.facility = {};
  for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
    const f = await clients[who].post('/api/v1/facilities', { place_id: W.community[x], kind: 'lights', name: '矩阵路灯' });
    assert.equal(f.status, 201, f.text);
    W.facility[x] = f.json.id;
  }
  // a report at each community's first building, marked useful (so that marking it again conflicts)
  W.report = {};
  for (const [x, who, staff] of [['L', 'resident', 'community_staff'], ['F', null, 'fenghuang_staff']]) {
    const c = who ? clients[who] : clients[staff];
    const rp = await c.post('/api/v1/reports', { category: 'power', place_id: W.building[x], description: '矩阵：灯不亮' });
    assert.equal(rp.status, 201, rp.text);
    W.report[x] = rp.json.id;
    assert.equal((await clients[staff].post(`/api/v1/reports/${rp.json.id}/useful`, {})).status, 201);
  }
  // a rota in each community with a duty tomorrow for its resident, and a swap asked
  W.rota = {}; W.duty = {};
  const tomorrow = (hh) => new Date((Math.floor(Date.now() / 1000) + 8 * 3600 + 86400) * 1000).toISOString().slice(0, 10) + ` ${hh}:00`;
  for (const [x, who, phone] of [['L', 'community_staff', PHONES.resident], ['F', 'fenghuang_staff', PHONES.fResident]]) {
    const ro = await clients[who].post('/api/v1/rotas', { place_id: W.community[x], title: '矩阵轮值', task: '清扫' });
    assert.equal(ro.status, 201, ro.text);
    W.rota[x] = ro.json.id;
    const du = await clients[who].post(`/api/v1/rotas/${ro.json.id}/duties`, { phone, starts: tomorrow('08'), ends: tomorrow('09') });
    assert.equal(du.status, 201, du.text);
    W.duty[x] = du.json.id;
  }
  // a patrol route in each community with a round tomorrow for its grid worker
  W.patrol = {}; W.round = {};
  for (const [x, who, phone] of [['L', 'community_staff', PHONES.grid], ['F', 'fenghuang_staff', PHONES.fGrid]]) {
    const pr = await clients[who].post('/api/v1/patrols', { place_id: W.community[x], name: '矩阵巡查', points: [{ name: '东门' }] });
    assert.equal(pr.status, 201, pr.text);
    W.patrol[x] = pr.json.id;
    const rn = await clients[who].post(`/api/v1/patrols/${pr.json.id}/rounds`, { phone, starts: tomorrow('08'), ends: tomorrow('09') });
    assert.equal(rn.status, 201, rn.text);
    W.round[x] = rn.json.id;
  }
  // a satisfaction survey of each community's households
  W.survey = {};
  for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
    const sv = await clients[who].post('/api/v1/surveys', { place_id: W.community[x], question: '矩阵调查', threshold: 60,
      closes_at: Math.floor(Date.now() / 1000) + 7 * 86400 });
    assert.equal(sv.status, 201, sv.text);
    W.survey[x] = sv.json.id;
  }
  // a closed assessment in each community: 龙湖's after-assessment of 健身器材更新, closed at once;
  // 凤凰苑's bike shed's during-assessment (the demo's)
  W.evaluation = {};
  W.evalPlace = {};
  {
    const staff = clients.community_staff;
    const lm = (await staff.get('/api/v1/matters?stage=evaluating&limit=50')).json.items.find((m) => m.title === '健身器材更新');
    const lt = (await staff.get(`/api/v1/evaluation-templates?community=${W.L}`)).json.items[2];
    const ev = await staff.post('/api/v1/evaluations', { matter_id: lm.id, phase: 'after', template_id: lt.id,
      closes_at: Math.floor(Date.now() / 1000) + 7 * 86400 });
    assert.equal(ev.status, 201, ev.text);
    assert.equal((await staff.post(`/api/v1/evaluations/${ev.json.id}/close`)).status, 200);
    W.evaluation.L = ev.json.id;
    W.evalPlace.L = await W.place(lm.place.id);
    const fs = clients.fenghuang_staff;
    const fm = (await fs.get('/api/v1/matters?stage=building&limit=50')).json.items.find((m) => m.title === '闲置停车棚清理改造');
    W.evaluation.F = (await fs.get(`/api/v1/matters/${fm.id}`)).json.evaluations.evaluations.find((e) => e.phase === 'during').id;
    W.evalPlace.F = await W.place(fm.place.id);
  }
  // reports upward: the street's demo template, a report of each community for this month's quarter
  W.upward = {};
  {
    const t = (await clients.community_staff.get('/api/v1/upward-templates')).json.items[0];
    W.upwardTemplate = t.id;
    const now = new Date(Date.now() + 8 * 3600e3);
    W.upwardPeriod = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
      const r = await clients[who].post('/api/v1/upward-reports', { template_id: t.id, community_id: W.community[x], period: W.upwardPeriod });
      assert.equal(r.status, 201, r.text);
      W.upward[x] = r.json.id;
    }
  }
  // a published item on each community's disclosure board
  W.disclosure = {};
  const thisMonth = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 7);
  for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
    const d = await clients[who].post('/api/v1/disclosure/items', { community_id: W.community[x], kind: 'affairs',
      title: '矩阵公开', body: '矩阵', period: thisMonth });
    assert.equal(d.status, 201, d.text);
    W.disclosure[x] = d.json.id;
  }
  // roster imports of each community: one pending with a bad row, one discarded
  W.roster = {};
  W.rosterDone = {};
  for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
    for (const key of ['roster', 'rosterDone']) {
      const im = await clients[who].req('POST', '/api/v1/roster/imports', { body: rosterForm(W.community[x], '网格,楼栋,房号\n第1网格,1栋,\n') });
      assert.equal(im.status, 201, im.text);
      W[key][x] = im.json.id;
    }
    assert.equal((await clients[who].post(`/api/v1/roster/imports/${W.rosterDone[x]}/discard`)).status, 200);
  }
  // an Open311 key of each community, revoked at once (revoking it again is the allowed call's 409)
  W.o311 = {};
  for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
    const k = await clients[who].post('/api/v1/open311/keys', { community_id: W.community[x], name: '矩阵密钥' });
    assert.equal(k.status, 201, k.text);
    W.o311[x] = k.json.id;
    assert.equal((await clients[who].del(`/api/v1/open311/keys/${k.json.id}`)).status, 200);
  }
  // the street's contest, both communities entered
  const streetId = (await clients.community_staff.get(`/api/v1/places/${W.L}`)).json.ancestors.find((a) => a.kind === 'street').id;
  W.streetPlace = await W.place(streetId);
  const ct = await clients.street_admin.post('/api/v1/contests', { street_id: streetId, title: '矩阵比赛',
    criteria: [{ name: '环境', weight: 100 }], assessor_weight: 50, resident_weight: 50, communities: [W.L, W.F],
    winners: 1, priority_days: 30, closes_at: Math.floor(Date.now() / 1000) + 5 * 86400 });
  assert.equal(ct.status, 201, ct.text);
  W.contest = ct.json.id;
  // a participatory budget at each community
  W.budget = {};
  for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
    const bd = await clients[who].post('/api/v1/budgets', { place_id: W.community[x], title: '矩阵预算', total: 100,
      projects: [{ name: 'A', cost: 50 }, { name: 'B', cost: 60 }], closes_at: Math.floor(Date.now() / 1000) + 5 * 86400 });
    assert.equal(bd.status, 201, bd.text);
    W.budget[x] = bd.json.id;
  }
  // points: one award to each community's resident, to reverse
  W.pointsTxn = {};
  for (const [x, who] of [['L', 'community_staff'], ['F', 'fenghuang_staff']]) {
    const r = await clients[who].post(`/api/v1/people/${W.person[x]}/points`, { amount: 1, reason: '矩阵', key: `matrix-${x}` });
    assert.equal(r.status, 201, r.text);
    W.pointsTxn[x] = r.json.id;
  }
  // calls for opinions: a community-level call in each community, an open
  // opinion and a merged one on it, and a call already closed
  const fRes = new Client(h.url, 'fResident');
  await fRes.signIn(PHONES.fResident);
  const deadline = Math.floor(Date.now() / 1000) + 7 * 86400;
  W.call = {}; W.opinion = {}; W.merged = {}; W.closedCall = {};
  for (const [x, staffKey, poster] of [['L', 'community_staff', clients.resident], ['F', 'fenghuang_staff', fRes]]) {
    const mkCall = async (title) => {
      const r = await clients[staffKey].post('/api/v1/calls', { place_id: W.community[x], title, deadline });
      assert.equal(r.status, 201, r.text);
      return r.json;
    };
    W.call[x] = await mkCall('矩阵用的征集');
    W.closedCall[x] = await mkCall('矩阵用的已结束征集');
    assert.equal((await clients[staffKey].post(`/api/v1/calls/${W.closedCall[x].id}/close`, {})).status, 200);
    const op = async (body) => {
      const r = await poster.post(`/api/v1/calls/${W.call[x].id}/opinions`, { body });
      assert.equal(r.status, 201, r.text);
      return r.json;
    };
    W.opinion[x] = await op('矩阵用的意见');
    W.merged[x] = await op('矩阵用的重复意见');
    assert.equal((await clients[staffKey].post(`/api/v1/opinions/${W.merged[x].id}/merge`, { into: W.opinion[x].id })).status, 200);
  }
  // votes: an open online vote of each community's residents, and a cancelled one
  const mkVote = async (c, place_id, title) => {
    const r = await c.post('/api/v1/votes', { place_id, title, method: 'yes_no_abstain', mode: 'online',
      rule: { preset: 'simple_majority' }, closes_at: Math.floor(Date.now() / 1000) + 30 * 86400 });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  W.vote = { L: await mkVote(clients.community_staff, W.L, '矩阵表决'), F: await mkVote(clients.fenghuang_staff, W.F, '矩阵表决') };
  W.cancelledVote = { L: await mkVote(clients.community_staff, W.L, '已取消'), F: await mkVote(clients.fenghuang_staff, W.F, '已取消') };
  assert.equal((await clients.community_staff.post(`/api/v1/votes/${W.cancelledVote.L.id}/cancel`)).status, 200);
  assert.equal((await clients.fenghuang_staff.post(`/api/v1/votes/${W.cancelledVote.F.id}/cancel`)).status, 200);
});

/* ---- the endpoints, each with how to call it and what to expect ---- */

function routeTableApi() {
  return routeTable().filter((r) => r.pattern.startsWith('/api/v1')).map((r) => `${r.method} ${r.pattern}`);
}

/*
 * Each case: route (as the module declares it), x (L, F or B), call(client) → response,
 * expect(actorKey) → a status. "Allowed" calls carry input that fails a
 * validation after the permission check (so nothing changes) where the
 * endpoint would otherwise write: their expected status is then that
 * validation's (422/409), which proves the check was passed.
 */
function cases() {
  const out = [];
  const add = (route, x, call, expect) => out.push({ route, x, call, expect });
  const signedIn = (k, status) => (actors[k].anonymous ? 401 : status);
  const P = (x) => W.community[x];
  for (const x of ['L', 'F']) {
    add('GET /api/v1/meta', x, (c) => c.get('/api/v1/meta'), () => 200);
    add('GET /api/v1/csrf', x, (c) => c.get('/api/v1/csrf'), () => 200);
    add('GET /api/v1/permissions', x, (c) => c.get('/api/v1/permissions'), () => 200);
    add('GET /api/v1/me', x, (c) => c.get('/api/v1/me'), (k) => signedIn(k, 200));
    add('GET /api/v1/registration', x, (c) => c.get(`/api/v1/registration?building=${W.building[x]}&key=${W.key[x]}`), () => 200);
    add('POST /api/v1/session', x, (c) => c.post('/api/v1/session', { phone: 'not-a-phone', password: 'x' }), () => 422);
    add('POST /api/v1/registrations', x, (c) => c.post('/api/v1/registrations', {
      phone: '13712345678', name: '', password: 'password-1', building_id: W.building[x], key: W.key[x], household_id: 1, relation: 'owner',
    }), () => 422);
    add('GET /api/v1/places/{id}', x, (c) => c.get(`/api/v1/places/${P(x)}`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('GET /api/v1/places/{id}/children', x, (c) => c.get(`/api/v1/places/${P(x)}/children`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('GET /api/v1/places/{id}/people', x, (c) => c.get(`/api/v1/places/${P(x)}/people`),
      (k) => signedIn(k, perm(actors[k], 'view_people', W.matterPlace[x]) || 200));
    add('GET /api/v1/places/{id}/people', `${x}:building`, (c) => c.get(`/api/v1/places/${W.building[x]}/people`),
      (k) => signedIn(k, perm(actors[k], 'view_people', W.buildingPlace[x]) || 200));
    add('GET /api/v1/communities/{id}/coverage', x, (c) => c.get(`/api/v1/communities/${P(x)}/coverage`),
      (k) => signedIn(k, perm(actors[k], 'view_coverage', W.matterPlace[x]) || 200));
    add('GET /api/v1/communities/{id}/claims', x, (c) => c.get(`/api/v1/communities/${P(x)}/claims`),
      (k) => signedIn(k, perm(actors[k], 'decide_claim', W.matterPlace[x]) || 200));
    add('POST /api/v1/claims', x, (c) => c.post('/api/v1/claims', {
      building_id: W.building[x], key: W.key[x], household_id: 1, relation: 'neighbour',
    }), (k) => signedIn(k, 422));
    add('POST /api/v1/claims/{id}/decision', x, (c) => c.post(`/api/v1/claims/${W.claim[x].id}/decision`, { approve: false }),
      (k) => signedIn(k, perm(actors[k], 'decide_claim', W.claimPlace[x]) || 422));
    add('POST /api/v1/people/{id}/phone', x, (c) => c.post(`/api/v1/people/${W.person[x]}/phone`, {}),
      (k) => signedIn(k, W.personPlaces[x].some((p) => allows(actors[k], 'view_phone', p)) ? 422 : 404));
    // sign-in codes: staff only (HTTP_STAFF), over the person's first place (a claimant without a role: her
    // community); an allowed call issues a code, which only replaces the person's last one
    const over = x === 'L' ? W.personPlaces.L[0] : W.matterPlace.F;
    add('POST /api/v1/people/{id}/passcode', x, (c) => c.post(`/api/v1/people/${W.person[x]}/passcode`, {}),
      (k) => signedIn(k, !actors[k].roles.some((r) => STAFF_ROLES.has(r.role)) ? 403 : perm(actors[k], 'issue_passcode', over) || 201));
    add('POST /api/v1/passcode', x, (c) => c.post('/api/v1/passcode', { phone: PHONES.resident, code: '1234567', password: 'password-1' }),
      () => 422);
    add('GET /api/v1/matters', x, (c) => c.get(`/api/v1/matters?place_id=${P(x)}`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('GET /api/v1/matters', `${x}:default`, (c) => c.get('/api/v1/matters'), (k) => signedIn(k, 200));
    add('POST /api/v1/matters', x, (c) => c.post('/api/v1/matters', { place_id: P(x), category: 'no-such-category', title: '权限矩阵' }),
      (k) => signedIn(k, perm(actors[k], 'propose', W.matterPlace[x]) || 422));
    add('GET /api/v1/matters/{id}', x, (c) => c.get(`/api/v1/matters/${W.matter[x].id}`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('GET /api/v1/matters/{id}/result', x, (c) => c.get(`/api/v1/matters/${W.matter[x].id}/result`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
  }
  for (const x of ['L', 'F', 'B']) {
    add('POST /api/v1/matters/{id}/transitions', x, (c) => c.post(`/api/v1/matters/${W.matter[x].id}/transitions`, { to: 'rejected' }),
      (k) => {
        if (actors[k].anonymous) return 401;
        const read = perm(actors[k], 'read', W.matterPlace[x]);
        if (read) return read;
        const may = allows(actors[k], 'manage_matter', W.matterPlace[x], (r) => STAFF_ROLES.has(r));
        return may ? 422 /* reason_required */ : 403;
      });
    add('PUT /api/v1/matters/{id}/follow', x, (c) => c.put(`/api/v1/matters/${W.matter[x].id}/follow`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || perm(actors[k], 'follow', W.matterPlace[x]) || 200));
    add('DELETE /api/v1/matters/{id}/follow', x, (c) => c.del(`/api/v1/matters/${W.matter[x].id}/follow`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || perm(actors[k], 'follow', W.matterPlace[x]) || 200));
    // support: members with a household of that community; others learn they need one
    add('PUT /api/v1/matters/{id}/support', x, (c) => c.put(`/api/v1/matters/${W.matter[x].id}/support`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || perm(actors[k], 'follow', W.matterPlace[x]) ||
        (actors[k].roles.some((r) => r.role === 'resident' && W.matterPlace[x].path.every((id, i) => r.path[i] === id)) ? 200 : 422)));
    // comments: members comment; an empty body fails after the check
    add('GET /api/v1/matters/{id}/comments', x, (c) => c.get(`/api/v1/matters/${W.matter[x].id}/comments`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('POST /api/v1/matters/{id}/comments', x, (c) => c.post(`/api/v1/matters/${W.matter[x].id}/comments`, { body: ' ' }),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || perm(actors[k], 'follow', W.matterPlace[x]) || 422));
    // objections: the matter is collecting, so whoever passes the check learns it is not in notice
    add('POST /api/v1/matters/{id}/objections', x, (c) => c.post(`/api/v1/matters/${W.matter[x].id}/objections`, { body: '异议' }),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || perm(actors[k], 'follow', W.matterPlace[x]) || 409));
  }
  // search within a community: whoever reads it (the results are scoped to it)
  for (const x of ['L', 'F']) {
    add('GET /api/v1/search', x, (c) => c.get(`/api/v1/search?q=%E5%81%9C%E8%BD%A6&place_id=${W.community[x]}`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
  }
  // per-place settings: read by whoever reads the place; changed by community staff and up
  for (const x of ['L', 'F']) {
    add('GET /api/v1/places/{id}/settings', x, (c) => c.get(`/api/v1/places/${W.community[x]}/settings`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('PUT /api/v1/places/{id}/settings', x, (c) => c.put(`/api/v1/places/${W.community[x]}/settings`, { notice_days: '0' }),
      (k) => signedIn(k, perm(actors[k], 'settings', W.matterPlace[x]) || 422));
  }
  // comments on the demo's comment: report (blank reason fails after the check) and moderation (staff of the place)
  add('POST /api/v1/comments/{id}/report', 'L', (c) => c.post(`/api/v1/comments/${W.comment.id}/report`, { reason: '' }),
    (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace.L) || perm(actors[k], 'follow', W.matterPlace.L) || 422));
  add('POST /api/v1/comments/{id}/moderation', 'L', (c) => c.post(`/api/v1/comments/${W.comment.id}/moderation`, { action: 'nope' }),
    (k) => {
      if (actors[k].anonymous) return 401;
      const read = perm(actors[k], 'read', W.matterPlace.L);
      if (read) return read;
      return allows(actors[k], 'manage_matter', W.matterPlace.L, (r) => STAFF_ROLES.has(r)) ? 422 : 403;
    });
  // notifications and their settings: one's own only, for anyone signed in
  add('GET /api/v1/notifications', 'own', (c) => c.get('/api/v1/notifications'), (k) => signedIn(k, 200));
  add('POST /api/v1/notifications/read', 'own', (c) => c.post('/api/v1/notifications/read', { id: 999999 }), (k) => signedIn(k, 200));
  add('GET /api/v1/notification-prefs', 'own', (c) => c.get('/api/v1/notification-prefs'), (k) => signedIn(k, 200));
  add('PUT /api/v1/notification-prefs', 'own', (c) => c.put('/api/v1/notification-prefs', { nope: true }), (k) => signedIn(k, 422));
  // answering an objection: community staff and the street admin (mod/matter)
  add('POST /api/v1/objections/{id}/answer', 'L', (c) => c.post(`/api/v1/objections/${W.objection.id}/answer`, { answer: '', upheld: false }),
    (k) => {
      if (actors[k].anonymous) return 401;
      const read = perm(actors[k], 'read', W.noticePlace);
      if (read) return read;
      const office = allows(actors[k], 'manage_matter', W.noticePlace, (r) => r === 'community_staff' || r === 'street_admin');
      return office ? 422 /* answer_required */ : 403;
    });
  // councils and meetings (mod/council): read by whoever reads the place; created and run by grid
  // workers, community staff and street admins of the place (and the council's facilitator, here its
  // creator); allowed write calls carry input that fails after the check, or meet a closed window
  for (const x of ['L', 'F']) {
    const B = W.buildingPlace[x];
    const readOr = (k, status) => signedIn(k, perm(actors[k], 'read', B) || status);
    const runOr = (k, status) => {
      if (actors[k].anonymous) return 401;
      const read = perm(actors[k], 'read', B);
      if (read) return read;
      return allows(actors[k], 'manage_matter', B, (r) => STAFF_ROLES.has(r)) ? status : 403;
    };
    const m = W.meeting[x].id, cx = W.cancelled[x].id, item = W.cancelledItem[x].id;
    add('GET /api/v1/places/{id}/councils', x, (c) => c.get(`/api/v1/places/${W.building[x]}/councils`), (k) => readOr(k, 200));
    add('POST /api/v1/councils', x, (c) => c.post('/api/v1/councils', { place_id: W.building[x], name: '' }), (k) => runOr(k, 422));
    add('GET /api/v1/councils/{id}', x, (c) => c.get(`/api/v1/councils/${W.council[x].id}`), (k) => readOr(k, 200));
    add('GET /api/v1/councils/{id}/meetings', x, (c) => c.get(`/api/v1/councils/${W.council[x].id}/meetings`), (k) => readOr(k, 200));
    add('POST /api/v1/councils/{id}/meetings', x, (c) => c.post(`/api/v1/councils/${W.council[x].id}/meetings`, { start: 'x' }), (k) => runOr(k, 422));
    add('GET /api/v1/meetings/{id}', x, (c) => c.get(`/api/v1/meetings/${m}`), (k) => readOr(k, 200));
    add('PUT /api/v1/meetings/{id}', x, (c) => c.put(`/api/v1/meetings/${m}`, {}), (k) => runOr(k, 422));
    add('POST /api/v1/meetings/{id}/cancel', x, (c) => c.post(`/api/v1/meetings/${m}/cancel`, { reason: '因'.repeat(501) }), (k) => runOr(k, 422));
    add('POST /api/v1/meetings/{id}/agenda', x, (c) => c.post(`/api/v1/meetings/${m}/agenda`, {}), (k) => runOr(k, 422));
    add('PUT /api/v1/meetings/{id}/agenda', x, (c) => c.put(`/api/v1/meetings/${m}/agenda`, { order: [999999] }), (k) => runOr(k, 422));
    add('DELETE /api/v1/agenda/{id}', x, (c) => c.del(`/api/v1/agenda/${item}`), (k) => runOr(k, 409));
    add('PUT /api/v1/agenda/{id}/outcome', x, (c) => c.put(`/api/v1/agenda/${item}/outcome`, { outcome: 'decided' }), (k) => runOr(k, 409));
    // sign-in with the right code of a cancelled meeting: whoever reads it learns it is cancelled
    add('POST /api/v1/meetings/{id}/signin', x, (c) => c.post(`/api/v1/meetings/${cx}/signin`, { code: W.cancelled[x].signin_code }), (k) => readOr(k, 409));
    add('GET /api/v1/meetings/{id}/attendance', x, (c) => c.get(`/api/v1/meetings/${m}/attendance`), (k) => readOr(k, 200));
    add('POST /api/v1/meetings/{id}/attendance', x, (c) => c.post(`/api/v1/meetings/${m}/attendance`, { person_id: 1 }), (k) => runOr(k, 409));
    add('POST /api/v1/meetings/{id}/proxies', x, (c) => c.post(`/api/v1/meetings/${m}/proxies`, { principal_id: 1, holder_id: 2 }), (k) => runOr(k, 409));
    add('PUT /api/v1/meetings/{id}/minutes', x, (c) => c.put(`/api/v1/meetings/${m}/minutes`, { minutes: '纪'.repeat(20001) }), (k) => runOr(k, 422));
    add('POST /api/v1/meetings/{id}/close', x, (c) => c.post(`/api/v1/meetings/${m}/close`), (k) => runOr(k, 409));
  }
  // meeting photos (mod/meeting_photo): uploaded by those who run the meeting; a multipart
  // body without a photo fails after the check
  for (const x of ['L', 'F']) {
    const B = W.buildingPlace[x];
    const runOr = (k, status) => {
      if (actors[k].anonymous) return 401;
      const read = perm(actors[k], 'read', B);
      if (read) return read;
      return allows(actors[k], 'manage_matter', B, (r) => STAFF_ROLES.has(r)) ? status : 403;
    };
    add('POST /api/v1/meetings/{id}/photos', x, (c) => {
      const fd = new FormData();
      fd.append('note', 'x');
      return c.post(`/api/v1/meetings/${W.meeting[x].id}/photos`, undefined, { body: fd });
    }, (k) => runOr(k, 422));
  }
  // end meeting photos
  add('POST /api/v1/feed-key', 'own', (c) => c.post('/api/v1/feed-key'), (k) => signedIn(k, 201));
  // end councils and meetings
  // calls for opinions: read by the community; opened, closed, merged and adopted by staff (grid workers
  // and up) whose subtree holds the call's place; posted to and supported by the residents living under it
  const audience = (k, x) => actors[k].roles.some((r) => r.role === 'resident' && W.matterPlace[x].path.every((id, i) => r.path[i] === id));
  const manages = (k, x) => allows(actors[k], 'manage_matter', W.matterPlace[x], (r) => STAFF_ROLES.has(r));
  const callCase = (k, x, ok, denied = 403) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || (ok ? ok : denied));
  add('GET /api/v1/calls', 'own', (c) => c.get('/api/v1/calls'), (k) => signedIn(k, 200));
  for (const x of ['L', 'F']) {
    add('POST /api/v1/calls', x, (c) => c.post('/api/v1/calls', { place_id: W.community[x], title: ' ', deadline: 1 }),
      (k) => callCase(k, x, manages(k, x) && 422));
    add('GET /api/v1/calls/{id}', x, (c) => c.get(`/api/v1/calls/${W.call[x].id}`), (k) => callCase(k, x, 200));
    add('POST /api/v1/calls/{id}/close', x, (c) => c.post(`/api/v1/calls/${W.closedCall[x].id}/close`, {}),
      (k) => callCase(k, x, manages(k, x) && 409 /* call_closed */));
    add('GET /api/v1/calls/{id}/opinions', x, (c) => c.get(`/api/v1/calls/${W.call[x].id}/opinions`), (k) => callCase(k, x, 200));
    add('POST /api/v1/calls/{id}/opinions', x, (c) => c.post(`/api/v1/calls/${W.call[x].id}/opinions`, { body: ' ' }),
      (k) => callCase(k, x, audience(k, x) && 422 /* opinion_required */));
    add('GET /api/v1/opinions/{id}', x, (c) => c.get(`/api/v1/opinions/${W.opinion[x].id}`), (k) => callCase(k, x, 200));
    add('PUT /api/v1/opinions/{id}/support', x, (c) => c.put(`/api/v1/opinions/${W.merged[x].id}/support`),
      (k) => callCase(k, x, audience(k, x) && 409 /* opinion_not_open */));
    add('DELETE /api/v1/opinions/{id}/support', x, (c) => c.del(`/api/v1/opinions/${W.merged[x].id}/support`),
      (k) => callCase(k, x, audience(k, x) && 409));
    add('POST /api/v1/opinions/{id}/merge', x, (c) => c.post(`/api/v1/opinions/${W.opinion[x].id}/merge`, {}),
      (k) => callCase(k, x, manages(k, x) && 422 /* into_required */));
    add('POST /api/v1/opinions/{id}/adopt', x, (c) => c.post(`/api/v1/opinions/${W.opinion[x].id}/adopt`, { category: 'nope' }),
      (k) => callCase(k, x, manages(k, x) && 422 /* category_invalid */));
    const mp = (k, status) => signedIn(k, perm(actors[k], 'manage_project', W.matterPlace[x]) || status);
    add('GET /api/v1/projects', x, (c) => c.get(`/api/v1/projects?community=${W.community[x]}`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('POST /api/v1/projects', x, (c) => c.post('/api/v1/projects', { place_id: W.community[x], title: ' ' }), (k) => mp(k, 422));
    add('GET /api/v1/projects/{id}', x, (c) => c.get(`/api/v1/projects/${W.project[x]}`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    for (const part of ['tasks', 'money', 'contributions'])
      add(`GET /api/v1/projects/{id}/${part}`, x, (c) => c.get(`/api/v1/projects/${W.project[x]}/${part}`),
        (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('POST /api/v1/projects/{id}/tasks', x, (c) => c.post(`/api/v1/projects/${W.project[x]}/tasks`, { title: ' ' }), (k) => mp(k, 422));
    add('PUT /api/v1/tasks/{id}', x, (c) => c.put(`/api/v1/tasks/${W.task[x]}`, { state: 'finished' }), (k) => mp(k, 422));
    add('POST /api/v1/projects/{id}/milestones', x, (c) => c.post(`/api/v1/projects/${W.project[x]}/milestones`, { title: ' ' }), (k) => mp(k, 422));
    add('POST /api/v1/milestones/{id}/reached', x, (c) => c.post(`/api/v1/milestones/${W.milestone[x]}/reached`, { reached: true }), (k) => mp(k, 200));
    add('POST /api/v1/projects/{id}/money', x, (c) => c.post(`/api/v1/projects/${W.project[x]}/money`, { direction: 'x', amount_fen: 1, what: 'x' }), (k) => mp(k, 422));
    add('POST /api/v1/projects/{id}/contributions', x, (c) => c.post(`/api/v1/projects/${W.project[x]}/contributions`, { kind: 'gift' }), (k) => mp(k, 422));
    add('POST /api/v1/projects/{id}/organisers', x, (c) => c.post(`/api/v1/projects/${W.project[x]}/organisers`, { person_id: 0 }), (k) => mp(k, 422));
    const mv = (k, status) => signedIn(k, perm(actors[k], 'manage_volunteers', W.matterPlace[x]) || status);
    const rd = (k, status) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || status);
    add('GET /api/v1/shifts', x, (c) => c.get(`/api/v1/shifts?community=${W.community[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/shifts', x, (c) => c.post('/api/v1/shifts', { place_id: W.community[x], title: ' ' }), (k) => mv(k, 422));
    add('GET /api/v1/shifts/{id}', x, (c) => c.get(`/api/v1/shifts/${W.shift[x].id}`), (k) => rd(k, 200));
    add('POST /api/v1/shifts/{id}/signups', x, (c) => c.post(`/api/v1/shifts/${W.shift[x].id}/signups`, { person_id: 99999999, reason: '矩阵' }),
      (k) => mv(k, 422 /* volunteer_person_invalid */));
    add('POST /api/v1/shifts/{id}/scan', x, (c) => c.post(`/api/v1/shifts/${W.shift[x].id}/scan`, { t: 'wrong' }),
      (k) => rd(k, 422 /* volunteer_code_invalid */));
    add('POST /api/v1/signups/{id}/cancel', x, (c) => c.post('/api/v1/signups/99999999/cancel', {}), (k) => signedIn(k, 404));
    add('POST /api/v1/signups/{id}/attendance', x, (c) => c.post(`/api/v1/signups/${W.signup[x]}/attendance`, { checkin: 'x' }),
      (k) => mv(k, 422 /* datetime_invalid */));
    add('POST /api/v1/signups/{id}/confirm', x, (c) => c.post(`/api/v1/signups/${W.signup[x]}/confirm`, {}),
      (k) => mv(k, 422 /* volunteer_times_missing */));
    add('POST /api/v1/signups/{id}/corrections', x, (c) => c.post(`/api/v1/signups/${W.signup[x]}/corrections`, { minutes: 5, reason: 'x' }),
      (k) => mv(k, 409 /* volunteer_not_confirmed */));
    add('GET /api/v1/volunteer/records', x, (c) => c.get(`/api/v1/volunteer/records?person_id=${W.person[x]}`),
      (k) => signedIn(k, k === 'resident' && x === 'L' ? 200 : perm(actors[k], 'manage_volunteers', W.personPlaces[x][0]) || 200));
    add('POST /api/v1/volunteer/certificates', x, (c) => c.post('/api/v1/volunteer/certificates', { person_id: W.person[x] }),
      (k) => signedIn(k, k === 'resident' && x === 'L' ? 409 : perm(actors[k], 'manage_volunteers', W.matterPlace[x]) || 409 /* volunteer_no_service */));
    add('GET /api/v1/certificates/{number}', x, (c) => c.get('/api/v1/certificates/WG1-0000-0000-0000'), () => 404);
    const mh = (k, status) => signedIn(k, perm(actors[k], 'handle_report', W.buildingPlace[x]) || status);
    const member = (k) => actors[k].roles.some((r) => r.community === W.community[x]);
    const rb = (k, status) => signedIn(k, perm(actors[k], 'read', W.buildingPlace[x]) || status);
    add('GET /api/v1/reports', x, (c) => c.get(`/api/v1/reports?community=${W.community[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/reports', x, (c) => c.post('/api/v1/reports', { category: 'ufo', place_id: W.building[x], description: '矩阵' }),
      (k) => rb(k, 422 /* report_category_invalid */));
    add('GET /api/v1/reports/similar', x, (c) => c.get(`/api/v1/reports/similar?category=power&place_id=${W.building[x]}`), (k) => rb(k, 200));
    add('GET /api/v1/reports/rates', x, (c) => c.get(`/api/v1/reports/rates?place=${W.community[x]}&by=category`), (k) => rd(k, 200));
    add('GET /api/v1/reports/{id}', x, (c) => c.get(`/api/v1/reports/${W.report[x]}`), (k) => rb(k, 200));
    add('POST /api/v1/reports/{id}/additions', x, (c) => c.post(`/api/v1/reports/${W.report[x]}/additions`, { note: ' ' }),
      (k) => rb(k, 422 /* report_note_required */));
    add('PUT /api/v1/reports/{id}/follow', x, (c) => c.put(`/api/v1/reports/${W.report[x]}/follow`, {}), (k) => rb(k, 200));
    add('DELETE /api/v1/reports/{id}/follow', x, (c) => c.del(`/api/v1/reports/${W.report[x]}/follow`, {}), (k) => rb(k, 200));
    add('POST /api/v1/reports/{id}/transitions', x, (c) => c.post(`/api/v1/reports/${W.report[x]}/transitions`, { state: 'teleported' }),
      (k) => mh(k, 422 /* report_state_invalid */));
    add('POST /api/v1/reports/{id}/updates', x, (c) => c.post(`/api/v1/reports/${W.report[x]}/updates`, { note: ' ' }),
      (k) => mh(k, 422 /* report_note_required */));
    add('POST /api/v1/reports/{id}/hand-on', x, (c) => c.post(`/api/v1/reports/${W.report[x]}/hand-on`, { to: '', reason: ' ' }),
      (k) => mh(k, 422 /* report_reason_required */));
    add('POST /api/v1/reports/{id}/reopen', x, (c) => c.post(`/api/v1/reports/${W.report[x]}/reopen`, { reason: ' ' }),
      (k) => signedIn(k, perm(actors[k], 'read', W.buildingPlace[x]) ||
        (member(k) || allows(actors[k], 'handle_report', W.buildingPlace[x]) ? 422 /* report_reason_required */ : 403)));
    add('POST /api/v1/reports/{id}/check', x, (c) => c.post(`/api/v1/reports/${W.report[x]}/check`, { answer: 'maybe' }),
      (k) => rb(k, 422 /* report_answer_invalid */));
    add('POST /api/v1/reports/{id}/rating', x, (c) => c.post(`/api/v1/reports/${W.report[x]}/rating`, { score: 0 }),
      (k) => signedIn(k, perm(actors[k], 'rate_report', W.buildingPlace[x]) || 422 /* report_score_invalid */));
    add('POST /api/v1/reports/{id}/useful', x, (c) => c.post(`/api/v1/reports/${W.report[x]}/useful`, {}),
      (k) => mh(k, 409 /* report_useful_already */));
    add('GET /api/v1/places/{id}/calendar', x, (c) => c.get(`/api/v1/places/${W.streetPlace.id}/calendar`), (k) => signedIn(k, 200));
    add('PUT /api/v1/places/{id}/calendar', x, (c) => c.put(`/api/v1/places/${W.streetPlace.id}/calendar`, { holidays: 'x' }),
      (k) => signedIn(k, perm(actors[k], 'settings', W.streetPlace) || 422 /* report_calendar_invalid */));
    const mr = (k, status) => signedIn(k, perm(actors[k], 'manage_rota', W.matterPlace[x]) || status);
    add('GET /api/v1/rotas', x, (c) => c.get(`/api/v1/rotas?community=${W.community[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/rotas', x, (c) => c.post('/api/v1/rotas', { place_id: W.community[x], title: ' ', task: 'x' }),
      (k) => mr(k, 422 /* title_required */));
    add('GET /api/v1/rotas/{id}', x, (c) => c.get(`/api/v1/rotas/${W.rota[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/rotas/{id}/duties', x, (c) => c.post(`/api/v1/rotas/${W.rota[x]}/duties`, { phone: '1', starts: 'x', ends: 'y' }),
      (k) => mr(k, 422 /* rota_person_unknown */));
    add('POST /api/v1/duties/{id}/done', x, (c) => c.post(`/api/v1/duties/${W.duty[x]}/done`, { note: 'x'.repeat(501) }),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) ||
        ((k === 'resident' && x === 'L') || allows(actors[k], 'manage_rota', W.matterPlace[x]) ? 422 /* rota_note_invalid */ : 403)));
    add('POST /api/v1/duties/{id}/swaps', x, (c) => c.post(`/api/v1/duties/${W.duty[x]}/swaps`, { other_duty_id: W.duty[x] }),
      (k) => rd(k, k === 'resident' && x === 'L' ? 422 /* rota_swap_invalid: her own duty again */ : 409 /* rota_swap_not_yours */));
    add('POST /api/v1/swaps/{id}/answer', x, (c) => c.post('/api/v1/swaps/99999999/answer', { accept: true }), (k) => signedIn(k, 404));
    const mpt = (k, status) => signedIn(k, perm(actors[k], 'manage_patrol', W.matterPlace[x]) || status);
    const patroller = (k) => k === 'grid_worker' && x === 'L';
    add('GET /api/v1/patrols', x, (c) => c.get(`/api/v1/patrols?community=${W.community[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/patrols', x, (c) => c.post('/api/v1/patrols', { place_id: W.community[x], name: ' ', points: [{ name: 'a' }] }),
      (k) => mpt(k, 422 /* name_required */));
    add('GET /api/v1/patrols/{id}', x, (c) => c.get(`/api/v1/patrols/${W.patrol[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/patrols/{id}/rounds', x, (c) => c.post(`/api/v1/patrols/${W.patrol[x]}/rounds`, { phone: '1', starts: 'x', ends: 'y' }),
      (k) => mpt(k, 422 /* patrol_person_unknown */));
    add('POST /api/v1/rounds/{id}/checkins', x, (c) => c.post(`/api/v1/rounds/${W.round[x]}/checkins`, { point_id: 0, t: 'x' }),
      (k) => rd(k, patroller(k) ? 422 /* patrol_code_invalid */ : 409 /* patrol_not_yours */));
    add('POST /api/v1/rounds/{id}/findings', x, (c) => c.post(`/api/v1/rounds/${W.round[x]}/findings`, { point_id: 0, t: 'x' }),
      (k) => rd(k, patroller(k) ? 422 /* patrol_code_invalid */ : 409 /* patrol_not_yours */));
    // satisfaction surveys: manage_survey opens one; a household on its line answers (score 0: the validation's 422)
    const msv = (k, status) => signedIn(k, perm(actors[k], 'manage_survey', W.matterPlace[x]) || status);
    add('GET /api/v1/surveys', x, (c) => c.get(`/api/v1/surveys?community=${W.community[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/surveys', x, (c) => c.post('/api/v1/surveys', { place_id: W.community[x], question: ' ', threshold: 60,
      closes_at: Math.floor(Date.now() / 1000) + 86400 }), (k) => msv(k, 422 /* satisfaction_question_required */));
    add('GET /api/v1/surveys/{id}', x, (c) => c.get(`/api/v1/surveys/${W.survey[x]}`), (k) => rd(k, 200));
    add('PUT /api/v1/surveys/{id}/response', x, (c) => c.put(`/api/v1/surveys/${W.survey[x]}/response`, { score: 0 }),
      (k) => signedIn(k, perm(actors[k], 'answer_survey', W.matterPlace[x]) || 422 /* satisfaction_score_invalid */));
    // dashboards: view_dashboard at the community; the registry to any staff (HTTP_STAFF)
    const dsh = (k) => signedIn(k, perm(actors[k], 'view_dashboard', W.matterPlace[x]) || 200);
    add('GET /api/v1/dashboards/{place}', x, (c) => c.get(`/api/v1/dashboards/${W.community[x]}?period=2026`), dsh);
    add('GET /api/v1/dashboards/{place}/figures/{name}', x,
      (c) => c.get(`/api/v1/dashboards/${W.community[x]}/figures/participation?by=building`), dsh);
    add('GET /api/v1/dashboard-figures', x, (c) => c.get('/api/v1/dashboard-figures'),
      (k) => signedIn(k, actors[k].roles.some((r) => STAFF_ROLES.has(r.role)) ? 200 : 403));
    // reports upward: staff routes (HTTP_STAFF: 403 for residents and building leaders); the street's
    // templates to its staff and its communities' staff; a report to its community's staff and the street's
    const staffOnly = (k, status) => signedIn(k, !actors[k].roles.some((r) => STAFF_ROLES.has(r.role)) ? 403 : status);
    const ofStreet = (k) => actors[k].roles.some((r) => r.role === 'street_admin' || r.role === 'community_staff');
    add('GET /api/v1/upward-templates', x, (c) => c.get(`/api/v1/upward-templates?place=${W.community[x]}`),
      (k) => staffOnly(k, ofStreet(k) && perm(actors[k], 'read', W.matterPlace[x]) === 0 ? 200 : perm(actors[k], 'read', W.matterPlace[x]) || 403));
    add('POST /api/v1/upward-templates', x, (c) => c.post('/api/v1/upward-templates', { street_id: W.community[x], name: ' ',
      period_kind: 'month', items: [{ label: '矩阵', figure: 'households' }] }),
      (k) => staffOnly(k, perm(actors[k], 'read', W.matterPlace[x]) || (actors[k].roles.some((r) => r.role === 'street_admin') ? 422 : 403)));
    add('GET /api/v1/upward-templates/{id}', x, (c) => c.get(`/api/v1/upward-templates/${W.upwardTemplate}?period=${W.upwardPeriod}`),
      (k) => staffOnly(k, ofStreet(k) ? 200 : 404));
    add('POST /api/v1/upward-reports', x, (c) => c.post('/api/v1/upward-reports', { template_id: W.upwardTemplate,
      community_id: W.community[x], period: 'soon' }), (k) => staffOnly(k, !ofStreet(k) ? 404
      : perm(actors[k], 'fill_upward', W.matterPlace[x]) || 422 /* upward_period_invalid */));
    const upRead = (k) => perm(actors[k], 'fill_upward', W.matterPlace[x]) === 0 || perm(actors[k], 'design_upward', W.matterPlace[x]) === 0;
    add('GET /api/v1/upward-reports/{id}', x, (c) => c.get(`/api/v1/upward-reports/${W.upward[x]}`),
      (k) => staffOnly(k, upRead(k) ? 200 : 404));
    add('POST /api/v1/upward-reports/{id}/review', x, (c) => c.post(`/api/v1/upward-reports/${W.upward[x]}/review`, { note: '矩'.repeat(501) }),
      (k) => staffOnly(k, !upRead(k) ? 404 : perm(actors[k], 'fill_upward', W.matterPlace[x]) || 422 /* upward_note_invalid */));
    add('POST /api/v1/upward-reports/{id}/submit', x, (c) => c.post(`/api/v1/upward-reports/${W.upward[x]}/submit`),
      (k) => staffOnly(k, !upRead(k) ? 404 : perm(actors[k], 'fill_upward', W.matterPlace[x]) || 409 /* upward_not_reviewed */));
    add('POST /api/v1/upward-reports/{id}/return', x, (c) => c.post(`/api/v1/upward-reports/${W.upward[x]}/return`, { reason: '矩阵' }),
      (k) => staffOnly(k, !upRead(k) ? 404 : perm(actors[k], 'design_upward', W.matterPlace[x]) || 409 /* upward_not_submitted */));
    // evaluations: templates and tasks at the community (a grid worker lists the tasks of her grid);
    // both assessments are closed, so whoever may answer or close meets evaluation_closed
    const mev = (k, place, status) => signedIn(k, perm(actors[k], 'manage_evaluation', place) || status);
    const inCommunity = (k) => actors[k].roles.some((r) => ['grid_worker', 'community_staff'].includes(r.role) &&
      isPrefix(r.path, W.matterPlace[x].path));
    add('GET /api/v1/evaluation-templates', x, (c) => c.get(`/api/v1/evaluation-templates?community=${W.community[x]}`),
      (k) => mev(k, W.matterPlace[x], 200));
    add('POST /api/v1/evaluation-templates', x, (c) => c.post('/api/v1/evaluation-templates', { community_id: W.community[x],
      name: ' ', criteria: [{ name: '矩阵', weight: 10 }] }), (k) => mev(k, W.matterPlace[x], 422 /* evaluation_name_required */));
    add('GET /api/v1/evaluation-tasks', x, (c) => c.get(`/api/v1/evaluation-tasks?community=${W.community[x]}`),
      (k) => signedIn(k, inCommunity(k) ? 200 : perm(actors[k], 'manage_evaluation', W.matterPlace[x]) || 200));
    add('GET /api/v1/evaluation-tasks', `${x}:xlsx`, (c) => c.get(`/api/v1/evaluation-tasks?community=${W.community[x]}&format=xlsx`),
      (k) => signedIn(k, !actors[k].roles.some((r) => STAFF_ROLES.has(r.role)) ? 403
        : inCommunity(k) ? 200 : perm(actors[k], 'manage_evaluation', W.matterPlace[x]) || 200));
    add('POST /api/v1/evaluation-tasks/{id}/done', x, (c) => c.post('/api/v1/evaluation-tasks/99999999/done', { note: '矩阵' }),
      (k) => signedIn(k, 404));
    add('POST /api/v1/evaluations', x, (c) => c.post('/api/v1/evaluations', { matter_id: W.matter[x].id, phase: 'soon',
      template_id: 0, closes_at: 0 }), (k) => mev(k, W.matterPlace[x], 422 /* evaluation_phase_invalid */));
    add('GET /api/v1/evaluations/{id}', x, (c) => c.get(`/api/v1/evaluations/${W.evaluation[x]}`),
      (k) => signedIn(k, perm(actors[k], 'read', W.evalPlace[x]) || 200));
    add('POST /api/v1/evaluations/{id}/assessors', x, (c) => c.post(`/api/v1/evaluations/${W.evaluation[x]}/assessors`, { phone: '1' }),
      (k) => mev(k, W.evalPlace[x], 409 /* evaluation_closed */));
    add('PUT /api/v1/evaluations/{id}/response', x, (c) => c.put(`/api/v1/evaluations/${W.evaluation[x]}/response`, { scores: [0] }),
      (k) => signedIn(k, (x === 'F' && k === 'street_admin' ? 0 /* an assessor of the demo's shed */
        : perm(actors[k], 'answer_evaluation', W.evalPlace[x])) || 409 /* evaluation_closed */));
    add('POST /api/v1/evaluations/{id}/close', x, (c) => c.post(`/api/v1/evaluations/${W.evaluation[x]}/close`),
      (k) => mev(k, W.evalPlace[x], 409 /* evaluation_closed */));
    // the disclosure board: readers of the community read it; publish_disclosure writes (a published item is
    // no longer editable: 409; a blank reason: 422); oversee_disclosure reads the boards under a place
    const pd = (k, status) => signedIn(k, perm(actors[k], 'publish_disclosure', W.matterPlace[x]) || status);
    add('GET /api/v1/disclosure', x, (c) => c.get(`/api/v1/disclosure?community=${W.community[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/disclosure/boards', x, (c) => c.post('/api/v1/disclosure/boards', { community_id: W.community[x] }),
      (k) => pd(k, 200));
    add('GET /api/v1/disclosure/overview', x, (c) => c.get(`/api/v1/disclosure/overview?place=${W.community[x]}`),
      (k) => signedIn(k, perm(actors[k], 'oversee_disclosure', W.matterPlace[x]) || 200));
    add('GET /api/v1/disclosure/items', x, (c) => c.get(`/api/v1/disclosure/items?community=${W.community[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/disclosure/items', x, (c) => c.post('/api/v1/disclosure/items', { community_id: W.community[x],
      kind: 'affairs', title: ' ', body: '矩阵', period: '2026-01' }), (k) => pd(k, 422 /* disclosure_title_required */));
    add('GET /api/v1/disclosure/items/{id}', x, (c) => c.get(`/api/v1/disclosure/items/${W.disclosure[x]}`), (k) => rd(k, 200));
    add('PUT /api/v1/disclosure/items/{id}', x, (c) => c.put(`/api/v1/disclosure/items/${W.disclosure[x]}`, { title: '改' }),
      (k) => pd(k, 409 /* disclosure_published */));
    add('POST /api/v1/disclosure/items/{id}/withdraw', x, (c) => c.post(`/api/v1/disclosure/items/${W.disclosure[x]}/withdraw`,
      { reason: ' ' }), (k) => pd(k, 422 /* reason_required */));
    // roster imports: import_roster at the community (a header-only file: the dry run's 422)
    const ir = (k, status) => signedIn(k, perm(actors[k], 'import_roster', W.matterPlace[x]) || status);
    add('GET /api/v1/roster/imports', x, (c) => c.get(`/api/v1/roster/imports?community=${W.community[x]}`), (k) => ir(k, 200));
    add('POST /api/v1/roster/imports', x, (c) => c.req('POST', '/api/v1/roster/imports', { body: rosterForm(W.community[x], '网格,楼栋,房号\n') }),
      (k) => ir(k, 422 /* roster_no_rows */));
    add('GET /api/v1/roster/imports/{id}', x, (c) => c.get(`/api/v1/roster/imports/${W.roster[x]}`), (k) => ir(k, 200));
    add('POST /api/v1/roster/imports/{id}/apply', x, (c) => c.post(`/api/v1/roster/imports/${W.roster[x]}/apply`),
      (k) => ir(k, 422 /* roster_has_errors */));
    add('POST /api/v1/roster/imports/{id}/discard', x, (c) => c.post(`/api/v1/roster/imports/${W.rosterDone[x]}/discard`),
      (k) => ir(k, 409 /* roster_not_pending */));
    // Open311 keys: staff routes (HTTP_STAFF: 403 for a resident or building leader), then manage_open311
    const mk = (k, status) => signedIn(k, !actors[k].roles.some((r) => STAFF_ROLES.has(r.role)) ? 403
      : perm(actors[k], 'manage_open311', W.matterPlace[x]) || status);
    add('GET /api/v1/open311/keys', x, (c) => c.get(`/api/v1/open311/keys?community=${W.community[x]}`), (k) => mk(k, 200));
    add('POST /api/v1/open311/keys', x, (c) => c.post('/api/v1/open311/keys', { community_id: W.community[x], name: ' ' }),
      (k) => mk(k, 422 /* open311_name_required */));
    add('DELETE /api/v1/open311/keys/{id}', x, (c) => c.del(`/api/v1/open311/keys/${W.o311[x]}`),
      (k) => mk(k, 409 /* open311_key_revoked */));
    const mf = (k, status) => signedIn(k, perm(actors[k], 'manage_facility', W.matterPlace[x]) || status);
    add('GET /api/v1/facilities', x, (c) => c.get(`/api/v1/facilities?community=${W.community[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/facilities', x, (c) => c.post('/api/v1/facilities', { place_id: W.community[x], kind: 'rocket', name: '矩阵' }),
      (k) => mf(k, 422 /* facility_kind_invalid */));
    add('GET /api/v1/facilities/{id}', x, (c) => c.get(`/api/v1/facilities/${W.facility[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/facilities/{id}/upkeep', x, (c) => c.post(`/api/v1/facilities/${W.facility[x]}/upkeep`, { kind: 'paint', note: '矩阵' }),
      (k) => mf(k, 422 /* facility_upkeep_kind_invalid */));
    const ms = (k, status) => signedIn(k, perm(actors[k], 'manage_shop', W.matterPlace[x]) || status);
    add('GET /api/v1/shop', x, (c) => c.get(`/api/v1/shop?community=${W.community[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/shop/items', x, (c) => c.post('/api/v1/shop/items', { community_id: W.community[x], name: '矩阵', price: 0 }),
      (k) => ms(k, 422 /* shop_price_invalid */));
    add('POST /api/v1/shop/items/{id}/stock', x, (c) => c.post(`/api/v1/shop/items/${W.item[x]}/stock`, { delta: 0, reason: 'x' }),
      (k) => ms(k, 422 /* shop_stock_invalid */));
    add('POST /api/v1/shop/items/{id}/redeem', x, (c) => c.post(`/api/v1/shop/items/${W.item[x]}/redeem`, { qty: 11 }),
      (k) => rd(k, 422 /* shop_qty_invalid, before who may redeem */));
    add('POST /api/v1/shop/redemptions/{id}/fulfil', x, (c) => c.post(`/api/v1/shop/redemptions/${W.redemption.L || 0}/fulfil`, {}),
      (k) => signedIn(k, perm(actors[k], 'manage_shop', W.matterPlace.L) || 409 /* shop_redemption_decided */));
    add('GET /api/v1/shop/redemptions', x, (c) => c.get(`/api/v1/shop/redemptions?queue=true&community=${W.community[x]}`),
      (k) => ms(k, 200));
    add('POST /api/v1/shop/redemptions/{id}/cancel', x, (c) => c.post('/api/v1/shop/redemptions/99999999/cancel', {}), (k) => signedIn(k, 404));
    add('GET /api/v1/budgets', x, (c) => c.get(`/api/v1/budgets?community=${W.community[x]}`), (k) => rd(k, 200));
    add('POST /api/v1/budgets', x, (c) => c.post('/api/v1/budgets', { place_id: W.community[x], title: '矩阵', total: 0, projects: [] }),
      (k) => signedIn(k, perm(actors[k], 'manage_vote', W.matterPlace[x]) || 422));
    add('GET /api/v1/budgets/{id}', x, (c) => c.get(`/api/v1/budgets/${W.budget[x]}`), (k) => rd(k, 200));
    add('GET /api/v1/budgets/{id}/document', x, (c) => c.get(`/api/v1/budgets/${W.budget[x]}/document`), (k) => rd(k, 409 /* vote_not_closed */));
    add('POST /api/v1/contests', x, (c) => c.post('/api/v1/contests', { street_id: W.streetPlace.id, title: ' ',
      criteria: [{ name: 'A', weight: 100 }], communities: [W.L, W.F] }),
      (k) => signedIn(k, perm(actors[k], 'manage_contest', W.streetPlace) || 422));
    add('GET /api/v1/contests', x, (c) => c.get('/api/v1/contests'), (k) => signedIn(k, 200));
    add('GET /api/v1/contests/{id}', x, (c) => c.get(`/api/v1/contests/${W.contest}`), (k) => signedIn(k, 200));
    add('POST /api/v1/contests/{id}/scores', x, (c) => c.post(`/api/v1/contests/${W.contest}/scores`, { community_id: 0, scores: [] }),
      (k) => signedIn(k, 422 /* contest_entry_invalid */));
    add('POST /api/v1/contests/{id}/publish', x, (c) => c.post(`/api/v1/contests/${W.contest}/publish`, {}),
      (k) => signedIn(k, perm(actors[k], 'manage_contest', W.streetPlace) || 409 /* contest_still_open */));
    add('GET /api/v1/places/{id}/priority', x, (c) => c.get(`/api/v1/places/${W.community[x]}/priority`), (k) => rd(k, 200));
    add('GET /api/v1/points', x, (c) => c.get(`/api/v1/points?community=${W.community[x]}`),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('GET /api/v1/people/{id}/points', x, (c) => c.get(`/api/v1/people/${W.person[x]}/points`),
      (k) => signedIn(k, k === 'resident' && x === 'L' ? 200 /* her own */ : perm(actors[k], 'view_points', W.personPlaces[x][0]) || 200));
    // exports (?format=xlsx|csv): staff only (403 before anything is read), then the list's own rule
    const ex = (k, status) => signedIn(k, actors[k].roles.some((r) => STAFF_ROLES.has(r.role)) ? status : 403);
    add('GET /api/v1/reports', `${x}:xlsx`, (c) => c.get(`/api/v1/reports?community=${W.community[x]}&format=xlsx`),
      (k) => ex(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('GET /api/v1/matters', `${x}:csv`, (c) => c.get(`/api/v1/matters?place_id=${P(x)}&format=csv`),
      (k) => ex(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('GET /api/v1/places/{id}/people', `${x}:xlsx`, (c) => c.get(`/api/v1/places/${P(x)}/people?format=xlsx`),
      (k) => ex(k, perm(actors[k], 'view_people', W.matterPlace[x]) || 200));
    add('GET /api/v1/volunteer/hours', x, (c) => c.get(`/api/v1/volunteer/hours?community=${W.community[x]}`),
      (k) => signedIn(k, perm(actors[k], 'manage_volunteers', W.matterPlace[x]) || 200));
    add('GET /api/v1/volunteer/hours', `${x}:xlsx`, (c) => c.get(`/api/v1/volunteer/hours?community=${W.community[x]}&format=xlsx`),
      (k) => ex(k, perm(actors[k], 'manage_volunteers', W.matterPlace[x]) || 200));
    add('GET /api/v1/facilities', `${x}:csv`, (c) => c.get(`/api/v1/facilities?community=${W.community[x]}&format=csv`),
      (k) => ex(k, rd(k, 200)));
    add('GET /api/v1/surveys', `${x}:xlsx`, (c) => c.get(`/api/v1/surveys?community=${W.community[x]}&format=xlsx`),
      (k) => ex(k, rd(k, 200)));
    add('GET /api/v1/shop/redemptions', `${x}:xlsx`,
      (c) => c.get(`/api/v1/shop/redemptions?queue=true&community=${W.community[x]}&format=xlsx`), (k) => ex(k, ms(k, 200)));
    add('GET /api/v1/places/{id}/children', `${x}:csv`, (c) => c.get(`/api/v1/places/${P(x)}/children?format=csv`),
      (k) => ex(k, perm(actors[k], 'read', W.matterPlace[x]) || 200));
    add('GET /api/v1/people/{id}/points', `${x}:csv`, (c) => c.get(`/api/v1/people/${W.person[x]}/points?format=csv`),
      (k) => ex(k, perm(actors[k], 'view_points', W.personPlaces[x][0]) || 200));
    const exRead = (k) => ex(k, perm(actors[k], 'read', W.matterPlace[x]) || 200);
    add('GET /api/v1/reports/rates', `${x}:xlsx`, (c) => c.get(`/api/v1/reports/rates?place=${W.community[x]}&by=person&format=xlsx`), exRead);
    add('GET /api/v1/patrols', `${x}:csv`, (c) => c.get(`/api/v1/patrols?community=${W.community[x]}&format=csv`), exRead);
    add('GET /api/v1/patrols/{id}', `${x}:xlsx`, (c) => c.get(`/api/v1/patrols/${W.patrol[x]}?format=xlsx`), exRead);
    add('GET /api/v1/patrols/{id}', `${x}:missed`, (c) => c.get(`/api/v1/patrols/${W.patrol[x]}?part=missed&format=csv`), exRead);
    add('GET /api/v1/rotas/{id}', `${x}:xlsx`, (c) => c.get(`/api/v1/rotas/${W.rota[x]}?format=xlsx`), exRead);
    add('GET /api/v1/disclosure', `${x}:csv`, (c) => c.get(`/api/v1/disclosure?community=${W.community[x]}&format=csv`), exRead);
    add('GET /api/v1/disclosure/items', `${x}:xlsx`, (c) => c.get(`/api/v1/disclosure/items?community=${W.community[x]}&format=xlsx`), exRead);
    add('GET /api/v1/disclosure/overview', `${x}:csv`, (c) => c.get(`/api/v1/disclosure/overview?place=${W.community[x]}&format=csv`),
      (k) => ex(k, perm(actors[k], 'oversee_disclosure', W.matterPlace[x]) || 200));
    add('GET /api/v1/communities/{id}/claims', `${x}:xlsx`, (c) => c.get(`/api/v1/communities/${P(x)}/claims?format=xlsx`),
      (k) => ex(k, perm(actors[k], 'decide_claim', W.matterPlace[x]) || 200));
    add('GET /api/v1/communities/{id}/coverage', `${x}:csv`, (c) => c.get(`/api/v1/communities/${P(x)}/coverage?format=csv`),
      (k) => ex(k, perm(actors[k], 'view_coverage', W.matterPlace[x]) || 200));
    add('GET /api/v1/shifts', `${x}:csv`, (c) => c.get(`/api/v1/shifts?community=${W.community[x]}&format=csv`), exRead);
    add('GET /api/v1/shifts/{id}', `${x}:xlsx`, (c) => c.get(`/api/v1/shifts/${W.shift[x].id}?format=xlsx`),
      (k) => ex(k, perm(actors[k], 'manage_volunteers', W.matterPlace[x]) || 200));
    add('POST /api/v1/people/{id}/points', x, (c) => c.post(`/api/v1/people/${W.person[x]}/points`, { amount: 0, reason: '矩阵', key: 'm0' }),
      (k) => signedIn(k, perm(actors[k], 'manage_points', W.personPlaces[x][0]) || 422 /* points_amount_invalid */));
    add('POST /api/v1/points/transactions/{id}/reverse', x, (c) => c.post(`/api/v1/points/transactions/${W.pointsTxn[x]}/reverse`, { reason: ' ' }),
      (k) => signedIn(k, perm(actors[k], 'manage_points', W.matterPlace[x]) || 422 /* reason_required */));
    add('GET /api/v1/opinions/{id}/comments', x, (c) => c.get(`/api/v1/opinions/${W.opinion[x].id}/comments`), (k) => callCase(k, x, 200));
    add('POST /api/v1/opinions/{id}/comments', x, (c) => c.post(`/api/v1/opinions/${W.opinion[x].id}/comments`, { body: ' ' }),
      (k) => signedIn(k, perm(actors[k], 'read', W.matterPlace[x]) || perm(actors[k], 'follow', W.matterPlace[x]) || 422));
  }
  // votes: read by the community; residents of the community cast (a bad option fails after the check), others
  // are not electors; grid workers and up manage votes of their places (the votes are online or cancelled, so
  // the managing calls fail with 409 after the check)
  for (const x of ['L', 'F']) {
    const read = (k) => perm(actors[k], 'read', W.matterPlace[x]);
    const manage = (k) => {
      if (actors[k].anonymous) return 401;
      if (read(k)) return read(k);
      return allows(actors[k], 'manage_matter', W.matterPlace[x], (r) => STAFF_ROLES.has(r)) ? 409 : 403;
    };
    const resident = (k) => actors[k].roles.some((r) => r.role === 'resident' && W.matterPlace[x].path.every((id, i) => r.path[i] === id));
    add('GET /api/v1/votes', x, (c) => c.get(`/api/v1/votes?matter_id=${W.matter[x].id}`), (k) => signedIn(k, read(k) || 200));
    add('POST /api/v1/votes', x, (c) => c.post('/api/v1/votes', { place_id: P(x), title: ' ', method: 'yes_no_abstain', mode: 'online',
      rule: { preset: 'simple_majority' }, closes_at: Math.floor(Date.now() / 1000) + 86400 }),
    (k) => { const m = manage(k); return m === 409 ? 422 : m; });
    add('GET /api/v1/votes/{id}', x, (c) => c.get(`/api/v1/votes/${W.vote[x].id}`), (k) => signedIn(k, read(k) || 200));
    add('PUT /api/v1/votes/{id}/ballot', x, (c) => c.put(`/api/v1/votes/${W.vote[x].id}/ballot`, { options: [5] }),
      (k) => signedIn(k, read(k) || (resident(k) ? 422 : 403)));
    add('POST /api/v1/votes/{id}/records', x, (c) => c.post(`/api/v1/votes/${W.vote[x].id}/records`, { person_id: 1, options: [0] }), manage);
    add('PUT /api/v1/votes/{id}/hands', x, (c) => c.put(`/api/v1/votes/${W.vote[x].id}/hands`, { counts: [] }), manage);
    add('POST /api/v1/votes/{id}/hands/confirm', x, (c) => c.post(`/api/v1/votes/${W.vote[x].id}/hands/confirm`), manage);
    add('POST /api/v1/votes/{id}/close', x, (c) => c.post(`/api/v1/votes/${W.cancelledVote[x].id}/close`), manage);
    add('POST /api/v1/votes/{id}/cancel', x, (c) => c.post(`/api/v1/votes/${W.cancelledVote[x].id}/cancel`), manage);
    add('GET /api/v1/votes/{id}/export', x, (c) => c.get(`/api/v1/votes/${W.vote[x].id}/export`), (k) => signedIn(k, read(k) || 409));
    add('GET /api/v1/votes/{id}/receipts/{code}', x, (c) => c.get(`/api/v1/votes/${W.vote[x].id}/receipts/abcd-ef01-2345-6789`),
      (k) => signedIn(k, read(k) || 409));
  }
  return out;
}

test('the matrix covers every /api/v1 route of every module', async () => {
  const covered = new Set(cases().map((c) => c.route));
  covered.add('DELETE /api/v1/session'); // the last test
  assert.deepEqual([...new Set(routeTableApi())].sort(), [...covered].sort());
});

for (const k of Object.keys(ACTORS)) {
  test(`matrix: ${k} × every /api/v1 endpoint × 龙湖 and 凤凰苑`, async () => {
    const c = clients[k];
    const wrong = [];
    for (const cs of cases()) {
      const want = cs.expect(k);
      const r = await cs.call(c);
      const ok = r.status === want;
      if (process.env.WG_MATRIX_PRINT) console.log(`${k.padEnd(16)} ${cs.route} [${cs.x}] → ${r.status}${ok ? '' : ` (want ${want})`}`);
      if (!ok) wrong.push(`${cs.route} [${cs.x}]: want ${want}, got ${r.status} ${r.text.slice(0, 120).trim()}`);
      if (want === 401) assert.equal(r.json?.error?.code, 'signin_required', cs.route);
      if (want === 403) assert.equal(r.json?.error?.code, 'forbidden', cs.route);
      if (want === 404) {
        assert.equal(r.json?.error?.code, 'not_found', `${cs.route} [${cs.x}]`);
        assert.ok(!/龙湖|凤凰苑/.test(r.text), 'a 404 names nothing');
      }
    }
    assert.deepEqual(wrong, [], `${k}: ${wrong.length} mismatches`);
  });
}

test('the expectations agree with the cases spelled out by hand', () => {
  const exp = (route, x, k) => cases().find((c) => c.route === route && c.x === x).expect(k);
  // 凤凰苑 staff cannot read 龙湖 matters/places/claims/coverage: 404
  for (const route of ['GET /api/v1/matters/{id}', 'GET /api/v1/places/{id}', 'GET /api/v1/communities/{id}/claims',
    'GET /api/v1/communities/{id}/coverage', 'GET /api/v1/matters']) {
    assert.equal(exp(route, 'L', 'fenghuang_staff'), 404, route);
    assert.equal(exp(route, 'F', 'fenghuang_staff'), 200, route);
  }
  // 龙湖 resident: 凤凰苑 matter ids are not found, neither to read nor to move
  assert.equal(exp('GET /api/v1/matters/{id}', 'F', 'resident'), 404);
  assert.equal(exp('POST /api/v1/matters/{id}/transitions', 'F', 'resident'), 404);
  assert.equal(exp('POST /api/v1/matters/{id}/transitions', 'L', 'resident'), 403);
  // the grid worker cannot decide claims; community staff can, in 龙湖 only
  assert.equal(exp('POST /api/v1/claims/{id}/decision', 'L', 'grid_worker'), 403);
  assert.equal(exp('POST /api/v1/claims/{id}/decision', 'L', 'community_staff'), 422);
  assert.equal(exp('POST /api/v1/claims/{id}/decision', 'F', 'community_staff'), 404);
  // the street admin reads both communities
  for (const x of ['L', 'F']) {
    for (const route of ['GET /api/v1/matters/{id}', 'GET /api/v1/places/{id}', 'GET /api/v1/communities/{id}/claims',
      'GET /api/v1/communities/{id}/coverage']) assert.equal(exp(route, x, 'street_admin'), 200, `${route} ${x}`);
  }
  // residents and leaders see no coverage; the grid worker's reach is his grid, not the community
  assert.equal(exp('GET /api/v1/communities/{id}/coverage', 'L', 'resident'), 403);
  assert.equal(exp('GET /api/v1/communities/{id}/coverage', 'L', 'grid_worker'), 403);
  // a leader lists the people of his building, not of the community
  assert.equal(exp('GET /api/v1/places/{id}/people', 'L:building', 'building_leader'), 200);
  assert.equal(exp('GET /api/v1/places/{id}/people', 'L', 'building_leader'), 403);
  // the grid worker may reject a matter of his grid's building, not a community-level one
  assert.equal(exp('POST /api/v1/matters/{id}/transitions', 'B', 'grid_worker'), 422);
  assert.equal(exp('POST /api/v1/matters/{id}/transitions', 'L', 'grid_worker'), 403);
  assert.equal(exp('POST /api/v1/matters/{id}/transitions', 'B', 'building_leader'), 403);
  for (const route of ['GET /api/v1/me', 'GET /api/v1/matters', 'POST /api/v1/matters', 'PUT /api/v1/matters/{id}/follow'])
    assert.equal(exp(route, 'L', 'anonymous'), 401, route);
});

test('default matter lists stay within the actor\'s reach', async () => {
  const scope = async (k) => new Set((await clients[k].get('/api/v1/matters?limit=100')).json.items.map((m) => m.community_id));
  assert.deepEqual(await scope('resident'), new Set([W.L]));
  assert.deepEqual(await scope('grid_worker'), new Set([W.L]));
  assert.deepEqual(await scope('fenghuang_staff'), new Set([W.F]));
  assert.deepEqual(await scope('street_admin'), new Set([W.L, W.F]));
  const q = await clients.resident.get(`/api/v1/matters?q=${encodeURIComponent('凤凰苑社区级事项')}`);
  assert.equal(q.json.total, 0, 'a search does not reach into 凤凰苑');
});

test('nothing was changed by the denied calls', async () => {
  // the claims used in the matrix are as they were
  const l = await clients.community_staff.get(`/api/v1/communities/${W.L}/claims?status=pending`);
  assert.ok(l.json.items.some((c) => c.id === W.claim.L.id), '龙湖\'s claim still pending');
  // the matters stayed in stage collecting with no new event
  for (const x of ['L', 'F', 'B']) {
    const m = await clients.street_admin.get(`/api/v1/matters/${W.matter[x].id}`);
    assert.equal(m.json.stage, 'collecting', x);
    assert.equal(m.json.timeline.length, 1, x);
  }
  // no matter titled 权限矩阵 was created anywhere
  assert.equal((await clients.street_admin.get(`/api/v1/matters?q=${encodeURIComponent('权限矩阵')}`)).json.total, 0);
});

test('DELETE /api/v1/session: 204 for everyone signed in, 401 for the anonymous', async () => {
  for (const [k, c] of Object.entries(clients)) {
    const r = await c.del('/api/v1/session');
    assert.equal(r.status, actors[k].anonymous ? 401 : 204, k);
    assert.equal((await c.get('/api/v1/me')).status, 401, `${k} is signed out`);
  }
});

test('the table above is the table the server publishes (GET /api/v1/permissions)', async () => {
  await h.ready;
  const r = await h.client().get('/api/v1/permissions');
  assert.equal(r.status, 200, r.text);
  const served = Object.fromEntries(r.json.items.map((a) => [a.action, a]));
  assert.equal(new Set(r.json.items.map((a) => a.action)).size, r.json.items.length, 'each action once');
  for (const [action, reach] of Object.entries(TABLE)) {
    assert.ok(served[action], `${action} is served`);
    assert.deepEqual(ROLES.map((role) => served[action].reach[role]), reach.map((x) => x.toLowerCase()), action);
  }
  // every module's own rows are there too, with who declared them
  for (const [action, module] of [['manage_vote', 'vote'], ['manage_council', 'council'], ['manage_call', 'opinion']])
    assert.equal(served[action]?.module, module, action);
});
