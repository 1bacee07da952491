import { skip } from './debug.js';
import type { EarlyEvent } from './detect/host.js';
import { PENDING_KEY } from './detect/navigation.js';
import { UNSENT_KEY } from './transport/retry-key.js';
import { recordEarlySubmit, type FormAttrs } from './early-submit.js';

/** What the intent loader calls. */
export interface IntentConfig {
  /** Import wd.js and start it with the events seen so far (the array keeps growing until it starts). Called at most once. */
  load(early: EarlyEvent[]): Promise<unknown>;
  /** data-capi-* of a form, for a submit seen before wd.js started (early-submit.ts) */
  attrs: FormAttrs;
  /** Called once when an earlier page view kept a lead the relay did not acknowledge (transport/retry/chunk.ts). */
  unsent(): void;
}

/** Where typing or clicking means "about to convert": any form, and the tool containers that may hold no <form>. */
const CONTAINERS = 'form,.klaviyo-form,.hs-form-html';

/**
 * Load the detection chunk (wd.js) once, on the first sign of intent, so
 * pages nobody converts on only pay for w.js. The rules:
 * (a) `focusin` or `mousedown` inside a form or tool container (CONTAINERS),
 *     capture phase on document: inline tools (CF7, WPForms, Gravity, Ninja,
 *     Fluent, Formidable, Elementor, Webflow, Mailchimp, HubSpot, Klaviyo) and
 *     plain forms all need typing in our document before their success signal;
 * (b) a `submit` (recorded with its filled fields and replayed by wd.js; the
 *     record survives a navigation, see early-submit.ts);
 * (c) a submission pending from the previous page (the thank-you page flow);
 * (d) a `message` from a child frame, recorded and replayed: every iframe tool
 *     (Typeform, Tally, Jotform, Fillout, Calendly, Cal.com, HubSpot's frame)
 *     reports success only by postMessage, and the visitor's typing happens in
 *     the frame, never in our document. Frames talk early (ready, resize), so
 *     the chunk is in place long before a success message; a frame that stays
 *     silent until its success still converts, since that message is replayed.
 *     A "window blur into an iframe" rule would add nothing: without a message
 *     no iframe tool can convert. Pages with other talking frames (ads, video
 *     players) load wd.js too, lazily.
 * No adapter confirms without one of these: Klaviyo's and HubSpot v4's window
 * events follow typing in their forms in our document (a).
 */
export function loadOnIntent(config: IntentConfig): void {
  const early: EarlyEvent[] = [];
  // 0 waiting, 1 loading, 2 wd.js started (it listens itself) or failed
  let state = 0;
  const load = (): void => {
    if (state) return;
    state = 1;
    config
      .load(early)
      .catch(() => skip('wd.js failed to load'))
      .then(() => (state = 2));
  };
  const on = (target: EventTarget, type: string, listener: (event: any) => unknown): void =>
    target.addEventListener(type, (event) => state < 2 && listener(event), target == document);
  const inTool = (event: Event): unknown => (event.target as Element).closest?.(CONTAINERS) && load();

  on(document, 'focusin', inTool);
  // mousedown, not pointerdown: a first pointer (or touch) listener makes Chromium update its input
  // handler regions, 0.1–2 ms at load; taps still focus fields (focusin) and fire compatibility mousedowns
  on(document, 'mousedown', inTool);
  on(document, 'submit', (event: Event) => {
    early.push(recordEarlySubmit(event, config.attrs));
    load();
  });
  on(window, 'message', (event: MessageEvent) => {
    if (event.source && event.source != window) {
      early.push([event]);
      load();
    }
  });
  // one task later: the first storage access of a page is a slow synchronous load
  setTimeout(() => {
    try {
      const storage = sessionStorage;
      if (storage.getItem(PENDING_KEY)) load();
      // read here too: this task already paid for the page's first storage access
      if (storage.getItem(UNSENT_KEY)) config.unsent();
    } catch {
      // storage off: nothing can be pending
    }
  });
}
