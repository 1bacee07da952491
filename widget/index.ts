import type { RawUserFields } from '../api/_contract/wire.js';
import { localClickIds, syncClickIds, type ClickIds } from './capture/click-ids.js';
import { findOwnScript, formOverrides, isIgnored, readConfig, type FormOverrides } from './config.js';
import { DEBUG_BUILD, enableDebug, skip } from './debug.js';
import type { DetectionChunk } from './detect/host.js';
import { readConsentConfig } from './consent/config.js';
import { startConsent } from './consent/controller.js';
import { loadOnIntent } from './intent.js';
import { installPublicApi } from './public-api.js';
import { buildEventBody, type EventSource } from './transport/event-body.js';
import { newEventId } from './transport/event-id.js';
import { queuePixel, setPixelConsent, trackPixel } from './transport/pixel.js';
import { sendToRelay } from './transport/send.js';

/** Load fbevents.js this long after start even if /api/ids has not answered. */
const PIXEL_WAIT_MS = 1500;

/** The only code that acts on load: wire config, ids, Pixel, the public API and the detection loader. */
function start(): void {
  const script = findOwnScript();
  const config = readConfig(script);
  const debug = DEBUG_BUILD && config.debug === true;
  enableDebug(debug);
  // Consent (brief F): one gate for Pixel, click-id cookies and events; the banner chunk sits next to w.js.
  const consentConfig = readConsentConfig(script);
  const chunk = (file: string) => new URL(file, script?.src || config.endpoint).href;
  const consent = startConsent(consentConfig, { api: config.endpoint, chunkUrl: chunk });
  const { whenAllowed } = consent;
  // nothing is allowed before the consent signals are gathered (one task after load)
  let wasAllowed = false;
  consent.subscribe((decision) => {
    // A withdrawal pauses the Pixel at once; a later grant resumes ours.
    if (decision.allowed || wasAllowed) setPixelConsent(decision.allowed);
    wasAllowed = decision.allowed;
  });
  let identified: RawUserFields = {};
  // read on first need (never before consent allows): cookie reads are slow at load
  let ids: ClickIds | undefined;
  const clickIds = (): ClickIds => (ids ??= localClickIds(Date.now()));

  // The retry chunk (wr.js) loads only after a lead went unacknowledged, or to send one an earlier page kept.
  const retry = (body?: string): Promise<void> =>
    import(/* @vite-ignore */ chunk('wr.js')).then((mod: { start(endpoint: string, body?: string): void }) => mod.start(config.endpoint, body));

  /** Returns the event id (`capiRelay.track` hands it to the page for POST /api/identify). */
  const convert = (eventName: string, user: RawUserFields | undefined, customData: Record<string, unknown> | undefined, source: EventSource, awaitsDetails?: boolean): string => {
    const eventTime = Date.now();
    // an iframe tool's conversion keeps the id carried into its embed (docs/form-tools.md §22.1)
    const eventId = source.carriedId || newEventId();
    whenAllowed(() => {
      trackPixel(eventName, customData, eventId);
      // a spread takes an absent (or null) user as no fields
      const body = buildEventBody({ eventId, eventName, eventTime, user: { ...identified, ...user }, customData, ...clickIds(), consent: consent.snapshot(), source, awaitsDetails });
      // api/send is api/event under a name ad-blocker rules do not match (vercel.json rewrites)
      sendToRelay(config.endpoint + 'api/send', body, retry);
    });
    return eventId;
  };

  const valueOf = (overrides: FormOverrides): Record<string, unknown> | undefined => {
    const value = overrides.value ?? config.value;
    return value === undefined ? undefined : { value, currency: overrides.currency ?? config.currency };
  };

  const installed = installPublicApi({
    track: (eventName?: string, user?: RawUserFields, options?: Record<string, unknown>) => {
      // `pending` among the third argument's keys is an option, not custom data (README "Public API"); a spread takes null too
      const { pending, ...customData } = { ...options };
      return convert(typeof eventName === 'string' && eventName ? eventName : config.event, user, customData, { tool: 'api' }, !!pending);
    },
    identify: (user?: RawUserFields) => {
      identified = { ...identified, ...user };
    },
    consent: consent.consent,
    showConsent: consent.showConsent,
  });
  if (!installed) return skip('w.js included twice');

  whenAllowed(() => {
    const loadPixel = config.loadPixel && config.pixelId ? queuePixel(config.pixelId, { limitedDataUse: consentConfig.limitedDataUse }) : undefined;
    setPixelConsent(true);
    const done = (): void => loadPixel?.();
    syncClickIds(config.endpoint, clickIds()).then((answer) => {
      ids = answer;
      done();
    }, done);
    setTimeout(done, PIXEL_WAIT_MS);
  });

  // Detection is the lazy chunk wd.js (STYLE.md "Split by load boundary"); intent.ts says when.
  const attrs = { overrides: formOverrides, keep: () => wasAllowed, ignored: isIgnored, onConsent: whenAllowed };
  loadOnIntent({
    attrs,
    // a lead an earlier page view could not deliver: sent again once consent allows
    unsent: () => whenAllowed(retry),
    load: (early) =>
      import(/* @vite-ignore */ chunk('wd.js')).then((mod: DetectionChunk) =>
        mod.start({
          ...attrs,
          early,
          // only a debug build has a skip log to switch on
          ...(DEBUG_BUILD && { debug }),
          convert: (submission, overrides) => convert(overrides.event ?? config.event, submission.fields, valueOf(overrides), submission),
        }),
      ),
  });
}

try {
  start();
} catch {
  // the widget never throws into the host page
  skip('start failed');
}
