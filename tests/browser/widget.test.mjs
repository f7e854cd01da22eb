// The widget on the real corpus index, served under the strict CSP: search, each
// facet, salary range, sort, paging, URL round trip, back button.
import { test } from 'node:test';
import path from 'node:path';
import assert from 'node:assert/strict';
import { widgetStatus, resultCount, countChange, settled, servedSiteWithBrowser, run, jobsiftBin, site } from './helpers.mjs';

const open = servedSiteWithBrowser();

async function ready(query = '') {
  const opened = await open(`jobs/test-real.html${query}`);
  assert.equal(await widgetStatus(opened.page), 'ready');
  return opened;
}

/** Ticks the value `value` of facet `facet` and returns the new count. */
async function tick(page, facet, value) {
  const before = await resultCount(page);
  await page.check(`#jobsift1-facet-${facet} input[data-value="${value}"]`);
  return countChange(page, before);
}

/** The most frequent values of a facet, as listed in the panel. */
async function topValues(page, facet) {
  return page.$$eval(`#jobsift1-facet-${facet} input[data-value]`, (inputs) => inputs.map((i) => i.dataset.value));
}

test('loads the real index, replaces the host fallback, and runs clean under the CSP', async () => {
  const { page, context, problems } = await ready();
  const total = await resultCount(page);
  assert.ok(total > 1000, `expected the whole corpus, saw ${total}`);
  assert.match(await page.textContent('.jobsift-count'), /^\d,\d{3} jobs$/, 'thousands are set apart');
  assert.equal(await page.locator('.host-fallback').count(), 0, 'fallback content should be gone once ready');
  assert.equal(await page.locator('.jobsift-card').count(), 20);
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing narrows on every keystroke and highlights matches', async () => {
  const { page, context } = await ready();
  const total = await resultCount(page);
  await page.click('.jobsift-search-input');
  await page.keyboard.type('data');
  const afterData = await countChange(page, total);
  assert.ok(afterData > 0 && afterData < total, `"data" should narrow ${total} to some, got ${afterData}`);
  assert.ok((await page.locator('.jobsift-card .jobsift-mark').count()) > 0, 'matches are highlighted');
  await page.keyboard.type(' zzzqqqxxy');
  await countChange(page, afterData);
  assert.equal(await resultCount(page), 0);
  assert.ok(await page.isVisible('.jobsift-empty'), 'empty state shows');
  await page.click('.jobsift-empty >> text=Clear the search text');
  assert.equal(await countChange(page, 0), total);
  await context.close();
});

