import type { Adapter } from '../types.js';
import { skip } from '../../debug.js';
import { pickFields } from '../pick-fields.js';
import { confirmForm } from '../tool-form.js';

interface NinjaResponse {
  errors?: object;
  data?: { fields?: Record<string, { type?: string; value?: unknown }> };
}

/**
 * Ninja Forms 3 (docs/form-tools.md §4): jQuery-only `nfFormSubmitResponse` fires for
 * every answer, validation errors included; success = `response.errors` empty.
 * Its submit button is not a submit (no snapshot), but the answer carries every
 * field with its type, the most reliable source there is.
 */
export const ninjaForms: Adapter = {
  name: 'ninja-forms',
  claims: '.nf-form-cont form',
  install(ctx) {
    ctx.withJQuery((jq) =>
      jq(document).on('nfFormSubmitResponse', (_e, arg) => {
        const { response, id } = (arg ?? {}) as { response?: NinjaResponse; id?: string };
        if (!response || Object.keys(response.errors ?? {}).length) return skip('ninja-forms answer with errors');
        const fields = Object.values(response.data?.fields ?? {}).map((f): [string, unknown] => [f.type ?? '', f.value]);
        confirmForm(ctx, 'ninja-forms', document.getElementById(`nf-form-${id}-cont`), pickFields(fields));
      }),
    );
  },
};
