import type { CmpAdapter } from '../types.js';
import { guarded, toReading } from './reading.js';

/** Cookiebot: `Cookiebot.consent.marketing`, explicit when `consent.method === 'explicit'` (docs/consent.md §3.4). */
export const cookiebot: CmpAdapter = {
  name: 'cookiebot',
  watch(w, report) {
    const read = guarded(() => {
      const bot = w.Cookiebot;
      if (bot?.hasResponse) report(toReading(bot.consent.marketing, bot.consent.method === 'explicit'));
    });
    // Accept/Decline also fire on load for returning visitors; ConsentReady covers the rest.
    for (const name of ['CookiebotOnConsentReady', 'CookiebotOnAccept', 'CookiebotOnDecline']) w.addEventListener(name, read);
    read();
  },
};
