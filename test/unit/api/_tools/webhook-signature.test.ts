import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CALENDLY_TOLERANCE_MS, signsWebhooks, verifyWebhookSignature, type JoinTool } from '../../../../api/_tools/webhook-signature.js';

const SECRET = 'whsec-test-0123456789';
const BODY = '{"event_id":"e1","form_response":{"token":"r1","submitted_at":"2026-12-06T02:00:00Z"}}';
const NOW = Date.parse('2026-12-06T02:00:30Z');

const hmac = (text: string, key = SECRET) => createHmac('sha256', key).update(text);

/** Each tool's signature header, built the way the tool documents it (docs/form-tools.md §22.2). */
const signers: Record<'typeform' | 'tally' | 'cal-com' | 'calendly', (body: string, key?: string, atMs?: number) => Headers> = {
  typeform: (body, key) => new Headers({ 'Typeform-Signature': 'sha256=' + hmac(body, key).digest('base64') }),
  tally: (body, key) => new Headers({ 'Tally-Signature': hmac(body, key).digest('base64') }),
  'cal-com': (body, key) => new Headers({ 'X-Cal-Signature-256': hmac(body, key).digest('hex') }),
  calendly: (body, key, atMs = NOW) => {
    const t = Math.floor(atMs / 1000);
    return new Headers({ 'Calendly-Webhook-Signature': `t=${t},v1=${hmac(`${t}.${body}`, key).digest('hex')}` });
  },
};

describe('verifyWebhookSignature', () => {
  for (const [tool, sign] of Object.entries(signers) as [keyof typeof signers, (typeof signers)[keyof typeof signers]][]) {
    describe(tool, () => {
      it('accepts a call signed with the site secret', () => {
        expect(verifyWebhookSignature(tool, sign(BODY), BODY, SECRET, NOW)).toEqual({ ok: true });
      });
      it('refuses a body changed after signing', () => {
        expect(verifyWebhookSignature(tool, sign(BODY), BODY.replace('e1', 'e2'), SECRET, NOW)).toEqual({ ok: false, problem: 'forged' });
      });
      it('refuses a call signed with another secret', () => {
        expect(verifyWebhookSignature(tool, sign(BODY, 'someone-else'), BODY, SECRET, NOW)).toEqual({ ok: false, problem: 'forged' });
      });
      it('refuses an unsigned call', () => {
        expect(verifyWebhookSignature(tool, new Headers(), BODY, SECRET, NOW)).toEqual({ ok: false, problem: 'unsigned' });
      });
      it('refuses every call while the site has no secret for the tool', () => {
        expect(verifyWebhookSignature(tool, sign(BODY), BODY, undefined, NOW)).toEqual({ ok: false, problem: 'secret_missing' });
        expect(verifyWebhookSignature(tool, sign(BODY), BODY, '', NOW)).toEqual({ ok: false, problem: 'secret_missing' });
      });
    });
  }

  it('refuses a Typeform signature without its sha256= prefix, or not base64', () => {
    const bare = hmac(BODY).digest('base64');
    expect(verifyWebhookSignature('typeform', new Headers({ 'Typeform-Signature': bare }), BODY, SECRET, NOW)).toEqual({ ok: false, problem: 'malformed' });
    expect(verifyWebhookSignature('typeform', new Headers({ 'Typeform-Signature': 'sha256=%%%' }), BODY, SECRET, NOW)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('refuses a hex digest where Tally sends base64 of another length (no length oracle, no throw)', () => {
    const hex = hmac(BODY).digest('hex');
    expect(verifyWebhookSignature('tally', new Headers({ 'Tally-Signature': hex.slice(0, 10) }), BODY, SECRET, NOW)).toEqual({ ok: false, problem: 'forged' });
  });

  it('refuses a Calendly call signed longer ago, or further ahead, than the tolerance (a replay)', () => {
    const old = signers.calendly(BODY, SECRET, NOW - CALENDLY_TOLERANCE_MS - 1000);
    const ahead = signers.calendly(BODY, SECRET, NOW + CALENDLY_TOLERANCE_MS + 1000);
    const edge = signers.calendly(BODY, SECRET, NOW - CALENDLY_TOLERANCE_MS + 1000);
    expect(verifyWebhookSignature('calendly', old, BODY, SECRET, NOW)).toEqual({ ok: false, problem: 'stale' });
    expect(verifyWebhookSignature('calendly', ahead, BODY, SECRET, NOW)).toEqual({ ok: false, problem: 'stale' });
    expect(verifyWebhookSignature('calendly', edge, BODY, SECRET, NOW)).toEqual({ ok: true });
  });

  it('refuses a Calendly header whose timestamp was changed to look fresh (the timestamp is signed)', () => {
    const stale = signers.calendly(BODY, SECRET, NOW - 3_600_000).get('Calendly-Webhook-Signature')!;
    const moved = stale.replace(/t=\d+/, `t=${Math.floor(NOW / 1000)}`);
    expect(verifyWebhookSignature('calendly', new Headers({ 'Calendly-Webhook-Signature': moved }), BODY, SECRET, NOW)).toEqual({ ok: false, problem: 'forged' });
  });

  it.each(['v1=abcd', 't=abc,v1=abcd', 't=1,v1=xyz', 't=1'])('refuses the malformed Calendly header %s', (value) => {
    expect(verifyWebhookSignature('calendly', new Headers({ 'Calendly-Webhook-Signature': value }), BODY, SECRET, NOW)).toEqual({ ok: false, problem: 'malformed' });
  });

  it.each<JoinTool>(['jotform', 'fillout'])('refuses every %s webhook: the tool documents no signature, so its details come from its API', (tool) => {
    expect(signsWebhooks(tool)).toBe(false);
    expect(verifyWebhookSignature(tool, signers.typeform(BODY), BODY, SECRET, NOW)).toEqual({ ok: false, problem: 'tool_unsigned' });
  });
});
