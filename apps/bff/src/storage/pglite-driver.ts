import { PGlite, types, type Results } from '@electric-sql/pglite';
import { listenPglite } from './listen';
import { joinedTransaction, type ClosableDb, type Db, type QueryResult } from './db';

function toResult<T>(result: Results<T>): QueryResult<T> {
  // rowCount is per statement, as in pg; affectedRows is cumulative.
  return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
}

export interface PgliteDbOptions {
  /** A folder for the database files; in memory when absent. */
  dataDir?: string;
  /**
   * Start from a `dumpDataDir()` tarball instead of running initdb, which
   * takes seconds in WASM (tests use this for a fresh in-memory database).
   */
  loadDataDir?: Blob;
}

/** PGlite in a folder or in memory. One process, one connection. */
export async function createPgliteDb(options: PgliteDbOptions = {}): Promise<ClosableDb> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    // int8 as number, as the pg driver is set up: our int8 values (sequence
    // numbers, counts) stay far below 2^53.
    parsers: { [types.INT8]: (value: string) => Number(value) },
  });
  return pgliteDb(pglite);
}

/** The query layer over a PGlite instance made elsewhere; closing it closes the instance. */
export function pgliteDb(pglite: PGlite): ClosableDb {
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return toResult(await pglite.query<T>(sql, params));
    },
    // PGlite serialises every query and transaction through its own mutex, so
    // a transaction here is exclusive for the whole instance.
    transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      return pglite.transaction(async (tx) =>
        fn(
          joinedTransaction({
            kind: 'pglite',
            query: async <R>(sql: string, params: unknown[] = []) =>
              toResult(await tx.query<R>(sql, params)),
          }),
        ),
      );
    },
    listen: (channel, handlers) => listenPglite(pglite, channel, handlers),
    async close() {
      await pglite.close();
    },
  };
}
