import { DEBUG_BUILD } from './debug.js';
/** Settings from the widget's own `<script>` tag, read once at load. */
export interface WidgetConfig {
  /** `data-pixel-id`: the Meta pixel (dataset) id. Without it the Pixel is not loaded. */
  pixelId?: string;
  /** `data-event`: event name for form conversions. @default "Lead" */
  event: string;
  /** `data-value`: conversion value sent as custom_data.value. */
  value?: number;
  /** `data-currency`: ISO 4217 code sent with the value. */
  currency?: string;
  /** `data-endpoint`: base URL of the relay, with one trailing slash (`<base>api/send`). @default the folder w.js was loaded from */
  endpoint: string;
  /** `data-load-pixel`: load fbevents.js when the page has no `fbq`. @default true */
  loadPixel: boolean;
  /** `data-debug`: log why conversions were skipped (debug builds only; absent from a production build). @default false */
  debug?: boolean;
}

/** Per-form overrides from `data-capi-*` on the form or the closest ancestor carrying each one. */
export interface FormOverrides {
  event?: string;
  value?: number;
  currency?: string;
}

/** The script tag that loaded us: currentScript while running, else the first `/w.js` tag. */
export function findOwnScript(): HTMLScriptElement | null {
  return (document.currentScript as HTMLScriptElement | null) ?? document.querySelector('script[src*="/w.js"]');
}

function toValue(raw: string | null | undefined): number | undefined {
  const n = raw ? Number(raw) : NaN;
  // below 1e9: no lead is worth more, and the server refuses values past MAX_EVENT_VALUE anyway
  return n >= 0 && n < 1e9 ? n : undefined;
}

function toCurrency(raw: string | null | undefined): string | undefined {
  return raw && /^[a-z]{3}$/i.test(raw.trim()) ? raw.trim().toUpperCase() : undefined;
}

/**
 * A standard or custom event name (docs/meta-capi.md §2). It is part of the dedup
 * key, so it must reach the Pixel and the server identically: plain characters only, our own cap of 50.
 */
function toEventName(raw: string | null | undefined): string | undefined {
  return raw && /^[\w -]{1,50}$/.test(raw.trim()) ? raw.trim() : undefined;
}

function isOff(raw: string | null | undefined): boolean {
  return /^(false|0|no)$/.test(raw as string);
}

/** A present flag attribute that is not "false", "0" or "no" (`data-debug`, `data-ldu`, …). */
export function isOn(raw: string | undefined): boolean {
  return raw !== undefined && !isOff(raw);
}

/**
 * The folder w.js was loaded from: the relay's origin (`https://t.example.com/`),
 * or the path a site's own host proxies to it (`https://www.example.com/t/`,
 * docs/platform.md §1.10), so one tag works in both. The page's origin when there
 * is no src (or a malformed one, which could not load).
 */
function ownBase(script: HTMLScriptElement | null): string {
  try {
    if (script?.src) return new URL('.', script.src).href;
  } catch {
    // fall through to the page origin
  }
  return location.origin + '/';
}

/**
 * Read the script tag's data-* once. Read-only by type: the object never leaves
 * w.js's closure, so a runtime freeze would only cost bytes on every page.
 */
export function readConfig(script: HTMLScriptElement | null): Readonly<WidgetConfig> {
  const data = script?.dataset ?? {};
  return {
    pixelId: /^\d{5,20}$/.test(data.pixelId ?? '') ? data.pixelId : undefined,
    event: toEventName(data.event) ?? 'Lead',
    value: toValue(data.value),
    currency: toCurrency(data.currency),
    endpoint: data.endpoint ? data.endpoint.replace(/\/*$/, '/') : ownBase(script),
    loadPixel: !isOff(data.loadPixel),
    // only debug builds read it (debug.ts): a production w.js carries no debug switch
    ...(DEBUG_BUILD && { debug: isOn(data.debug) }),
  };
}

function closestData(el: Element | undefined, attr: string): string | undefined {
  return el?.closest(`[${attr}]`)?.getAttribute(attr) ?? undefined;
}

/** `data-capi-ignore` on the form or any ancestor (an explicit "false" does not count). */
export function isIgnored(el: Element | undefined): boolean {
  return isOn(closestData(el, 'data-capi-ignore'));
}

/** `data-capi-event` / `-value` / `-currency`, each from the closest ancestor that has it. */
export function formOverrides(el: Element | undefined): FormOverrides {
  return {
    event: toEventName(closestData(el, 'data-capi-event')),
    value: toValue(closestData(el, 'data-capi-value')),
    currency: toCurrency(closestData(el, 'data-capi-currency')),
  };
}
