/**
 * POST a JSON string to the relay so it survives a navigation (docs/platform.md
 * §3.1): keepalive fetch with credentials (a same-site API gets our cookies), a
 * string body (text/plain, CORS-safelisted) and no custom headers, so no
 * preflight. When the relay does not acknowledge it — a network error, a
 * refused keepalive (quota), a fetch that throws, or a 5xx (the store was down:
 * nothing acknowledged) — the body goes to `retry`, the lazy retry chunk
 * (transport/retry/chunk.ts), which keeps it in sessionStorage until the relay
 * answers. It replaces the sendBeacon fallback: a beacon shares the keepalive
 * quota and reports nothing back. A 4xx is never retried. The server
 * deduplicates by event_id.
 */
export function sendToRelay(url: string, body: string, retry: (body: string) => void): void {
  try {
    fetch(url, { method: 'POST', keepalive: true, credentials: 'include', body }).then(
      (answer) => answer.status > 499 && retry(body),
      () => retry(body),
    );
  } catch {
    retry(body);
  }
}
