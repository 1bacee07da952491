import type { EventDetail } from './api.js';
import { localTime } from './app.js';
import { JoinView } from './join.js';

/** One event: what arrived, what was sent and Meta's answers side by side, with the explanation. */
export function Detail({ event, onBack }: { event: EventDetail; onBack: () => void }) {
  return (
    <main>
      <p><button onClick={onBack}>Back to the log</button></p>
      <h1>{event.event_name} · {event.state}{event.reason ? ` (${event.reason})` : ''}</h1>
      <p class="muted">{event.event_id} · {localTime(event.received_at)} · {event.page}</p>
      <h2>What it means</h2>
      <ul>{event.explanation.map((line) => <li key={line}>{line}</li>)}</ul>
      {event.join && <JoinView join={event.join} />}
      <div class="cols">
        <section>
          <h3>What arrived</h3>
          {event.arrived ? <pre>{JSON.stringify(event.arrived, null, 2)}</pre> : <p class="muted">Not kept (expired after the retention period, or never kept for this state).</p>}
        </section>
        <section>
          <h3>What was sent (hashed)</h3>
          {event.sent ? <pre>{JSON.stringify(event.sent, null, 2)}</pre> : <p class="muted">Nothing was built to send.</p>}
        </section>
        <section>
          <h3>Meta’s answer</h3>
          {event.attempts.length === 0 && <p class="muted">No attempt.</p>}
          <ol>
            {event.attempts.map((a) => (
              <li key={a.at}>
                {localTime(a.at)}: {a.outcome} {a.status ?? 'no answer'}
                {a.error && <> · code {a.error.code}{a.error.subcode !== undefined ? ` (${a.error.subcode})` : ''}: {a.error.message}</>}
                <br />fbtrace_id: <code>{a.fbtrace_id ?? '—'}</code>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </main>
  );
}
