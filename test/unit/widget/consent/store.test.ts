import { describe, expect, it } from 'vitest';
import { CONSENT_COOKIE, isDecisionCurrent, newConsentId, readStoredDecision, writeStoredDecision } from '../../../../widget/consent/store.js';
import type { StoredDecision } from '../../../../widget/consent/types.js';
import { freshWindow } from '../../../fixtures/consent/window.js';

const DAY = 24 * 3600 * 1000;
const decision: StoredDecision = { v: '3', id: 'abc-123', ts: Date.UTC(2026, 0, 10), ads: 'granted', src: 'banner' };

describe('first-party decision store (docs/consent.md §5.5)', () => {
  it('round-trips through one cookie', () => {
    const w = freshWindow();
    writeStoredDecision(decision, w.document);
    expect(w.document.cookie).toContain(`${CONSENT_COOKIE}=`);
    expect(readStoredDecision(w.document)).toEqual(decision);
  });

  it.each([
    ['absent', ''],
    ['not JSON', `${CONSENT_COOKIE}=nope`],
    ['wrong answer value', `${CONSENT_COOKIE}=${encodeURIComponent(JSON.stringify({ ...decision, ads: 'maybe' }))}`],
    ['missing id', `${CONSENT_COOKIE}=${encodeURIComponent(JSON.stringify({ ...decision, id: undefined }))}`],
    ['bad escape', `${CONSENT_COOKIE}=%E0%A4%A`],
  ])('reads %s as no decision', (_name, cookie) => {
    const w = freshWindow();
    if (cookie) w.document.cookie = cookie;
    expect(readStoredDecision(w.document)).toBeNull();
  });

  it.each([
    ['same revision, a day old', '3', decision.ts + DAY, true],
    ['11 months old', '3', decision.ts + 335 * DAY, true],
    ['12 months old: re-ask', '3', decision.ts + 365 * DAY, false],
    ['revision changed: re-ask', '4', decision.ts + DAY, false],
    ['dated in the future (clock skew beyond a minute)', '3', decision.ts - 2 * 60_000, false],
  ])('%s', (_name, revision, now, current) => {
    expect(isDecisionCurrent(decision, revision, now)).toBe(current);
  });

  it('makes distinct random ids', () => {
    const ids = new Set(Array.from({ length: 50 }, newConsentId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{32,36}$/);
  });
});
