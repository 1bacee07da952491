import { render } from 'preact';
import { Banner } from './Banner.js';
import { pickLanguage, textFor } from './strings.js';
import { BANNER_CSS } from './styles.js';

/** How the loader opens the banner (all from the script tag). */
export interface BannerConfig {
  /** `data-lang`; browser languages otherwise */
  lang?: string;
  /** `data-theme`. @default "auto" */
  theme?: 'light' | 'dark' | 'auto';
  /** `data-privacy-url` */
  privacyUrl?: string;
}

/** The visitor's answer, or null when closed with Escape. */
export type BannerChoice = 'granted' | 'denied' | null;

/** Id of the host element (page CSS may set the --capi-* properties on it). */
export const BANNER_HOST_ID = 'capi-relay-consent';

let open: Promise<BannerChoice> | undefined;

/** The language the banner speaks for this config (sent with the proof). */
export function bannerLanguage(config: BannerConfig = {}): string {
  return pickLanguage(config.lang, navigator.languages ?? [navigator.language]);
}

/**
 * Show the banner in an open shadow root (site CSS cannot reach in; axe can)
 * and resolve with the answer. Focus moves into the dialog and goes back to
 * where it was when it closes. A second call while open returns the same answer.
 */
export function showBanner(config: BannerConfig = {}): Promise<BannerChoice> {
  if (open) return open;
  open = new Promise((resolve) => {
    const previous = document.activeElement as HTMLElement | null;
    const host = document.createElement('div');
    host.id = BANNER_HOST_ID;
    host.setAttribute('data-theme', config.theme ?? 'auto');
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = BANNER_CSS;
    const mount = document.createElement('div');
    root.append(style, mount);
    document.body.append(host);

    const close = (choice: BannerChoice) => {
      render(null, mount);
      host.remove();
      open = undefined;
      previous?.focus?.();
      resolve(choice);
    };
    const lang = bannerLanguage(config);
    render(
      <Banner text={textFor(lang)} lang={lang} privacyUrl={config.privacyUrl} onChoice={close} onDismiss={() => close(null)} />,
      mount,
    );
    root.querySelector<HTMLElement>('[role=dialog]')?.focus();
  });
  return open;
}
