/**
 * Bot traps (form-tools.md "Pitfalls in classification"): never read as data,
 * and a filled one means the submission was a bot's. Known names: WPForms
 * `wpforms[hp]`, Fluent `…__fluent_sf`, Mailchimp `b_<hex>_<hex>`, Formspree
 * `_gotcha`, Netlify `bot-field`, and the generic "honeypot".
 */
const TRAP_NAME = /honeypot|\bhp\b|gotcha|bot-?field|fluent_sf|^b_[\da-f]+_[\da-f]+$/i;

/** Containers the tools hide their traps in (Gravity, Fluent, Formidable, Elementor) and ARIA-hidden ones. */
const TRAP_CONTAINER = '.gform_validation_container,.ff-hpsf-container,.frm_verify,.elementor-field-type-honeypot,[aria-hidden=true]';

/** Rendered and not `visibility:hidden`; checkVisibility covers display:none ancestors where it exists. */
export function isShown(el: Element): boolean {
  return (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0) && getComputedStyle(el).visibility !== 'hidden';
}

/** True for a field a human cannot see or is steered away from (so it is not a human's data). */
export function isTrap(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): boolean {
  const box = el.getBoundingClientRect();
  return (
    TRAP_NAME.test(el.name) ||
    !!el.closest(TRAP_CONTAINER) ||
    (el.tabIndex < 0 && el.getAttribute('autocomplete') === 'off') ||
    !isShown(el) ||
    // pushed off-screen, e.g. `left:-5000px` (document coordinates, so scrolling does not matter)
    box.right + scrollX < 0 ||
    box.bottom + scrollY < 0
  );
}
