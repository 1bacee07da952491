import { readFields, readRawFields, type FormSnapshot, type RawField } from '../capture/fields.js';
import type { FormOverrides } from '../config.js';
import { skip } from '../debug.js';
import type { DetectionHost } from './host.js';
import { watchAjaxSubmission, isWatching } from './inline-form.js';
import { dropPending, isThankYouArrival, savePending, takePending, type PendingSubmission } from './navigation.js';
import { listen, replayEarly } from './page-events.js';
import type { Adapter, DetectContext, JQueryLike, Submission } from './types.js';

export type { ConversionHandler } from './host.js';

/** Forms that are not leads (docs/form-tools.md "Listening strategy" 4): search, login, payment, comments. */
const NOT_LEAD_FORM = '[role=search],#commentform';
const NOT_LEAD_FIELD = '[type=search],[type=password],[autocomplete^=cc-],[name=s]';
/**
 * Login and payment by their markup too (names, ids, labels): a card field with type="tel" and no
 * autocomplete, a "show password" toggle that made the password field type=text. Not
 * autocomplete="new-password" (the "-" before it): Gravity Forms puts it on its honeypot. w.js's
 * early-submit.ts applies the same test (without iban) before it keeps anything of a form.
 */
const NOT_LEAD_MARKUP = /cc-|[^-]passw|card|iban/i;
/** Keep a navigating submit pending this long after submit in case the page leaves later (AJAX then redirect). */
const IN_FLIGHT_MS = 10_000;
/** How long withJQuery waits for a late jQuery (WordPress sites often defer it). */
const JQUERY_POLLS = 40;
const JQUERY_POLL_MS = 250;

/** A form's stable name, sent as `source.form`; w.js inlines the same rule (early-submit.ts). */
function formName(form: Element): string | undefined {
  // getAttribute: form.id / form.name are shadowed by inputs named "id" / "name"
  return form.getAttribute('id') || form.getAttribute('name') || form.getAttribute('data-name') || undefined;
}

function isLeadForm(form: HTMLFormElement): boolean {
  return (
    !form.matches(NOT_LEAD_FORM) &&
    !form.querySelector(NOT_LEAD_FIELD) &&
    !NOT_LEAD_MARKUP.test(form.innerHTML) &&
    !/\/search|[?&]s=/.test(form.getAttribute('action') ?? '')
  );
}

/**
 * Start detection: install every adapter, snapshot every form submit (capture
 * phase on document, so forms added later are covered without new listeners),
 * confirm plain forms by the DOM heuristics, replay the events w.js saw before
 * this chunk loaded (`host.early`), and confirm a submission pending from the
 * previous page. Each submission key converts at most once.
 */
