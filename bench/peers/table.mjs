// Turns run.sh's results.jsonl into the markdown tables of BENCHMARKS.md.
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const sizes = [...new Set(lines.map((l) => l.size))];
const libraries = ['minisearch', 'orama', 'itemsjs'];
const names = { minisearch: 'MiniSearch 7.2.0', orama: 'Orama 3.1.18', itemsjs: 'ItemsJS 2.4.4' };
const cell = (r) => {
  if (r && r.skipped) return 'not run (index build too slow at this size)';
  if (!r || r.failed) return 'failed (out of memory or error)';
  if (r.timed_samples === 0) return `not finished (warm-up over the budget; index ${fmt(r.build_ms / 1000)} s)`;
  const partial = r.complete ? '' : ` (${r.timed_samples} samples in budget)`;
  return `${fmt(r.p50_ms)} / ${fmt(r.p95_ms)} ms${partial}`;
};
const fmt = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const find = (size, lib) => lines.find((l) => l.size === size && l.result.library === lib)?.result;

console.log('Query + tag filter + facet counts (tags disjunctive, org, remote, type), p50 / p95, node ' + process.version);
console.log('');
console.log(`| library | ${sizes.join(' | ')} |`);
console.log(`|---|${sizes.map(() => '---').join('|')}|`);
for (const lib of libraries) console.log(`| ${names[lib]} | ${sizes.map((s) => cell(find(s, lib))).join(' | ')} |`);
console.log('| jobsift native | ' + sizes.map(() => '(engine bench)').join(' | ') + ' |');
console.log('| jobsift wasm (Chromium) | ' + sizes.map(() => '(engine bench)').join(' | ') + ' |');
console.log('');
console.log('Index build in node (ms) and heap after the run (MB):');
console.log('');
console.log(`| library | ${sizes.join(' | ')} |`);
console.log(`|---|${sizes.map(() => '---').join('|')}|`);
for (const lib of libraries) {
  console.log(`| ${names[lib]} | ${sizes.map((s) => { const r = find(s, lib); return r && r.skipped ? 'not run' : r && !r.failed ? `${r.build_ms} ms, ${r.heap_mb} MB` : 'failed'; }).join(' | ')} |`);
}
console.log('');
console.log('Hits per query (warm-up pass), to compare what each library matched:');
console.log('');
for (const size of sizes) {
  const rows = libraries.map((lib) => find(size, lib)).filter((r) => r && !r.failed && !r.skipped);
  console.log(`${size}: ` + rows.map((r) => `${r.library} [${(r.totals ?? []).join(', ')}]`).join('; '));
}
