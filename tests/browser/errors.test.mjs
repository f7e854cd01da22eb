// What a visitor sees when things go wrong, and that hostile post text stays text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { widgetStatus, resultCount, servedSiteWithBrowser } from './helpers.mjs';

const open = servedSiteWithBrowser();

async function errorMessage(pageName) {
  const { page, context } = await open(`jobs/${pageName}`);
  assert.equal(await widgetStatus(page), 'error');
  const alert = await page.textContent('.jobsift-error');
  // The host's fallback content stays when the widget cannot replace it.
  assert.equal(await page.locator('.host-fallback').count(), 1);
  await context.close();
  return alert;
}

test('a missing index (404) says so, with its URL', async () => {
  const message = await errorMessage('test-missing.html');
  assert.match(message, /not found/);
  assert.match(message, /HTTP 404/);
  assert.match(message, /no-such-file\.idx/);
  assert.match(message, /Try again/);
});

test('a corrupt index is reported as unusable, not a crash', async () => {
  const message = await errorMessage('test-corrupt.html');
  assert.match(message, /corrupt\.idx is not a usable job index/);
});

test('a file that is not an index at all (an HTML error page) is reported', async () => {
  const message = await errorMessage('test-html.html');
  assert.match(message, /not-an-index\.idx is not a usable job index/);
});

test('hostile post text renders as inert text', async () => {
  const { page, context, problems } = await open(`jobs/test-hostile.html`);
  assert.equal(await widgetStatus(page), 'ready');
  assert.equal(await resultCount(page), 3);
  const cards = page.locator('.jobsift-card');
  // The markup shows up literally as text...
  const titles = await page.$$eval('.jobsift-card-title', (els) => els.map((e) => e.textContent));
  assert.ok(titles.some((t) => t.includes('<script>')), titles.join(' | '));
  assert.ok(titles.some((t) => t.includes('onerror=')), titles.join(' | '));
  // ...and none of it became elements or ran.
  assert.equal(await cards.locator('script, img, svg, b, iframe').count(), 0);
  assert.equal(await page.locator('[onerror], [onload], [onmouseover]').count(), 0);
  const hrefs = await page.$$eval('.jobsift a', (links) => links.map((a) => a.getAttribute('href')));
  for (const href of hrefs) assert.match(href, /^(https?:|mailto:|\/)/, `unsafe link ${href}`);
  await page.hover('.jobsift-card-title');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__jobsiftPwned), undefined);
  assert.deepEqual(problems, []);
  await context.close();
});
