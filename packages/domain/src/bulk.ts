import { z } from 'zod/mini';
import { nameSchema } from './names';
import { passwordSlots } from './passwords';

/** What a bulk action on tokens does to each token it picks. */
export const bulkTokenActions = [
  'disable',
  'enable',
  'revoke-expired-passwords',
  'delete-unused',
  'generate-passwords',
] as const;
export type BulkTokenAction = (typeof bulkTokenActions)[number];

/** Verbs of the typed confirmation ("disable 200 tokens") and of the headings. */
export const bulkActionVerbs: Record<BulkTokenAction, string> = {
  disable: 'disable',
  enable: 'enable',
  'revoke-expired-passwords': 'revoke expired passwords of',
  'delete-unused': 'delete',
  'generate-passwords': 'generate new passwords for',
};

/** The phrase a person types to confirm a bulk action on `count` tokens. */
export function bulkConfirmation(action: BulkTokenAction, count: number): string {
  return `${bulkActionVerbs[action]} ${count} token${count === 1 ? '' : 's'}`;
}

/**
 * Which tokens a bulk action is asked about. `names` are the tokens picked
 * in the grid, or every token matching its filter (`selection: all-matching`,
 * `filter` describing it for the audit record). A sync token is acted on only
 * when also named in `includeSyncTokens`, which only a one-by-one pick may
 * fill: "all matching" never includes a sync token.
 */
export const bulkTokenSelectionSchema = z.strictObject({
  action: z.enum(bulkTokenActions),
  selection: z.enum(['picked', 'all-matching']),
  names: z.array(nameSchema('token')).check(z.minLength(1), z.maxLength(5000)),
  includeSyncTokens: z.optional(z.array(nameSchema('token')).check(z.maxLength(100))),
  filter: z.optional(z.string().check(z.maxLength(300))),
});
export type BulkTokenSelection = z.input<typeof bulkTokenSelectionSchema>;

export const startBulkTokensSchema = z.extend(bulkTokenSelectionSchema, {
  /** The phrase the preview asked for, e.g. "disable 200 tokens". */
  confirm: z.string().check(z.maxLength(100)),
});
export type StartBulkTokensRequest = z.input<typeof startBulkTokensSchema>;

export const bulkItemOutcomes = [
  'pending',
  'running',
  'done',
  'failed',
  'skipped',
  'cancelled',
] as const;
export type BulkItemOutcome = (typeof bulkItemOutcomes)[number];

export const bulkItemSchema = z.object({
  name: z.string(),
  kind: z.enum(['sync', 'client', 'unattached']),
  /** What will change (preview) or changed: "Disable", "Revoke password1 (expired)". */
  change: z.string(),
  outcome: z.enum(bulkItemOutcomes),
  /** Why it is skipped, or why it failed. */
  reason: z.optional(z.string()),
  /** For a sync token: what disabling or changing it stops. */
  blastRadius: z.optional(z.string()),
  /** Tries made, retries after Azure throttled included. */
  attempts: z.optional(z.number().check(z.int())),
  auditId: z.optional(z.string()),
});
export type BulkItem = z.infer<typeof bulkItemSchema>;

const counts = z.object({
  total: z.number().check(z.int()),
  willChange: z.number().check(z.int()),
  skipped: z.number().check(z.int()),
  syncExcluded: z.number().check(z.int()),
});

export const bulkTokenPreviewSchema = z.object({
  action: z.enum(bulkTokenActions),
  items: z.array(bulkItemSchema),
  counts,
  /** The phrase to type to start it; empty when nothing would change. */
  confirmation: z.string(),
  /** Plain-English notes: sync tokens left out, unknown names. */
  notes: z.array(z.string()),
});
export type BulkTokenPreview = z.infer<typeof bulkTokenPreviewSchema>;

export const bulkJobSchema = z.object({
  id: z.string(),
  action: z.enum(bulkTokenActions),
  state: z.enum(['running', 'cancelling', 'finished', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.optional(z.string()),
  items: z.array(bulkItemSchema),
  progress: z.object({
    total: z.number().check(z.int()),
    done: z.number().check(z.int()),
    failed: z.number().check(z.int()),
    skipped: z.number().check(z.int()),
    cancelled: z.number().check(z.int()),
    pending: z.number().check(z.int()),
  }),
  notes: z.array(z.string()),
  /** The audit record of the bulk action as a whole. */
  auditId: z.optional(z.string()),
  /** generate-passwords: the new passwords wait, in this process's memory only, to be revealed once. */
  passwords: z.enum(['none', 'ready', 'revealed', 'expired']),
});
export type BulkJob = z.infer<typeof bulkJobSchema>;

/** The one answer that carries a bulk action's new passwords (no-store, never compressed). */
export const bulkPasswordsSchema = z.object({
  jobId: z.string(),
  /** Suggested file name of the download. */
  fileName: z.string(),
  /** The file: one line per password, CSV with a header row. */
  csv: z.string(),
  passwords: z.array(
    z.object({
      token: z.string(),
      username: z.string(),
      slot: z.enum(passwordSlots),
      value: z.string(),
      expiry: z.optional(z.string()),
    }),
  ),
});
export type BulkPasswords = z.infer<typeof bulkPasswordsSchema>;
