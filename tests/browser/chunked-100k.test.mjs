// A chunked index of 100,000 generated posts (crates/synth, seed 1), built by the CLI
// and served with byte ranges under the strict CSP. The widget's answers must equal
// `jobsift query` on the same folder (typing, a facet, the salary sort, show more, a
// URL round trip), fetched a block at a time; a host that ignores ranges still works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repo, run, jobsiftBin, testPage, startServer, launch, openPage, widgetStatus, resultCount, countChange } from './helpers.mjs';

const profile = process.env.JOBSIFT_CARGO_PROFILE || 'release';
let siteDir;
let packBytes = 0;
let servers = [];
let browser;

before(async () => {
  // Generated once into target/synth (kept between runs), then indexed with the CLI.
  run('cargo', ['run', '--quiet', '--profile', profile, '-p', 'jobsift-bench', '--', 'generate', '--size', '100k']);
  const posts = path.join(process.env.CARGO_TARGET_DIR || path.join(repo, 'target'), 'synth', '100k-1');
  siteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobsift-100k-'));
  const summary = run(jobsiftBin, ['build', posts, '--out', siteDir]);
  assert.match(summary, /100000 posts indexed/);
  assert.match(summary, /chunked: \d+ packs/);
  fs.writeFileSync(path.join(siteDir, 'test-100k.html'), testPage('jobsift.idx', { fallback: false }));
  for (const name of fs.readdirSync(siteDir)) {
    if (name.endsWith('.pack')) packBytes += fs.statSync(path.join(siteDir, name)).size;
  }
  servers = [await startServer(siteDir, { csp: true }), await startServer(siteDir, { csp: true, ranges: false })];
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const server of servers) server.stop();
  if (siteDir) fs.rmSync(siteDir, { recursive: true, force: true });
});

/** `jobsift query` on the same folder: the oracle. */
function cli(text, ...args) {
  return JSON.parse(run(jobsiftBin, ['query', siteDir, text, '--json', ...args]));
}

/** Opens the page and records every pack request (its Range header and answer size). */
async function open(query = '', server = servers[0]) {
  const opened = await openPage(browser, new URL(`jobs/test-100k.html${query}`, server.url).href);
  opened.packs = [];
  opened.page.on('response', async (response) => {
    if (!response.url().endsWith('.pack')) return;
    const range = response.request().headers().range;
    opened.packs.push({ status: response.status(), range, bytes: Number(response.headers()['content-length'] || 0) });
  });
  assert.equal(await widgetStatus(opened.page), 'ready');
  return opened;
}

/** The titles of the cards once every card's post has arrived. */
async function settledTitles(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll('.jobsift-card').length === n
    && !document.querySelector('.jobsift-card-pending, .jobsift-results-list[data-behind]')
    && document.querySelector('.jobsift-results')?.getAttribute('aria-busy') !== 'true', count, { timeout: 20_000 });
  return page.$$eval('.jobsift-card-title', (titles) => titles.map((t) => t.textContent));
}

