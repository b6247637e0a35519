import type { Logger } from 'pino';
import type {
  ConnectedRegistryView,
  RegistryPath,
  ScopeMapView,
  TokenView,
  RegistrySummary,
} from '@latchkey/domain';
import type { ScopeMapRecord, TokenRecord } from '../../arm/mappers';
import type {
  FirstPage,
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
  type StoredSnapshot,
} from '../../storage';
import { canonicalJson } from '../../storage/canonical-json';
import { diffContents } from './snapshot-diff';

/** Default age after which a snapshot is refreshed in the background (seconds). */
export const DEFAULT_SNAPSHOT_FRESHNESS_MS = 30_000;
/** A full refresh of a large registry takes seconds; waiting for another's must not time out first. */
const REFRESH_LOCK_TIMEOUT_MS = 120_000;

/** What a read served: the lists, when they were read, and whether a refresh runs. */
export interface ServedContents extends RegistryContents {
  readAt: number;
  /** Null when read from ARM for this request (cold, forced or changed). */
  snapshot: { ageMs: number; refreshing: boolean } | null;
}

/** What a console change read back, for the snapshot to take at once. */
export interface SnapshotChange {
  /** The registry itself, when the change wrote it (e.g. enabling its data endpoint). */
  registry?: RegistrySummary;
  tokens?: TokenRecord[];
  scopeMaps?: ScopeMapRecord[];
  connectedRegistries?: ConnectedRegistryView[];
  deleted?: { tokens?: string[]; scopeMaps?: string[]; connectedRegistries?: string[] };
}

/**
 * What the admin services call after a successful change, with what they
 * read back (RegistrySnapshots.applyChange).
 */
export type ApplySnapshotChange = (ref: RegistryPath, change: SnapshotChange) => Promise<void>;

/** A token view as ARM lists it (without what the console derives). */
export function tokenRecordOf(view: TokenView): TokenRecord {
  const { kind: _kind, clientOf: _clientOf, ...record } = view;
  return record;
}

/** A scope map view as ARM lists it (without its users). */
export function scopeMapRecordOf(view: ScopeMapView): ScopeMapRecord {
  const { usedBy: _usedBy, ...record } = view;
  return record;
}

/** The lower-cased ARM id of a registry: the snapshot's key. */
export function registryKey(ref: RegistryPath): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${ref.registryName}`.toLowerCase();
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function upsert<T extends { name: string }>(list: T[], items: T[] = [], gone: string[] = []): T[] {
  const out = list.filter((x) => !gone.some((g) => same(g, x.name)));
  for (const item of items) {
    const at = out.findIndex((x) => same(x.name, item.name));
    if (at >= 0) out[at] = item;
    else out.push(item);
  }
  return out;
}

/** The snapshot with a console change applied: items replaced in place, new ones last (ARM's order). */
export function applyToContents(data: RegistryContents, change: SnapshotChange): RegistryContents {
  return {
    ...data,
    ...(change.registry ? { registry: change.registry } : {}),
    tokens: upsert(data.tokens, change.tokens, change.deleted?.tokens),
    scopeMaps: upsert(data.scopeMaps, change.scopeMaps, change.deleted?.scopeMaps),
    connectedRegistries: upsert(
      data.connectedRegistries,
      change.connectedRegistries,
      change.deleted?.connectedRegistries,
    ),
  };
}

const contentsOf = (s: StoredSnapshot) => s.data as unknown as RegistryContents;

const canon = (v: unknown) => canonicalJson(toJsonValue(v, 'snapshot'));

function pageMatches<T>(list: T[], page: FirstPage<T>): boolean {
  if (page.more ? list.length <= page.items.length : list.length !== page.items.length)
    return false;
  return canon(list.slice(0, page.items.length)) === canon(page.items);
}

/**
 * Whether the gate's first pages agree with the snapshot: the registry as it
 * is now, and each list's first page equal to the start of the stored list.
 * A change in a later page is not seen here; the freshness window catches it.
 */
export function firstPagesMatch(data: RegistryContents, gate: RegistryFirstPages): boolean {
  return (
    canon(data.registry) === canon(gate.registry) &&
    pageMatches(data.tokens, gate.tokens) &&
    pageMatches(data.scopeMaps, gate.scopeMaps) &&
    (gate.connectedRegistries === null
      ? data.connectedRegistries.length === 0
      : pageMatches(data.connectedRegistries, gate.connectedRegistries))
  );
}

/** A refresh: what it produced, and which person's reader made the ARM read. */
type Flight = Promise<{ got: StoredSnapshot | RegistryContents; reader: RegistryReader | null }>;

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
      return 'data' in got
        ? { ...contentsOf(got), readAt: got.readAt.getTime(), snapshot: null }
        : { ...got, readAt: this.now(), snapshot: null };
    };
    if (options.force) return fresh();
    const stored = await this.d.store.get(key);
    if (!stored) return fresh();
    // The gate, made as the person whatever the snapshot holds: ARM refuses
    // here whoever it would refuse on a full read.
    const gate = await reader.readFirstPages(ref);
    gated = true;
    if (!firstPagesMatch(contentsOf(stored), gate)) return fresh();
    const ageMs = Math.max(0, this.now() - stored.readAt.getTime());
    const refreshing = ageMs > this.freshnessMs;
    if (refreshing) this.refreshInBackground(key, ref, reader, options.requestId);
    return {
      ...contentsOf(stored),
      readAt: stored.readAt.getTime(),
      snapshot: { ageMs, refreshing },
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
  ): Promise<{ got: StoredSnapshot | RegistryContents; readByCaller: boolean }> {
    let flight = this.running.get(key);
    if (!flight) {
      flight = (async () => {
        // What this caller knew before waiting: if another instance stores a
        // snapshot meanwhile, that read is at most one sweep old, and is taken.
        const seen = (await this.d.store.get(key))?.version ?? null;
        return this.d.locks.withLock(
          `snapshot ${key}`,
          async () => {
            const current = await this.d.store.get(key);
            if (current && current.version !== seen) return { got: current, reader: null };
            const readAt = this.now();
            const contents = await reader.readContents(ref);
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
      this.running.set(key, flight);
    }
    const { got, reader: by } = await flight;
    return { got, readByCaller: by === reader };
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
