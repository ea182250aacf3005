// Turns the figures of one bench/run.sh run ("name value" lines) into one
// table (each figure, its target from issue 5, its ratio to the in-run
// ceiling, met or missed by how much) and a JSON file. Exits 1 when a figure
// is missing or not a number: that is what `make bench-smoke` checks (the
// values themselves are never checked by a test).
//   node bench/report.mjs RESULTS OUT.json SCALE DB COMMUNITIES SECONDS
import fs from 'node:fs';
import os from 'node:os';

const [resFile, outFile, scale, db, communities, seconds] = process.argv.slice(2);
const raw = {};
for (const line of fs.readFileSync(resFile, 'utf8').split('\n')) {
  const m = line.match(/^(\S+) (.*)$/);
  if (m) raw[m[1]] = m[2].trim() === '' ? null : Number(m[2]);
}
const ceiling = raw.ceiling_rps;
// name, label, unit, target: {min | max | minRatio}, ratio to the ceiling shown
const figures = [
  ['gen_seconds', 'dataset generation', 's'],
  ['report_gen_seconds', '  of which a year of problem reports', 's'],
  ['ceiling_rps', 'ceiling: GET /healthz', 'req/s', null, true],
  ['page_rps', 'GET matter page (HTML)', 'req/s', { minRatio: 0.30 }, true],
  ['page_p50_ms', '  p50 (closed loop, 32 conns)', 'ms'],
  ['page_p99_ms', '  p99 (closed loop, 32 conns)', 'ms'],
  ['list_rps', 'GET matter list API, filtered', 'req/s', { minRatio: 0.50 }, true],
  ['list_p50_ms', '  p50 (closed loop, 32 conns)', 'ms'],
  ['list_p99_ms', '  p99 (closed loop, 32 conns)', 'ms'],
  ['search_rps', 'GET search API, 樓道 in the community', 'req/s', { minRatio: 0.30 }, true],
  ['search_p50_ms', '  p50 (closed loop, 32 conns)', 'ms'],
  ['search_p99_ms', '  p99 (closed loop, 32 conns)', 'ms'],
  ['statement_rps', 'GET points statement page, 10,000 transactions', 'req/s', null, true],
  ['statement_p50_ms', '  p50 (closed loop, 32 conns)', 'ms'],
  ['statement_p99_ms', '  p99 (closed loop, 32 conns)', 'ms'],
  // problem reports (co-managing): the list targets are the matter list's and page's
  ['report_list_rps', `GET report list API, ${fmt(raw.report_list_reports)} reports in the community`, 'req/s', { minRatio: 0.50 }, true],
  ['report_list_p50_ms', '  p50 (closed loop, 32 conns)', 'ms'],
  ['report_list_p99_ms', '  p99 (closed loop, 32 conns)', 'ms'],
  ['report_list_open_rps', 'GET report list API, open parking reports', 'req/s', { minRatio: 0.50 }, true],
  ['report_list_open_p50_ms', '  p50 (closed loop, 32 conns)', 'ms'],
  ['report_list_open_p99_ms', '  p99 (closed loop, 32 conns)', 'ms'],
  ['report_page_rps', 'GET reports page (HTML), 30 newest', 'req/s', { minRatio: 0.30 }, true],
  ['report_page_p50_ms', '  p50 (closed loop, 32 conns)', 'ms'],
  ['report_page_p99_ms', '  p99 (closed loop, 32 conns)', 'ms'],
  ['rates_street_ms', `three rates of the street, a year by category (${fmt(raw.rates_street_received)} reports), median`, 'ms'],
  ['rates_street_month_ms', '  the same by month', 'ms'],
  ['rates_community_ms', `three rates of the community, by category (${fmt(raw.rates_community_received)} reports)`, 'ms'],
  ['dashboard_street_ms', `dashboard of the street, every figure over ${fmt(raw.dashboard_street_households)} households, API, median`, 'ms'],
  ['dashboard_street_page_ms', '  the same as the page (SVG)', 'ms'],
  ['dashboard_community_ms', 'dashboard of the community, API', 'ms'],
  ['export_xlsx_ms', `export of ${fmt(raw.export_xlsx_rows)} reports as XLSX (one GET, to the last byte)`, 'ms'],
  ['export_xlsx_mb', '  the file', 'MB'],
  ['export_xlsx_rss_before_mb', '  server RSS before', 'MB'],
  ['export_xlsx_peak_mb', '  server peak RSS during it (VmHWM)', 'MB'],
  ['export_csv_ms', `export of ${fmt(raw.export_csv_rows)} reports as CSV`, 'ms'],
  ['export_csv_mb', '  the file', 'MB'],
  ['export_csv_peak_mb', '  server peak RSS during it (VmHWM)', 'MB'],
  ['search_index_seconds', 'search index of every record, built', 's'],
  ['ballot_rps', 'durable ballots (PUT), 1 per resident', '/s', db === 'sqlite' ? { min: 20000 } : null, true],
  ['support_rps', 'durable supports (PUT), 1 per resident', '/s', null, true],
  ['signup_rps', 'durable shift sign-ups (POST), 1 per resident, 1,000 places', '/s', null, true],
  ['report_rps', 'durable problem reports (POST), 1 per resident', '/s', null, true],
  ['list_half_p50_ms', 'list API at half max, open loop p50', 'ms'],
  ['list_half_p99_ms', 'list API at half max, open loop p99', 'ms', { max: 10 }],
  ['page_half_p99_ms', 'page at half max, open loop p99', 'ms', { max: 10 }],
  ['rss_start_mb', 'server RSS after start', 'MB'],
  ['rss_idle_mb', `server RSS, ${raw.idle_connections ?? '?'} idle keep-alive conns`, 'MB', { max: 150 }],
  ['photo_noise_ms', 'photo: 6 MB 8 MP JPEG of noise, decoded to 1,600 px', 'ms'],
  ['photo_noise_ms_per_mb', '  per MB uploaded', 'ms'],
  ['photo_smooth_ms', 'photo: 8 MP JPEG of a smooth scene', 'ms'],
  ['photo_ms_per_mp', '  per megapixel', 'ms'],
  ['tally_run_ms', 'Schulze tally_run, 1M x 10 (median of 5)', 'ms', { max: 1000 }],
  ['tally_cli_ms', 'wugong tally FILE end to end', 'ms'],
  ['report_escalate_ms', `escalation job: ${fmt(raw.report_escalate_n)} overdue reports, one pass`, 'ms'],
  ['report_escalate_per_s', '  reports escalated per second', '/s'],
  ['roster_dry_ms', `roster import: ${fmt(raw.roster_households)} households (${fmt(raw.roster_rows)} rows of CSV), the dry run`, 'ms'],
  ['roster_apply_ms', '  the apply, one transaction', 'ms'],
  ['roster_reimport_ms', `  the same file again: a dry run planning ${fmt(raw.roster_reimport_changes)} changes`, 'ms'],
  ['roster_peak_mb', '  server peak RSS over the three (VmHWM)', 'MB'],
  ['pb_run_ms', `Equal Shares + Add1 + fill, ${scale === 'smoke' ? '5,000' : '100,000'} voters x 200 projects (median of 3)`, 'ms'],
];
function fmt(v) {
  return v == null || Number.isNaN(v) ? '—' : Math.abs(v) >= 100 || Number.isInteger(v) ? Math.round(v).toLocaleString('en') : v.toFixed(2);
}
const missing = [];
const out = { scale, db, communities: Number(communities), seconds_per_figure: Number(seconds),
  when: new Date().toISOString(), cores: os.cpus().length, figures: {}, raw };
