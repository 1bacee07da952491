/**
 * The sweeper's figures for `npm run bench` (issue 10): a sweep over 1,000 pending events against
 * the fake Graph API (≤ 10 s, ≤ 3 Redis round trips per event), next to a baseline of the same
 * 1,000 events POSTed straight to the fake in the same slices; then the fault soak's figures
 * (scripts/bench/fault-soak.ts). Redis runs as a private redis-server when one can be started, so
 * its command counters (INFO commandstats) count only this benchmark; otherwise the shared one,
 * and commands are not reported.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis as IORedis } from 'ioredis';
import { loadEnv } from '../../api/_config/env.js';
import { createRuntime } from '../../api/_config/runtime.js';
import { unlimitedLimiter } from './unlimited-limiter.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { GRAPH_API_VERSION } from '../../api/_meta/graph-sender.js';
import { nodeTransport } from '../../api/_meta/transport.js';
import { PENDING_RETRY_DELAY_MS } from '../../api/_pipeline/deliver.js';
import { DEFAULT_SWEEP_LIMITS, sweep } from '../../api/_pipeline/sweep.js';
import { startUpstashBridge } from '../../test/fakes/upstash-bridge.js';
import { REDIS_HOST, REDIS_PORT } from '../../test/support/redis.js';
import { runFaultSoak } from './fault-soak.js';
import { startGraphProcess } from './fake-graph-process.js';
import type { BenchRow } from './row.js';

const TOKEN = 'bench-sweep-token-0123456789';
const ORIGIN = 'https://www.example.com';
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
const PENDING = 1_000;

export async function benchSweep(): Promise<BenchRow[]> {
  const redis = await startPrivateRedis();
  try {
    return [...(await benchThousandPending(redis?.port)), ...(await benchSoak(redis?.port))];
  } finally {
    redis?.stop();
  }
}

async function benchThousandPending(redisPort: number | undefined): Promise<BenchRow[]> {
  const graph = await startGraphProcess(TOKEN);
  const bridge = await startUpstashBridge(redisPort ? { redisPort } : {});
  const prefix = `bench:sweep:${Date.now()}:`;
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  const env = loadEnv({ ALLOWED_ORIGINS: ORIGIN, UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: bridge.token, REDIS_PREFIX: prefix, META_GRAPH_URL: graph.url, META_PIXEL_ID: '1234567890', META_ACCESS_TOKEN: TOKEN });
  const quiet = () => undefined;
  try {
    // 1,000 events that Meta did not take (a sender answering "pending"), stored by the real handler.
    const down = await createRuntime(env, { now, log: quiet, limiter: unlimitedLimiter, sender: { kind: 'live', send: async () => ({ state: 'pending', attempts: [], reason: 'retry_budget_exhausted' }) } });
    for (let i = 0; i < PENDING; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => handleEvent(eventRequest(i + j), down)));
    }
    const payloads = [];
    for (const id of await down.store.listDue(now() + PENDING_RETRY_DELAY_MS, PENDING)) payloads.push(JSON.stringify((await down.store.get(id))!.payload!));

    // Baseline: the same events POSTed straight to the fake in the sweep's slices, no store at all.
    const url = `${graph.url}/${GRAPH_API_VERSION}/1234567890/events`;
    const baselineStarted = performance.now();
    for (let i = 0; i < payloads.length; i += DEFAULT_SWEEP_LIMITS.sliceSize) {
      const answer = await nodeTransport(url, `{"data":[${payloads.slice(i, i + DEFAULT_SWEEP_LIMITS.sliceSize).join(',')}],"access_token":"${TOKEN}"}`, 10_000);
      if (answer.status !== 200) throw new Error(`bench sweep: baseline POST answered ${answer.status}`);
    }
    const baselineMs = performance.now() - baselineStarted;

    const live = await createRuntime(env, { now, log: quiet, limiter: unlimitedLimiter });
    offsetMs += PENDING_RETRY_DELAY_MS + 1_000;
    const commandsBefore = await commandCount(redisPort);
    bridge.resetRequestCount();
    const started = performance.now();
    let sent = 0;
    for (;;) {
      const report = await sweep(live, DEFAULT_SWEEP_LIMITS);
      sent += report.sent;
      if (!report.more) break;
    }
    const ms = performance.now() - started;
    const roundTrips = bridge.requestCount / Math.max(1, sent);
    const commands = redisPort ? ((await commandCount(redisPort))! - commandsBefore!) / Math.max(1, sent) : undefined;
    if (sent !== PENDING) throw new Error(`bench sweep: sent ${sent} of ${PENDING}`);
    return [
      { name: `sweep ${PENDING} pending → sent (baseline: same events POSTed straight, ${baselineMs.toFixed(0)} ms)`, value: ms / 1000, unit: 's', target: '≤ 10 s', pass: ms <= 10_000 },
      { name: 'sweep: Redis round trips per event', value: roundTrips, unit: 'round trips', target: '≤ 3', pass: roundTrips <= 3 },
      ...(commands !== undefined ? [{ name: 'sweep: Redis commands per event (EVAL + commands in it)', value: commands, unit: 'commands' }] : []),
    ];
  } finally {
    graph.child.kill();
    await bridge.close();
    await deletePrefix(prefix, redisPort ?? REDIS_PORT);
  }
}

async function benchSoak(redisPort: number | undefined): Promise<BenchRow[]> {
  let commandsBefore: number | undefined;
  const started = performance.now();
  const soak = await runFaultSoak(redisPort ? { redisPort } : {}, async () => {
    commandsBefore = await commandCount(redisPort);
  });
  const commandsAfter = await commandCount(redisPort);
  const total = (performance.now() - started) / 1000;
  const ok = soak.lost === 0 && soak.acceptedTwice === 0 && soak.acceptedOnce === soak.distinct;
  const rows: BenchRow[] = [
    { name: `soak: ${soak.posts} POSTs (${soak.distinct} ids, ${soak.replays} replays in flight) → Meta once each`, value: soak.acceptedOnce, unit: 'ids', target: `= ${soak.distinct}, 0 twice, 0 lost`, pass: ok, note: `twice ${soak.acceptedTwice}, lost ${soak.lost}; whole soak ${total.toFixed(1)} s` },
    { name: 'soak: faults', value: soak.failedRequests, unit: 'failed requests', note: `${soak.faultedEvents} events with one 503/613, a ${soak.outageMs} ms outage, 1 killed send; ${soak.storeRetries} POSTs re-sent after a 503` },
    { name: 'soak: ingest of all POSTs', value: soak.ingestMs / 1000, unit: 's', note: `${soak.pendingAfterIngest} left pending` },
    { name: 'soak: sweeps (two at once) until nothing due', value: soak.sweeps, unit: 'sweeps', note: `${soak.sweptEvents} events sent by them` },
    { name: 'soak: time to drain', value: soak.drainMs / 1000, unit: 's' },
    { name: 'soak: Redis round trips per swept event', value: soak.roundTripsPerSweptEvent, unit: 'round trips', target: '≤ 3', pass: soak.roundTripsPerSweptEvent <= 3 },
  ];
  if (commandsBefore !== undefined && commandsAfter !== undefined) {
    rows.push({ name: 'soak: Redis commands per swept event (EVAL + commands in it)', value: (commandsAfter - commandsBefore) / Math.max(1, soak.sweptEvents), unit: 'commands' });
  }
  return rows;
}

function eventRequest(i: number): Request {
  const body = {
    event_id: crypto.randomUUID(),
    event_name: 'Lead',
    event_source_url: `${ORIGIN}/contact`,
    user: { email: `bench-sweep-${i}-${Math.random().toString(36).slice(2)}@example.com`, country: 'US' },
    consent: { ads: 'granted', gpc: false, source: 'banner' },
  };
  return new Request('https://t.example.com/api/event', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA, 'x-forwarded-for': '203.0.113.9', 'x-vercel-ip-country': 'US' },
    body: JSON.stringify(body),
  });
}

/** A redis-server of our own on a free port, or undefined when none can be started. */
async function startPrivateRedis(): Promise<{ port: number; stop(): void } | undefined> {
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await Promise.race([once(child, 'spawn'), once(child, 'error').then(([e]) => Promise.reject(e))]);
  } catch {
    return undefined;
  }
  const client = new IORedis({ host: REDIS_HOST, port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => undefined); // refused until the server is up: the loop below retries
  for (let i = 0; i < 50; i += 1) {
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return { port, stop: () => child.kill() };
    } catch {
      client.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill();
  return undefined;
}

/** Commands the private Redis has run (every cmdstat except the INFO/CONFIG used to read them). */
async function commandCount(port: number | undefined): Promise<number | undefined> {
  if (!port) return undefined;
  const client = new IORedis({ host: REDIS_HOST, port, maxRetriesPerRequest: 1 });
  try {
    const info = await client.info('commandstats');
    let total = 0;
    for (const [, name, calls] of info.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)) if (!/^(info|config|hello|client)/.test(name!)) total += Number(calls);
    return total;
  } finally {
    client.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function deletePrefix(prefix: string, port: number): Promise<void> {
  const client = new IORedis({ host: REDIS_HOST, port, maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await benchSweep()) console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit}${row.target ? ` (target ${row.target}: ${row.pass ? 'PASS' : 'MISS'})` : ''}${row.note ? ` — ${row.note}` : ''}`);
}
