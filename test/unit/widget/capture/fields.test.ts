// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { readFields, readRawFields, roleOf, type RawField } from '../../../../widget/capture/fields.js';
import { CANARY } from '../../../support/canaries.js';

afterEach(() => {
  document.body.innerHTML = '';
});

function field(html: string): HTMLInputElement {
  document.body.innerHTML = `<form>${html}</form>`;
  return document.querySelector('input,select') as HTMLInputElement;
}

function read(html: string) {
  document.body.innerHTML = `<form id="f">${html}</form>`;
  return readFields(document.getElementById('f')!);
}

describe('roleOf: labels in seven languages', () => {
  // [language, label text, expected role]
  test.each([
    ['en', 'Email address', 'email'],
    ['en', 'Mobile phone', 'phone'],
    ['en', 'First name', 'first_name'],
    ['en', 'Surname', 'last_name'],
    ['en', 'Full name', 'full_name'],
    ['en', 'Town', 'city'],
    ['en', 'State / Province', 'state'],
    ['en', 'ZIP code', 'zip'],
    ['en', 'Country', 'country'],
    ['de', 'E-Mail-Adresse', 'email'],
    ['de', 'Telefonnummer', 'phone'],
    ['de', 'Handy', 'phone'],
    ['de', 'Vorname', 'first_name'],
    ['de', 'Nachname', 'last_name'],
    ['de', 'Ort', 'city'],
    ['de', 'PLZ', 'zip'],
    ['de', 'Land', 'country'],
    ['fr', 'Courriel', 'email'],
    ['fr', 'Téléphone portable', 'phone'],
    ['fr', 'Prénom', 'first_name'],
    ['fr', 'Nom de famille', 'last_name'],
    ['fr', 'Nom complet', 'full_name'],
    ['fr', 'Ville', 'city'],
    ['fr', 'Code postal', 'zip'],
    ['fr', 'Pays', 'country'],
    ['es', 'Correo electrónico', 'email'],
    ['es', 'Teléfono móvil', 'phone'],
    ['es', 'Apellidos', 'last_name'],
    ['es', 'Nombre completo', 'full_name'],
    ['es', 'Ciudad', 'city'],
    ['es', 'Código postal', 'zip'],
    ['es', 'País', 'country'],
    ['nl', 'E-mailadres', 'email'],
    ['nl', 'Telefoonnummer', 'phone'],
    ['nl', 'Voornaam', 'first_name'],
    ['nl', 'Achternaam', 'last_name'],
    ['nl', 'Woonplaats', 'city'],
    ['nl', 'Postcode', 'zip'],
    ['pt', 'Telemóvel', 'phone'],
    ['pt', 'Sobrenome', 'last_name'],
    ['pt', 'Nome completo', 'full_name'],
    ['pt', 'Cidade', 'city'],
    ['pt', 'CEP', 'zip'],
    ['it', 'Cellulare', 'phone'],
    ['it', 'Cognome', 'last_name'],
    ['it', 'Nome e cognome', 'full_name'],
    ['it', 'Città', 'city'],
    ['it', 'CAP', 'zip'],
    ['it', 'Paese', 'country'],
  ])('%s %j → %s', (_lang, label, role) => {
    expect(roleOf(field(`<label for="x">${label}</label><input id="x" name="field_7">`))).toBe(role);
  });

  test.each([
    ['Company name'],
    ['Username'],
    ['Captcha'],
    ['Subject'],
    ['Hotel'],
    ['Landing page'],
    ['Port'],
  ])('not contact data: %j', (label) => {
    expect(roleOf(field(`<label for="x">${label}</label><input id="x" name="q1">`))).toBeUndefined();
  });
});

describe('roleOf: order of evidence (strongest first)', () => {
  test.each([
    ['type beats name', '<input type="email" name="phone">', 'email'],
    ['type tel', '<input type="tel" name="contact">', 'phone'],
    ['autocomplete beats name', '<input autocomplete="given-name" name="lastname">', 'first_name'],
    ['autocomplete section prefix: last token counts', '<input autocomplete="section-a shipping postal-code" name="x1">', 'zip'],
    ['autocomplete address-level2 is the city', '<input autocomplete="address-level2" name="x1">', 'city'],
    ['autocomplete off falls through to the name', '<input autocomplete="off" name="your-email">', 'email'],
    ['name beats label', '<label for="x">Phone</label><input id="x" name="email">', 'email'],
    ['id counts like name', '<input id="billing_zip" name="f3">', 'zip'],
    ['camelCase name', '<input name="firstName">', 'first_name'],
    ['label beats placeholder', '<label for="x">City</label><input id="x" name="q" placeholder="Email">', 'city'],
    ['aria-label', '<input name="q" aria-label="Nachname">', 'last_name'],
    ['placeholder last', '<input name="q" placeholder="Telefon">', 'phone'],
    ['tool names: Fluent names[first_name]', '<input name="names[first_name]">', 'first_name'],
    ['tool names: Mailchimp FNAME', '<input name="FNAME">', 'first_name'],
  ])('%s', (_name, html, role) => {
    expect(roleOf(field(html))).toBe(role);
  });
});

