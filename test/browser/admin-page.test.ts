import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConversionRecord } from '../../api/_contract/records.js';
import { chromiumAvailableOrSkip } from '../support/chromium.js';
import { CANARY } from '../support/canaries.js';
import { sha } from '../integration/ingest-support.js';
import { makeRaw, makeRecord, LONG_TTLS } from '../integration/store-harness.js';
import { startHarness, type Harness } from './harness.js';

// Issue 12 Tests: the /admin page in real Chromium over seeded data (a sent, a failed, a
// suppressed and a filtered event) in the README topology: list, filter, search by email,
// detail view; screenshots in test-output/; axe-core clean.

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const OUT = new URL('../../test-output/', import.meta.url);
const available = await chromiumAvailableOrSkip('admin page');

const userData = (extra: Record<string, unknown> = {}) => ({
  em: [sha(CANARY.emailNormalized)], ph: [sha(CANARY.phoneDigits)], client_ip_address: CANARY.ip, client_user_agent: 'Mozilla/5.0', fbp: 'fb.1.1795000000456.1234567890', ...extra,
});
const payload = (id: string, at: number) => ({
  event_name: 'Lead', event_time: Math.floor(at / 1000), event_id: id, action_source: 'website' as const, event_source_url: 'https://www.example.test/contact?email=hidden', data_processing_options: [], user_data: userData(),
});

