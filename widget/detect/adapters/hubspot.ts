import type { Adapter } from '../types.js';
import { listen } from '../page-events.js';
import { pickFields } from '../pick-fields.js';

type NameValue = { name: string; value: unknown }[];

interface HsFormsV4 {
  getFormFromEvent(event: Event): { getFormFieldValues(): Promise<NameValue> };
}

let seq = 0;
const pairs = (list: NameValue | undefined): [string, unknown][] => (list ?? []).map((f) => [f.name, f.value]);

/**
 * HubSpot forms (docs/form-tools.md §9), both generations, one page may carry both.
 * Legacy v2: `hsFormCallback` messages from HubSpot's script, posted by the page
 * itself (inline forms) or from its same-origin, src-less `iframe.hs-form-iframe`.
 * So a message counts only with our own origin and a sender that is this window
 * or such a frame — never another frame, whatever its shape. `onFormSubmit`
 * (before the request) brings the values and opens a submission;
 * `onFormSubmitted` confirms it (without an open one: no fields). New editor (v4): native window event
 * `hs-form-event:on-submission:success`; values through the HubSpotFormsV4 API.
 */
export const hubspot: Adapter = {
  name: 'hubspot',
  claims: '.hs-form,.hs-form-html form',
  install(ctx) {
    const open: Record<string, [n: number, values?: NameValue]> = {};
    const confirm = (key: string, form: string | undefined, fields: [string, unknown][]): void =>
      ctx.confirm({ tool: 'hubspot', key: 'hubspot:' + key, form, fields: pickFields(fields) });
    listen('message', ({ data: d, origin, source }: MessageEvent) => {
      if (
        d?.type != 'hsFormCallback' ||
        origin != location.origin ||
        (source != window && ![...document.querySelectorAll('iframe.hs-form-iframe')].some((f) => (f as HTMLIFrameElement).contentWindow == source))
      )
        return;
      const id: string = d.id;
      if (d.eventName == 'onFormSubmit') open[id] = [++seq, d.data];
      if (d.eventName == 'onFormSubmitted') {
        const [n, values] = (open[id] ??= [++seq]);
        confirm(n + id, id, pairs(values));
      }
    });
    addEventListener('hs-form-event:on-submission:success', async (e) => {
      let values: NameValue | undefined;
      try {
        values = await (window as { HubSpotFormsV4?: HsFormsV4 }).HubSpotFormsV4!.getFormFromEvent(e).getFormFieldValues();
      } catch {
        // no API: the conversion still counts, without fields
      }
      confirm('v4:' + ++seq, (e as CustomEvent<{ formId?: string } | undefined>).detail?.formId, pairs(values));
    });
  },
};
