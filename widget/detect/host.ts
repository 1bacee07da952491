import type { RawField } from '../capture/fields.js';
import type { FormOverrides } from '../config.js';
import type { Submission } from './types.js';

/** Receives each confirmed conversion once, with the per-form overrides that apply to it. */
export type ConversionHandler = (submission: Submission, overrides: FormOverrides) => void;

/**
 * An event w.js saw before wd.js was loaded: a `submit` (with the filled
 * fields at submit time, since the page may reset the form before the chunk
 * arrives) or a `message` from a tool's frame. wd.js replays them in order.
 */
export type EarlyEvent = [event: Event, fields?: readonly RawField[]];

/**
 * What w.js hands to the detection chunk's `start`: the chunk needs config,
 * consent and transport only through this object, so no module is bundled in
 * both files (STYLE.md "Split by load boundary").
 */
export interface DetectionHost {
  /** each confirmed conversion, once; w.js applies consent, Pixel and transport */
  convert: ConversionHandler;
  /** `data-capi-event` / `-value` / `-currency` of a form (config.ts formOverrides) */
  overrides(el: Element | undefined): FormOverrides;
  /** `data-capi-ignore` on the element or an ancestor (config.ts isIgnored) */
  ignored(el: Element | undefined): boolean;
  /**
   * Consent allows Meta now: only then may a submission be kept in sessionStorage for the next
   * page (w.js always passes it; a host without it, as in unit tests, keeps).
   */
  keep?(): boolean;
  /**
   * Run `action` once consent allows Meta (w.js's whenAllowed; dropped if the visitor refuses).
   * A host without it, as in unit tests, runs it at once.
   */
  onConsent?(action: () => void): void;
  /** events from before the chunk loaded, oldest first. @default [] */
  early?: readonly EarlyEvent[];
  /** turn on the chunk's skip log (debug builds only). @default false */
  debug?: boolean;
}

/** The module public/wd.js exports. */
export interface DetectionChunk {
  start(host: DetectionHost): void;
}
