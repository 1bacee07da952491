import { useEffect, useState } from 'preact/hooks';
import { api, token, TOKEN_KEY, Unauthorized, type DeadLetter, type EventDetail, type LogRow, type Summary } from './api.js';
import { Detail } from './detail.js';
import { JoinBadge } from './join.js';

const STATES = ['sent', 'failed', 'pending', 'waiting', 'received', 'suppressed', 'filtered'];
const LEVER_NAMES: Record<string, string> = {
  em: 'Email', ph: 'Phone', fn: 'First name', ln: 'Last name', external_id: 'External id',
  fbc: 'Click id (fbc)', fbp: 'Browser id (fbp)', client_ip_address: 'Client IP', client_user_agent: 'User agent',
};

export const localTime = (ms: number) => new Date(ms).toLocaleString();
const percent = (share: number) => `${Math.round(share * 100)}%`;

function metaText(row: LogRow): string {
  const m = row.meta;
  if (!m) return '—';
  if (m.outcome === 'ok') return `${m.status} OK`;
  return [m.code !== undefined ? `code ${m.code}` : `HTTP ${m.status ?? 'no answer'}`, m.message].filter(Boolean).join(': ');
}

/** The whole page: token gate, then banners, summary, dead letters, the log and one event's detail. */
export function App() {
  const [authed, setAuthed] = useState(Boolean(token()));
  const [error, setError] = useState('');
  if (!authed) return <TokenGate error={error} onToken={() => (setError(''), setAuthed(true))} />;
  const onError = (e: unknown) => {
    if (e instanceof Unauthorized) {
      sessionStorage.removeItem(TOKEN_KEY);
      setError('That token was refused.');
      setAuthed(false);
    } else setError(e instanceof Error ? e.message : String(e));
  };
  return <Log onError={onError} error={error} />;
}

function TokenGate({ error, onToken }: { error: string; onToken: () => void }) {
  const [value, setValue] = useState('');
  return (
    <main>
      <h1>capi-relay · conversion log</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!value.trim()) return;
          sessionStorage.setItem(TOKEN_KEY, value.trim());
          onToken();
        }}
      >
        <label>
          Admin token (ADMIN_TOKEN; kept in this tab only)
          <input type="password" autoComplete="off" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        </label>
        <p><button type="submit">Open the log</button></p>
        {error && <p class="error" role="alert">{error}</p>}
      </form>
    </main>
  );
}

