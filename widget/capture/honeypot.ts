/**
 * Bot traps (docs/form-tools.md "Pitfalls in classification"): never read as data,
 * and a filled one means a bot sent the form. Known names: WPForms
 * `wpforms[hp]`, Fluent `…__fluent_sf`, Mailchimp `b_<hex>_<hex>`, Formspree
 * `_gotcha`, Netlify `bot-field`, and the generic "honeypot".
 */
export const TRAP_NAME = /honeypot|\bhp\b|gotcha|bot-?field|fluent_sf|^b_[\da-f]+_/i;

/** Containers the tools hide their traps in (Gravity, Fluent, Formidable, Elementor), and ARIA-hidden ones. */
const TRAP_CONTAINER = '.gform_validation_container,.ff-hpsf-container,.frm_verify,.elementor-field-type-honeypot,[aria-hidden=true]';

/**
 * Rendered, not `visibility:hidden` and not pushed off-screen (`left:-5000px`;
 * document coordinates, so scrolling does not matter). Browsers without
 * checkVisibility (Safari < 17.4) only get the off-screen test.
 */
export function isShown(el: Element): boolean {
  const box = el.getBoundingClientRect();
  return el.checkVisibility?.({ visibilityProperty: true }) !== false && box.right + scrollX >= 0 && box.bottom + scrollY >= 0;
}

/** True for a field a human cannot see or is steered away from, so it holds no human's data. */
export function isTrap(el: HTMLInputElement | HTMLSelectElement): boolean {
  return TRAP_NAME.test(el.name) || !!el.closest(TRAP_CONTAINER) || (el.tabIndex < 0 && el.getAttribute('autocomplete') == 'off') || !isShown(el);
}