describe('readFields', () => {
  test('reads the contact fields and nothing else', () => {
    const snapshot = read(`
      <input name="email" value="${CANARY.email}">
      <input name="phone" value="${CANARY.phone}">
      <input name="company" value="Acme">
      <input type="password" name="password" value="hunter2">
      <input type="hidden" name="utm_source" value="fb">
      <textarea name="message">hello</textarea>
      <input type="checkbox" name="newsletter_email" value="yes" checked>`);
    expect(snapshot.fields).toEqual({ email: CANARY.email, phone: CANARY.phone });
    expect(snapshot.trapped).toBe(false);
  });

  test.each([
    ['German: Name beside Vorname is the surname', '<input name="vorname" value="Zebulon"><input name="name" value="Quackenbush">', { first_name: 'Zebulon', last_name: 'Quackenbush' }],
    ['Italian: nome beside cognome is the first name', '<input name="nome" value="Zebulon"><input name="cognome" value="Quackenbush">', { first_name: 'Zebulon', last_name: 'Quackenbush' }],
    ['French: nom alone is the full name', '<input name="nom" value="Zebulon Quackenbush">', { full_name: 'Zebulon Quackenbush' }],
    ['"confirm email" repeat: the first value wins', `<input type="email" name="email" value="${CANARY.email}"><input type="email" name="email_confirm" value="other@example.org">`, { email: CANARY.email }],
    ['a phone with its country code beats one without', '<input type="tel" name="phone" value="415 555 0199"><input type="tel" name="phone_full" value="+14155550199">', { phone: '+14155550199' }],
    ['values that do not look right are dropped', '<input name="email" value="not-an-email"><input name="phone" value="12"><input name="first_name" value="R2D2">', {}],
    // issue 15: a card number typed into a type="tel" field (no cc-* autocomplete) is never the phone
    ['a Luhn-valid card number in a type=tel field is no phone', `<input type="email" name="email" value="${CANARY.email}"><input type="tel" name="number" value="4111 1111 1111 1111">`, { email: CANARY.email }],
    ['a 16-digit card number with dashes, anywhere', '<input type="tel" name="phone" value="5555-5555-5555-4444">', {}],
    ['a long number failing Luhn still reads as a phone', '<input type="tel" name="phone" value="4111111111111112">', { phone: '4111111111111112' }],
  ])('%s', (_name, html, expected) => {
    expect(read(html).fields).toEqual(expected);
  });

  test.each([
    ['known name (WPForms)', '<input name="wpforms[hp]" value="x">'],
    ['known container (Gravity)', '<div class="gform_validation_container"><input name="input_99" value="x"></div>'],
    ['display:none wrapper', '<div style="display:none"><input name="email" value="bot@example.org"></div>'],
    ['visibility:hidden', '<input name="email" style="visibility:hidden" value="bot@example.org">'],
    ['aria-hidden wrapper', '<div aria-hidden="true"><input name="website" value="x"></div>'],
    ['tabindex=-1 + autocomplete=off', '<input name="email2" tabindex="-1" autocomplete="off" value="x">'],
    ['Mailchimp b_<u>_<id>', '<input name="b_0123abcd_4567ef" value="x">'],
  ])('a filled honeypot (%s) is never read and marks the submission trapped', (_name, trap) => {
    const snapshot = read(`<input type="email" name="real" value="${CANARY.email}">${trap}`);
    expect(snapshot.trapped).toBe(true);
    expect(snapshot.fields).toEqual({ email: CANARY.email });
  });

  test('an empty honeypot does not trap', () => {
    expect(read(`<input type="email" value="${CANARY.email}"><div style="display:none"><input name="hp_email"></div>`).trapped).toBe(false);
  });
});

describe('readRawFields: what w.js recorded for a submit before detection loaded', () => {
  test.each([
    ['type and name decide, as in the DOM', [['email', 'mail ', CANARY.email], ['tel', 'tel ', CANARY.phone]], { email: CANARY.email, phone: CANARY.phone }],
    ['the ambiguous name beside a first name is the surname (IT)', [['text', 'nome ', CANARY.lastName], ['text', 'first_name ', CANARY.firstName]], { first_name: CANARY.firstName, last_name: CANARY.lastName }],
    ['skipped types and values that do not look right are dropped', [['checkbox', 'email ', 'on'], ['text', 'email ', 'not-an-email'], ['text', 'company ', 'ACME']], {}],
    ['a card number recorded from a type=tel field is no phone', [['tel', 'phone ', '4111111111111111']], {}],
  ])('%s', (_name, raw, fields) => {
    expect(readRawFields(raw as RawField[])).toEqual({ fields, trapped: false });
  });

  test('a filled trap, known by its name, marks the submission', () => {
    expect(readRawFields([['text', 'bot-field ', 'x'], ['email', 'email ', CANARY.email]]).trapped).toBe(true);
  });
});

test('readFields with recorded values reads those, not the live (reset) fields', () => {
  document.body.innerHTML = `<form id="f"><input type="email" name="email" id="e"><input name="city"></form>`;
  const snapshot = readFields(document.getElementById('f')!, [['email', 'email e', CANARY.email]]);
  expect(snapshot.fields).toEqual({ email: CANARY.email });
  expect(snapshot.filled.map((el) => el.name)).toEqual(['email']);
});
