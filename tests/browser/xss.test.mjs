// The OWASP XSS Filter Evasion payloads of fixtures/xss (one post each, in titles,
// organisations, tags, locations, bodies, apply links and post URLs) rendered by the real
// widget under the strict CSP: every card is shown, payload fragments are searched so
// that highlighted snippets render, and nothing runs, becomes markup or an unsafe link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repo, widgetStatus, resultCount, settled, servedSiteWithBrowser } from './helpers.mjs';

const fixtures = path.join(repo, 'tests/browser/fixtures/xss');
const manifest = JSON.parse(fs.readFileSync(path.join(fixtures, 'manifest.json'), 'utf8'));
/** Payloads that end up as a text field of the card, so must show literally. */
// An organisation named at the start of the title ("<payload>: Role") shows there only.
const TEXT_FIELDS = { title: 'title', orgtitle: 'title', org: 'org', company: 'org', tag: 'tags', location: 'location' };
const open = servedSiteWithBrowser();

// Runs in every document before its scripts: records CSP violations and anything a
// payload could set, without relying on the payload reaching `window` directly.
function watch() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

/** Everything unsafe inside the widget (and scripts anywhere in the page), as sentences. */
function unsafeMarkup() {
  const found = [];
  const root = document.querySelector('#jobsift');
  const bad = /^(javascript|data|vbscript):/;
  const squash = (v) => v.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.toLowerCase().startsWith('on')) found.push(`${el.tagName} has handler attribute ${attr.name}`);
      if (/^(href|src|action|formaction|xlink:href|data|srcdoc|background|poster|srcset)$/i.test(attr.name) && bad.test(squash(attr.value))) {
        found.push(`${el.tagName} ${attr.name}="${attr.value}"`);
      }
    }
    if (el instanceof HTMLAnchorElement && el.hasAttribute('href') && !/^(https?|mailto):$/.test(el.protocol)) {
      found.push(`link resolving to ${el.protocol} (${el.getAttribute('href')})`);
    }
  }
  const forbidden = 'script, iframe, frame, frameset, object, embed, img, svg, math, style, link, base, form, input, button, '
    + 'video, audio, source, details, marquee, meta, table, bgsound, isindex';
  for (const el of root.querySelectorAll('.jobsift-card')) {
    for (const inner of el.querySelectorAll(forbidden)) found.push(`card contains <${inner.tagName.toLowerCase()}>`);
    // Cards are built from a handful of elements only; anything else came from a post.
    for (const inner of el.querySelectorAll('*')) {
      if (!/^(LI|UL|H3|A|P|SPAN|MARK|DIV|TIME)$/.test(inner.tagName)) found.push(`card contains unexpected <${inner.tagName.toLowerCase()}>`);
    }
  }
  // The page's only script element is the loader's tag.
  if (document.scripts.length !== 1) found.push(`${document.scripts.length} script elements in the page`);
  if (document.querySelectorAll('iframe, frame, object, embed').length) found.push('a frame, object or embed in the page');
  return found;
}

/** What each rendered card shows, keyed by its payload id (each post is tagged with it). */
function cardsById() {
  const cards = {};
  for (const card of document.querySelectorAll('.jobsift-card')) {
    const text = (sel) => [...card.querySelectorAll(sel)].map((e) => e.textContent);
    const tags = text('.jobsift-tag');
    const id = tags.find((t) => /^[pl]\d\d$/.test(t));
    if (id) {
      cards[id.toUpperCase()] = {
        title: text('.jobsift-card-title').join(''), org: text('.jobsift-org').join(''),
        location: text('.jobsift-location').join(''), tags: tags.join(' | '), snippet: text('.jobsift-snippet').join(''),
        links: [...card.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), resolved: a.href })),
      };
    }
  }
  return cards;
}

