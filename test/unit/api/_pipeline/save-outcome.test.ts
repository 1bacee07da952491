import { describe, expect, it } from 'vitest';
import { saveOutcome } from '../../../../api/_pipeline/save-outcome.js';
import { StoreError } from '../../../../api/_store/error.js';
import type { Store } from '../../../../api/_store/store.js';
import type { ConversionRecord } from '../../../../api/_contract/records.js';

const record = { event_id: 'ev-1', state: 'sent' } as ConversionRecord;

function flakyStore(failures: StoreError[]): { store: Store; saves: () => number } {
  let saves = 0;
  const store = {
    save: async () => {
      saves += 1;
      const failure = failures.shift();
      if (failure) throw failure;
    },
  } as unknown as Store;
  return { store, saves: () => saves };
}

describe('saveOutcome', () => {
  it('tries again when the store was unreachable, so a sent event is not left for a second send', async () => {
    const { store, saves } = flakyStore([new StoreError('save', 'unavailable'), new StoreError('save', 'unavailable')]);
    await saveOutcome(store, record);
    expect(saves()).toBe(3);
  });

  it('gives up after three tries with the last error', async () => {
    const { store, saves } = flakyStore([1, 2, 3, 4].map(() => new StoreError('save', 'unavailable')));
    await expect(saveOutcome(store, record)).rejects.toBeInstanceOf(StoreError);
    expect(saves()).toBe(3);
  });

  it('does not retry a record that no longer exists', async () => {
    const { store, saves } = flakyStore([new StoreError('save', 'not_found')]);
    await expect(saveOutcome(store, record)).rejects.toMatchObject({ failure: 'not_found' });
    expect(saves()).toBe(1);
  });
});
