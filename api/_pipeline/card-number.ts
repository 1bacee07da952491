/**
 * A payment card number: 13–19 digits, spaces or dashes allowed between them,
 * passing the Luhn check. Never contact data, whatever field it came in (a card
 * input with type="tel" reads as a phone): validate.ts drops it from the event
 * before anything is stored. The widget applies the same rule
 * (widget/capture/card-number.ts).
 */
export function isCardNumber(value: string): boolean {
  // Exactly the values the test below can pass (only digits, spaces and dashes, at least 13 of
  // them), so every e-mail and name is turned away at its first letter without a copy being made.
  if (!/^[\d\s-]{13,}$/.test(value)) return false;
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  // from the right: every second digit doubled, a two-digit result reduced by 9
  for (let i = digits.length - 1, double = false; i >= 0; i -= 1, double = !double) {
    const d = Number(digits[i]) * (double ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 === 0;
}
