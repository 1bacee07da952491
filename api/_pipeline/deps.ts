import type { Env } from '../_config/env.js';
import type { EventLogger } from './log.js';
import type { PauseNotice } from './pause.js';
import type { RetryScheduler } from './retry-scheduler.js';
import type { Sender } from '../_meta/sender.js';
import type { RateLimiter } from '../_store/limiter.js';
import type { Store } from '../_store/store.js';

/** What the pipeline needs; all I/O comes in here. */
export interface PipelineDeps {
  env: Env;
  store: Store;
  sender: Sender;
  now: () => number;
  log: EventLogger;
  /** the once-a-minute "sending paused" line. @default sharedPauseNotice */
  pauseNotice?: PauseNotice;
  /** asks for a sweep when an event turns pending (QStash, when configured); absent: cron and the dev timer sweep */
  retryScheduler?: RetryScheduler;
  /** rate limits: per IP and origin, and bursts of identical submissions (_http/rate-limits.ts); none in some tests */
  limiter?: RateLimiter;
}

