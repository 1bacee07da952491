import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDomain, getPublicSuffix } from 'tldts';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE64_ARRAY_FROM_ITEMS, typedArraysAsBase64 } from '../../../scripts/bundle-functions.js';

// Big typed-array literals in packages are bundled as base64 (docs/platform.md §1.13): the
// numbers must arrive unchanged, and tldts, whose Public Suffix List is such arrays, must answer
// as it does unbundled.
const dir = mkdtempSync(join(tmpdir(), 'capi-relay-arrays-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(entry: string): Promise<string> {
  const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false, plugins: [typedArraysAsBase64], logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

async function load<T>(code: string, name: string): Promise<T> {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, code);
  return (await import(file)) as T;
}

describe('typed-array literals in the function bundles', () => {
  it('writes a big literal as base64 and leaves small or unusual ones alone, with the same numbers', async () => {
    const big16 = Array.from({ length: BASE64_ARRAY_FROM_ITEMS }, (_, i) => (i * 7919) % 65536);
    const big32 = Array.from({ length: BASE64_ARRAY_FROM_ITEMS }, (_, i) => (i * 2654435761) % 4294967296);
    const bigSigned = Array.from({ length: BASE64_ARRAY_FROM_ITEMS }, (_, i) => i * 3);
    const overflowing = Array.from({ length: BASE64_ARRAY_FROM_ITEMS }, (_, i) => i * 3); // 765 > 255: a Uint8Array would change it
    const pkg = join(dir, 'node_modules/fake');
    rmSync(pkg, { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, 'index.js'),
      `export const a = new Uint16Array([${big16.join(', ')}]);
       export const b = /*#__PURE__*/ new Uint32Array([${big32.join(',\n')}]);
       export const c = new Int32Array([${bigSigned.join(',')}]);
       export const d = new Uint8Array([${overflowing.join(',')}]);
       export const e = new Uint8Array([1, 2, 3]);`,
    );
    const code = await bundle(join(pkg, 'index.js'));
    expect(code.match(/Buffer\.from\("/g)).toHaveLength(3);
    expect(code).toContain('new Uint8Array([1, 2, 3])');
    const m = await load<Record<string, ArrayLike<number>>>(code, 'fake');
    expect(Array.from(m['a']!)).toEqual(big16);
    expect(Array.from(m['b']!)).toEqual(big32);
    expect(Array.from(m['c']!)).toEqual(bigSigned);
    expect(Array.from(m['d']!)).toEqual([...new Uint8Array(overflowing)]);
    expect(m['a']).toBeInstanceOf(Uint16Array);
  });

  it('leaves tldts answering as it does unbundled', async () => {
    const result = await build({
      stdin: { contents: "export { getDomain, getPublicSuffix } from 'tldts';", resolveDir: import.meta.dirname, loader: 'js' },
      bundle: true, format: 'esm', platform: 'node', write: false, plugins: [typedArraysAsBase64], logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('Buffer.from("');
    const bundled = await load<{ getDomain: typeof getDomain; getPublicSuffix: typeof getPublicSuffix }>(code, 'tldts');
    const hosts = ['t.example.com', 'www.example.co.uk', 'a.b.ac.jp', 'x.gov.in', 'shop.example.org.il', 'my-app.vercel.app', 'vercel.app', 'foo.github.io', 'a.b.c.kawasaki.jp', 'city.kawasaki.jp', 'localhost', '127.0.0.1', 'xn--85x722f.xn--55qx5d.cn', 'example.test', 'a.s3.amazonaws.com', 'b.blogspot.com'];
    for (const host of hosts) {
      for (const allowPrivateDomains of [true, false]) {
        expect(bundled.getDomain(host, { allowPrivateDomains }), host).toBe(getDomain(host, { allowPrivateDomains }));
        expect(bundled.getPublicSuffix(host, { allowPrivateDomains }), host).toBe(getPublicSuffix(host, { allowPrivateDomains }));
      }
    }
  });
});
