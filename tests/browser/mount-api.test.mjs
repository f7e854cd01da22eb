// The JavaScript API: `jobsift.mount(element, options)` on a page whose script tag says
// `data-manual`, with the options only the API takes (other languages' labels, facet
// headings), under the strict CSP (the page's own script is a file, not inline); and
// theming, as the README says, by the host's stylesheet setting the custom properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { site, servedSiteWithBrowser, settled, resultCount, countChange, testPage, TODAY } from './helpers.mjs';

const options = {
  index: 'jobsift.idx',
  today: TODAY,
  pageSize: 5,
  syncUrl: false,
  labels: { searchLabel: 'Stellen suchen', resultCountMany: '{count} Stellen', thousandsSeparator: '.', sortLabel: 'Sortieren nach', loadMore: 'Mehr Stellen zeigen',
    perYear: '{salary} pro Jahr' },
  facetLabels: { tags: 'Schlagwörter', posted: 'Veröffentlicht' },
  valueLabels: { type: { 'full-time': 'Vollzeit' }, remote: { true: 'Ja, remote' }, tags: { campaigns: 'Kampagnen' } },
};

fs.writeFileSync(path.join(site(), 'test-api.js'), `import jobsift from './jobsift.js';
const board = document.querySelector('#board');
board.addEventListener('jobsift:ready', () => { document.body.dataset.readyEvents = String(Number(document.body.dataset.readyEvents || 0) + 1); });
jobsift.mount(board, ${JSON.stringify(options)}).then((element) => { document.body.dataset.mountResolved = element.id; });
`);
fs.writeFileSync(path.join(site(), 'test-api.css'), 'body .jobsift { --jobsift-accent: rgb(200, 0, 80); --jobsift-radius: 0px; }\n');
fs.writeFileSync(path.join(site(), 'test-api.html'), `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>jobsift API test page</title>
  <link rel="icon" href="../favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="test-api.css">
  <script type="module" src="jobsift.js" data-manual></script>
  <script type="module" src="test-api.js"></script>
</head>
<body>
  <main>
    <h1>Stellen</h1>
    <div id="board"><p class="host-fallback">Die Stellenliste der Seite.</p></div>
  </main>
</body>
</html>
`);

const open = servedSiteWithBrowser();

test('jobsift.mount takes labels, facet headings, value labels, page size and syncUrl; the host page themes it', async () => {
  const { page, context, problems } = await open('jobs/test-api.html');
  await page.waitForSelector('#board[data-jobsift-status="ready"]', { timeout: 30_000 });
  await settled(page);
  assert.equal(await page.getAttribute('body', 'data-mount-resolved'), 'board', 'mount resolves to the element');
  assert.equal(await page.getAttribute('body', 'data-ready-events'), '1', 'one jobsift:ready event');
  assert.equal(await page.locator('.host-fallback').count(), 0, 'the host content goes once ready');

  assert.equal((await page.textContent('.jobsift-search-label')).trim(), 'Stellen suchen');
  assert.match((await page.textContent('.jobsift-count')).trim(), /^\d\.\d{3} Stellen\b/, 'counts group thousands with the label\'s separator');
  assert.equal((await page.textContent('#jobsift1-facet-tags legend')).trim(), 'Schlagwörter');
  assert.equal((await page.textContent('fieldset:has(input[name="jobsift1-posted"]) legend')).trim(), 'Veröffentlicht', 'the posted facet takes its label too');
  assert.equal((await page.textContent('#jobsift1-facet-org legend')).trim(), 'Organisation', "other facets keep the index's headings");
  assert.ok((await page.textContent('.jobsift-sort label')).includes('Sortieren nach'));
  // Value labels: in the facet lists, on the cards, and in the chip of a ticked value.
  const valueText = (facet, value) => page.textContent(`#jobsift1-facet-${facet} input[data-value="${value}"] ~ .jobsift-value-text`);
  assert.equal((await valueText('type', 'full-time')).trim(), 'Vollzeit');
  assert.equal((await valueText('type', 'part-time')).trim(), 'Part-time', 'a type the page does not name reads in English');
  assert.equal((await valueText('org', 'Catalist')).trim(), 'Catalist', 'values without a label keep their own text');
  assert.equal((await valueText('remote', 'true')).trim(), 'Ja, remote');
  assert.equal((await valueText('tags', 'campaigns')).trim(), 'Kampagnen');
  const badges = await page.$$eval('.jobsift-card .jobsift-type', (els) => els.map((el) => el.textContent));
  assert.ok(badges.includes('Vollzeit') && !badges.includes('full-time'), `cards' type badges use the labels: ${badges}`);
  const tags = await page.$$eval('.jobsift-card .jobsift-tag', (els) => els.map((el) => el.textContent));
  assert.ok(tags.includes('Kampagnen') && !tags.includes('campaigns'), `cards' tags use the labels: ${tags}`);
  const salaries = await page.$$eval('.jobsift-salary-text', (els) => els.map((el) => el.textContent));
  assert.ok(salaries.length > 0 && salaries.every((text) => /^\$[\d,]+( – \$[\d,]+)? pro Jahr$/.test(text)), `salary label: ${salaries}`);
  const before = await resultCount(page);
  await page.check('#jobsift1-facet-type input[data-value="full-time"]');
  const fullTime = await countChange(page, before);
  assert.deepEqual(await page.$$eval('.jobsift-chips .jobsift-chip > span:first-child', (els) => els.map((el) => el.textContent.trim())), ['Employment type: Vollzeit']);
  await page.click('.jobsift-chips .jobsift-chip');
  assert.equal(await countChange(page, fullTime), before, 'the chip removes the filter');
  assert.equal(await page.locator('.jobsift-card').count(), 5, 'pageSize 5');
  assert.equal((await page.textContent('.jobsift-more-button')).trim(), 'Mehr Stellen zeigen');
  const button = await page.$eval('.jobsift-more-button', (b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).borderTopLeftRadius]);
  assert.deepEqual(button, ['rgb(200, 0, 80)', '0px'], "the host's custom properties theme the widget");
  await page.click('.jobsift-more-button');
  await page.waitForFunction(() => document.querySelectorAll('.jobsift-card').length === 10);

  // syncUrl: false leaves the page's URL alone while the search changes.
  const url = page.url();
  const total = await resultCount(page);
  await page.fill('.jobsift-search-input', 'data');
  const narrowed = await countChange(page, total);
  assert.ok(narrowed < total, `typing narrows: ${narrowed} < ${total}`);
  assert.equal(page.url(), url);
  assert.deepEqual(problems, []);
  await context.close();
});

