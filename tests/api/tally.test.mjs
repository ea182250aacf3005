// `wugong tally FILE`: the command line face of the vote tally (docs/tally.md).
// Starts no server, so it runs the same whatever store the suite is on.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, sanitizerEnv, makeTempDir, sanitizerReport } from './helpers.mjs';

const dir = makeTempDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
function tally(doc, { raw = false, args } = {}) {
  let argv = args;
  if (!argv) {
    const file = path.join(dir, `vote-${++n}.json`);
    fs.writeFileSync(file, raw ? doc : JSON.stringify(doc, null, 2));
    argv = ['tally', file];
  }
  const r = spawnSync(BIN, argv, { env: sanitizerEnv(), encoding: 'utf8', input: '' });
  assert.equal(sanitizerReport(r.stderr), null, `sanitizer report:\n${r.stderr}`);
  const out = { code: r.status, stdout: r.stdout, stderr: r.stderr };
  if (r.status === 0) out.json = JSON.parse(r.stdout);
  return out;
}

// 民法典 art. 278, major matter: 120 owners holding 1,200,000 dm² (12,000 m²)
function art278(yes, no, abstain, present = { heads: 90, area_dm2: 870000 }) {
  return {
    format: 'wugong-tally/1',
    vote: {
      id: '2026-017',
      title: 'Use the maintenance fund to replace the lifts of building 3',
      method: 'yes_no_abstain',
      counting: 'secret_ballot',
      rule: { preset: 'art278_major' },
    },
    electorate: { heads: 120, area_dm2: 1200000 },
    present,
    ballots: {
      counts: [
        { option: 0, ...yes },
        { option: 1, ...no },
      ],
      abstain,
    },
  };
}

// the 45-voter example of the Schulze method (Wikipedia): E wins
const schulze = {
  format: 'wugong-tally/1',
  vote: {
    id: 7,
    title: 'Which playground design?',
    method: 'ranked',
    options: ['A', 'B', 'C', 'D', 'E'],
    rule: { preset: 'simple_majority' },
  },
  electorate: { heads: 60 },
  present: { heads: 46 },
  ballots: {
    abstain: { heads: 1 },
    rankings: [
      { ranking: [0, 2, 1, 4, 3], count: 5 },
      { ranking: [0, 3, 4, 2, 1], count: 5 },
      { ranking: [1, 4, 3, 0, 2], count: 8 },
      { ranking: [2, 0, 1, 4, 3], count: 3 },
      { ranking: [2, 0, 4, 1, 3], count: 7 },
      { ranking: [2, 1, 0, 3, 4], count: 2 },
      { ranking: [3, 2, 4, 1, 0], count: 7 },
      { ranking: [4, 1, 0, 3, 2], count: 8 },
    ],
  },
};

test('art. 278 major matter passes with 3/4 of participating owners and area', () => {
  const r = tally(art278({ heads: 70, area_dm2: 690000 }, { heads: 15, area_dm2: 130000 }, { heads: 5, area_dm2: 50000 }));
  assert.equal(r.code, 0, r.stderr);
  const j = r.json;
  assert.equal(j.format, 'wugong-tally-result/1');
  assert.equal(j.vote.id, '2026-017');
  assert.equal(j.vote.method, 'yes_no_abstain');
  assert.equal(j.rule.code, 'art278_major');
  assert.equal(j.rule.voters, 'owners_by_area');
  assert.deepEqual(j.rule.quorum, { basis: 'both', fraction: [2, 3], strictness: 'at_least', base: 'electorate' });
  assert.deepEqual(j.rule.approval, { basis: 'both', fraction: [3, 4], strictness: 'at_least', base: 'present' });
  assert.match(j.rule.description, /^Owners holding at least 2\/3 of the floor area and at least 2\/3 of the owners must take part; at least 3\/4 of the participating area/);
  assert.deepEqual(j.participation.heads, { num: 90, den: 120, percent: '75.00' });
  assert.deepEqual(j.participation.area, { num: 870000, den: 1200000, percent: '72.50' });
  assert.equal(j.quorum.met, true);
  assert.deepEqual(j.quorum.main.heads, { count: 90, base: 120, met: true });
  assert.equal(j.approval.met, true);
  assert.deepEqual(j.approval.heads, { count: 70, base: 90, met: true }); // abstentions take part
  assert.deepEqual(j.approval.area, { count: 690000, base: 870000, met: true });
  assert.deepEqual(j.votes_cast, { heads: 85, area_dm2: 820000 });
  assert.equal(j.passed, true);
  assert.equal(j.outcome, 'passed');
  assert.equal(j.winner, null);
});

