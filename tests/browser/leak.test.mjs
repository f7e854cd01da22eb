// Memory over many searches on the real corpus: 100 warm-up queries, then 1,000 more
// (words, prefixes, two-word and misspelt queries typed into the search box, with a tag
// facet toggled every 25th query), waiting for each result list to render. Measured after
// the warm-up and at the end: the JS heap after forced garbage collection (DevTools
// protocol) and the wasm linear memory (jobsift.memoryBytes(), which only grows, by 64 KiB
// pages). A leak per query (retained results, listeners, closures, DOM) would break the
// bounds; allocator noise does not. Memory only: nothing here asserts on time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { widgetStatus, servedSiteWithBrowser } from './helpers.mjs';

const open = servedSiteWithBrowser();
const WASM_PAGE = 65536;
const MAX_WASM_GROWTH = 4 * WASM_PAGE;
const MAX_HEAP_GROWTH = 2 * 1024 * 1024;

const WORDS = ['data', 'analyst', 'engineer', 'campaign', 'union', 'remote', 'director', 'manager', 'python', 'sql',
  'organizing', 'digital', 'research', 'fellow', 'senior', 'democratic', 'progressive', 'salesforce', 'tableau', 'field',
  'national', 'state', 'policy', 'communications', 'fundraising', 'volunteer', 'technology', 'developer', 'scientist',
  'strategy', 'analytics', 'voter', 'labor', 'health', 'climate', 'education', 'women', 'justice', 'media', 'email'];

/** The i-th query: cycles through the words, as a whole word, a prefix, two words, a typo. */
function query(i) {
  const word = WORDS[i % WORDS.length];
  switch (Math.floor(i / WORDS.length) % 4) {
    case 0: return word;
    case 1: return word.slice(0, 3);
    case 2: return `${word} ${WORDS[(i * 7 + 3) % WORDS.length]}`;
    default: return word.length > 4 ? word.slice(0, 2) + word[3] + word[2] + word.slice(4) : `${word}s`;
  }
}

/**
 * Runs queries `from`..`to` in the page: types each into the search box (value + input
 * event, as typing does) and waits until the widget has rendered its results; every
 * 25th query ticks or unticks the first tag instead. Also counts renders after which the
 * widget's `jobsift-results` performance mark did not appear (see the last test).
 */
async function runQueries(page, from, to) {
  return page.evaluate(async ({ from, to, queries }) => {
    const marks = () => performance.getEntriesByName('jobsift-results').length;
    // Every state change is written to the URL by an effect that runs after the render
    // has been committed, so a changed URL means the new state is rendered; the real
    // board's index is chunked, so the results are final once no blocks are on their way.
    const busy = () => document.querySelector('.jobsift-results')?.getAttribute('aria-busy') === 'true';
    const settle = (before, what) => new Promise((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if (location.href !== before && !busy()) resolve();
        else if (Date.now() - started > 10_000) reject(new Error(`results did not render after ${what}`));
        else setTimeout(check, 0);
      };
      check();
    });
    let toggles = 0;
    let missedMarks = 0;
    for (let i = from; i < to; i++) {
      const before = location.href;
      const marksBefore = marks();
      const toggle = i % 25 === 24;
      const checked = document.querySelector('#jobsift1-facet-tags input[type=checkbox]:checked');
      const first = document.querySelector('#jobsift1-facet-tags input[type=checkbox]');
      const input = document.querySelector('.jobsift-search-input');
      if (toggle && (checked || first)) {
        (checked || first).click();
        toggles++;
      } else {
        input.value = queries[i - from];
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      }
      await settle(before, toggle ? `toggling a tag at query ${i}` : `query ${i} "${queries[i - from]}"`);
      if (!toggle && new URL(location.href).searchParams.get('q') !== queries[i - from]) throw new Error(`query ${i} was not applied`);
      if (marks() === marksBefore) missedMarks++;
    }
    return { toggles, missedMarks, cards: document.querySelectorAll('.jobsift-card').length };
  }, { from, to, queries: Array.from({ length: to - from }, (_, k) => query(from + k)) });
}

async function measure(page, cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.jobsift.memoryBytes());
  return { heap: usedSize, wasm };
}

let missedMarks;
const mib = (n) => `${(n / 1048576).toFixed(2)} MiB`;

test('1,000 searches leave the JS heap and the wasm memory where the warm-up left them', async () => {
  // The real board as one file: a chunked index keeps every block it fetched (bounded
  // by the packs' size), which is a cache, not a leak.
  const { page, context, problems } = await open('jobs/test-real-single.html');
  assert.equal(await widgetStatus(page), 'ready');
  const cdp = await context.newCDPSession(page);
  const initial = await measure(page, cdp);
  assert.ok(initial.wasm > 0 && initial.wasm % WASM_PAGE === 0, `memoryBytes() gave ${initial.wasm}`);

  const warm = await runQueries(page, 0, 100);
  const after100 = await measure(page, cdp);
  const run = await runQueries(page, 100, 1100);
  const after1100 = await measure(page, cdp);
  const heapGrowth = after1100.heap - after100.heap;
  const wasmGrowth = after1100.wasm - after100.wasm;
  console.log(`# leak: start heap ${mib(initial.heap)}, wasm ${mib(initial.wasm)}; `
    + `after 100 warm-up queries heap ${mib(after100.heap)}, wasm ${mib(after100.wasm)}; `
    + `after 1,000 more (${warm.toggles + run.toggles} tag toggles) heap ${mib(after1100.heap)}, wasm ${mib(after1100.wasm)}; `
    + `growth heap ${(heapGrowth / 1024).toFixed(0)} KiB, wasm ${wasmGrowth / WASM_PAGE} pages; `
    + `renders without a jobsift-results mark: ${warm.missedMarks + run.missedMarks}`);
  missedMarks = warm.missedMarks + run.missedMarks;
  assert.ok(run.toggles >= 35, `the tag facet was toggled ${run.toggles} times`);
  assert.ok(wasmGrowth <= MAX_WASM_GROWTH, `wasm memory grew by ${wasmGrowth / WASM_PAGE} pages over 1,000 queries`);
  assert.ok(heapGrowth < MAX_HEAP_GROWTH, `JS heap grew by ${mib(heapGrowth)} over 1,000 queries`);
  assert.deepEqual(problems, []);

  // The measurement can see a leak of that size: retain ~3 MB on purpose and measure again.
  await page.evaluate(() => { window.__retained = Array.from({ length: 100_000 }, (_, i) => ({ i, s: `leak ${i}` })); });
  const leaked = await measure(page, cdp);
  assert.ok(leaked.heap - after1100.heap > MAX_HEAP_GROWTH, `a deliberate leak measured only ${mib(leaked.heap - after1100.heap)}`);
  await context.close();
});

// BUG (widget, not fixed here: crates/ belongs to others). crates/widget/src/components/
// app.rs sets the `jobsift-results` mark in an effect keyed by the address of the
// outcome's Rc (`Rc::as_ptr(o) as usize`). When the new outcome is allocated where the
// previous one was just freed, the key is unchanged, the effect does not run and the
// render gets no mark: about 50 of the 1,100 renders above (the first at the 35th query,
// "health" -> "climate"). tests/browser/bench.mjs waits for that mark after every
// keystroke, so it can stall or time a later render. This test fails until the effect is
// keyed by something that changes with every search (a counter, say).
test('every rendered search sets the jobsift-results mark', (t) => {
  if (missedMarks === undefined) return t.skip('the leak test did not get that far');
  return assert.equal(missedMarks, 0, `${missedMarks} renders set no jobsift-results mark`);
});
