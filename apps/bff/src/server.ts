import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createApp } from './app';
import { createMsalFactory } from './auth/msal';
import { loadConfig, ConfigError, type Config } from './config/config';
import { DEFAULT_CREDENTIAL_LIMIT } from './http/credential-budget';
import { createLogger } from './http/logger';
import { sessionStore, tokenCacheStore } from './auth/stores';
import { markInterruptedChanges } from './features/audit/recorder';
import { startTelemetry } from './telemetry/telemetry';
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
  /** The Prometheus scrape URL, when METRICS_PORT is set. */
  metricsUrl: string | undefined;
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
  const msal = createMsalFactory({ entra: config.entra, caPem: config.caPem, tokenCache, logger });
  const telemetry = await startTelemetry({
    serviceName: config.telemetry.serviceName,
    metricsHost: config.telemetry.metricsHost,
    ...(config.telemetry.metricsPort !== undefined
      ? { metricsPort: config.telemetry.metricsPort }
      : {}),
    ...(config.telemetry.otlpEndpoint ? { otlpEndpoint: config.telemetry.otlpEndpoint } : {}),
  });
  const app = createApp({
    logger,
    sessions,
    tokenCache,
    audit,
    locks: storage.locks,
    credentialBudget: createCredentialBudget(storage.db, DEFAULT_CREDENTIAL_LIMIT),
    reconcileAfterMs: config.auditReconcileAfterMs,
    msal,
    arm: {
      endpoint: config.armEndpoint,
      caPem: config.caPem,
      timeoutMs: config.armTimeoutMs,
      telemetry,
    },
    telemetry,
    encryptionKey: config.encryptionKey,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ready: { storage: () => storage.ping() },
  });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = config.publicUrl ?? `http://${host}:${port}`;
  return {
    url,
    metricsUrl: telemetry.metricsUrl,
    server,
    storage,
    logger,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await telemetry.shutdown();
      await storage.close();
    },
  };
}

/** The production build puts the SPA in `public/` beside server.js (see the root `pnpm build`). */
function builtWebRoot(): string | undefined {
  const dir = join(import.meta.dirname, 'public');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const bff = await startBff(config, { webRoot: process.env.LATCHKEY_WEB_ROOT ?? builtWebRoot() });
  const address = bff.server.address();
  bff.logger.info(
    {
      url: bff.url,
      mode: config.mode,
      port: typeof address === 'object' ? address?.port : undefined,
      metrics: bff.metricsUrl,
    },
    'Latchkey BFF listening',
  );
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
