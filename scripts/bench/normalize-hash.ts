/**
 * Throughput of normalizeUser + hashUserFields against the floor any Node
 * implementation pays anyway: hashing the same number of already-normalized
 * strings with createHash (what Meta's Node SDK does per value). Target ≥1.3×
 * (issue 13 Budgets).
 *
 * Paired, because a ratio of two figures taken one after the other swings with
 * JIT order and the box's load (1.00× to 1.28× between two back-to-back runs):
 * each round times the baseline and every variant of ours over the same number
 * of records, in an order that rotates from round to round, and the ratio is
 * taken within the round. The median and IQR of those per-round ratios are
 * reported. Time is process CPU time (process.cpuUsage), so time the scheduler
 * gives to other processes on a shared box does not count.
 * Run alone: `npx tsx --conditions=source scripts/bench/normalize-hash.ts` (the sources of `#lazy/…` parts, as `npm run bench` runs it).
 */
import { createHash } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { hashUserFields } from '../../api/_pipeline/hash.js';
import { normalizeUser, type NormalizeContext } from '../../api/_pipeline/normalize/index.js';
import { loadPhoneParser } from '../../api/_pipeline/normalize/phone-parser.js';
import type { RawUserFields } from '../../api/_contract/wire.js';
import { quartiles } from './ingest.js';
import type { BenchRow } from './row.js';

const POOL_SIZE = 64; // distinct records, so no run hashes one string over and over
const RECORDS_PER_ROUND = 20_000;
// The UK numbers go through a libphonenumber parse, ~8× slower: fewer records keep the round short.
const UK_RECORDS_PER_ROUND = RECORDS_PER_ROUND / 8;
const WARMUP_ROUNDS = 3;
const ROUNDS = 15;
const TARGET_RATIO = 1.3;
/** An IQR wider than this share of the median is reported as swinging with the box's load. */
const SWINGS = 0.15;
const CTX: NormalizeContext = { defaultCountry: 'us', now: new Date('2026-11-22T00:00:00Z') };

/** A lead as a typical contact form posts it (9 hashed keys). */
function realisticRecord(i: number, phone: string): RawUserFields {
  return {
    email: `  Maria.Lopez+${i}@Example-Mail.com `,
    phone,
    first_name: 'María José',
    last_name: "O'Brien-López",
    city: 'San Antonio',
    state: 'Tex.',
    zip: `7820${i % 10}-1234`,
    country: 'United States',
    external_id: ` CRM-${100_000 + i} `,
  };
}

function recordPool(phone: (i: number) => string): RawUserFields[] {
  return Array.from({ length: POOL_SIZE }, (_, i) => realisticRecord(i, phone(i)));
}

/** Runs `count` records and returns something derived from the output, so the work stays observable. */
type Workload = (count: number) => number;

function ours(pool: RawUserFields[]): Workload {
  return (count) => {
    let total = 0;
    for (let i = 0; i < count; i++) {
      const hashed = hashUserFields(normalizeUser(pool[i % POOL_SIZE]!, CTX));
      total += hashed.em?.[0]?.length ?? 0;
    }
    return total;
  };
}

/** The same number of strings per record, already normalized, hashed with createHash. */
function baseline(pool: RawUserFields[]): Workload {
  const normalized = pool.map((user) => Object.values(normalizeUser(user, CTX)) as string[]);
  return (count) => {
    let total = 0;
    for (let i = 0; i < count; i++) {
      for (const value of normalized[i % POOL_SIZE]!) {
        total += createHash('sha256').update(value).digest('hex').length;
      }
    }
    return total;
  };
}

let sink = 0;

// A full collection before each timed run, so a round pays for its own garbage and not for the
// previous contender's (createHash's Hash objects are freed by the collector, which then ran in
// whichever round came next: with short rounds that alone moved the ratio by 20%).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Records per CPU second of one timed run. */
function rate(run: Workload, count: number): number {
  collectGarbage();
  const cpu = process.cpuUsage();
  sink += run(count);
  const used = process.cpuUsage(cpu);
  return count / ((used.user + used.system) / 1e6);
}

interface Contender {
  run: Workload;
  count: number;
}

/**
 * Per round, the rate of every contender, run in an order rotated by one each
 * round so no contender always runs first (fresh after the previous one's
 * garbage) or last. Returns rates[contender][round].
 */
