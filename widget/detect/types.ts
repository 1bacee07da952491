import type { RawUserFields } from '../../api/_contract/wire.js';

/** One confirmed conversion found by an adapter. */
export interface Submission {
  /** adapter name: "html", "webflow", "cf7", "hubspot", "typeform", … (sent as source.tool) */
  tool: string;
  /**
   * Once-per-submission key: the same key confirmed twice (double click,
   * a tool firing two success events) becomes one conversion.
   */
  key: string;
  /** stable form identifier (id, name, tool form id) sent as source.form */
  form?: string;
  /** the form or wrapper, for data-capi-* overrides and data-capi-ignore */
  element?: Element;
  /** contact fields the tool or the DOM snapshot gave us */
  fields?: RawUserFields;
  /** the tool's own submission / response / booking id (iframe tools) */
  submissionId?: string;
  /** the id carried into the tool's embed before the visitor submitted: the conversion's event_id (carry-id.ts) */
  carriedId?: string;
}

/** What every adapter gets from the detection core. */
export interface DetectContext {
  /** Report a confirmed success. The core deduplicates by `key` and applies overrides. */
  confirm(submission: Submission): void;
  /** Fields captured at `submit` time for this form, if any (tools that remove the form before their success signal). */
  snapshotOf(form: Element): RawUserFields | undefined;
  /** Run `bind` once `window.jQuery` exists (tools whose success events are jQuery-only). */
  withJQuery(bind: (jq: JQueryLike) => void): void;
  /** Debug-only "skipped, with reason" log; a no-op in production builds. */
  skip(reason: string): void;
  /** Consent allows Meta now (DetectionHost.keep). */
  keep(): boolean;
  /** Run `action` once consent allows Meta: at once when it does (DetectionHost.onConsent). */
  onConsent(action: () => void): void;
  /** `data-capi-ignore` on the element or an ancestor. */
  ignored(el: Element): boolean;
}

/** The slice of jQuery the adapters use (custom-named jQuery events are invisible to addEventListener). */
export interface JQueryLike {
  (target: unknown): { on(events: string, handler: (event: unknown, ...args: unknown[]) => void): unknown };
}

/** An adapter: installs listeners for one tool. All adapters have this shape. */
export interface Adapter {
  name: string;
  /**
   * CSS selector of the forms this tool owns (e.g. ".wpcf7-form"). The generic
   * HTML detection leaves AJAX submissions of these forms to the adapter, so one
   * submission is not counted twice (docs/form-tools.md "Listening strategy" 3).
   * Native (navigating) submits of claimed forms still get the thank-you-page check.
   */
  claims?: string;
  install(ctx: DetectContext): void;
}
