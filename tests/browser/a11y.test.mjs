// axe-core on the widget (ready, filtered, empty and error states) and the screenshots
// kept in docs/screenshots/ (desktop and phone, light and dark).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repo, widgetStatus, resultCount, countChange, settled, servedSiteWithBrowser } from './helpers.mjs';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const shots = path.join(repo, 'docs/screenshots');
const open = servedSiteWithBrowser();

/** Axe violations inside the widget, of any impact (heading order included). */
async function axeViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run('#jobsift', { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe: no violations of any impact (${colorScheme}, results and filters)`, async () => {
    const { page, context } = await open(`jobs/test-real.html`, { colorScheme });
    assert.equal(await widgetStatus(page), 'ready');
    assert.deepEqual(await axeViolations(page), []);
    const total = await resultCount(page);
    await page.fill('.jobsift-search-input', 'data');
    await countChange(page, total);
    await page.locator('#jobsift1-facet-tags input[type=checkbox]').first().check();
    await page.waitForSelector('.jobsift-chip');
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test(`axe: cards of posts whose deadline has passed say so in words and keep their contrast (${colorScheme})`, async () => {
    const { page, context } = await open(`jobs/test-real.html?q=deadline&sort=newest`, { colorScheme });
    assert.equal(await widgetStatus(page), 'ready');
    await settled(page);
    const expired = await page.locator('.jobsift-card[data-expired]').count();
    assert.ok(expired > 0, 'some shown post is past its deadline');
    assert.deepEqual(await page.$$eval('.jobsift-card[data-expired] .jobsift-closed', (els) => els.map((e) => e.textContent)),
      Array(expired).fill('Closed'), 'each says so in words');
    assert.equal(await page.locator('.jobsift-card:not([data-expired]) .jobsift-closed').count(), 0);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });
}

test('axe: empty and error states', async () => {
  const empty = await open(`jobs/test-real.html?q=zzzqqqxxy&f.tags=nonexistent`);
  assert.equal(await widgetStatus(empty.page), 'ready');
  await empty.page.waitForSelector('.jobsift-empty');
  assert.deepEqual(await axeViolations(empty.page), []);
  await empty.context.close();
  const failed = await open(`jobs/test-missing.html`);
  assert.equal(await widgetStatus(failed.page), 'error');
  assert.deepEqual(await axeViolations(failed.page), []);
  await failed.context.close();
});

test('the demo page reads dates as of its archive: posted within 30 days finds its last posts', async () => {
  const { page, context } = await open('');
  assert.equal(await widgetStatus(page), 'ready');
  const total = await resultCount(page);
  await page.check('input[name="jobsift1-posted"][value="30"]');
  const recent = await countChange(page, total);
  assert.ok(recent > 0 && recent < total, `${recent} of ${total} posted within 30 days of 2020-10-08`);
  const dates = await page.$$eval('.jobsift-dates > span:not(.jobsift-deadline) time', (times) => times.map((t) => t.getAttribute('datetime')));
  assert.ok(dates.length > 0 && dates.every((date) => date >= '2020-09-08'), `${dates}`);
  await context.close();
});

test('screenshots of the demo page at desktop and phone widths', async () => {
  fs.mkdirSync(shots, { recursive: true });
  const cases = [
    { name: 'desktop-light.png', viewport: { width: 1280, height: 1000 }, colorScheme: 'light' },
    { name: 'desktop-dark.png', viewport: { width: 1280, height: 1000 }, colorScheme: 'dark' },
    { name: 'phone-light.png', viewport: { width: 390, height: 844 }, colorScheme: 'light' },
    { name: 'phone-filters-open.png', viewport: { width: 390, height: 844 }, colorScheme: 'light', openFilters: true },
  ];
  for (const shot of cases) {
    // The demo page itself (the README's demo), with a search typed and a tag ticked.
    const { page, context } = await open(`?q=data`, shot);
    assert.equal(await widgetStatus(page), 'ready');
    if (shot.openFilters) {
      await page.click('.jobsift-facets-toggle');
      assert.equal(await page.getAttribute('.jobsift-facets-toggle', 'aria-expanded'), 'true');
    }
    const before = await resultCount(page);
    const firstTag = page.locator('.jobsift-facet input[type=checkbox]').first();
    if (await firstTag.isVisible()) {
      await firstTag.check();
      await countChange(page, before);
    }
    // The real board is chunked: wait for every card's post (and snippet) to arrive.
    await settled(page);
    await page.screenshot({ path: path.join(shots, shot.name), fullPage: false });
    assert.ok(fs.statSync(path.join(shots, shot.name)).size > 10_000);
    await context.close();
  }
});