test('mounting an element again returns it and starts nothing; a page size that is not a whole number is left to the default', async () => {
  const page = testPage('jobsift.idx').replace('data-today', 'data-page-size="2.5" data-today');
  fs.writeFileSync(path.join(site(), 'test-page-size.html'), page);
  const { page: tab, context, problems } = await open('jobs/test-page-size.html');
  const indexRequests = [];
  tab.on('request', (request) => { if (request.url().endsWith('/jobsift.idx')) indexRequests.push(request.url()); });
  await tab.waitForSelector('#jobsift[data-jobsift-status="ready"]');
  await settled(tab);
  assert.equal(await tab.locator('.jobsift-card').count(), 20, 'the default page size');
  const again = await tab.evaluate(async () => {
    const { default: jobsift } = await import('./jobsift.js');
    const element = document.querySelector('#jobsift');
    return (await jobsift.mount(element)) === element;
  });
  assert.ok(again, 'mount resolves to the element');
  await tab.waitForTimeout(500);
  assert.deepEqual(indexRequests, [], 'no second download');
  assert.equal(await tab.locator('.jobsift-app').count(), 1);
  assert.equal(await tab.locator('#jobsift1-q, [id^="jobsift2"]').count(), 1, 'still the first widget');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an option of the wrong type is refused with a message naming it, and the host content stays', async () => {
  fs.writeFileSync(path.join(site(), 'test-bad-options.html'), testPage('jobsift.idx'));
  const { page, context, messages } = await open('jobs/test-bad-options.html');
  await page.waitForSelector('#jobsift[data-jobsift-status="ready"]');
  const status = await page.evaluate(async () => {
    const { default: jobsift } = await import('./jobsift.js');
    const board = document.createElement('div');
    board.id = 'bad';
    const hostList = document.createElement('p');
    hostList.className = 'host-list';
    hostList.textContent = "The board's own list";
    board.append(hostList);
    document.body.append(board);
    await jobsift.mount(board, { pageSize: 'ten', labels: { searchLabel: 'Suchen' } });
    return board.dataset.jobsiftStatus;
  });
  assert.equal(status, 'error');
  assert.match(await page.textContent('#bad .jobsift-error'), /invalid options: pageSize must be a whole number/);
  assert.equal(await page.locator('#bad .host-list').count(), 1, "the host's content stays");
  assert.ok(messages.some((m) => /pageSize must be a whole number/.test(m)), 'and the console says why');
  await context.close();
});

test('two widgets on a page: the first keeps its search in the URL, the second does not touch it', async () => {
  fs.writeFileSync(path.join(site(), 'test-two.html'), testPage('jobsift.idx').replace('<div id="jobsift">', '<div data-jobsift="jobsift.idx" id="second"></div>\n    <div id="jobsift">'));
  const { page, context, messages } = await open('jobs/test-two.html?f.tags=campaigns');
  await page.waitForFunction(() => document.querySelectorAll('.jobsift-app[data-jobsift-state="ready"]').length === 2);
  await settled(page);
  const [first, second] = await page.$$eval('.jobsift-search-input', (inputs) => inputs.map((i) => i.id));
  const firstRoot = page.locator('.jobsift-app').filter({ has: page.locator(`#${first}`) });
  assert.ok(await firstRoot.locator('input[data-value="campaigns"]').isChecked(), 'the first widget reads the URL');
  await page.fill(`#${second}`, 'analyst');
  await page.waitForTimeout(500);
  assert.match(page.url(), /f\.tags=campaigns/);
  assert.doesNotMatch(page.url(), /q=analyst/, 'the second widget leaves the URL alone');
  assert.ok(messages.some((m) => /another widget on this page keeps its search in the URL/.test(m)));
  await context.close();
});
