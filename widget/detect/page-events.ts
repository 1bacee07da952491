import type { RawField } from '../capture/fields.js';
import { skip } from '../debug.js';
import type { EarlyEvent } from './host.js';

/** A listener for a live event, or for a replayed one with the fields w.js recorded at submit time. */
export type PageListener = (event: any, recorded?: readonly RawField[]) => void;

const listeners: Record<string, PageListener[]> = {};

/**
 * addEventListener for the two events w.js buffers until this chunk loads:
 * `submit` (on document, capture phase, so it is seen before page handlers
 * can stop it) and `message` (on window). Remembered so replayEarly can hand
 * the buffered events to exactly these listeners, never to the page's own.
 */
export function listen(type: 'submit' | 'message', listener: PageListener): void {
  (listeners[type] ??= []).push(listener);
  if (type == 'submit') document.addEventListener(type, listener, true);
  else addEventListener(type, listener);
}

/** Run the listeners registered so far on events that happened before they existed, in order. */
export function replayEarly(early: readonly EarlyEvent[]): void {
  for (const [event, recorded] of early)
    for (const listener of listeners[event.type] ?? []) {
      try {
        listener(event, recorded);
      } catch {
        skip('replay failed');
      }
    }
}
