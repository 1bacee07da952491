/**
 * Ingest cost and latency, stated as ratios (issue 13 item 4): the relay's CPU
 * per event as a multiple of the no-pipeline floor measured in the same run
 * (target ≤ 3×), and p99 at 5/10/25/50 concurrent, with no gate on absolute
 * latency (it depends on the box). Each live process measures a floor round right
 * before each live round (ingest-load.ts measureInTurn), so each ratio pairs rounds
 * taken seconds apart under the same load; the median and IQR over those pairs are
 * printed, and a ratio whose IQR is wide is flagged as swinging with load.
 * Run alone: `[BENCH_INGEST_EVENTS=n] npx tsx --conditions=source scripts/bench/ingest.ts [live|scale|dry|floor]`.
 */
import { execFile } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeTransport, type GraphTransport } from '../../api/_meta/transport.js';
import { ok } from '../../api/_http/answers.js';
import { corsFor } from '../../api/_http/cors.js';
import { readJsonBody } from '../../api/_http/request-body.js';
import type { Runtime } from '../../api/_config/runtime.js';
import { medianRound, type LoopFigures } from './closed-loop.js';
import { startGraphProcess, type GraphProcess } from './fake-graph-process.js';
import { benchRuntime, eventRequest, measureInTurn, measureRounds, postEvent, TOKEN, type Round, type RoundPlan } from './ingest-load.js';
import type { BenchRow } from './row.js';

/** Concurrency the live rows are stated for: a closed loop of this many workers, each one request in flight. */
const CONCURRENCY = 50;
/** Relay CPU per live event, as a multiple of the no-pipeline floor (issue 13 Budgets). */
const CPU_RATIO_TARGET = 3;
/** Live processes run this many times, each with 3 floor/live round pairs: 2 × 3 pairs for the ratio. */
const REPEATS = 2;
/** An IQR wider than this share of the median is reported as swinging with the box's load. */
const SWINGS = 0.25;
/** 20k events per round for a stable p99; 3 rounds, the median-p99 one reported, all listed. */
const PLAN: RoundPlan = { concurrency: CONCURRENCY, warmup: 10_000, events: Number(process.env['BENCH_INGEST_EVENTS'] ?? 20_000), rounds: 3 };
/** The same live code at lower concurrency: how many in-flight requests one process serves within the target. */
const LOWER_CONCURRENCY = [5, 10, 25];
const GRAPH_VARS = { META_PIXEL_ID: '1234567890', META_ACCESS_TOKEN: TOKEN };

const MODES = ['live', 'scale', 'dry', 'floor'] as const;
type Mode = (typeof MODES)[number];

/**
 * 50 concurrent POSTs through handleEvent (body read, validation, rate limits,
 * consent, normalize+hash, claim, send, save, one log line) on the embedded store, the
 * fake Graph API in its own process so its CPU is not on the relay's event loop
 * (a real Meta is elsewhere). Each mode runs in a fresh process, so no figure
 * pays for the heap an earlier one left. The floor rows run the same loop
 * without the pipeline: what any handler on this machine pays for the
 * Request/Response objects alone, and for one keep-alive POST to the fake Graph.
 * Live events share POSTs: while the coalescer's limit of requests is out, the
 * next first attempts queue and leave together (api/_meta/first-attempt-coalescer.ts),
 * so the live rows say how many events one POST carried on average.
 */
export async function benchIngest(modes: readonly Mode[] = MODES): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const paired = modes.includes('live') && modes.includes('floor');
  if (paired) {
    const floorCpu: number[] = [];
    const liveCpu: number[] = [];
    let live: ModeResult | undefined;
    for (let i = 0; i < REPEATS; i++) {
      live = await runMode('live');
      floorCpu.push(...live.floorCpuUsPerRound!);
      liveCpu.push(...live.cpuUsPerRound);
    }
    rows.push(...live!.rows, cpuRatioRow(liveCpu, floorCpu), ...(await runMode('floor')).rows);
  }
  for (const mode of modes) if (!paired || (mode !== 'live' && mode !== 'floor')) rows.push(...(await runMode(mode)).rows);
  return rows;
}

