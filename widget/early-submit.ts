import type { RawField } from './capture/fields.js';
import type { FormOverrides } from './config.js';
import type { EarlyEvent } from './detect/host.js';
import { PENDING_KEY, type PendingSubmission } from './detect/navigation.js';

/** The per-form attributes w.js reads (config.ts), also handed to wd.js. */
export interface FormAttrs {
  overrides(el: Element | undefined): FormOverrides;
  ignored(el: Element | undefined): boolean;
}

/**
 * Record a submit that came before wd.js was loaded (a scripted or instant
 * submit with no focus first). The filled fields are copied now, for two uses:
 * - wd.js's replay reads them instead of the live fields: the page may reset the form first;
 * - if the submit navigates, this page is gone before wd.js arrives, so the
 *   filled fields go to sessionStorage as a raw pending submission that the
 *   next page's detection classifies (navigation.ts, fields.ts readRawFields).
 *   wd.js replaces it with a proper snapshot if it loads in time.
 * Password and card fields are never recorded (docs/form-tools.md "Listening strategy" 4).
 */
export function recordEarlySubmit(event: Event, attrs: FormAttrs): EarlyEvent {
  const form = event.target as HTMLFormElement;
  const raw: RawField[] = [];
  form.querySelectorAll<HTMLInputElement>('input,select').forEach((el) => {
    // type password or hidden, autocomplete *-password or cc-*: never copied
    if (el.value && !/password|hidden|cc-/.test(el.type + ' ' + el.autocomplete)) raw.push([el.type, el.name + ' ' + el.id, el.value]);
  });
  if (!attrs.ignored(form)) {
    const pending: PendingSubmission = {
      // detect/engine.ts formName, inlined: one shared module would be bundled into w.js and wd.js
      // both (scripts/size.ts refuses that) and cost w.js 8 B gzip it does not have.
      form: form.getAttribute('id') || form.getAttribute('name') || form.getAttribute('data-name') || undefined,
      raw,
      overrides: attrs.overrides(form),
      at: Date.now(),
      from: location.href.split('#')[0]!,
    };
    try {
      sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    } catch {
      // storage off: only an in-page replay can confirm it
    }
  }
  return [event, raw];
}
