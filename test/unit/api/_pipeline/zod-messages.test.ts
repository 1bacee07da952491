import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../../../api/_config/env.js';
import { validateProofBody } from '../../../../api/_pipeline/consent/proof.js';
import { validateEvent } from '../../../../api/_pipeline/validate.js';

// The schemas use zod/mini, which brings no locale: zod-messages.ts installs the English one so
// the messages we did not write ourselves read as they did with `zod` (not "Invalid input").
describe("zod's own messages, in English", () => {
  const event = { event_id: '0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21', event_source_url: 'https://a.example/x', consent: { ads: 'granted', gpc: false } };

  it('name what was expected in a 400 body', () => {
    expect(validateEvent({ ...event, user: 'x', source: { tool: 1 } })).toEqual({
      ok: false,
      issues: [
        { path: 'user', message: 'Invalid input: expected object, received string' },
        { path: 'source.tool', message: 'Invalid input: expected string, received number' },
      ],
    });
    expect(validateProofBody({ id: 'abcdefghijklmnopq', ads: 'granted', source: 'banner', revision: '1', ts: 1.5 })).toEqual({
      ok: false,
      issues: [{ path: 'ts', message: 'Invalid input: expected int, received number' }],
    });
  });

  it('name the bound in a configuration error', () => {
    expect(() => loadEnv({ DATA_RETENTION_DAYS: '0' })).toThrow('DATA_RETENTION_DAYS Too small: expected number to be >0');
    expect(() => loadEnv({ PORT: '99999' })).toThrow('PORT Too big: expected number to be <=65535');
  });
});
