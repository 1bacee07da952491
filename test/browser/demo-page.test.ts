import { createHash } from 'node:crypto';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConversionRecord } from '../../api/_contract/records.js';
import { startDevServer, type DevServer } from '../../scripts/dev-server.js';
import { CANARY } from '../support/canaries.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailableOrSkip } from '../support/chromium.js';

const run = chromiumAvailableOrSkip('demo page (browser)');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** A desktop browser's user agent: HeadlessChrome is (rightly) filtered as a bot by the relay. */
const DESKTOP_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

/**
 * The "done when": `npm start` serves a demo page with a plain form, a
 * Webflow-style form and a CF7-style form; each submission shows one dry-run
 * conversion with the hashed email and the same id the Pixel stand-in logged.
 */
describe.runIf(run)('npm start demo page in Chromium', () => {
  let dev: DevServer;
  let browser: Browser;

  beforeAll(async () => {
    dev = await startDevServer({ env: {}, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await dev?.close();
  });

  const recorded = async (): Promise<ConversionRecord[]> =>
    ((await (await fetch(`${dev.url}/dev/events`)).json()) as { events: ConversionRecord[] }).events;

  test('each demo form becomes one dry-run conversion whose id the Pixel logged', async () => {
    const context = await browser.newContext({ userAgent: DESKTOP_UA });
    const page = await context.newPage();
    await page.goto(`${dev.url}/`);
    // Unknown country = opt-in region: the banner asks first.
    await page.locator('#capi-relay-consent').getByRole('button', { name: 'Accept' }).click({ timeout: 15_000 });

    await page.fill('#demo-plain [name=name]', `${CANARY.firstName} ${CANARY.lastName}`);
    await page.fill('#demo-plain [name=email]', CANARY.email);
    await page.click('#demo-plain button');
    await page.fill('#demo-webflow [name=First-Name]', CANARY.firstName);
    await page.fill('#demo-webflow [name=Email]', CANARY.email);
    await page.click('#demo-webflow button');
    await page.fill('#demo-cf7 [name=your-name]', CANARY.firstName);
    await page.fill('#demo-cf7 [name=your-email]', CANARY.email);
    await page.click('#demo-cf7 button');

    await expect.poll(async () => (await recorded()).length, { timeout: 15_000 }).toBe(3);
    const events = await recorded();
    for (const event of events) {
      expect(event.state).toBe('sent');
      expect(event.reason).toBe('dry_run');
      expect(event.payload?.user_data.em).toEqual([sha(CANARY.emailNormalized)]);
    }
    expect(new Set(events.map((e) => e.source?.tool))).toEqual(new Set(['html', 'webflow', 'cf7']));
    await expect
      .poll(() => page.locator('#demo-pixel-log').textContent(), { timeout: 5_000 })
      .toContain(events[0]!.event_id);
    const pixelLog = (await page.locator('#demo-pixel-log').textContent()) ?? '';
    for (const event of events) expect(pixelLog).toContain(`eventID=${event.event_id}`);
    expect(pixelLog.match(/fbq track Lead/g)).toHaveLength(3);
    await context.close();
  });
});
