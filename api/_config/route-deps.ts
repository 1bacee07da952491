import { loadEnv, type Env } from './env.js';

/** What a route that reads only configuration needs (POST /api/ids, GET /api/config). */
export interface EnvDeps {
  env: Env;
  now: () => number;
}

let wired: EnvDeps | undefined;
let fromProcess: EnvDeps | undefined;

/**
 * The process's env and clock, without building the runtime: the store, the
 * sender, the limiter and their modules stay unloaded on a cold start of a
 * route that uses none of them (issue 13). A malformed variable throws
 * EnvError and is not cached, as getRuntime() does.
 */
export function getEnvDeps(): EnvDeps {
  return wired ?? (fromProcess ??= { env: loadEnv(process.env), now: () => Date.now() });
}

/** Called by setRuntime (runtime.ts): routes that read only env see the runtime's env and clock. */
export function wireEnvDeps(deps: EnvDeps | undefined): void {
  wired = deps;
}
