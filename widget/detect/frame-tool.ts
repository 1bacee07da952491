import type { Adapter } from './types.js';
import { carryEventIds, type CarryRule } from './carry-id.js';
import { listenToFrames } from './messages.js';

/** A tool message that means "submitted": [submission id, tool form id]; anything falsy means "not a success". */
export type FrameSuccess = [submissionId: unknown, form?: unknown] | false | undefined | null;

let seq = 0;

/**
 * The site marked this frame for `name`: on the iframe itself, or on a wrapper
 * that holds this iframe and no other. A wrapper around several frames marks
 * none of them: an ad or chat frame placed inside it must not speak for the
 * tool at its own origin.
 */
function isMarked(frame: HTMLIFrameElement, name: string): boolean {
  const marked = frame.closest(`[data-capi-frame="${name}"]`);
  return marked == frame || marked?.getElementsByTagName('iframe').length == 1;
}
const text = (v: unknown): string | undefined => (v == null ? undefined : '' + v);

/**
 * An adapter for a tool embedded as an iframe (docs/form-tools.md rule 4 and §13–19).
 * A frame is the tool's when its `src` matches `src` (exact https hosts, anchored
 * at the path) or when the site owner marks it, or a wrapper holding only it,
 * with `data-capi-frame="<name>"` (custom domains, self-hosted Cal.com). messages.ts
 * then only passes on messages whose `event.source` is that frame and whose
 * origin equals the frame's `src` origin — or, for a frame on the tool's own
 * hosts, another of those hosts (a frame that navigated, like Jotform's
 * thank-you page). Iframe tools give ids, not the visitor, so the conversion
 * carries `submissionId` and `form` and no fields (rule 6).
 */
export function frameTool(
  name: string,
  src: RegExp,
  parse: (data: any, frame: HTMLIFrameElement) => FrameSuccess,
  options: {
    /** how the tool takes our event id in its embed URL (carry-id.ts, docs/form-tools.md §22.1) */
    carry?: CarryRule;
  } = {},
): Adapter {
  const isToolFrame = (frame: HTMLIFrameElement): boolean => src.test(frame.src) || isMarked(frame, name);
  return {
    name,
    install: (ctx) => {
      const carried = options.carry && carryEventIds(options.carry, isToolFrame, ctx);
      listenToFrames({
        name,
        isToolFrame,
        origins: () => true,
        official: (origin) => src.test(origin + '/'),
        onMessage(data, frame) {
          const hit = parse(data, frame);
          if (!hit) return;
          const carriedId = carried?.(frame);
          const id = text(hit[0]) ?? (options.carry?.asSubmission ? carriedId : undefined);
          ctx.confirm({ tool: name, key: name + ':' + (id ?? '#' + ++seq), submissionId: id, form: text(hit[1]), element: frame, carriedId });
        },
      });
    },
  };
}