test('a phrase gets its posts\' text in few requests, neighbouring blocks together, and equals the CLI', async () => {
  // The real board's default build is chunked: a phrase is checked against the text of
  // every post holding both words, which lie close together in the pack.
  const query = (text) => JSON.parse(run(jobsiftBin, ['query', site(), text, '--json', '--limit', '20']));
  const expected = query('"data director"');
  const candidates = query('data director').total;
  const { page, context, problems } = await ready();
  // While the quote is open its words are words, the last a prefix: no "No jobs match"
  // for a half-typed phrase, and no text fetched for it.
  await page.click('.jobsift-search-input');
  await page.keyboard.type('"data dire');
  const typing = query('data dire').total;
  assert.ok(typing > 0);
  await page.waitForFunction((n) => document.querySelector('.jobsift-count')?.textContent.replace(/,/g, '').startsWith(`${n} `), typing);
  await settled(page);
  const packRequests = [];
  page.on('request', (request) => { if (request.url().endsWith('.pack')) packRequests.push(request.headers().range); });
  await page.keyboard.type('ctor"');
  await page.waitForFunction((n) => document.querySelector('.jobsift-count')?.textContent.replace(/,/g, '').startsWith(`${n} `), expected.total);
  await settled(page);
  assert.deepEqual(await page.$$eval('.jobsift-card-title', (titles) => titles.map((t) => t.textContent)), expected.hits.map((h) => h.title));
  // One request per text block was about one per two candidates.
  assert.ok(packRequests.length < candidates / 8, `${packRequests.length} requests for the text of ${candidates} posts`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a block of a chunked index that cannot be fetched is not asked for again until "Try again"', async () => {
  // The real board's default build is chunked. Blocks fail after the page is ready (a
  // host in trouble, or a redeploy that removed the pack the open tab names).
  const expected = JSON.parse(run(jobsiftBin, ['query', site(), 'canvassing', '--json'])).total;
  const { page, context, pageErrors } = await ready();
  let packRequests = 0;
  let failing = true;
  await page.route(/\.pack$/, (route) => {
    packRequests += 1;
    return failing ? route.fulfill({ status: 503, body: 'busy' }) : route.continue();
  });
  await page.fill('.jobsift-search-input', 'canvassing');
  const alert = page.locator('.jobsift-part-error[role="alert"]');
  await alert.waitFor();
  const asked = packRequests;
  await page.waitForTimeout(1500);
  assert.equal(packRequests, asked, `asked again after failing (${asked} then ${packRequests})`);
  assert.ok(asked > 0 && asked <= 16, `${asked} requests`);
  failing = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await alert.waitFor({ state: 'detached' });
  await page.waitForFunction((n) => document.querySelector('.jobsift-count')?.textContent.startsWith(`${n} `), expected);
  await settled(page);
  assert.equal(await resultCount(page), expected);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('a tag narrows; a second tag of the same facet widens (OR); counts stay disjunctive', async () => {
  const { page, context } = await ready();
  const total = await resultCount(page);
  const [first, second] = await topValues(page, 'tags');
  const firstCount = await tick(page, 'tags', first);
  assert.ok(firstCount < total);
  // The second tag's count was computed without the tags facet's own selection.
  const shownSecond = Number(await page.textContent(`#jobsift1-facet-tags li:has(input[data-value="${second}"]) .jobsift-value-count`));
  const both = await tick(page, 'tags', second);
  assert.ok(both >= firstCount && both >= shownSecond && both <= firstCount + shownSecond, `OR of ${firstCount} and ${shownSecond} gave ${both}`);
  assert.equal(await page.locator('.jobsift-chip').count(), 2);
  await page.click('.jobsift-chips >> text=Clear all');
  assert.equal(await countChange(page, both), total);
  await context.close();
});

test('organisation, location, remote and employment type each filter', async () => {
  const { page, context } = await ready();
  const total = await resultCount(page);
  for (const facet of ['org', 'location', 'remote', 'type']) {
    const [value] = await topValues(page, facet);
    assert.ok(value, `facet ${facet} lists values`);
    const count = await tick(page, facet, value);
    assert.ok(count > 0 && count < total, `${facet}=${value} gave ${count} of ${total}`);
    const cardCount = await page.locator('.jobsift-card').count();
    assert.equal(cardCount, Math.min(count, 20));
    await page.click('.jobsift-chips >> text=Clear all');
    await countChange(page, count);
  }
  await context.close();
});

test('employment types read as words: in their facet, on the cards and in the chip', async () => {
  const words = { 'full-time': 'Full-time', 'part-time': 'Part-time', temporary: 'Temporary', contract: 'Contract',
    internship: 'Internship', fellowship: 'Fellowship', volunteer: 'Volunteer' };
  const { page, context } = await ready();
  const rows = await page.$$eval('#jobsift1-facet-type input[data-value]', (inputs) =>
    inputs.map((input) => [input.dataset.value, input.parentElement.querySelector('.jobsift-value-text').textContent]));
  assert.ok(rows.length >= 3, `the real posts have several employment types: ${rows}`);
  for (const [value, text] of rows) assert.equal(text, words[value], `type ${value}`);
  const total = await resultCount(page);
  const partTime = await tick(page, 'type', 'part-time');
  const badges = await page.$$eval('.jobsift-card .jobsift-type', (els) => els.map((el) => el.textContent));
  assert.ok(badges.length > 0 && badges.every((text) => text === 'Part-time'), `badges: ${badges}`);
  assert.deepEqual(await page.$$eval('.jobsift-chips .jobsift-chip > span:first-child', (els) => els.map((el) => el.textContent.trim())),
    ['Employment type: Part-time']);
  await page.click('.jobsift-chips >> text=Clear all');
  assert.equal(await countChange(page, partTime), total);
  await context.close();
});

// Whether a title names its organisation as one side of its colon: first, after a note
// ("[Deadline soon] …", "Deadline soon: …"), or last. The rule of core's
// `Document::organisation_besides_title`, which decides whether a card repeats it.
const titleNamesOrganisation = (title, organisation) => {
  const text = title.trim().toLowerCase();
  const named = organisation.trim().toLowerCase();
  const leads = (part) => part.trimStart().startsWith(named) && part.trimStart().slice(named.length).trimStart().startsWith(':');
  const afterNote = text.startsWith('[') && text.includes(']') ? text.slice(text.indexOf(']') + 1) : null;
  const afterColon = text.includes(':') ? text.slice(text.indexOf(':') + 1) : null;
  return leads(text) || (afterNote !== null && leads(afterNote)) || (afterColon !== null && leads(afterColon))
    || (text.endsWith(named) && text.slice(0, text.length - named.length).trimEnd().endsWith(':'));
};

test('a card names its organisation once: a title that starts with it ("AFL-CIO: …") stands alone', async () => {
  const expected = JSON.parse(run(jobsiftBin, ['query', site(), 'data', '--json', '--limit', '20'])).hits;
  assert.ok(expected.filter((hit) => hit.org && hit.title.startsWith(`${hit.org}:`)).length >= 15);
  const { page, context } = await ready('?q=data');
  await settled(page);
  const cards = await page.$$eval('.jobsift-card', (cards) => cards.map((card) => ({
    title: card.querySelector('.jobsift-card-title').textContent,
    organisation: card.querySelector('.jobsift-org')?.textContent ?? null,
  })));
  assert.deepEqual(cards, expected.map((hit) => ({
    title: hit.title,
    organisation: hit.org && !titleNamesOrganisation(hit.title, hit.org) ? hit.org : null,
  })));
  await context.close();
});

test('a card does not repeat an organisation its title names after a note or last', async () => {
  const posts = [
    ['"software engineering apprentice"', '[Deadline soon] Code for America: Software Engineering Apprentice', 'Code for America'],
    ['"amy mcgrath"', 'Director of Data & Analytics: Amy McGrath for Senate', 'Amy McGrath for Senate'],
    ['"client success"', 'Organizer: multiple jobs - Client success, engineers', 'Organizer'],
  ];
  for (const [text, title, organisation] of posts) {
    const hit = JSON.parse(run(jobsiftBin, ['query', site(), text, '--json', '--limit', '50'])).hits.find((h) => h.title === title);
    assert.equal(hit?.org, organisation, `the indexer's organisation for ${title}`);
    const { page, context } = await ready(`?q=${encodeURIComponent(text)}`);
    await settled(page);
    const cards = await page.$$eval('.jobsift-card', (cards) => cards.map((card) => ({
      title: card.querySelector('.jobsift-card-title').textContent,
      organisation: card.querySelector('.jobsift-org')?.textContent ?? null,
    })));
    assert.deepEqual(cards.find((card) => card.title === title), { title, organisation: null });
    await context.close();
  }
});

test('a remote job says Remote once: a location that only says "Remote" is left to the badge', async () => {
  const expected = JSON.parse(run(jobsiftBin, ['query', site(), 'data', '--filter', 'remote=true', '--json', '--limit', '20'])).hits;
  assert.ok(expected.some((hit) => hit.location === 'Remote') && expected.some((hit) => hit.location && hit.location !== 'Remote'));
  const { page, context } = await ready('?q=data&f.remote=true');
  await settled(page);
  const cards = await page.$$eval('.jobsift-card', (cards) => cards.map((card) => ({
    title: card.querySelector('.jobsift-card-title').textContent,
    location: card.querySelector('.jobsift-location')?.textContent ?? null,
    badges: card.querySelectorAll('.jobsift-remote').length,
  })));
  assert.deepEqual(cards, expected.map((hit) => ({ title: hit.title, location: hit.location === 'Remote' ? null : hit.location, badges: 1 })));
  await context.close();
});

test('the organisation filter box finds values beyond the first few', async () => {
  const { page, context } = await ready();
  const values = await page.$$eval('#jobsift1-facet-org input[data-value]', (inputs) => inputs.length);
  assert.ok(values <= 8, 'long lists start collapsed');
  await page.fill('#jobsift1-facet-org .jobsift-facet-filter', 'union');
  const found = await topValues(page, 'org');
  assert.ok(found.length > 0 && found.every((v) => v.toLowerCase().includes('union')), found.join(', '));
  assert.equal(await page.locator('#jobsift1-facet-org .jobsift-facet-none').count(), 0);
  // Posts spell it "BlueLabs" and "Blue Labs"; the facet lists it once, found by either.
  for (const typed of ['blue labs', 'BlueLabs']) {
    await page.fill('#jobsift1-facet-org .jobsift-facet-filter', typed);
    assert.deepEqual(await topValues(page, 'org'), ['BlueLabs'], typed);
  }
  await page.fill('#jobsift1-facet-org .jobsift-facet-filter', 'qqqz ');
  assert.equal(await page.textContent('#jobsift1-facet-org .jobsift-facet-none[role=status]'), 'None match “qqqz”');
  assert.deepEqual(await topValues(page, 'org'), []);
  await page.fill('#jobsift1-facet-org .jobsift-facet-filter', '');
  assert.equal(await page.locator('#jobsift1-facet-org .jobsift-facet-none').count(), 0);
  await context.close();
});

test('salary range narrows and jobs without a salary can be kept', async () => {
  const { page, context } = await ready();
  const total = await resultCount(page);
  assert.ok((await page.locator('.jobsift-histogram .jobsift-bar').count()) > 3, 'histogram is drawn');
  const bars = () => page.$$eval('.jobsift-histogram .jobsift-bar', (els) => els.map((e) => [e.getBoundingClientRect().height, e.hasAttribute('data-in')]));
  const drawn = await bars();
  const histogramHeight = await page.$eval('.jobsift-histogram', (e) => e.getBoundingClientRect().height);
  assert.equal(Math.max(...drawn.map(([height]) => height)), histogramHeight, 'the tallest bar fills the histogram');
  assert.ok(new Set(drawn.map(([height]) => height)).size > 2, `bars differ in height: ${drawn}`);
  assert.ok(drawn.every(([, inRange]) => inRange), 'with no range set, every bar is in range');
  // Ticked before any range: it changes nothing yet, so it adds no step to Back.
  const entries = await page.evaluate(() => history.length);
  await page.check('.jobsift-salary input[type=checkbox]');
  await settled(page);
  assert.equal(await resultCount(page), total);
  assert.equal(await page.evaluate(() => history.length), entries);
  assert.equal(await page.evaluate(() => location.search), '');
  await page.uncheck('.jobsift-salary input[type=checkbox]');
  await page.fill('#jobsift1-salary-min', '80000');
  await page.press('#jobsift1-salary-min', 'Enter');
  const rich = await countChange(page, total);
  assert.ok((await bars()).some(([, inRange]) => !inRange), 'bars below the minimum are drawn out of range');
  assert.ok(rich > 0 && rich < total, `salary >= 80000 gave ${rich}`);
  const salaries = await page.$$eval('.jobsift-salary-text', (els) => els.map((e) => e.textContent));
  assert.equal(salaries.length, await page.locator('.jobsift-card').count(), 'every card has a salary');
  await page.check('.jobsift-salary input[type=checkbox]');
  const withUnknown = await countChange(page, rich);
  assert.ok(withUnknown > rich);
  await context.close();
});

test('salary boxes read "80k", and refuse text they cannot read or a minimum above the maximum', async () => {
  const { page, context } = await ready();
  const total = await resultCount(page);
  await page.fill('#jobsift1-salary-min', '80k');
  await page.press('#jobsift1-salary-min', 'Enter');
  const rich = await countChange(page, total);
  assert.match(page.url(), /salary_min=80000/);
  assert.equal(await page.inputValue('#jobsift1-salary-min'), '80000');
  // The histogram's edge bar below $80,000 is out of range; the axis shows the bars' edges.
  const axis = await page.$$eval('.jobsift-histogram-axis span', (spans) => spans.map((s) => s.textContent));
  assert.equal(axis[0], '$0');
  for (const [box, text] of [['#jobsift1-salary-min', 'lots'], ['#jobsift1-salary-max', '50000']]) {
    await page.fill(box, text);
    await page.press(box, 'Enter');
    await page.waitForFunction((b) => document.querySelector(b).getAttribute('aria-invalid') === 'true', box);
    await settled(page);
    assert.equal(await resultCount(page), rich, `${text} left the filter in force`);
    assert.match(page.url(), /salary_min=80000/);
  }
  await page.fill('#jobsift1-salary-min', '90000');
  await page.press('#jobsift1-salary-min', 'Enter');
  await page.waitForFunction(() => document.querySelector('#jobsift1-salary-min').getAttribute('aria-invalid') === null);
  const richer = await countChange(page, rich);
  // Refused text goes, with its mark, when the range is cleared from elsewhere.
  await page.fill('#jobsift1-salary-max', '50000');
  await page.press('#jobsift1-salary-max', 'Enter');
  await page.waitForSelector('#jobsift1-salary-max[aria-invalid="true"]');
  await page.click('.jobsift-chips .jobsift-chip');
  await countChange(page, richer);
  for (const box of ['#jobsift1-salary-min', '#jobsift1-salary-max']) {
    assert.equal(await page.getAttribute(box, 'aria-invalid'), null, `${box} is no longer marked`);
    assert.equal(await page.inputValue(box), '', `${box} shows the range in force`);
  }
  await context.close();
});

test('posted within and hide expired narrow relative to the pinned day', async () => {
  const { page, context } = await ready();
  const total = await resultCount(page);
  await page.check('input[name="jobsift1-posted"][value="90"]');
  const recent = await countChange(page, total);
  assert.ok(recent > 0 && recent < total, `last 90 days gave ${recent}`);
  const dates = await page.$$eval('.jobsift-card time', (els) => els.map((e) => e.getAttribute('datetime')));
  assert.ok(dates.length > 0);
  await page.check('input[name="jobsift1-posted"][value=""]');
  await countChange(page, recent);
  await page.check('.jobsift-hide-expired');
  const open = await countChange(page, total);
  assert.ok(open < total, 'some corpus deadlines are before the pinned day');
  await context.close();
});

test('sort by newest and by salary reorder the cards', async () => {
  const { page, context } = await ready();
  await page.selectOption('.jobsift-select', 'newest');
  await page.waitForFunction(() => location.search.includes('sort=newest'));
  await settled(page);
  const dates = await page.$$eval('.jobsift-card .jobsift-dates time:first-child', (els) => els.map((e) => e.getAttribute('datetime')));
  assert.deepEqual(dates, [...dates].sort().reverse());
  await page.selectOption('.jobsift-select', 'salary');
  await page.waitForFunction(() => location.search.includes('sort=salary'));
  await settled(page);
  const top = await page.textContent('.jobsift-card .jobsift-salary-text');
  assert.match(top, /\$\d/, 'highest salary first means the first card has one');
  await context.close();
});

test('show more adds a page of cards, kept in the URL without a step for Back', async () => {
  const { page, context } = await ready();
  await page.locator('#jobsift1-facet-tags input[type=checkbox]').first().check();
  await page.waitForFunction(() => location.search.includes('f.tags='));
  await settled(page);
  const filtered = page.url();
  const entries = await page.evaluate(() => history.length);
  assert.equal(await page.locator('.jobsift-card').count(), 20);
  await page.click('.jobsift-more-button');
  await page.waitForFunction(() => document.querySelectorAll('.jobsift-card').length === 40);
  assert.match(await page.textContent('.jobsift-showing'), /40 of/);
  await page.click('.jobsift-more-button');
  await page.waitForFunction(() => location.search.includes('page=3'));
  assert.equal(await page.evaluate(() => history.length), entries);
  // Back leaves the filter, not one page of cards.
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('f.tags='));
  await settled(page);
  assert.equal(await page.locator('.jobsift-card').count(), 20);
  await page.goForward();
  await page.waitForFunction(() => location.search.includes('page=3'));
  await page.waitForFunction(() => document.querySelectorAll('.jobsift-card').length === 60);
  assert.ok(page.url().startsWith(filtered));
  await context.close();
});

test('after a reload, or Back from another page that was not kept whole, the visitor is where they were in the list', async () => {
  const { page, context } = await ready('?q=data&page=3');
  await settled(page);
  const scrollTo = async (card) => {
    await page.locator('.jobsift-card').nth(card).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 7));
    return page.evaluate(() => scrollY);
  };
  const backAt = (y) => page.waitForFunction((y) => Math.abs(scrollY - y) < 2, y, { timeout: 10_000 });
  const deep = await scrollTo(45);
  assert.ok(deep > 3000, `scrolled to ${deep}`);
  await page.reload();
  assert.equal(await widgetStatus(page), 'ready');
  await backAt(deep);
  assert.equal(await page.locator('.jobsift-card').count(), 60);

  const other = await scrollTo(30);
  // Headless Chromium here does not keep the page for Back (scroll was lost before).
  await page.goto(new URL('test-missing.html', page.url()).href);
  await page.goBack();
  assert.equal(await widgetStatus(page), 'ready');
  await backAt(other);

  // Arriving by a link (not Back or a reload) starts at the top.
  await scrollTo(50);
  await page.goto(new URL('test-missing.html', page.url()).href);
  await page.goto(new URL('test-real.html?q=data&page=3', page.url()).href);
  assert.equal(await widgetStatus(page), 'ready');
  await settled(page);
  await page.waitForSelector('.jobsift-results-list:not([data-behind])');
  assert.equal(await page.evaluate(() => scrollY), 0);
  await context.close();
});

