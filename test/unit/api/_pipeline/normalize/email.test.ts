import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../../../../api/_pipeline/normalize/email.js';

describe('normalizeEmail', () => {
  it.each([
    ['Foo@Bar.com ', 'foo@bar.com'], // docs/meta-capi.md §10
    ['  John.Doe@Example.COM  ', 'john.doe@example.com'],
    ['John_Smith@gmail.com', 'john_smith@gmail.com'],
    ['Test.User+Tag123@Sub-Domain.Example.COM', 'test.user+tag123@sub-domain.example.com'], // dots and +tags kept
    ["o'reilly!#$%&*/=?^`{|}~-@example.co.uk", "o'reilly!#$%&*/=?^`{|}~-@example.co.uk"],
    ['User123@Example123.COM', 'user123@example123.com'],
    ['ÉLODIE@exemple.fr', 'élodie@exemple.fr'], // internationalised local part
    ['x@xn--80ak6aa92e.com', 'x@xn--80ak6aa92e.com'],
    ['\u00a0jane@example.org\u00a0', 'jane@example.org'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  // Invalid → absent (PB drops them; the PHP SDK "sanitizes" the first one into a guess).
  it.each([
    'foo(.bar)@baz.com/',
    'invalid-email',
    'userexample.com',
    'user@',
    '@example.com',
    'user@@example.com',
    'user name@example.com',
    '"test user"@example.com',
    'User_Name@Example_Domain.COM',
    'a@b',
    'a@b.c',
    'a..b@example.com',
    '.a@example.com',
    'a.@example.com',
    'a@-example.com',
    'a@example-.com',
    'a@[192.0.2.1]',
    `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(250)}.com`,
    '',
    '   ',
  ])('%j → absent', (input) => {
    expect(normalizeEmail(input)).toBeUndefined();
  });

  it('passes an already-hashed SHA-256 through lowercased', () => {
    const hash = 'A665A45920422F9D417E4867EFDC4FB8A04A1F3FFF1FA07E998E86F7F7A27AE3';
    expect(normalizeEmail(hash)).toBe(hash.toLowerCase());
  });

  // PB passes 32-hex (MD5-shaped) values through unhashed. That sends Meta an
  // MD5 where it matches only SHA-256, so here it is simply not an email.
  it('drops an MD5-shaped value instead of passing it through', () => {
    expect(normalizeEmail('D41D8CD98F00B204E9800998ECF8427E')).toBeUndefined();
  });
});
