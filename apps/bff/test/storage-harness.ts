// Runs the storage suite on both drivers with a fresh schema for every test:
// one database per test file (a new database on the PostgreSQL test server, a
// new in-memory PGlite from the migrated template), reset to a freshly
// migrated state before each test (see resetSchema). A new PGlite per test would cost
// seconds of WASM start-up each.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import {
  createStorage,
  migrate,
  type Clock,
  type Db,
  type DriverKind,
  type Storage,
} from '../src/storage';
import { openStorage } from '../src/storage/create-storage';
import { GENESIS_HASH } from '../src/storage/migrations';
import { createPgliteDb } from '../src/storage/pglite-driver';
import './provided-context';

export const drivers: readonly DriverKind[] = ['pglite', 'postgres'];

export class TestClock implements Clock {
  constructor(private current = Date.parse('2026-01-01T00:00:00.000Z')) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(inject('postgresAdminUrl'));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** An empty database on the test server; the harness drops it when done with it. */
export async function createDatabase(): Promise<{ url: string; name: string }> {
  // FILE_COPY: copying the small template's files is quicker than WAL-logging
  // them (the default), and the test server runs with fsync off.
  const name = `lk_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name} STRATEGY FILE_COPY`));
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export interface TestStorage {
  readonly kind: DriverKind;
  /** This test's migrated storage. */
  readonly storage: Storage;
  /**
   * PostgreSQL only: another `Storage` (its own pools, as another BFF instance
   * would have) on this test's database or on `url`; closed after the test.
   */
  openAnother(options?: { url?: string; migrate?: boolean }): Promise<Storage>;
  /** PostgreSQL only: the URL of an empty database for this test. */
  emptyDatabaseUrl(): Promise<string>;
}

/**
 * Names of the schema's relations, triggers (with their enabled state) and
 * applied migrations: a test that changed any of them (an extra migration, a
 * disabled trigger) leaves the schema different from a freshly migrated one.
 */
const FINGERPRINT_SQL = `SELECT
  coalesce((SELECT string_agg(relname::text, ',' ORDER BY relname) FROM pg_class
             WHERE relnamespace = 'public'::regnamespace), '') || '|' ||
  coalesce((SELECT string_agg(tgname::text || tgenabled::text, ',' ORDER BY tgname) FROM pg_trigger
             WHERE NOT tgisinternal), '') || '|' ||
  coalesce((SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations), '')
  AS fingerprint`;

async function fingerprint(db: Db): Promise<string> {
  const { rows } = await db.query<{ fingerprint: string }>(FINGERPRINT_SQL);
  return rows[0]?.fingerprint ?? '';
}

/**
 * Gives the next test a freshly migrated schema. Dropping and migrating costs
 * a few hundred ms on PGlite, so when the schema is as migration left it only
 * the data goes: every table but schema_migrations is truncated and the
 * audit chain head, which the migration seeds, is reset.
 */
async function resetSchema(db: Db, pristine: { value?: string }): Promise<void> {
  if (pristine.value !== undefined && (await fingerprint(db)) === pristine.value) {
    const { rows } = await db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'audit_chain_head')",
    );
    // Replica mode skips the audit log's append-only TRUNCATE trigger.
    await db.query('SET session_replication_role = replica');
    try {
      await db.query(`TRUNCATE ${rows.map((row) => row.tablename).join(', ')}`);
    } finally {
      await db.query('SET session_replication_role = DEFAULT');
    }
    await db.query('UPDATE audit_chain_head SET last_seq = 0, last_hash = $1', [GENESIS_HASH]);
    return;
  }
  await db.query('DROP SCHEMA public CASCADE');
  await db.query('CREATE SCHEMA public');
  await migrate(db);
  pristine.value = await fingerprint(db);
}

export function useTestStorage(kind: DriverKind): TestStorage {
  let current: Storage | undefined;
  let currentUrl: string | undefined;
  // PGlite: the file's instance. PostgreSQL: a connection to the file's
  // database, used to reset it; each test gets its own pools on top.
  let base: Storage | undefined;
  const perTest: Storage[] = [];
  const extraDatabases: string[] = [];
  let fileDatabase: string | undefined;
  const pristine: { value?: string } = {};

  const requirePostgres = (what: string) => {
    if (kind !== 'postgres') throw new Error(`${what} needs PostgreSQL`);
  };

  beforeAll(async () => {
    if (kind === 'pglite') {
      // Already migrated: a first migration in cold WASM takes a second or two.
      const template = new Blob([await readFile(inject('pgliteMigratedTar'))]);
      base = await openStorage(await createPgliteDb({ loadDataDir: template }), null, {
        migrate: false,
      });
      pristine.value = await fingerprint(base.db);
    } else {
      const { url, name } = await createDatabase();
      fileDatabase = name;
      currentUrl = url;
      base = await createStorage(
        { kind: 'postgres', url, poolSize: 1, lockPoolSize: 1 },
        { migrate: false },
      );
    }
  });

  beforeEach(async () => {
    if (!base) throw new Error('test storage did not open');
    await resetSchema(base.db, pristine);
    if (kind === 'pglite') {
      current = base;
    } else {
      current = await createStorage({ kind: 'postgres', url: currentUrl! }, { migrate: false });
      perTest.push(current);
    }
  });

  afterEach(async () => {
    current = undefined;
    await Promise.all(perTest.splice(0).map((storage) => storage.close()));
    await Promise.all(extraDatabases.splice(0).map(dropDatabase));
  });

  afterAll(async () => {
    await base?.close();
    if (fileDatabase) await dropDatabase(fileDatabase);
  });

  const harness: TestStorage = {
    kind,
    get storage() {
      if (!current) throw new Error('storage is only available inside a test');
      return current;
    },
    async emptyDatabaseUrl() {
      requirePostgres('emptyDatabaseUrl');
      const { url, name } = await createDatabase();
      extraDatabases.push(name);
      return url;
    },
    async openAnother(options = {}) {
      requirePostgres('openAnother');
      const storage = await createStorage(
        { kind: 'postgres', url: options.url ?? currentUrl! },
        { migrate: options.migrate ?? true },
      );
      perTest.push(storage);
      return storage;
    },
  };
  return harness;
}
