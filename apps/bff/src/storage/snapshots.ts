import { toJsonValue, type JsonValue } from './canonical-json';
import type { Db } from './db';
import { assertNoSecrets } from './secret-guard';

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
  get(registryId: string): Promise<StoredSnapshot | undefined>;
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

interface Row {
  version: number;
  read_at: Date;
  changed_at: Date;
  data?: JsonValue;
}

/**
 * Snapshots in storage, with the last one read kept in memory per registry:
 * a read asks the database only for the row's version (a few bytes) and
 * fetches the data again only when the version moved, which is how every
 * instance sees another instance's write on its next read.
 */
export function createSnapshotStore(db: Db, now: () => number = Date.now): SnapshotStore {
  const memory = new Map<string, StoredSnapshot>();

  const checked = (data: JsonValue, registryId: string): string => {
    // ARM list responses carry no secret; this proves it for every write.
    assertNoSecrets(data, `snapshot ${registryId}`);
    return JSON.stringify(toJsonValue(data, 'snapshot'));
  };
  const remember = (registryId: string, row: Row, data: JsonValue): StoredSnapshot => {
    const snapshot = {
      registryId,
      version: row.version,
      changedAt: row.changed_at,
      readAt: row.read_at,
      data,
    };
    memory.set(registryId, snapshot);
    return snapshot;
  };

  return {
    async get(registryId) {
      const { rows } = await db.query<Row>(
        'SELECT version, read_at, changed_at FROM registry_snapshots WHERE registry_id = $1',
        [registryId],
      );
      const head = rows[0];
      if (!head) {
        memory.delete(registryId);
        return undefined;
      }
      const known = memory.get(registryId);
      // Same lists; a refresh that found nothing new may have moved the read time.
      if (known && known.version === head.version)
        return known.readAt.getTime() === head.read_at.getTime()
          ? known
          : remember(registryId, head, known.data);
      const full = await db.query<Row>(
        'SELECT version, read_at, changed_at, data FROM registry_snapshots WHERE registry_id = $1',
        [registryId],
      );
      const row = full.rows[0];
      return row ? remember(registryId, row, row.data ?? null) : undefined;
    },

    async put(registryId, data, readAt, expectedVersion) {
      const json = checked(data, registryId);
      const at = new Date(now());
      const { rows } =
        expectedVersion === null
          ? await db.query<Row>(
              `INSERT INTO registry_snapshots (registry_id, version, read_at, changed_at, data)
               VALUES ($1, 1, $2, $3, $4::jsonb)
               ON CONFLICT (registry_id) DO NOTHING
               RETURNING version, read_at, changed_at`,
              [registryId, readAt, at, json],
            )
          : await db.query<Row>(
              `UPDATE registry_snapshots
                  SET version = version + 1, read_at = $2, changed_at = $3, data = $4::jsonb
                WHERE registry_id = $1 AND version = $5
                RETURNING version, read_at, changed_at`,
              [registryId, readAt, at, json, expectedVersion],
            );
      const row = rows[0];
      return row ? remember(registryId, row, JSON.parse(json) as JsonValue) : undefined;
    },

    async touch(registryId, readAt, expectedVersion) {
      const { rows } = await db.query<Row>(
        `UPDATE registry_snapshots SET read_at = $2
          WHERE registry_id = $1 AND version = $3
          RETURNING version, read_at, changed_at`,
        [registryId, readAt, expectedVersion],
      );
      const row = rows[0];
      const known = memory.get(registryId);
      if (!row) return undefined;
      if (known && known.version === row.version) return remember(registryId, row, known.data);
      return this.get(registryId);
    },

    async update(registryId, change) {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<Row>(
          'SELECT version, read_at, changed_at, data FROM registry_snapshots WHERE registry_id = $1 FOR UPDATE',
          [registryId],
        );
        const current = rows[0];
        if (!current) return undefined;
        const json = checked(change(current.data ?? null), registryId);
        const updated = await tx.query<Row>(
          `UPDATE registry_snapshots SET version = version + 1, changed_at = $2, data = $3::jsonb
            WHERE registry_id = $1 RETURNING version, read_at, changed_at`,
          [registryId, new Date(now()), json],
        );
        return remember(registryId, updated.rows[0]!, JSON.parse(json) as JsonValue);
      });
    },
  };
}