export function startDetection(adapters: readonly Adapter[], host: DetectionHost): void {
  const { convert: onConversion, overrides: formOverrides, ignored: isIgnored } = host;
  const keep = (): boolean => host.keep?.() ?? true;
  const early = host.early ?? [];
  const snapshots = new WeakMap<Element, FormSnapshot>();
  const seen = new Set<string>();
  const keys = new WeakMap<Element, string>();
  let counter = 0;
  let inFlight: PendingSubmission | undefined;

  // the element may be the form, a wrapper around it (CF7 ≤ 5.3) or a field inside it
  const snapshotFor = (el: Element): FormSnapshot | undefined =>
    snapshots.get(el) ?? snapshots.get(el.closest('form')!) ?? snapshots.get(el.querySelector('form')!);

  const confirm = (submission: Submission, overrides?: FormOverrides): void => {
    try {
      const snapshot = submission.element && snapshotFor(submission.element);
      if (seen.has(submission.key)) return skip('duplicate ' + submission.key);
      if (isIgnored(submission.element)) return skip('data-capi-ignore');
      if (snapshot?.trapped) return skip('honeypot filled');
      seen.add(submission.key);
      // confirmed here: the next page must not confirm it again
      inFlight = undefined;
      dropPending();
      onConversion({ ...submission, fields: submission.fields ?? snapshot?.fields }, overrides ?? formOverrides(submission.element));
    } catch {
      skip('conversion failed');
    }
  };

  const ctx: DetectContext = {
    confirm: (submission) => confirm(submission),
    snapshotOf: (form) => {
      const snapshot = snapshotFor(form);
      return snapshot && !snapshot.trapped ? snapshot.fields : undefined;
    },
    withJQuery: (bind) => {
      let polls = 0;
      const attempt = (): void => {
        if (typeof window.jQuery === 'function') {
          try {
            bind(window.jQuery as JQueryLike);
          } catch {
            skip('jQuery binding failed');
          }
        } else if (polls++ < JQUERY_POLLS) setTimeout(attempt, JQUERY_POLL_MS);
      };
      attempt();
    },
    skip,
    keep,
    onConsent: (action) => (host.onConsent ? host.onConsent(action) : action()),
    ignored: isIgnored,
  };

  const onSubmit = (event: Event, recorded?: readonly RawField[]): void => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (isIgnored(form)) return skip('data-capi-ignore');
    if (!isLeadForm(form)) return skip('not a lead form');
    const snapshot = readFields(form, recorded);
    snapshots.set(form, snapshot);
    if (snapshot.trapped) return skip('honeypot filled');
    const owner = adapters.find((adapter) => adapter.claims && form.matches(adapter.claims));
    // a replay sees the fields after the page may have reset them: the browser validated them at submit time
    if (!owner && !recorded && !form.checkValidity()) return skip('invalid form');
    if (!owner && !Object.keys(snapshot.fields).length) return skip('no contact fields');
    // a resubmit during a watch (double click) is the same submission
    const key = (isWatching(form) && keys.get(form)) || `${owner?.name ?? 'html'}:${formName(form) ?? 'form'}:${++counter}`;
    keys.set(form, key);
    const pending: PendingSubmission = {
      key,
      tool: owner?.name ?? 'html',
      form: formName(form),
      fields: snapshot.fields,
      overrides: formOverrides(form),
      at: Date.now(),
      from: location.href.split('#')[0]!,
    };
    // saved before we know: a native submit may unload the page before any timer runs — but only while
    // consent allows Meta; before that the submission stays in memory (docs/form-tools.md "Listening strategy" 4)
    if (keep()) savePending(pending);
    inFlight = pending;
    setTimeout(() => {
      if (!event.defaultPrevented) return; // the browser navigates; the next page confirms
      dropPending();
      setTimeout(() => inFlight === pending && (inFlight = undefined), IN_FLIGHT_MS);
      if (owner) return; // the tool's adapter reports success
      watchAjaxSubmission(form, snapshot, () =>
        confirm({ tool: 'html', key, form: pending.form, element: form, fields: snapshot.fields }, pending.overrides),
      );
    }, 0);
  };

  for (const adapter of adapters) {
    try {
      adapter.install(ctx);
    } catch {
      skip(adapter.name + ' failed to install');
    }
  }
  listen('submit', onSubmit);
  // An AJAX submit that ends in a scripted redirect: the thank-you page decides.
  addEventListener('pagehide', () => inFlight && keep() && savePending(inFlight));

  let arrived = takePending();
  // Raw values under the key with an early submit on this page: w.js wrote them
  // for this page's submit (replayed next, which saves a proper snapshot if it navigates).
  if (arrived?.raw && early.some(([event]) => event.type == 'submit')) arrived = undefined;
  replayEarly(early);
  if (arrived) {
    const decide = (): void => {
      if (!isThankYouArrival(arrived, Date.now())) return skip('no thank-you page after submit');
      // w.js's record of a submit it saw before detection loaded: classify it now
      const raw = arrived.raw && readRawFields(arrived.raw);
      if (raw?.trapped) return skip('honeypot filled');
      if (raw && !Object.keys(raw.fields).length) return skip('no contact fields');
      confirm({ tool: arrived.tool ?? 'html', key: arrived.key ?? 'html:early', form: arrived.form, fields: raw ? raw.fields : arrived.fields }, arrived.overrides);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', decide);
    else decide();
  }
}
