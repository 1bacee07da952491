import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { loadEnv } from '../../api/_core/env.js';
import { handleEvent } from '../../api/_core/ingest.js';
import { createRuntime, type Runtime } from '../../api/_core/runtime.js';
import { createMemoryStore } from '../../api/_core/store-memory.js';
import type { BenchRow } from './row.js';

/** Concurrency the target is stated for. */
const CONCURRENCY = 50;
const WARMUP_REQUESTS = 500;
const MEASURED_REQUESTS = 5000;
const P99_TARGET_MS = 10;
const ORIGIN = 'https://www.example.com';
const TOKEN = 'bench-token';
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

/**
 * Ingest throughput and latency: 50 concurrent POSTs through handleEvent (body
 * read, validation, consent, normalize+hash, claim, send, save) with the embedded
 * store and the fake Graph API in its own process on loopback, so the HTTP call
 * to "Meta" is real network work, as in production.
 */
export async function benchIngest(): Promise<BenchRow[]> {
  const graph = await startGraphProcess();
  try {
    const live = await measure(await runtimeFor({ META_GRAPH_URL: graph.url, META_PIXEL_ID: '1234567890', META_ACCESS_TOKEN: TOKEN }));
    const dry = await measure(await runtimeFor({}));
    return [
      { name: 'ingest, live send to loopback fake Graph', value: live.perSec, unit: 'events/s', note: `${CONCURRENCY} concurrent, ${MEASURED_REQUESTS} events, ${live.errors} non-200` },
      { name: 'ingest p50 latency (live)', value: live.p50, unit: 'ms' },
      { name: 'ingest p99 latency (live)', value: live.p99, unit: 'ms', target: `≤ ${P99_TARGET_MS} ms`, pass: live.p99 <= P99_TARGET_MS },
      { name: 'ingest p99 latency (dry-run, no network)', value: dry.p99, unit: 'ms', note: `${dry.perSec.toFixed(0)} events/s, p50 ${dry.p50.toFixed(2)} ms` },
    ];
  } finally {
    graph.child.kill();
  }
}

async function runtimeFor(vars: Record<string, string>): Promise<Runtime> {
  const env = loadEnv({ ALLOWED_ORIGINS: ORIGIN, ...vars });
  return createRuntime(env, { store: createMemoryStore(), log: () => undefined, dryRunWrite: () => undefined });
}

function request(i: number): Request {
  const body = JSON.stringify({
    event_id: crypto.randomUUID(),
    event_source_url: 'https://www.example.com/contact?utm_source=bench',
    user: { email: `lead${i}@example.com`, phone: `+1 415 555 ${String(i % 10_000).padStart(4, '0')}`, first_name: 'Ada', last_name: 'Lovelace', city: 'San Francisco', state: 'CA', zip: '94107', country: 'US' },
    custom_data: { content_name: 'Contact form' },
    consent: { ads: 'granted', gpc: false },
    source: { form: `form-${i}` },
  });
  return new Request('https://t.example.com/api/event', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA, 'x-forwarded-for': '198.51.100.7', 'x-vercel-ip-country': 'US', 'x-vercel-ip-country-region': 'CA', cookie: '_fbp=fb.1.1795000000456.1234567890' },
    body,
  });
}

async function measure(runtime: Runtime): Promise<{ perSec: number; p50: number; p99: number; errors: number }> {
  let next = 0;
  let errors = 0;
  const run = async (total: number, latencies: number[]) => {
    next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const req = request(i + latencies.length * 7919);
        const start = performance.now();
        const res = await handleEvent(req, runtime);
        await res.arrayBuffer();
        latencies.push(performance.now() - start);
        if (res.status !== 200) errors++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  };
  await run(WARMUP_REQUESTS, []);
  errors = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await run(MEASURED_REQUESTS, latencies);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { perSec: MEASURED_REQUESTS / seconds, p50: pct(0.5), p99: pct(0.99), errors };
}

/** The fake Graph API in a child process (its own event loop, like a remote server). */
async function startGraphProcess(): Promise<{ url: string; child: ChildProcess }> {
  const code = `
    const { startFakeGraph } = await import(${JSON.stringify(new URL('../../test/fakes/graph-api.ts', import.meta.url).href)});
    const fake = await startFakeGraph({ accessToken: ${JSON.stringify(TOKEN)} });
    setInterval(() => fake.reset(), 1000); // don't hoard recorded requests
    console.log(fake.url);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await once(lines, 'line')) as [string];
  return { url, child };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchIngest()) console.log(row);
}
