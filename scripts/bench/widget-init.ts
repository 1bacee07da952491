/**
 * What every page pays for w.js, next to a well-known small tracker loaded the
 * same way: Plausible's official tracker (@plausible-analytics/tracker, a
 * devDependency), bundled by esbuild into one classic script that inits with
 * page views, outbound links and form submissions on. Both load with `defer`
 * from the relay origin of the README topology (test/browser/harness.ts) in
 * headless Chromium, alternating, fresh context each run.
 *
 * Main-thread time is the renderer thread's CPU clock (`tdur`) of the script's
 * evaluation, which leaves out the OS scheduling Chromium away on a busy box;
 * "later tasks" add the timers and callbacks the script queued in its first
 * 1.5 s (w.js: consent signals, region, Pixel, click ids).
 * Run alone: `npx tsx scripts/bench/widget-init.ts`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { startHarness, type Harness } from '../../test/browser/harness.js';
import type { BenchRow } from './row.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = 11;
const W_BYTES_BUDGET = 5120;
const W_THREAD_BUDGET_MS = 2;

/** The fields of a Chromium trace event read here. */
interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  tdur?: number;
  args?: { data?: { url?: string } };
}

interface Sample {
  thread: number;
  later: number;
}

/** Plausible's tracker as one classic script that starts itself, as a site would embed it. */
async function plausibleScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { init } from '@plausible-analytics/tracker';
        init({ domain: location.hostname, endpoint: '/plausible-event', outboundLinks: true, formSubmissions: true, captureOnLocalhost: true, logging: false });`,
      resolveDir: ROOT,
    },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

async function measureOnce(h: Harness, path: string, file: string): Promise<Sample> {
  const context = await h.newContext();
  await h.browser.startTracing(undefined, { categories: ['devtools.timeline'] });
  // What w.js asks the relay must be answered as on a site: a measurement against a relay that
  // fails (a function that did not load) times another program, so it stops the bench.
  const failed: string[] = [];
  const relayApi = (url: string) => url.startsWith(h.relayUrl + '/api/');
  context.on('response', (response) => {
    if (relayApi(response.url()) && response.status() >= 500) failed.push(`${response.status()} ${response.url().split('?')[0]}`);
  });
  // an error answer without CORS headers reaches the page as a failed request, not a response
  context.on('requestfailed', (request) => {
    if (relayApi(request.url())) failed.push(`${request.failure()?.errorText ?? 'failed'} ${request.url().split('?')[0]}`);
  });
  const w = await h.open(path, { context });
  await w.page.waitForTimeout(1500);
  if (failed.length) throw new Error(`the relay failed during the widget bench: ${failed.join(', ')}`);
  const events = JSON.parse((await h.browser.stopTracing()).toString()).traceEvents as TraceEvent[];
  await context.close();
  const ours = (e: TraceEvent) => e.ph === 'X' && !!e.args?.data?.url?.split('?')[0]!.endsWith('/' + file);
  const evaluation = events.find((e) => e.name === 'EvaluateScript' && ours(e));
  if (evaluation?.tdur === undefined) throw new Error(`no evaluation of ${file} in the trace`);
  const tasks = events.filter((e) => (e.name === 'FunctionCall' || e.name === 'TimerFire') && ours(e) && e.tid === evaluation.tid);
  return { thread: evaluation.tdur / 1000, later: tasks.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000 };
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[list.length >> 1]!;
const spread = (list: number[]) => `${Math.min(...list).toFixed(2)}–${Math.max(...list).toFixed(2)}`;

/** Rows: bytes and main-thread time of w.js, the same for Plausible's tracker, and their ratios. */
export async function benchWidgetInit(): Promise<BenchRow[]> {
  const wjs = readFileSync(join(ROOT, 'public/w.js'));
  const plausible = await plausibleScript();
  const h = await startHarness();
  try {
    const page = (body: string) => `<!doctype html><title>bench</title><form><input name="email"><button>Send</button></form>${body}`;
    h.page('/w', page(h.widgetTag()));
    h.page('/plausible', page(`<script defer src="/plausible.js"></script>`));
    h.page('/plausible.js', plausible);
    const ours: Sample[] = [];
    const theirs: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(await measureOnce(h, '/w', 'w.js'));
      theirs.push(await measureOnce(h, '/plausible', 'plausible.js'));
    }
    const wBytes = gzipSync(wjs, { level: 9 }).length;
    const pBytes = gzipSync(plausible, { level: 9 }).length;
    const wThread = median(ours.map((s) => s.thread));
    const pThread = median(theirs.map((s) => s.thread));
    const wLater = median(ours.map((s) => s.later));
    const pLater = median(theirs.map((s) => s.later));
    return [
      { name: 'w.js bytes (min+gzip)', value: wBytes, unit: 'B', target: `≤ ${W_BYTES_BUDGET} B`, pass: wBytes <= W_BYTES_BUDGET, note: `Plausible tracker ${pBytes} B: ${(wBytes / pBytes).toFixed(2)}×` },
      {
        name: 'w.js init main-thread time (median)',
        value: wThread,
        unit: 'ms',
        target: `≤ ${W_THREAD_BUDGET_MS} ms`,
        pass: wThread <= W_THREAD_BUDGET_MS,
        note: `${RUNS} runs, spread ${spread(ours.map((s) => s.thread))} ms; Plausible ${pThread.toFixed(2)} ms (${spread(theirs.map((s) => s.thread))}): ${(wThread / pThread).toFixed(2)}×`,
      },
      { name: 'w.js later tasks in the first 1.5 s (median)', value: wLater, unit: 'ms', note: `Plausible ${pLater.toFixed(2)} ms: ${(wLater / Math.max(pLater, 0.01)).toFixed(2)}×` },
    ];
  } finally {
    await h.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await benchWidgetInit()) console.log(row);
}
