import type { Logger } from 'pino';
import type { RegistryPath } from '@latchkey/domain';
import type {
  ListPage,
  RegistryContents,
  RegistryFirstPages,
  RegistryReader,
} from '../../arm/reader';
import {
  toJsonValue,
  type AuditLog,
  type JsonValue,
  type LockManager,
  type SnapshotStore,
  type SnapshotStoreStats,
  type StoredSnapshot,
} from '../../storage';
import { diffContents } from './snapshot-diff';
import {
  countsOf,
  firstPagesMatch,
  registryKey,
  applyToContents,
  sameLists,
  type SnapshotChange,
} from './snapshot-contents';

export {
  applyToContents,
  firstPagesMatch,
  registryKey,
  scopeMapRecordOf,
  tokenRecordOf,
  type SnapshotChange,
} from './snapshot-contents';

const contentsOf = (s: StoredSnapshot) => s.data as unknown as RegistryContents;
/** Moves with every write and every refresh (one that found nothing new moves only the read time). */
const stamp = (s: StoredSnapshot | undefined) => (s ? `${s.version}@${s.readAt.getTime()}` : null);
/** The entity tag of the stored lists: it moves only when they change, not on every refresh. */
const tagOf = (s: StoredSnapshot) => `"${s.version}-${s.changedAt.getTime()}"`;

/** Default age after which a snapshot is refreshed in the background (seconds). */
export const DEFAULT_SNAPSHOT_FRESHNESS_MS = 30_000;
/** A full refresh of a large registry takes seconds; waiting for another's must not time out first. */
const REFRESH_LOCK_TIMEOUT_MS = 120_000;

/** What a read served: the lists, when they were read, and whether a refresh runs. */
export interface ServedContents extends RegistryContents {
  readAt: number;
  /** Null when read from ARM for this request (cold, forced or changed). */
  snapshot: { ageMs: number; refreshing: boolean } | null;
  /** Names the stored lists served (version and when it moved); null when this read was not stored. */
  tag: string | null;
}

/** How a progressive read starts: the registry, and the previous snapshot's counts when there is one. */
export interface StreamStart {
  registry: RegistryContents['registry'];
  expected: ReturnType<typeof countsOf> | null;
}

/** What a progressive read reports as it goes (RegistrySnapshots.stream). */
export interface StreamSink {
  start(start: StreamStart): void;
  page(page: ListPage): void;
}

/**
 * The pages a refresh has read so far, for whoever streams it: a caller that
 * joins a running refresh is given the pages it missed, then the rest.
 */
class PageFeed {
  private readonly seen: ListPage[] = [];
  private readonly listeners = new Set<(page: ListPage) => void>();

  push(page: ListPage): void {
    this.seen.push(page);
    for (const listen of this.listeners) listen(page);
  }

  subscribe(listen: (page: ListPage) => void): () => void {
    for (const page of this.seen) listen(page);
    this.listeners.add(listen);
    return () => this.listeners.delete(listen);
  }
}

/**
 * What the admin services call after a successful change, with what they
 * read back (RegistrySnapshots.applyChange).
 */
export type ApplySnapshotChange = (ref: RegistryPath, change: SnapshotChange) => Promise<void>;

/** A refresh: what it produced, which person's reader made the ARM read, and its pages so far. */
interface Flight {
  done: Promise<{ got: StoredSnapshot | RegistryContents; reader: RegistryReader | null }>;
  feed: PageFeed;
}

export interface RegistrySnapshotsDeps {
  store: SnapshotStore;
  locks: LockManager;
  audit: AuditLog;
  logger: Logger;
  now?: () => number;
  freshnessMs?: number;
}

/**
 * The registry snapshot shared by everyone allowed to read the registry (see
 * README, "Registry snapshots"). Serving it costs a gate made as the person:
 * ARM refuses a person without read permission on a type there, as it would
 * on a full read. A full refresh runs once per registry at a time across
 * instances (a lock in storage), and the changes it finds that the console did
 * not make go to the audit log as "observed in Azure".
 */
export class RegistrySnapshots {
  private readonly running = new Map<string, Flight>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly now: () => number;
  readonly freshnessMs: number;

