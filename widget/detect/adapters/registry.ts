import { calCom } from './cal-com.js';
import { calendly } from './calendly.js';
import { contactForm7 } from './contact-form-7.js';
import { elementor } from './elementor.js';
import { fillout } from './fillout.js';
import { fluentForms } from './fluent-forms.js';
import { formidable } from './formidable.js';
import { gravityForms } from './gravity-forms.js';
import { hubspot } from './hubspot.js';
import { jotform } from './jotform.js';
import { klaviyo } from './klaviyo.js';
import { mailchimp } from './mailchimp.js';
import { ninjaForms } from './ninja-forms.js';
import { tally } from './tally.js';
import { typeform } from './typeform.js';
import { webflow } from './webflow.js';
import { wpforms } from './wpforms.js';
import type { Adapter } from '../types.js';

/**
 * The tool adapters wd.js installs, in order. Add one import and one entry per
 * tool (`widget/detect/adapters/<tool>.ts`); everything here ships in the lazy chunk
 * wd.js (budget in size-budgets.json), so each adapter must stay small. A tool
 * whose success can come without any interaction in our document also needs an
 * intent rule in widget/intent.ts. The generic HTML detection is not listed: it
 * is built into detect/engine.ts and steps aside for forms an adapter `claims`.
 */
export const ADAPTERS: readonly Adapter[] = [
  // inline tools (E): success signals in the page, forms claimed by selector
  webflow,
  contactForm7,
  wpforms,
  gravityForms,
  ninjaForms,
  fluentForms,
  formidable,
  elementor,
  mailchimp,
  klaviyo,
  hubspot,
  // iframe tools (E): postMessage from the tool's own frame at its exact origin
  typeform,
  tally,
  jotform,
  fillout,
  calendly,
  calCom,
];
