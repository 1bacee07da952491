import { frameTool } from '../frame-tool.js';

/**
 * The hidden field a site adds to its Jotform form, and opts in with by ending
 * the embed URL in `?capi_ref=` (docs/form-tools.md §22.1). Jotform tells the
 * page no submission id, so this reference is the only key the server can
 * find the submission by.
 */
const REF = 'capi_ref';
const refs = new WeakMap<HTMLIFrameElement, string>();

/**
 * Fill the empty `capi_ref` of an opted-in Jotform frame with a fresh
 * reference. Setting `src` reloads the frame, so a frame the visitor is
 * typing in (it has focus) is left alone: it converts without a reference.
 */
function carryRef(frame: HTMLIFrameElement): void {
  try {
    const url = new URL(frame.src);
    if (refs.has(frame) || url.searchParams.get(REF) !== '' || document.activeElement == frame) return;
    // unique among the form's recent submissions is all it needs (not a secret, not the event id)
    const ref = crypto.getRandomValues(new Uint32Array(3)).join('-');
    url.searchParams.set(REF, ref);
    refs.set(frame, ref);
    frame.src = url.href;
  } catch {
    // not a URL: not a frame we can carry a reference in
  }
}

/** Carry a reference into every opted-in Jotform frame on the page now and added later (popup and lightbox embeds). */
function carryRefs(isToolFrame: (frame: HTMLIFrameElement) => boolean): void {
  const scan = (root: ParentNode): void => {
    for (const frame of root.querySelectorAll('iframe')) if (isToolFrame(frame)) carryRef(frame);
  };
  scan(document);
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) {
        if (node instanceof HTMLIFrameElement) isToolFrame(node) && carryRef(node);
        else if (node instanceof Element) scan(node);
      }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

/**
 * Jotform (docs/form-tools.md §15, third-party evidence): the default thank-you page
 * posts `{action: 'submission-completed', formID}`; no submission id reaches the page,
 * so the submission id sent is the frame's `capi_ref`, when it carries one.
 * Hosts: form/submit.jotform.com and the eu./hipaa. variants.
 */
export const jotform = frameTool(
  'jotform',
  /^https:\/\/([\w-]+\.)+jotform\.com\//,
  (d, frame) => d?.action == 'submission-completed' && [refs.get(frame), d.formID],
  { setup: carryRefs },
);