test('a URL with filters opens in the same state, and back steps through changes', async () => {
  const first = await ready();
  const { page } = first;
  const total = await resultCount(page);
  await page.fill('.jobsift-search-input', 'data');
  const afterText = await countChange(page, total);
  const [tag] = await topValues(page, 'tags');
  const afterTag = await tick(page, 'tags', tag);
  await page.selectOption('.jobsift-select', 'newest');
  await page.waitForFunction(() => location.search.includes('sort=newest'));
  await settled(page);
  const url = page.url();
  assert.match(url, /q=data/);
  assert.match(url, new RegExp(`f\\.tags=${encodeURIComponent(tag)}`));
  const titles = await page.$$eval('.jobsift-card-title', (els) => els.map((e) => e.textContent));

  // Round trip: a fresh page from the URL shows the same state and results.
  const second = await open(url);
  assert.equal(await widgetStatus(second.page), 'ready');
  assert.equal(await resultCount(second.page), afterTag);
  assert.equal(await second.page.inputValue('.jobsift-search-input'), 'data');
  assert.ok(await second.page.isChecked(`#jobsift1-facet-tags input[data-value="${tag}"]`));
  assert.equal(await second.page.inputValue('.jobsift-select'), 'newest');
  assert.deepEqual(await second.page.$$eval('.jobsift-card-title', (els) => els.map((e) => e.textContent)), titles);
  await second.context.close();

  // Back: undoes the sort, then the tag (typing replaced its entry instead of pushing).
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('sort='));
  assert.equal(await page.inputValue('.jobsift-select'), 'relevance');
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('f.tags'));
  assert.equal(await resultCount(page), afterText);
  assert.equal(await page.inputValue('.jobsift-search-input'), 'data');
  await first.context.close();
});

