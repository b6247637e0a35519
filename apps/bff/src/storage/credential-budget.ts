import { LOCK_NAMESPACE, lockIdForKey } from './advisory-keys';
import { systemClock, type Clock } from './clock';
import type { Db } from './db';

export interface CredentialBudgetLimits {
  /** Credentials one person may generate per window. */
  limit: number;
  windowMs: number;
}

export type BudgetDecision =
  { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number };

/**
 * One per-person budget for everything that mints a credential (a token's
 * first password, a new password, a connection string), kept in storage so
 * that every BFF instance on one database draws on the same budget: a stolen
 * session cannot mint passwords in bulk by spreading requests over instances
 * or routes.
 */
export interface CredentialBudget {
  readonly limits: CredentialBudgetLimits;
  /** Spends one unit of `userKey`'s budget if any is left in the sliding window. */
  take(userKey: string): Promise<BudgetDecision>;
}

export function createCredentialBudget(
  db: Db,
  limits: CredentialBudgetLimits,
  options: { clock?: Clock } = {},
): CredentialBudget {
  const clock = options.clock ?? systemClock;
  return {
    limits,
    take(userKey) {
      return db.transaction(async (tx) => {
        // Serialises takes for one person across connections and instances,
        // so two simultaneous requests cannot both spend the last unit.
        await tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [
          LOCK_NAMESPACE.credentialBudget,
          lockIdForKey(userKey),
        ]);
        const now = clock.now();
        const windowStart = new Date(now - limits.windowMs);
        // Spent units older than the window count for nothing: drop them.
        await tx.query('DELETE FROM credential_budget WHERE user_key = $1 AND spent_at <= $2', [
          userKey,
          windowStart,
        ]);
        const { rows } = await tx.query<{ spent: number; oldest: Date | null }>(
          `SELECT count(*)::int AS spent, min(spent_at) AS oldest
             FROM credential_budget WHERE user_key = $1`,
          [userKey],
        );
        const spent = rows[0]?.spent ?? 0;
        if (spent >= limits.limit) {
          const oldest = rows[0]?.oldest?.getTime() ?? now;
          return { allowed: false, retryAfterMs: Math.max(1000, oldest + limits.windowMs - now) };
        }
        await tx.query('INSERT INTO credential_budget (user_key, spent_at) VALUES ($1, $2)', [
          userKey,
          new Date(now),
        ]);
        return { allowed: true, remaining: limits.limit - spent - 1 };
      });
    },
  };
}
