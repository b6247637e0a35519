import { prepareDataDir } from './data-dir';
import type { ClosableDb, Db, DriverKind } from './db';
import type { Listen, Listener } from './listen';
import { createLockManager, type LockManager } from './locks';
import { migrate, type MigrationResult } from './migrations';
import { createPgliteDb } from './pglite-driver';
import { createPostgresDb } from './postgres-driver';

export type StorageConfig =
  | {
      kind: 'pglite';
      /** A folder for the database files; in memory when absent. */
      dataDir?: string;
    }
  | {
      kind: 'postgres';
      url: string;
      /** Connections for queries (default 10). */
      poolSize?: number;
      /** Connections for held locks (default 10): the most locks held at once. */
      lockPoolSize?: number;
    };

export interface CreateStorageOptions {
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
}

export interface Storage {
  readonly kind: DriverKind;
  /** The query layer the repositories take. */
  readonly db: Db;
  readonly locks: LockManager;
  /**
   * `LISTEN` on a channel of this database, on a connection of its own
   * (PostgreSQL) or PGlite's own listeners; closed with the storage.
   */
  readonly listen: Listen;
  /** What the start-up migration applied (empty when up to date or skipped). */
  readonly migration: MigrationResult;
  /** For readiness probes: resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function createStorage(
  config: StorageConfig,
  options: CreateStorageOptions = {},
): Promise<Storage> {
  if (config.kind === 'pglite') {
    if (config.dataDir) prepareDataDir(config.dataDir);
    return openStorage(await createPgliteDb({ dataDir: config.dataDir }), null, options);
  }
  const db = createPostgresDb({ url: config.url, max: config.poolSize });
  const lockDb = createPostgresDb({
    url: config.url,
    max: config.lockPoolSize ?? 10,
    applicationName: 'latchkey-bff-locks',
  });
  return openStorage(db, lockDb, options);
}

/**
 * A `Storage` over drivers already made: `lockDb` holds cross-process locks
 * (PostgreSQL), null for PGlite. Takes ownership: closes both on failure.
 */
export async function openStorage(
  db: ClosableDb,
  lockDb: ClosableDb | null,
  options: CreateStorageOptions = {},
): Promise<Storage> {
  const listeners = new Set<Listener>();
  const close = async () => {
    await Promise.all([...listeners].map((listener) => listener.close()));
    await Promise.all([db.close(), lockDb?.close()]);
  };
  const listen: Listen = (channel, handlers, listenOptions) => {
    if (!db.listen) throw new Error('this database cannot listen');
    const listener = db.listen(channel, handlers, listenOptions);
    listeners.add(listener);
    return {
      get listening() {
        return listener.listening;
      },
      close: async () => {
        listeners.delete(listener);
        await listener.close();
      },
    };
  };
  try {
    const migration = options.migrate === false ? { applied: [] } : await migrate(db);
    return {
      kind: db.kind,
      db,
      locks: createLockManager({ lockDb, ...(lockDb ? { db } : {}) }),
      migration,
      listen,
      async ping() {
        await db.query('SELECT 1');
      },
      close,
    };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}
