import { describe, expect, it } from 'vitest';
import { drivers, useTestStorage } from '../../test/storage-harness';
import { LockTimeoutError, type LockManager } from './locks';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` under the lock and logs when it entered and left. */
function tracked(locks: LockManager, key: string, log: string[], name: string, holdMs = 40) {
  return locks.withLock(key, async () => {
    log.push(`${name}:in`);
    await sleep(holdMs);
    log.push(`${name}:out`);
    return name;
  });
}

function expectSerialised(log: string[]): void {
  for (let i = 0; i < log.length; i += 2) {
    const name = log[i]!.split(':')[0];
    expect(log[i + 1]).toBe(`${name}:out`);
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(drivers)('locks on %s', (kind) => {
  const t = useTestStorage(kind);

  it('serialises holders of the same key', async () => {
    const log: string[] = [];
    const results = await Promise.all(
      ['a', 'b', 'c'].map((name) => tracked(t.storage.locks, 'scope-map:r1/pull', log, name)),
    );
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toHaveLength(6);
    expectSerialised(log);
  });

  it('does not make different keys wait for each other', async () => {
    const bEntered = deferred();
    const a = t.storage.locks.withLock('scope-map:a', async () => {
      // Finishes only once B is inside its own lock: would time out if B waited for A.
      await bEntered.promise;
      return 'a';
    });
    const b = t.storage.locks.withLock('scope-map:b', async () => {
      bEntered.resolve();
      return 'b';
    });
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
  });

  it('gives up with a typed error after the timeout, and the lock still works after', async () => {
    const release = deferred();
    const holder = t.storage.locks.withLock('scope-map:busy', () => release.promise);
    const started = Date.now();
    const error = await t.storage.locks
      .withLock('scope-map:busy', async () => 'never', { timeoutMs: 150 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect(error).toMatchObject({ code: 'LOCK_TIMEOUT', key: 'scope-map:busy', timeoutMs: 150 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    release.resolve();
    await holder;
    expect(await t.storage.locks.withLock('scope-map:busy', async () => 'free')).toBe('free');
  });

  it('releases the lock when the holder throws', async () => {
    await expect(
      t.storage.locks.withLock('scope-map:x', async () => {
        throw new Error('ARM said no');
      }),
    ).rejects.toThrow('ARM said no');
    expect(
      await t.storage.locks.withLock('scope-map:x', async () => 'next', { timeoutMs: 500 }),
    ).toBe('next');
  });

  it('lets the holder use storage while it holds the lock', async () => {
    const value = await t.storage.locks.withLock('scope-map:db', async () => {
      const { rows } = await t.storage.db.query<{ n: number }>('SELECT 41 + 1 AS n');
      return rows[0]?.n;
    });
    expect(value).toBe(42);
  });
});

describe('locks on postgres, two BFF instances', () => {
  const t = useTestStorage('postgres');

  it('serialises the same key across instances', async () => {
    const other = await t.openAnother();
    const log: string[] = [];
    await Promise.all([
      tracked(t.storage.locks, 'scope-map:shared', log, 'a', 60),
      tracked(other.locks, 'scope-map:shared', log, 'b', 60),
      tracked(t.storage.locks, 'scope-map:shared', log, 'c', 60),
      tracked(other.locks, 'scope-map:shared', log, 'd', 60),
    ]);
    expect(log).toHaveLength(8);
    expectSerialised(log);
  });

  it('times out on a key held by the other instance', async () => {
    const other = await t.openAnother();
    const entered = deferred();
    const release = deferred();
    const holder = other.locks.withLock('scope-map:held', async () => {
      entered.resolve();
      await release.promise;
    });
    await entered.promise;
    await expect(
      t.storage.locks.withLock('scope-map:held', async () => 'never', { timeoutMs: 200 }),
    ).rejects.toBeInstanceOf(LockTimeoutError);
    release.resolve();
    await holder;
    expect(
      await t.storage.locks.withLock('scope-map:held', async () => 'ok', { timeoutMs: 2000 }),
    ).toBe('ok');
  });

  it('does not block different keys across instances', async () => {
    const other = await t.openAnother();
    const bEntered = deferred();
    const a = t.storage.locks.withLock('scope-map:one', async () => {
      await bEntered.promise;
    });
    const b = other.locks.withLock('scope-map:two', async () => {
      bEntered.resolve();
    });
    await Promise.all([a, b]);
  });

  it('frees the lock when the holding instance goes away', async () => {
    const other = await t.openAnother();
    const entered = deferred();
    const stuck = deferred();
    const holder = other.locks.withLock('scope-map:crash', async () => {
      entered.resolve();
      await stuck.promise;
    });
    await entered.promise;
    // What a killed process looks like to the server: its connection ends.
    const { rowCount } = await t.storage.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'latchkey-bff-locks' AND state = 'idle in transaction'`,
    );
    expect(rowCount).toBe(1);
    expect(
      await t.storage.locks.withLock('scope-map:crash', async () => 'taken', { timeoutMs: 3000 }),
    ).toBe('taken');
    // The stranded holder learns at commit that its connection, and lock, are gone.
    stuck.resolve();
    await expect(holder).rejects.toThrow();
  });
});