  constructor(private readonly d: RegistrySnapshotsDeps) {
    this.now = d.now ?? Date.now;
    this.freshnessMs = d.freshnessMs ?? DEFAULT_SNAPSHOT_FRESHNESS_MS;
  }

  async read(
    ref: RegistryPath,
    reader: RegistryReader,
    options: { force?: boolean; requestId: string },
  ): Promise<ServedContents> {
    const key = registryKey(ref);
    let gated = false;
    const fresh = async (): Promise<ServedContents> => {
      const { got, readByCaller } = await this.refresh(key, ref, reader, options.requestId);
      // Served another person's read: this person's own permission check first.
      if (!readByCaller && !gated) await reader.readFirstPages(ref);
      return this.servedFresh(got);
    };
    if (options.force) return fresh();
    const before = await this.d.store.get(key);
    if (!before) return fresh();
    // The gate, made as the person whatever the snapshot holds: ARM refuses
    // here whoever it would refuse on a full read.
    const gate = await reader.readFirstPages(ref);
    gated = true;
    // While listening, `before` came from this instance's cache with no
    // query: asked again after the gate (again no query), it takes any
    // notification that arrived meanwhile, such as another instance's
    // console change committed just before this request.
    const stored = this.d.store.listening ? await this.d.store.get(key) : before;
    if (!stored || !firstPagesMatch(contentsOf(stored), gate)) return fresh();
    return this.servedStored(stored, key, ref, reader, options.requestId);
  }

  /**
   * The progressive first load: the gate as the person first (no row leaves
   * before ARM has let this person list each type), then a warm snapshot at
   * once; or else the gate's first pages at once and each later page as it
   * arrives, read on from the gate's nextLinks (a cold read costs no more
   * ARM requests than a full read).
   */
  async stream(
    ref: RegistryPath,
    reader: RegistryReader,
    options: { force?: boolean; requestId: string },
    sink: StreamSink,
  ): Promise<ServedContents> {
    const key = registryKey(ref);
    const gate = await reader.readFirstPages(ref);
    const stored = await this.d.store.get(key);
    if (!options.force && stored && firstPagesMatch(contentsOf(stored), gate))
      return this.servedStored(stored, key, ref, reader, options.requestId);
    sink.start({
      registry: gate.registry,
      expected: stored ? countsOf(contentsOf(stored)) : null,
    });
    sink.page({ list: 'tokens', offset: 0, items: gate.tokens.items });
    sink.page({ list: 'scopeMaps', offset: 0, items: gate.scopeMaps.items });
    if (gate.connectedRegistries)
      sink.page({ list: 'connectedRegistries', offset: 0, items: gate.connectedRegistries.items });
    const { got } = await this.refresh(key, ref, reader, options.requestId, {
      gate,
      onPage: (page) => sink.page(page),
    });
    return this.servedFresh(got);
  }

  private servedFresh(got: StoredSnapshot | RegistryContents): ServedContents {
    return 'data' in got
      ? { ...contentsOf(got), readAt: got.readAt.getTime(), snapshot: null, tag: tagOf(got) }
      : { ...got, readAt: this.now(), snapshot: null, tag: null };
  }

  /** A stored snapshot the gate agreed with, with its age; past the window, a refresh starts. */
  private servedStored(
    stored: StoredSnapshot,
    key: string,
    ref: RegistryPath,
    reader: RegistryReader,
    requestId: string,
  ): ServedContents {
    const ageMs = Math.max(0, this.now() - stored.readAt.getTime());
    const refreshing = ageMs > this.freshnessMs;
    if (refreshing) this.refreshInBackground(key, ref, reader, requestId);
    return {
      ...contentsOf(stored),
      readAt: stored.readAt.getTime(),
      snapshot: { ageMs, refreshing },
      tag: tagOf(stored),
    };
  }

  /**
   * Takes what a successful console change read back, at once: every
   * instance's next read sees it (the row's version moves), with no refresh
   * and no "observed in Azure" record for it. Never throws: the change is
   * done; a snapshot that missed it is corrected by the next refresh.
   */
  async applyChange(ref: RegistryPath, change: SnapshotChange): Promise<void> {
    try {
      await this.d.store.update(registryKey(ref), (data) =>
        toJsonValue(applyToContents(data as unknown as RegistryContents, change), 'snapshot'),
      );
    } catch (error) {
      this.d.logger.error({ err: error }, 'registry snapshot could not take a console change');
    }
  }

