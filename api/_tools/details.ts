import type { RawUserFields } from '../_contract/wire.js';
import type { JoinTool } from './webhook-signature.js';

/** What the browser half knows that points at the tool's record (docs/form-tools.md §22.1). */
export interface ToolRef {
  tool: JoinTool;
  /** the tool's form id (Typeform, Tally, Jotform, Fillout) */
  form?: string;
  /** the tool's submission or booking id: Typeform response id, Tally/Fillout submission id, Calendly invitee URI, Cal.com booking uid */
  submissionId?: string;
  /** capi-relay's event_id, carried into the embed where the tool allows it */
  eventId: string;
}

/** The visitor's details as the tool recorded them. */
export interface ToolDetails {
  /** the tool's id for the record these came from */
  submissionId: string;
  /** capi-relay's event_id when it travelled through the embed (hidden field, URL parameter, UTM, metadata) */
  eventId?: string;
  /** ms epoch when the tool says the visitor submitted or booked */
  submittedAt?: number;
  user: RawUserFields;
}

/** One labelled answer, whatever the tool calls its parts. */
export interface Answer {
  /** the tool's field type, lower-cased (`email`, `phone_number`, `input_email`, `control_email`, …) */
  type?: string;
  /** the question's title, key or ref */
  label?: string;
  value: unknown;
}

const EMAIL_TYPE = /e-?mail/;
const PHONE_TYPE = /phone/;
const FIRST = /\b(first|given|fore|vor)[\s_-]*name\b|^vorname$|^prenom$|^prénom$|^nombre$/;
const LAST = /\b(last|family|sur|nach)[\s_-]*name\b|^surname$|^nachname$|^nom$|^apellidos?$/;
const FULL = /^(your\s+|full[\s_-]*)?name$|^(ihr\s+)?name$/;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 256) : undefined);

/**
 * The contact fields among a record's answers: e-mail and phone by the tool's
 * field type (then by label), names by label (docs/form-tools.md "Field-role
 * heuristics"). The first answer for a role wins; everything else is ignored,
 * so free-text answers never reach the event.
 */
export function userFromAnswers(answers: readonly Answer[]): RawUserFields {
  const user: RawUserFields = {};
  const set = (key: keyof RawUserFields, value: unknown) => {
    const v = text(value);
    if (v && !user[key]) user[key] = v;
  };
  for (const answer of answers) {
    const type = answer.type?.toLowerCase() ?? '';
    const label = answer.label?.toLowerCase().trim() ?? '';
    if (EMAIL_TYPE.test(type) || (!type.includes('phone') && EMAIL_TYPE.test(label))) set('email', answer.value);
    else if (PHONE_TYPE.test(type) || PHONE_TYPE.test(label)) set('phone', answer.value);
    else if (FIRST.test(label)) set('first_name', answer.value);
    else if (LAST.test(label)) set('last_name', answer.value);
    else if (FULL.test(label)) set('full_name', answer.value);
  }
  return user;
}

/** The fields whose value is non-empty text (trimmed, capped), for tools that name their fields. */
export function pickText(fields: Partial<Record<keyof RawUserFields, unknown>>): RawUserFields {
  const user: RawUserFields = {};
  for (const [key, value] of Object.entries(fields) as [keyof RawUserFields, unknown][]) {
    const v = text(value);
    if (v) user[key] = v;
  }
  return user;
}

/** ms epoch of an ISO time, or undefined when it is not one. */
export function timeOf(value: unknown): number | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}
