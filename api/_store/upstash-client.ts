import { Redis } from '@upstash/redis';

/** Per-request budget for one Upstash call; neither an event nor a consent answer may hang on a slow store. */
const REDIS_TIMEOUT_MS = 2_500;

/** Where the Upstash REST API is (env.ts `redis`). */
export interface UpstashConfig {
  url: string;
  token: string;
}

/**
 * The one way this relay builds an Upstash client: the event store and the consent proof log use it alike.
 * `pipelined` (the rate limiter's client): calls made in the same tick travel as one /pipeline request.
 */
export function createUpstashClient(redis: UpstashConfig, options: { pipelined?: boolean } = {}): Redis {
  return new Redis({
    url: redis.url,
    token: redis.token,
    // Exact strings back: stored JSON and ids must not be re-typed (docs/platform.md §4.1).
    automaticDeserialization: false,
    enableTelemetry: false,
    // One POST per store call, so each call is exactly one round trip and runs in order.
    enableAutoPipelining: options.pipelined === true,
    // One try per call: the event store retries network errors itself, safely for claim (redis.ts);
    // a consent call answers fast and the widget re-posts on its next page view.
    retry: { retries: 0 },
    // The function form makes an abort throw instead of returning a fake success (docs/platform.md §4.1).
    signal: () => AbortSignal.timeout(REDIS_TIMEOUT_MS),
  });
}
