import type { RawUserFields } from '../../api/_contract/wire.js';
import { skip } from '../debug.js';
import { listen } from './page-events.js';
import type { Adapter, DetectContext } from './types.js';

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
  listen('submit', (e: Event) => keys.set(e.target as Element, ':' + ++seq));
}

/**
 * Confirm a tool's success for one inline form (an element or a jQuery wrapper),
 * keyed by the form's last submit. Fields default to the core's submit snapshot;
 * the core also drops the conversion when that snapshot found a filled honeypot
 * (the tools' traps are in capture/honeypot.ts), so traps are never read here.
 */
export function confirmForm(ctx: DetectContext, tool: string, form: unknown, fields?: RawUserFields): void {
  const el = ((form as { jquery?: string } | undefined)?.jquery ? (form as Element[])[0] : form) as Element | undefined;
  if (!el?.getAttribute) return skip('tool form not found');
  ctx.confirm({
    tool,
    key: tool + (keys.get(el) ?? '#' + ++seq),
    form: el.id || el.getAttribute('name') || undefined,
    element: el,
    fields: fields ?? ctx.snapshotOf(el),
  });
}

/**
 * An adapter for a tool whose success is a jQuery-triggered event (invisible to
 * addEventListener, docs/form-tools.md rule 2), bound on document through the page's
 * jQuery once it exists. `formOf` finds the form in the handler's arguments.
 */
export const jQueryTool = (
  name: string,
  claims: string,
  events: string,
  formOf: (event: any, arg: any) => unknown = (event) => event.target,
): Adapter => ({
  name,
  claims,
  install(ctx) {
    trackSubmits();
    ctx.withJQuery((jq) => jq(document).on(events, (event, arg) => confirmForm(ctx, name, formOf(event, arg))));
  },
});
