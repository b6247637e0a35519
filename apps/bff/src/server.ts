import { existsSync } from 'node:fs';
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
import { startTelemetry } from './telemetry/telemetry';
import {
  longestChangeMs,
  markInterruptedChanges,
  OutcomeOutbox,
  startAuditSweep,
  SWEEP_EVERY_MS,
} from './features/audit/recorder';
import {
  DataDirError,
  isStorageUnavailable,
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
  const storage = await openStorageOf(config);
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
  // Then every SWEEP_EVERY_MS: outcomes kept through a storage outage are
  // written, and changes cut off since (another instance crashed) are marked.
  const outbox = new OutcomeOutbox(audit, logger);
  const stopSweep = startAuditSweep({
    log: audit,
    outbox,
    logger,
    everyMs: SWEEP_EVERY_MS,
    olderThanMs: longestChangeMs(config.armTimeoutMs),
  });
  const msal = createMsalClient({ entra: config.entra, caPem: config.caPem, tokenCache, logger });
  // PUBLIC_URL, else the address listened on (known once listening); never a request's Host.
  let origin = config.publicUrl ? new URL(config.publicUrl).origin : '';
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
    audit,
    locks: storage.locks,
    outbox,
    credentialBudget: createCredentialBudget(storage.db, DEFAULT_CREDENTIAL_LIMIT),
    reconcileAfterMs: config.auditReconcileAfterMs,
    // The in-process snapshot cache, kept current by LISTEN/NOTIFY between instances.
    snapshots: {
      db: storage.db,
      freshnessMs: config.snapshotFreshnessMs,
      cache: config.snapshotCache,
      listen: storage.listen,
    },
    msal,
    arm: {
      endpoint: config.armEndpoint,
      caPem: config.caPem,
      timeoutMs: config.armTimeoutMs,
      telemetry,
    },
    telemetry,
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
    metricsUrl: telemetry.metricsUrl,
    server,
    storage,
    logger,
    async close() {
      stopSweep();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await telemetry.shutdown();
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

/**
 * The configured storage; a failure to open it stops start-up with a message
 * naming the variable and the cause (never the URL: it may hold a password).
 */
async function openStorageOf(config: Config): Promise<Storage> {
  try {
    return await createStorage(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl }
        : { kind: 'pglite', dataDir: join(config.dataDir, 'db') },
    );
  } catch (error) {
    if (error instanceof DataDirError) throw new ConfigError([`DATA_DIR: ${error.message}`]);
    if (config.databaseUrl && isStorageUnavailable(error)) {
      const code = (error as { code?: string }).code;
      throw new ConfigError([
        `DATABASE_URL: PostgreSQL cannot be reached${code ? ` (${code})` : ''}; check the host, port and that the server runs`,
      ]);
    }
    throw error;
  }
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
