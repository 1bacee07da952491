import type { RawField } from './capture/fields.js';
import type { FormOverrides } from './config.js';
import type { EarlyEvent } from './detect/host.js';
import { PENDING_KEY, type PendingSubmission } from './detect/navigation.js';

/** The per-form attributes w.js reads (config.ts), also handed to wd.js. */
export interface FormAttrs {
  overrides(el: Element | undefined): FormOverrides;
  ignored(el: Element | undefined): boolean;
  /** consent allows Meta now: only then may a submission be kept in sessionStorage for the next page */
  keep(): boolean;
}

/**
 * Record a submit that came before wd.js was loaded (a scripted or instant
 * submit with no focus first). The filled fields are copied now, for two uses:
 * - wd.js's replay reads them instead of the live fields: the page may reset the form first;
 * - if the submit navigates, this page is gone before wd.js arrives, so the
 *   filled fields go to sessionStorage as a raw pending submission that the
 *   next page's detection classifies (navigation.ts, fields.ts readRawFields).
 *   wd.js replaces it with a proper snapshot if it loads in time.
 * Only lead forms are copied, never a password, card or hidden field nor a card
 * number in any field, and sessionStorage only while consent allows Meta; before
 * that the copy stays in memory (docs/form-tools.md "Listening strategy" 4).
 */
export function recordEarlySubmit(event: Event, attrs: FormAttrs): EarlyEvent {
  const form = event.target as HTMLFormElement;
  const raw: RawField[] = [];
  form.querySelectorAll<HTMLInputElement>('input,select').forEach((el) => {
    // password and hidden fields (the only input types starting with p or h): never copied; card fields
    // mark the form as a payment form (below)
    if (el.value && !/^[hp]/.test(el.type)) raw.push([el.type, el.name + ' ' + el.id, el.value]);
  });
  // Kept past this page only while consent allows Meta, and only for a form with no sign of a login or payment
  // in its markup: password or card fields by type, name, autocomplete or label ("show password" makes one
  // type=text); not autocomplete="new-password", which Gravity Forms puts on its honeypot. Such a form is no
  // lead (detect/engine.ts NOT_LEAD_MARKUP, which also knows iban: no bytes for it here), and its copy stays in
  // memory, where wd.js refuses it; wd.js also never takes a card number (Luhn) for contact data.
  if (attrs.keep() && !/cc-|[^-]passw|card/i.test(form.innerHTML) && !attrs.ignored(form)) {
    const pending: PendingSubmission = {
      // detect/engine.ts formName, inlined: one shared module would be bundled into w.js and wd.js
      // both (scripts/size.ts refuses that) and cost w.js 8 B gzip it does not have.
      // null (no name) reads like undefined on the next page: source.form is left out either way
      form: (form.getAttribute('id') || form.getAttribute('name') || form.getAttribute('data-name')) as string | undefined,
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
