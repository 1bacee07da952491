import { serviceUnavailable } from './answers.js';

/** Seconds an admin client should wait when the store is down. */
const STORE_DOWN_RETRY_AFTER_SEC = 5;

/**
 * Run an admin action against the store; a store failure (a StoreError, whose
 * message holds no key or value) answers 503 with Retry-After instead of
 * escaping as a crash.
 */
export async function withStore(action: () => Promise<Response>): Promise<Response> {
  try {
    return await action();
  } catch {
    return serviceUnavailable(STORE_DOWN_RETRY_AFTER_SEC);
  }
}