async function seed(h: Harness): Promise<Record<'sent' | 'failed' | 'suppressed' | 'filtered', string>> {
  const store = h.api.runtime.store;
  const now = Date.now();
  const ids = { sent: 'ev-sent-0001', failed: 'ev-failed-0002', suppressed: 'ev-suppressed-0003', filtered: 'ev-filtered-0004' };
  // [record, with its raw receipt]: a dead letter can be re-sent only while its receipt (IP, UA, click ids) lives
  const records: [ConversionRecord, boolean][] = [
    [makeRecord(ids.sent, now - 4 * 60_000, { state: 'sent', next_attempt_at: undefined, source: { tool: 'webflow', form: 'contact' }, payload: payload(ids.sent, now), attempts: [{ at: now - 4 * 60_000, duration_ms: 120, status: 200, outcome: 'ok', fbtrace_id: 'AbcTrace1' }] }), true],
    [makeRecord(ids.failed, now - 3 * 60_000, { state: 'failed', reason: 'meta_error_100', next_attempt_at: undefined, source: { tool: 'hubspot', form: 'quote' }, payload: payload(ids.failed, now), attempts: [{ at: now - 3 * 60_000, duration_ms: 90, status: 400, outcome: 'permanent', fbtrace_id: 'AbcTrace2', error: { message: 'Invalid parameter', code: 100, subcode: 2804050 } }] }), true],
    [makeRecord(ids.suppressed, now - 2 * 60_000, { state: 'suppressed', reason: 'denied', next_attempt_at: undefined, consent: { ads: 'denied', gpc: false, verdict: 'suppressed', basis: 'denied' } }), false],
    [makeRecord(ids.filtered, now - 60_000, { state: 'filtered', reason: 'below_validity_floor', next_attempt_at: undefined, source: { tool: 'typeform', form: 'survey' } }), false],
  ];
  for (const [record, withRaw] of records) {
    const claim = await store.claim({ record, ...(withRaw ? { raw: makeRaw(record.event_id, record.received_at, CANARY.email) } : {}), identities: record.payload ? [`em:${sha(CANARY.emailNormalized)}`] : [], ...LONG_TTLS });
    expect(claim.kind).toBe('claimed');
  }
  return ids;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

describe.skipIf(!available)('/admin page in Chromium (README topology)', () => {
  let h: Harness;
  let ids: Record<'sent' | 'failed' | 'suppressed' | 'filtered', string>;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    h = await startHarness({ env: { ADMIN_TOKEN: CANARY.adminToken } });
    ids = await seed(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  const rows = (page: Page) => page.getByRole('table', { name: 'Events', exact: true }).locator('tbody tr');

  test('lists the seeded events newest first with local time, page, tool, masked email, state and Meta’s answer; axe clean', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(`${h.relayUrl}/admin`);
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(4);
    const text = await rows(page).allInnerTexts();
    expect(text[0]).toContain('filtered (below_validity_floor)');
    expect(text[3]).toMatch(/www\.example\.com\/contact\s+webflow · contact\s+c\*\*\*@example\.org\s+Lead\s+sent\s+200 OK/);
    expect(text[2]).toContain('code 100: Invalid parameter');
    const body = await page.locator('body').innerText();
    expect(body).toContain('Dead letters');
    expect(body).toMatch(/Match quality/);
    for (const raw of [CANARY.email, CANARY.emailNormalized, CANARY.adminToken, CANARY.ip, 'email=hidden']) expect(body.toLowerCase()).not.toContain(raw.toLowerCase());
    expect(page.url()).not.toContain(CANARY.adminToken);
    expect(await page.evaluate(() => sessionStorage.getItem('capi-relay:admin-token'))).toBe(CANARY.adminToken);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: new URL('admin-list.png', OUT).pathname, fullPage: true });
    await context.close();
  });

  test('filters by state and searches by email; the detail shows the three parts side by side; axe clean', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await page.goto(`${h.relayUrl}/admin`);
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(4);

    await page.getByLabel('State').selectOption('failed');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBe(1);
    expect(await rows(page).first().innerText()).toContain('failed (meta_error_100)');
    await page.screenshot({ path: new URL('admin-filtered.png', OUT).pathname, fullPage: true });

    await page.getByLabel('State').selectOption('');
    await page.getByLabel('Email or phone').fill(CANARY.email);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => (await rows(page).allInnerTexts()).join('|'), { timeout: 10_000 }).toMatch(/^[^|]*hubspot[^|]*\|[^|]*webflow[^|]*$/);
    // the searched email never appears in a URL (access logs keep URLs): it travels in a POST body
    expect(urls.filter((url) => decodeURIComponent(url).toLowerCase().includes('example.org'))).toEqual([]);

    await rows(page).nth(0).getByRole('button').click();
    await page.getByRole('heading', { name: 'What arrived' }).waitFor();
    const detail = await page.locator('main').innerText();
    expect(detail).toContain('What was sent (hashed)');
    expect(detail).toContain('AbcTrace2');
    expect(detail).toMatch(/Too little customer information/);
    expect(detail).toContain(sha(CANARY.emailNormalized));
    expect(detail.toLowerCase()).not.toContain(CANARY.emailNormalized);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: new URL('admin-detail.png', OUT).pathname, fullPage: true });
    await context.close();
  });

  test('re-sends a dead letter from its button, once', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(`${h.relayUrl}/admin`);
    await page.getByRole('button', { name: 'Re-send' }).click();
    await expect.poll(() => page.locator('[role=status]').allInnerTexts(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringContaining(`Re-sent ${ids.failed}: sent.`)]));
    expect((await h.api.runtime.store.get(ids.failed))?.state).toBe('sent');
    await expect.poll(() => page.getByRole('button', { name: 'Re-send' }).count(), { timeout: 10_000 }).toBe(0);
    await context.close();
  });

  test('issue 14: a waiting event has its badge and filter; a joined one shows its two halves (when, from where), the tool and the outcome; axe clean', async () => {
    // seeded last (after the tests that count the seeded rows), as the server join would leave them
    const store = h.api.runtime.store;
    const now = Date.now();
    const join = { via: 'typeform', keys: ['eid:ev-joined-0005', 'typeform:resp-7f3a'], looks: 1, deadline_at: now + 3_600_000 };
    const waiting = makeRecord('ev-waiting-0006', now - 20_000, { state: 'waiting', next_attempt_at: undefined, source: { tool: 'tally', form: 'w4Xyz' }, join: { ...join, via: 'tally', keys: ['eid:ev-waiting-0006'], browser: { at: now - 20_000, from: 'widget' }, looks: 0 } });
    const joined = makeRecord('ev-joined-0005', now - 30_000, {
      state: 'sent', next_attempt_at: undefined, source: { tool: 'typeform', form: 'Abc123', submission_id: 'resp-7f3a' }, payload: payload('ev-joined-0005', now),
      attempts: [{ at: now - 10_000, duration_ms: 80, status: 200, outcome: 'ok', fbtrace_id: 'AbcTrace5' }],
      join: { ...join, browser: { at: now - 30_000, from: 'widget' }, details: { at: now - 10_000, from: 'webhook' }, outcome: 'joined' },
    });
    for (const record of [joined, waiting]) expect((await store.claim({ record, identities: [], ...LONG_TTLS })).kind).toBe('claimed');

    const context = await h.newContext();
    const page = await context.newPage();
    await page.goto(`${h.relayUrl}/admin`);
    await page.getByLabel('State').selectOption('waiting');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => (await rows(page).allInnerTexts()).join('|'), { timeout: 10_000 }).toMatch(/^[^|]*tally[^|]*waiting[^|]*tally: waiting[^|]*$/);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('State').selectOption('sent');
    await page.getByRole('button', { name: 'Apply' }).click();
    const row = rows(page).filter({ hasText: 'typeform: joined' });
    await row.getByRole('button').click();
    await page.getByRole('heading', { name: 'Joined from two halves (typeform)' }).waitFor();
    const detail = await page.locator('main').innerText();
    expect(detail).toMatch(/Browser half\s+[^\n]+, from the widget/);
    expect(detail).toMatch(/Visitor’s details\s+[^\n]+, from the tool’s webhook/);
    expect(detail).toMatch(/Outcome\s+joined/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: new URL('admin-joined.png', OUT).pathname, fullPage: true });
    await context.close();
  });
});
