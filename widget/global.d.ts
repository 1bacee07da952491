/** Build-time flag (Vite `define`): false in the shipped bundle, so debug-only code is dropped. */
declare const __DEBUG__: boolean;

/** The Pixel's global: a function that queues calls until fbevents.js takes over. */
interface FbqStub {
  (...args: unknown[]): void;
  callMethod?: (...args: unknown[]) => void;
  queue: unknown[];
  push: FbqStub;
  loaded: boolean;
  version: string;
}

interface Navigator {
  /** Global Privacy Control (docs/consent.md): true means "do not sell or share". */
  readonly globalPrivacyControl?: boolean;
}

interface Window {
  fbq?: FbqStub;
  _fbq?: FbqStub;
  jQuery?: unknown;
  /** The public API, or the call queue a page builds before w.js loads. */
  capiRelay?: unknown;
}
