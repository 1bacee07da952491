import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleEntries, bundleOptions, lazyParts } from '../../../scripts/bundle-functions.js';

// Each function is one module (issue 13): no chunk to load beside it, and what a route does
// not use stays out of it (docs/platform.md §1.12, §1.13).
async function built(name: string): Promise<{ files: string[]; text: string; imports: string[]; inputs: string[] }> {
  const options = bundleOptions();
  const result = await build({ ...options, entryPoints: { [name]: bundleEntries()[name]! }, write: false, logLevel: 'silent' });
  return {
    files: result.outputFiles.map((f) => f.path),
    text: result.outputFiles.map((f) => f.text).join('\n'),
    imports: Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path)),
    inputs: Object.keys(result.metafile.inputs),
  };
}

describe('the function bundles', () => {
  it('has one entry per route file, named by its path', () => {
    expect(Object.keys(bundleEntries()).filter((name) => name.startsWith('functions/')).sort()).toEqual(
      ['admin/dead-letters', 'admin/erase', 'admin/log', 'admin/resend', 'admin/status', 'admin/summary', 'config', 'consent', 'cron/sweep', 'event', 'hooks/[tool]', 'identify', 'ids'].map((n) => `functions/${n}`),
    );
  });

  it('writes POST /api/event as one module that imports nothing but Node built-ins and its lazy parts (the schema, the QStash client, libphonenumber)', async () => {
    const { files, text, imports, inputs } = await built('functions/event');
    expect(files).toHaveLength(1);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((s) => !s.startsWith('node:')).sort()).toEqual(['#lazy/_config/qstash-client', '#lazy/_pipeline/normalize/libphonenumber', '#lazy/_pipeline/validate']);
    expect(text).toContain('handleEvent');
    // zod, @upstash/qstash and libphonenumber are compiled only when a body needs the schema, an
    // event turns pending or a national number needs a parse, not on every cold start (docs/platform.md §1.13)
    expect(inputs.filter((input) => /node_modules\/(zod|@upstash\/qstash|libphonenumber-js)\//.test(input))).toEqual([]);
    expect(inputs).not.toContain('api/_pipeline/validate.ts');
    expect(inputs).not.toContain('api/_config/qstash-client.ts');
  });

  it('bundles each lazy part the sources import on its own, named by its path under api/', async () => {
    expect(lazyParts()).toEqual(['_config/qstash-client', '_pipeline/normalize/libphonenumber', '_pipeline/validate']);
    expect(bundleEntries()['lazy/_pipeline/validate']).toMatch(/api\/_pipeline\/validate\.ts$/);
    const { files, text, imports, inputs } = await built('lazy/_pipeline/validate');
    expect(files).toHaveLength(1);
    expect(imports.filter((s) => !s.startsWith('node:'))).toEqual([]);
    expect(text).toContain('validateEvent');
    expect(inputs.some((input) => input.includes('node_modules/zod/'))).toBe(true);
    const client = await built('lazy/_config/qstash-client');
    expect(client.text).toContain('createQStashClient');
    expect(client.inputs.some((input) => input.includes('node_modules/@upstash/qstash/'))).toBe(true);
    const phone = await built('lazy/_pipeline/normalize/libphonenumber');
    expect(phone.text).toContain('parseNational');
    expect(phone.inputs.some((input) => input.includes('node_modules/libphonenumber-js/'))).toBe(true);
  });

  it('leaves the runtime (store, sender, limiter) out of POST /api/ids and GET /api/config', async () => {
    for (const name of ['functions/ids', 'functions/config']) {
      const { text } = await built(name);
      expect(text, name).toContain('getEnvDeps');
      expect(text, name).not.toContain('createRuntime');
      expect(text, name).not.toContain('createMemoryStore');
    }
  });
});