function pairedRates(contenders: Contender[]): number[][] {
  for (let i = 0; i < WARMUP_ROUNDS; i++) for (const { run, count } of contenders) run(count);
  const rates = contenders.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (round + k) % contenders.length;
      const { run, count } = contenders[index]!;
      rates[index]!.push(rate(run, count));
    }
  }
  if (sink < 0) console.log(sink); // keeps the work observable to the optimizer
  return rates;
}

const perRound = (rates: number[], baseRates: number[]) => rates.map((r, i) => r / baseRates[i]!);
const range = (ratios: number[]) => {
  const { q1, q3 } = quartiles(ratios);
  return `IQR ${q1.toFixed(2)}–${q3.toFixed(2)}×`;
};

/** Rows for the bench report: our rate, the baseline rate and their paired ratio (the target). */
export async function benchNormalizeHash(): Promise<BenchRow[]> {
  await loadPhoneParser(); // the UK national numbers need libphonenumber, as the pipeline loads it on first need
  const international = recordPool((i) => `+1 (210) 555-01${String(i % 100).padStart(2, '0')}`);
  const usNational = recordPool((i) => `(210) 555-01${String(i % 100).padStart(2, '0')}`);
  const ukNational = recordPool((i) => `07700 900${String(100 + i)}`).map((user) => ({ ...user, country: 'United Kingdom', state: 'Norfolk', zip: 'NR9 5AL' }));
  const fieldsPerRecord = Object.keys(normalizeUser(international[0]!, CTX)).length;

  const [baseRates, ourRates, usRates, ukRates] = pairedRates([
    { run: baseline(international), count: RECORDS_PER_ROUND },
    { run: ours(international), count: RECORDS_PER_ROUND },
    { run: ours(usNational), count: RECORDS_PER_ROUND },
    { run: ours(ukNational), count: UK_RECORDS_PER_ROUND },
  ]) as [number[], number[], number[], number[]];
  const ratios = perRound(ourRates, baseRates);
  const usRatios = perRound(usRates, baseRates);
  const ukRatios = perRound(ukRates, baseRates);
  const ratio = quartiles(ratios);
  const swings = (ratio.q3 - ratio.q1) / ratio.median > SWINGS;
  const load = `load avg ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
  return [
    {
      name: 'normalize+hash, international phone',
      value: Math.round(quartiles(ourRates).median),
      unit: 'records/s',
      note: `${fieldsPerRecord} keys per record; per CPU second, median of ${ROUNDS} rounds`,
    },
    {
      name: 'baseline: createHash of pre-normalized values',
      value: Math.round(quartiles(baseRates).median),
      unit: 'records/s',
      note: `${fieldsPerRecord} hashes per record; per CPU second, median of ${ROUNDS} rounds`,
    },
    {
      name: 'normalize+hash / baseline',
      value: Number(ratio.median.toFixed(2)),
      unit: '×',
      target: `≥ ${TARGET_RATIO.toFixed(1)}×`,
      pass: ratio.median >= TARGET_RATIO,
      note:
        `median of ${ROUNDS} paired rounds, ${range(ratios)}; ${load}; Meta's Node SDK reaches about 0.6×` +
        (swings ? '; swings with load: the IQR is wide, read the median with care' : ''),
    },
    {
      name: 'normalize+hash, US national phone',
      value: Math.round(quartiles(usRates).median),
      unit: 'records/s',
      note: `${quartiles(usRatios).median.toFixed(2)}× the paired baseline (${range(usRatios)}); North American fast path`,
    },
    {
      name: 'normalize+hash, UK national phone',
      value: Math.round(quartiles(ukRates).median),
      unit: 'records/s',
      note: `${quartiles(ukRatios).median.toFixed(2)}× the paired baseline (${range(ukRatios)}); libphonenumber parse for the trunk 0`,
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchNormalizeHash();
  for (const row of rows) {
    const verdict = row.pass === undefined ? '' : row.pass ? '  PASS' : '  FAIL';
    const target = row.target ? ` (target ${row.target})` : '';
    console.log(`${row.name}: ${row.value} ${row.unit}${target}${verdict}${row.note ? ` — ${row.note}` : ''}`);
  }
}
