/**
 * The query layer every repository uses. SQL is written once, in the subset
 * both PGlite and PostgreSQL accept: `$1` placeholders, one statement per call.
 * Both drivers are configured to return the same JavaScript types
 * (int8 → number, jsonb → parsed value, timestamptz → Date, bytea → Uint8Array).
 */
import type { Listen } from './listen';

export type DriverKind = 'pglite' | 'postgres';

export interface QueryResult<T> {
  rows: T[];
  /** Rows changed by INSERT/UPDATE/DELETE, rows returned by SELECT. */
  rowCount: number;
}

export interface Queryable {
  readonly kind: DriverKind;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export interface Db extends Queryable {
  /**
   * Runs `fn` in one transaction on one connection: committed when it
   * resolves, rolled back when it throws. Nested calls on `tx` join the
   * outer transaction.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Inside a PostgreSQL transaction: aborted when its connection fails
   * (server restart, terminated backend), so a holder of locks tied to the
   * transaction learns they are gone. Absent elsewhere.
   */
  readonly connectionLost?: AbortSignal;
}

/** A `Db` that owns connections or a database instance. */
export interface ClosableDb extends Db {
  close(): Promise<void>;
  /** `LISTEN` on a channel, apart from the query connections (see listen.ts). */
  listen?: Listen;
}

/** Wraps a transaction-scoped queryable so repositories can nest freely. */
export function joinedTransaction(tx: Queryable, connectionLost?: AbortSignal): Db {
  const db: Db = {
    kind: tx.kind,
    query: (sql, params) => tx.query(sql, params),
    transaction: (fn) => fn(db),
    ...(connectionLost ? { connectionLost } : {}),
  };
  return db;
}
