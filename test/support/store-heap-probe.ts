/**
 * Run with --expose-gc (test/unit/api/_store/memory-footprint.test.ts): the JavaScript heap the
 * embedded store keeps per stored event, after a full GC, for widget-shaped events claimed with a
 * raw receipt, a dedup key and two identities and then saved as sent. Prints JSON on stdout.
 */
import { createHash } from 'node:crypto';
import { createMemoryStore } from '../../api/_store/memory.js';
import type { ConversionRecord } from '../../api/_contract/records.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const EVENTS = 5_000;
const hex = (text: string) => createHash('sha256').update(text).digest('hex');
const store = createMemoryStore({ now: () => 1_795_000_000_000 });

async function storeOne(i: number): Promise<void> {
  const eventId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const email = hex(`lead${i}@example.com`);
  const phone = hex(`1415555${i}`);
  const record: ConversionRecord = {
    event_id: eventId,
    event_name: 'Lead',
    state: 'received',
    received_at: 1_795_000_000_000,
    updated_at: 1_795_000_000_000,
    event_time: 1_795_000_000,
    event_source_url: 'https://www.example.com/contact',
    consent: { ads: 'granted', gpc: false, verdict: 'allowed', basis: 'granted' },
    attempts: [],
    payload: { event_name: 'Lead', event_time: 1_795_000_000, event_id: eventId, action_source: 'website', event_source_url: 'https://www.example.com/contact', user_data: { em: [email], ph: [phone], client_user_agent: 'Mozilla/5.0' }, data_processing_options: [] },
    dedup_key: hex(`dedup${i}`),
    next_attempt_at: 1_795_000_060_000,
  };
  const raw = { event_id: eventId, received_at: record.received_at, user: { email: `lead${i}@example.com`, phone: `+1 415 555 ${i}` }, client_user_agent: 'Mozilla/5.0' };
  await store.claim({ record, raw, dedupKey: record.dedup_key, identities: [`em:${email}`, `ph:${phone}`], dedupTtlSec: 600, rawTtlSec: 7 * 86_400, recordTtlSec: 30 * 86_400 });
  delete record.next_attempt_at;
  await store.save({ ...record, state: 'sent', attempts: [{ at: 1_795_000_000_001, duration_ms: 1, status: 200, outcome: 'ok' }] }, { ifAwaitingSend: true });
}

for (let i = 0; i < 500; i += 1) await storeOne(i);
gc();
gc();
const before = process.memoryUsage().heapUsed;
for (let i = 500; i < 500 + EVENTS; i += 1) await storeOne(i);
gc();
gc();
console.log(JSON.stringify({ heapBytesPerEvent: Math.round((process.memoryUsage().heapUsed - before) / EVENTS), stored: store.countEntries().records }));
