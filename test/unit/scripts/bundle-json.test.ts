import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonAsParse, PARSE_JSON_FROM_BYTES } from '../../../scripts/bundle-functions.js';

// The functions' bundles read big JSON data through JSON.parse (faster for V8 than a literal:
// docs/platform.md §1.13); the data must arrive unchanged, as the default export and by require.
const dir = mkdtempSync(join(tmpdir(), 'capi-relay-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const big = Array.from({ length: 2000 }, (_, i) => `domain-${i}.example \\ "quoted" 'single' \u2028 é`);
const small = { a: 1, b: ['x'] };
writeFileSync(join(dir, 'big.json'), JSON.stringify(big, null, 2));
writeFileSync(join(dir, 'small.json'), JSON.stringify(small));
writeFileSync(join(dir, 'entry.js'), "import bigData from './big.json'; import smallData from './small.json'; const viaRequire = require('./big.json'); export { bigData, smallData, viaRequire };");

async function bundle(): Promise<string> {
  const result = await build({ entryPoints: [join(dir, 'entry.js')], bundle: true, format: 'esm', platform: 'node', write: false, plugins: [jsonAsParse], logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

describe('JSON data in the function bundles', () => {
  it('writes a big file as JSON.parse of its text and a small one as a literal', async () => {
    expect(JSON.stringify(big).length).toBeGreaterThan(PARSE_JSON_FROM_BYTES);
    const code = await bundle();
    expect(code.match(/JSON\.parse\(/g)).toHaveLength(1);
    expect(code).not.toMatch(/^\s+"domain-1\.example/m); // a literal writes one element per line
    expect(code).toContain('{ a: 1, b: ["x"] }');
  });

  it('delivers the same data, by import and by require', async () => {
    const file = join(dir, 'out.mjs');
    writeFileSync(file, await bundle());
    const m = (await import(file)) as { bigData: string[]; smallData: unknown; viaRequire: string[] };
    expect(m.bigData).toEqual(big);
    expect(m.viaRequire).toEqual(big);
    expect(m.smallData).toEqual(small);
  });
});