/** What one mode's process reports: its rows, and the CPU per call of each of its rounds (live: and of the floor round before each). */
interface ModeResult {
  rows: BenchRow[];
  cpuUsPerRound: number[];
  floorCpuUsPerRound?: number[];
}

async function runMode(mode: Mode): Promise<ModeResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), mode, '--json'], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ModeResult;
}

/** Live CPU per event ÷ floor CPU per call, round i with round i (the floor round taken just before it, same process). */
export function cpuRatioRow(liveCpu: number[], floorCpu: number[]): BenchRow {
  const ratios = liveCpu.map((live, i) => live / floorCpu[i]!);
  const { median, q1, q3 } = quartiles(ratios);
  const swings = (q3 - q1) / median > SWINGS;
  return {
    name: 'relay CPU per event ÷ no-pipeline floor (live)',
    value: median,
    unit: '×',
    target: `≤ ${CPU_RATIO_TARGET}×`,
    pass: median <= CPU_RATIO_TARGET,
    note:
      `IQR ${q1.toFixed(2)}–${q3.toFixed(2)}× over ${ratios.length} round pairs; live ${quartiles(liveCpu).median.toFixed(0)} µs vs floor ${quartiles(floorCpu).median.toFixed(0)} µs per call (medians), ` +
      `load avg ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores${swings ? '; swings with load: the IQR is wide, read the median with care' : ''}`,
  };
}

/** Median and quartiles (linear interpolation between closest ranks). */
export function quartiles(values: readonly number[]): { median: number; q1: number; q3: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    const rank = p * (sorted.length - 1);
    const low = Math.floor(rank);
    const high = Math.ceil(rank);
    return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
  };
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
}

async function measureMode(mode: Mode): Promise<ModeResult> {
  const graph = mode === 'dry' ? undefined : await startGraphProcess(TOKEN);
  try {
    if (mode === 'live') return await measureLive(graph!);
    if (mode === 'scale') return { rows: await measureScale(graph!), cpuUsPerRound: [] };
    if (mode === 'floor') return await measureFloor(graph!);
    return { rows: await measureDry(), cpuUsPerRound: [] };
  } finally {
    graph?.child.kill();
  }
}

