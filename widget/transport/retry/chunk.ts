/**
 * wr.js, the retry chunk: w.js imports it only after the relay did not acknowledge a lead (a
 * network error or a 5xx, transport/send.ts) or when sessionStorage holds one from an earlier
 * page view. It keeps the body in sessionStorage (this tab only) until the relay answers, retries
 * with backoff while the page lives, and sends it once more on the next page view. A 2xx (sent,
 * pending or duplicate: the event_id makes every retry safe) or a 4xx (the relay refused it; the
 * same body would be refused again) ends it and deletes the stored copy. Nothing is kept longer
 * than a day.
 */
import { UNSENT_KEY } from '../retry-key.js';

/** One lead waiting: its JSON body and when it was first kept (ms). */
interface Unsent {
  body: string;
  at: number;
}

/** Waits before the tries made while the page lives (after the failure that loaded the chunk). */
export const RETRY_DELAYS_MS = [1_000, 4_000, 15_000, 60_000];
/** A lead older than this is dropped unsent (issue 10: at most a day). */
export const MAX_KEEP_MS = 86_400_000;

/**
 * w.js calls this with the relay's base URL and the body that just failed, or with no body on a
 * page view that found stored leads: those are sent now.
 */
export function start(endpoint: string, failedBody?: string): void {
  const url = endpoint + 'api/send';
  if (failedBody !== undefined) {
    keep(failedBody);
    later(url, failedBody, 0);
  } else {
    for (const { body } of readUnsent()) attempt(url, body, 0);
  }
}

function attempt(url: string, body: string, tries: number): void {
  try {
    fetch(url, { method: 'POST', keepalive: true, credentials: 'include', body }).then(
      (answer) => (answer.status < 500 ? forget(body) : later(url, body, tries)),
      () => later(url, body, tries),
    );
  } catch {
    later(url, body, tries);
  }
}

function later(url: string, body: string, tries: number): void {
  const delay = RETRY_DELAYS_MS[tries];
  if (delay !== undefined) setTimeout(() => attempt(url, body, tries + 1), delay);
  // else: it stays stored for the next page view (until a day has passed)
}

function keep(body: string): void {
  const unsent = readUnsent().filter((u) => u.body !== body);
  unsent.push({ body, at: Date.now() });
  writeUnsent(unsent);
}

function forget(body: string): void {
  writeUnsent(readUnsent().filter((u) => u.body !== body));
}

/** The stored leads younger than a day (older ones are dropped here). */
function readUnsent(): Unsent[] {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(UNSENT_KEY) ?? '[]');
    const fresh = Array.isArray(stored) ? stored.filter((u: Unsent) => typeof u?.body == 'string' && Date.now() - u.at < MAX_KEEP_MS) : [];
    if (!Array.isArray(stored) || fresh.length !== stored.length) writeUnsent(fresh);
    return fresh;
  } catch {
    writeUnsent([]); // corrupt: cleared, so later page views stop loading this chunk for it
    return []; // (or storage blocked: retry only while the page lives)
  }
}

function writeUnsent(unsent: Unsent[]): void {
  try {
    if (unsent.length) sessionStorage.setItem(UNSENT_KEY, JSON.stringify(unsent));
    else sessionStorage.removeItem(UNSENT_KEY);
  } catch {
    /* storage full or blocked */
  }
}
