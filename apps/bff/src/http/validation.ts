import { z } from 'zod/mini';
import { AppError } from './errors';

// zod/mini (which the shared schemas use, to keep the SPA small) loads no
// locale of its own: without this, every message would be "Invalid input".
// English is what classic zod installs by default, so the messages stay the same.
z.config(z.locales.en());

/**
 * zod → the console's invalid_input error: one detail per problem, naming
 * the field (or, for unknown keys, the keys) and the rule.
 */
export function parseInput<T>(schema: z.core.$ZodType<T>, value: unknown): T {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => {
    const keys = (i as { keys?: string[] }).keys;
    const path = i.path.map(String).join('.');
    const field = keys?.length ? [path, keys.join(', ')].filter(Boolean).join('.') : path || 'body';
    return { field, rule: i.code, message: `${field} ${i.message}` };
  });
  throw new AppError('invalid_input', details.map((d) => d.message).join('; '), { details });
}