async function measureLive(graph: GraphProcess): Promise<ModeResult> {
  const load = `load avg ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
  const posts = countingTransport();
  const runtime = await benchRuntime({ META_GRAPH_URL: graph.url, ...GRAPH_VARS }, { transport: posts.transport });
  const inTurn = await measureInTurn(() => answerOnly(runtime), () => postEvent(runtime), { ...PLAN, otherPid: graph.child.pid });
  const rounds = inTurn.second;
  const live = medianRound(rounds);
  const perPost = (PLAN.warmup + PLAN.events * PLAN.rounds) / posts.count();
  const rows: BenchRow[] = [
    { name: 'ingest live, fake Graph in own process', value: live.perSec, unit: 'events/s', note: `${CONCURRENCY} concurrent, ${PLAN.events} events/round, ${live.errors} non-200, ${perPost.toFixed(1)} events per Graph POST, ${load}` },
    { name: 'ingest p50 latency (live)', value: live.p50, unit: 'ms', note: `max ${live.max.toFixed(1)} ms` },
    { name: `ingest p99 latency (live, ${CONCURRENCY} concurrent)`, value: live.p99, unit: 'ms', note: `no target: absolute latency depends on the box; ${spread(rounds)}` },
    { name: 'ingest relay CPU per event (live)', value: live.cpuUsPerCall, unit: 'µs', note: `system ${live.systemUsPerCall.toFixed(0)} µs of it; fake Graph ${live.otherCpuUs.toFixed(0)} µs/event` },
  ];
  return { rows, cpuUsPerRound: rounds.map((r) => r.cpuUsPerCall), floorCpuUsPerRound: inTurn.first.map((r) => r.cpuUsPerCall) };
}

// In a closed loop p50 ≈ concurrency × CPU per event once the process is busy (Little's law).
async function measureScale(graph: GraphProcess): Promise<BenchRow[]> {
  const posts = countingTransport();
  const runtime = await benchRuntime({ META_GRAPH_URL: graph.url, ...GRAPH_VARS }, { transport: posts.transport });
  const rows: BenchRow[] = [];
  for (const concurrency of LOWER_CONCURRENCY) {
    const before = posts.count();
    const plan = { ...PLAN, concurrency, warmup: 3000, rounds: 1 };
    const f = (await measureRounds(() => postEvent(runtime), plan))[0]!;
    const perPost = (plan.warmup + plan.events) / (posts.count() - before);
    rows.push({ name: `ingest p99 latency (live, ${concurrency} concurrent)`, value: f.p99, unit: 'ms', note: `${f.perSec.toFixed(0)} events/s, p50 ${f.p50.toFixed(2)} ms, ${perPost.toFixed(1)} events per Graph POST` });
  }
  return rows;
}

async function measureDry(): Promise<BenchRow[]> {
  const runtime = await benchRuntime({});
  const rounds = await measureRounds(() => postEvent(runtime), PLAN);
  const dry = medianRound(rounds);
  return [
    { name: 'ingest p99 latency (dry-run, no network)', value: dry.p99, unit: 'ms', note: `${dry.perSec.toFixed(0)} events/s, p50 ${dry.p50.toFixed(2)} ms, ${dry.errors} non-200; ${spread(rounds)}` },
    { name: 'ingest relay CPU per event (dry-run)', value: dry.cpuUsPerCall, unit: 'µs' },
  ];
}

async function measureFloor(graph: GraphProcess): Promise<ModeResult> {
  const runtime = await benchRuntime({});
  const platformRounds = await measureRounds(() => answerOnly(runtime), PLAN);
  const platform = medianRound(platformRounds);
  const post = await graphPost(graph.url);
  const http = medianRound(await measureRounds(post, { ...PLAN, otherPid: graph.child.pid }));
  return {
    rows: [floorRow('floor: Request → body → JSON answer, no pipeline', platform), floorRow('floor: one keep-alive POST to the fake Graph', http)],
    cpuUsPerRound: platformRounds.map((r) => r.cpuUsPerCall),
  };
}

function floorRow(name: string, f: LoopFigures): BenchRow {
  return { name, value: f.p99, unit: 'ms p99', note: `${CONCURRENCY} concurrent, ${f.perSec.toFixed(0)}/s, p50 ${f.p50.toFixed(2)} ms, ${f.cpuUsPerCall.toFixed(0)} µs CPU each` };
}

function spread(rounds: Round[]): string {
  return `p99 of ${rounds.length} rounds: ${rounds.map((f) => f.p99.toFixed(1)).join(' / ')} ms`;
}

/** The live transport, counting the POSTs it makes. */
function countingTransport(): { transport: GraphTransport; count: () => number } {
  let posts = 0;
  const transport: GraphTransport = (url, body, timeoutMs) => {
    posts++;
    return nodeTransport(url, body, timeoutMs);
  };
  return { transport, count: () => posts };
}

/** The platform floor: the same Request in and JSON answer out, nothing in between. */
async function answerOnly(runtime: Runtime): Promise<boolean> {
  const request = eventRequest();
  const origin = corsFor(runtime.env.allowedOrigins).check(request);
  const body = await readJsonBody(request);
  if (!origin.allowed || !body.ok) return false;
  const res = ok({ event_id: (body.value as { event_id: string }).event_id, status: 'sent' }, origin.headers);
  await res.arrayBuffer();
  return true;
}

/** The network floor: the exact URL and body the live sender posts, sent with its transport and nothing else. */
async function graphPost(graphUrl: string): Promise<() => Promise<boolean>> {
  let captured: { url: string; body: string } | undefined;
  const capture: GraphTransport = (url, body, timeoutMs) => {
    captured = { url, body };
    return nodeTransport(url, body, timeoutMs);
  };
  const runtime = await benchRuntime({ META_GRAPH_URL: graphUrl, ...GRAPH_VARS }, { transport: capture });
  if (!(await postEvent(runtime)) || !captured) throw new Error('bench: the capture event was not sent');
  const { url, body } = captured;
  return async () => (await nodeTransport(url, body, 3000)).status === 200;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const modes = MODES.filter((m) => process.argv.slice(2).includes(m));
  if (process.argv.includes('--json') && modes.length === 1) console.log(JSON.stringify(await measureMode(modes[0]!)));
  else for (const row of await benchIngest(modes.length ? modes : MODES)) console.log(row);
}