test('a link typed with other capitals (f.tags=Campaigns) selects the value, and the URL takes its spelling in place', async () => {
  const canonical = await ready('?q=data&f.tags=campaigns');
  await settled(canonical.page);
  const expected = await resultCount(canonical.page);
  const entries = await canonical.page.evaluate(() => history.length);
  await canonical.context.close();

  const { page, context } = await ready('?q=data&f.tags=CAMPAIGNS');
  await page.waitForFunction(() => location.search.includes('f.tags=campaigns'));
  await settled(page);
  assert.equal(await resultCount(page), expected);
  assert.ok(await page.isChecked('#jobsift1-facet-tags input[data-value="campaigns"]'));
  assert.equal(await page.locator('.jobsift-chip').count(), 1);
  assert.equal(await page.evaluate(() => history.length), entries, 'the spelling replaced the entry, it did not add one');
  assert.equal(JSON.parse(run(jobsiftBin, ['query', site(), 'data', '--filter', 'tags=CAMPAIGNS', '--json'])).total, expected, 'the CLI agrees');
  await context.close();
});

test('a link naming a tag spelling the config merged (f.tags=vendor) selects the merged tag', async () => {
  // aliases.idx: the real board built with [tags.aliases] vendor = "vendors".
  const merged = await open('jobs/test-aliases.html?f.tags=vendors');
  assert.equal(await widgetStatus(merged.page), 'ready');
  await settled(merged.page);
  const expected = await resultCount(merged.page);
  await merged.context.close();
  const single = (tag) => JSON.parse(run(jobsiftBin, ['query', path.join(site(), 'real-single.idx'), '--filter', `tags=${tag}`, '--json', '--limit', '0'])).total;
  assert.ok(expected > single('vendors'), 'the merge brought in the posts tagged "vendor"');

  const { page, context } = await open('jobs/test-aliases.html?f.tags=vendor');
  assert.equal(await widgetStatus(page), 'ready');
  await page.waitForFunction(() => location.search.includes('f.tags=vendors'));
  await settled(page);
  assert.equal(await resultCount(page), expected);
  assert.ok(await page.isChecked('#jobsift1-facet-tags input[data-value="vendors"]'));
  assert.equal(await page.locator('#jobsift1-facet-tags input[data-value="vendor"]').count(), 0);
  assert.equal((await page.textContent('.jobsift-chip')).includes('vendors'), true);
  await context.close();
});

