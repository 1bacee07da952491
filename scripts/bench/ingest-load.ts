import { openSync, writeSync } from 'node:fs';
import { loadEnv } from '../../api/_config/env.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { createEventLogger } from '../../api/_pipeline/log.js';
import { createRuntime, type Runtime, type RuntimeOverrides } from '../../api/_config/runtime.js';
import { createMemoryStore } from '../../api/_store/memory.js';
import { processCpuUs, runClosedLoop, type LoopFigures } from './closed-loop.js';
import { liftedLimiter } from './unlimited-limiter.js';

/** The load the ingest benchmark drives: widget-shaped POSTs, built and measured alike for every figure. */

export const ORIGIN = 'https://www.example.com';
export const TOKEN = 'bench-token';
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
const HEADERS = { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA, 'x-forwarded-for': '198.51.100.7', 'x-vercel-ip-country': 'US', 'x-vercel-ip-country-region': 'CA', cookie: '_fbp=fb.1.1795000000456.1234567890' };

/** One measured round, plus another process's CPU per call (NaN when not asked). */
export type Round = LoopFigures & { otherCpuUs: number };

/** How a figure is measured: warm-up, then `rounds` rounds of `events`. */
export interface RoundPlan {
  concurrency: number;
  warmup: number;
  events: number;
  rounds: number;
  /** a process whose CPU per call is reported too (the fake Graph) */
  otherPid?: number;
}

let serial = 0;

/** A lead as the widget posts it; every one distinct (new event_id, email, phone), so none is a duplicate. */
function eventBody(): string {
  const i = serial++;
  return JSON.stringify({
    event_id: crypto.randomUUID(),
    event_source_url: 'https://www.example.com/contact?utm_source=bench',
    user: { email: `lead${i}@example.com`, phone: `+1 415 555 ${String(i % 10_000).padStart(4, '0')}`, first_name: 'Ada', last_name: 'Lovelace', city: 'San Francisco', state: 'CA', zip: '94107', country: 'US' },
    custom_data: { content_name: 'Contact form' },
    consent: { ads: 'granted', gpc: false },
    source: { form: `form-${i}` },
  });
}

// Bodies are made before each round, so the generator's JSON work is not charged to the relay;
// the Request itself is built inside the timed call, as a platform builds one per request.
const ready: string[] = [];
function prepareBodies(n: number): void {
  while (ready.length < n) ready.push(eventBody());
}

/** A fresh widget POST as a platform hands it to the function. */
export function eventRequest(): Request {
  return new Request('https://t.example.com/api/event', { method: 'POST', headers: HEADERS, body: ready.pop() ?? eventBody() });
}

/**
 * A runtime on the embedded store whose event log goes through the real logger
 * into /dev/null, so formatting and the write syscall are paid as in production,
 * and whose rate limiter does the embedded limiter's real bookkeeping for every
 * event (a runtime handed its own store gets none, and production never skips it).
 */
export async function benchRuntime(vars: Record<string, string>, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const env = loadEnv({ ALLOWED_ORIGINS: ORIGIN, ...vars });
  const devNull = openSync('/dev/null', 'w');
  const write = (line: string) => void writeSync(devNull, `${line}\n`);
  return createRuntime(env, { store: createMemoryStore(), log: createEventLogger(write), dryRunWrite: write, limiter: liftedLimiter(), ...overrides });
}

/** One event through the whole handler; true when it was answered 200. */
export async function postEvent(runtime: Runtime): Promise<boolean> {
  const res = await handleEvent(eventRequest(), runtime);
  await res.arrayBuffer();
  return res.status === 200;
}

/** Warm up (JIT, sockets), then the measured rounds. */
export async function measureRounds(call: () => Promise<boolean>, plan: RoundPlan): Promise<Round[]> {
  await warmUp(call, plan);
  const rounds: Round[] = [];
  for (let r = 0; r < plan.rounds; r++) rounds.push(await measureRound(call, plan));
  return rounds;
}

/**
 * Two calls measured in turn in one process: after both warm up, each round of `first` is followed
 * at once by a round of `second`. A pair is then taken seconds apart under the same load, in the
 * same heap and JIT state, which a ratio of the two needs on a shared box (rounds of separate
 * processes, a minute apart, swung the no-pipeline floor between 49 and 90 µs per call).
 */
export async function measureInTurn(first: () => Promise<boolean>, second: () => Promise<boolean>, plan: RoundPlan): Promise<{ first: Round[]; second: Round[] }> {
  await warmUp(first, plan);
  await warmUp(second, plan);
  const out: { first: Round[]; second: Round[] } = { first: [], second: [] };
  for (let r = 0; r < plan.rounds; r++) {
    out.first.push(await measureRound(first, plan));
    out.second.push(await measureRound(second, plan));
  }
  return out;
}

async function warmUp(call: () => Promise<boolean>, plan: RoundPlan): Promise<void> {
  prepareBodies(plan.warmup);
  await runClosedLoop(plan.warmup, plan.concurrency, call);
}

async function measureRound(call: () => Promise<boolean>, plan: RoundPlan): Promise<Round> {
  prepareBodies(plan.events);
  const before = processCpuUs(plan.otherPid);
  const figures = await runClosedLoop(plan.events, plan.concurrency, call);
  return { ...figures, otherCpuUs: (processCpuUs(plan.otherPid) - before) / plan.events };
}
