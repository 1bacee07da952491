import type { RawUserFields } from '../../api/_core/types.js';
import { isTrap } from './honeypot.js';

type ContactRole = 'email' | 'phone' | 'first_name' | 'last_name' | 'full_name' | 'city' | 'state' | 'zip' | 'country';
/** `name` is the ambiguous one (DE Name, FR nom, ES nombre, PT/IT nome): resolved once the whole form is read. */
type Role = ContactRole | 'name';
type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** What one form held at submit time. */
export interface FormSnapshot {
  fields: RawUserFields;
  /** a bot trap had a value: this submission must not count */
  trapped: boolean;
  /** text fields that had a value (the "form was reset" success check looks at them) */
  filled: Field[];
}

/** Types that never carry contact data (and passwords, card data and messages are never read at all). */
const SKIP_TYPES = /^(hidden|password|submit|button|reset|image|file|checkbox|radio|range|color|search)$/;

/** WHATWG autofill tokens we map (form-tools.md "Order of evidence" 3). */
const AUTOCOMPLETE: Record<string, Role> = {
  email: 'email',
  tel: 'phone',
  'tel-national': 'phone',
  name: 'full_name',
  'given-name': 'first_name',
  'family-name': 'last_name',
  'address-level2': 'city',
  'address-level1': 'state',
  'postal-code': 'zip',
  country: 'country',
  'country-name': 'country',
};
/** Autofill tokens that say "something else": stop looking at weaker evidence. */
const OTHER_AUTOCOMPLETE = /^(cc-|organization|street|address-line|additional|honorific|nickname|username|new-pass|current-pass|one-time|bday|sex|url|photo|impp|tel-)/;

/**
 * Keyword rules over folded whole tokens (" first name "), first match wins.
 * Order matters: non-contact names first ("company name", "username"), then
 * full-name phrases that contain first/last words ("nome e cognome").
 * Vocabulary: form-tools.md "Keyword table", EN DE FR ES NL PT IT.
 */
const RULES: [RegExp, Role | undefined][] = [
  [/ ((user|company|business|nick|maiden|middle|display|account|card|file|domain|product|event|firmen|bedrijfs) ?name|company|organi[sz]ation|firma|unternehmen|entreprise|societe|empresa|bedrijf|azienda|captcha|card|cvc|iban|password|subject|message|comment|website|url) /, undefined],
  [/ (e ?mail(adres)?|mail|courriel|correo|electronique|elettronica) /, 'email'],
  [/ ((mobile ?)?phone|tel(e(phone|fon[oe]?|fonnummer|foon(nummer)?|movel)|fixe)?|mobile?|mobiel|movil|cell(ulare)?|celular|handy|rufnummer|portable|gsm|whatsapp) /, 'phone'],
  [/ (full ?name|your ?name|ihr name|contact ?person|ansprechpartner|vollstandiger name|nom complet|nom et prenom|nombre y apellidos|nombre completo|volledige naam|nome completo|nome e cognome|nominativo) /, 'full_name'],
  [/ (first ?name|f ?name|first|given ?name|forename|vorname|prenom|voornaam|primeiro nome) /, 'first_name'],
  [/ (last ?name|l ?name|last|surname|family ?name|nachname|familienname|nom de famille|apellidos?|achternaam|familienaam|sobrenome|apelidos?|cognome) /, 'last_name'],
  [/ (name|naam|nom|nome|nombre) /, 'name'],
  [/ (city|town|ort|stadt|wohnort|ville|commune|ciudad|localidad|poblacion|plaats|woonplaats|stad|cidade|municipio|localidade|citta|localita|comune) /, 'city'],
  [/ (state|province|region|county|bundesland|provincia|provincie|estado|regione) /, 'state'],
  [/ (zip|postal|post ?code|postleitzahl|plz|cp|cdp|cep|codpos|cap) /, 'zip'],
  [/ (country|land|pays|pais|paese|nazione) /, 'country'],
];

/** Value sanity checks after classification (form-tools.md "Order of evidence" 7). */
const LOOKS_RIGHT: Partial<Record<Role, RegExp>> = {
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  // 6+ digits and nothing but phone punctuation (Chromium's own check uses 6–25 of 0-9()+-)
  phone: /^(?=(\D*\d){6})[\d\s()+./-]{6,30}$/,
  zip: /^[\w -]{2,10}$/,
};
const NO_AT_OR_DIGIT = /^[^@\d]{1,100}$/;

/** Lower-case, accents folded, camelCase and punctuation split into space-padded tokens. */
function fold(text: string): string {
  return ` ${text.replace(/([a-z])([A-Z])/g, '$1 $2').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
}

function labelText(el: Field): string {
  let text = el.getAttribute('aria-label') ?? '';
  for (const label of Array.from(el.labels ?? [])) text += ' ' + label.textContent;
  for (const id of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/)) text += ' ' + ((id && document.getElementById(id)?.textContent) || '');
  return text;
}

/** The contact role of one field, strongest evidence first; undefined = not contact data. */
export function roleOf(el: Field): Role | undefined {
  const type = el.type;
  if (type === 'email') return 'email';
  if (type === 'tel') return 'phone';
  // the attribute may carry section-*/shipping/billing prefixes: the field name is the last token
  const token = (el.getAttribute('autocomplete') ?? '').trim().toLowerCase().split(/\s+/).pop() ?? '';
  if (AUTOCOMPLETE[token]) return AUTOCOMPLETE[token];
  if (OTHER_AUTOCOMPLETE.test(token)) return undefined;
  for (const text of [el.name + ' ' + el.id, labelText(el), el.getAttribute('placeholder') ?? '']) {
    const tokens = fold(text);
    for (const [pattern, role] of RULES) if (pattern.test(tokens)) return role;
  }
  return undefined;
}

function isPlausible(role: Role, value: string): boolean {
  return (LOOKS_RIGHT[role] ?? NO_AT_OR_DIGIT).test(value);
}

/** Snapshot the contact fields of a form (or any wrapper), skipping traps and non-contact fields. */
export function readFields(root: ParentNode): FormSnapshot {
  const fields: RawUserFields = {};
  const filled: Field[] = [];
  let trapped = false;
  let ambiguousName: string | undefined;
  for (const el of Array.from(root.querySelectorAll<Field>('input,select'))) {
    const value = el.value.trim();
    if (!value || SKIP_TYPES.test(el.type) || el.disabled) continue;
    if (isTrap(el)) {
      trapped = true;
      continue;
    }
    if (el.tagName === 'INPUT') filled.push(el);
    const role = roleOf(el);
    if (!role || !isPlausible(role, value)) continue;
    if (role === 'name') ambiguousName ??= value;
    // first value wins ("confirm email" repeats), except a phone with its country code beats one without
    else if (!fields[role] || (role === 'phone' && value[0] === '+' && fields.phone?.[0] !== '+')) fields[role] = value;
  }
  // form-tools.md "Language traps": beside a first-name field the ambiguous one is the surname,
  // beside a surname field it is the first name (IT nome + cognome), alone it is the full name.
  if (ambiguousName) {
    if (fields.first_name) fields.last_name ??= ambiguousName;
    else if (fields.last_name) fields.first_name = ambiguousName;
    else fields.full_name ??= ambiguousName;
  }
  return { fields, trapped, filled };
}
