/** What a site lets the relay say to Meta in its name (ALLOWED_EVENTS, MAX_EVENT_VALUE; _config/env.ts). */
export interface EventPolicy {
  /** event names accepted; everything else is a 400 naming event_name */
  allowedEvents: readonly string[];
  /** largest custom_data.value accepted, in the event's currency */
  maxEventValue: number;
}

/** The lead-type standard events the widget sends (docs/meta-capi.md §2.3), and a value no lead reaches. */
export const DEFAULT_EVENT_POLICY: EventPolicy = {
  allowedEvents: ['Lead', 'CompleteRegistration', 'Contact', 'Schedule', 'SubmitApplication'],
  maxEventValue: 100_000,
};

/** Event names as the widget and Meta accept them; ALLOWED_EVENTS entries must match too. */
export const EVENT_NAME_PATTERN = /^[A-Za-z0-9_ -]{1,50}$/;

