import { rolesFromClaim } from '@latchkey/domain';
import {
  TokenCacheDecryptError,
  type SessionStore as StoredSessions,
  type TokenCache,
} from '../storage';
import type { SessionData, SessionStore, TokenCacheStore } from './ports';

/** Auth's view of the session table: console roles typed, times as epoch ms. */
export function sessionStore(stored: StoredSessions): SessionStore {
  return {
    async create(data: SessionData) {
      const { id } = await stored.create({
        userId: data.oid,
        tenantId: data.tenantId,
        name: data.name,
        username: data.username,
        roles: data.roles,
        homeAccountId: data.homeAccountId,
        loginAt: new Date(data.loginAt).toISOString(),
      });
      return id;
    },
    async get(id) {
      const record = await stored.get(id);
      if (!record) return undefined;
      const d = record.data;
      return {
        oid: d.userId,
        tenantId: d.tenantId,
        name: d.name,
        username: d.username,
        roles: rolesFromClaim(d.roles),
        homeAccountId: d.homeAccountId,
        loginAt: Date.parse(d.loginAt),
      };
    },
    async touch(id) {
      await stored.touch(id);
    },
    delete: (id) => stored.delete(id),
    deleteAllOf: (homeAccountId) => stored.deleteAllOf(homeAccountId),
  };
}

export function tokenCacheStore(cache: TokenCache): TokenCacheStore {
  return {
    async get(partition) {
      try {
        return (await cache.get(partition)) ?? undefined;
      } catch (error) {
        // Written under another key (instances configured with different keys, or
        // a rotated-out key): unusable, so the person signs in again.
        if (error instanceof TokenCacheDecryptError) return undefined;
        throw error;
      }
    },
    set: (partition, serialized) => cache.set(partition, serialized),
    delete: (partition) => cache.delete(partition),
  };
}
