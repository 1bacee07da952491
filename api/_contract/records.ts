/**
 * Data shapes the parts hand each other: the audit record and raw receipt
 * (pipeline → store), the CAPI event (pipeline → meta), the consent proof.
 * Meta's field names are spelled as in docs/meta-capi.md so a payload can
 * be read against the docs.
 */
import type { EventState, RawUserFields } from './wire.js';

/**
 * Why an event carries the server's receive time although the browser sent
 * one (_pipeline/event-time.ts): the browser's clock was too far behind or ahead.
 */
export type EventTimeFallback = 'browser_time_behind' | 'browser_time_ahead';

/** Keys of `user_data` that Meta wants SHA-256 hashed (docs/meta-capi.md §3). */
export type HashedKey = 'em' | 'ph' | 'fn' | 'ln' | 'ct' | 'st' | 'zp' | 'country' | 'db' | 'ge' | 'external_id';

/** `user_data` as sent: hashed keys are arrays of lowercase hex SHA-256; the rest is never hashed. */
export type CapiUserData = Partial<Record<HashedKey, string[]>> & {
  client_ip_address?: string;
  client_user_agent: string;
  fbc?: string;
  fbp?: string;
};

/** One server event in Meta's shape (docs/meta-capi.md §2). */
export interface CapiServerEvent {
  event_name: string;
  /** Unix seconds (never ms), the original submission time. */
  event_time: number;
  event_id: string;
  action_source: 'website';
  event_source_url: string;
  user_data: CapiUserData;
  custom_data?: Record<string, unknown>;
  data_processing_options: string[];
  data_processing_options_country?: number;
  data_processing_options_state?: number;
  referrer_url?: string;
}

/** What Meta said to one attempt; Meta's message is truncated and carries no PII. */
export interface SendAttempt {
  /** ms epoch when the attempt started */
  at: number;
  duration_ms: number;
  /** HTTP status, or null for a network error / timeout */
  status: number | null;
  /** how the answer was classified (docs/meta-capi.md §1.4) */
  outcome: 'ok' | 'transient' | 'permanent';
  fbtrace_id?: string;
  error?: { message: string; code?: number; subcode?: number; type?: string; is_transient?: boolean };
  /** set when this attempt was one request carrying this many events (a coalesced first attempt) */
  batch_size?: number;
}

/** How the consent decision for an event was reached (no PII). */
export interface ConsentRecord {
  ads: 'granted' | 'denied' | 'unknown';
  gpc: boolean;
  /** where the widget's answer came from: banner, a CMP name, external, default */
  source?: string;
  /** the server's verdict and why */
  verdict: 'allowed' | 'suppressed';
  basis: string;
  region?: string;
}

/** Where one half of a joined event came from. */
export type JoinSource = 'widget' | 'webhook' | 'api' | 'identify';
export interface JoinHalf {
  /** ms epoch when this half reached the relay */
  at: number;
  from: JoinSource;
}
/** A conversion assembled from a browser half and a details half (docs/form-tools.md §22). No PII. */
export interface JoinState {
  /** whose details are awaited: a JoinTool name ('typeform', 'tally', 'jotform', 'fillout', 'calendly', 'cal-com') or 'identify' */
  via: string;
  /** the keys the halves meet on: `eid:<event_id>` and, when the browser knew it, `<tool>:<submission id>` */
  keys: string[];
  browser?: JoinHalf;
  details?: JoinHalf;
  /** tool API looks made that found nothing yet */
  looks: number;
  /** ms epoch: after it, JOIN_FALLBACK decides (send what it has / drop) */
  deadline_at: number;
  /** how the wait ended; absent while waiting */
  outcome?: 'joined' | 'fallback_sent' | 'fallback_dropped';
}

/**
 * The audit record of one conversion. It holds no raw PII: what was received
 * in the clear lives in a separate RawReceipt that expires after
 * DATA_RETENTION_DAYS.
 */
export interface ConversionRecord {
  event_id: string;
  event_name: string;
  state: EventState;
  /** why it is suppressed / filtered / pending / failed */
  reason?: string;
  /** ms epoch */
  received_at: number;
  /** ms epoch */
  updated_at: number;
  /** Unix seconds: the submission time, carried through retries (the receive time when the browser's was not believable) */
  event_time: number;
  /** set when the browser's event_time was outside the believable window and the receive time was used; the browser's value is not kept */
  event_time_fallback?: EventTimeFallback;
  /** the page as the audit keeps it: origin + path + utm_* parameters (never the rest of the query) */
  event_source_url: string;
  source?: { tool?: string; form?: string; submission_id?: string };
  consent: ConsentRecord;
  /**
   * The exact event sent to Meta (hashed PII, never the token). Stored without
   * its PayloadContext, which lives in the raw receipt: `Store.get` puts it back
   * while the raw receipt lasts (DATA_RETENTION_DAYS), so a re-send reads the full
   * event; after that the payload holds the hashed fields and the audit page only.
   */
  payload?: CapiServerEvent;
  attempts: SendAttempt[];
  /** ms epoch when the sweeper may next try; set while state is received or pending */
  next_attempt_at?: number;
  /**
   * Stored only: which of the payload's unhashed user_data keys (IP, UA, fbc, fbp)
   * it carried. Their values live and expire with the raw receipt; the names stay
   * for the match-quality levers (Store.summarize). `get` never answers it.
   */
  context_keys?: Array<'client_ip_address' | 'client_user_agent' | 'fbc' | 'fbp'>;
  /** set when this id was answered as a duplicate of another conversion */
  duplicate_of?: string;
  /** the second idempotency key this event took (a hash, no PII), so erasure can remove it */
  dedup_key?: string;
  /** set on a conversion assembled from a browser half and a details half (issue 14) */
  join?: JoinState;
}

/**
 * The parts of a sent payload that identify a person or a device without being
 * hashed (docs/meta-capi.md §3): kept with the raw receipt, never in the audit record.
 */
export interface PayloadContext {
  /** the full page URL, query included */
  event_source_url: string;
  referrer_url?: string;
  client_ip_address?: string;
  client_user_agent?: string;
  fbc?: string;
  fbp?: string;
}

/** What was received in the clear; expires after DATA_RETENTION_DAYS. */
export interface RawReceipt {
  event_id: string;
  received_at: number;
  user?: RawUserFields;
  custom_data?: Record<string, unknown>;
  fbc?: string;
  fbp?: string;
  client_ip_address?: string;
  client_user_agent?: string;
  country?: string;
  region?: string;
  /** the sent payload's unhashed parts (the store writes it at claim from the record's payload) */
  payload_context?: PayloadContext;
}

/**
 * One recorded decision (docs/consent.md §6.1): who (a salted hash of the
 * widget's random consent id), what, how, when, under which banner revision.
 * No IP, no user agent, no contact data, no query string.
 */
export interface ConsentProof {
  /** SHA-256 hex of salt + consent id */
  visitor: string;
  decision: 'granted' | 'denied';
  /** banner | external | cmp:<platform> */
  source: string;
  /** banner revision (`data-consent-revision`) the answer was given under */
  revision: string;
  /** banner language, when the banner asked */
  lang?: string;
  /** ms epoch, server clock */
  received_at: number;
  /** ms epoch, the browser's clock at the answer */
  answered_at?: number;
  /** the request carried Sec-GPC: 1 */
  gpc: boolean;
  /** COUNTRY or COUNTRY-STATE from the edge geo headers */
  region?: string;
  /** origin + path of the page, no query or fragment */
  page?: string;
}
