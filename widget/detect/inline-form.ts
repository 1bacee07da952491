import type { FormSnapshot } from '../capture/fields.js';
import { isShown } from '../capture/honeypot.js';
import { saysError, saysThanks } from './text-signals.js';

/** "within ~10 s of the submit" (docs/form-tools.md "AJAX path") */
const WATCH_MS = 10_000;
/** Re-check now and then: a script that empties fields by hand makes no mutation record. */
const POLL_MS = 500;
/** Elements that show a problem: marked fields, or error-styled elements with text. */
const ERROR_MARKERS = '[aria-invalid=true],[class*=error],[class*=invalid],[class*=danger],[class*=fail]';

/** Stops the watch of each form, so a resubmit (double click) restarts rather than doubles it. */
const watches = new WeakMap<Element, () => void>();

function visibleText(el: HTMLElement): string {
  return el.innerText ?? el.textContent ?? '';
}

function showsError(container: HTMLElement): boolean {
  for (const el of Array.from(container.querySelectorAll(ERROR_MARKERS))) {
    if (isShown(el) && (el.matches('input,select,textarea') || el.textContent!.trim())) return true;
  }
  return false;
}

/**
 * Watch an AJAX submission of a plain form for success (docs/form-tools.md "AJAX
 * path"): thank-you text appears near the form, or the form is hidden /
 * removed, or its fields are emptied, while no error shows. `onSuccess` runs
 * at most once; the watch ends after it or after WATCH_MS.
 */
export function watchAjaxSubmission(form: HTMLFormElement, snapshot: FormSnapshot, onSuccess: () => void): void {
  watches.get(form)?.();
  // the form's parent also holds the sibling success/error boxes (Webflow's .w-form-done, most themes)
  const container = form.parentElement ?? form;
  const before = visibleText(container);
  const thankedBefore = saysThanks(before);
  const erredBefore = saysError(before);

  const check = (): void => {
    const now = visibleText(container);
    if (showsError(container) || (!erredBefore && saysError(now))) return;
    const thanked = !thankedBefore && saysThanks(now);
    const gone = !form.isConnected || !isShown(form);
    const emptied = snapshot.filled.length > 0 && snapshot.filled.every((el) => !el.value);
    if (thanked || gone || emptied) {
      stop();
      onSuccess();
    }
  };
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const soon = (): void => {
    clearTimeout(debounce);
    debounce = setTimeout(check, 30);
  };
  const observer = new MutationObserver(soon);
  observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
  form.addEventListener('reset', soon);
  const poll = setInterval(check, POLL_MS);
  const end = setTimeout(() => stop(), WATCH_MS);
  function stop(): void {
    observer.disconnect();
    form.removeEventListener('reset', soon);
    clearInterval(poll);
    clearTimeout(debounce);
    clearTimeout(end);
    watches.delete(form);
  }
  watches.set(form, stop);
}

/** True while a submission of this form is being watched. */
export function isWatching(form: Element): boolean {
  return watches.has(form);
}