test('art. 278 fails when the owners agree but the area does not', () => {
  // 68 of 90 owners (≥ 3/4) but 600,000 of 870,000 dm² (< 3/4)
  const r = tally(art278({ heads: 68, area_dm2: 600000 }, { heads: 17, area_dm2: 220000 }, { heads: 5, area_dm2: 50000 }));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json.passed, false);
  assert.equal(r.json.outcome, 'approval_not_met');
  assert.equal(r.json.approval.heads.met, true);
  assert.equal(r.json.approval.area.met, false);
});

test('art. 278 fails without the quorum, exactly at 2/3 it is met', () => {
  const yes = { heads: 79, area_dm2: 790000 };
  let r = tally(art278(yes, { heads: 0 }, undefined, { heads: 79, area_dm2: 790000 }));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.json.quorum.met, false);
  assert.equal(r.json.outcome, 'quorum_not_met');
  r = tally(art278({ heads: 80, area_dm2: 800000 }, { heads: 0 }, undefined, { heads: 80, area_dm2: 800000 }));
  assert.equal(r.json.quorum.met, true);
  assert.equal(r.json.passed, true);
});

test('Schulze: the classic 45-voter example elects E with the full ranking', () => {
  const r = tally(schulze);
  assert.equal(r.code, 0, r.stderr);
  const j = r.json;
  assert.equal(j.vote.id, 7);
  assert.equal(j.winner, 4);
  assert.deepEqual(j.ranking, [4, 0, 2, 1, 3]);
  assert.deepEqual(j.schulze.d[0], [0, 20, 26, 30, 22]);
  assert.deepEqual(j.schulze.p[4], [25, 28, 28, 31, 0]);
  assert.equal(j.schulze.tie_break, 'none');
  assert.equal(j.votes_cast.heads, 45);
  assert.deepEqual(j.abstain, { heads: 1, area_dm2: 0 });
  assert.equal(j.passed, true);
  assert.equal(j.options[4].label, 'E');
});

test('stdin with -, and anonymised ballots with receipts', () => {
  const doc = {
    format: 'wugong-tally/1',
    vote: { id: 'p1', title: 'Bike shed colour', method: 'single_choice', options: ['green', 'grey', 'red'], rule: { preset: 'two_thirds' } },
    electorate: { heads: 10 },
    present: { heads: 4 },
    ballots: { list: [{ options: [1], receipt: 'k2' }, { options: [1], receipt: 'a9' }, { options: [] }, { options: [1] }] },
  };
  const r = spawnSync(BIN, ['tally', '-'], { env: sanitizerEnv(), encoding: 'utf8', input: JSON.stringify(doc) });
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.winner, 1);
  assert.equal(j.passed, true); // 3 of 3 votes cast; the blank ballot abstains
  assert.deepEqual(j.receipts, ['a9', 'k2']);
  assert.deepEqual(j.abstain, { heads: 1, area_dm2: 0 });
});

// A participatory budget (method equal_shares): the published example of
// equalshares.net, recomputed from its ballots
const budget = {
  format: 'wugong-tally/1',
  vote: {
    id: 'pb-2026-1',
    title: 'Community budget 2026',
    method: 'equal_shares',
    counting: 'online',
    options: ['bike path', 'gym', 'park', 'playground', 'library'],
    costs: [700, 400, 250, 200, 100],
    budget: 1100,
    tie_order: [4, 2, 0, 3, 1],
  },
  electorate: { heads: 12 },
  present: { heads: 11 },
  ballots: {
    list: [[0, 1], [0, 1, 2], [0, 1], [0, 1, 2], [0, 1, 2], [0, 1], [2, 3, 4], [3], [3, 4], [2, 3, 4], [0]]
      .map((options, i) => (i === 6 ? { options, receipt: 'r-seven' } : { options })),
  },
};

test('a budget: Equal Shares buys bike path, playground, library; greedy bike path and gym', () => {
  const r = tally(budget);
  assert.equal(r.code, 0, r.stderr);
  const j = r.json;
  assert.equal(j.vote.method, 'equal_shares');
  assert.deepEqual(j.equal_shares.selected, [0, 3, 4]);
  assert.equal(j.equal_shares.cost, 1000);
  assert.equal(j.equal_shares.left, 100);
  assert.deepEqual(j.greedy.selected, [0, 1]);
  assert.equal(j.greedy.cost, 1100);
  const lib = j.projects[4];
  assert.equal(lib.equal_shares, 'equal_shares');
  assert.equal(lib.effective_votes, '3');
  assert.equal(lib.payment, '100/3');
  assert.equal(j.projects[1].equal_shares, 'not_bought');
  assert.equal(j.projects[1].greedy, true);
  assert.equal(j.projects[1].supporters_left, '0');
  assert.deepEqual(j.vote.tie_order, [4, 2, 0, 3, 1]);
  assert.equal(j.paid.length, 11);
  assert.deepEqual(j.paid[6], { receipt: 'r-seven', paid: '83.33' }); // 50 + 100/3
  assert.deepEqual(j.paid[0], { paid: '100.00' });
  // the same document read from standard input gives the same bytes
  const again = spawnSync(BIN, ['tally', '-'], { env: sanitizerEnv(), encoding: 'utf8', input: JSON.stringify(budget) });
  assert.equal(again.stdout, r.stdout);
});

