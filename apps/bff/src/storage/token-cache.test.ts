import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drivers, useTestStorage } from '../../test/storage-harness';
import { createTokenCache, TokenCacheDecryptError, type TokenCacheKey } from './token-cache';

const k1: TokenCacheKey = { id: 'k1', key: randomBytes(32) };
const k2: TokenCacheKey = { id: 'k2', key: randomBytes(32) };
const MARKER = 'refresh-token-MARKER-5f1e';
const serialized = JSON.stringify({
  RefreshToken: { one: { secret: MARKER } },
  AccessToken: { two: { secret: 'eyJhbGciOiJSUzI1NiJ9.payload.signature' } },
});

interface Row {
  partition_key: string;
  key_id: string;
  iv: Uint8Array;
  auth_tag: Uint8Array;
  ciphertext: Uint8Array;
}

describe.each(drivers)('token cache on %s', (kind) => {
  const t = useTestStorage(kind);
  const rows = async () =>
    (await t.storage.db.query<Row>('SELECT * FROM token_cache ORDER BY partition_key')).rows;

  it('round-trips and stores only ciphertext', async () => {
    const cache = createTokenCache(t.storage.db, { current: k1 });
    await cache.set('user-1', serialized);
    expect(await cache.get('user-1')).toBe(serialized);
    expect(await cache.get('user-2')).toBeNull();

    const [row] = await rows();
    expect(row?.key_id).toBe('k1');
    expect(row?.iv.byteLength).toBe(12);
    expect(row?.auth_tag.byteLength).toBe(16);
    const stored = Buffer.from(row!.ciphertext);
    expect(stored.includes(Buffer.from(MARKER))).toBe(false);
    expect(stored.includes(Buffer.from('eyJ'))).toBe(false);
    expect(stored.toString('latin1')).not.toContain('RefreshToken');
  });

  it('uses a fresh IV on every write', async () => {
    const cache = createTokenCache(t.storage.db, { current: k1 });
    await cache.set('user-1', serialized);
    const [first] = await rows();
    await cache.set('user-1', serialized);
    const [second] = await rows();
    expect(Buffer.from(second!.iv).equals(Buffer.from(first!.iv))).toBe(false);
    expect(Buffer.from(second!.ciphertext).equals(Buffer.from(first!.ciphertext))).toBe(false);
  });

  it('rejects the wrong key with a clear error', async () => {
    await createTokenCache(t.storage.db, { current: k1 }).set('user-1', serialized);
    const impostor = createTokenCache(t.storage.db, {
      current: { id: 'k1', key: randomBytes(32) },
    });
    const error = await impostor.get('user-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenCacheDecryptError);
    expect(error).toMatchObject({ reason: 'authentication-failed', partition: 'user-1' });

    const other = createTokenCache(t.storage.db, { current: k2 });
    await expect(other.get('user-1')).rejects.toMatchObject({ reason: 'unknown-key' });
  });

  it.each([
    [
      'ciphertext',
      'UPDATE token_cache SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1)',
    ],
    [
      'authentication tag',
      'UPDATE token_cache SET auth_tag = set_byte(auth_tag, 3, get_byte(auth_tag, 3) # 128)',
    ],
    ['IV', 'UPDATE token_cache SET iv = set_byte(iv, 11, get_byte(iv, 11) # 2)'],
    ['partition (blob moved to another user)', "UPDATE token_cache SET partition_key = 'user-2'"],
    ['key id', "UPDATE token_cache SET key_id = 'k2'"],
  ])('rejects a tampered %s', async (what, sql) => {
    const cache = createTokenCache(t.storage.db, { current: k1, previous: [k2] });
    await cache.set('user-1', serialized);
    await t.storage.db.query(sql);
    const partition = what.startsWith('partition') ? 'user-2' : 'user-1';
    const error = await cache.get(partition).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenCacheDecryptError);
    expect(error).toMatchObject({ reason: 'authentication-failed' });
  });

  it('reads entries of a previous key and re-seals them with the current one', async () => {
    await createTokenCache(t.storage.db, { current: k1 }).set('user-1', serialized);
    const rotated = createTokenCache(t.storage.db, { current: k2, previous: [k1] });
    expect(await rotated.get('user-1')).toBe(serialized);
    expect((await rows())[0]?.key_id).toBe('k2');
    expect(await createTokenCache(t.storage.db, { current: k2 }).get('user-1')).toBe(serialized);
  });

  it('deletes a partition and nothing else', async () => {
    const cache = createTokenCache(t.storage.db, { current: k1 });
    await cache.set('user-1', 'one');
    await cache.set('user-2', 'two');
    await cache.delete('user-1');
    expect(await cache.get('user-1')).toBeNull();
    expect(await cache.get('user-2')).toBe('two');
  });

  it('refuses keys that are not 32 bytes or share an id', () => {
    expect(() =>
      createTokenCache(t.storage.db, { current: { id: 'k', key: randomBytes(16) } }),
    ).toThrow(/32 bytes/);
    expect(() =>
      createTokenCache(t.storage.db, { current: k1, previous: [{ ...k2, id: 'k1' }] }),
    ).toThrow(/unique/);
  });
});
