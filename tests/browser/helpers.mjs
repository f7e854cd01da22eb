// Shared set-up for the Chromium tests: a site folder with the real built bundle and
// real indexes, a local server (127.0.0.1, stopped by PID), and headless Chromium.
import { before, after } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { brokenIndexes } from './broken-indexes.mjs';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = process.env.JOBSIFT_CORPUS || path.resolve(repo, '../shared/corpus');
const dist = process.env.JOBSIFT_WIDGET_DIST || path.join(repo, 'target/widget-dist');
export const jobsiftBin = process.env.JOBSIFT_BIN || path.join(repo, 'target/release/jobsift');
/** Tests pin "today" so that "posted within" and "hide expired" do not drift. */
export const TODAY = '2020-10-31';

export function run(command, args) {
  return execFileSync(command, args, { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 }).toString();
}

/**
 * Whether the CLI in target/release has the `build` command and embeds the current
 * bundle: a binary older than target/widget-dist would serve a stale widget.
 */
function cliCanBuild() {
  try {
    const manifest = path.join(dist, 'manifest.txt');
    if (fs.existsSync(manifest) && fs.statSync(jobsiftBin).mtimeMs < fs.statSync(manifest).mtimeMs) {
      console.log(`# ${jobsiftBin} is older than ${dist}; using the bundle and build_test_index instead`);
      return false;
    }
    run(jobsiftBin, ['build', '--help']);
    return true;
  } catch {
    return false;
  }
}

function buildIndex(outFile, inputs, { config } = {}) {
  // The profile the test run built with (scripts/test.sh uses "ci"), so nothing is rebuilt.
  const profile = process.env.JOBSIFT_CARGO_PROFILE || 'release';
  const configArgs = config ? ['--config', config] : [];
  run('cargo', ['run', '--quiet', '--profile', profile, '-p', 'jobsift-widget', '--example', 'build_test_index', '--', ...configArgs, outFile, ...inputs]);
}

let siteDir;
/**
 * A folder as `jobsift build --out` makes it (bundle + jobsift.idx of the real corpus),
 * plus fixture indexes (hostile posts, a corrupt file) and one test page per index.
 * Built once per test process.
 */
export function site() {
  if (siteDir) return siteDir;
  siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobsift-site-'));
  // Each test file's process builds its own (megabytes; CI machines keep /tmp).
  process.on('exit', () => fs.rmSync(siteDir, { recursive: true, force: true }));
  const corpusPosts = path.join(corpus, 'progressivedatajobs');
  if (cliCanBuild()) {
    run(jobsiftBin, ['build', corpusPosts, '--out', siteDir]);
  } else {
    const manifest = path.join(dist, 'manifest.txt');
    if (!fs.existsSync(manifest)) throw new Error(`no widget bundle in ${dist}: run scripts/build-widget.sh`);
    for (const name of fs.readFileSync(manifest, 'utf8').trim().split('\n')) {
      fs.copyFileSync(path.join(dist, name), path.join(siteDir, name));
    }
    buildIndex(path.join(siteDir, 'jobsift.idx'), [corpusPosts]);
  }
  buildIndex(path.join(siteDir, 'hostile.idx'), [path.join(repo, 'tests/browser/fixtures/hostile')]);
  // A real index with damage in the middle: the frame's checksums must catch it.
  const real = fs.readFileSync(path.join(siteDir, 'jobsift.idx'));
  const corrupt = Buffer.from(real);
  for (let i = Math.floor(corrupt.length / 2); i < Math.floor(corrupt.length / 2) + 64; i++) corrupt[i] ^= 0xa5;
  fs.writeFileSync(path.join(siteDir, 'corrupt.idx'), corrupt);
  fs.writeFileSync(path.join(siteDir, 'not-an-index.idx'), '<!doctype html><title>Not found</title>');
  // The same board as one file, for the leak test: a chunked index keeps the blocks it
  // fetched, which would read as growth.
  buildIndex(path.join(siteDir, 'real-single.idx'), [corpusPosts]);
  // The same board with its "vendor" tags merged into "vendors" by the config.
  fs.writeFileSync(path.join(siteDir, 'aliases.toml'), '[tags.aliases]\nvendor = "vendors"\n');
  buildIndex(path.join(siteDir, 'aliases.idx'), [corpusPosts], { config: path.join(siteDir, 'aliases.toml') });
  for (const [page, index] of [['real', 'jobsift.idx'], ['real-single', 'real-single.idx'], ['aliases', 'aliases.idx'], ['hostile', 'hostile.idx'], ['corrupt', 'corrupt.idx'],
    ['missing', 'no-such-file.idx'], ['html', 'not-an-index.idx']]) {
    fs.writeFileSync(path.join(siteDir, `test-${page}.html`), testPage(index));
  }
  // The OWASP payload corpus (fixtures/xss/_posts, see fixtures/xss/README.md).
  buildIndex(path.join(siteDir, 'xss.idx'), [path.join(repo, 'tests/browser/fixtures/xss/_posts')]);
  fs.writeFileSync(path.join(siteDir, 'test-xss.html'), testPage('xss.idx'));
  // Damaged copies of the real index (broken-indexes.mjs): broken-<name>.idx, test-broken-<name>.html.
  for (const { name, bytes } of brokenIndexes(real)) {
    fs.writeFileSync(path.join(siteDir, `broken-${name}.idx`), bytes);
    fs.writeFileSync(path.join(siteDir, `test-broken-${name}.html`), testPage(`broken-${name}.idx`));
  }
  // Network faults, answered by fault-server.mjs under /jobs/fault/ (the python server
  // answers them 404). The *-bare pages have no host fallback, so the widget's own
  // loading state is visible at once.
  for (const fault of ['status-500', 'slow', 'abort', 'flaky']) {
    fs.writeFileSync(path.join(siteDir, `test-fault-${fault}.html`), testPage(`fault/${fault}.idx`));
    fs.writeFileSync(path.join(siteDir, `test-fault-${fault}-bare.html`), testPage(`fault/${fault}.idx`, { fallback: false }));
  }
  return siteDir;
}

