import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { readJsonFile, writeFileAtomic } from './atomic-file';

interface StoredEntry {
  payload: AdapterPayload;
  /** Epoch ms; absent = no expiry. */
  expiresAt?: number;
}

interface StoredFile {
  version: 1;
  entries: Record<string, StoredEntry>;
}

/**
 * All provider state (sessions, interactions, codes, grants, refresh tokens)
 * of every tenant in one small JSON file. Local Azure serves one developer or
 * one test run, so a whole-file rewrite is cheap; writes are coalesced per
 * tick and each one is atomic, so a crash leaves the previous state readable.
 */
export class FileStore {
  private readonly entries = new Map<string, StoredEntry>();
  private pendingWrite: NodeJS.Timeout | undefined;

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const saved = readJsonFile<StoredFile>(path);
    if (saved?.version === 1) {
      const now = Date.now();
      for (const [key, entry] of Object.entries(saved.entries)) {
        if (entry.expiresAt === undefined || entry.expiresAt > now) this.entries.set(key, entry);
      }
    }
  }

  get(key: string): StoredEntry | undefined {
    const entry = this.entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: StoredEntry): void {
    this.entries.set(key, entry);
    this.scheduleWrite();
  }

  delete(key: string): void {
    if (this.entries.delete(key)) this.scheduleWrite();
  }

  /** Keys with the given prefix whose live payload satisfies `match`. */
  findKeys(prefix: string, match: (payload: AdapterPayload) => boolean): string[] {
    const found: string[] = [];
    for (const key of this.entries.keys()) {
      if (!key.startsWith(prefix)) continue;
      const entry = this.get(key);
      if (entry && match(entry.payload)) found.push(key);
    }
    return found;
  }

  /** Writes pending changes now (on close, so a restart sees everything). */
  flush(): void {
    if (this.pendingWrite) {
      clearTimeout(this.pendingWrite);
      this.pendingWrite = undefined;
    }
    const now = Date.now();
    const entries: Record<string, StoredEntry> = {};
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt === undefined || entry.expiresAt > now) entries[key] = entry;
    }
    const file: StoredFile = { version: 1, entries };
    // Holds refresh tokens and sessions: owner-only.
    writeFileAtomic(this.path, JSON.stringify(file), 0o600);
  }

  private scheduleWrite(): void {
    if (this.pendingWrite) return;
    this.pendingWrite = setTimeout(() => {
      this.pendingWrite = undefined;
      try {
        this.flush();
      } catch (error) {
        // A failed background write must not crash the server; the next change retries.
        console.error(
          `local-azure idp: could not save provider state: ${(error as Error).message}`,
        );
      }
    }, 0);
  }
}

/** oidc-provider adapter for one model of one tenant, backed by the shared FileStore. */
export class FileAdapter implements Adapter {
  private readonly prefix: string;

  constructor(
    private readonly store: FileStore,
    namespace: string,
    model: string,
  ) {
    this.prefix = `${namespace}|${model}|`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : undefined;
    this.store.set(
      this.prefix + id,
      expiresAt === undefined ? { payload } : { payload, expiresAt },
    );
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.prefix + id)?.payload;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const [key] = this.store.findKeys(this.prefix, (payload) => payload.userCode === userCode);
    return key ? this.store.get(key)?.payload : undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const [key] = this.store.findKeys(this.prefix, (payload) => payload.uid === uid);
    return key ? this.store.get(key)?.payload : undefined;
  }

  async consume(id: string): Promise<void> {
    const entry = this.store.get(this.prefix + id);
    if (!entry) return;
    this.store.set(this.prefix + id, {
      ...entry,
      payload: { ...entry.payload, consumed: Math.floor(Date.now() / 1000) },
    });
  }

  async destroy(id: string): Promise<void> {
    this.store.delete(this.prefix + id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of this.store.findKeys(this.prefix, (payload) => payload.grantId === grantId)) {
      this.store.delete(key);
    }
  }
}
