/**
 * What route.ts loads lazily (bundled into each function's one module at
 * build time, scripts/bundle-functions.ts) for routes that read only
 * configuration: the env and clock, and the proxy-header rule every route
 * applies before its handler reads the request. It never loads the runtime.
 */
export { getEnvDeps } from '../_config/route-deps.js';
export { applyProxyHeaders } from './request-context.js';
