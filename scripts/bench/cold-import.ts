import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { BenchRow } from './row.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Inside node_modules so the compiled files resolve packages the way a traced Vercel function does. */
const OUT = join(ROOT, 'node_modules/.cache/capi-relay-bench/api');
const RUNS = 15;
const TARGET_EXTRA_MS = 40;

/**
 * Cold import cost of the /api/event function as Vercel runs it: compiled JS,
 * node_modules traced (not bundled). api/ is transpiled with esbuild (packages
 * external, dynamic imports split into their own chunks) and each measurement is
 * a fresh `node` process importing it, against a bare `node` start; medians of 15.
 * A second figure adds the first request (runtime build + lazy imports), which a
 * cold invocation also pays.
 */
export async function benchColdImport(): Promise<BenchRow[]> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'api/event.ts')],
    outdir: OUT,
    bundle: true,
    splitting: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  });
  const file = pathToFileURL(join(OUT, 'event.mjs')).href;
  const firstRequest = `
    const m = await import(${JSON.stringify(file)});
    const res = await m.POST(new Request('https://t.example.com/api/event', { method: 'POST',
      headers: { origin: 'https://www.example.com', 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0', 'x-vercel-ip-country': 'US' },
      body: JSON.stringify({ event_id: crypto.randomUUID(), event_source_url: 'https://www.example.com/', user: { email: 'bench@example.com', phone: '+14155550100' }, consent: { ads: 'granted', gpc: false } }) }));
    if (res.status !== 200) process.exit(2);`;

  const bare = medianMs(['-e', '']);
  const imported = medianMs(['--input-type=module', '-e', `await import(${JSON.stringify(file)})`]);
  const withRequest = medianMs(['--input-type=module', '-e', firstRequest]);
  const extra = imported - bare;
  return [
    { name: 'cold import of api/event (over bare node)', value: extra, unit: 'ms', target: `≤ +${TARGET_EXTRA_MS} ms`, pass: extra <= TARGET_EXTRA_MS, note: `bare node ${bare.toFixed(0)} ms` },
    { name: 'cold import + first event (dry-run)', value: withRequest - bare, unit: 'ms', note: 'includes lazy runtime, zod, normalizers' },
  ];
}

function medianMs(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', ALLOWED_ORIGINS: 'https://www.example.com' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (run.status !== 0) throw new Error(`cold-import run failed (exit ${run.status}): ${run.stderr.toString().slice(0, 500)}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await benchColdImport()) console.log(row);
}
