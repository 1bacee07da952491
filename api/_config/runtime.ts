import { createDryRunSender } from '../_meta/dry-run-sender.js';
import { createGraphSender } from '../_meta/graph-sender.js';
import type { RetryClock, RetryPolicy } from '../_meta/retry.js';
import type { Sender } from '../_meta/sender.js';
import type { GraphTransport } from '../_meta/transport.js';
import type { PipelineDeps } from '../_pipeline/accept-event.js';
import type { RetryScheduler } from '../_pipeline/retry-scheduler.js';
import type { SweepLimits } from '../_pipeline/sweep.js';
import { consentSaltFor } from '../_pipeline/consent/visitor-hash.js';
import { createEventLogger } from '../_pipeline/log.js';
import type { ConsentProofStore } from '../_store/proof-store.js';
import type { Store } from '../_store/store.js';
import type { RateLimiter } from '../_store/limiter.js';
import { limiterFor } from './limiters.js';
import { loadEnv, type Env } from './env.js';
import { wireEnvDeps } from './route-deps.js';

/**
 * The wired dependencies of every route, built once per process: the one way
 * a route gets what it needs. A handler (api/_http/handlers/) takes the part
 * it reads; its HTTP rules (CORS) come from `env` there (_http/cors.ts corsFor).
 */
export interface Runtime extends PipelineDeps {
  storeKind: 'upstash' | 'memory' | 'custom';
  /** the consent proof log: Upstash or embedded, like `store` (_config/proof-stores.ts proofStoreFor) */
  readonly proofs: ConsentProofStore;
  /** salt of the visitor hash in proofs and withdrawal markers (_pipeline/consent/visitor-hash.ts consentSaltFor) */
  salt: string;
  /** how much one sweep does (tests, bench). @default DEFAULT_SWEEP_LIMITS */
  sweepLimits?: SweepLimits;
}

/** Replacements for tests, benchmarks and the dev server; anything absent is built from env. */
export interface RuntimeOverrides {
  store?: Store;
  proofs?: ConsentProofStore;
  sender?: Sender;
  now?: () => number;
  log?: PipelineDeps['log'];
  limiter?: RateLimiter;
  /** how the live Graph sender POSTs. @default nodeTransport */
  transport?: GraphTransport;
  retryPolicy?: RetryPolicy;
  retryClock?: RetryClock;
  /** where the dry-run sender writes its line. @default console.log */
  dryRunWrite?: (line: string) => void;
  /** @default QStash when configured (env.qstash), else none */
  retryScheduler?: RetryScheduler;
  sweepLimits?: SweepLimits;
}

/** "live" when a token and pixel id are configured, else "dry-run". */
export function describeSender(env: Env): 'live' | 'dry-run' {
  return env.metaAccessToken && env.metaPixelId ? 'live' : 'dry-run';
}

/** Build a runtime from an explicit env (tests, dev server). The store module loads only when needed. */
export async function createRuntime(env: Env, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  // Loaded lazily so importing a handler doesn't pull in the Upstash client (cold start).
  const [{ createStoreFromEnv, describeStore }, { proofStoreFor }] = await Promise.all([import('./stores.js'), import('./proof-stores.js')]);
  warnAboutTestCode(env);
  let store = overrides.store;
  let storeKind: Runtime['storeKind'] = 'custom';
  if (!store) {
    store = createStoreFromEnv(env);
    storeKind = describeStore(env);
  }
  // QStash loads only when configured: without it, nothing of it is imported.
  const retryScheduler = overrides.retryScheduler ?? (env.qstash ? (await import('./qstash-scheduler.js')).createQStashScheduler(env.qstash) : undefined);
  return {
    env,
    store,
    storeKind,
    ...(retryScheduler ? { retryScheduler } : {}),
    ...(overrides.sweepLimits ? { sweepLimits: overrides.sweepLimits } : {}),
    sender: overrides.sender ?? buildSender(env, overrides),
    now: overrides.now ?? Date.now,
    log: overrides.log ?? createEventLogger(),
    // A runtime handed its own store (tests, benchmarks, the soak) is limited only when handed a limiter
    // too: their thousands of events from one origin are load, not abuse.
    limiter: overrides.limiter ?? (overrides.store ? undefined : limiterFor(env)),
    // Read on use, as POST /api/consent always did: setProofStore (dev server, tests) takes effect.
    get proofs() {
      return overrides.proofs ?? proofStoreFor(env);
    },
    salt: consentSaltFor(env),
  };
}

/**
 * Test events still count for measurement (docs/meta-capi.md §0.8): a test code
 * left on production is loud in the log at every start (and fails the doctor).
 */
export function warnAboutTestCode(env: Env, warn: (line: string) => void = console.warn): void {
  if (env.metaTestEventCode && env.vercelEnv === 'production') {
    warn('[capi-relay] WARNING: META_TEST_EVENT_CODE is set on a production deployment (VERCEL_ENV=production). Every event goes to Events Manager → Test events and still counts. Remove it and redeploy.');
  }
}

function buildSender(env: Env, overrides: RuntimeOverrides): Sender {
  if (env.metaAccessToken && env.metaPixelId) {
    return createGraphSender({
      graphUrl: env.metaGraphUrl,
      pixelId: env.metaPixelId,
      accessToken: env.metaAccessToken,
      ...(env.metaTestEventCode ? { testEventCode: env.metaTestEventCode } : {}),
      ...(overrides.retryPolicy ? { policy: overrides.retryPolicy } : {}),
      ...(overrides.retryClock ? { clock: overrides.retryClock } : {}),
      ...(overrides.transport ? { transport: overrides.transport } : {}),
    });
  }
  return createDryRunSender(overrides.dryRunWrite ? { write: overrides.dryRunWrite } : {});
}

let shared: Promise<Runtime> | undefined;

/**
 * The process-wide runtime, built from process.env on first use (lazily, so a
 * cold import stays cheap). A failed build (EnvError) is not cached: the next
 * request tries again and reports the same named variable.
 */
export function getRuntime(): Promise<Runtime> {
  shared ??= Promise.resolve()
    .then(() => createRuntime(loadEnv()))
    .catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  return shared;
}

let sharedSource: Record<string, string | undefined> | undefined;

/** Make getRuntime() return `runtime` (the dev server wires its own), built from `source`. */
export function setRuntime(runtime: Runtime | undefined, source?: Record<string, string | undefined>): void {
  shared = runtime ? Promise.resolve(runtime) : undefined;
  wireEnvDeps(runtime ? { env: runtime.env, now: runtime.now } : undefined);
  sharedSource = runtime ? source : undefined;
}

/** The raw environment the process runtime reads (GET /api/admin/status reports on it). */
export function getEnvSource(): Record<string, string | undefined> {
  return sharedSource ?? process.env;
}
