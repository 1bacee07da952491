import type { BannerText } from './strings.js';

/** What the banner shows and where the answer goes. */
export interface BannerProps {
  text: BannerText;
  lang: string;
  /** the site's privacy page (`data-privacy-url`); no link when absent */
  privacyUrl?: string;
  onChoice(choice: 'granted' | 'denied'): void;
  /** Escape: closed without an answer; nothing fires, the banner returns on the next page */
  onDismiss(): void;
}

// Keyboard users stay inside while it is open: Tab wraps around (aria-modal promises it).
function keepFocusInside(event: KeyboardEvent, onDismiss: () => void): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    onDismiss();
    return;
  }
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLElement;
  const controls = [...dialog.querySelectorAll<HTMLElement>('a[href],button')];
  const first = controls[0];
  const last = controls[controls.length - 1];
  const active = (dialog.getRootNode() as ShadowRoot).activeElement;
  if (event.shiftKey && (active === first || active === dialog)) {
    event.preventDefault();
    last?.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first?.focus();
  }
}

/**
 * The consent dialog. Reject and Accept are the same element, class and
 * size, Reject first: refusing is exactly as easy as accepting (docs/consent.md §5.4).
 * There are no checkboxes, so nothing can be pre-ticked.
 */
export function Banner({ text, lang, privacyUrl, onChoice, onDismiss }: BannerProps) {
  return (
    <div
      class="d"
      role="dialog"
      aria-modal="true"
      aria-labelledby="capi-title"
      aria-describedby="capi-body"
      tabIndex={-1}
      lang={lang}
      onKeyDown={(event) => keepFocusInside(event, onDismiss)}
    >
      <h2 id="capi-title">{text.title}</h2>
      <p id="capi-body">{text.body}</p>
      {privacyUrl ? (
        <p>
          <a href={privacyUrl} target="_blank" rel="noopener">
            {text.privacy}
          </a>
        </p>
      ) : null}
      <div class="b">
        <button type="button" onClick={() => onChoice('denied')}>
          {text.reject}
        </button>
        <button type="button" onClick={() => onChoice('granted')}>
          {text.accept}
        </button>
      </div>
    </div>
  );
}
