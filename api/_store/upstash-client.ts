import type { Redis, Requester } from '@upstash/redis';

/** Per-request budget for one Upstash call; neither an event nor a consent answer may hang on a slow store. */
const REDIS_TIMEOUT_MS = 2_500;

/** Where the Upstash REST API is (env.ts `redis`). */
export interface UpstashConfig {
  url: string;
  token: string;
}

/**
 * An Upstash client made on its first call: the same client every time after.
 * The stores take this instead of a client so that a cold start that never
 * reaches the store (GET /api/config, POST /api/ids) neither loads
 * `@upstash/redis` nor builds a client (issue 13).
 */
export type UpstashClient = () => Promise<Redis>;

/**
 * The one way this relay builds an Upstash client: the event store, the consent proof log and the
 * rate limiter use it alike. `pipelined` (the rate limiter's client): calls made in the same tick
 * travel as one /pipeline request.
 */
export function createUpstashClient(redis: UpstashConfig, options: { pipelined?: boolean } = {}): UpstashClient {
  let client: Promise<Redis> | undefined;
  return () => {
    client ??= Promise.all([import('@upstash/redis'), import('./upstash-http.js')]).then(([{ Redis }, { nodeHttpRequester }]) =>
      upstashClientFrom(Redis, nodeHttpRequester({ url: redis.url, token: redis.token, timeoutMs: REDIS_TIMEOUT_MS }), redis, options.pipelined === true),
    );
    // A failed load is not kept: the next call tries again (the caller reports this one as unavailable).
    client.catch(() => (client = undefined));
    return client;
  };
}

/** The client createUpstashClient makes, from the loaded class and a requester (exported for the store tests, which use it over the Upstash bridge). */
export function upstashClientFrom(RedisClient: typeof Redis, requester: Requester, redis: UpstashConfig, pipelined: boolean): Redis {
  // The client's commands, options and pipelining, with its requests made by `requester` (node:http,
  // upstash-http.ts says why). Given a requester, the constructor would drop the options below, so
  // the client is built from the config and its requester replaced.
  class OverNodeHttp extends RedisClient {
    constructor() {
      super({
        url: redis.url,
        token: redis.token,
        // Exact strings back: stored JSON and ids must not be re-typed (docs/platform.md §4.1).
        automaticDeserialization: false,
        enableTelemetry: false,
        // One POST per store call, so each call is exactly one round trip and runs in order; the limiter's
        // client pipelines the counts one event makes in the same tick.
        enableAutoPipelining: pipelined,
      });
      // One try per call, REDIS_TIMEOUT_MS each (the requester's): the event store retries network
      // errors itself, safely for claim (redis.ts); a consent call answers fast and the widget re-posts
      // on its next page view. A timeout throws, never a fake success (docs/platform.md §4.1).
      this.client = requester;
    }
  }
  return new OverNodeHttp();
}
