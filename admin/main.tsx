import { render } from 'preact';
import { App } from './app.js';
import { TOKEN_KEY } from './api.js';

// `npm start` hands the page its local token in a meta tag (scripts/dev-server.ts); a deployment never does.
const local = document.querySelector<HTMLMetaElement>('meta[name="capi-relay-local-token"]');
if (local?.content) sessionStorage.setItem(TOKEN_KEY, local.content);
local?.remove();

render(<App />, document.getElementById('app')!);
