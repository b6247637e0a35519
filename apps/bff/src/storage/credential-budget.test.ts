import { describe, expect, it } from 'vitest';
import { drivers, TestClock, useTestStorage } from '../../test/storage-harness';
import { createCredentialBudget } from './credential-budget';

const MINUTE = 60_000;

describe.each(drivers)('credential budget on %s', (kind) => {
  const t = useTestStorage(kind);

  it('allows `limit` per sliding window per person, then says when the oldest unit frees up', async () => {
    const clock = new TestClock();
    const budget = createCredentialBudget(
      t.storage.db,
      { limit: 2, windowMs: 10 * MINUTE },
      { clock },
    );
    expect(await budget.take('user:a')).toEqual({ allowed: true, remaining: 1 });
    clock.advance(4 * MINUTE);
    expect(await budget.take('user:a')).toEqual({ allowed: true, remaining: 0 });
    // Another person has a budget of their own.
    expect(await budget.take('user:b')).toEqual({ allowed: true, remaining: 1 });
    clock.advance(MINUTE);
    // The first unit was spent 5 minutes ago: it frees up in 5 more.
    expect(await budget.take('user:a')).toEqual({ allowed: false, retryAfterMs: 5 * MINUTE });
    clock.advance(5 * MINUTE);
    expect(await budget.take('user:a')).toEqual({ allowed: true, remaining: 0 });
    expect(await budget.take('user:a')).toEqual({ allowed: false, retryAfterMs: 4 * MINUTE });
    // A refusal spends nothing, and old units are pruned.
    const { rows } = await t.storage.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM credential_budget WHERE user_key = 'user:a'`,
    );
    expect(rows[0]!.n).toBe(2);
  });

  it('lets exactly `limit` of many simultaneous takes through', async () => {
    const budget = createCredentialBudget(t.storage.db, { limit: 3, windowMs: 10 * MINUTE });
    const decisions = await Promise.all(Array.from({ length: 10 }, () => budget.take('user:c')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
  });
});
