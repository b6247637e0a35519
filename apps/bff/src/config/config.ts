import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from '../http/http-server';
import { DEFAULT_CACHE_LIMITS, type SnapshotCacheLimits } from '../storage/snapshot-cache';

/**
 * Configuration from the environment, validated once at start-up so a
 * mistake stops the BFF with a message naming the variable, not a stack
 * trace at the first request.
 */
const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const envSchema = z
  .object({
    LATCHKEY_MODE: z.enum(['local', 'azure']).default('local'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** The URL people open; the redirect URI is derived from it. */
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    DATA_DIR: z.string().optional(),
    DATABASE_URL: z.string().optional(),
    /** AES-256-GCM key for the token cache (and login transaction cookie). */
    LATCHKEY_ENCRYPTION_KEY: base64Key.optional(),
    // Entra
    AZURE_TENANT_ID: z.string().min(1).optional(),
    AZURE_CLIENT_ID: z.string().min(1).optional(),
    AZURE_CLIENT_SECRET: z.string().min(1).optional(),
    AZURE_CLIENT_CERTIFICATE_PATH: z.string().optional(),
    AZURE_CLIENT_CERTIFICATE_THUMBPRINT: z.string().optional(),
    /** Authority host, e.g. https://login.microsoftonline.com (default) or local Azure's identity provider. */
    AZURE_AUTHORITY_HOST: z.url().default('https://login.microsoftonline.com'),
    /** Set for a non-Microsoft authority (local Azure): host:port. */
    AZURE_KNOWN_AUTHORITY: z.string().optional(),
    /** ARM endpoint; local Azure's emulator in local mode. */
    ARM_ENDPOINT: z.url().default('https://management.azure.com'),
    /** PEM file of a CA to trust for ARM and Entra (local Azure's CA). */
    AZURE_CA_PATH: z.string().optional(),
    ARM_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    /** How old an "outcome unknown" change must be before a read settles it against ARM. */
    AUDIT_RECONCILE_AFTER_SECONDS: z.coerce.number().int().min(0).default(600),
    /** Age after which a registry snapshot is refreshed in the background while still served. */
    SNAPSHOT_FRESHNESS_SECONDS: z.coerce.number().int().min(0).default(30),
    /** The in-process snapshot cache: registries kept at most, and megabytes of snapshot JSON (0 keeps nothing). */
    SNAPSHOT_CACHE_MAX_REGISTRIES: z.coerce
      .number()
      .int()
      .min(1)
      .default(DEFAULT_CACHE_LIMITS.maxRegistries),
    SNAPSHOT_CACHE_MAX_MB: z.coerce
      .number()
      .int()
      .min(0)
      .default(DEFAULT_CACHE_LIMITS.maxBytes / (1024 * 1024)),
    /** How long a client may take to send its headers, its whole request, and how long an idle keep-alive connection lasts. */
    HTTP_HEADERS_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(DEFAULT_HTTP_TIMEOUTS.headersTimeoutMs),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(DEFAULT_HTTP_TIMEOUTS.requestTimeoutMs),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(DEFAULT_HTTP_TIMEOUTS.keepAliveTimeoutMs),
    /** Prometheus scrape endpoint (GET /metrics) on this port; none when unset. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Where the metrics endpoint listens (default: HOST). */
    METRICS_HOST: z.string().optional(),
    /** OTLP/HTTP collector (traces and metrics), the OpenTelemetry standard variable. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
    OTEL_SERVICE_NAME: z.string().min(1).default('latchkey-bff'),
    /** Seconds of inactivity before a session ends. */
    SESSION_IDLE_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .default(30 * 60),
    SESSION_ABSOLUTE_SECONDS: z.coerce
      .number()
      .int()
      .min(300)
      .default(8 * 3600),
  })
  .superRefine((env, ctx) => {
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HTTP_HEADERS_TIMEOUT_MS'],
        message: 'must not be more than HTTP_REQUEST_TIMEOUT_MS',
      });
    }
    if (env.LATCHKEY_MODE !== 'azure') return;
    for (const key of [
      'AZURE_TENANT_ID',
      'AZURE_CLIENT_ID',
      'PUBLIC_URL',
      'LATCHKEY_ENCRYPTION_KEY',
    ] as const) {
      if (!env[key])
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required in azure mode' });
    }
    if (!env.AZURE_CLIENT_SECRET && !env.AZURE_CLIENT_CERTIFICATE_PATH) {
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_CLIENT_SECRET'],
        message:
          'azure mode needs AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH (+ _THUMBPRINT)',
      });
    }
    if (env.AZURE_CLIENT_CERTIFICATE_PATH && !env.AZURE_CLIENT_CERTIFICATE_THUMBPRINT) {
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_CLIENT_CERTIFICATE_THUMBPRINT'],
        message: 'is required with AZURE_CLIENT_CERTIFICATE_PATH',
      });
    }
  });

export interface EntraConfig {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  clientCertificate?: { thumbprint: string; privateKey: string };
  authority: string; // `${host}/${tenantId}`
  knownAuthorities: string[];
}

