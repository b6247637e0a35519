import { toJsonValue, type JsonValue } from './canonical-json';
import type { Db } from './db';
import type { Listen, Listener, ListenOptions } from './listen';
import { assertNoSecrets } from './secret-guard';
import { SnapshotCache, type SnapshotCacheLimits } from './snapshot-cache';

/** One registry's stored read: what ARM listed, and when the read started. */
export interface StoredSnapshot {
  /** Lower-cased ARM id of the registry. */
  registryId: string;
  /** Moves on every write of the lists (a refresh that changed them, or a console change). */
  version: number;
  /** When the version last moved. */
  changedAt: Date;
  readAt: Date;
  data: JsonValue;
}

export interface SnapshotStore {
  /**
   * The registry's snapshot. While listening, from the in-process cache with
   * no query at all; else (or with `check`) after asking storage for the
   * row's version, fetching the whole row only when it moved.
   */
  get(registryId: string, options?: { check?: boolean }): Promise<StoredSnapshot | undefined>;
  /** Whether notifications of other instances' writes arrive now (see listen.ts). */
  readonly listening: boolean;
  /** What the store did so far, for tests and benchmarks. */
  stats(): SnapshotStoreStats;
  /** What the in-process cache holds of a registry, as it is (tests look for secrets). */
  cached(registryId: string): StoredSnapshot | undefined;
  /** Stops listening. */
  close(): Promise<void>;
  /**
   * Stores a full read when the row is still at `expectedVersion` (null: no
   * row yet). Undefined when another write landed meanwhile: that write is
   * kept, because this read may have started before it.
   */
  put(
    registryId: string,
    data: JsonValue,
    readAt: Date,
    expectedVersion: number | null,
  ): Promise<StoredSnapshot | undefined>;
  /**
   * Records that a full read at `readAt` found the lists as stored: the read
   * time moves, the version does not (the lists did not change). Undefined
   * when the row is no longer at `expectedVersion`.
   */
  touch(
    registryId: string,
    readAt: Date,
    expectedVersion: number,
  ): Promise<StoredSnapshot | undefined>;
  /** Rewrites the data of an existing snapshot in one transaction; undefined when there is none. */
  update(
    registryId: string,
    change: (data: JsonValue) => JsonValue,
  ): Promise<StoredSnapshot | undefined>;
}

export interface SnapshotStoreStats {
  listening: boolean;
  /** The listening backend's process id (PostgreSQL), while listening. */
  listenerPid: number | null;
  /** Notifications of snapshot writes received (this instance's own included). */
  notifications: number;
  /** Queries of a row's version (few bytes), and of a whole row. */
  versionChecks: number;
  fullReads: number;
  /** Reads answered from the cache with no query. */
  cacheHits: number;
  cached: { registries: number; bytes: number };
}

/** The channel every instance listens on; its payload is `<registry id>:<version>:<read time ms>`. */
export const SNAPSHOT_CHANNEL = 'latchkey_snapshots';
/** PostgreSQL refuses a payload of 8000 bytes or more; a registry's ARM id is far shorter. */
const MAX_KEY_BYTES = 7_900;

/** How a store keeps up with other instances' writes. */
export interface SnapshotStoreOptions {
  now?: () => number;
  cache?: SnapshotCacheLimits;
  /**
   * Storage's LISTEN (Storage.listen). Without it every read asks storage
   * for the row's version, as it does while the listening connection is down.
   */
  listen?: Listen;
  listenOptions?: ListenOptions;
  /** Where "listening started/stopped" goes (a pino logger fits). */
  log?: {
    info(fields: object, message: string): void;
    warn(fields: object, message: string): void;
  };
}

interface Row {
  version: number;
  read_at: Date;
  changed_at: Date;
  /** The stored JSON as text: parsed here, and its length bounds the cache. */
  data?: string;
}

const HEAD = 'version, read_at, changed_at';
/**
 * Runs a write that returns the row's head and, in the same statement (so
 * the same transaction), tells every listening instance of it: PostgreSQL
 * sends the notification when the write commits, never when it rolls back.
 */
const notifying = (write: string) =>
  `WITH w AS (${write} RETURNING ${HEAD})
   SELECT w.version, w.read_at, w.changed_at,
          pg_notify('${SNAPSHOT_CHANNEL}',
                    $1 || ':' || w.version || ':' || round(extract(epoch FROM w.read_at) * 1000)::bigint)
     FROM w`;

/** A payload of SNAPSHOT_CHANNEL, or undefined when it is not one. */
function parsePayload(
  payload: string,
): { key: string; version: number; readAt: number } | undefined {
  const match = /^(.+):(\d+):(\d+)$/.exec(payload);
  if (!match) return undefined;
  return { key: match[1]!, version: Number(match[2]), readAt: Number(match[3]) };
}

/**
 * Snapshots in storage, with an in-process cache of the latest ones read.
 * While this instance listens for the writes of every instance (each write
 * sends a NOTIFY in its transaction), a cached snapshot is served with no
 * query; otherwise a read asks the database for the row's version (a few
 * bytes) and fetches the whole row only when it moved, which is how every
 * instance still sees another one's write on its next read.
 */
