import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { systemClock, type Clock } from './clock';
import type { Db } from './db';

/**
 * What a session may hold. Strict, so a token or anything else unexpected is
 * refused on write instead of quietly persisted: tokens live in the encrypted
 * token cache only.
 */
export const sessionDataSchema = z.strictObject({
  userId: z.string().min(1),
  tenantId: z.string().min(1),
  name: z.string(),
  username: z.string(),
  roles: z.array(z.string()),
  homeAccountId: z.string().min(1),
  /** ISO 8601 time of sign-in. */
  loginAt: z.iso.datetime({ offset: true }),
});

export type SessionData = z.infer<typeof sessionDataSchema>;

export interface SessionRecord {
  data: SessionData;
  createdAt: Date;
  lastSeenAt: Date;
  /** The earlier of the idle and the absolute deadline. */
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

export interface SessionStore {
  /** Creates a session under a new random id: put `id` in the cookie, it is stored only hashed. */
  create(data: SessionData): Promise<{ id: string; session: SessionRecord }>;
  /** The live session for a cookie's id, or null (unknown, idle too long, or past the absolute limit). */
  get(id: string): Promise<SessionRecord | null>;
  /** Slides the idle deadline (never past the absolute one); null when the session is no longer live. */
  touch(id: string): Promise<SessionRecord | null>;
  delete(id: string): Promise<void>;
  /** Removes every session of one account (sign out everywhere); returns how many. */
  deleteAllOf(homeAccountId: string): Promise<number>;
  /** Removes expired sessions; returns how many. */
  deleteExpired(): Promise<number>;
}

export interface SessionStoreOptions {
  clock?: Clock;
  idleTimeoutMs?: number;
  absoluteTimeoutMs?: number;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const DEFAULT_ABSOLUTE_TIMEOUT_MS = 8 * 60 * 60 * 1000;

// Our ids are 43 characters; anything much longer is not ours and not worth hashing.
const MAX_ID_LENGTH = 256;

/** The stored key for a session id. Exported for tests and for operators' tooling. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

interface SessionRow {
  data: unknown;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  absolute_expires_at: Date;
}

function toRecord(row: SessionRow): SessionRecord | null {
  const parsed = sessionDataSchema.safeParse(row.data);
  if (!parsed.success) return null;
  return {
    data: parsed.data,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
  };
}

const COLUMNS = 'data, created_at, last_seen_at, expires_at, absolute_expires_at';

export function createSessionStore(db: Db, options: SessionStoreOptions = {}): SessionStore {
  const clock = options.clock ?? systemClock;
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const absoluteMs = options.absoluteTimeoutMs ?? DEFAULT_ABSOLUTE_TIMEOUT_MS;

  const validId = (id: string) =>
    typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH;

  return {
    async create(input) {
      const data = sessionDataSchema.parse(input);
      // 256 bits from the CSPRNG: unguessable, and url-safe for a cookie.
      const id = randomBytes(32).toString('base64url');
      const now = clock.now();
      const absolute = now + absoluteMs;
      const { rows } = await db.query<SessionRow>(
        `INSERT INTO sessions (id_hash, data, created_at, last_seen_at, expires_at, absolute_expires_at)
         VALUES ($1, $2::jsonb, $3, $3, $4, $5)
         RETURNING ${COLUMNS}`,
        [
          hashSessionId(id),
          JSON.stringify(data),
          new Date(now),
          new Date(Math.min(now + idleMs, absolute)),
          new Date(absolute),
        ],
      );
      const session = rows[0] && toRecord(rows[0]);
      if (!session) throw new Error('session insert returned no row');
      return { id, session };
    },

    async get(id) {
      if (!validId(id)) return null;
      const idHash = hashSessionId(id);
      const { rows } = await db.query<SessionRow>(
        `SELECT ${COLUMNS} FROM sessions WHERE id_hash = $1`,
        [idHash],
      );
      const row = rows[0];
      if (!row) return null;
      const session = toRecord(row);
      if (!session || session.expiresAt.getTime() <= clock.now()) {
        // Expired (or unreadable): gone now rather than at the next sweep.
        await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
        return null;
      }
      return session;
    },

    async touch(id) {
      if (!validId(id)) return null;
      const now = clock.now();
      const { rows } = await db.query<SessionRow>(
        `UPDATE sessions
            SET last_seen_at = $2,
                expires_at = LEAST($3::timestamptz, absolute_expires_at)
          WHERE id_hash = $1 AND expires_at > $2
         RETURNING ${COLUMNS}`,
        [hashSessionId(id), new Date(now), new Date(now + idleMs)],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },

    async delete(id) {
      if (!validId(id)) return;
      await db.query('DELETE FROM sessions WHERE id_hash = $1', [hashSessionId(id)]);
    },

    async deleteAllOf(homeAccountId) {
      const { rowCount } = await db.query(
        "DELETE FROM sessions WHERE data->>'homeAccountId' = $1",
        [homeAccountId],
      );
      return rowCount;
    },

    async deleteExpired() {
      const { rowCount } = await db.query('DELETE FROM sessions WHERE expires_at <= $1', [
        new Date(clock.now()),
      ]);
      return rowCount;
    },
  };
}
