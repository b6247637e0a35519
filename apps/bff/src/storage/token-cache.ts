import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { systemClock, type Clock } from './clock';
import type { Db } from './db';

/** A 32-byte AES-256 key and the id recorded with everything it encrypts. */
export interface TokenCacheKey {
  id: string;
  key: Uint8Array;
}

export interface TokenCacheOptions {
  /** Encrypts every write. */
  current: TokenCacheKey;
  /** Still decrypt after a rotation; entries move to `current` when next read. */
  previous?: TokenCacheKey[];
  clock?: Clock;
}

export type TokenCacheDecryptReason = 'unknown-key' | 'authentication-failed';

/**
 * The stored entry could not be decrypted: the wrong key, a key that was
 * retired, or a blob that was changed. Never partially decrypted data.
 */
export class TokenCacheDecryptError extends Error {
  readonly code = 'TOKEN_CACHE_DECRYPT';
  constructor(
    readonly partition: string,
    readonly reason: TokenCacheDecryptReason,
  ) {
    super(
      reason === 'unknown-key'
        ? `Token cache entry for "${partition}" was encrypted with a key that is not configured.`
        : `Token cache entry for "${partition}" failed authentication: wrong key or tampered data.`,
    );
    this.name = 'TokenCacheDecryptError';
  }
}

export interface TokenCache {
  /** The decrypted cache for a user's partition (MSAL's serialised cache), or null. */
  get(partition: string): Promise<string | null>;
  set(partition: string, plaintext: string): Promise<void>;
  delete(partition: string): Promise<void>;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function checkKey(key: TokenCacheKey): void {
  if (!key.id) throw new TypeError('Token cache key id must not be empty');
  if (key.key.byteLength !== 32) {
    throw new TypeError(`Token cache key "${key.id}" must be 32 bytes, got ${key.key.byteLength}`);
  }
}

/**
 * Binds a blob to its partition and key id, so a row copied to another user's
 * partition (or relabelled with another key id) fails authentication.
 */
function additionalData(partition: string, keyId: string): Buffer {
  return Buffer.from(JSON.stringify(['latchkey/token-cache/v1', partition, keyId]), 'utf8');
}

interface Sealed {
  keyId: string;
  iv: Buffer;
  authTag: Buffer;
  ciphertext: Buffer;
}

export function encryptTokenCacheEntry(
  key: TokenCacheKey,
  partition: string,
  plaintext: string,
): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(partition, key.id));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: key.id, iv, authTag: cipher.getAuthTag(), ciphertext };
}

export function decryptTokenCacheEntry(
  keys: ReadonlyMap<string, TokenCacheKey>,
  partition: string,
  sealed: Sealed,
): string {
  const key = keys.get(sealed.keyId);
  if (!key) throw new TokenCacheDecryptError(partition, 'unknown-key');
  try {
    const decipher = createDecipheriv(ALGORITHM, key.key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(partition, key.id));
    decipher.setAuthTag(sealed.authTag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // Node reports only "Unsupported state or unable to authenticate data".
    throw new TokenCacheDecryptError(partition, 'authentication-failed');
  }
}

interface TokenCacheRow {
  key_id: string;
  iv: Uint8Array;
  auth_tag: Uint8Array;
  ciphertext: Uint8Array;
}

export function createTokenCache(db: Db, options: TokenCacheOptions): TokenCache {
  const all = [options.current, ...(options.previous ?? [])];
  all.forEach(checkKey);
  const keys = new Map(all.map((key) => [key.id, key]));
  if (keys.size !== all.length) throw new TypeError('Token cache key ids must be unique');
  const clock = options.clock ?? systemClock;

  const write = async (partition: string, plaintext: string) => {
    const sealed = encryptTokenCacheEntry(options.current, partition, plaintext);
    await db.query(
      `INSERT INTO token_cache (partition_key, key_id, iv, auth_tag, ciphertext, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (partition_key) DO UPDATE
         SET key_id = EXCLUDED.key_id, iv = EXCLUDED.iv, auth_tag = EXCLUDED.auth_tag,
             ciphertext = EXCLUDED.ciphertext, updated_at = EXCLUDED.updated_at`,
      [
        partition,
        sealed.keyId,
        sealed.iv,
        sealed.authTag,
        sealed.ciphertext,
        new Date(clock.now()),
      ],
    );
  };

  return {
    async get(partition) {
      const { rows } = await db.query<TokenCacheRow>(
        'SELECT key_id, iv, auth_tag, ciphertext FROM token_cache WHERE partition_key = $1',
        [partition],
      );
      const row = rows[0];
      if (!row) return null;
      const plaintext = decryptTokenCacheEntry(keys, partition, {
        keyId: row.key_id,
        iv: Buffer.from(row.iv),
        authTag: Buffer.from(row.auth_tag),
        ciphertext: Buffer.from(row.ciphertext),
      });
      // Lazy rotation: an entry read with a previous key is re-sealed with the
      // current one, so old keys can be retired once users have come back.
      // Only if unchanged since the read: a concurrent set() wins.
      if (row.key_id !== options.current.id) {
        const sealed = encryptTokenCacheEntry(options.current, partition, plaintext);
        await db.query(
          `UPDATE token_cache
              SET key_id = $2, iv = $3, auth_tag = $4, ciphertext = $5
            WHERE partition_key = $1 AND key_id = $6 AND iv = $7`,
          [
            partition,
            sealed.keyId,
            sealed.iv,
            sealed.authTag,
            sealed.ciphertext,
            row.key_id,
            row.iv,
          ],
        );
      }
      return plaintext;
    },
    set: write,
    async delete(partition) {
      await db.query('DELETE FROM token_cache WHERE partition_key = $1', [partition]);
    },
  };
}
