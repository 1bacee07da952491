import { Receiver } from '@upstash/qstash';
import type { QStashEnv } from '../_config/env.js';

/** Seconds of clock difference tolerated on the signature's time claims. */
const CLOCK_TOLERANCE_SEC = 30;

/**
 * True when `signature` (the Upstash-Signature header) is a valid QStash signature of this
 * exact body for the configured sweep URL, under the current or the next signing key
 * (docs/platform.md §1.8). Imported only for requests that carry the header.
 */
export async function isSignedByQStash(config: QStashEnv, signature: string, body: string): Promise<boolean> {
  const receiver = new Receiver({ currentSigningKey: config.currentSigningKey, nextSigningKey: config.nextSigningKey, devMode: false });
  try {
    return await receiver.verify({ signature, body, url: config.sweepUrl, clockTolerance: CLOCK_TOLERANCE_SEC });
  } catch {
    return false;
  }
}
