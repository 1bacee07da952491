import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawUserFields } from '../../../api/_core/types.js';
import type { DetectContext, JQueryLike, Submission } from '../../../widget/detect/types.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/forms');

/** Markup of one fixture file, e.g. fixture('cf7/form.html'). */
export const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');

/**
 * A DetectContext that keeps what adapters report. It dedupes by key exactly as
 * the core promises (types.ts), so "one conversion" assertions test the keys
 * adapters choose. Its snapshot is deliberately simple: the email-typed input.
 */
export function fakeContext() {
  const confirmed: Submission[] = [];
  const skipped: string[] = [];
  const keys = new Set<string>();
  const snapshots = new WeakMap<Element, RawUserFields>();
  document.addEventListener(
    'submit',
    (e) => {
      const form = e.target as HTMLFormElement;
      snapshots.set(form, { email: form.querySelector<HTMLInputElement>('input[type=email]')?.value });
    },
    true,
  );
  const ctx: DetectContext = {
    confirm(submission) {
      if (keys.has(submission.key)) return;
      keys.add(submission.key);
      confirmed.push(submission);
    },
    snapshotOf: (form) => snapshots.get(form),
    withJQuery: (bind) => bind((window as { jQuery?: unknown }).jQuery as JQueryLike),
    skip: (reason) => void skipped.push(reason),
  };
  const reset = (): void => {
    confirmed.length = 0;
    skipped.length = 0;
    keys.clear();
    document.body.innerHTML = '';
  };
  return { ctx, confirmed, skipped, reset };
}

/** Fill inputs by name and fire a cancelable `submit` as a browser would (the tools prevent it). */
export function fillAndSubmit(form: HTMLFormElement, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) form.querySelector<HTMLInputElement>(`[name="${name}"]`)!.value = value;
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

/** Let MutationObserver callbacks and timers run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
