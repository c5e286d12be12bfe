/**
 * Opens a served page in Chromium and waits until `ready` (evaluated in the page) is true.
 * Uncaught page errors, console errors and failed requests fail the run with their text.
 */
import type { Browser, Page } from 'playwright-core';
import type { PageReport, PageState } from '../browser/protocol.js';

export async function withPage<T>(
  browser: Browser,
  url: string,
  ready: () => boolean,
  read: (page: Page) => Promise<T>,
  timeoutMs = 180_000,
  onRequest?: (url: string) => void,
  /** Console errors and failed requests that are expected (e.g. a 404 the page recovers from). */
  expected?: RegExp,
): Promise<T> {
  const page = await browser.newPage();
  const problems: string[] = [];
  if (onRequest) page.on('request', (r) => onRequest(r.url()));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected?.test(`${m.text()} ${m.location().url}`)) problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('requestfailed', (r) => expected?.test(r.url()) || problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  try {
    await page.goto(url);
    try {
      await page.waitForFunction(ready, undefined, { timeout: timeoutMs, polling: 100 });
    } catch (e) {
      throw new Error([`the page never became ready: ${String(e)}`, ...problems].join('\n'));
    }
    const result = await read(page);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return result;
  } finally {
    await page.close();
  }
}

/** The test page's protocol: it sets window.__recur.done and a report or an error. */
export async function runPage(browser: Browser, url: string): Promise<PageReport> {
  const state = await withPage(browser, url, () => window.__recur?.done === true, (page) => page.evaluate((): PageState => window.__recur));
  if (state.error) throw new Error(`the page threw: ${state.error}`);
  if (!state.report) throw new Error('the page finished without a report');
  return state.report;
}
