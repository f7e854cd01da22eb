// Damaged copies of the real index (broken-indexes.mjs: truncations, bit flips, wrong
// magic, other format versions) in the widget: each shows a readable alert naming the
// problem, with a retry button, and no page error; `jobsift verify` refuses the same bytes
// with the same sentence. An index with a section this reader does not know still loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repo, site, realIndex, widgetStatus, resultCount, servedSiteWithBrowser } from './helpers.mjs';
import { brokenIndexes } from './broken-indexes.mjs';

const jobsiftBin = process.env.JOBSIFT_BIN || path.join(repo, 'target/release/jobsift');
const open = servedSiteWithBrowser();

test('every damaged index is named in the widget and refused by jobsift verify', async (t) => {
  const cases = brokenIndexes(realIndex());
  const real = await open('jobs/test-real.html');
  assert.equal(await widgetStatus(real.page), 'ready');
  const total = await resultCount(real.page);
  await real.context.close();

  const shown = [];
  for (const { name, message, valid } of cases) {
    await t.test(name, async () => {
      const { page, context, problems } = await open(`jobs/test-broken-${name}.html`);
      const verify = spawnSync(jobsiftBin, ['verify', path.join(site(), `broken-${name}.idx`)], { encoding: 'utf8' });
      if (valid) {
        assert.equal(await widgetStatus(page), 'ready');
        assert.equal(await resultCount(page), total);
        assert.equal(verify.status, 0, verify.stderr);
      } else {
        assert.equal(await widgetStatus(page), 'error');
        const alert = page.locator('.jobsift-error[role="alert"]');
        const text = await alert.textContent();
        assert.match(text, new RegExp(`broken-${name}\\.idx is not a usable job index: ${message}`));
        const retry = alert.getByRole('button', { name: 'Try again' });
        assert.ok(await retry.isVisible() && await retry.isEnabled(), 'a retry button');
        // Retrying downloads the file again and gives the same message, not a crash.
        await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/broken-${name}.idx`)), retry.click()]);
        await page.waitForSelector('.jobsift-app[data-jobsift-state="error"] .jobsift-error');
        assert.match(await page.textContent('.jobsift-error'), new RegExp(message));
        assert.notEqual(verify.status, 0, `verify accepted ${name}`);
        assert.match(verify.stderr, new RegExp(`INVALID: ${message}`));
        shown.push(`${name}: ${text.replace(/^.*not a usable job index: /, '').replace(/Try again$/, '')}`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
  console.log(`# broken indexes (${cases.length}):\n#   ${shown.join('\n#   ')}`);
});
