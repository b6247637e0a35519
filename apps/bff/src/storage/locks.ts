import { LOCK_NAMESPACE, lockIdForKey } from './advisory-keys';
import type { Db } from './db';
import { KeyedMutex, LockTimeoutError } from './keyed-mutex';

export { LockTimeoutError } from './keyed-mutex';

export interface LockOptions {
  /** How long to wait for the lock (not how long to hold it). */
  timeoutMs?: number;
}

export interface LockManager {
  /** Runs `fn` while holding the lock on `key`, across every BFF instance of one database. */
  withLock<T>(key: string, fn: () => Promise<T>, options?: LockOptions): Promise<T>;
}

export interface LockManagerOptions {
  /**
   * Where cross-process locks are held: a PostgreSQL `Db` whose connections
   * serve nothing else, because each held lock pins one connection for the
   * duration of `fn`, while `fn` itself uses the main pool. With a shared pool,
   * enough concurrent locks would take every connection and wait forever for
   * one more. Null for PGlite: one process owns the database, and a PGlite
   * transaction is exclusive for the whole instance, so holding one while `fn`
   * queries storage would deadlock; the in-process mutex is the whole lock.
   */
  lockDb: Db | null;
  defaultTimeoutMs?: number;
}

const LOCK_NOT_AVAILABLE = '55P03';

function isLockNotAvailable(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === LOCK_NOT_AVAILABLE
  );
}

export function createLockManager(options: LockManagerOptions): LockManager {
  // Waiters in this process queue here first, so they do not each pin a
  // connection while they wait.
  const local = new KeyedMutex();
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 10_000;

  return {
    async withLock<T>(key: string, fn: () => Promise<T>, lockOptions: LockOptions = {}) {
      const timeoutMs = lockOptions.timeoutMs ?? defaultTimeoutMs;
      const deadline = Date.now() + timeoutMs;
      const release = await local.acquire(key, timeoutMs);
      try {
        const lockDb = options.lockDb;
        if (!lockDb) return await fn();
        // The transaction holds the advisory lock until it ends, so the lock
        // also goes away if this process dies mid-way.
        return await lockDb.transaction(async (tx) => {
          const remaining = Math.floor(deadline - Date.now());
          if (remaining <= 0) throw new LockTimeoutError(key, timeoutMs);
          // SET takes no parameters; `remaining` is an integer we computed.
          await tx.query(`SET LOCAL lock_timeout = ${remaining}`);
          try {
            await tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [
              LOCK_NAMESPACE.keyedLocks,
              lockIdForKey(key),
            ]);
          } catch (error) {
            if (isLockNotAvailable(error)) throw new LockTimeoutError(key, timeoutMs);
            throw error;
          }
          return fn();
        });
      } finally {
        release();
      }
    },
  };
}
