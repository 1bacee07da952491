import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi, OPENAPI_PATH, renderOpenApi } from '../../../scripts/openapi.js';

describe('docs/openapi.json', () => {
  it('is current with the zod schemas (run `npm run openapi` after changing them)', () => {
    expect(readFileSync(OPENAPI_PATH, 'utf8')).toBe(renderOpenApi());
  });

  it('describes the event body from the schema validate.ts uses', () => {
    const schemas = (buildOpenApi()['components'] as { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> }).schemas;
    expect(schemas['EventBody']?.required).toEqual(expect.arrayContaining(['event_id', 'event_source_url', 'consent']));
    expect(schemas['EventBody']?.properties?.['consent']).toMatchObject({ properties: { ads: { enum: ['granted', 'denied', 'unknown'] } } });
    expect(schemas['ConsentBody']?.required).toEqual(['id', 'ads', 'source', 'revision']);
  });
});
