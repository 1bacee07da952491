import { describe, expect, it } from 'vitest';
import { decideConsent, isOptInCountry, type ConsentInput } from '../../../../../api/_pipeline/consent/policy.js';

const base: ConsentInput = { consent: { ads: 'unknown', gpc: false }, secGpc: false, policy: 'regional' };
type Row = [string, Partial<ConsentInput> & { ads?: 'granted' | 'denied' | 'unknown'; gpc?: boolean }, 'allowed' | 'suppressed', string];

describe('decideConsent', () => {
  it.each<Row>([
    ['granted in the US', { ads: 'granted', country: 'US' }, 'allowed', 'granted'],
    ['granted in Germany', { ads: 'granted', country: 'DE' }, 'allowed', 'granted'],
    ['denied anywhere', { ads: 'denied', country: 'US' }, 'suppressed', 'denied'],
    ['denied beats GPC (first rule wins)', { ads: 'denied', gpc: true }, 'suppressed', 'denied'],
    ['GPC in the body beats granted', { ads: 'granted', gpc: true, country: 'US' }, 'suppressed', 'gpc'],
    ['Sec-GPC header beats granted', { ads: 'granted', secGpc: true, country: 'US' }, 'suppressed', 'gpc_header'],
    ['unknown in the US', { country: 'US' }, 'allowed', 'unknown_opt_out_region'],
    ['unknown in Brazil', { country: 'br' }, 'allowed', 'unknown_opt_out_region'],
    ['unknown in France', { country: 'FR' }, 'suppressed', 'unknown_opt_in_region'],
    ['unknown in the UK', { country: 'GB' }, 'suppressed', 'unknown_opt_in_region'],
    ['unknown in Switzerland', { country: 'CH' }, 'suppressed', 'unknown_opt_in_region'],
    ['unknown in Norway (EEA)', { country: 'NO' }, 'suppressed', 'unknown_opt_in_region'],
    ['unknown in Réunion (EU outermost region)', { country: 'RE' }, 'suppressed', 'unknown_opt_in_region'],
    ['unknown with no country', {}, 'suppressed', 'unknown_region'],
    ['unknown in the US under opt-in policy', { country: 'US', policy: 'opt-in' }, 'suppressed', 'unknown_opt_in_policy'],
    ['granted under opt-in policy', { ads: 'granted', country: 'US', policy: 'opt-in' }, 'allowed', 'granted'],
  ])('%s', (_name, row, verdict, basis) => {
    const { ads, gpc, ...rest } = row;
    const record = decideConsent({ ...base, ...rest, consent: { ads: ads ?? 'unknown', gpc: gpc ?? false } });
    expect(record.verdict).toBe(verdict);
    expect(record.basis).toBe(basis);
  });

  it('records the inputs without PII, with region as COUNTRY-STATE', () => {
    expect(decideConsent({ consent: { ads: 'granted', gpc: false, source: 'cookiebot' }, secGpc: true, country: 'us', region: 'ca', policy: 'regional' })).toEqual({
      ads: 'granted',
      gpc: true,
      source: 'cookiebot',
      verdict: 'suppressed',
      basis: 'gpc_header',
      region: 'US-CA',
    });
  });

  it('is pure: same input, same output', () => {
    const input: ConsentInput = { ...base, country: 'US' };
    expect(decideConsent(input)).toEqual(decideConsent(input));
  });
});

describe('isOptInCountry', () => {
  it.each([
    ['DE', true], ['de', true], ['IE', true], ['GB', true], ['CH', true], ['IS', true], ['LI', true],
    ['US', false], ['CA', false], ['AU', false], ['JP', false], [undefined, true],
  ])('%s → %s', (country, expected) => {
    expect(isOptInCountry(country)).toBe(expected);
  });
});
