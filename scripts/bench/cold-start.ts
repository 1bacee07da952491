/**
 * What a low-traffic site waits for: a cold function. Each measurement is a
 * fresh `node` process that imports one function exactly as `vercel build`
 * bundled it (.vercel/output/functions/api/<name>.func, through the handler
 * its .vc-config.json names, with the files traced into it), answers
 * one request and exits: process start → first answered request. The
 * baseline, in the same run and alternating with it, is the same process
 * answering the same request from a handler that imports nothing. Medians of
 * RUNS; the spread is printed because the box is shared, and so is each
 * process's own CPU time (user + system to the answered request), which a busy
 * box inflates far less than wall time.
 * Run alone: `npx tsx scripts/bench/cold-start.ts` (after `npm run build:vercel`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis as IORedis } from 'ioredis';
import { isRedisReachable, REDIS_HOST, REDIS_PORT } from '../../test/support/redis.js';
import { startBridgeProcess } from './fake-graph-process.js';
import type { BenchRow } from './row.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FUNCTIONS = join(ROOT, '.vercel/output/functions/api');
const RUNS = 25;

const PAGE = 'https://www.example.com';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

/** One request per function, as the widget makes it; `ok` is the status a correct answer has. */
const CASES = [
  {
    name: 'event',
    method: 'POST',
    ok: 200,
    budgetMs: 40,
    budgetRatio: 1.6,
    body: () => JSON.stringify({ event_id: crypto.randomUUID(), event_source_url: PAGE + '/contact', user: { email: 'cold@example.com', phone: '+14155550100' }, consent: { ads: 'granted', gpc: false } }),
  },
  { name: 'ids', method: 'POST', ok: 200, budgetMs: 25, budgetRatio: undefined, body: () => '{}' },
  { name: 'config', method: 'GET', ok: 200, budgetMs: 25, budgetRatio: undefined, body: () => undefined },
] as const;

/** The script a fresh process runs: import `handlerFile`, answer one request, exit 3 on a wrong status. */
function oneRequest(handlerFile: string, c: (typeof CASES)[number]): string {
  const body = c.body();
  return `
    const m = await import(${JSON.stringify(pathToFileURL(handlerFile).href)});
    const res = await m.${c.method}(new Request('https://t.example.com/api/${c.name}', { method: '${c.method}',
      headers: { origin: '${PAGE}', 'content-type': 'text/plain', 'user-agent': '${UA}', 'x-vercel-ip-country': 'US', 'x-forwarded-for': '203.0.113.9' }${body === undefined ? '' : `, body: ${JSON.stringify(body)}`} }));
    await res.text();
    if (res.status !== ${c.ok}) { console.error('status ' + res.status); process.exit(3); }
    const cpu = process.cpuUsage();
    process.stdout.write('\\n${CPU_MARK}' + (cpu.user + cpu.system) / 1000);`;
}

/** Marks the child's CPU figure on its stdout (the dry-run sender writes there too). */
const CPU_MARK = 'cold-start-cpu-ms=';

