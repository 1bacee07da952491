import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formOverrides, isIgnored } from '../../../../../widget/config.js';
import { startDetection } from '../../../../../widget/detect/engine.js';
import type { Adapter, Submission } from '../../../../../widget/detect/types.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/forms');

/** Markup of one fixture file, e.g. fixture('cf7/form.html'). */
export const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');

// happy-dom hands out forms as proxies (querySelector results, event targets)
// but closest() returns the bare object behind the proxy, so one form would be
// two objects and every WeakMap lookup by form would miss. A browser has one
// object; make closest() return the proxy as well.
const closest = Element.prototype.closest;
Element.prototype.closest = function (this: Element, selector: string) {
  const found = closest.call(this, selector) as (Element & Record<symbol, Element | undefined>) | null;
  const proxy = found && Object.getOwnPropertySymbols(found).find((symbol) => symbol.description == 'proxy');
  return (proxy && found[proxy]) || found;
} as typeof closest;

/**
 * The real detection core (detect/index.ts) running `adapters`: its submit
 * snapshots, honeypot check and once-per-key dedupe are what the adapters rely
 * on, so the tests assert what the widget would actually send on. Call once per
 * test file (it installs document listeners); `reset` between tests.
 */
export function runDetection(adapters: readonly Adapter[]) {
  const confirmed: Submission[] = [];
  startDetection(adapters, { convert: (submission) => void confirmed.push(submission), overrides: formOverrides, ignored: isIgnored });
  const reset = (): void => {
    confirmed.length = 0;
    document.body.innerHTML = '';
  };
  return { confirmed, reset };
}

/** Fill inputs by name and fire a cancelable `submit` as a browser would (the tools prevent it). */
export function fillAndSubmit(form: HTMLFormElement, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) form.querySelector<HTMLInputElement>(`[name="${name}"]`)!.value = value;
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

/** Let MutationObserver callbacks and timers run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A tool's iframe as its embed script leaves it: a real contentWindow, and srcdoc keeps happy-dom from fetching `src`. */
export function toolFrame(src: string, parent: Element = document.body): HTMLIFrameElement {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('src', src);
  iframe.setAttribute('srcdoc', '');
  parent.append(iframe);
  return iframe;
}