export interface Config {
  mode: 'local' | 'azure';
  host: string;
  port: number;
  publicUrl: string | undefined;
  logLevel: string;
  dataDir: string;
  databaseUrl: string | undefined;
  encryptionKey: Buffer;
  entra: EntraConfig;
  armEndpoint: string;
  /** PEM of an extra CA to trust, for local Azure. */
  caPem: string | undefined;
  armTimeoutMs: number;
  auditReconcileAfterMs: number;
  snapshotFreshnessMs: number;
  /** Limits of the in-process snapshot cache (README, "Registry snapshots"). */
  snapshotCache: Required<SnapshotCacheLimits>;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  httpTimeouts: HttpTimeouts;
  telemetry: {
    serviceName: string;
    metricsPort: number | undefined;
    metricsHost: string;
    otlpEndpoint: string | undefined;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates configuration; `defaults` fill gaps (the local launcher uses it). */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  defaults: Record<string, string> = {},
): Config {
  const parsed = envSchema.safeParse({ ...defaults, ...stripEmpty(env) });
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'env'} ${i.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const dataDir = e.DATA_DIR ?? join(process.cwd(), '.data', 'bff');
  for (const key of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID'] as const) {
    if (!e[key]) problems.push(`${key} is required (pnpm start sets it in local mode)`);
  }
  // Started with nothing set (a fresh deployment): say what azure mode needs.
  if (problems.length && !env.LATCHKEY_MODE && !defaults.LATCHKEY_MODE) {
    problems.push(
      'LATCHKEY_MODE is not set: to run against Azure set LATCHKEY_MODE=azure, PUBLIC_URL, ' +
        'AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH ' +
        'and _THUMBPRINT) and LATCHKEY_ENCRYPTION_KEY (docs/operations.md)',
    );
  }
  let caPem: string | undefined;
  if (e.AZURE_CA_PATH) {
    try {
      caPem = readFileSync(e.AZURE_CA_PATH, 'utf8');
    } catch {
      problems.push(`AZURE_CA_PATH cannot be read: ${e.AZURE_CA_PATH}`);
    }
  }
  let clientCertificate: EntraConfig['clientCertificate'];
  if (e.AZURE_CLIENT_CERTIFICATE_PATH && e.AZURE_CLIENT_CERTIFICATE_THUMBPRINT) {
    try {
      clientCertificate = {
        thumbprint: e.AZURE_CLIENT_CERTIFICATE_THUMBPRINT,
        privateKey: readFileSync(e.AZURE_CLIENT_CERTIFICATE_PATH, 'utf8'),
      };
    } catch {
      problems.push(
        `AZURE_CLIENT_CERTIFICATE_PATH cannot be read: ${e.AZURE_CLIENT_CERTIFICATE_PATH}`,
      );
    }
  }
  if (problems.length) throw new ConfigError(problems);

  const encryptionKey = e.LATCHKEY_ENCRYPTION_KEY
    ? Buffer.from(e.LATCHKEY_ENCRYPTION_KEY, 'base64')
    : localKey(dataDir);
  const authorityHost = e.AZURE_AUTHORITY_HOST.replace(/\/+$/, '');
  const entra: EntraConfig = {
    tenantId: e.AZURE_TENANT_ID!,
    clientId: e.AZURE_CLIENT_ID!,
    authority: `${authorityHost}/${e.AZURE_TENANT_ID}`,
    knownAuthorities: e.AZURE_KNOWN_AUTHORITY ? [e.AZURE_KNOWN_AUTHORITY] : [],
  };
  if (e.AZURE_CLIENT_SECRET) entra.clientSecret = e.AZURE_CLIENT_SECRET;
  if (clientCertificate) entra.clientCertificate = clientCertificate;
  return {
    mode: e.LATCHKEY_MODE,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    encryptionKey,
    entra,
    armEndpoint: e.ARM_ENDPOINT.replace(/\/+$/, ''),
    caPem,
    armTimeoutMs: e.ARM_TIMEOUT_MS,
    auditReconcileAfterMs: e.AUDIT_RECONCILE_AFTER_SECONDS * 1000,
    snapshotFreshnessMs: e.SNAPSHOT_FRESHNESS_SECONDS * 1000,
    snapshotCache: {
      maxRegistries: e.SNAPSHOT_CACHE_MAX_REGISTRIES,
      maxBytes: e.SNAPSHOT_CACHE_MAX_MB * 1024 * 1024,
    },
    sessionIdleMs: e.SESSION_IDLE_SECONDS * 1000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_SECONDS * 1000,
    httpTimeouts: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    telemetry: {
      serviceName: e.OTEL_SERVICE_NAME,
      metricsPort: e.METRICS_PORT,
      metricsHost: e.METRICS_HOST ?? e.HOST,
      otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    },
  };
}

function stripEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((kv): kv is [string, string] => !!kv[1]));
}

/** Local mode only: a key generated once into the (git-ignored) data folder. */
function localKey(dataDir: string): Buffer {
  const path = join(dataDir, 'encryption.key');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600 });
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new ConfigError([`${path} does not hold a 32-byte base64 key`]);
  return key;
}