test('after back and forward the sort menu shows the order the cards are in', async () => {
  const { page, context } = await ready('?q=data');
  const shown = () => page.$eval('.jobsift-select', (select) => select.options[select.selectedIndex].value);
  await page.selectOption('.jobsift-select', 'newest');
  await page.waitForFunction(() => location.search.includes('sort=newest'));
  await page.selectOption('.jobsift-select', 'relevance');
  await page.waitForFunction(() => !location.search.includes('sort='));
  await page.goBack();
  await page.waitForFunction(() => location.search.includes('sort=newest'));
  await settled(page);
  assert.equal(await shown(), 'newest');
  await page.goForward();
  await page.waitForFunction(() => !location.search.includes('sort='));
  await settled(page);
  assert.equal(await shown(), 'relevance');
  await context.close();
});

test('a link naming a range facet as a value (f.salary=100000) shows no chip and filters nothing', async () => {
  // A posted-within beyond a century is every post (it wrapped to none before).
  const century = await ready('?posted=4294967295');
  await settled(century.page);
  assert.ok((await resultCount(century.page)) > 1000);
  await century.context.close();
  const { page, context } = await ready('?f.salary=100000&f.posted=2020-10-01');
  await settled(page);
  assert.ok((await resultCount(page)) > 1000);
  assert.equal(await page.locator('.jobsift-chip').count(), 0);
  await context.close();
});

