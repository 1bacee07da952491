import { Client } from '@upstash/qstash';
import type { QStashEnv } from './env.js';

/**
 * The QStash client, a lazy part (`#lazy/_config/qstash-client`, docs/platform.md §1.12): the
 * scheduler asks for it on the first event that turns pending, so a cold start neither compiles
 * nor runs @upstash/qstash (46 KB of the event bundle) for the events that are sent at once.
 */
export function createQStashClient(config: QStashEnv): Client {
  return new Client({ token: config.token, baseUrl: config.url, enableTelemetry: false, devMode: false, retry: { retries: 1 } });
}
