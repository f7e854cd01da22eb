// The bundle on a CDN: a host page on one origin (127.0.0.1:A) embeds the output folder of
// `jobsift build`, served from a second origin (127.0.0.1:B), with the one script tag and
// the Content-Security-Policy the README's hosting guide gives. Checks what the guide
// says: CORS is needed on the CDN (the loader is a module script, fetched in CORS mode),
// an index host without CORS gives a readable error, `.wasm` served with the wrong MIME
// type still loads (wasm-bindgen falls back from streaming compilation, with a console
// warning), and the folder works from a subpath.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { site, launch, openPage, widgetStatus, resultCount, countChange, requestedRange } from './helpers.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.idx': 'application/octet-stream', '.pack': 'application/octet-stream',
};

/**
 * Serves `routes` (URL prefix → folder) on 127.0.0.1 and a free port. `cors` adds
 * `Access-Control-Allow-Origin: *`; `wasmType` overrides the type of `.wasm` files;
 * `headers` are added to every answer.
 */
async function serve(routes, { cors = true, wasmType = TYPES['.wasm'], headers = {} } = {}) {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const prefix = Object.keys(routes).find((p) => pathname.startsWith(p));
    const parts = prefix === undefined ? [] : pathname.slice(prefix.length).split('/').filter((p) => p && p !== '.' && p !== '..');
    const file = prefix === undefined ? null : path.join(routes[prefix], ...parts);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      return response.end('not found');
    }
    const extension = path.extname(file);
    const common = {
      'Content-Type': extension === '.wasm' ? wasmType : TYPES[extension] || 'application/octet-stream',
      'Cache-Control': 'no-cache',
      ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
      ...headers,
    };
    const body = fs.readFileSync(file);
    // One byte range, as CDNs answer the blocks of a chunked index.
    const range = requestedRange(request, body.length);
    if (range) {
      const { start, end } = range;
      response.writeHead(206, { ...common, 'Content-Range': `bytes ${start}-${end}/${body.length}` });
      return response.end(body.subarray(start, end + 1));
    }
    response.writeHead(200, common);
    return response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** The policy a host page needs for a bundle on `cdn` (the README's hosting guide). */
function policyFor(cdn) {
  return `default-src 'self'; script-src 'self' ${cdn} 'wasm-unsafe-eval'; style-src 'self' ${cdn}; connect-src 'self' ${cdn}`;
}

function hostPage(src, { index } = {}) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A board on another origin</title>
  <script type="module" src="${src}"${index ? ` data-index="${index}"` : ''} data-today="2020-10-31"></script>
</head>
<body>
  <main><h1>Jobs</h1><div id="jobsift"><p class="host-fallback">The host page's own job list.</p></div></main>
</body>
</html>
`;
}

const folder = site();
let hostDir;
let browser;
const servers = [];
let cdn; // the folder at / and at /jobs/search/, with CORS
let bareCdn; // the same folder without CORS
let octetCdn; // with CORS, .wasm served as application/octet-stream
let host;

before(async () => {
  hostDir = fs.mkdtempSync(path.join(path.dirname(folder), 'jobsift-host-'));
  cdn = await serve({ '/jobs/search/': folder, '/': folder });
  bareCdn = await serve({ '/': folder }, { cors: false });
  octetCdn = await serve({ '/': folder }, { wasmType: 'application/octet-stream' });
  servers.push(cdn, bareCdn, octetCdn);
  const pages = {
    'cdn.html': [hostPage(`${cdn.origin}/jobsift.js`), cdn],
    'subpath.html': [hostPage(`${cdn.origin}/jobs/search/jobsift.js`), cdn],
    'bare-cdn.html': [hostPage(`${bareCdn.origin}/jobsift.js`), bareCdn],
    'bare-index.html': [hostPage(`${cdn.origin}/jobsift.js`, { index: `${bareCdn.origin}/jobsift.idx` }), cdn],
    'octet-wasm.html': [hostPage(`${octetCdn.origin}/jobsift.js`), octetCdn],
  };
  for (const [name, [html]] of Object.entries(pages)) fs.writeFileSync(path.join(hostDir, name), html);
  // One host origin; each page gets the policy for the CDN it names.
  const policies = Object.fromEntries(Object.entries(pages).map(([name, [, server]]) => [name, server.origin]));
  host = http.createServer((request, response) => {
    const name = new URL(request.url, 'http://x').pathname.slice(1);
    if (name === 'favicon.ico') {
      response.writeHead(204);
      return response.end();
    }
    if (!policies[name]) {
      response.writeHead(404);
      return response.end();
    }
    const cdnOrigins = name === 'bare-index.html' ? `${cdn.origin} ${bareCdn.origin}` : policies[name];
    response.writeHead(200, { 'Content-Type': TYPES['.html'], 'Content-Security-Policy': policyFor(cdnOrigins) });
    return response.end(fs.readFileSync(path.join(hostDir, name)));
  });
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (host ? host.close(resolve) : resolve()));
  await Promise.all(servers.map((s) => s.stop()));
  if (hostDir) fs.rmSync(hostDir, { recursive: true, force: true });
});

const open = (name) => openPage(browser, `http://127.0.0.1:${host.address().port}/${name}`);

/** Types a query and ticks the first tag: both must narrow the results. */
async function searchAndFilter(page) {
  const total = await resultCount(page);
  assert.ok(total > 1000, `the whole corpus, saw ${total}`);
  await page.fill('.jobsift-search-input', 'data');
  const matching = await countChange(page, total);
  assert.ok(matching < total, `"data" narrows: ${matching} of ${total}`);
  const tag = await page.$eval('#jobsift1-facet-tags input[data-value]', (input) => input.dataset.value);
  await page.check(`#jobsift1-facet-tags input[data-value="${tag}"]`);
  const tagged = await countChange(page, matching);
  assert.ok(tagged < matching, `the tag "${tag}" narrows: ${tagged} of ${matching}`);
}

test('a bundle on another origin with CORS loads under the host page\'s CSP, and search and facets work', async () => {
  const { page, context, problems } = await open('cdn.html');
  const packs = [];
  page.on('response', (response) => { if (response.url().endsWith('.pack')) packs.push(response.status()); });
  assert.equal(await widgetStatus(page), 'ready');
  await searchAndFilter(page);
  // The real board is chunked: its blocks came as cross-origin byte ranges.
  await page.waitForFunction(() => !document.querySelector('.jobsift-card-pending'));
  assert.ok(packs.length > 0 && packs.every((status) => status === 206), `pack answers: ${packs}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the folder also works from a subpath of the other origin', async () => {
  const { page, context, problems } = await open('subpath.html');
  assert.equal(await widgetStatus(page), 'ready');
  await searchAndFilter(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without CORS on the CDN the module is blocked: the host page keeps its own content', async () => {
  const { page, context, messages } = await open('bare-cdn.html');
  // The loader never runs, so there is no widget state to wait for: wait for the refusal.
  const deadline = Date.now() + 10_000;
  while (!messages.some((m) => /blocked by CORS policy/.test(m)) && Date.now() < deadline) await page.waitForTimeout(50);
  assert.ok(messages.some((m) => /blocked by CORS policy/.test(m)), messages.join('\n'));
  assert.equal(await page.getAttribute('#jobsift', 'data-jobsift-status'), null);
  assert.equal(await page.textContent('.host-fallback'), "The host page's own job list.");
  await context.close();
});

test('an index on a host without CORS gives a readable error, not a blank widget', async () => {
  const { page, context } = await open('bare-index.html');
  assert.equal(await widgetStatus(page), 'error');
  const alert = await page.textContent('.jobsift-error[role="alert"]');
  console.log(`# bare-index.html: ${alert}`);
  assert.match(alert, new RegExp(`${bareCdn.origin.replace(/[.]/g, '\\.')}/jobsift\\.idx`));
  await context.close();
});

test('.wasm served as application/octet-stream still loads, with a console warning', async () => {
  const { page, context, messages } = await open('octet-wasm.html');
  assert.equal(await widgetStatus(page), 'ready');
  assert.ok(await resultCount(page) > 1000);
  const warning = messages.find((m) => /^warning: .*application\/wasm/i.test(m));
  assert.ok(warning, `a warning about the MIME type in:\n${messages.join('\n')}`);
  console.log(`# octet-wasm.html: ${warning.slice(0, 160)}`);
  await context.close();
});
