import type { CapiServerEvent, CapiUserData } from '../_contract/records.js';

/**
 * custom_data as Meta wants it: `value` a number, `currency` ISO 4217 upper case
 * (the Node SDK upper-cases, docs/meta-capi.md §2.1). An invalid value or currency is
 * dropped, and `value` without a valid currency is dropped too because a money
 * amount without its unit means nothing. Other keys pass through (validated already).
 */
export function buildCustomData(raw: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  const { value, currency, ...rest } = raw;
  const out: Record<string, unknown> = { ...rest };
  const code = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency.trim()) ? currency.trim().toUpperCase() : undefined;
  const amount = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (code) out['currency'] = code;
  if (code && Number.isFinite(amount) && amount >= 0) out['value'] = amount;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Limited Data Use fields (docs/meta-capi.md §8): country 1 = US, state 0 = let Meta geolocate. */
export function dataProcessingOptions(
  country: string | undefined,
  region: string | undefined,
  lduStates: readonly string[],
): Pick<CapiServerEvent, 'data_processing_options' | 'data_processing_options_country' | 'data_processing_options_state'> {
  const isUs = country?.toUpperCase() === 'US';
  const covered = lduStates.includes('*') || (region !== undefined && lduStates.includes(region.toUpperCase()));
  if (isUs && covered) return { data_processing_options: ['LDU'], data_processing_options_country: 1, data_processing_options_state: 0 };
  return { data_processing_options: [] };
}

/** Everything one server event is built from. */
export interface ServerEventInput {
  event_id: string;
  event_name: string;
  /** Unix seconds, already resolved by resolveEventTime (event-time.ts) */
  event_time: number;
  event_source_url: string;
  referrer_url?: string;
  user_data: CapiUserData;
  custom_data?: Record<string, unknown>;
  country?: string;
  region?: string;
  lduStates: readonly string[];
}

/** The website Lead in Meta's shape (docs/meta-capi.md §2). Pure; the token is never part of it. */
export function buildServerEvent(input: ServerEventInput): CapiServerEvent {
  const custom = buildCustomData(input.custom_data);
  return {
    event_name: input.event_name,
    event_time: input.event_time,
    event_id: input.event_id,
    action_source: 'website',
    event_source_url: input.event_source_url,
    ...(input.referrer_url ? { referrer_url: input.referrer_url } : {}),
    user_data: input.user_data,
    ...(custom ? { custom_data: custom } : {}),
    ...dataProcessingOptions(input.country, input.region, input.lduStates),
  };
}
