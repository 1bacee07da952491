import type { RawUserFields } from '../../api/_contract/wire.js';
import { isCardNumber } from './card-number.js';
import { isTrap, TRAP_NAME } from './honeypot.js';

type Role = keyof RawUserFields | 'name';
type Field = HTMLInputElement | HTMLSelectElement;

/**
 * One filled input as w.js records it when a submit comes before detection
 * loaded and the page may navigate away: `[type, "name id", value]`. Password
 * and card fields are never recorded (early-submit.ts).
 */
export type RawField = [type: string, name: string, value: string];

/** What one form held at submit time. */
export interface FormSnapshot {
  fields: RawUserFields;
  /** a bot trap had a value: this submission must not count */
  trapped: boolean;
  /** inputs that had a value (the "form was reset" success check looks at them) */
  filled: Field[];
}

/** Types that never carry contact data; passwords and card data are never read at all. */
const SKIP_TYPES = /hidden|password|submit|button|reset|image|file|checkbox|radio|range|color|search/;

/**
 * Keyword rules over folded tokens (" first name "), first match wins. A
 * leading space anchors each word to a token start (so "hotel" is no phone,
 * "captcha" no CAP); very short words also need the trailing space. Order
 * matters: non-contact names first ("company name", "username"), then
 * full-name phrases that contain first/last words ("nome e cognome"). `name`
 * is the ambiguous one (DE Name, FR nom, ES nombre, PT/IT nome), resolved once
 * the whole form is read. The same rules read the `type` ("email", "tel") and
 * `autocomplete` tokens ("given-name", "postal-code"), which come first in
 * the order of evidence. Vocabulary: docs/form-tools.md "Keyword table".
 */
const RULES: [RegExp, Role?][] = [
  [/ (user ?name|nick|maiden|middle|display|account|card|cc|cvc|iban|file|domain|product|event|compan|organi|firm|unterneh|entrepr|societ|empresa|bedrijf|azienda|captcha|passw|subject|messag|comment|website|url|street|address line)/],
  [/ ((e ?)?mail|courriel|correo|electroni|elettroni)/, 'email'],
  [/ (phone|tel|mobi|movil|cel|handy|rufnummer|portable|gsm|whatsapp)/, 'phone'],
  [/ (full ?name|your ?name|ihr name|contact ?person|ansprechpartner|vollstandig|volledige naam|nominativo|nom(e|bre)? (complet|e cognome|et prenom|y apellido))/, 'full_name'],
  [/ (first|f ?name|given|forename|vorname|prenom|voornaam|primeiro)/, 'first_name'],
  [/ (last|l ?name|surname|famil|nachname|achternaam|sobrenome|apel|cognome)/, 'last_name'],
  [/ (na(me|am)|nom(e|bre)?) /, 'name'],
  [/ (city|citta|cidade|ciudad|town|ort |wohnort|stad|ville|comm?une|local(id|it)|poblac|plaats|woonplaats|municip|address level2)/, 'city'],
  [/ (state|provinc|region|county|bundesland|estado|address level1)/, 'state'],
  [/ (zip|postal|post ?code|postleit|codpos|(plz|cd?p|cep|cap) )/, 'zip'],
  [/ (country|land |pays|pais|paese|nazione)/, 'country'],
];

/** Value sanity after classification (docs/form-tools.md "Order of evidence" 7); names carry no @ or digits. */
const LOOKS_RIGHT: { [role in Role]?: RegExp } = {
  email: /^[^\s@]+@[^\s@]+\.\w+$/,
  // 6+ digits and nothing but phone punctuation (Chromium's own check uses 6–25 of 0-9()+-)
  phone: /^(?=(\D*\d){6})[\d\s()+./-]{6,30}$/,
  zip: /^[\w -]{2,10}$/,
};

/** Lower-case, accents folded, camelCase and punctuation split into space-padded tokens. */
const fold = (text: string): string =>
  ` ${text.replace(/([a-z])([A-Z])/g, '$1 $2').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z\d]+/g, ' ')} `;

/** The first role any piece of evidence gives, strongest first. */
function roleFrom(evidence: (string | null | undefined)[]): Role | undefined {
  for (const text of evidence) {
    const tokens = fold(text ?? '');
    for (const [pattern, role] of RULES) if (pattern.test(tokens)) return role;
  }
}

/** The contact role of one field, strongest evidence first; undefined = not contact data. */
export function roleOf(el: Field): Role | undefined {
  return roleFrom([
    el.type,
    // the attribute may carry section-*/shipping/billing prefixes: the field name is the last token
    el.getAttribute('autocomplete')?.split(' ').pop(),
    el.name + ' ' + el.id,
    (el.labels?.[0]?.textContent ?? '') + ' ' + el.getAttribute('aria-label'),
    el.getAttribute('placeholder'),
  ]);
}

/** Collects classified values into contact fields: sanity checks, first value wins, the ambiguous "name" resolved last. */
function fieldCollector(): { add(role: Role | undefined, value: string): void; done(): RawUserFields } {
  const fields: RawUserFields = {};
  let ambiguous: string | undefined;
  return {
    add(role, value) {
      // a card number is never contact data, whatever its field claims to be (type="tel" reads as a phone)
      if (!role || isCardNumber(value) || !(LOOKS_RIGHT[role] ?? /^[^@\d]{1,100}$/).test(value)) return;
      if (role == 'name') ambiguous ??= value;
      // first value wins ("confirm email" repeats it), but a phone with its country code beats one without
      else if (!fields[role] || (role == 'phone' && value[0] == '+')) fields[role] = value;
    },
    done() {
      // docs/form-tools.md "Language traps": beside a first-name field the ambiguous one is the surname,
      // beside a surname it is the first name (IT nome + cognome), alone it is the full name.
      if (ambiguous) fields[fields.first_name ? 'last_name' : fields.last_name ? 'first_name' : 'full_name'] ??= ambiguous;
      return fields;
    },
  };
}

/**
 * Snapshot the contact fields of a form (or any wrapper), skipping traps and
 * non-contact fields. `recorded` (a submit replayed after the page may have
 * reset the form) gives the values w.js saw at submit time, matched by name
 * and id; a field it does not list was empty or unreadable then.
 */
export function readFields(root: ParentNode, recorded?: readonly RawField[]): FormSnapshot {
  const collect = fieldCollector();
  const filled: Field[] = [];
  const then = recorded && new Map(recorded.map(([, name, value]) => [name, value]));
  let trapped = false;
  root.querySelectorAll<Field>('input,select').forEach((el) => {
    const value = (then ? (then.get(el.name + ' ' + el.id) ?? '') : el.value).trim();
    if (!value || SKIP_TYPES.test(el.type) || el.disabled) return;
    if (isTrap(el)) return (trapped = true);
    filled.push(el);
    collect.add(roleOf(el), value);
  });
  return { fields: collect.done(), trapped, filled };
}

/**
 * Contact fields from recorded [type, "name id", value] triples (no element
 * any more: the page that held the form is gone). Weaker than readFields:
 * no labels or placeholders, and traps are known by name only.
 */
export function readRawFields(raw: readonly RawField[]): Omit<FormSnapshot, 'filled'> {
  const collect = fieldCollector();
  let trapped = false;
  for (const [type, name, text] of raw) {
    const value = ('' + text).trim();
    if (!value || SKIP_TYPES.test(type)) continue;
    if (TRAP_NAME.test(name)) trapped = true;
    else collect.add(roleFrom([type, name]), value);
  }
  return { fields: collect.done(), trapped };
}
