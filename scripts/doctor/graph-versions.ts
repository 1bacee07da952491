/**
 * The Graph API version calendar as docs/meta-capi.md §6 keeps it: the doctor
 * reads the end date of the version the relay uses from there, so updating the
 * docs is updating the check.
 */

/** One row of the §6 table. */
export interface GraphVersionRow {
  version: string;
  /** YYYY-MM-DD, or undefined while the successor is not released (then at least two more years) */
  stopsWorking?: string;
}

/** The rows of the "## 6. Graph API versions" table. */
export function readVersionTable(metaCapiDoc: string): GraphVersionRow[] {
  const start = metaCapiDoc.indexOf('## 6. Graph API versions');
  if (start < 0) return [];
  const end = metaCapiDoc.indexOf('\n## ', start + 1);
  const rows: GraphVersionRow[] = [];
  for (const line of metaCapiDoc.slice(start, end < 0 ? undefined : end).split('\n')) {
    const cells = /^\|\s*(v\d+\.\d+)\s*\|[^|]*\|\s*([^|]*?)\s*\|$/.exec(line.trim());
    if (!cells) continue;
    const date = /\d{4}-\d{2}-\d{2}/.exec(cells[2]!)?.[0];
    rows.push({ version: cells[1]!, ...(date ? { stopsWorking: date } : {}) });
  }
  return rows;
}

/** How close `version` is to its end, in words and a verdict. */
export function versionVerdict(version: string, rows: GraphVersionRow[], now: number, warnDays = 180): { ok: boolean; message: string } {
  const row = rows.find((r) => r.version === version);
  if (!row) return { ok: false, message: `Graph API ${version} is not in docs/meta-capi.md §6: its end of life is unknown; update the docs or the relay` };
  if (!row.stopsWorking) return { ok: true, message: `Graph API ${version} has no end date yet (at least two years after its successor ships; docs/meta-capi.md §6)` };
  const daysLeft = Math.floor((Date.parse(`${row.stopsWorking}T00:00:00Z`) - now) / 86_400_000);
  if (daysLeft < 0) return { ok: false, message: `Graph API ${version} stopped working on ${row.stopsWorking}: update capi-relay (api/_meta/graph-sender.ts) and redeploy` };
  if (daysLeft < warnDays) return { ok: false, message: `Graph API ${version} stops working on ${row.stopsWorking} (in ${daysLeft} days): update capi-relay and redeploy before then` };
  return { ok: true, message: `Graph API ${version} works until ${row.stopsWorking} (${daysLeft} days)` };
}