test('a value filter typed into a long facet stays visible when the facet gets short', async () => {
  const { page, context } = await ready();
  await page.fill('#jobsift1-facet-org .jobsift-facet-filter', 'seiu');
  await page.fill('.jobsift-search-input', 'afscme');
  await page.waitForFunction(() => document.querySelectorAll('#jobsift1-facet-org input[data-value]').length <= 8);
  await settled(page);
  assert.equal(await page.inputValue('#jobsift1-facet-org .jobsift-facet-filter'), 'seiu', 'the filter can still be seen and cleared');
  await page.fill('#jobsift1-facet-org .jobsift-facet-filter', '');
  await page.waitForSelector('#jobsift1-facet-org input[data-value="AFSCME"]');
  await context.close();
});

test('the empty state offers only the removals that bring jobs back', async () => {
  const { page, context } = await ready('?q=analyst&f.org=Catalist&f.type=internship&f.remote=true');
  await page.waitForSelector('.jobsift-empty');
  const offered = await page.$$eval('.jobsift-suggestions button', (buttons) => buttons.map((b) => b.textContent));
  assert.ok(offered.length > 0 && offered.length < 4, JSON.stringify(offered));
  for (let i = 0; i < offered.length; i++) {
    await page.locator('.jobsift-suggestions button').nth(i).click();
    assert.ok((await countChange(page, 0)) > 0, `${offered[i]} brings jobs back`);
    await page.goBack();
    await page.waitForSelector('.jobsift-empty');
  }
  await context.close();
});

