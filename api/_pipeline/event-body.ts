import type { EventPolicy } from './event-policy.js';
import { finishEvent } from './event-rules.js';
import { readPlainEvent } from './plain-event.js';
import type { EventInput, ValidationResult } from './validate.js';

/**
 * Check a parsed POST /api/event body: the zod-free reader (plain-event.ts)
 * takes the well-formed bodies a widget sends; anything else, every invalid
 * body among them, is checked by the zod schema (validate.ts), loaded on the
 * first such body, so its 400 messages are the schema's word for word. Both
 * end in the same policy step (event-rules.ts finishEvent). Keeping zod off
 * the first request saves the event function ~25 ms of its cold start
 * (docs/platform.md §1.13). The schema is a lazy part (`#lazy/…`, its own
 * module in the build): inlined into the event function's bundle, zod's
 * code was compiled on every cold start though no well-formed body runs it.
 */
export async function checkEventBody(body: unknown, policy: EventPolicy): Promise<ValidationResult> {
  const plain = readPlainEvent(body);
  if (plain) {
    const finished = finishEvent(plain, policy);
    return finished.ok ? { ok: true, event: finished.event as EventInput } : finished;
  }
  return (await import('#lazy/_pipeline/validate')).validateEvent(body, policy);
}