/** Wall time of the whole process and its own CPU time to the answered request, ms. */
function timeProcess(script: string, cwd: string, env: Record<string, string> = {}): { wall: number; cpu: number } {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', ALLOWED_ORIGINS: PAGE, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wall = performance.now() - start;
  if (run.status !== 0) throw new Error(`cold-start run failed (exit ${run.status}): ${run.stderr.toString().slice(0, 400)}`);
  const cpu = Number(run.stdout.toString().split(CPU_MARK).pop());
  return { wall, cpu };
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[list.length >> 1]!;
const range = (list: number[]) => `${Math.min(...list).toFixed(0)}–${Math.max(...list).toFixed(0)}`;

export async function benchColdStart(): Promise<BenchRow[]> {
  if (!existsSync(FUNCTIONS)) throw new Error('.vercel/output is missing: run `npm run build:vercel` first');
  const bareDir = mkdtempSync(join(tmpdir(), 'capi-relay-bare-'));
  const bare = join(bareDir, 'bare.mjs');
  // The baseline handler: same export shape, same answer size, nothing imported.
  writeFileSync(bare, `const answer = () => new Response('{"status":"sent"}', { headers: { 'content-type': 'application/json' } });
    export const POST = answer; export const GET = answer;`);
  const rows: BenchRow[] = [];
  try {
    for (const c of CASES) {
      const func = join(FUNCTIONS, `${c.name}.func`);
      const handler = join(func, (JSON.parse(readFileSync(join(func, '.vc-config.json'), 'utf8')) as { handler: string }).handler);
      const oursRuns: { wall: number; cpu: number }[] = [];
      const baseRuns: { wall: number; cpu: number }[] = [];
      for (let i = 0; i < RUNS; i++) {
        baseRuns.push(timeProcess(oneRequest(bare, c), bareDir));
        oursRuns.push(timeProcess(oneRequest(handler, c), func));
      }
      const ours = oursRuns.map((r) => r.wall);
      const base = baseRuns.map((r) => r.wall);
      const extra = median(ours) - median(base);
      const ratio = median(ours) / median(base);
      const cpuOurs = median(oursRuns.map((r) => r.cpu));
      const cpuBase = median(baseRuns.map((r) => r.cpu));
      rows.push({
        name: `cold start of api/${c.name} (built), over a bare handler`,
        value: extra,
        unit: 'ms',
        target: `≤ +${c.budgetMs} ms${c.budgetRatio ? `, ≤ ${c.budgetRatio}×` : ''}`,
        pass: extra <= c.budgetMs && (c.budgetRatio === undefined || ratio <= c.budgetRatio),
        note:
          `${median(ours).toFixed(0)} ms (${range(ours)}) vs bare ${median(base).toFixed(0)} ms (${range(base)}): ${ratio.toFixed(2)}×, ${RUNS} runs each; ` +
          `process CPU ${cpuOurs.toFixed(0)} vs ${cpuBase.toFixed(0)} ms: +${(cpuOurs - cpuBase).toFixed(0)} ms, ${(cpuOurs / cpuBase).toFixed(2)}×; load avg ${loadavg()[0]!.toFixed(1)}`,
      });
    }
    rows.push(await productionEventRow(bare, bareDir));
  } finally {
    rmSync(bareDir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * The event function as production runs it: with its Upstash store (here the REST bridge over the
 * local Redis, in its own process), so the claim's round trip and the Upstash client's load are in
 * the figure; the rows above use the embedded store, as the issue's budget defines them. No target:
 * it is there to show what a deployment pays on top.
 */
async function productionEventRow(bare: string, bareDir: string): Promise<BenchRow> {
  const name = 'cold start of api/event (built, Upstash store over a local bridge), over a bare handler';
  if (!(await isRedisReachable())) return { name, value: Number.NaN, unit: 'ms', note: 'skipped: no Redis on 127.0.0.1:6379' };
  const bridge = await startBridgeProcess();
  try {
    const c = CASES[0];
    const func = join(FUNCTIONS, `${c.name}.func`);
    const handler = join(func, (JSON.parse(readFileSync(join(func, '.vc-config.json'), 'utf8')) as { handler: string }).handler);
    const env = { UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: bridge.token, REDIS_PREFIX: `cold:${process.pid}:` };
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      base.push(timeProcess(oneRequest(bare, c), bareDir).wall);
      ours.push(timeProcess(oneRequest(handler, c), func, env).wall);
    }
    const extra = median(ours) - median(base);
    return {
      name,
      value: extra,
      unit: 'ms',
      note: `${median(ours).toFixed(0)} ms (${range(ours)}) vs bare ${median(base).toFixed(0)} ms (${range(base)}): ${(median(ours) / median(base)).toFixed(2)}×, ${RUNS} runs each; no target (the issue's budget is the embedded-store row)`,
    };
  } finally {
    bridge.child.kill();
    await deleteKeys(`cold:${process.pid}:`);
  }
}

/** What the measured events left in the local Redis, under their own prefix. */
async function deleteKeys(prefix: string): Promise<void> {
  const redis = new IORedis({ host: REDIS_HOST, port: REDIS_PORT, maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await benchColdStart()) console.log(row);
}
