import { z } from 'zod/mini';

/**
 * Zod 4 can compile object parsers with `new Function`, and probes for it
 * with a `Function('')` call. Under our CSP (no 'unsafe-eval') that probe is
 * refused and reported as a violation; jitless mode never tries. The SPA's
 * schemas are zod/mini, whose objects do not compile today; the setting keeps
 * it so should a compiling schema (classic zod) ever reach the bundle.
 * Imported first by main.tsx, before any schema parses.
 */
z.config({ jitless: true });
