import type { Adapter } from './types.js';

/**
 * The tool adapters w.js installs, in order. Add one import and one entry per
 * tool (`widget/detect/<tool>.ts`); everything here ships on every page, so
 * each adapter must stay small. The generic HTML detection is not listed: it
 * is built into detect/index.ts and steps aside for forms an adapter `claims`.
 */
export const ADAPTERS: readonly Adapter[] = [];