const rows = [['figure', 'value', 'unit', 'target', 'x ceiling', 'status']];
for (const [name, label, unit, target, showRatio] of figures) {
  const v = raw[name];
  if (v == null || Number.isNaN(v)) missing.push(name);
  const ratio = showRatio && ceiling ? v / ceiling : null;
  let tText = '', status = '';
  if (target && v != null && !Number.isNaN(v)) {
    let met, by;
    if (target.minRatio != null) {
      tText = `>= ${target.minRatio * 100}% ceil`;
      met = ratio >= target.minRatio;
      by = `${((target.minRatio - ratio) * 100).toFixed(0)} points (${((1 - ratio / target.minRatio) * 100).toFixed(0)}%)`;
    } else if (target.min != null) {
      tText = `>= ${target.min.toLocaleString('en')}`;
      met = v >= target.min;
      by = `${Math.round(target.min - v).toLocaleString('en')} ${unit} (${((1 - v / target.min) * 100).toFixed(0)}%)`;
    } else {
      tText = `< ${target.max}`;
      met = v < target.max;
      by = `${fmt(v - target.max)} ${unit} (${((v / target.max - 1) * 100).toFixed(0)}%)`;
    }
    status = met ? 'met' : `MISSED by ${by}`;
  }
  out.figures[name] = { label: label.trim(), value: v ?? null, unit, target: tText || null,
    ratio_to_ceiling: ratio == null ? null : Number(ratio.toFixed(3)), status: status || null };
  rows.push([label, fmt(v), unit, tText, ratio == null ? '' : `${(ratio * 100).toFixed(0)}%`, status]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
const pad = (s, w, right) => (right ? ' '.repeat(w - [...s].length) + s : s + ' '.repeat(w - [...s].length));
console.log(`wugong bench: ${scale}, ${communities} communities, ${db}, ${seconds} s per figure, ${os.cpus().length} cores`);
rows.forEach((r, k) => {
  console.log(r.map((c, i) => pad(c, widths[i], i === 1 || i === 4)).join('  '));
  if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
});
const rowsLine = ['place', 'person', 'matter', 'comment', 'matter_support', 'opinion', 'vote_ballot', 'session', 'report',
  'report_rating', 'volunteer_signup', 'points_txn', 'satisfaction_response']
  .map((k) => `${k} ${fmt(raw[`rows_${k}`])}`).join(', ');
console.log(`rows: ${rowsLine}`);
out.missing = missing;
fs.writeFileSync(outFile, JSON.stringify(out, null, 2) + '\n');
console.log(`written: ${outFile}`);
if (missing.length) {
  console.log(`BENCH missing figures: ${missing.join(' ')}`);
  process.exit(1);
}
console.log('BENCH all figures produced');
