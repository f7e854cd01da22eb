// Network faults on the index download, served by fault-server.mjs under the strict CSP:
// 404, 500, a response held back (the loading state shows, then results), a download
// cut off mid-body, and a flaky server where "Try again" then succeeds. Each must give a
// readable message, a working retry button, and no unhandled promise rejection: checked
// through `pageerror`, the console, and an `unhandledrejection` listener installed before
// the page's own scripts (addInitScript runs through DevTools, so the CSP allows it; the
// first test proves it runs and catches a rejection).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { site, launch, openPage, widgetStatus, resultCount } from './helpers.mjs';
import { startFaultServer } from './fault-server.mjs';

let server;
let browser;
before(async () => {
  server = await startFaultServer(site());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

function probe() {
  window.__probe = { installed: true, rejections: [], errors: [] };
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason;
    window.__probe.rejections.push(String(reason && (reason.stack || reason.message) ? reason.stack || reason.message : reason));
  });
  window.addEventListener('error', (event) => window.__probe.errors.push(String(event.message)));
}

const open = (target) => openPage(browser, new URL(target, server.url).href, { init: probe });

/** Waits for a condition in this process (a server-side count), polling. */
async function until(condition, what) {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** No unhandled rejection, uncaught error or unexpected console error on the page. */
async function assertClean({ page, messages, pageErrors }) {
  const seen = await page.evaluate(() => window.__probe);
  assert.equal(seen?.installed, true, 'the init script ran');
  assert.deepEqual(seen.rejections, [], 'unhandled promise rejections');
  assert.deepEqual(seen.errors, [], 'uncaught errors');
  assert.deepEqual(pageErrors, []);
  // Expected: Chromium's own "Failed to load resource" line, and the widget's report.
  const unexpected = messages.filter((m) => /^error: /.test(m) && !/^error: (Failed to load resource|jobsift: )/.test(m));
  assert.deepEqual(unexpected, []);
  assert.deepEqual(messages.filter((m) => /uncaught|unhandled|panicked|RuntimeError|unreachable/i.test(m)), []);
}

async function errorAlert(page) {
  assert.equal(await widgetStatus(page), 'error');
  const alert = page.locator('.jobsift-error[role="alert"]');
  const retry = alert.getByRole('button', { name: 'Try again' });
  assert.ok(await retry.isVisible(), 'a retry button');
  const text = await alert.textContent();
  console.log(`# ${new URL(page.url()).pathname}: ${text}`);
  return { text, retry };
}

/** Clicks "Try again" and waits for the widget to settle on `status` again. */
async function retryUntil(page, retry, status) {
  await retry.click();
  await page.waitForSelector(`.jobsift-app[data-jobsift-state="${status}"]`);
}

test('the rejection probe runs under the strict CSP and does catch an unhandled rejection', async () => {
  const opened = await open('jobs/test-real.html');
  const { page, context, pageErrors } = opened;
  assert.equal(await widgetStatus(page), 'ready');
  await assertClean(opened);
  await page.evaluate(() => { Promise.reject(new Error('probe rejection')); });
  await page.waitForFunction(() => window.__probe.rejections.length > 0);
  assert.match((await page.evaluate(() => window.__probe.rejections))[0], /probe rejection/);
  await until(() => pageErrors.some((e) => /probe rejection/.test(e)), 'pageerror to report it too');
  await context.close();
});

test('404: not found, with the URL and a retry button; no unhandled rejection', async () => {
  const opened = await open('jobs/test-missing.html');
  const { text, retry } = await errorAlert(opened.page);
  assert.match(text, /The job index was not found at http:\/\/127\.0\.0\.1:\d+\/jobs\/no-such-file\.idx \(HTTP 404\)/);
  await retryUntil(opened.page, retry, 'error');
  await assertClean(opened);
  await opened.context.close();
});

test('500: the status is named; retrying asks the server again', async () => {
  server.reset();
  const opened = await open('jobs/test-fault-status-500.html');
  const { text, retry } = await errorAlert(opened.page);
  assert.match(text, /The server answered HTTP 500 for the job index at http:\/\/127\.0\.0\.1:\d+\/jobs\/fault\/status-500\.idx/);
  assert.equal(await opened.page.locator('.host-fallback').count(), 1, 'the host content stays');
  assert.equal(server.requests['status-500'], 1);
  await retryUntil(opened.page, retry, 'error');
  await until(() => server.requests['status-500'] === 2, 'the retry request');
  assert.match(await opened.page.textContent('.jobsift-error'), /HTTP 500/);
  await assertClean(opened);
  await opened.context.close();
});

test('a slow index: the loading state shows until the bytes arrive, then results', async () => {
  for (const page of ['test-fault-slow-bare.html', 'test-fault-slow.html']) {
    server.reset();
    const opened = await open(`jobs/${page}`);
    // The server has sent the headers and the first KiB and holds the rest.
    await until(() => server.requests.slow === 1, 'the index request');
    if (page.includes('bare')) {
      // No host content: the widget's own loading state is what the visitor sees.
      await opened.page.waitForSelector('.jobsift-loading[role="status"]', { state: 'visible' });
      assert.match(await opened.page.textContent('.jobsift-loading'), /\w/);
    } else {
      // With host content, that stays visible meanwhile.
      assert.ok(await opened.page.isVisible('.host-fallback'));
      await opened.page.waitForSelector('.jobsift-loading', { state: 'attached' });
    }
    assert.equal(await opened.page.getAttribute('#jobsift', 'aria-busy'), 'true');
    assert.equal(await opened.page.getAttribute('#jobsift', 'data-jobsift-status'), null, 'not settled while bytes are missing');
    server.release('slow');
    assert.equal(await widgetStatus(opened.page), 'ready');
    assert.ok((await resultCount(opened.page)) > 1000);
    assert.equal(await opened.page.locator('.jobsift-loading').count(), 0);
    await assertClean(opened);
    await opened.context.close();
  }
});

test('a download cut off mid-body: "broke off", and retrying tries again', async () => {
  server.reset();
  const opened = await open('jobs/test-fault-abort.html');
  const { text, retry } = await errorAlert(opened.page);
  assert.match(text, /The download of the job index from http:\/\/127\.0\.0\.1:\d+\/jobs\/fault\/abort\.idx broke off/);
  await retryUntil(opened.page, retry, 'error');
  await until(() => server.requests.abort === 2, 'the retry request');
  assert.match(await opened.page.textContent('.jobsift-error'), /broke off/);
  await assertClean(opened);
  await opened.context.close();
});

test('a flaky server (500, then 200): "Try again" shows the results', async () => {
  server.reset();
  const opened = await open('jobs/test-fault-flaky.html');
  const { text, retry } = await errorAlert(opened.page);
  assert.match(text, /HTTP 500/);
  await retryUntil(opened.page, retry, 'ready');
  assert.equal(server.requests.flaky, 2);
  await opened.page.waitForSelector('#jobsift[data-jobsift-status="ready"]');
  assert.ok((await resultCount(opened.page)) > 1000);
  assert.equal(await opened.page.locator('.jobsift-card').count(), 20);
  assert.equal(await opened.page.locator('.host-fallback').count(), 0, 'the fallback is replaced once ready');
  assert.equal(await opened.page.locator('.jobsift-error').count(), 0);
  await assertClean(opened);
  await opened.context.close();
});
