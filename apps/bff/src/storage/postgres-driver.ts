import pg from 'pg';
import { listenPostgres } from './listen';
import { joinedTransaction, type ClosableDb, type Db, type QueryResult } from './db';

// Per-pool type parsers, so this module never changes pg's global defaults
// for other code in the process.
function typeOverrides(): pg.CustomTypesConfig {
  const overrides = new pg.TypeOverrides();
  // int8 as number, like the PGlite driver; see createPgliteDb.
  overrides.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  return overrides;
}

// pg returns Buffer for bytea and PGlite Uint8Array; Buffer is a Uint8Array,
// so callers that read bytes through Uint8Array see one type.
function toResult<T>(result: pg.QueryResult): QueryResult<T> {
  return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
}

export interface PostgresDbOptions {
  url: string;
  /** Connections in the pool. */
  max?: number;
  applicationName?: string;
}

export function createPostgresDb(options: PostgresDbOptions): ClosableDb {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    types: typeOverrides(),
    application_name: options.applicationName ?? 'latchkey-bff',
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server emits 'error' on the pool; without a
  // listener that would crash the process. The next query reconnects.
  pool.on('error', () => {});

  return {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      return toResult<T>(await pool.query(sql, params));
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      const lost = new AbortController();
      // A checked-out client reports a lost connection (server restart, a
      // terminated backend) as an 'error' event, which would crash the process
      // if nobody listened; the next query on it fails anyway.
      const onError = () => {
        broken = true;
        lost.abort();
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const tx = joinedTransaction(
          {
            kind: 'postgres',
            query: async <R>(sql: string, params: unknown[] = []) =>
              toResult<R>(await client.query(sql, params)),
          },
          lost.signal,
        );
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          // The connection is unusable: destroy it rather than pool it.
          broken = true;
        }
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    listen: (channel, handlers, listenOptions) =>
      listenPostgres(options.url, channel, handlers, listenOptions),
    async close() {
      await pool.end();
    },
  };
}
