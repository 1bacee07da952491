import type { DetectContext } from './types.js';
import { listen } from './page-events.js';
import { confirmForm, trackSubmits } from './tool-form.js';

// Long enough for a slow AJAX round trip or Gravity's hidden-iframe postback
// (file uploads), short enough that nothing watches the page for good.
const WATCH_MS = 60_000;

/**
 * For tools with no success event (Webflow, Mailchimp, Gravity Forms 2.9+):
 * after each submit of a form matching `forms`, watch the page until
 * `isShown(form)` turns true — then confirm once — or WATCH_MS passes.
 * A success state already showing at submit time must disappear first, so a
 * stale "thanks" from an earlier submit never confirms a new one. A new submit
 * of a form with the same id ends the older watch: Gravity re-renders the form
 * after a failed validation, and only the latest submit may claim the
 * confirmation that follows. A submit replayed from before wd.js loaded
 * (`recorded`) may have been answered already: a success state showing at
 * replay counts at once (none can be stale: nothing was watched before).
 */
export function confirmWhenShown(
  ctx: DetectContext,
  tool: string,
  forms: string,
  isShown: (form: HTMLFormElement) => unknown,
): void {
  trackSubmits();
  const watching: Record<string, MutationObserver> = {};
  listen('submit', (e: Event, recorded?: unknown) => {
    const form = e.target as HTMLFormElement;
    if (!form.matches(forms)) return;
    // after the replay's other listeners: the core's submit snapshot must exist first
    if (recorded && isShown(form)) return queueMicrotask(() => confirmForm(ctx, tool, form));
    let armed = !!recorded || !isShown(form);
    const watch = new MutationObserver(() => {
      if (!isShown(form)) armed = true;
      else if (armed) {
        watch.disconnect();
        confirmForm(ctx, tool, form);
      }
    });
    watching[form.id]?.disconnect();
    watching[form.id] = watch;
    watch.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
    setTimeout(() => watch.disconnect(), WATCH_MS);
  });
}

/** In the page and displayed per computed style (tools toggle inline `display`; their CSS hides by default). */
export const isDisplayed = (el: Element | null | undefined): boolean =>
  !!el?.isConnected && getComputedStyle(el).display != 'none';
