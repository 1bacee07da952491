import type { RawUserFields } from '../../api/_core/types.js';
import type { DetectContext } from './types.js';

// Every tool's own bot trap (form-tools.md "Pitfalls in classification"). They
// carry labels like "Email" on purpose; a filled one means a bot, so no conversion.
const TRAPS =
  '[name="wpforms[hp]"],.gform_validation_container input,.ff-hpsf-container input,.frm_verify input,input.frm_verify,.elementor-field-type-honeypot input,[name^=b_][tabindex="-1"]';

// One key per real `submit` of a form, so a tool's second success signal for the
// same submission (Fluent Forms fires three, Formidable two) dedupes in the core,
// while a second submission of the same form counts again.
const keys = new WeakMap<Element, string>();
let seq = 0;
let tracking = false;

/** Start recording submits (idempotent; capture phase on document sees every submit first). */
export function trackSubmits(): void {
  if (tracking) return;
  tracking = true;
  document.addEventListener('submit', (e) => keys.set(e.target as Element, ':' + ++seq), true);
}

/** True when one of the tools' honeypot inputs inside `form` holds a value (works on detached forms too). */
export const isTrapFilled = (form: Element): boolean =>
  [...form.querySelectorAll<HTMLInputElement>(TRAPS)].some((input) => input.value);

/**
 * Confirm a tool's success for one inline form (an element or a jQuery wrapper):
 * skips filled honeypots, keys the conversion by the form's last submit, and
 * takes fields from the submit snapshot unless the tool handed them over itself.
 */
export function confirmForm(ctx: DetectContext, tool: string, form: unknown, fields?: RawUserFields): void {
  const el = ((form as { jquery?: string } | undefined)?.jquery ? (form as Element[])[0] : form) as Element | undefined;
  if (!el?.querySelectorAll) return ctx.skip(tool + ': form not found');
  if (isTrapFilled(el)) return ctx.skip(tool + ': honeypot filled');
  ctx.confirm({
    tool,
    key: tool + (keys.get(el) ?? '#' + ++seq),
    form: el.id || el.getAttribute('name') || undefined,
    element: el,
    fields: fields ?? ctx.snapshotOf(el),
  });
}
