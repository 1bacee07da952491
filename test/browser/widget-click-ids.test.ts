import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CANARY } from '../support/canaries.js';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { startHarness, type Harness, type HostLayout } from './harness.js';

const run = chromiumAvailableOrSkip('widget click ids (browser)');

// The README's subdomain (www.example.test → t.example.test) and the path proxy on the site's own host.
describe.runIf(run).each<HostLayout>(['readme', 'proxy'])('first-party click ids, %s layout', (hosts) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ hosts });
  });
  afterAll(async () => {
    await h?.close();
  });

  const cookiesOf = async (w: { context: { cookies(): Promise<{ name: string; value: string; domain: string; httpOnly: boolean }[]> } }) =>
    Object.fromEntries((await w.context.cookies()).map((c) => [c.name, c]));

  test('fbclid landing: the API sets _fbc (exact fbclid, 13-digit ms) and _fbp on example.test, plus HttpOnly mirrors; the event carries them', async () => {
    const fbclid = 'IwAR0Mixed_Case-fbclid9';
    const w = await h.open(`/forms/html/ajax.html?fbclid=${fbclid}`);
    await w.waitForCookie('_fbc');
    const jar = await cookiesOf(w);
    expect(jar['_fbc']).toMatchObject({ value: expect.stringMatching(new RegExp(`^fb\\.1\\.\\d{13}\\.${fbclid}$`)), domain: '.example.test', httpOnly: false });
    expect(jar['_fbp']).toMatchObject({ value: expect.stringMatching(/^fb\.1\.\d{13}\.\d+$/), domain: '.example.test', httpOnly: false });
    expect(jar['_cr_fbc']).toMatchObject({ value: jar['_fbc']!.value, httpOnly: true });
    expect(jar['_cr_fbp']).toMatchObject({ value: jar['_fbp']!.value, httpOnly: true });

    await w.page.fill('#name', CANARY.firstName);
    await w.page.fill('#email', CANARY.email);
    await w.page.click('button[type=submit]');
    const [event] = await w.waitForEvents(1);
    expect(event).toMatchObject({ fbc: jar['_fbc']!.value, fbp: jar['_fbp']!.value });
    expect(await w.pixelEventIds()).toEqual([event!.event_id]);
    await w.context.close();
  });

  test('same fbclid again keeps the timestamp; a new fbclid replaces it; _fbp never changes', async () => {
    const context = await h.newContext({ country: 'US' });
    const first = await h.open('/forms/html/thank-you.html?fbclid=First1', { context });
    await first.waitForCookie('_fbc');
    const before = await cookiesOf(first);
    await first.page.waitForTimeout(20);
    await first.page.goto(`${h.pageOrigin}/forms/html/thank-you.html?fbclid=First1`);
    await first.page.waitForResponse((r) => r.url().endsWith('/api/ids'));
    const again = await cookiesOf(first);
    expect(again['_fbc']!.value).toBe(before['_fbc']!.value);
    await first.page.goto(`${h.pageOrigin}/forms/html/thank-you.html?fbclid=Second2`);
    await first.page.waitForFunction(() => document.cookie.includes('Second2'));
    const after = await cookiesOf(first);
    expect(after['_fbc']!.value).toMatch(/^fb\.1\.\d{13}\.Second2$/);
    expect(after['_fbp']!.value).toBe(before['_fbp']!.value);
    await context.close();
  });

  test('Safari-style purge of the script-visible cookies: restored from the HttpOnly mirrors', async () => {
    const context = await h.newContext({ country: 'US' });
    const w = await h.open('/forms/html/thank-you.html?fbclid=Keep1', { context });
    await w.waitForCookie('_fbc');
    const before = await cookiesOf(w);
    await context.clearCookies({ name: '_fbc' });
    await context.clearCookies({ name: '_fbp' });
    await w.page.goto(`${h.pageOrigin}/forms/html/thank-you.html`);
    await w.waitForCookie('_fbc');
    const after = await cookiesOf(w);
    expect(after['_fbc']!.value).toBe(before['_fbc']!.value);
    expect(after['_fbp']!.value).toBe(before['_fbp']!.value);
    await context.close();
  });
});

describe.runIf(run)('first-party click ids, cross-site relay (www.example.test → relay.test)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ hosts: 'cross-site' });
  });
  afterAll(async () => {
    await h?.close();
  });

  test('fbclid landing: the relay cannot set cookies for the page, so the page writes _fbc itself (exact fbclid, 13-digit ms)', async () => {
    const fbclid = 'IwAR2xYz_Q-9kLmNoPq';
    const w = await h.open(`/forms/html/ajax.html?fbclid=${fbclid}`);
    await w.page.waitForFunction(() => document.cookie.includes('_fbc='));
    const fbc = (await w.context.cookies()).find((c) => c.name === '_fbc');
    expect(fbc).toMatchObject({ value: expect.stringMatching(new RegExp(`^fb\\.1\\.\\d{13}\\.${fbclid}$`)), httpOnly: false, domain: '.example.test' });
    expect(w.apiCalls.find((c) => c.path === '/api/ids')).toBeDefined();
    await w.context.close();
  });
});
