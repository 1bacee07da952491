import type { ConversionRecord } from '../_contract/records.js';
import type { Store } from '../_store/store.js';

/** Pauses before the extra tries of a save that failed. */
const SAVE_RETRY_DELAYS_MS = [100, 400];

/**
 * Save a record after a send. A save lost after Meta accepted the event would leave it
 * `received` (or pending) with its lease, and the sweeper would send it a second time once
 * the lease ends; a few quick extra tries make that window much smaller. Rejects with the
 * last StoreError when every try failed.
 */
export async function saveOutcome(store: Store, record: ConversionRecord): Promise<void> {
  for (let i = 0; ; i += 1) {
    try {
      await store.save(record);
      return;
    } catch (error) {
      const delay = SAVE_RETRY_DELAYS_MS[i];
      if (delay === undefined || (error as { failure?: string }).failure === 'not_found') throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
