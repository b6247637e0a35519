import { z } from 'zod';

/**
 * Zod 4 compiles object parsers with `new Function` unless told not to, and
 * probes for it with a `Function('')` call. Under our CSP (no 'unsafe-eval')
 * that probe is refused and reported as a violation; jitless mode never tries.
 * Imported first by main.tsx, before any schema parses.
 */
z.config({ jitless: true });
