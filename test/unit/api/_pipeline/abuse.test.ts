import { describe, expect, it } from 'vitest';
import { abuseReasonOf, burstKeyOf, isDisposableDomain, isFakeEmail, isFakePhone } from '../../../../api/_pipeline/abuse.js';

describe('abuse filters', () => {
  it('knows throwaway-mail domains from the list package, and their subdomains, but not ordinary ones', async () => {
    expect(isDisposableDomain('mailinator.com')).toBe(true);
    expect(isDisposableDomain('eu.mailinator.com')).toBe(true);
    expect(isDisposableDomain('gmail.com')).toBe(false);
    expect(isDisposableDomain('example.org')).toBe(false);
  });

  it('treats placeholder emails as fake, real-looking ones not', () => {
    expect(isFakeEmail('test@company.com')).toBe(true);
    expect(isFakeEmail('asdf+1@company.com')).toBe(true);
    expect(isFakeEmail('aaaa@company.com')).toBe(true);
    expect(isFakeEmail('test.user@company.com')).toBe(false);
    expect(isFakeEmail('ann@company.com')).toBe(false);
  });

  it('treats repeated-digit and counting phone numbers as fake, vanity numbers not', () => {
    expect(isFakePhone('15555555555')).toBe(true);
    expect(isFakePhone('11234567890')).toBe(true);
    expect(isFakePhone('4915123456789')).toBe(true);
    expect(isFakePhone('18007777777')).toBe(false);
    expect(isFakePhone('14155550199')).toBe(false);
  });

  it('names the first reason found; hashed values pass', async () => {
    expect(abuseReasonOf({ em: 'lead@mailinator.com' })).toBe('disposable_email');
    expect(abuseReasonOf({ em: 'test@example.org' })).toBe('fake_email');
    expect(abuseReasonOf({ em: 'ann@example.org', ph: '10000000000' })).toBe('fake_phone');
    expect(abuseReasonOf({ em: 'ann@example.org', fn: 'asdf' })).toBe('fake_name');
    expect(abuseReasonOf({ em: 'ann@example.org', ph: '14155550199', fn: 'ann', ln: 'lee' })).toBeUndefined();
    expect(abuseReasonOf({ em: 'a'.repeat(64) })).toBeUndefined();
  });

  it('gives identical contact details one burst key (a hash), different ones another, none without email or phone', () => {
    const key = burstKeyOf({ email: ' Ann@Example.org ', phone: '+1 415 555 0100', first_name: 'Ann' });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(burstKeyOf({ email: 'ann@example.org', phone: '14155550100', first_name: 'ann' })).toBe(key);
    expect(burstKeyOf({ email: 'bob@example.org', phone: '14155550100', first_name: 'ann' })).not.toBe(key);
    expect(burstKeyOf({ first_name: 'Ann' })).toBeUndefined();
    expect(burstKeyOf(undefined)).toBeUndefined();
  });
});
