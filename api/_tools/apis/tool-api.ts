import type { ToolDetails, ToolRef } from '../details.js';

/** How one tool's API is asked for one record and how its answer reads (docs/form-tools.md §22.3). */
export interface ToolApi {
  /** where the tool's API lives; env can point it elsewhere (tests, EU accounts) */
  defaultBase: string;
  /** the request for the record `ref` points at, or null when `ref` lacks what the tool needs */
  request(ref: ToolRef, base: string, token: string): { url: string; headers: Record<string, string> } | null;
  /** the details, or null when the answer does not hold the record yet */
  parse(body: unknown, ref: ToolRef): ToolDetails | null;
}

/** A path segment from an id the browser sent: encoded, so it can never climb out of the path. */
export const segment = (id: string): string => encodeURIComponent(id);

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, accept: 'application/json' });

/** Narrow an unknown JSON value to an object (arrays and null are not). */
export function obj(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);
