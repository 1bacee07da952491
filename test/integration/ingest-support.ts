import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../api/_store/memory.js';
import { loadEnv } from '../../api/_config/env.js';
import { createRuntime, type Runtime, type RuntimeOverrides } from '../../api/_config/runtime.js';
import type { RetryPolicy } from '../../api/_meta/retry.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-api.js';
import { CANARY } from '../support/canaries.js';

export const ORIGIN = 'https://www.example.com';
export const PAGE = 'https://www.example.com/contact?utm_source=meta&fbclid=IwAR-MiXeD_case';
export const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
export const FBC = 'fb.1.1795000000123.IwAR-MiXeD_case';
export const FBP = 'fb.1.1795000000456.1234567890';

/** sha256 computed independently of the code under test. */
export const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Fast policy for tests: real timers, short delays. */
export const FAST_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40, budgetMs: 3000, attemptTimeoutMs: 400 };

export function eventBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: crypto.randomUUID(),
    event_name: 'Lead',
    event_source_url: PAGE,
    user: {
      email: CANARY.email,
      phone: CANARY.phone,
      first_name: CANARY.firstName,
      last_name: CANARY.lastName,
      city: CANARY.city,
      state: 'WA',
      zip: CANARY.zip,
      country: 'US',
    },
    custom_data: { content_name: 'Contact form' },
    consent: { ads: 'granted', gpc: false, source: 'banner' },
    source: { tool: 'webflow', form: 'contact' },
    ...overrides,
  };
}

export function eventRequest(body: unknown, headers: Record<string, string | undefined> = {}): Request {
  const h = new Headers();
  const all: Record<string, string | undefined> = {
    origin: ORIGIN,
    'content-type': 'text/plain;charset=UTF-8',
    'user-agent': UA,
    'x-forwarded-for': `${CANARY.ip}, 10.1.2.3`,
    'x-vercel-ip-country': 'US',
    'x-vercel-ip-country-region': 'WA',
    cookie: `_fbc=${FBC}; _fbp=${FBP}`,
    ...headers,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) h.set(k, v);
  return new Request('https://t.example.com/api/event', { method: 'POST', headers: h, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

export interface TestRuntime {
  runtime: Runtime;
  store: MemoryStore;
  clock: { now: number };
}

/** A runtime over a memory store and a fake clock; live sender when graphUrl is given, else dry-run. */
export async function testRuntime(opts: { graphUrl?: string; pixelId?: string; env?: Record<string, string>; overrides?: RuntimeOverrides } = {}): Promise<TestRuntime> {
  const clock = { now: Date.now() };
  const store = createMemoryStore({ now: () => clock.now });
  const env = loadEnv({
    ALLOWED_ORIGINS: ORIGIN,
    ...(opts.graphUrl ? { META_GRAPH_URL: opts.graphUrl, META_PIXEL_ID: opts.pixelId ?? '1234567890', META_ACCESS_TOKEN: CANARY.accessToken } : {}),
    ...opts.env,
  });
  const runtime = await createRuntime(env, { store, now: () => clock.now, retryPolicy: FAST_POLICY, ...opts.overrides });
  return { runtime, store, clock };
}

/** What a test sees of useFakeGraphRuntime(): read the fields inside a test or hook, not at file level. */
export interface FakeGraphRuntime extends TestRuntime {
  /** The fake Graph API: started once for the file, its requests and queued failures cleared before each test. */
  readonly fake: FakeGraph;
  /** Replace this test's runtime with one built with extra env, still sending to the fake. */
  rebuildRuntime(env: Record<string, string>): Promise<void>;
}

/**
 * Registers the hooks every live-sender file needs (one fake Graph per file, a fresh runtime over a
 * fresh memory store before each test, close at the end) and returns accessors to them. Call it at
 * the top level of the test file, before the file's own hooks, so those see this test's runtime.
 */
export function useFakeGraphRuntime(): FakeGraphRuntime {
  let fake: FakeGraph | undefined;
  let current: TestRuntime | undefined;
  const build = (env: Record<string, string> = {}) => testRuntime({ graphUrl: ready(fake).url, pixelId: ready(fake).pixelId, env });

  beforeAll(async () => {
    fake = await startFakeGraph({ accessToken: CANARY.accessToken });
  });
  afterAll(() => fake?.close());
  beforeEach(async () => {
    ready(fake).reset();
    current = await build();
  });

  return {
    get fake() { return ready(fake); },
    get runtime() { return ready(current).runtime; },
    get store() { return ready(current).store; },
    get clock() { return ready(current).clock; },
    async rebuildRuntime(env) {
      current = await build(env);
    },
  };
}

/** Fails loudly when a test file reads the fake or the runtime outside a test. */
function ready<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('useFakeGraphRuntime: read inside a test or hook, after its hooks ran');
  return value;
}

/** The whole user_data the canary body should produce (hashes computed here, not by the code under test). */
export function expectedUserData(): Record<string, unknown> {
  return {
    em: [sha(CANARY.emailNormalized)],
    ph: [sha(CANARY.phoneDigits)],
    fn: [sha('zebulon')],
    ln: [sha('quackenbush')],
    ct: [sha('wallawalla')],
    st: [sha('wa')],
    zp: [sha(CANARY.zip)],
    country: [sha('us')],
    client_ip_address: CANARY.ip,
    client_user_agent: UA,
    fbc: FBC,
    fbp: FBP,
  };
}
