import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../../../scripts/bundle-functions.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const FUNCTIONS = join(ROOT, '.vercel/output/functions');

/**
 * One Node.js major for the deployment and for everything that tests it (docs/platform.md §1.15):
 * Vercel picks the functions' runtime from engines.node, `vercel build` writes it into each .func
 * folder, and scripts/deployed-node.sh runs the suite and the benchmarks on it.
 */
const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

function funcConfigs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name.endsWith('.func')) out.push(join(path, '.vc-config.json'));
    else if (entry.isDirectory()) out.push(...funcConfigs(path));
  }
  return out;
}

describe('the Node.js runtime', () => {
  it('engines.node names one major, so the deployed runtime cannot move with Vercel releases', () => {
    expect(engines).toMatch(/^\d+\.x$/);
  });
  const major = engines.replace('.x', '');

  it("is the runtime of every function in Vercel's build output", () => {
    if (!existsSync(FUNCTIONS)) {
      // scripts/test.sh builds it before the suite; only a bare `vitest` run may lack it
      if (process.env.CI === 'true') throw new Error(`no ${relative(ROOT, FUNCTIONS)}: scripts/test.sh runs vercel build first`);
      console.warn(`\n!!! runtime: build output check SKIPPED — no ${relative(ROOT, FUNCTIONS)} (npm run build:vercel) !!!\n`);
      return;
    }
    const configs = funcConfigs(FUNCTIONS);
    expect(configs.length).toBeGreaterThan(0);
    for (const config of configs) {
      const runtime = (JSON.parse(readFileSync(config, 'utf8')) as { runtime: string }).runtime;
      expect({ func: relative(FUNCTIONS, config), runtime }).toEqual({ func: relative(FUNCTIONS, config), runtime: `nodejs${major}.x` });
    }
  });

  it("is the target esbuild bundles each function's server code for", () => {
    expect(bundleOptions().target).toBe(`node${major}`);
  });

  it('is the runtime this suite runs on (npm test: scripts/deployed-node.sh)', () => {
    const running = process.versions.node.split('.')[0];
    if (running !== major && process.env.CI !== 'true') {
      console.warn(`\n!!! runtime: this suite runs on Node.js ${process.versions.node}, the functions deploy on ${engines}; npm test runs it there !!!\n`);
      return;
    }
    expect(running).toBe(major);
  });
});
