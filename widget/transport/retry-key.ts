/**
 * The sessionStorage key holding leads the relay has not acknowledged (retry/chunk.ts). w.js
 * only checks that it exists, to load the retry chunk on the next page view; short, since it is
 * in w.js.
 */
export const UNSENT_KEY = 'capi-relay:unsent';
