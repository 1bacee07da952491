import type { Adapter } from './types.js';
import { pickFields } from './pick-fields.js';

interface HsCallback {
  type?: string;
  eventName?: string;
  id?: string;
  data?: unknown;
}

interface HsFormsV4 {
  getFormFromEvent(event: Event): { getFormFieldValues(): Promise<{ name: string; value: unknown }[]> };
}

let seq = 0;

/**
 * HubSpot forms (form-tools.md §9), both generations, one page may carry both.
 * Legacy v2: `hsFormCallback` messages from HubSpot's script, posted by the page
 * itself (inline forms) or from its same-origin, src-less `iframe.hs-form-iframe`.
 * So a message counts only with our own origin and a sender that is this window
 * or such a frame — never another frame, whatever its shape. `onFormSubmit`
 * (before the request) brings the values and opens a submission;
 * `onFormSubmitted` confirms it. New editor (v4): native window event
 * `hs-form-event:on-submission:success`; values through the HubSpotFormsV4 API.
 */
export const hubspot: Adapter = {
  name: 'hubspot',
  claims: '.hs-form,.hs-form-html form',
  install(ctx) {
    const open: Record<string, [key: string, fields: [string, unknown][]]> = {};
    addEventListener('message', (e) => {
      const d = e.data as HsCallback | undefined;
      if (
        d?.type != 'hsFormCallback' ||
        e.origin != location.origin ||
        (e.source != window &&
          ![...document.querySelectorAll('iframe.hs-form-iframe')].some((f) => (f as HTMLIFrameElement).contentWindow == e.source))
      )
        return;
      const id = '' + d.id;
      if (d.eventName == 'onFormSubmit')
        open[id] = ['hubspot:' + id + ':' + ++seq, ((d.data as { name: string; value: unknown }[]) ?? []).map((f) => [f.name, f.value])];
      else if (d.eventName == 'onFormSubmitted') {
        const [key, pairs] = (open[id] ??= ['hubspot:' + id + ':' + ++seq, []]);
        const values = (d.data as { submissionValues?: object } | undefined)?.submissionValues ?? {};
        ctx.confirm({ tool: 'hubspot', key, form: id, fields: pickFields([...pairs, ...Object.entries(values)]) });
      }
    });
    addEventListener('hs-form-event:on-submission:success', async (e) => {
      const detail = (e as CustomEvent<{ formId?: string } | undefined>).detail;
      const api = (window as { HubSpotFormsV4?: HsFormsV4; HubspotFormsV4?: HsFormsV4 });
      let fields;
      try {
        const values = await (api.HubSpotFormsV4 ?? api.HubspotFormsV4)!.getFormFromEvent(e).getFormFieldValues();
        fields = pickFields(values.map((v) => [v.name, v.value]));
      } catch {
        ctx.skip('hubspot: v4 field values unavailable');
      }
      ctx.confirm({ tool: 'hubspot', key: 'hubspot:v4:' + ++seq, form: detail?.formId, fields });
    });
  },
};
