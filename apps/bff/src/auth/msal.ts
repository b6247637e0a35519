import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ConfidentialClientApplication,
  LogLevel,
  type Configuration,
  type ICachePlugin,
  type TokenCacheContext,
} from '@azure/msal-node';
import type { Logger } from 'pino';
import type { EntraConfig } from '../config/config';
import { createNetworkClient } from './network-client';
import type { TokenCacheStore } from './ports';

/**
 * One msal application per process, so the authority's metadata is fetched
 * once (an application per call fetched it again every time, and a burst of
 * those fetches failed). Its in-memory cache holds the partitions of the
 * people with a request in flight; each person's tokens are stored apart, in
 * their own encrypted partition:
 *
 * - a partition is loaded from storage when a first request of that person
 *   starts in this process, and dropped from memory when the last one ends;
 * - whatever msal changes during a person's operation (a refresh) is saved to
 *   that person's partition only: the serialized cache is filtered to the
 *   entries of that account, so no one's tokens are ever written under
 *   another's key.
 */
export interface MsalClient {
  config: EntraConfig;
  caPem: string | undefined;
  /** The application, its authority metadata resolved (once per process). For sign-in. */
  app(): Promise<ConfidentialClientApplication>;
  /** Runs `fn` with the person's partition in memory; what msal changes meanwhile is saved to it. */
  withPartition<T>(
    partition: string,
    fn: (app: ConfidentialClientApplication) => Promise<T>,
  ): Promise<T>;
  /** After a code redemption: saves the new account's tokens to its partition. */
  saveSignIn(partition: string): Promise<void>;
  /** Sign-out: the partition is deleted from storage and dropped from memory. */
  forget(partition: string): Promise<void>;
}

type SerializedCache = Record<string, Record<string, { home_account_id?: string }> | undefined>;

/** The entries of one account (and the app metadata, which belongs to no account). */
export function partitionOf(serialized: string, partition: string): string {
  const cache = JSON.parse(serialized) as SerializedCache;
  const out: SerializedCache = {};
  for (const [section, entries] of Object.entries(cache)) {
    out[section] = Object.fromEntries(
      Object.entries(entries ?? {}).filter(([, entry]) =>
        section === 'AppMetadata' ? true : entry.home_account_id === partition,
      ),
    );
  }
  return JSON.stringify(out);
}

export function createMsalClient(options: {
  entra: EntraConfig;
  caPem: string | undefined;
  tokenCache: TokenCacheStore;
  logger: Logger;
}): MsalClient {
  const { entra, caPem, tokenCache, logger } = options;
  const networkClient = caPem ? createNetworkClient(caPem) : undefined;
  // Which person's operation is running: msal calls the plugin from inside it.
  const operation = new AsyncLocalStorage<string>();

  const save = async (partition: string) => {
    await tokenCache.set(partition, partitionOf(app.getTokenCache().serialize(), partition));
  };
  const plugin: ICachePlugin = {
    // Loading is done per partition by withPartition, not at every cache access.
    beforeCacheAccess: async () => {},
    afterCacheAccess: async (context: TokenCacheContext) => {
      const partition = operation.getStore();
      if (context.cacheHasChanged && partition) await save(partition);
    },
  };

  const configuration: Configuration = {
    auth: {
      clientId: entra.clientId,
      authority: entra.authority,
      ...(entra.knownAuthorities.length ? { knownAuthorities: entra.knownAuthorities } : {}),
      ...(entra.clientSecret ? { clientSecret: entra.clientSecret } : {}),
      ...(entra.clientCertificate
        ? {
            clientCertificate: {
              thumbprintSha256: entra.clientCertificate.thumbprint,
              privateKey: entra.clientCertificate.privateKey,
            },
          }
        : {}),
    },
    cache: { cachePlugin: plugin },
    system: {
      ...(networkClient ? { networkClient } : {}),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii) return;
          if (level === LogLevel.Error) logger.error({ msal: true }, message);
          else logger.debug({ msal: true }, message);
        },
      },
    },
  };
  const app = new ConfidentialClientApplication(configuration);

  // msal resolves the authority's endpoints on first use and keeps them; doing
  // it once up front means a burst of first requests makes one fetch, not one each.
  let resolved: Promise<void> | undefined;
  const ready = async () => {
    resolved ??= app
      .getAuthCodeUrl({ scopes: ['openid'], redirectUri: 'http://localhost/' })
      .then(() => undefined)
      .catch((error: unknown) => {
        resolved = undefined;
        throw error;
      });
    await resolved;
  };

  const drop = async (partition: string) => {
    const cache = app.getTokenCache();
    for (const account of await cache.getAllAccounts()) {
      if (account.homeAccountId === partition) await cache.removeAccount(account);
    }
  };
  const load = async (partition: string) => {
    const stored = await tokenCache.get(partition);
    if (stored) app.getTokenCache().deserialize(stored);
  };

  // Partitions in memory: how many operations use each, and when it was loaded.
  const resident = new Map<string, { users: number; loaded: Promise<void> }>();
  // A partition being dropped is loaded again only once the drop is done.
  const dropping = new Map<string, Promise<void>>();

  const scheduleDrop = (partition: string): Promise<void> => {
    const done: Promise<void> = drop(partition).finally(() => {
      if (dropping.get(partition) === done) dropping.delete(partition);
    });
    dropping.set(partition, done);
    return done;
  };
  const release = (partition: string) => {
    const entry = resident.get(partition);
    if (!entry || --entry.users > 0) return;
    resident.delete(partition);
    scheduleDrop(partition).catch((error: unknown) =>
      logger.warn({ err: error }, 'token cache partition not dropped from memory'),
    );
  };

  return {
    config: entra,
    caPem,
    async app() {
      await ready();
      return app;
    },
    async withPartition(partition, fn) {
      await ready();
      let entry = resident.get(partition);
      if (!entry) {
        const pending = dropping.get(partition) ?? Promise.resolve();
        entry = { users: 0, loaded: pending.then(() => load(partition)) };
        resident.set(partition, entry);
      }
      entry.users++;
      try {
        await entry.loaded;
        return await operation.run(partition, () => fn(app));
      } finally {
        release(partition);
      }
    },
    async saveSignIn(partition) {
      await save(partition);
      // Kept in memory only while someone of that person is using it.
      if (!resident.has(partition)) await scheduleDrop(partition);
    },
    async forget(partition) {
      await tokenCache.delete(partition);
      await drop(partition);
    },
  };
}
