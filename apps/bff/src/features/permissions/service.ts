import {
  registryCapabilities,
  registryId,
  unknownCapabilities,
  type ArmPermission,
  type RegistryCapabilities,
  type RegistryPath,
} from '@latchkey/domain';
import { AppError } from '../../http/errors';

export const PERMISSIONS_TTL_MS = 60_000;
/** A failed read is asked again sooner: it may have been a passing fault. */
export const PERMISSIONS_FAILURE_TTL_MS = 15_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  value: RegistryCapabilities;
  expires: number;
}

/**
 * Capabilities per person and registry, for a short time. The key always
 * holds the person's object id: one person's permissions are never served to
 * another. Overlapping reads of the same key share one ARM request.
 */
export class PermissionsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<RegistryCapabilities>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = PERMISSIONS_TTL_MS,
    private readonly failureTtlMs = PERMISSIONS_FAILURE_TTL_MS,
  ) {}

  async get(
    oid: string,
    ref: RegistryPath,
    read: () => Promise<ArmPermission[]>,
  ): Promise<RegistryCapabilities> {
    const id = registryId(ref);
    const key = `${oid.toLowerCase()} ${id.toLowerCase()}`;
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    const running = this.pending.get(key);
    if (running) return running;
    const work = this.load(id, ref, read).then((value) => {
      if (this.entries.size >= MAX_ENTRIES) this.evictOldest();
      this.entries.set(key, {
        value,
        expires: this.now() + (value.known ? this.ttlMs : this.failureTtlMs),
      });
      return value;
    });
    this.pending.set(key, work);
    try {
      return await work;
    } finally {
      this.pending.delete(key);
    }
  }

  private async load(
    id: string,
    ref: RegistryPath,
    read: () => Promise<ArmPermission[]>,
  ): Promise<RegistryCapabilities> {
    const readAt = new Date(this.now()).toISOString();
    try {
      const permissions = await read();
      return {
        registry: id,
        known: true,
        readAt,
        capabilities: registryCapabilities(permissions, ref.registryName),
      };
    } catch (error) {
      // The person must sign in again: say so rather than guess.
      if (
        error instanceof AppError &&
        (error.code === 'reauth_required' || error.code === 'unauthenticated')
      ) {
        throw error;
      }
      // Anything else (a role without Microsoft.Authorization/permissions/read,
      // a fault): nothing is disabled and Azure judges each change.
      const why = error instanceof AppError ? error.message : 'Azure did not answer as expected.';
      return {
        registry: id,
        known: false,
        unknownReason: `Your Azure permissions on ${ref.registryName} could not be read, so no action is disabled in advance; Azure still checks each change. ${why}`,
        readAt,
        capabilities: unknownCapabilities(),
      };
    }
  }

  private evictOldest(): void {
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.entries.delete(oldest.value);
  }
}

/** One person's view: what Azure will let them change on a registry. */
export class PermissionsService {
  constructor(
    private readonly cache: PermissionsCache,
    private readonly oid: string,
    private readonly read: (ref: RegistryPath) => Promise<ArmPermission[]>,
  ) {}

  capabilities(ref: RegistryPath): Promise<RegistryCapabilities> {
    return this.cache.get(this.oid, ref, () => this.read(ref));
  }
}
