// Writes a `wugong-tally/1` file of N ranked ballots over K options: full
// random permutations from a fixed seed (the same file every run), one
// ballot per line, with a receipt each, as the platform publishes a
// secret ranked vote.
//   node bench/gen_tally.mjs N K > FILE
const n = Number(process.argv[2] || 1000000);
const k = Number(process.argv[3] || 10);
let seed = 20261129;
const rand = () => { // xorshift32
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed;
};
const out = [];
const flush = () => { process.stdout.write(out.join('')); out.length = 0; };
const options = Array.from({ length: k }, (_, i) => `方案${i + 1}`);
out.push(`{"format":"wugong-tally/1","vote":{"id":"bench","title":"bench","method":"ranked",` +
  `"options":${JSON.stringify(options)},"counting":"online","rule":{"preset":"simple_majority"}},` +
  `"electorate":{"heads":${n}},"present":{"heads":${n}},"ballots":{"rankings":[\n`);
const perm = Array.from({ length: k }, (_, i) => i);
for (let b = 0; b < n; b++) {
  for (let i = k - 1; i > 0; i--) {
    const j = rand() % (i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  out.push(`{"ranking":[${perm.join(',')}],"receipt":"r${b.toString(36)}"}${b + 1 < n ? ',' : ''}\n`);
  if (out.length >= 10000) flush();
}
out.push(']}}\n');
flush();
