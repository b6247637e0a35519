import { randomUUID } from 'node:crypto';
import { LOCK_NAMESPACE, lockIdForKey } from './advisory-keys';
import type { Db } from './db';
import { KeyedMutex, LockTimeoutError, type Release } from './keyed-mutex';

export { LockTimeoutError } from './keyed-mutex';

export interface LockOptions {
  /** How long to wait for the lock (not how long to hold it). */
  timeoutMs?: number;
}

/** Thrown by a fence whose locks are gone (their database connection failed). */
export class LockLostError extends Error {
  readonly code = 'LOCK_LOST';
  constructor(readonly keys: readonly string[]) {
    super(`The lock on ${keys.join(', ')} was lost: its database connection failed.`);
    this.name = 'LockLostError';
  }
}

/**
 * What a holder asks before each write it makes under its locks: are they
 * still held? With PostgreSQL a lock lives as long as its connection; a
 * restart or a dropped connection frees it for another instance while this
 * one still runs, so a write after the loss could overwrite that instance's.
 */
export interface Fence {
  /** True once the loss has been seen (the connection reported an error). */
  readonly lost: boolean;
  /** Resolves when the locks are provably held (one round trip on their connection); else throws LockLostError. */
  check(): Promise<void>;
}

const HELD: Fence = { lost: false, check: async () => {} };

export interface LockManager {
  /** Runs `fn` while holding the lock on `key`, across every BFF instance of one database. */
  withLock<T>(key: string, fn: () => Promise<T>, options?: LockOptions): Promise<T>;
  /**
   * Runs `fn` holding the locks of every key, taken in one stable order (the
   * advisory lock id, then the key), so two callers locking overlapping sets
   * cannot deadlock. `fn` gets the fence of those locks.
   */
  withLocks<T>(keys: string[], fn: (fence: Fence) => Promise<T>, options?: LockOptions): Promise<T>;
}

export interface LockManagerOptions {
  /**
   * Where cross-process locks are held: a PostgreSQL `Db` whose connections
   * serve nothing else, because each held lock set pins one connection for the
   * duration of `fn`, while `fn` itself uses the main pool. With a shared pool,
   * enough concurrent locks would take every connection and wait forever for
   * one more. Null for PGlite: one process owns the database, and a PGlite
   * transaction is exclusive for the whole instance, so holding one while `fn`
   * queries storage would deadlock; the in-process mutex is the whole lock.
   */
  lockDb: Db | null;
  /**
   * PostgreSQL: the main pool, where the leases live (see `leases`). Without
   * it (PGlite, or tests of the lock alone) there are no leases.
   */
  db?: Db;
  defaultTimeoutMs?: number;
  /** How often a holder renews its leases (default 1 s). */
  leaseRenewMs?: number;
  /** How long a lease must stay unrenewed, watched by a waiter, before it counts as dead (default 4 s). */
  leaseStaleMs?: number;
}

const LOCK_NOT_AVAILABLE = '55P03';
const DEADLOCK_DETECTED = '40P01';

function pgCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null
    ? (error as { code?: unknown }).code
    : undefined;
}

