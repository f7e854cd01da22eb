// Turns run.sh's results.jsonl into the markdown tables of BENCHMARKS.md, and cross-checks
// the hits per query: jobsift native and wasm must agree (exit 1 if not); each peer's
// totals are compared with jobsift's and the differences listed (the libraries tokenize,
// stem and forgive typos differently, so they are reported, not failed on).
import { readFileSync } from 'node:fs';

const here = new URL('.', import.meta.url);
const { queries } = JSON.parse(readFileSync(new URL('queries.json', here), 'utf8'));
const lines = readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const sizes = [...new Set(lines.map((l) => l.size))];
const peers = ['minisearch', 'orama', 'itemsjs'];
const libraries = ['jobsift-native', 'jobsift-wasm', ...peers];
const find = (size, lib) => lines.find((l) => l.size === size && l.result.library === lib)?.result;
const wasmBrowser = lines.map((l) => l.result).find((r) => r.library === 'jobsift-wasm' && r.browser)?.browser;
const names = {
  'jobsift-native': 'jobsift native',
  'jobsift-wasm': `jobsift wasm (${wasmBrowser ?? 'Chromium'})`,
  minisearch: 'MiniSearch 7.2.0',
  orama: 'Orama 3.1.18',
  itemsjs: 'ItemsJS 2.4.4',
};
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toFixed(3));
const measured = (r) => r && !r.failed && !r.skipped && !r.not_run && r.timed_samples > 0;
// The peers' lines do not carry their rounds; they ran as many as jobsift at that size.
const cell = (r, size) => {
  if (r && r.not_run) return 'not run in this run';
  if (r && r.skipped) return 'not run (index build too slow at this size)';
  if (!r) return 'no result (run stopped before)';
  if (r.failed) return 'failed (out of memory or error)';
  if (r.timed_samples === 0) return `not finished (warm-up over the budget; index ${fmt(r.build_ms / 1000)} s)`;
  const partial = r.complete ? '' : ` (${r.timed_samples} of ${r.queries * (find(size, 'jobsift-native')?.rounds ?? 0) || '?'} samples in budget)`;
  return `${fmt(r.p50_ms)} / ${fmt(r.p95_ms)} ms${partial}`;
};

console.log('Query + tag filter + facet counts (tags disjunctive, org, remote, type), 10 hits, p50 / p95 over '
  + `${queries.length} queries × rounds (50 at the real corpus, 5 at 10k, 3 at 100k) after one warm-up pass; peers in node ${process.version}`);
console.log('');
console.log(`| library | ${sizes.map((s) => `${s} (${find(s, 'jobsift-native')?.posts ?? '?'} posts)`).join(' | ')} |`);
console.log(`|---|${sizes.map(() => '---').join('|')}|`);
for (const lib of libraries) console.log(`| ${names[lib]} | ${sizes.map((s) => cell(find(s, lib), s)).join(' | ')} |`);
console.log('');
for (const size of sizes) {
  const wasm = find(size, 'jobsift-wasm');
  const timedPeers = peers.map((lib) => find(size, lib)).filter(measured);
  if (!measured(wasm) || timedPeers.length === 0) {
    console.log(`- ${size}: no comparison (${measured(wasm) ? 'no peer measured' : 'no wasm result'})`);
    continue;
  }
  const fastest = timedPeers.reduce((a, b) => (b.p50_ms < a.p50_ms ? b : a));
  const partial = fastest.complete ? '' : `, ${fastest.timed_samples} samples only`;
  // "2.0× faster" or, when jobsift is the slower one, "1.8× slower": never "0.6× faster".
  const ratio = (peer, ours) => (peer >= ours ? `${(peer / ours).toFixed(1)}× faster than` : `${(ours / peer).toFixed(1)}× slower than`);
  console.log(`- ${size}: jobsift wasm p50 is ${ratio(fastest.p50_ms, wasm.p50_ms)} the fastest peer `
    + `(${names[fastest.library]}, p50 ${fmt(fastest.p50_ms)} ms${partial}); p95 ${ratio(fastest.p95_ms, wasm.p95_ms)} it`);
}

