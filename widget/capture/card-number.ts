/**
 * A payment card number: 13–19 digits, spaces or dashes allowed between them,
 * passing the Luhn check. Such a value is never contact data, whatever the
 * field says (a card input with type="tel" looks like a phone). wd.js only;
 * the server applies the same rule (api/_pipeline/card-number.ts).
 */
export function isCardNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  // from the right: every second digit doubled, a two-digit result reduced by 9
  for (let i = digits.length; i--; ) {
    const d = +digits[i]! * ((digits.length - i) % 2 ? 1 : 2);
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 == 0;
}