/** The order every lock set is taken in: by advisory id, then by key (ids may collide). */
export function lockOrder(keys: string[]): Array<{ key: string; id: number }> {
  return [...new Set(keys)]
    .map((key) => ({ key, id: lockIdForKey(key) }))
    .sort((a, b) => a.id - b.id || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Leases carry a lock across a database restart. An advisory lock dies with
 * its connection, but the change that held it may still have an ARM write in
 * flight; a lease row (written before the change runs, renewed every
 * `renewMs` while it runs, deleted at its end) tells the next holder to wait
 * for it. A lease nobody renews for `staleMs` of a waiter's watch belongs to
 * a holder that died, and is taken over; the watch starts when the waiter
 * looks, so a database outage does not make a live holder's lease look dead.
 */
function leases(db: Db, renewMs: number, staleMs: number) {
  return {
    /** Waits until no other holder's lease on `keys` is alive; false when `deadline` passes first. */
    async waitForOthers(keys: string[], deadline: number): Promise<boolean> {
      const seen = new Map<string, { stamp: string; since: number }>();
      for (;;) {
        const { rows } = await db.query<{ key: string; holder: string; renewed_at: Date }>(
          'SELECT key, holder, renewed_at FROM change_leases WHERE key = ANY($1::text[])',
          [keys],
        );
        const now = Date.now();
        const alive = rows.filter((row) => {
          const stamp = `${row.holder}@${row.renewed_at.getTime()}`;
          const last = seen.get(row.key);
          if (!last || last.stamp !== stamp) {
            seen.set(row.key, { stamp, since: now });
            return true;
          }
          return now - last.since < staleMs;
        });
        if (alive.length === 0) return true;
        if (now >= deadline) return false;
        await sleep(Math.min(100, Math.max(1, deadline - now)));
      }
    },
    /** Takes the leases; returns what releases them (best effort: a lease left behind goes stale). */
    async take(keys: string[]): Promise<() => Promise<void>> {
      const holder = randomUUID();
      await db.query(
        `INSERT INTO change_leases (key, holder, renewed_at)
         SELECT key, $2, now() FROM unnest($1::text[]) AS key
         ON CONFLICT (key) DO UPDATE SET holder = $2, renewed_at = now()`,
        [keys, holder],
      );
      const renew = setInterval(() => {
        void db
          .query(
            'UPDATE change_leases SET renewed_at = now() WHERE key = ANY($1::text[]) AND holder = $2',
            [keys, holder],
          )
          .catch(() => {});
      }, renewMs);
      renew.unref();
      return async () => {
        clearInterval(renew);
        await db
          .query('DELETE FROM change_leases WHERE key = ANY($1::text[]) AND holder = $2', [
            keys,
            holder,
          ])
          .catch(() => {});
      };
    },
  };
}

export function createLockManager(options: LockManagerOptions): LockManager {
  // Waiters in this process queue here first, so they do not each pin a
  // connection while they wait.
  const local = new KeyedMutex();
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 10_000;
  const leaseTable =
    options.lockDb && options.db
      ? leases(options.db, options.leaseRenewMs ?? 1000, options.leaseStaleMs ?? 4000)
      : undefined;

  async function withLocks<T>(
    keys: string[],
    fn: (fence: Fence) => Promise<T>,
    lockOptions: LockOptions = {},
  ): Promise<T> {
    const timeoutMs = lockOptions.timeoutMs ?? defaultTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    const ordered = lockOrder(keys);
    const releases: Release[] = [];
    try {
      for (const { key } of ordered) {
        releases.push(await local.acquire(key, Math.max(1, deadline - Date.now())));
      }
      const lockDb = options.lockDb;
      if (!lockDb) return await fn(HELD);
      // fn's own result is kept apart from the lock transaction's: when the
      // connection dies after fn finished, ending the transaction fails, but
      // what fn did (and answered) stands; the server has freed the locks.
      let ran: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
      const held = lockDb.transaction(async (tx) => {
        const remaining = Math.floor(deadline - Date.now());
        if (remaining <= 0) throw new LockTimeoutError(ordered[0]?.key ?? '', timeoutMs);
        // SET takes no parameters; `remaining` is an integer we computed.
        await tx.query(`SET LOCAL lock_timeout = ${remaining}`);
        for (const { key, id } of ordered) {
          try {
            // The transaction holds the advisory lock until it ends, so the
            // lock also goes away if this process dies mid-way.
            await tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [
              LOCK_NAMESPACE.keyedLocks,
              id,
            ]);
          } catch (error) {
            const code = pgCode(error);
            if (code === LOCK_NOT_AVAILABLE || code === DEADLOCK_DETECTED)
              throw new LockTimeoutError(key, timeoutMs);
            throw error;
          }
        }
        const keysInOrder = ordered.map((o) => o.key);
        if (leaseTable && !(await leaseTable.waitForOthers(keysInOrder, deadline))) {
          throw new LockTimeoutError(keysInOrder[0]!, timeoutMs);
        }
        const releaseLeases = leaseTable ? await leaseTable.take(keysInOrder) : undefined;
        const signal = tx.connectionLost;
        const lostError = () => new LockLostError(ordered.map((o) => o.key));
        const fence: Fence = {
          get lost() {
            return signal?.aborted ?? false;
          },
          async check() {
            if (signal?.aborted) throw lostError();
            await tx.query('SELECT 1').catch(() => {
              throw lostError();
            });
          },
        };
        try {
          ran = { ok: true, value: await fn(fence) };
        } catch (error) {
          ran = { ok: false, error };
        } finally {
          await releaseLeases?.();
        }
      });
      await held.catch((error: unknown) => {
        if (!ran) throw error;
      });
      if (!ran) throw new Error('lock transaction ended without running its function');
      const result = ran as { ok: true; value: T } | { ok: false; error: unknown };
      if (!result.ok) throw result.error;
      return result.value;
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  return {
    withLocks,
    withLock: (key, fn, lockOptions) => withLocks([key], () => fn(), lockOptions),
  };
}
