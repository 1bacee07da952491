/**
 * Canary values: the only raw PII and secrets that tests push through the
 * pipeline, the widget and the local servers. The log scan (test/pii) fails
 * the run if any of them, or an obvious rendering of them, appears in the
 * suite's output. Keep them out of test names.
 */
export const CANARY = {
  email: 'Canary.Lead+relay@Example.ORG',
  emailNormalized: 'canary.lead+relay@example.org',
  phone: '+1 (415) 555-0199',
  phoneDigits: '14155550199',
  firstName: 'Zebulon',
  lastName: 'Quackenbush',
  city: 'Walla Walla',
  zip: '99362',
  ip: '203.0.113.77',
  accessToken: 'EAAcanarytoken0123456789abcdefSECRET',
  adminToken: 'admin-canary-secret-0123456789abcdef',
  cronSecret: 'cron-canary-secret-0123456789',
} as const;

/** Strings that must never appear in any log line. */
export const FORBIDDEN_IN_LOGS: readonly string[] = [
  CANARY.email,
  CANARY.emailNormalized,
  CANARY.phone,
  CANARY.phoneDigits,
  CANARY.firstName,
  CANARY.lastName,
  CANARY.accessToken,
  CANARY.adminToken,
  CANARY.cronSecret,
];
