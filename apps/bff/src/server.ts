import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createApp } from './app';
import { createMsalClient } from './auth/msal';
import { loadConfig, ConfigError, type Config } from './config/config';
import { DEFAULT_CREDENTIAL_LIMIT } from './http/credential-budget';
import { createBffServer } from './http/http-server';
import { createLogger } from './http/logger';
import { sessionStore, tokenCacheStore } from './auth/stores';
import { markInterruptedChanges } from './features/audit/recorder';
import {
  createAuditLog,
  createCredentialBudget,
  createSessionStore,
  createStorage,
  createTokenCache,
  type Storage,
} from './storage';

export interface RunningBff {
  url: string;
  server: Server;
  storage: Storage;
  logger: Logger;
  close(): Promise<void>;
}

/** Builds every dependency from configuration and listens. Used by the CLI entry and the local launcher. */
export async function startBff(
  config: Config,
  options: { webRoot?: string; logger?: Logger } = {},
): Promise<RunningBff> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const storage = await createStorage(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'pglite', dataDir: join(config.dataDir, 'db') },
  );
  const sessions = sessionStore(
    createSessionStore(storage.db, {
      idleTimeoutMs: config.sessionIdleMs,
      absoluteTimeoutMs: config.sessionAbsoluteMs,
    }),
  );
  const tokenCache = tokenCacheStore(
    createTokenCache(storage.db, { current: { id: 'k1', key: config.encryptionKey } }),
  );
  const audit = createAuditLog(storage.db);
  // A change cut off by a crash (intent without outcome) is marked before serving.
  await markInterruptedChanges(audit, logger);
  const msal = createMsalClient({ entra: config.entra, caPem: config.caPem, tokenCache, logger });
  // PUBLIC_URL, else the address listened on (known once listening); never a request's Host.
  let origin = config.publicUrl ? new URL(config.publicUrl).origin : '';
  const app = createApp({
    logger,
    sessions,
    audit,
    locks: storage.locks,
    credentialBudget: createCredentialBudget(storage.db, DEFAULT_CREDENTIAL_LIMIT),
    reconcileAfterMs: config.auditReconcileAfterMs,
    snapshots: { db: storage.db, freshnessMs: config.snapshotFreshnessMs },
    msal,
    arm: { endpoint: config.armEndpoint, caPem: config.caPem, timeoutMs: config.armTimeoutMs },
    encryptionKey: config.encryptionKey,
    origin: () => origin,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ready: { storage: () => storage.ping() },
  });
  const server = createBffServer(app, config.httpTimeouts);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${listenHost(config.host)}:${port}`;
  origin ||= new URL(url).origin;
  return {
    url,
    server,
    storage,
    logger,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
    },
  };
}

/**
 * The host part of the console's URL in local mode: the address listened on,
 * or loopback when that is a wildcard (a browser cannot open 0.0.0.0).
 */
function listenHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const bff = await startBff(config, { webRoot: process.env.LATCHKEY_WEB_ROOT });
  bff.logger.info({ url: bff.url, mode: config.mode }, 'Latchkey BFF listening');
  const stop = () => void bff.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
