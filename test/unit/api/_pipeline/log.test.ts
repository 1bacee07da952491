import { describe, expect, it } from 'vitest';
import { createDryRunSender, DRY_RUN_LOG_MARKER } from '../../../../api/_meta/dry-run-sender.js';
import { isBelowValidityFloor, filterEvent } from '../../../../api/_pipeline/event-filter.js';
import { EVENT_LOG_MARKER, formatEventLog, pagePath } from '../../../../api/_pipeline/log.js';
import type { CapiUserData } from '../../../../api/_contract/records.js';

describe('formatEventLog', () => {
  it('writes one marker + JSON line with only the known fields and no query string', () => {
    const entry = {
      event_id: 'e1',
      state: 'sent' as const,
      attempts: 2,
      duration_ms: 12.6,
      page: 'https://www.example.com/contact?email=someone%40example.org#x',
      meta_code: 613,
      // a caller mistake: extra fields must not leak into the line
      ...({ email: 'someone@example.org', client_ip_address: '198.51.100.7' } as object),
    };
    expect(formatEventLog(entry)).toBe(
      `${EVENT_LOG_MARKER} {"event_id":"e1","state":"sent","attempts":2,"duration_ms":13,"meta_code":613,"page":"www.example.com/contact"}`,
    );
  });

  it.each([
    ['https://a.co/x/y?q=1', 'a.co/x/y'],
    ['https://a.co', 'a.co/'],
    ['nonsense', '(invalid url)'],
    ['', ''],
  ])('pagePath %s → %s', (url, expected) => {
    expect(pagePath(url)).toBe(expected);
  });
});

describe('dry-run sender', () => {
  it('answers like a send, marks dry-run, and logs keys but no values', async () => {
    const lines: string[] = [];
    const sender = createDryRunSender({ write: (l) => lines.push(l), now: () => 5 });
    const result = await sender.send({
      event_name: 'Lead',
      event_time: 1,
      event_id: 'e1',
      action_source: 'website',
      event_source_url: 'https://a.co/',
      user_data: { em: ['f'.repeat(64)], client_user_agent: 'SomeAgent/1', client_ip_address: '198.51.100.7' },
      data_processing_options: [],
    });
    expect(sender.kind).toBe('dry-run');
    expect(result).toEqual({ state: 'sent', dryRun: true, reason: 'dry_run', attempts: [{ at: 5, duration_ms: 0, status: 200, outcome: 'ok', fbtrace_id: 'dry-run' }] });
    expect(lines).toEqual([`${DRY_RUN_LOG_MARKER}: would send Lead e1 user_data keys [client_ip_address,client_user_agent,em]`]);
  });
});

describe('event filter', () => {
  const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
  const h = 'a'.repeat(64);
  it.each<[string, Partial<CapiUserData>, boolean]>([
    ['only the user agent', {}, true],
    ['email', { em: [h] }, false],
    ['IP only', { client_ip_address: '198.51.100.7' }, false],
    ['fbp only', { fbp: 'fb.1.1795000000123.1' }, false],
    ['geo only', { ct: [h], st: [h], zp: [h], country: [h] }, true],
    ['geo + gender', { ct: [h], ge: [h] }, true],
    ['date of birth only', { db: [h] }, true],
    ['first name + gender', { fn: [h], ge: [h] }, true],
    ['last name + gender', { ln: [h], ge: [h] }, true],
    ['first + last name', { fn: [h], ln: [h] }, false],
    ['db + zip', { db: [h], zp: [h] }, false],
    ['phone', { ph: [h] }, false],
  ])('%s → below floor %s', (_name, keys, expected) => {
    expect(isBelowValidityFloor({ client_user_agent: ua, ...keys })).toBe(expected);
  });

  it.each([
    ['no user agent', undefined, 'missing_user_agent'],
    ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'bot_user_agent'],
    ['headless Chrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0 Safari/537.36', 'bot_user_agent'],
    ['curl', 'curl/8.5.0', 'bot_user_agent'],
    ['a real browser with email', ua, undefined],
  ])('%s → %s', (_name, agent, expected) => {
    expect(filterEvent(agent, { client_user_agent: agent ?? '', em: [h] })).toBe(expected);
  });

  it('gives the same verdict for a user agent seen before, past the cache size and for long agents', () => {
    const bot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    for (let round = 0; round < 2; round++) {
      expect(filterEvent(bot, { client_user_agent: bot, em: [h] })).toBe('bot_user_agent');
      expect(filterEvent(ua, { client_user_agent: ua, em: [h] })).toBeUndefined();
    }
    for (let i = 0; i < 300; i++) {
      const agent = `${ua} Build/${i}`;
      expect(filterEvent(agent, { client_user_agent: agent, em: [h] })).toBeUndefined();
    }
    const longBot = `${bot} ${'x'.repeat(600)}`;
    expect(filterEvent(longBot, { client_user_agent: longBot, em: [h] })).toBe('bot_user_agent');
    expect(filterEvent(longBot, { client_user_agent: longBot, em: [h] })).toBe('bot_user_agent');
    expect(filterEvent(bot, { client_user_agent: bot, em: [h] })).toBe('bot_user_agent');
  });
});