export function createSnapshotStore(db: Db, options: SnapshotStoreOptions = {}): SnapshotStore {
  const now = options.now ?? Date.now;
  const cache = new SnapshotCache(options.cache);
  const counts = { notifications: 0, versionChecks: 0, fullReads: 0, cacheHits: 0 };
  let listenerPid: number | null = null;

  const checked = (data: JsonValue, registryId: string): string => {
    // ARM list responses carry no secret; this proves it for every write.
    assertNoSecrets(data, `snapshot ${registryId}`);
    if (Buffer.byteLength(registryId) > MAX_KEY_BYTES) throw new Error('registry id too long');
    return JSON.stringify(toJsonValue(data, 'snapshot'));
  };
  const snapshotOf = (registryId: string, row: Row, data: JsonValue): StoredSnapshot => ({
    registryId,
    version: row.version,
    changedAt: row.changed_at,
    readAt: row.read_at,
    data,
  });
  /** What this instance wrote: the row as the write left it. */
  const wrote = (registryId: string, row: Row, json: string): StoredSnapshot => {
    const snapshot = snapshotOf(registryId, row, JSON.parse(json) as JsonValue);
    cache.set(snapshot, json.length, cache.currentEpoch());
    return snapshot;
  };
  const readWhole = async (registryId: string): Promise<StoredSnapshot | undefined> => {
    const epoch = cache.currentEpoch();
    counts.fullReads += 1;
    const { rows } = await db.query<Row>(
      `SELECT ${HEAD}, data::text AS data FROM registry_snapshots WHERE registry_id = $1`,
      [registryId],
    );
    const row = rows[0];
    if (!row) {
      cache.delete(registryId);
      return undefined;
    }
    const text = row.data ?? 'null';
    const snapshot = snapshotOf(registryId, row, JSON.parse(text) as JsonValue);
    cache.set(snapshot, text.length, epoch);
    return snapshot;
  };

  let listener: Listener | undefined;
  if (options.listen) {
    listener = options.listen(
      SNAPSHOT_CHANNEL,
      {
        notify(payload) {
          const heard = parsePayload(payload);
          if (!heard) return;
          counts.notifications += 1;
          cache.notified(heard.key, heard.version, heard.readAt);
        },
        state(listening, detail) {
          cache.setListening(listening);
          listenerPid = listening ? (detail.pid ?? null) : null;
          if (listening)
            options.log?.info({ channel: SNAPSHOT_CHANNEL }, 'listening for snapshot changes');
          else
            options.log?.warn(
              { channel: SNAPSHOT_CHANNEL, reason: detail.reason },
              'not listening for snapshot changes: reads check the stored version until listening again',
            );
        },
      },
      options.listenOptions,
    );
  }

  return {
    get listening() {
      return listener?.listening ?? false;
    },

    stats() {
      return { listening: this.listening, listenerPid, ...counts, cached: cache.size };
    },

    async close() {
      await listener?.close();
    },

    cached: (registryId) => cache.peek(registryId),

    async get(registryId, getOptions = {}) {
      const known = cache.get(registryId);
      if (!known) return readWhole(registryId);
      if (known.trusted && !getOptions.check) {
        counts.cacheHits += 1;
        return known.snapshot;
      }
      const epoch = cache.currentEpoch();
      counts.versionChecks += 1;
      const { rows } = await db.query<Row>(
        `SELECT ${HEAD} FROM registry_snapshots WHERE registry_id = $1`,
        [registryId],
      );
      const head = rows[0];
      if (!head) {
        cache.delete(registryId);
        return undefined;
      }
      if (known.snapshot.version !== head.version) return readWhole(registryId);
      // Same lists; a refresh that found nothing new may have moved the read time.
      const snapshot = snapshotOf(registryId, head, known.snapshot.data);
      cache.set(snapshot, known.bytes, epoch);
      return snapshot;
    },

    async put(registryId, data, readAt, expectedVersion) {
      const json = checked(data, registryId);
      const at = new Date(now());
      const { rows } =
        expectedVersion === null
          ? await db.query<Row>(
              notifying(`INSERT INTO registry_snapshots (registry_id, version, read_at, changed_at, data)
               VALUES ($1, 1, $2, $3, $4::jsonb)
               ON CONFLICT (registry_id) DO NOTHING`),
              [registryId, readAt, at, json],
            )
          : await db.query<Row>(
              notifying(`UPDATE registry_snapshots
                  SET version = version + 1, read_at = $2, changed_at = $3, data = $4::jsonb
                WHERE registry_id = $1 AND version = $5`),
              [registryId, readAt, at, json, expectedVersion],
            );
      const row = rows[0];
      return row ? wrote(registryId, row, json) : undefined;
    },

    async touch(registryId, readAt, expectedVersion) {
      const { rows } = await db.query<Row>(
        notifying(`UPDATE registry_snapshots SET read_at = $2
          WHERE registry_id = $1 AND version = $3`),
        [registryId, readAt, expectedVersion],
      );
      const row = rows[0];
      if (!row) return undefined;
      const known = cache.get(registryId);
      if (!known || known.snapshot.version !== row.version)
        return this.get(registryId, { check: true });
      const snapshot = snapshotOf(registryId, row, known.snapshot.data);
      cache.set(snapshot, known.bytes, cache.currentEpoch());
      return snapshot;
    },

    async update(registryId, change) {
      const written = await db.transaction(async (tx) => {
        const { rows } = await tx.query<Row>(
          `SELECT ${HEAD}, data::text AS data FROM registry_snapshots WHERE registry_id = $1 FOR UPDATE`,
          [registryId],
        );
        const current = rows[0];
        if (!current) return undefined;
        const json = checked(change(JSON.parse(current.data ?? 'null') as JsonValue), registryId);
        const updated = await tx.query<Row>(
          notifying(`UPDATE registry_snapshots SET version = version + 1, changed_at = $2, data = $3::jsonb
            WHERE registry_id = $1`),
          [registryId, new Date(now()), json],
        );
        return { row: updated.rows[0]!, json };
      });
      // Kept once committed: a rolled-back write must not be served.
      return written && wrote(registryId, written.row, written.json);
    },
  };
}