  /** What the store and its cache did so far (tests, benchmarks). */
  stats(): SnapshotStoreStats {
    return this.d.store.stats();
  }

  /** What this instance's cache holds of a registry (tests look for secrets in it). */
  cached(ref: RegistryPath): StoredSnapshot | undefined {
    return this.d.store.cached(registryKey(ref));
  }

  /** Resolves when background refreshes started so far have ended (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  private refreshInBackground(
    key: string,
    ref: RegistryPath,
    reader: RegistryReader,
    requestId: string,
  ): void {
    const job = this.refresh(key, ref, reader, requestId)
      .then(() => undefined)
      .catch((error: unknown) =>
        this.d.logger.warn({ err: error, registry: key }, 'background snapshot refresh failed'),
      )
      .finally(() => this.background.delete(job));
    this.background.add(job);
  }

  /**
   * A full read under the registry's lock; one per registry in this process
   * (later callers share it) and, through the lock, across instances: a
   * caller that waited finds the snapshot another one stored after it asked
   * and takes that instead of reading again.
   */
  private async refresh(
    key: string,
    ref: RegistryPath,
    reader: RegistryReader,
    requestId: string,
    progressive?: { gate: RegistryFirstPages; onPage: (page: ListPage) => void },
  ): Promise<{ got: StoredSnapshot | RegistryContents; readByCaller: boolean }> {
    let flight = this.running.get(key);
    if (!flight) {
      const feed = new PageFeed();
      const readAll = () =>
        progressive
          ? reader.readRest(ref, progressive.gate, (page) => feed.push(page))
          : reader.readContents(ref);
      const done = (async () => {
        // What this caller knew before waiting: if another instance stores a
        // snapshot meanwhile, that read is at most one sweep old, and is taken.
        const seen = stamp(await this.d.store.get(key));
        return this.d.locks.withLock(
          `snapshot ${key}`,
          async () => {
            // Asked of storage itself, not the cache: another instance may have
            // stored its read a moment ago, its notification still on the way.
            const current = await this.d.store.get(key, { check: true });
            if (current && stamp(current) !== seen) return { got: current, reader: null };
            const readAt = this.now();
            const contents = await readAll();
            // Nothing changed: only the read time moves, and the tag stays (a poll gets 304).
            if (current && sameLists(current.data, contents)) {
              const touched = await this.d.store.touch(key, new Date(readAt), current.version);
              return { got: touched ?? contents, reader };
            }
            const stored = await this.d.store.put(
              key,
              toJsonValue(contents, 'snapshot'),
              new Date(readAt),
              current?.version ?? null,
            );
            // A console change landed during the read: it is kept, and this read
            // (which may predate it) is served to its caller but not stored.
            if (!stored) return { got: contents, reader };
            if (current) await this.recordObserved(current, contents, readAt, requestId);
            return { got: stored, reader };
          },
          { timeoutMs: REFRESH_LOCK_TIMEOUT_MS },
        );
      })().finally(() => this.running.delete(key));
      flight = { done, feed };
      this.running.set(key, flight);
    }
    const stop = progressive ? flight.feed.subscribe(progressive.onPage) : undefined;
    try {
      const { got, reader: by } = await flight.done;
      return { got, readByCaller: by === reader };
    } finally {
      stop?.();
    }
  }

  /** Changes the console did not make, with the window they happened in. */
  private async recordObserved(
    previous: StoredSnapshot,
    contents: RegistryContents,
    readAt: number,
    requestId: string,
  ): Promise<void> {
    const changes = diffContents(contentsOf(previous), contents);
    const window = {
      from: previous.readAt.toISOString(),
      to: new Date(this.now()).toISOString(),
      readAt: new Date(readAt).toISOString(),
    };
    for (const change of changes) {
      await this.d.audit.appendObserved({
        action: change.action,
        target: change.target,
        before: change.before as JsonValue,
        after: { value: change.after as JsonValue, window },
        requestId,
      });
    }
    if (changes.length > 0)
      this.d.logger.info(
        { registry: contents.registry.id, changes: changes.length },
        'changes observed in Azure',
      );
  }
}
