import { enableDebug } from '../debug.js';
import { ADAPTERS } from './adapters/registry.js';
import type { DetectionHost } from './host.js';
import { startDetection } from './engine.js';

/**
 * Entry of the lazy chunk public/wd.js: form detection, field capture, the
 * tool adapters and the postMessage plumbing. w.js imports it once, when the
 * visitor shows an intent to convert (widget/intent.ts), and calls `start`.
 */
export function start(host: DetectionHost): void {
  enableDebug(!!host.debug);
  startDetection(ADAPTERS, host);
}
