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
 * A cache plugin bound to one account's partition. msal-node keeps one cache
 * per application object; building a short-lived application per request with
 * this plugin gives each person their own cache, loaded from and saved to
 * storage (encrypted there), as the Microsoft samples for web apps do.
 */
class PartitionCachePlugin implements ICachePlugin {
  constructor(
    private readonly store: TokenCacheStore,
    private partition: string | undefined,
  ) {}

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!this.partition) return;
    const serialized = await this.store.get(this.partition);
    if (serialized) context.tokenCache.deserialize(serialized);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) return;
    const serialized = context.tokenCache.serialize();
    if (!this.partition) {
      // First sign-in: the partition is the account the code redemption added.
      const accounts = Object.values(
        (JSON.parse(serialized) as { Account?: Record<string, { home_account_id?: string }> })
          .Account ?? {},
      );
      const home = accounts[0]?.home_account_id;
      if (!home) return;
      this.partition = home;
    }
    await this.store.set(this.partition, serialized);
  }
}

export interface MsalFactory {
  /** An application whose cache is the given account's partition (none at sign-in). */
  forPartition(partition: string | undefined): ConfidentialClientApplication;
  config: EntraConfig;
  caPem: string | undefined;
}

export function createMsalFactory(options: {
  entra: EntraConfig;
  caPem: string | undefined;
  tokenCache: TokenCacheStore;
  logger: Logger;
}): MsalFactory {
  const { entra, caPem, tokenCache, logger } = options;
  const networkClient = caPem ? createNetworkClient(caPem) : undefined;
  const base = (): Configuration => ({
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
  });
  return {
    config: entra,
    caPem,
    forPartition(partition) {
      return new ConfidentialClientApplication({
        ...base(),
        cache: { cachePlugin: new PartitionCachePlugin(tokenCache, partition) },
      });
    },
  };
}
