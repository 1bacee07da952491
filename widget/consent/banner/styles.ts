/**
 * Banner CSS, scoped by the shadow root. Theme through custom properties on
 * the host element, which page CSS may override (outer rules beat `:host`):
 * --capi-bg, --capi-fg, --capi-button-bg, --capi-button-fg, --capi-focus,
 * --capi-border, --capi-radius, --capi-font.
 * Fixed position so nothing in the page moves (no CLS, docs/consent.md §5.3);
 * rem units and wrapping so it holds at 200% zoom and 320 px wide.
 */
export const BANNER_CSS = `
:host{all:initial;--capi-bg:#fff;--capi-fg:#1b1b1b;--capi-button-bg:#1b1b1b;--capi-button-fg:#fff;--capi-focus:#0b57d0;--capi-border:#8a8a8a}
:host([data-theme=dark]){--capi-bg:#1f1f1f;--capi-fg:#f3f3f3;--capi-button-bg:#f3f3f3;--capi-button-fg:#111;--capi-focus:#8ab4f8;--capi-border:#6f6f6f}
@media (prefers-color-scheme:dark){:host([data-theme=auto]){--capi-bg:#1f1f1f;--capi-fg:#f3f3f3;--capi-button-bg:#f3f3f3;--capi-button-fg:#111;--capi-focus:#8ab4f8;--capi-border:#6f6f6f}}
.d{position:fixed;z-index:2147483000;left:0;right:0;bottom:0;margin:0 auto .75rem;box-sizing:border-box;width:calc(100% - 1.5rem);max-width:36rem;max-height:calc(100vh - 1.5rem);overflow:auto;padding:1rem 1.25rem;border:1px solid var(--capi-border);border-radius:var(--capi-radius,.75rem);background:var(--capi-bg);color:var(--capi-fg);font:var(--capi-font,1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);box-shadow:0 .5rem 2rem rgba(0,0,0,.3);text-align:left}
.d:focus{outline:none}
h2{margin:0 0 .5rem;font-size:1.125rem;line-height:1.3}
p{margin:0 0 .75rem}
a{color:inherit;text-decoration:underline}
.b{display:flex;flex-wrap:wrap;gap:.75rem}
button{flex:1 1 8rem;min-height:2.75rem;padding:.5rem 1rem;border:2px solid var(--capi-button-bg);border-radius:.5rem;background:var(--capi-button-bg);color:var(--capi-button-fg);font:inherit;font-weight:600;cursor:pointer}
a:focus-visible,button:focus-visible{outline:3px solid var(--capi-focus);outline-offset:2px}
`;