const squashText = (s) => s.replace(/[\u0000-\u001f\ufffd]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

test('the manifest matches the fixture posts and holds at least 50 payloads', () => {
  assert.ok(manifest.length >= 50, `${manifest.length} payloads`);
  assert.equal(new Set(manifest.map((m) => m.payload)).size, manifest.length, 'payloads are distinct');
  for (const { id, payload, file } of manifest) {
    const text = fs.readFileSync(path.join(fixtures, file), 'utf8');
    // Bodies hold the payload as it is, front matter as a YAML (JSON-style) quoted string.
    assert.ok(text.includes(payload) || text.includes(JSON.stringify(payload).slice(1, -1)), `${id} is not in ${file}`);
    // Base64 parts and character references are decoded first; that is what would run.
    const decoded = payload.replace(/base64,([A-Za-z0-9+/=]+)/g, (_, b) => Buffer.from(b, 'base64').toString())
      .replace(/&#(x?)([0-9a-f]+);?/gi, (_, x, n) => String.fromCodePoint(parseInt(n, x ? 16 : 10)))
      .replace(/&quot;/g, '"');
    const observable = /__xss\s*=\s*['"]?\S*/.test(decoded) || /alert\(|msgbox\(/i.test(decoded);
    assert.ok(observable, `${id} would not be observable if it ran: ${payload}`);
  }
});

test(`${manifest.length} OWASP payloads render as inert text`, async () => {
  const { page, context, problems } = await open('jobs/test-xss.html', { init: watch });
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  assert.equal(await widgetStatus(page), 'ready');
  assert.equal(await resultCount(page), manifest.length, 'every hostile post is indexed and counted');

  // Page through with "show more" until every card has been rendered.
  const seen = {};
  for (;;) {
    Object.assign(seen, await page.evaluate(cardsById));
    assert.deepEqual(await page.evaluate(unsafeMarkup), []);
    const shown = await page.locator('.jobsift-card').count();
    if (shown >= manifest.length) break;
    await page.click('.jobsift-more-button');
    await page.waitForFunction((n) => document.querySelectorAll('.jobsift-card').length > n, shown);
    // New cards past the window start as placeholders and are built after the next
    // frame: read them only once they are.
    await settled(page);
  }
  // Pointer and focus over every card: handlers such as onmouseover would fire now.
  for (const title of await page.locator('.jobsift-card-title').all()) await title.hover();
  for (let i = 0; i < 30; i++) await page.keyboard.press('Tab');

  const rendered = manifest.filter((m) => seen[m.id]);
  assert.deepEqual(manifest.filter((m) => !seen[m.id]).map((m) => m.id), [], 'every payload\'s card rendered');
  // Text fields show the payload literally (the first 60 characters: the indexer may
  // clip a long location).
  let literal = 0;
  for (const m of manifest) {
    const field = TEXT_FIELDS[m.where];
    if (!field) continue;
    const shown = squashText(seen[m.id][field]);
    const expected = squashText(m.payload).slice(0, 60);
    assert.ok(shown.includes(expected), `${m.id} (${m.where}) shows ${JSON.stringify(shown)}, not ${JSON.stringify(expected)}`);
    literal++;
  }
  assert.ok(seen.P01.title.includes('<script>'), seen.P01.title);
  assert.ok(seen.P65.title.includes('<audio src=x onerror='), seen.P65.title);
  // Where the only link was hostile there is no link, or one that resolves to a
  // harmless http(s) URL (safe_href keeps scheme-less text as a relative link).
  let links = 0;
  for (const m of manifest.filter((x) => ['url', 'apply', 'apply_url', 'link'].includes(x.where))) {
    for (const { href, resolved } of seen[m.id].links) {
      links++;
      assert.match(new URL(resolved).protocol, /^(https?|mailto):$/, `${m.id}: link ${href}`);
      assert.doesNotMatch(href.replace(/[\u0000-\u0020]/g, ''), /^(javascript|data|vbscript):/i, `${m.id}: link ${href}`);
    }
  }

  // Search payload fragments, so titles and snippets render with <mark> highlights.
  let marks = 0;
  for (const fragment of ['script', 'onerror', 'javascript', 'alert', 'svg onload', 'iframe', 'img src', 'xss', 'expression', 'base64']) {
    await page.fill('.jobsift-search-input', fragment);
    await page.waitForFunction((f) => new URL(location.href).searchParams.get('q') === f, fragment);
    await page.waitForFunction(() => document.querySelector('.jobsift-card, .jobsift-empty'));
    marks += await page.locator('.jobsift-card mark').count();
    assert.deepEqual(await page.evaluate(unsafeMarkup), [], `after searching "${fragment}"`);
  }
  assert.ok(marks > 0, 'some searches highlighted payload text');
  for (const title of (await page.locator('.jobsift-card-title').all()).slice(0, 10)) await title.hover();

  assert.equal(await page.evaluate(() => window.__xss), undefined, 'a payload ran');
  assert.equal(await page.evaluate(() => window.__jobsiftPwned), undefined);
  assert.deepEqual(dialogs, [], 'a payload opened a dialog');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems, []);
  // The checks themselves can fail: planted markup of the kinds above is reported.
  await page.evaluate(() => document.querySelector('.jobsift-card')
    .insertAdjacentHTML('beforeend', '<a href=" JaVa\tScRiPt:void(0)">x</a><img alt="" onerror="void 0"><svg></svg>'));
  const planted = await page.evaluate(unsafeMarkup);
  assert.ok(planted.length >= 4, `planted markup went unnoticed: ${planted.join('; ')}`);
  const placement = {};
  for (const m of rendered) placement[m.where] = (placement[m.where] || 0) + 1;
  console.log(`# xss: ${rendered.length} of ${manifest.length} payloads rendered (${Object.entries(placement).map(([k, v]) => `${k} ${v}`).join(', ')}); `
    + `${literal} shown literally as text; ${links} links left on hostile-link cards, all http(s); ${marks} highlights over 10 searches; nothing ran`);
  await context.close();
});