test('first results, typing, a facet and the salary sort equal the CLI, fetched by range', async () => {
  const { page, context, problems, packs } = await open();
  assert.equal(await resultCount(page), 100_000);
  assert.deepEqual(await settledTitles(page, 20), cli('', '--sort', 'newest', '--limit', '20').hits.map((h) => h.title));

  await page.click('.jobsift-search-input');
  await page.keyboard.type('data analyst');
  const expected = cli('data analyst', '--limit', '20');
  await page.waitForFunction((n) => document.querySelector('.jobsift-count')?.textContent.replace(/,/g, '').includes(`${n} `), expected.total, { timeout: 20_000 });
  assert.deepEqual(await settledTitles(page, 20), expected.hits.map((h) => h.title));
  assert.ok((await page.locator('.jobsift-snippet .jobsift-mark').count()) > 0, 'snippets arrive and are highlighted');

  const tag = await page.$eval('#jobsift1-facet-tags input[data-value]', (input) => input.dataset.value);
  const before = await resultCount(page);
  await page.check(`#jobsift1-facet-tags input[data-value="${tag}"]`);
  const filtered = cli('data analyst', '--filter', `tags=${tag}`, '--limit', '20');
  assert.equal(await countChange(page, before), filtered.total);
  assert.deepEqual(await settledTitles(page, 20), filtered.hits.map((h) => h.title));

  await page.selectOption('.jobsift-sort select', 'salary');
  const bySalary = cli('data analyst', '--filter', `tags=${tag}`, '--sort', 'salary', '--limit', '20');
  await page.waitForFunction((first) => document.querySelector('.jobsift-card-title')?.textContent === first, bySalary.hits[0].title, { timeout: 20_000 });
  assert.deepEqual(await settledTitles(page, 20), bySalary.hits.map((h) => h.title));

  // Only ranges of the packs were fetched, a small part of them.
  assert.ok(packs.length > 0 && packs.every((p) => p.status === 206 && /^bytes=\d+-\d+$/.test(p.range)), JSON.stringify(packs.slice(0, 3)));
  const fetched = packs.reduce((n, p) => n + p.bytes, 0);
  assert.ok(fetched < packBytes / 20, `fetched ${fetched} of ${packBytes} pack bytes`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('show more and a shared URL give the CLI\'s answers; the next page was prefetched', async () => {
  const { page, context, problems, packs } = await open('?q=organizer&sort=salary');
  const expected = cli('organizer', '--sort', 'salary', '--limit', '40');
  await page.waitForFunction((n) => document.querySelector('.jobsift-count')?.textContent.replace(/,/g, '').includes(`${n} `), expected.total, { timeout: 20_000 });
  assert.deepEqual(await settledTitles(page, 20), expected.hits.slice(0, 20).map((h) => h.title));
  // After a pause the widget fetches the next page's cards; "show more" then asks nothing.
  let before = -1;
  for (let i = 0; i < 50 && before !== packs.length; i++) {
    before = packs.length;
    await page.waitForTimeout(800);
  }
  await page.click('.jobsift-more-button');
  assert.deepEqual(await settledTitles(page, 40), expected.hits.map((h) => h.title));
  assert.equal(packs.length, before, 'show more fetched blocks that should have been prefetched');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a phrase checked against thousands of posts\' text: a bounded number of requests at once, and the CLI\'s answer', async () => {
  // A phrase is checked against the text of every post holding its words, here over two
  // thousand posts spread over the board: a text block each. One request per block, all
  // at once, made Chromium fail them with ERR_INSUFFICIENT_RESOURCES at 10k posts. Each
  // batch of blocks keeps 16 requests out; a second batch (the first page's cards) may
  // overlap it.
  const phrase = '"machine learning"';
  const expected = cli(phrase, '--limit', '20');
  const candidates = cli('machine learning', '--limit', '0').total;
  assert.ok(expected.total > 0 && candidates > 2000, `${expected.total} posts hold the phrase, ${candidates} both words`);
  const { page, context, problems, packs } = await open();
  let inFlight = 0;
  let mostInFlight = 0;
  const settle = (request) => { if (request.url().endsWith('.pack')) inFlight--; };
  page.on('request', (request) => { if (request.url().endsWith('.pack')) mostInFlight = Math.max(mostInFlight, ++inFlight); });
  page.on('requestfinished', settle);
  page.on('requestfailed', settle);
  await page.fill('.jobsift-search-input', phrase);
  await page.waitForFunction((n) => document.querySelector('.jobsift-count')?.textContent.replace(/,/g, '').includes(`${n} `), expected.total, { timeout: 60_000 });
  assert.deepEqual(await settledTitles(page, expected.hits.length), expected.hits.map((h) => h.title));
  assert.ok(packs.length > 1000, `${packs.length} pack requests`);
  assert.ok(mostInFlight <= 32, `${mostInFlight} pack requests at once`);
  assert.ok(packs.every((p) => p.status === 206), JSON.stringify(packs.filter((p) => p.status !== 206).slice(0, 3)));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a host that ignores Range requests still serves a working search', async () => {
  // Browsing needs only the first posts' display block: one pack, answered whole.
  const { page, context, problems, packs } = await open('?sort=newest', servers[1]);
  assert.equal(await resultCount(page), 100_000);
  assert.deepEqual(await settledTitles(page, 20), cli('', '--sort', 'newest', '--limit', '20').hits.map((h) => h.title));
  assert.ok(packs.length > 0 && packs.every((p) => p.status === 200), `whole packs were answered: ${JSON.stringify(packs)}`);
  assert.deepEqual(problems, []);
  await context.close();
});
