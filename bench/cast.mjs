// Casts one ballot per seeded resident (bench/votes.sh): N distinct sessions,
// C requests in flight, and prints the rate.
//   node bench/cast.mjs BASE VOTE_ID TOKENS_FILE [CONCURRENCY]
import fs from 'node:fs';

const [base, voteId, file, conc = '32'] = process.argv.slice(2);
const voters = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(' '));
let next = 0, ok = 0, bad = 0;
const t0 = process.hrtime.bigint();
async function worker() {
  while (next < voters.length) {
    const [token, csrf] = voters[next++];
    const r = await fetch(`${base}/api/v1/votes/${voteId}/ballot`, {
      method: 'PUT',
      headers: { cookie: `wg_sid=${token}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ options: [next % 3 === 0 ? 1 : 0] }),
    });
    await r.arrayBuffer();
    if (r.status === 201) ok++; else bad++;
  }
}
await Promise.all(Array.from({ length: Number(conc) }, worker));
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`cast ${ok} ballots (${bad} refused) in ${s.toFixed(2)} s: ${Math.round(ok / s)} ballots/s with ${conc} in flight`);
if (bad) process.exit(1);
