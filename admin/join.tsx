import type { JoinHalf, JoinState } from './api.js';

const FROM: Record<JoinHalf['from'], string> = { widget: 'the widget', webhook: 'the tool’s webhook', api: 'the tool’s API', identify: 'POST /api/identify' };
const OUTCOME: Record<NonNullable<JoinState['outcome']>, string> = {
  joined: 'joined',
  fallback_sent: 'fallback: sent without the details',
  fallback_dropped: 'fallback: dropped',
};
const at = (ms: number) => new Date(ms).toLocaleString();
const half = (h: JoinHalf | undefined, missing: string) => (h ? `${at(h.at)}, from ${FROM[h.from] ?? h.from}` : missing);

/** The join's outcome in a word or two; `waiting` while the details are awaited. */
export const joinOutcome = (join: JoinState) => (join.outcome ? OUTCOME[join.outcome] : 'waiting');

/** The log row's badge: the tool or identify the event waits on, and how the wait ended. */
export function JoinBadge({ join }: { join: JoinState }) {
  return <span class={`badge${join.outcome ? '' : ' waiting'}`}>{join.via}: {joinOutcome(join)}</span>;
}

/** One joined event: when and from where each half came, what the tool's API was asked, the outcome. */
export function JoinView({ join }: { join: JoinState }) {
  return (
    <section aria-labelledby="join">
      <h2 id="join">Joined from two halves ({join.via})</h2>
      <dl class="join">
        <dt>Browser half</dt><dd>{half(join.browser, 'not arrived')}</dd>
        <dt>Visitor’s details</dt><dd>{half(join.details, join.outcome ? 'never arrived' : 'awaited')}</dd>
        <dt>Outcome</dt><dd>{joinOutcome(join)}{join.outcome ? '' : ` (until ${at(join.deadline_at)}, then JOIN_FALLBACK decides)`}</dd>
        <dt>Tool API looks</dt><dd>{join.looks}</dd>
        <dt>Keys</dt><dd>{join.keys.map((key) => <code key={key}>{key} </code>)}</dd>
      </dl>
    </section>
  );
}
