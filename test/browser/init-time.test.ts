import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { startHarness, type Harness } from './harness.js';

/**
 * Init time of the built w.js, printed for issue #3's budget (≤ 2 ms of
 * main-thread time). `npm test` runs this file alone after the rest of the
 * suite (scripts/test.sh): measured while other test files load both cores,
 * the renderer's thread time grows by a third and says more about the suite
 * than about the widget. Run alone: `npx vitest run test/browser/init-time.test.ts`.
 */
const run = chromiumAvailableOrSkip('w.js init time (browser)');

/** The fields of a Chromium trace event this test reads. */
interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  tdur?: number;
  args?: { data?: { url?: string } };
}

describe.runIf(run)('w.js init time in Chromium (built bundle)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  test('the built w.js starts with V8\'s compile hint, which it only reads on the first line', () => {
    const built = readFileSync(new URL('../../public/w.js', import.meta.url), 'utf8');
    expect(built.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
  });

  test('init time of w.js (printed; sanity bound only)', async () => {
    h.page('/timed', `<!doctype html><title>t</title><form><input name="email"></form>${h.widgetTag({}, '/w-timed.js')}`);
    const wall: number[] = [];
    const thread: number[] = [];
    const later: number[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await h.newContext();
      // Main-thread time is the renderer thread's CPU clock (`tdur`) of the script's evaluation, which
      // excludes the OS scheduling the 2-core box away from Chromium; the performance marks give wall time.
      await h.browser.startTracing(undefined, { categories: ['devtools.timeline'] });
      const w = await h.open('/timed', { context });
      await w.page.waitForFunction(() => performance.getEntriesByName('capi-relay:init').length > 0);
      // the work w.js leaves for later tasks (consent signals, region, Pixel, click ids) runs within ~1 s
      await w.page.waitForTimeout(1500);
      const events = JSON.parse((await h.browser.stopTracing()).toString()).traceEvents as TraceEvent[];
      const ours = (e: TraceEvent) => e.ph === 'X' && !!e.args?.data?.url?.endsWith('/w-timed.js');
      const evaluation = events.find((e) => e.name === 'EvaluateScript' && ours(e));
      wall.push((await w.initMs())!);
      if (evaluation?.tdur !== undefined) thread.push(evaluation.tdur / 1000);
      const tasks = events.filter((e) => (e.name === 'FunctionCall' || e.name === 'TimerFire') && ours(e) && e.tid === evaluation?.tid);
      later.push(tasks.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000);
      await context.close();
    }
    const median = (list: number[]) => [...list].sort((a, b) => a - b)[list.length >> 1]!;
    const show = (list: number[]) => [...list].sort((a, b) => a - b).map((s) => s.toFixed(2)).join(', ');
    console.log(`[size] w.js init main-thread time in headless Chromium: median ${median(thread).toFixed(2)} ms (samples ${show(thread)}; budget 2 ms)`);
    console.log(`[size] w.js init wall time: median ${median(wall).toFixed(2)} ms (samples ${show(wall)})`);
    console.log(`[size] w.js later tasks' main-thread time in the first 1.5 s: median ${median(later).toFixed(2)} ms (samples ${show(later)})`);
    expect(thread).toHaveLength(5);
    // a loaded 2-core CI box makes timings noisy: only a gross regression fails here
    expect(median(thread)).toBeLessThan(1000);
  }, 60_000);
});
