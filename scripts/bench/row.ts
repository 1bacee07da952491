/** One measured figure of a benchmark, printed as a table row. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** the goal in words, e.g. `≥ 1.0×` */
  target?: string;
  /** whether `value` meets `target`; absent for informational rows */
  pass?: boolean;
  note?: string;
}
