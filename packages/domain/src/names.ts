import { z } from 'zod/mini';

/**
 * Azure's naming rules for what the console reads and writes (the console's
 * own copy; local Azure checks the same rules independently).
 */
export const nameRules = {
  subscriptionId: {
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    rule: 'a subscription id is a GUID',
  },
  // Azure: 1–90 characters, and the last may not be a period (so `.` and `..`,
  // which URL parsers treat as path steps, are never a resource group).
  resourceGroup: {
    pattern: /^[-\w._()]{0,89}[-\w_()]$/u,
    rule: '1–90 letters, digits, underscores, hyphens, periods or parentheses, not ending in a period',
  },
  registry: { pattern: /^[a-zA-Z0-9]{5,50}$/, rule: '5–50 letters or digits' },
  connectedRegistry: { pattern: /^[a-zA-Z0-9]{5,50}$/, rule: '5–50 letters or digits' },
  token: { pattern: /^[a-zA-Z0-9-]{5,50}$/, rule: '5–50 letters, digits or hyphens' },
  scopeMap: {
    pattern: /^[a-zA-Z0-9-_]{5,50}$/,
    rule: '5–50 letters, digits, hyphens or underscores',
  },
} as const;

export type NamedThing = keyof typeof nameRules;

export function nameSchema(kind: NamedThing) {
  const { pattern, rule } = nameRules[kind];
  return z.string().check(z.regex(pattern, { message: `must be ${rule}` }));
}

export const registryPathSchema = z.object({
  subscriptionId: nameSchema('subscriptionId'),
  resourceGroup: nameSchema('resourceGroup'),
  registryName: nameSchema('registry'),
});
