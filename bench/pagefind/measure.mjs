// Bytes and requests over the wire until first results, jobsift beside Pagefind, in
// headless Chromium. One local server (127.0.0.1) serves both tools' output the same way:
// every response gzip-compressed (level 6) when the browser asks for it, as most hosts do,
// and single byte ranges answered 206 uncompressed (jobsift's packs; blocks inside are
// compressed at build time), as static hosts and CDNs answer them.
// Bytes are Chromium's transferred body sizes (playwright `request.sizes()`
// .responseBodySize: encoded bytes), summed over every request since navigation.
//
// Every file but the packs is compressed once before the first page opens, as a host
// serving pre-compressed files would send it, so that no request waits on the
// compression (26 MB of core at 1M posts).
//
//   node measure.mjs <jobsift-out-dir> <pagefind-site-dir | -> <query> <tag> <second-query>
// Prints one JSON line per tool; `-` measures jobsift alone (1M posts).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(path.resolve('../peers/package.json'));
const { chromium } = require('playwright-core');
const [jobsiftDir, pagefindDir, query, tag, secondQuery] = process.argv.slice(2);

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.wasm': 'application/wasm', '.idx': 'application/octet-stream', '.pack': 'application/octet-stream',
};
const gzipped = new Map();
const listFiles = (dir) => fs.readdirSync(dir, { recursive: true }).map((name) => path.join(dir, name))
  .filter((file) => fs.statSync(file).isFile());
for (const file of [jobsiftDir, pagefindDir].filter((dir) => dir !== '-').flatMap(listFiles)) {
  // Not the packs (answered by range) nor the pages, which are written below.
  if (path.extname(file) !== '.pack' && path.basename(file) !== 'bench.html') gzipped.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 6 }));
}
const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://x');
  const [, tool, ...rest] = url.pathname.split('/');
  const root = { jobsift: jobsiftDir, pagefind: pagefindDir === '-' ? undefined : pagefindDir }[tool];
  const file = root && path.join(root, ...rest.filter((p) => p && p !== '..'));
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    response.writeHead(404);
    return response.end();
  }
  const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' };
  const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range || '');
  if (range) {
    // Only the range is read, as a static server answers it: a 1M-post board's packs
    // are 16 MiB each and a first page asks for some fifty ranges.
    const size = fs.statSync(file).size;
    const [start, end] = [Number(range[1]), Math.min(Number(range[2]), size - 1)];
    const part = Buffer.alloc(end + 1 - start);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, part, 0, part.length, start);
    fs.closeSync(fd);
    response.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': part.length });
    return response.end(part);
  }
  let body;
  if (/gzip/.test(request.headers['accept-encoding'] || '')) {
    // The file is read only the first time (the pages written after the server started).
    if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 6 }));
    body = gzipped.get(file);
    headers['Content-Encoding'] = 'gzip';
  } else {
    body = fs.readFileSync(file);
  }
  headers['Content-Length'] = body.length;
  response.writeHead(200, headers);
  return response.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// The pages: jobsift with its one script tag (the query and filter in the URL, which the
