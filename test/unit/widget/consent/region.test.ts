import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isOptInTimeZone, lookupRegion } from '../../../../widget/consent/region.js';

describe('isOptInTimeZone (fallback only, docs/consent.md §4.2)', () => {
  it.each([
    ['Europe/Berlin', true],
    ['Europe/London', true],
    ['Europe/Istanbul', true], // over-inclusive on purpose
    ['Atlantic/Canary', true],
    ['Asia/Nicosia', true],
    ['Indian/Reunion', true],
    ['America/Martinique', true],
    ['Arctic/Longyearbyen', true],
    ['UTC', true], // Firefox resistFingerprinting, VMs: says nothing about place
    ['Etc/GMT+5', true],
    [undefined, true],
    ['', true],
    ['America/New_York', false],
    ['Asia/Tokyo', false],
    ['Australia/Sydney', false],
  ])('%s → %s', (zone, optIn) => {
    expect(isOptInTimeZone(zone)).toBe(optIn);
  });
});

describe('lookupRegion', () => {
  const store = new Map<string, string>();
  beforeEach(() => {
    store.clear();
    vi.stubGlobal('sessionStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('uses the server answer and caches it for the tab session', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ optIn: false, country: 'US', region: 'CA' })));
    const first = await lookupRegion('https://t.example/api/config', fetchImpl as typeof fetch, 'Europe/Paris');
    expect(first).toEqual({ optIn: false });
    expect(await lookupRegion('https://t.example/api/config', fetchImpl as typeof fetch)).toEqual(first);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(fetchImpl).toHaveBeenCalledWith('https://t.example/api/config', { credentials: 'omit' });
  });

  it.each([
    ['network error', async () => Promise.reject(new TypeError('failed'))],
    ['HTTP 500', async () => new Response('oops', { status: 500 })],
    ['unexpected body', async () => new Response('{"country":"US"}')],
  ])('falls back to the time zone on %s, without caching', async (_name, impl) => {
    expect(await lookupRegion('/api/config', impl as typeof fetch, 'America/Chicago')).toEqual({ optIn: false });
    expect(await lookupRegion('/api/config', impl as typeof fetch, 'Europe/Rome')).toEqual({ optIn: true });
    expect(store.size).toBe(0);
  });
});
