import { describe, expect, it } from 'vitest';
import { drivers, useTestStorage } from '../../test/storage-harness';
import { LockLostError, LockTimeoutError, type Fence, type LockManager } from './locks';

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

  it('makes the next holder wait for a change whose lock connection died, and fences that change', async () => {
    const other = await t.openAnother();
    const entered = deferred();
    const stuck = deferred();
    let fence: Fence | undefined;
    const holder = other.locks.withLocks(['scope-map:crash'], async (f) => {
      fence = f;
      entered.resolve();
      await stuck.promise;
      return 'finished';
    });
    await entered.promise;
    await fence!.check();
    // The server drops the lock's connection (a restart does that to every one).
    const { rowCount } = await t.storage.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'latchkey-bff-locks' AND state = 'idle in transaction'`,
    );
    expect(rowCount).toBe(1);
    // The advisory lock is free, but the holder's change may still have a write
    // in flight: its lease keeps the next holder waiting until it ends.
    const log: string[] = [];
    const next = t.storage.locks
      .withLock('scope-map:crash', async () => log.push('next:in'), { timeoutMs: 8000 })
      .then(() => 'taken');
    await sleep(300);
    expect(log).toEqual([]);
    await expect(fence!.check()).rejects.toBeInstanceOf(LockLostError);
    expect(fence!.lost).toBe(true);
    log.push('holder:out');
    stuck.resolve();
    // What the holder did stands; ending its dead transaction fails quietly.
    expect(await holder).toBe('finished');
    expect(await next).toBe('taken');
    expect(log).toEqual(['holder:out', 'next:in']);
  });

  it('takes over from a holder that died (its lease is no longer renewed)', async () => {
    const other = await t.openAnother();
    const entered = deferred();
    const stuck = deferred();
    const holder = other.locks
      .withLock('scope-map:dead', async () => {
        entered.resolve();
        await stuck.promise;
      })
      .catch(() => {});
    await entered.promise;
    // A killed process: its lock connection ends and nothing renews its lease.
    await t.storage.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'latchkey-bff-locks' AND state = 'idle in transaction'`,
    );
    const closing = other.close();
    expect(
      await t.storage.locks.withLock('scope-map:dead', async () => 'taken', { timeoutMs: 9000 }),
    ).toBe('taken');
    stuck.resolve();
    await holder;
    await closing;
  }, 20_000);

  it('takes overlapping lock sets in one order: no deadlock across instances', async () => {
    const other = await t.openAnother();
    const runs = Array.from({ length: 20 }, (_, i) =>
      (i % 2 === 0 ? t.storage.locks : other.locks).withLocks(
        i % 4 < 2 ? ['map:x', 'map:y', 'cr:z'] : ['cr:z', 'map:y', 'map:x'],
        async () => {
          await sleep(5);
          return i;
        },
        { timeoutMs: 8000 },
      ),
    );
    expect((await Promise.all(runs)).length).toBe(20);
  });
});
