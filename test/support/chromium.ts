import { existsSync } from 'node:fs';

/** Debian's Chromium; `npx playwright install` cannot download browsers here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Browser tests skip with a loud notice when no Chromium is installed —
 * except under CI=true, where `npm test` installs it and a skip would hide
 * that nothing ran.
 */
export function chromiumAvailableOrSkip(suite: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`${suite}: Chromium is required under CI=true but ${CHROMIUM_PATH} does not exist`);
  }
  console.warn(`\n!!! ${suite}: SKIPPED — no Chromium at ${CHROMIUM_PATH} !!!\n`);
  return false;
}