test('focus stays in the widget when the pressed control goes away', async () => {
  const { page, context } = await ready('?q=data&f.tags=campaigns&f.tags=union&f.remote=true');
  await settled(page);
  const focused = () => page.evaluate(() => document.activeElement?.className ?? '');
  // A removed chip hands focus to the chip that takes its place; the last one to the search box.
  await page.locator('.jobsift-chip').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.jobsift-chip').length === 2);
  await page.waitForFunction(() => document.activeElement?.classList.contains('jobsift-chip'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.jobsift-chip').length === 1);
  await page.waitForFunction(() => document.activeElement?.classList.contains('jobsift-chip'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.jobsift-chip').length === 0);
  await page.waitForFunction(() => document.activeElement?.classList.contains('jobsift-search-input'));
  // "Show more" on the last page goes; focus moves to the first new card's link.
  await page.fill('.jobsift-search-input', 'fellowship');
  await settled(page);
  const total = await resultCount(page);
  assert.ok(total > 20 && total <= 40, `${total} jobs: two pages`);
  await page.locator('.jobsift-more-button').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.jobsift-card').length === n, total);
  await page.waitForFunction(() => document.activeElement?.classList.contains('jobsift-card-link'));
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('.jobsift-card')].findIndex((card) => card.contains(document.activeElement))), 20);
  assert.equal(await focused(), 'jobsift-card-link');
  await context.close();
});

test("typing writes the URL after its frame; a filter ticked before then keeps the text in the entry it leaves", async () => {
  const { page, context } = await ready();
  // The first page's blocks in first: a late render of theirs would otherwise be the
  // mutation the observer below sees, and the tick would come before the keystroke's.
  await settled(page);
  // The tag is ticked from a mutation observer: right after the keystroke's render, in
  // the keystroke's own task, before any frame could have run the deferred write.
  const seen = await page.evaluate(() => new Promise((resolve) => {
    const input = document.querySelector('.jobsift-search-input');
    const box = document.querySelector('#jobsift1-facet-tags input[data-value]');
    const observer = new MutationObserver(() => {
      observer.disconnect();
      const searchAtRender = location.search;
      box.click();
      resolve({ searchAtRender, tag: box.dataset.value });
    });
    // Attributes too: this index is chunked, so the render marks the results busy
    // while the blocks "data" needs are fetched.
    observer.observe(document.querySelector('.jobsift-results'), { subtree: true, childList: true, characterData: true, attributes: true });
    input.value = 'data';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  }));
  assert.equal(seen.searchAtRender, '', "the keystroke's render leaves the URL for later");
  await page.waitForFunction(() => location.search.includes('f.tags='));
  await settled(page);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'data');
  assert.equal(new URL(page.url()).searchParams.get('f.tags'), seen.tag);
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes('f.tags'));
  assert.equal(new URL(page.url()).searchParams.get('q'), 'data', 'the entry left by the tick has the typed text');
  assert.equal(await page.inputValue('.jobsift-search-input'), 'data');
  await context.close();
});

for (const height of [900, 2600]) {
  test(`new cards below the window (${height} px high) are placeholders until the frame is painted; cards already shown stay`, async () => {
    // The single-file index: a chunked one also shows placeholders while blocks arrive.
    const { page, context } = await open('jobs/test-real-single.html', { viewport: { width: 1280, height } });
    assert.equal(await widgetStatus(page), 'ready');
    await settled(page);
    // The cards as the widget's render left them, before any frame: read from a mutation
    // observer, in the task of the change that `act` makes. Each is 'card' or 'pending',
    // and whether its top is inside the window.
    const firstFrame = (act) => page.evaluate((act) => new Promise((resolve) => {
      const list = document.querySelector('.jobsift-results-list');
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve([...list.children].map((card) => ({
          kind: card.classList.contains('jobsift-card-pending') ? 'pending' : 'card',
          inView: card.getBoundingClientRect().top < innerHeight,
        })));
      });
      observer.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
      if (act === 'type') {
        const input = document.querySelector('.jobsift-search-input');
        input.value = 'data';
        input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      } else {
        document.querySelector('.jobsift-more-button').click();
      }
    }), act);
    const kinds = (cards) => cards.map((card) => card.kind);
    const settledKinds = () => page.$$eval('.jobsift-results-list > li', (items) => items.map((card) => (card.classList.contains('jobsift-card-pending') ? 'pending' : 'card')));

    const typed = await firstFrame('type');
    assert.equal(typed.length, 20);
    const inView = typed.filter((card) => card.inView);
    assert.ok(inView.length >= 2, `the window shows cards: ${JSON.stringify(typed)}`);
    assert.deepEqual(kinds(inView), inView.map(() => 'card'), 'every new card reaching into the window is built at once');
    assert.ok(kinds(typed).includes('pending'), `cards below the window wait: ${kinds(typed)}`);
    await settled(page);
    assert.deepEqual(await settledKinds(), Array(20).fill('card'));

    const more = await firstFrame('more');
    assert.equal(more.length, 40);
    assert.deepEqual(kinds(more.slice(0, 20)), Array(20).fill('card'), 'cards already painted are never placeholders');
    assert.deepEqual(kinds(more.slice(20)), Array(20).fill('pending'));
    await settled(page);
    assert.deepEqual(await settledKinds(), Array(40).fill('card'));
    await context.close();
  });
}