// widget reads), Pagefind through its JS API, asking for the same number of results (20,
// as jobsift's first page shows) after loading every filter's counts (`pagefind.filters()`,
// what a faceted page shows before the first query), with the filter counts it returns.
fs.writeFileSync(path.join(jobsiftDir, 'bench.html'), `<!doctype html><meta charset="utf-8"><title>jobsift</title>
<script type="module" src="jobsift.js"></script><div id="jobsift"></div>`);
if (pagefindDir !== '-') fs.writeFileSync(path.join(pagefindDir, 'bench.html'), `<!doctype html><meta charset="utf-8"><title>pagefind</title>
<script type="module">
const pagefind = await import('/pagefind/pagefind/pagefind.js');
window.runQuery = async (term, filters) => {
  const search = await pagefind.search(term, { filters });
  const data = await Promise.all(search.results.slice(0, 20).map((result) => result.data()));
  return { total: search.results.length, shown: data.length, filterValues: Object.values(search.filters || {}).reduce((n, values) => n + Object.keys(values).length, 0), at: performance.now() };
};
// The query and filter come from the URL, as jobsift's do, and run on load. A faceted
// page shows every filter with its counts first, as jobsift's panel does.
const params = new URLSearchParams(location.search);
window.firstResults = pagefind.filters()
  .then(() => window.runQuery(params.get('q'), { tags: params.get('tag') }))
  .then((result) => ({ ...result, at: performance.now() }));
</script>`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// First results are timed in the page (ms since navigation started, as
// `performance.now()` counts), when the condition first holds: polling it from here
// added up to 400 ms of the harness's own latency at 1M posts. `harnessMs` is the time
// the harness saw, for comparison.
async function measure(tool, url, firstResults, second) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    // jobsift's results are complete when a card is shown, none waits for its post (a
    // chunked index fetches each card's display fields and snippet text) and none below
    // the window still shows what the last frame showed.
    window.jobsiftResultsComplete = () => document.querySelector('#jobsift[data-jobsift-status="ready"] .jobsift-card')
      && !document.querySelector('.jobsift-card-pending, .jobsift-results-list[data-behind]')
      && document.querySelector('.jobsift-results')?.getAttribute('aria-busy') !== 'true';
    const check = () => (window.jobsiftResultsComplete() ? (window.jobsiftCompleteAt = performance.now()) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  });
  // Per finished request: when it started (ms since the epoch, the clock the harness
  // shares with the browser) and its transferred body bytes.
  const finished = [];
  page.on('requestfinished', (request) => {
    const row = (bytes) => ({ start: request.timing().startTime, bytes });
    finished.push(request.sizes().then((s) => row(s.responseBodySize), () => row(0)));
  });
  const start = Date.now();
  await page.goto(url);
  const { at, ...first } = await firstResults(page);
  const harnessMs = Date.now() - start;
  const firstMs = Math.round(at);
  // Requests count as "to first results" when they started before the page saw the
  // results, not before the harness did: the harness is late by a varying 20-450 ms at 1M
  // posts, in which the widget's prefetch of the next page had added up to 40 requests.
  // (By start, not by end: a block's answer can be reported as ended a moment after the
  // page has used it.) The second query's requests are those started once it is typed and
  // before its results were shown (in the page's time too); the first query's next-page
  // prefetch, started in between, and the second's, started after, are neither's.
  const timeOrigin = await page.evaluate(() => performance.timeOrigin);
  const secondStart = Date.now();
  const { at: secondAt, ...secondResult } = await second(page);
  await page.waitForTimeout(500); // lets requests finishing at the results report in
  const all = await Promise.all(finished);
  const before = all.filter((r) => r.start <= timeOrigin + at);
  const after = all.filter((r) => r.start >= secondStart && r.start <= timeOrigin + secondAt);
  const sum = (rows) => rows.reduce((total, r) => total + r.bytes, 0);
  const [firstRequests, secondRequests] = [before.length, after.length];
  const [firstBytes, secondBytes] = [sum(before), sum(after)];
  await context.close();
  return { tool, first, firstMs, harnessMs, firstBytes, firstRequests, second: secondResult, secondBytes, secondRequests };
}

const countOf = async (page) => Number((await page.textContent('.jobsift-count')).replace(/,/g, '').match(/\d+/)[0]);
const jobsift = await measure('jobsift', `${origin}/jobsift/bench.html?q=${encodeURIComponent(query)}&f.tags=${encodeURIComponent(tag)}`,
  async (page) => {
    // Results are shown when the cards are filled: a chunked index fetches each card's
    // post (and its snippet text) after the counts.
    const at = await page.waitForFunction(() => window.jobsiftCompleteAt, null, { timeout: 120_000 }).then((handle) => handle.jsonValue());
    return { total: await countOf(page), shown: await page.locator('.jobsift-card').count(), at };
  },
  async (page) => {
    const before = await countOf(page);
    // Timed in the page as the first results are: the first frame where the new count is
    // shown and the results are complete.
    await page.evaluate((b) => {
      const complete = () => Number(document.querySelector('.jobsift-count').textContent.replace(/,/g, '').match(/\d+/)[0]) !== b
        && window.jobsiftResultsComplete();
      const check = () => (complete() ? (window.jobsiftSecondAt = performance.now()) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    }, before);
    await page.fill('.jobsift-search-input', secondQuery);
    const at = await page.waitForFunction(() => window.jobsiftSecondAt, null, { timeout: 120_000 }).then((handle) => handle.jsonValue());
    return { total: await countOf(page), at };
  });
const pagefind = pagefindDir === '-' ? undefined : await measure('pagefind',
  `${origin}/pagefind/bench.html?q=${encodeURIComponent(query)}&tag=${encodeURIComponent(tag)}`,
  async (page) => {
    await page.waitForFunction(() => window.firstResults, null, { timeout: 120_000 });
    return page.evaluate(() => window.firstResults);
  },
  async (page) => page.evaluate(([q, t]) => window.runQuery(q, { tags: t }), [secondQuery, tag]));
for (const row of [jobsift, pagefind].filter(Boolean)) console.log(JSON.stringify(row));
await browser.close();
server.close();
