/**
 * POST a JSON string to the relay so it survives a navigation (docs/platform.md
 * §3.1–3.2): keepalive fetch with credentials (a same-site API gets our
 * cookies), a string body (text/plain, CORS-safelisted) and no custom headers,
 * so no preflight. sendBeacon is the fallback when fetch is missing or fails;
 * the server deduplicates by event_id if both arrive.
 */
export function sendToRelay(url: string, body: string): void {
  const beacon = (): void => {
    navigator.sendBeacon?.(url, body);
  };
  try {
    fetch(url, { method: 'POST', keepalive: true, credentials: 'include', body }).catch(beacon);
  } catch {
    beacon();
  }
}
