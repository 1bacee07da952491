import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini loads no locale, so its own messages would read "Invalid input". The English locale
// that `zod` (classic) installs keeps every 400 body word for word as before (validate.test.ts).
// Imported for this effect by each module that builds a schema. (The env is checked without zod:
// _config/env-rules.ts prints the same English messages.)
// zod/mini instead of `zod`: ~27 KB of bundle instead of ~580 KB on every cold start (issue 13).
z.config(en());
