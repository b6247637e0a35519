import { describe, expect, it } from 'vitest';
import { SnapshotCache } from './snapshot-cache';
import type { StoredSnapshot } from './snapshots';

const snap = (registryId: string, version: number, readAt = 1_000): StoredSnapshot => ({
  registryId,
  version,
  readAt: new Date(readAt),
  changedAt: new Date(500),
  data: { tokens: [] },
});

/** A cache that listens, with `keys` kept at 10 bytes each, in that order. */
function listeningCache(keys: string[], limits = {}) {
  const cache = new SnapshotCache(limits);
  cache.setListening(true);
  for (const key of keys) cache.set(snap(key, 1), 10, cache.currentEpoch());
  return cache;
}

describe('in-process snapshot cache', () => {
  it('serves without a query only what was vouched for while listening, in the current epoch', () => {
    const cache = new SnapshotCache();
    // Not listening: kept, but every read must ask storage.
    cache.set(snap('a', 1), 10, cache.currentEpoch());
    expect(cache.get('a')).toMatchObject({ trusted: false });
    cache.setListening(true);
    // Listening now, but what was read before may have missed a notification.
    expect(cache.get('a')).toMatchObject({ trusted: false });
    cache.set(snap('a', 1), 10, cache.currentEpoch());
    expect(cache.get('a')).toMatchObject({ trusted: true });
    // A query that started before listening stopped and started again vouches for nothing.
    const stale = cache.currentEpoch();
    cache.setListening(false);
    cache.setListening(true);
    cache.set(snap('a', 1), 10, stale);
    expect(cache.get('a')).toMatchObject({ trusted: false });
    cache.set(snap('a', 1), 10, cache.currentEpoch());
    cache.setListening(false);
    expect(cache.get('a')).toMatchObject({ trusted: false });
  });

  it('keeps at most maxRegistries, the least recently read going first', () => {
    const cache = listeningCache(['a', 'b'], { maxRegistries: 2 });
    cache.get('a');
    cache.set(snap('c', 1), 10, cache.currentEpoch());
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toEqual({ registries: 2, bytes: 20 });
  });

  it('keeps at most maxBytes, and never a snapshot larger than that', () => {
    const cache = listeningCache(['a', 'b', 'c'], { maxBytes: 25 });
    expect(cache.size).toEqual({ registries: 2, bytes: 20 });
    expect(cache.get('a')).toBeUndefined();
    cache.set(snap('huge', 1), 26, cache.currentEpoch());
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toEqual({ registries: 2, bytes: 20 });
    const none = listeningCache(['a'], { maxBytes: 0 });
    expect(none.size).toEqual({ registries: 0, bytes: 0 });
  });

  it('drops an entry a notification outdated, and moves the read time of the same version', () => {
    const cache = listeningCache(['a', 'b', 'c']);
    cache.notified('a', 2, 1_000);
    expect(cache.get('a')).toBeUndefined();
    cache.notified('b', 1, 9_000);
    expect(cache.get('b')).toMatchObject({ trusted: true, snapshot: { version: 1 } });
    expect(cache.get('b')!.snapshot.readAt.getTime()).toBe(9_000);
    // A late notification of an older row changes nothing.
    cache.set(snap('c', 3, 5_000), 10, cache.currentEpoch());
    cache.notified('c', 2, 7_000);
    expect(cache.get('c')!.snapshot).toMatchObject({ version: 3 });
    expect(cache.get('c')!.snapshot.readAt.getTime()).toBe(5_000);
  });

  it('does not keep what a read in flight found when a notification told of a later row', () => {
    const cache = listeningCache([]);
    const epoch = cache.currentEpoch();
    cache.notified('a', 4, 1_000);
    cache.set(snap('a', 3), 10, epoch);
    expect(cache.get('a')).toBeUndefined();
    cache.set(snap('a', 4), 10, epoch);
    expect(cache.get('a')).toMatchObject({ trusted: true });
  });
});
