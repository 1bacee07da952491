/**
 * What route.ts loads lazily (bundled into each function's one module at
 * build time, scripts/bundle-functions.ts): the process runtime, and
 * the proxy-header rule every route applies before its handler reads the request.
 */
export { getRuntime } from '../_config/runtime.js';
export { applyProxyHeaders } from './request-context.js';