function Log({ onError, error }: { onError: (e: unknown) => void; error: string }) {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [dead, setDead] = useState<DeadLetter[]>([]);
  const [rows, setRows] = useState<LogRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [detail, setDetail] = useState<EventDetail | null>(null);
  const [notice, setNotice] = useState('');

  const query = (cursor?: string) => {
    const q = new URLSearchParams({ limit: '50' });
    for (const [key, value] of Object.entries(filters)) {
      if (!value) continue;
      if (key === 'search') q.set(value.includes('@') ? 'email' : 'phone', value);
      else if (key === 'from' || key === 'to') q.set(key, new Date(value).toISOString());
      else q.set(key, value);
    }
    if (cursor) q.set('cursor', cursor);
    return q;
  };
  const load = (cursor?: string) =>
    api.log(query(cursor)).then((page) => {
      setRows((old) => (cursor ? [...old, ...page.events] : page.events));
      setNext(page.next_cursor);
    }, onError);
  const refresh = () => {
    api.summary().then(setSummary, onError);
    api.deadLetters().then((d) => setDead(d.dead_letters), onError);
    void load();
  };
  useEffect(refresh, [filters]);

  if (detail) return <Detail event={detail} onBack={() => setDetail(null)} />;
  const open = (id: string) => api.detail(id).then((d) => setDetail(d.event), onError);
  const resend = (id: string) =>
    api.resend(id).then((r) => (setNotice(`Re-sent ${id}: ${r.state}.`), refresh()), (e: unknown) => (e instanceof Unauthorized ? onError(e) : setNotice(e instanceof Error ? e.message : String(e))));

  return (
    <main>
      <h1>capi-relay · conversion log</h1>
      {summary?.warnings.map((w) => (
        <p class="banner" role="status" key={w.code}>{w.message}</p>
      ))}
      {error && <p class="error" role="alert">{error}</p>}
      {notice && <p role="status">{notice}</p>}
      {summary && <SummaryView summary={summary} />}

      <h2 id="dead-letters">Dead letters</h2>
      {dead.length === 0 ? (
        <p class="muted">None: Meta has refused nothing for good.</p>
      ) : (
        <table aria-labelledby="dead-letters">
          <thead><tr><th scope="col">Failed</th><th scope="col">Event</th><th scope="col">Meta’s answer</th><th scope="col">fbtrace_id</th><th scope="col">Action</th></tr></thead>
          <tbody>
            {dead.map((d) => (
              <tr key={d.event_id}>
                <td>{localTime(d.failed_at)}</td>
                <td><button class="link" onClick={() => open(d.event_id)}>{d.event_name} {d.event_id.slice(0, 8)}</button></td>
                <td>{d.code !== undefined ? `code ${d.code}${d.subcode !== undefined ? ` (${d.subcode})` : ''}: ` : ''}{d.message ?? d.reason}</td>
                <td><code>{d.fbtrace_id ?? '—'}</code></td>
                <td>{d.resendable ? <button onClick={() => resend(d.event_id)}>Re-send</button> : <span class="muted">too old to send</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="events">Events</h2>
      <Filters initial={filters} onApply={setFilters} />
      <table aria-labelledby="events">
        <thead><tr><th scope="col">Time</th><th scope="col">Page</th><th scope="col">Form tool</th><th scope="col">Email</th><th scope="col">Event</th><th scope="col">State</th><th scope="col">Meta’s answer</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.event_id}>
              <td><button class="link" onClick={() => open(row.event_id)}>{localTime(row.received_at)}</button></td>
              <td>{row.page}</td>
              <td>{[row.tool, row.form].filter(Boolean).join(' · ') || '—'}</td>
              <td>{row.email ?? '—'}</td>
              <td>{row.event_name}</td>
              <td>{row.state}{row.reason ? ` (${row.reason})` : ''}{row.join && <> <JoinBadge join={row.join} /></>}</td>
              <td>{metaText(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p class="muted">No events match.</p>}
      {next && <p><button onClick={() => load(next)}>Older events</button></p>}
    </main>
  );
}

function Filters({ initial, onApply }: { initial: Record<string, string>; onApply: (f: Record<string, string>) => void }) {
  const [f, setF] = useState(initial);
  const field = (key: string) => ({ value: f[key] ?? '', onInput: (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) => setF({ ...f, [key]: e.currentTarget.value }) });
  return (
    <form class="filters" role="search" onSubmit={(e) => (e.preventDefault(), onApply(f))}>
      <label>State<select {...field('state')}><option value="">any</option>{STATES.map((s) => <option key={s}>{s}</option>)}</select></label>
      <label>Form tool<input {...field('tool')} /></label>
      <label>Form<input {...field('form')} /></label>
      <label>From<input type="datetime-local" {...field('from')} /></label>
      <label>To<input type="datetime-local" {...field('to')} /></label>
      <label>Email or phone<input type="search" {...field('search')} /></label>
      <button type="submit">Apply</button>
    </form>
  );
}

function SummaryView({ summary }: { summary: Summary }) {
  return (
    <div class="grid2">
      <section>
        <h2>Events per state</h2>
        <table>
          <thead><tr><th scope="col">State</th><th scope="col" class="num">24 h</th><th scope="col" class="num">7 days</th></tr></thead>
          <tbody>
            {STATES.map((s) => (
              <tr key={s}><th scope="row">{s}</th><td class="num">{summary.last_24h[s] ?? 0}</td><td class="num">{summary.last_7d[s] ?? 0}</td></tr>
            ))}
          </tbody>
        </table>
        <p class="muted">Sender: {summary.sender}</p>
      </section>
      <section>
        <h2>Match quality ({summary.sent_7d} sent in 7 days)</h2>
        <table>
          <thead><tr><th scope="col">Key</th><th scope="col" class="num">Share</th><th scope="col">What would raise it</th></tr></thead>
          <tbody>
            {summary.levers.map((l) => (
              <tr key={l.key}><th scope="row">{LEVER_NAMES[l.key] ?? l.key}</th><td class="num">{percent(l.share)}</td><td>{l.advice ?? ''}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
