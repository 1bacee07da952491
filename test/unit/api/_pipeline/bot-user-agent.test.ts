import { isbot, list as isbotPatterns } from 'isbot';
import { describe, expect, it } from 'vitest';
import { caseFreeBotPattern, isBotUserAgent } from '../../../../api/_pipeline/bot-user-agent.js';
import { seededRandom } from '../../../support/seeded-random.js';

// Browsers (desktop, mobile, in-app) and the crawlers, monitors and scripts that submit forms.
const USER_AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36 Edg/139.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/475.0.0.35.108;FBBV/641531064;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5;FBSS/3;FBLC/en_US]',
  'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/127.0.6533.103 Mobile Safari/537.36 Instagram 345.0.0.48.95 Android',
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Mobile Safari/537.36 OPR/84.0.0.0',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse',
  'curl/8.5.0',
  'python-requests/2.32.3',
  'Wget/1.21.4',
  'PostmanRuntime/7.42.0',
  'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)',
  'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 (compatible; GPTBot/1.2; +https://openai.com/gptbot)',
  'Googlebot-Image/1.0',
  'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.54 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 GoogleNews',
  'Java/17.0.2',
  'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
  'axios/1.7.7',
  'Go-http-client/2.0',
  'okhttp/4.12.0',
  'Mozilla/5.0',
  'Mozilla/5.0 (compatible)',
  'Opera/9.80 (Windows NT 6.1; U; en) Presto/2.10.289 Version/12.02',
];

function randomCase(text: string, random: (below: number) => number): string {
  return [...text].map((char) => (random(2) === 0 ? char.toUpperCase() : char.toLowerCase())).join('');
}

/** A literal-ish sample of each isbot pattern (its regex syntax removed), so every alternative meets an input near it. */
function patternSamples(): string[] {
  return isbotPatterns.map((pattern) => pattern.replace(/\(\?<?[!=][^)]*\)|\\[bdswBDSW]|[\^$()?*+{}[\]|\\]/g, '').replace(/\d,\d+/g, ''));
}

describe('isBotUserAgent', () => {
  it('decides as isbot on real user agents, in any letter case, and on inputs built from every isbot pattern', () => {
    const random = seededRandom(13);
    const inputs = [...USER_AGENTS, ...USER_AGENTS.map((ua) => randomCase(ua, random)), ...USER_AGENTS.map((ua) => ua.toUpperCase())];
    for (const sample of patternSamples()) {
      inputs.push(sample, randomCase(sample, random), `Mozilla/5.0 (X11; Linux x86_64) ${sample} Chrome/140.0`, `${randomCase(sample, random)}/2.1`);
    }
    for (let i = 0; i < 2_000; i++) {
      const length = 1 + random(70);
      inputs.push(Array.from({ length }, () => String.fromCharCode(32 + random(95))).join(''));
    }
    const bots = inputs.filter((ua) => isbot(ua)).length;
    // Both verdicts occur plenty, so agreement is not the agreement of two constant answers.
    expect(bots).toBeGreaterThan(500);
    expect(inputs.length - bots).toBeGreaterThan(500);
    const disagreements = inputs.filter((ua) => isBotUserAgent(ua) !== isbot(ua));
    expect(disagreements).toEqual([]);
  });

  it('leaves user agents with characters outside ASCII to isbot, whose case folding differs from lower-casing', () => {
    // U+212A KELVIN SIGN lower-cases to an ASCII k, but isbot's case-insensitive regex does not
    // match it against `k`: lower-casing first would call this a bot (`^rank`).
    const kelvin = 'RAN\u212A/1.0 (X11; Linux x86_64)';
    expect(caseFreeBotPattern(isbotPatterns)!.test(kelvin.toLowerCase())).toBe(true);
    expect(isbot(kelvin)).toBe(false);
    expect(isBotUserAgent(kelvin)).toBe(false);
    expect(isBotUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1; Ünïcode)')).toBe(true);
  });

  it('gives up the case-free pattern when a pattern holds a capital letter or an upper-case escape', () => {
    expect(caseFreeBotPattern(['spider', 'crawl'])?.flags).toBe('');
    expect(caseFreeBotPattern(['spider', 'FooBot'])).toBeNull();
    expect(caseFreeBotPattern(['spider', '\\Wscan'])).toBeNull();
    expect(caseFreeBotPattern(isbotPatterns)).not.toBeNull();
  });
});
