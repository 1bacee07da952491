import { skip } from '../debug.js';
import { listen } from './page-events.js';

/** One tool whose iframe talks to the page with postMessage. */
export interface FrameListenerConfig {
  /** adapter name, for the debug log */
  name: string;
  /** Is this iframe the tool's? Usually a test of its `src` host or a class the embed script sets. */
  isToolFrame(iframe: HTMLIFrameElement): boolean;
  /**
   * Is this the origin of a genuine tool frame? Gets the origin of the iframe's
   * `src` (the parent's own origin for a src-less, same-origin frame).
   * @example (origin) => /^https:\/\/([\w-]+\.)?typeform\.com$/.test(origin)
   */
  origins(iframeSrcOrigin: string): boolean;
  /**
   * Is `origin` one of the tool's own official hosts? A tool frame may navigate
   * between them (Jotform's thank-you page posts from submit.jotform.com inside
   * a form.jotform.com frame): such a message passes when both the frame's src
   * origin and the message's origin are official. Without it, only the src origin.
   */
  official?(origin: string): boolean;
  /** A message that passed every check. `data` is `event.data` as posted (object or string). */
  onMessage(data: unknown, iframe: HTMLIFrameElement): void;
}

const listeners: FrameListenerConfig[] = [];

/** The origin a frame's messages must carry: its `src` origin, or ours when it has no real src. */
function expectedOrigin(iframe: HTMLIFrameElement): string {
  const src = iframe.getAttribute('src');
  return !src || src === 'about:blank' || src.startsWith('javascript:') ? location.origin : new URL(src, location.href).origin;
}

function onWindowMessage(event: MessageEvent): void {
  // docs/form-tools.md rule 4: find the iframe that sent it (event.source), then
  // require the exact origin of that iframe's src. Shape alone proves nothing:
  // any ad or chat frame can post a look-alike message.
  const frames = document.getElementsByTagName('iframe');
  for (let i = 0; i < frames.length; i++) {
    const iframe = frames[i]!;
    if (iframe.contentWindow !== event.source || !event.source) continue;
    for (const listener of listeners) {
      try {
        if (!listener.isToolFrame(iframe)) continue;
        const origin = expectedOrigin(iframe);
        const navigated = event.origin !== origin && !!listener.official?.(origin) && listener.official(event.origin);
        if ((event.origin === origin && listener.origins(origin)) || navigated) listener.onMessage(event.data, iframe);
        else skip(listener.name + ': message from an unexpected origin');
      } catch {
        skip(listener.name + ': frame message handler failed');
      }
    }
    return;
  }
}

/**
 * Receive postMessage events from one tool's iframes, checked by sender frame
 * and exact origin. One `message` listener on window serves every tool.
 */
export function listenToFrames(listener: FrameListenerConfig): void {
  if (!listeners.length) listen('message', onWindowMessage);
  listeners.push(listener);
}