/** The real index of the site folder, as bytes. */
export function realIndex() {
  return fs.readFileSync(path.join(site(), 'jobsift.idx'));
}

export function testPage(index, { fallback = true } = {}) {
  // No inline script or style: the pages are served under the strict CSP.
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>jobsift test page</title>
  <link rel="icon" href="../favicon.svg" type="image/svg+xml">
  <script type="module" src="jobsift.js" data-index="${index}" data-today="${TODAY}"></script>
</head>
<body>
  <main>
    <h1>Jobs</h1>
    <div id="jobsift">${fallback ? '<p class="host-fallback">The host page\'s own job list.</p>' : ''}</div>
  </main>
</body>
</html>
`;
}

/**
 * Serves `dir` at /jobs/ and the demo page at / through scripts/serve-demo.sh; with
 * `ranges: false` it answers Range requests with whole files, as some hosts do.
 */
export async function startServer(dir, { csp = true, ranges = true } = {}) {
  const child = spawn('bash', [path.join(repo, 'scripts/serve-demo.sh'), dir, ...(csp ? ['--csp'] : [])], {
    cwd: repo, env: { ...process.env, PORT: '0', NO_RANGES: ranges ? '' : '1' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, stop: () => { try { process.kill(child.pid); } catch { /* already gone */ } } };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * For a test file: serves the test site under the strict CSP and launches Chromium once
 * (before/after hooks), and returns `open(target, options)`, which opens `target` (a path
 * or a full URL) resolved against that server.
 */
export function servedSiteWithBrowser() {
  let server;
  let browser;
  before(async () => {
    server = await startServer(site(), { csp: true });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.stop();
  });
  return (target, options) => openPage(browser, new URL(target, server.url).href, options);
}

/**
 * Opens a page and collects console errors and CSP violations for later asserts
 * (`problems`), every console message as "type: text" (`messages`) and page errors,
 * uncaught exceptions and unhandled rejections included (`pageErrors`). `init` is a
 * script (function or source) run in each document before its own scripts.
 */
export async function openPage(browser, url, { viewport = { width: 1280, height: 900 }, colorScheme = 'light', init } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const problems = [];
  const messages = [];
  const pageErrors = [];
  page.on('console', (message) => {
    messages.push(`${message.type()}: ${message.text()}`);
    if (message.type() === 'error' && !/jobsift: The (job index|file|server)/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => {
    problems.push(String(error));
    pageErrors.push(String(error));
  });
  await page.goto(url);
  return { page, context, problems, messages, pageErrors };
}

/**
 * The one byte range `request` asks of a body of `size` bytes (`bytes=a-b`, the end
 * clamped, as static hosts answer the blocks of a chunked index), or null for all of it.
 */
export function requestedRange(request, size) {
  const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range || '');
  return range ? { start: Number(range[1]), end: Math.min(Number(range[2]), size - 1) } : null;
}

/** Waits for the widget to settle, returning "ready" or "error". */
export async function widgetStatus(page) {
  await page.waitForSelector('#jobsift[data-jobsift-status]', { timeout: 30_000 });
  const status = await page.getAttribute('#jobsift', 'data-jobsift-status');
  if (status === 'ready') await settled(page);
  return status;
}

/**
 * Waits until the results are final and every card is filled and up to date: the real
 * board's index is chunked, so counts can show before the blocks with the cards' posts
 * have arrived, and cards below the window catch up a frame after new results. The
 * loading status does not count as settled: a page opened from a URL is "ready" while its
 * first answer still waits for blocks, and reading the cards then raced their arrival.
 */
export async function settled(page) {
  await page.waitForFunction(() => document.querySelector('.jobsift-count, .jobsift-status:not(.jobsift-loading)')
    && !document.querySelector('.jobsift-card-pending, .jobsift-results-list[data-behind]')
    && document.querySelector('.jobsift-results')?.getAttribute('aria-busy') !== 'true', null, { timeout: 30_000 });
}

/** The number in "N jobs", its thousands set apart by ",", "." or a space of any width. */
export async function resultCount(page) {
  return page.$eval('.jobsift-count', (el) => Number(el.textContent.replace(/(\d)[.,\s](?=\d{3})/gu, '$1').match(/\d+/)?.[0] ?? NaN));
}

/** Waits until the count differs from `before` and returns it. */
export async function countChange(page, before) {
  await page.waitForFunction((b) => {
    const el = document.querySelector('.jobsift-count');
    return el && Number(el.textContent.replace(/(\d)[.,\s](?=\d{3})/gu, '$1').match(/\d+/)?.[0]) !== b;
  }, before, { timeout: 10_000 });
  await settled(page);
  return resultCount(page);
}