const badBudgets = [
  ['a rule', { ...budget, vote: { ...budget.vote, rule: { preset: 'simple_majority' } } }, /vote\.rule: a budget \(method equal_shares\) takes no rule/],
  ['costs that do not match', { ...budget, vote: { ...budget.vote, costs: [1, 2] } }, /vote\.costs: 2 costs for 5 projects/],
  ['a zero cost', { ...budget, vote: { ...budget.vote, costs: [700, 0, 250, 200, 100] } }, /vote\.costs\[1\]: 0 is out of range/],
  ['a tie order with a repeat', { ...budget, vote: { ...budget.vote, tie_order: [0, 1, 2, 3, 3] } }, /vote\.tie_order\[4\]: project 3 is listed twice/],
  ['a project approved twice', { ...budget, ballots: { list: [{ options: [2, 2] }] } }, /ballots\.list\[0\]\.options\[1\]: project 2 appears twice/],
  ['a project out of range', { ...budget, ballots: { list: [{ options: [9] }] } }, /ballots\.list\[0\]\.options\[0\]: option 9 is out of range/],
  ['more ballots than present', { ...budget, present: { heads: 2 } }, /ballots\.list: 11 ballots, more than present\.heads 2/],
  ['a receipt twice', { ...budget, ballots: { list: [{ options: [0], receipt: 'x' }, { options: [1], receipt: 'x' }] } }, /receipt "x" appears twice/],
  ['counts instead of ballots', { ...budget, ballots: { counts: [] } }, /ballots\.counts: unknown field/],
];
for (const [name, doc, msg] of badBudgets) {
  test(`a malformed budget exits 1 naming the problem: ${name}`, () => {
    const r = tally(doc);
    assert.equal(r.code, 1, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, msg);
  });
}

const bad = [
  ['bad JSON', '{"format": "wugong-tally/1", ', /^wugong tally: JSON: line \d+/],
  ['a wrong type', { ...art278({ heads: 1 }, { heads: 1 }), electorate: { heads: '120' } }, /electorate\.heads: must be an integer, not a string/],
  ['an option out of range',
    { ...schulze, ballots: { rankings: [{ ranking: [0, 5], count: 1 }] } },
    /ballots\.rankings\[0\]\.ranking\[1\]: option 5 is out of range/],
  ['an option ranked twice',
    { ...schulze, ballots: { rankings: [{ ranking: [1, 2] }, { ranking: [3, 1, 3] }] } },
    /ballots\.rankings\[1\]\.ranking\[2\]: option 3 is ranked twice/],
  ['present beyond the electorate',
    art278({ heads: 1 }, { heads: 1 }, undefined, { heads: 121, area_dm2: 0 }),
    /present\.heads: 121 exceeds electorate\.heads 120/],
  ['votes beyond those present',
    art278({ heads: 80, area_dm2: 800000 }, { heads: 15, area_dm2: 50000 }, undefined),
    /ballots: the votes and abstentions add up to 95 heads, more than present\.heads 90/],
  ['a negative count',
    art278({ heads: -3 }, { heads: 1 }),
    /ballots\.counts\[0\]\.heads: must not be negative/],
  ['a missing field', { ...schulze, present: undefined }, /^wugong tally: present: missing/],
  ['an unknown preset', { ...schulze, vote: { ...schulze.vote, rule: { preset: 'majority' } } }, /vote\.rule\.preset: unknown preset "majority"/],
  ['an unknown method', { ...schulze, vote: { ...schulze.vote, method: 'borda' } }, /vote\.method: unknown method "borda"/],
];
for (const [name, doc, msg] of bad) {
  test(`malformed input exits 1 naming the problem: ${name}`, () => {
    const r = tally(doc, { raw: typeof doc === 'string' });
    assert.equal(r.code, 1, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, msg);
  });
}

test('no argument or an unreadable file exits 2 with the usage', () => {
  let r = tally(null, { args: ['tally'] });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /usage: wugong/);
  assert.match(r.stderr, /wugong tally FILE/);
  r = tally(null, { args: ['tally', path.join(dir, 'no-such-file.json')] });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot read .*no-such-file\.json/);
  assert.match(r.stderr, /usage: wugong/);
});
