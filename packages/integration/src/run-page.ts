/**
 * Opens a served page in Chromium, waits for it to publish window.__recur, and returns the
 * report. Uncaught page errors and console errors fail the run with their text.
 */
import type { Browser } from 'playwright-core';
import type { PageReport, PageState } from '../browser/protocol.js';

export async function runPage(browser: Browser, url: string, timeoutMs = 180_000): Promise<PageReport> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__recur?.done === true, undefined, { timeout: timeoutMs, polling: 100 });
    const state = await page.evaluate((): PageState => window.__recur);
    if (state.error) throw new Error(`the page threw: ${state.error}`);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    if (!state.report) throw new Error('the page finished without a report');
    return state.report;
  } finally {
    await page.close();
  }
}
