// Writes a wugong-tally/1 file of N ranked ballots over K options (random
// full rankings, one entry per ballot) for bench/votes.sh.
//   node bench/ranked_file.mjs N K > FILE
const n = Number(process.argv[2] || 1000000), k = Number(process.argv[3] || 10);
let seed = 12345;
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const out = process.stdout;
const options = Array.from({ length: k }, (_, i) => `"option ${i}"`).join(',');
out.write(`{"format":"wugong-tally/1","vote":{"id":"bench","title":"bench","method":"ranked","options":[${options}],` +
  `"rule":{"preset":"simple_majority"}},"electorate":{"heads":${n}},"present":{"heads":${n}},"ballots":{"rankings":[\n`);
const perm = Array.from({ length: k }, (_, i) => i);
let chunk = [];
for (let b = 0; b < n; b++) {
  for (let i = k - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [perm[i], perm[j]] = [perm[j], perm[i]]; }
  chunk.push(`{"ranking":[${perm.join(',')}]}`);
  if (chunk.length === 10000 || b === n - 1) {
    out.write(chunk.join(',\n') + (b === n - 1 ? '\n' : ',\n'));
    chunk = [];
  }
}
out.write(']}}\n');
