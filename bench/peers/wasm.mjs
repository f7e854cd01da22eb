// Runs jobsift's query benchmark as WebAssembly in headless Chromium and prints one JSON
// line in the shape of bench.mjs's (plus jobsift's totals and tag counts per query).
//
//   node wasm.mjs <jobsift.idx> [--rounds N] [--pkg DIR]
//
// DIR (default target/bench-wasm) holds `wasm-bindgen --target web` output of
// crates/bench-wasm. The page, the module, the index and queries.json are served from
// 127.0.0.1 on a free port; the server and the browser are stopped at the end. The page is
// cross-origin isolated (COOP/COEP headers), which gives performance.now() its fine
// resolution (Chromium coarsens it to 100 µs otherwise, too coarse for sub-millisecond
// queries).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const [indexPath, ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const at = rest.indexOf(name);
  return at >= 0 ? rest[at + 1] : fallback;
};
const rounds = Number(option('--rounds', 5));
const pkg = path.resolve(option('--pkg', path.join(root, 'target/bench-wasm')));
if (!indexPath) {
  console.error('usage: node wasm.mjs <jobsift.idx> [--rounds N] [--pkg DIR]');
  process.exit(2);
}

const files = {
  '/': { file: null, type: 'text/html' },
  '/bench.js': { file: path.join(pkg, 'jobsift_bench_wasm.js'), type: 'text/javascript' },
  '/jobsift_bench_wasm_bg.wasm': { file: path.join(pkg, 'jobsift_bench_wasm_bg.wasm'), type: 'application/wasm' },
  '/jobsift.idx': { file: path.resolve(indexPath), type: 'application/octet-stream' },
  '/queries.json': { file: path.join(here, 'queries.json'), type: 'application/json' },
};
for (const { file } of Object.values(files)) if (file && !fs.existsSync(file)) throw new Error(`missing ${file}`);
const page = '<!doctype html><meta charset="utf-8"><title>jobsift wasm bench</title>';

const server = http.createServer((request, response) => {
  const entry = files[new URL(request.url, 'http://127.0.0.1').pathname];
  if (!entry) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'Content-Type': entry.type,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cache-Control': 'no-store',
  });
  if (entry.file) fs.createReadStream(entry.file).pipe(response);
  else response.end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const tab = await browser.newPage();
  tab.on('pageerror', (error) => console.error('page error:', String(error).slice(0, 500)));
  await tab.goto(`${origin}/`);
  const line = await tab.evaluate(async (rounds) => {
    const bench = await import('/bench.js');
    await bench.default();
    const bytes = new Uint8Array(await (await fetch('/jobsift.idx')).arrayBuffer());
    bench.load(bytes);
    const queries = await (await fetch('/queries.json')).text();
    return { result: bench.run(queries, rounds), isolated: self.crossOriginIsolated };
  }, rounds);
  const result = JSON.parse(line.result);
  result.browser = `Chromium ${browser.version()}`;
  result.cross_origin_isolated = line.isolated;
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  server.close();
}
