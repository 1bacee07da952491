import { describe, expect, it } from 'vitest';
import { userFromAnswers } from '../../../../api/_tools/details.js';

describe('userFromAnswers', () => {
  it('takes e-mail and phone by the tool field type, whatever the label says', () => {
    expect(userFromAnswers([
      { type: 'control_email', label: 'How can we reach you?', value: 'a@example.com' },
      { type: 'INPUT_PHONE_NUMBER', label: 'Best number', value: '+44 20 7183 8750' },
    ])).toEqual({ email: 'a@example.com', phone: '+44 20 7183 8750' });
  });

  it('takes names by label, in English and German', () => {
    expect(userFromAnswers([
      { type: 'text', label: 'first_name', value: 'Ada' },
      { type: 'text', label: 'Nachname', value: 'Lovelace' },
    ])).toEqual({ first_name: 'Ada', last_name: 'Lovelace' });
    expect(userFromAnswers([{ type: 'text', label: 'Full name', value: 'Grace Hopper' }])).toEqual({ full_name: 'Grace Hopper' });
  });

  it("never takes free text, company names or user names as a person's name", () => {
    expect(userFromAnswers([
      { type: 'long_text', label: 'Message', value: 'Call me, my email is x@example.com' },
      { type: 'text', label: 'Company name', value: 'Acme' },
      { type: 'text', label: 'Username', value: 'ada99' },
    ])).toEqual({});
  });

  it('keeps the first answer for a role and ignores empty or non-text values', () => {
    expect(userFromAnswers([
      { type: 'email', value: '' },
      { type: 'email', value: 42 },
      { type: 'email', value: ' first@example.com ' },
      { type: 'email', value: 'second@example.com' },
    ])).toEqual({ email: 'first@example.com' });
  });
});