const loads = lines.map((l) => l.load).filter(Boolean);
if (loads.length) {
  const ones = loads.map((l) => Number(l.split(' ')[0]));
  console.log('');
  console.log(`Load average (1 min) just before each library ran: ${Math.min(...ones).toFixed(2)} to ${Math.max(...ones).toFixed(2)}.`);
}

const peerRows = (size) => peers.map((lib) => find(size, lib)).filter((r) => r && !r.failed && !r.skipped && !r.not_run);
console.log('');
console.log('Index build in node (ms) and heap after the run (MB); jobsift: index decode in the reader (ms) and index file (MB):');
console.log('');
console.log(`| library | ${sizes.join(' | ')} |`);
console.log(`|---|${sizes.map(() => '---').join('|')}|`);
for (const lib of libraries) {
  console.log(`| ${names[lib]} | ${sizes.map((s) => {
    const r = find(s, lib);
    if (!r || r.failed) return 'failed';
    if (r.skipped || r.not_run) return 'not run';
    if (lib.startsWith('jobsift')) return `decode ${Math.round(r.decode_ms)} ms, ${(r.index_bytes / 1e6).toFixed(1)} MB`;
    return `${r.build_ms} ms, ${r.heap_mb} MB`;
  }).join(' | ')} |`);
}

// The cross-check.
const label = (i) => `"${queries[i].text}"${queries[i].tag ? ` +${queries[i].tag}` : ''}`;
let mismatch = false;
console.log('');
console.log('Hits per query (warm-up pass), compared with jobsift native:');
console.log('');
for (const size of sizes) {
  const native = find(size, 'jobsift-native');
  const wasm = find(size, 'jobsift-wasm');
  if (!native?.totals) {
    console.log(`- ${size}: no jobsift native result`);
    continue;
  }
  if (wasm?.totals) {
    const totalsDiffer = queries.map((_, i) => i).filter((i) => native.totals[i] !== wasm.totals[i]);
    const tagsDiffer = queries.map((_, i) => i)
      .filter((i) => JSON.stringify(native.tag_counts?.[i]) !== JSON.stringify(wasm.tag_counts?.[i]));
    if (totalsDiffer.length || tagsDiffer.length) mismatch = true;
    console.log(`- ${size}, jobsift wasm: totals equal to native on ${queries.length - totalsDiffer.length}/${queries.length} queries, `
      + `tag counts on ${queries.length - tagsDiffer.length}/${queries.length}`
      + (totalsDiffer.length || tagsDiffer.length ? ` — MISMATCH on ${[...new Set([...totalsDiffer, ...tagsDiffer])].map(label).join(', ')}` : ''));
  }
  for (const r of peerRows(size)) {
    const seen = (r.totals ?? []).map((t, i) => i).filter((i) => r.totals[i] !== undefined && r.totals[i] !== null);
    const same = seen.filter((i) => r.totals[i] === native.totals[i]);
    const differ = seen.filter((i) => r.totals[i] !== native.totals[i]);
    console.log(`- ${size}, ${names[r.library]}: same total as jobsift on ${same.length}/${seen.length} queries`
      + (seen.length < queries.length ? ` (${seen.length} of ${queries.length} reached in the warm-up)` : '')
      + (differ.length ? `; differs on ${differ.map((i) => `${label(i)} ${r.totals[i]} vs ${native.totals[i]}`).join(', ')}` : ''));
  }
}
console.log('');
console.log('jobsift native totals: ' + sizes.map((s) => `${s} [${(find(s, 'jobsift-native')?.totals ?? []).join(', ')}]`).join('; '));
if (mismatch) {
  console.error('jobsift native and wasm disagree on some queries (see above)');
  process.exit(1);
}