test('cards below the window that stay on the page catch up a frame after new results; those in the window at once', async () => {
  // The twenty posts of one organisation, newest first: typing its name keeps the same
  // posts in the same order, and marks the name in each card.
  const { page, context } = await open('jobs/test-real-single.html?f.org=Analyst%20Institute&sort=newest');
  assert.equal(await widgetStatus(page), 'ready');
  await settled(page);
  // A card as text and its marked words: what a visitor sees of it.
  const cards = () => page.$$eval('.jobsift-results-list > li', (items) => items.map((card) => ({
    text: card.textContent, marks: [...card.querySelectorAll('mark')].map((mark) => mark.textContent),
  })));
  const before = await cards();
  assert.equal(before.length, 20);
  // The list as the widget's render left it, before any frame (as in the test above).
  const firstFrame = await page.evaluate(() => new Promise((resolve) => {
    const list = document.querySelector('.jobsift-results-list');
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve({
        behind: list.hasAttribute('data-behind'),
        cards: [...list.children].map((card) => ({
          shown: { text: card.textContent, marks: [...card.querySelectorAll('mark')].map((mark) => mark.textContent) },
          inView: card.getBoundingClientRect().top < innerHeight,
        })),
      });
    });
    observer.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
    const input = document.querySelector('.jobsift-search-input');
    input.value = 'analyst';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  }));
  const inView = firstFrame.cards.filter((card) => card.inView);
  const below = firstFrame.cards.filter((card) => !card.inView);
  assert.ok(inView.length >= 2 && below.length >= 10, `cards in the window: ${inView.length}, below it: ${below.length}`);
  assert.ok(before.every((card) => card.marks.length === 0), 'nothing was marked before typing');
  assert.ok(inView.every((card) => card.shown.marks.length > 0), 'cards in the window show the new marks at once');
  assert.deepEqual(below.map((card) => card.shown), before.slice(inView.length), 'cards below the window are as painted');
  assert.equal(firstFrame.behind, true, 'the list says it is behind');
  await settled(page);
  const after = await cards();
  assert.equal(after.length, 20);
  assert.ok(after.every((card) => card.marks.length > 0), 'every card caught up');
  assert.equal(await page.getAttribute('.jobsift-results-list', 'data-behind'), null);
  await context.close();
});

test('on a phone, the filters end with a button that shows the jobs and closes them', async () => {
  const { page, context } = await open('jobs/test-real.html', { viewport: { width: 375, height: 700 } });
  assert.equal(await widgetStatus(page), 'ready');
  assert.equal(await page.isVisible('.jobsift-facets-done'), false, 'hidden while the filters are closed');
  await page.click('.jobsift-facets-toggle');
  const [tag] = await topValues(page, 'tags');
  const count = await tick(page, 'tags', tag);
  const done = page.locator('.jobsift-facets-done');
  assert.equal(await done.textContent(), `Show jobs (${count})`);
  await done.click();
  assert.equal(await page.getAttribute('.jobsift-facets-toggle', 'aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('jobsift-facets-toggle')), true);
  assert.ok(await page.isVisible('.jobsift-card'), 'the results are in view');
  await context.close();
});

test('everything is reachable by keyboard with a visible focus', async () => {
  const { page, context } = await ready();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'jobsift-search-input');
  await page.keyboard.type('data');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el.tagName, outline: getComputedStyle(el).outlineStyle };
  });
  assert.notEqual(focused.tag, 'BODY');
  assert.notEqual(focused.outline, 'none', 'focus is visible');
  // That first stop is "Skip to results", shown while focused; it passes the filters.
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    return { text: el.textContent, width: el.getBoundingClientRect().width };
  });
  assert.equal(skip.text, 'Skip to results');
  assert.ok(skip.width > 20, `the focused skip button is visible (${skip.width} px)`);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'jobsift1-results-heading');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement.closest('.jobsift-results') !== null), 'the next stop is in the results, not the filters');
  assert.ok(await page.evaluate(() => document.querySelector('.jobsift-skip').getBoundingClientRect().width <= 1), 'hidden again once left');
  await context.close();
});
