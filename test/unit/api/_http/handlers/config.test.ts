import { describe, expect, it } from 'vitest';
import { handleRegionConfig } from '../../../../../api/_http/handlers/config.js';

const ALLOWED = ['https://shop.example'];
const deps = (consentPolicy: 'regional' | 'opt-in') => ({ env: { allowedOrigins: ALLOWED, consentPolicy } });

function get(headers: Record<string, string>, method = 'GET') {
  return new Request('https://t.shop.example/api/config', { method, headers });
}

describe('GET /api/config', () => {
  it.each<[string, Record<string, string>, 'regional' | 'opt-in', object]>([
    ['Germany', { 'x-vercel-ip-country': 'DE' }, 'regional', { country: 'DE', region: null, optIn: true }],
    ['California', { 'x-vercel-ip-country': 'US', 'x-vercel-ip-country-region': 'CA' }, 'regional', { country: 'US', region: 'CA', optIn: false }],
    ['Brazil', { 'x-vercel-ip-country': 'br' }, 'regional', { country: 'BR', region: null, optIn: false }],
    ['no geo (local dev): opt-in', {}, 'regional', { country: null, region: null, optIn: true }],
    ['garbage geo: opt-in', { 'x-vercel-ip-country': 'Germany' }, 'regional', { country: null, region: null, optIn: true }],
    ['CONSENT_POLICY=opt-in', { 'x-vercel-ip-country': 'US' }, 'opt-in', { country: 'US', region: null, optIn: true }],
  ])('%s', async (_name, headers, policy, expected) => {
    const response = handleRegionConfig(get(headers), deps(policy));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(expected);
  });

  it('adds CORS headers for an allowed origin only, and still answers same-origin requests', () => {
    const allowed = handleRegionConfig(get({ origin: 'https://shop.example' }), deps('regional'));
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const other = handleRegionConfig(get({ origin: 'https://evil.example' }), deps('regional'));
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(handleRegionConfig(get({}), deps('regional')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses other methods with 405 and Allow', () => {
    const response = handleRegionConfig(get({}, 'POST'), deps('regional'));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, OPTIONS');
  });
});
