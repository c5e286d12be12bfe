/**
 * Starts the system Chromium (Debian's `chromium` package) headless through playwright-core,
 * never a downloaded browser. The flags keep it from calling home: this machine refuses
 * outbound connections, and a browser that retries them slows every test down.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** RECUR_CHROMIUM, else the first system Chromium found, else null. */
export function findChromium(): string | null {
  const fromEnv = process.env.RECUR_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`RECUR_CHROMIUM=${fromEnv} does not exist`);
    return fromEnv;
  }
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** True when running in CI, where a missing browser must fail the run instead of skipping. */
export function inCI(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  // playwright-core gives every launch a fresh temporary --user-data-dir and removes it on close.
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 120_000 });
}
