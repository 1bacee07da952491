/**
 * Run in a process started with --allow-natives-syntax (test/unit/api/_pipeline/record-shape.test.ts):
 * one widget-shaped event through handleEvent on the embedded store and a Graph transport answering
 * `STATUS`, printing whether the record the post-send save received is still a fast (not dictionary)
 * object, as JSON on stdout.
 */
import { loadEnv } from '../../api/_config/env.js';
import { createRuntime } from '../../api/_config/runtime.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import { createMemoryStore } from '../../api/_store/memory.js';
import type { ConversionRecord } from '../../api/_contract/records.js';
import type { Store } from '../../api/_store/store.js';

const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: unknown) => boolean;
const status = Number(process.env['STATUS'] ?? 200);
const store = createMemoryStore();
let saved: ConversionRecord | undefined;
const watched: Store = { ...store, save: (record, options) => ((saved = record), store.save(record, options)) };
const env = loadEnv({ ALLOWED_ORIGINS: 'https://www.example.com', META_PIXEL_ID: '1234567890', META_ACCESS_TOKEN: 'probe-token', META_GRAPH_URL: 'http://127.0.0.1:9' });
const runtime = await createRuntime(env, {
  store: watched,
  log: () => undefined,
  transport: async () => (status === 200 ? { status, body: { events_received: 1, fbtrace_id: 'probe' }, retryAfter: null } : { status, body: { error: { code: status === 400 ? 100 : 1, message: 'refused', type: 'OAuthException' } }, retryAfter: null }),
  retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, budgetMs: 1_000, attemptTimeoutMs: 500 },
});
const body = JSON.stringify({ event_id: crypto.randomUUID(), event_source_url: 'https://www.example.com/contact', user: { email: 'ada@example.org', phone: '+1 415 555 0100', first_name: 'Ada' }, consent: { ads: 'granted', gpc: false } });
const request = new Request('https://t.example.com/api/event', { method: 'POST', headers: { origin: 'https://www.example.com', 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36', cookie: '_fbp=fb.1.1795000000456.1234567890' }, body });
const answer = await handleEvent(request, runtime);
console.log(JSON.stringify({ answered: answer.status, state: saved?.state, deduplicated: saved?.dedup_key !== undefined, fast: hasFastProperties(saved) }));
