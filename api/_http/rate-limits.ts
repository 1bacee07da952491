import type { RateLimiter, RateRule } from '../_store/limiter.js';
import { tooManyRequests } from './answers.js';
import { BURST_RULE } from '../_pipeline/abuse.js';

/**
 * Limits on POST /api/event, set far above what real sites do: one visitor
 * sends one event per form submission, so 60 a minute from one IP leaves
 * room for an office or a mobile carrier's shared address, and 1,200 a
 * minute from one site origin is twenty leads a second.
 */
export const EVENT_PER_IP: RateRule = { name: 'ip', limit: 60, windowSec: 60 };
export const EVENT_PER_ORIGIN: RateRule = { name: 'origin', limit: 1_200, windowSec: 60 };
/** Wrong admin tokens from one IP before it must wait: guessing a 24+ character token stays hopeless. */
export const ADMIN_AUTH_FAILURES: RateRule = { name: 'admin-auth', limit: 10, windowSec: 900 };

/** The limits' answer for one event: a 429 to send back, or whether it is a burst. */
export interface EventLimits {
  refused?: Response;
  burst: boolean;
}

/**
 * Count one event against the IP, origin and burst limits, all in the same
 * tick so the Upstash limiter sends them as one pipelined request (one round
 * trip). IP or origin spent → 429 with Retry-After; a burst is not refused
 * but stored as `filtered` (the pipeline's abuse filter). A request without a
 * public client IP (local runs) is limited by its origin only.
 */
export async function checkEventLimits(limiter: RateLimiter | undefined, clientIp: string | undefined, origin: string | null, burstKey: string | undefined): Promise<EventLimits> {
  if (!limiter) return { burst: false };
  const [ip, site, burst] = await Promise.all([
    clientIp ? limiter.hit(EVENT_PER_IP, clientIp) : undefined,
    origin ? limiter.hit(EVENT_PER_ORIGIN, origin) : undefined,
    burstKey ? limiter.hit(BURST_RULE, burstKey) : undefined,
  ]);
  if (ip && !ip.allowed) return { refused: tooManyRequests(ip.retryAfterMs / 1000, 'per-ip'), burst: false };
  if (site && !site.allowed) return { refused: tooManyRequests(site.retryAfterMs / 1000, 'per-origin'), burst: false };
  return { burst: burst ? !burst.allowed : false };
}
