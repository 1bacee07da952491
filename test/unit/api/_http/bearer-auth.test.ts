import { describe, expect, it } from 'vitest';
import { bearerMatches } from '../../../../api/_http/bearer-auth.js';

describe('bearerMatches', () => {
  const secret = 's3cret-0123456789abcdef';

  it('accepts exactly "Bearer <secret>"', () => {
    expect(bearerMatches(`Bearer ${secret}`, secret)).toBe(true);
  });

  it.each([
    ['missing header', null],
    ['empty header', ''],
    ['wrong secret', 'Bearer nope'],
    ['almost right (one character short)', `Bearer ${secret.slice(0, -1)}`],
    ['almost right (one character more)', `Bearer ${secret}x`],
    ['no scheme', secret],
    ['other scheme', `Basic ${secret}`],
    ['lower-case scheme', `bearer ${secret}`],
  ])('refuses %s', (_label, header) => {
    expect(bearerMatches(header, secret)).toBe(false);
  });

  it('never matches when the secret is unset or empty (the route stays closed)', () => {
    expect(bearerMatches('Bearer ', '')).toBe(false);
    expect(bearerMatches('Bearer undefined', undefined)).toBe(false);
  });
});
