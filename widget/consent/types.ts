/** The visitor's answer for "ad measurement with Meta" (docs/consent.md §0). */
export type AdsConsent = 'granted' | 'denied' | 'unknown';

/** What one consent platform (CMP) currently says about marketing. */
export interface CmpReading {
  ads: AdsConsent;
  /**
   * True only when the state reflects a real user action. Defaults, "implied"
   * and opt-out-mode states are not explicit and never count as consent in an
   * opt-in region (docs/consent.md §3.0).
   */
  explicit: boolean;
}

/** Where a decision came from: `banner`, `external`, `gpc`, `region`, or `cmp:<name>`. */
export type ConsentSource = string;

/** A decision kept first-party by store.ts (docs/consent.md §5.5 "Storage"). */
export interface StoredDecision {
  /** banner revision (`data-consent-revision`) the answer was given for */
  v: string;
  /** random visitor consent id; the server only ever sees it hashed */
  id: string;
  /** ms epoch of the answer */
  ts: number;
  ads: 'granted' | 'denied';
  src: ConsentSource;
}

/** One platform adapter: start watching and report the current state now (if known) and on every change. */
export interface CmpAdapter {
  /** short id, sent as `cmp:<name>` */
  name: string;
  /** Subscribe; must never throw into the page and may call `report` many times. */
  watch(win: CmpWindow, report: (reading: CmpReading) => void, options: CmpOptions): void;
}

/** Per-site knobs for the adapters (script-tag attributes; see each field). */
export interface CmpOptions {
  /**
   * TCF has no vendor id for Meta (docs/consent.md §3.1): when true, purposes 1, 3, 4
   * and 7 all consented count as a grant. Off, TCF can only ever say "no basis".
   * @default false
   */
  tcfPurposes: boolean;
  /** OneTrust group that covers Meta. @default "C0004" */
  oneTrustGroup: string;
  /** Usercentrics service name for the Meta Pixel. @default "Facebook Pixel" */
  usercentricsService: string;
  /** Axeptio vendor key for the Meta Pixel. @default "facebook_pixel" */
  axeptioVendor: string;
}

/** The page's globals, loosely typed: every platform adds its own. */
export type CmpWindow = Window & Record<string, any>;
