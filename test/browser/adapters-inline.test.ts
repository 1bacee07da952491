import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CANARY } from '../support/canaries.js';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { startHarness, type Harness, type WidgetPage } from './harness.js';

const run = chromiumAvailableOrSkip('tool adapters, inline (browser)');
/** A failed flow must stay silent at least this long (fetch round trip + the tool's replay). */
const QUIET_MS = 1500;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
// The real jQuery from npm, for the tool replays that trigger jQuery-only events.
const JQUERY = readFileSync(fileURLToPath(new URL('../../node_modules/jquery/dist/jquery.min.js', import.meta.url)), 'utf8');

interface InlineCase {
  tool: string;
  page: string;
  form: string;
  fill: Record<string, string>;
  user: Record<string, string>;
  /** what the tool shows when it refuses the submission (proves the failure path ran) */
  failed: string;
}

// Fixture pages replay each tool's own script (test/fixtures/forms/<tool>/page.html).
const CASES: InlineCase[] = [
  {
    tool: 'webflow',
    page: '/forms/webflow/page.html',
    form: 'email-form',
    fill: { '#name': CANARY.firstName, '#email': CANARY.email },
    user: { full_name: CANARY.firstName, email: CANARY.email },
    failed: '.w-form-fail',
  },
  {
    tool: 'cf7',
    page: '/forms/cf7/page.html',
    form: undefined as unknown as string,
    fill: { '[name=your-name]': CANARY.firstName, '[name=your-email]': CANARY.email },
    user: { full_name: CANARY.firstName, email: CANARY.email },
    failed: 'form[data-status="invalid"]',
  },
  {
    tool: 'gravity-forms',
    page: '/forms/gravity-forms/page.html',
    form: 'gform_3',
    fill: { '#input_3_1_3': CANARY.firstName, '#input_3_1_6': CANARY.lastName, '#input_3_2': CANARY.email },
    user: { first_name: CANARY.firstName, last_name: CANARY.lastName, email: CANARY.email },
    failed: '.gform_validation_errors',
  },
];

describe.runIf(run)('tool adapters on their replayed pages in Chromium (built w.js)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function openTool(path: string): Promise<WidgetPage> {
    const context = await h.newContext();
    await context.route('**/vendor/jquery.js', (route) => route.fulfill({ contentType: 'application/javascript', body: JQUERY }));
    return h.open(path, { context });
  }

  async function fillAndSend(w: WidgetPage, c: InlineCase): Promise<void> {
    for (const [selector, value] of Object.entries(c.fill)) await w.page.fill(selector, value);
    await w.detectionLoaded();
    await w.page.click('[type=submit]');
  }

  test.each(CASES.map((c) => [c.tool, c] as const))('%s: confirmed success → exactly one event, Pixel eventID = event_id', async (tool, c) => {
    const w = await openTool(c.page);
    await fillAndSend(w, c);
    const [event] = await w.waitForEvents(1);
    expect(event).toEqual(
      expect.objectContaining({
        event_name: 'Lead',
        event_source_url: `${h.pageOrigin}${c.page}`,
        user: c.user,
        source: c.form ? { tool, form: c.form } : { tool },
      }),
    );
    await sleep(QUIET_MS);
    expect(w.events).toHaveLength(1);
    expect(await w.pixelEventIds()).toEqual([event!.event_id]);
    expect(await h.storedEvent(event!.event_id)).not.toBeNull();
    await w.context.close();
  });

  test.each(CASES.map((c) => [c.tool, c] as const))('%s: the tool reports failure → no event, no Pixel Lead', async (_tool, c) => {
    const w = await openTool(`${c.page}?fail`);
    await fillAndSend(w, c);
    await w.page.waitForSelector(c.failed, { state: 'visible' });
    await sleep(QUIET_MS);
    expect(w.events).toEqual([]);
    expect(await w.pixelEventIds()).toEqual([]);
    await w.context.close();
  });
});
