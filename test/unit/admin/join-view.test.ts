// @vitest-environment happy-dom
import { h, render } from 'preact';
import { expect, test } from 'vitest';
import type { JoinState } from '../../../admin/api.js';
import { JoinBadge, JoinView } from '../../../admin/join.js';

const joined: JoinState = {
  via: 'typeform',
  keys: ['eid:0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21', 'typeform:resp-7f3a'],
  browser: { at: Date.UTC(2026, 0, 5, 10, 0, 0), from: 'widget' },
  details: { at: Date.UTC(2026, 0, 5, 10, 2, 0), from: 'webhook' },
  looks: 1,
  deadline_at: Date.UTC(2026, 0, 5, 11, 0, 0),
  outcome: 'joined',
};

test('a joined event shows both halves, when each came and from where, the tool and the outcome', () => {
  const root = document.createElement('div');
  render(h(JoinView, { join: joined }), root);
  const text = root.textContent!;
  expect(root.querySelector('h2')!.textContent).toBe('Joined from two halves (typeform)');
  expect(text).toContain(`Browser half${new Date(joined.browser!.at).toLocaleString()}, from the widget`);
  expect(text).toContain(`Visitor’s details${new Date(joined.details!.at).toLocaleString()}, from the tool’s webhook`);
  expect(text).toContain('Outcomejoined');
  expect([...root.querySelectorAll('code')].map((c) => c.textContent!.trim())).toEqual(joined.keys);
});

test('a waiting event says what is awaited and until when; the fallbacks are named', () => {
  const root = document.createElement('div');
  const waiting: JoinState = { via: 'identify', keys: ['eid:x'], browser: { at: 1, from: 'widget' }, looks: 0, deadline_at: Date.UTC(2026, 0, 5, 11, 0, 0) };
  render(h(JoinView, { join: waiting }), root);
  expect(root.textContent).toContain('Visitor’s detailsawaited');
  expect(root.textContent).toContain(`waiting (until ${new Date(waiting.deadline_at).toLocaleString()}, then JOIN_FALLBACK decides)`);
  render(h(JoinBadge, { join: waiting }), root);
  expect(root.querySelector('.badge.waiting')!.textContent).toBe('identify: waiting');
  render(h(JoinBadge, { join: { ...waiting, outcome: 'fallback_dropped', details: undefined } }), root);
  expect(root.querySelector('.badge')!.textContent).toBe('identify: fallback: dropped');
  expect(root.querySelector('.badge.waiting')).toBeNull();
  render(h(JoinView, { join: { ...waiting, outcome: 'fallback_sent' } }), root);
  expect(root.textContent).toContain('Visitor’s detailsnever arrived');
  expect(root.textContent).toContain('Outcomefallback: sent without the details');
});
