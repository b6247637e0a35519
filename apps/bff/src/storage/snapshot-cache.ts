import type { StoredSnapshot } from './snapshots';

/** How much of the snapshots the in-process cache may keep (see README, "Registry snapshots"). */
export interface SnapshotCacheLimits {
  /** Registries kept at most (default 64); the least recently read goes first. */
  maxRegistries?: number;
  /**
   * The stored JSON's length summed over the registries kept (default 128 MB;
   * a `large` registry of 5,000 tokens is about 5 MB). A snapshot above it is
   * served but not kept. 0 keeps nothing: every read fetches the whole row.
   */
  maxBytes?: number;
}

export const DEFAULT_CACHE_LIMITS = { maxRegistries: 64, maxBytes: 128 * 1024 * 1024 };

interface Entry {
  snapshot: StoredSnapshot;
  bytes: number;
  /**
   * The listening epoch in which this entry was known to match the row (a
   * query started while listening, or a write of this instance's), null when
   * not: only an entry of the current epoch is served without asking storage.
   */
  epoch: number | null;
}

/** What a notification said of a registry's row: its version and read time (ms). */
interface Heard {
  version: number;
  readAt: number;
}

const newer = (a: Heard, b: Heard) =>
  a.version > b.version || (a.version === b.version && a.readAt > b.readAt);

/**
 * The snapshots this instance read or wrote, least recently read first in
 * the map's order, bounded by registries and bytes. Notifications (LISTEN)
 * drop an entry another instance's write outdated, or move its read time;
 * what they said is remembered a while, so a read that was in flight when a
 * notification came does not put back what it outdated.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  private readonly heard = new Map<string, Heard>();
  private bytes = 0;
  private readonly maxRegistries: number;
  private readonly maxBytes: number;
  /** Moves whenever listening starts or stops: what was trusted before is not any more. */
  private epoch = 0;
  private listening = false;

  constructor(limits: SnapshotCacheLimits = {}) {
    this.maxRegistries = limits.maxRegistries ?? DEFAULT_CACHE_LIMITS.maxRegistries;
    this.maxBytes = limits.maxBytes ?? DEFAULT_CACHE_LIMITS.maxBytes;
  }

  get size(): { registries: number; bytes: number } {
    return { registries: this.entries.size, bytes: this.bytes };
  }

  setListening(listening: boolean): void {
    this.listening = listening;
    this.epoch += 1;
    if (!listening) this.heard.clear();
  }

  /** The epoch a query starting now may vouch for: null when not listening. */
  currentEpoch(): number | null {
    return this.listening ? this.epoch : null;
  }

  /** The entry's snapshot, leaving the order as it is. */
  peek(key: string): StoredSnapshot | undefined {
    return this.entries.get(key)?.snapshot;
  }

  /** The entry, marked as most recently read, and whether it may be served without asking storage. */
  get(key: string): { snapshot: StoredSnapshot; bytes: number; trusted: boolean } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return {
      snapshot: entry.snapshot,
      bytes: entry.bytes,
      trusted: this.listening && entry.epoch !== null && entry.epoch === this.epoch,
    };
  }

  /**
   * Keeps what a query (started in `epoch`) or this instance's own write
   * found, unless a notification already told of a later row: then nothing
   * is kept, and the next read asks storage.
   */
  set(snapshot: StoredSnapshot, bytes: number, epoch: number | null): void {
    const key = snapshot.registryId;
    this.delete(key);
    const heard = this.heard.get(key);
    if (heard && newer(heard, { version: snapshot.version, readAt: snapshot.readAt.getTime() }))
      return;
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { snapshot, bytes, epoch: epoch === this.epoch ? epoch : null });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxRegistries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  /**
   * A notification: the row of `key` is now at `version`, read at `readAt`.
   * An older entry goes; the same version takes the later read time (a
   * refresh that found nothing new) and stays trusted.
   */
  notified(key: string, version: number, readAt: number): void {
    const heard = { version, readAt };
    const before = this.heard.get(key);
    if (!before || newer(heard, before)) {
      this.heard.delete(key);
      this.heard.set(key, heard);
      // Bounded like the entries: a few numbers per registry of the database.
      if (this.heard.size > 16 * this.maxRegistries)
        this.heard.delete(this.heard.keys().next().value!);
    }
    const entry = this.entries.get(key);
    if (!entry) return;
    const { snapshot } = entry;
    if (snapshot.version < version) this.delete(key);
    else if (snapshot.version === version && snapshot.readAt.getTime() < readAt)
      entry.snapshot = { ...snapshot, readAt: new Date(readAt) };
  }
}
