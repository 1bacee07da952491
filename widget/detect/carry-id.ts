import type { DetectContext } from './types.js';

/**
 * Where a tool takes capi-relay's `event_id` in its embed URL (docs/form-tools.md §22.1):
 * a query parameter, or (Typeform's hidden fields) a parameter in the URL's hash.
 */
export interface CarryRule {
  /** the parameter name, as the tool reads it (e.g. `event_id`, `utm_content`, `metadata[event_id]`) */
  key: string;
  /** in the hash (`#key=…`), not the query */
  hash?: boolean;
  /**
   * Only fill a parameter the site left empty in the embed URL, never add one: the site opts in
   * (a tool whose embed script keeps state a reload loses, docs/form-tools.md §22.1).
   */
  optIn?: boolean;
  /**
   * The tool tells the page no submission id (Jotform): the carried id is also the
   * conversion's submission id, the only key the server can find the tool's record by.
   */
  asSubmission?: boolean;
}

const carriers: [CarryRule, (frame: HTMLIFrameElement) => boolean][] = [];
/** Frames already amended or judged (at most one reload each, ever). */
const judged = new WeakSet<HTMLIFrameElement>();
/** Frames the visitor has been in: they may hold answers a reload would lose. */
const touched = new WeakSet<HTMLIFrameElement>();
/** The id carried into each frame and not yet used by a conversion. */
const carried = new WeakMap<HTMLIFrameElement, string>();

/**
 * `part` (a query or hash without its `?`/`#`) with `key=id`, or undefined when the
 * site already gave the key a value of its own, or (opt-in) left it out. The other
 * parameters keep their exact text: re-encoding them could change what the tool reads.
 */
export function withParam(part: string, rule: CarryRule, id: string): string | undefined {
  const value = new URLSearchParams(part).get(rule.key);
  if (value || (value == null && rule.optIn)) return undefined;
  // the empty key a site left to opt in goes; the id takes its place at the end
  return [...part.split('&').filter((piece) => piece && new URLSearchParams(piece).get(rule.key) == null), encodeURIComponent(rule.key) + '=' + id].join('&');
}

/**
 * Put a fresh event id into one tool frame's URL, which reloads it: at most once per frame,
 * never into a frame the visitor is in or has been in (a reload would lose what they
 * typed), never under data-capi-ignore, and only while consent allows Meta (docs/consent.md
 * §0: the id exists to link the tool's record to a Meta event). A hash-only change does not
 * reload a frame, so the frame is put back in its place to load again with it.
 */
function carry(frame: HTMLIFrameElement, rule: CarryRule, ctx: DetectContext): void {
  if (judged.has(frame) || touched.has(frame) || document.activeElement == frame || ctx.ignored(frame)) return;
  judged.add(frame);
  // randomUUID exists in secure contexts only: a plain-http page carries nothing
  const id = crypto.randomUUID?.();
  try {
    const url = new URL(frame.src);
    const part = id && withParam((rule.hash ? url.hash : url.search).slice(1), rule, id);
    if (!part) return;
    if (rule.hash) url.hash = part;
    else url.search = part;
    carried.set(frame, id);
    frame.src = url.href;
    if (rule.hash) frame.parentNode?.insertBefore(frame, frame.nextSibling);
  } catch {
    // a src that is no URL: nothing to carry the id in
  }
}

/**
 * Carry an event id into every frame of one tool (docs/form-tools.md §22.1): the frames on
 * the page once consent allows Meta, and frames added later (popups, lightboxes) while it
 * does. Returns `take`: the id carried into a frame, once — its first conversion uses it as
 * its `event_id`; a second submission in the same frame gets a fresh id from w.js.
 */
export function carryEventIds(rule: CarryRule, isToolFrame: (frame: HTMLIFrameElement) => boolean, ctx: DetectContext): (frame: HTMLIFrameElement) => string | undefined {
  const into = (root: ParentNode, only?: boolean): void => {
    for (const frame of root instanceof HTMLIFrameElement ? [root] : root.querySelectorAll('iframe'))
      for (const [each, isIt] of only ? [[rule, isToolFrame] as const] : carriers) if (isIt(frame)) carry(frame, each, ctx);
  };
  if (carriers.push([rule, isToolFrame]) == 1) {
    // focus moving into a frame blurs our window; the frame is then the active element
    addEventListener('blur', () => setTimeout(() => document.activeElement instanceof HTMLIFrameElement && touched.add(document.activeElement)));
    ctx.onConsent(() =>
      new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) if (node instanceof Element && ctx.keep()) into(node);
      }).observe(document.documentElement, { childList: true, subtree: true }),
    );
  }
  ctx.onConsent(() => into(document, true));
  return (frame) => {
    const id = carried.get(frame);
    carried.delete(frame);
    return id;
  };
}
