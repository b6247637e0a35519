/**
 * The BFF as production builds it (createApp with real msal-node, the real ARM
 * SDK, real storage on in-memory PGlite), pointed at a real local Azure on
 * ephemeral loopback ports. People sign in through the real login flow: the
 * BFF's /auth/login, the identity provider's sign-in page, the BFF's callback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startLocalAzure, type LocalAzure, type ScenarioName } from '@latchkey/local-azure';
import {
  authorizeWithPersona,
  clientCredentialToken,
  send as sendRaw,
} from '@latchkey/local-azure/test-helpers';
import {
  apiPaths,
  credentialResultSchema,
  csrfHeader,
  errorBodySchema,
  type RegistryPath,
} from '@latchkey/domain';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import type { RegistrySnapshots } from '../../src/features/registries/snapshots';
import { createMsalClient } from '../../src/auth/msal';
import type { TokenCacheStore } from '../../src/auth/ports';
import { OutcomeOutbox, startAuditSweep } from '../../src/features/audit/recorder';
import { sessionStore, tokenCacheStore } from '../../src/auth/stores';
import { DEFAULT_CREDENTIAL_LIMIT } from '../../src/http/credential-budget';
import {
  createBffServer,
  DEFAULT_HTTP_TIMEOUTS,
  type HttpTimeouts,
} from '../../src/http/http-server';
import { createLogger } from '../../src/http/logger';
import type { Telemetry } from '../../src/telemetry/telemetry';
import {
  createAuditLog,
  createCredentialBudget,
  createSessionStore,
  createStorage,
  createTokenCache,
  type AuditLog,
  type ListenOptions,
  type Storage,
  type StorageConfig,
} from '../../src/storage';
import type { SnapshotCacheLimits } from '../../src/storage/snapshot-cache';
import type { OVERVIEW_BODY_LIMITS } from '../../src/features/registries/overview-body';
import { randomBytes } from 'node:crypto';
import { checkAgainstOpenApi } from './openapi-validator';

export interface Harness {
  base: string;
  /** The Express app under test (the OpenAPI coverage test walks its routes). */
  app: Express;
  azure: LocalAzure;
  storage: Storage;
  audit: AuditLog;
  /** The encrypted token cache, decrypted (tests look at what each partition holds). */
  tokenCache: TokenCacheStore;
  /** The shared registry snapshots of this instance (await `settled()` for background refreshes). */
  snapshots: RegistrySnapshots;
  /** Every log line the BFF wrote. */
  logs: string[];
  /** Signs a persona in; returns the Cookie header value of their session. */
  signIn(personaName: string): Promise<string>;
  get(path: string, cookie?: string): Promise<Response>;
  post(
    path: string,
    options?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /** A same-origin state-changing request with the CSRF header, as the SPA sends it. */
  send(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /**
   * A raw HTTP request: the path is sent as written (fetch would resolve
   * `%2e%2e` and friends first) and any Host header may be given.
   */
  raw(
    method: string,
    path: string,
    headers?: Record<string, string>,
    body?: string,
  ): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export async function startHarness(
  options: {
    scenario?: ScenarioName;
    armTimeoutMs?: number;
    maxRetries?: number;
    /** Built SPA to serve (benchmarks use it); API-only when absent. */
    webRoot?: string;
    credentialLimit?: { limit: number; windowMs: number };
    /** Share another harness's local Azure (a second BFF instance); it is not closed here. */
    azure?: LocalAzure;
    /** Default: in-memory PGlite. */
    storage?: StorageConfig;
    /** BFF instances sharing a database must share the token-cache key. */
    encryptionKey?: Buffer;
    /** Age before a read settles an "outcome unknown" change; tests settle at once by default. */
    reconcileAfterMs?: number;
    /** Per-person cap of expensive requests at once (default: production's). */
    expensiveLimit?: { concurrent: number; retryAfterSeconds: number };
    /** Registry snapshot freshness window (default: production's 30 s). */
    snapshotFreshnessMs?: number;
    /**
     * How this instance learns of other instances' snapshot writes: LISTEN
     * (the default, as production; `wait` holds each attempt to listen again
     * after the connection dropped), or false for the version check on every read.
     */
    snapshotListen?: boolean | ListenOptions;
    /** The in-process snapshot cache's limits (default: production's). */
    snapshotCache?: SnapshotCacheLimits;
    /** How many serialized overviews the instance keeps (default: production's). */
    overviewBodies?: typeof OVERVIEW_BODY_LIMITS;
    /** The BFF's clock (default: Date.now); tests move it past the snapshot freshness window. */
    now?: () => number;
    /** The HTTP server's client timeouts (default: production's). */
    httpTimeouts?: HttpTimeouts;
    /** Run the periodic audit sweep (outbox flush, unknown marking); off by default. */
    sweep?: { everyMs: number; olderThanMs: number };
    /** Spans and metrics, as server.ts wires them (none by default). */
    telemetry?: Telemetry;
  } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bff-'));
  const azure =
    options.azure ??
    (await startLocalAzure({
      dataDir,
      scenario: options.scenario ?? 'demo',
      persist: false,
    }));
  azure.emulator.control.updateSettings({ lroRetryAfterSeconds: 0 });
  const storage = await createStorage(options.storage ?? { kind: 'pglite' });
  const logs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString('utf8'));
        done();
      },
    }) as never,
  });
  const scenario = azure.scenario();
  const tenant = scenario.tenants[0]!;
  const client = scenario.clients.find((c) =>
    c.redirectUris.some((u) => u.includes('/auth/callback')),
  )!;
  const encryptionKey = options.encryptionKey ?? randomBytes(32);
  const tokenCache = tokenCacheStore(
    createTokenCache(storage.db, { current: { id: 'test', key: encryptionKey } }),
  );
  const msal = createMsalClient({
    entra: {
      tenantId: tenant.id,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      authority: azure.identity.authority(tenant.id),
      knownAuthorities: [azure.identity.knownAuthority],
    },
    caPem: azure.caPem,
    tokenCache,
    logger,
  });
  const audit = createAuditLog(storage.db);
  // The address listened on, as startBff does in local mode (known once listening).
  let base = '';
  const outbox = new OutcomeOutbox(audit, logger);
  const stopSweep = options.sweep
    ? startAuditSweep({ log: audit, outbox, logger, ...options.sweep })
    : () => {};
  const app = createApp({
    origin: () => base,
    logger,
    audit,
    locks: storage.locks,
    outbox,
    credentialBudget: createCredentialBudget(
      storage.db,
      options.credentialLimit ?? DEFAULT_CREDENTIAL_LIMIT,
    ),
    reconcileAfterMs: options.reconcileAfterMs ?? 0,
    ...(options.now ? { now: options.now } : {}),
    snapshots: {
      db: storage.db,
      ...(options.snapshotListen !== false ? { listen: storage.listen } : {}),
      ...(typeof options.snapshotListen === 'object'
        ? { listenOptions: options.snapshotListen }
        : {}),
      ...(options.snapshotCache ? { cache: options.snapshotCache } : {}),
      ...(options.overviewBodies ? { bodies: options.overviewBodies } : {}),
      ...(options.snapshotFreshnessMs !== undefined
        ? { freshnessMs: options.snapshotFreshnessMs }
        : {}),
    },
    sessions: sessionStore(createSessionStore(storage.db)),
    msal,
    arm: {
      endpoint: azure.armEndpoint,
      caPem: azure.caPem,
      timeoutMs: options.armTimeoutMs ?? 10_000,
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      // Short exponential back-off for 5xx, so fault tests do not race the ARM budget.
      retryDelayInMs: 50,
      pollIntervalMs: 20,
      ...(options.telemetry ? { telemetry: options.telemetry } : {}),
    },
    ...(options.telemetry ? { telemetry: options.telemetry } : {}),
    encryptionKey,
    ready: { storage: () => storage.ping() },
    ...(options.expensiveLimit ? { expensiveLimit: options.expensiveLimit } : {}),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  });
  const server: Server = createBffServer(app, options.httpTimeouts ?? DEFAULT_HTTP_TIMEOUTS);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const cookiePair = (res: Response, name: string) => {
    const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
    return line?.split(';')[0];
  };

  /** fetch, with every answer checked against the OpenAPI description. */
  async function call(path: string | URL, init: RequestInit): Promise<Response> {
    const url = String(path).startsWith('http') ? String(path) : `${base}${String(path)}`;
    const res = await fetch(url, init);
    await checkAgainstOpenApi(init.method ?? 'GET', url, res);
    return res;
  }

  function send(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    {
      cookie,
      body,
      headers,
    }: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    return call(path, {
      method,
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        origin: base,
        'sec-fetch-site': 'same-origin',
        [csrfHeader]: '1',
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      ...(method === 'DELETE' && body === undefined ? {} : { body: JSON.stringify(body ?? {}) }),
    });
  }

  return {
    base,
    app,
    azure,
    storage,
    audit,
    snapshots: app.locals.snapshots as RegistrySnapshots,
    tokenCache,
    logs,
    async signIn(personaName) {
      const login = await call('/auth/login?returnTo=%2Ftokens', { redirect: 'manual' });
      if (login.status !== 302) throw new Error(`/auth/login answered ${login.status}`);
      const loginCookie = cookiePair(login, '__Host-latchkey-login');
      const outcome = await authorizeWithPersona({
        authUrl: login.headers.get('location')!,
        redirectUri: `${base}/auth/callback`,
        persona: { personaName },
        caPem: azure.caPem,
      });
      if (!outcome.redirect) throw new Error(`sign-in stopped: ${outcome.stoppedAt?.status}`);
      const callback = await call(outcome.redirect, {
        redirect: 'manual',
        headers: loginCookie ? { cookie: loginCookie } : {},
      });
      const session = cookiePair(callback, '__Host-latchkey-session');
      if (callback.status !== 200 || !session) {
        throw new Error(`callback answered ${callback.status}: ${await callback.text()}`);
      }
      return session;
    },
    get(path, cookie) {
      return call(path, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    },
    post(path, options = {}) {
      return send('POST', path, options);
    },
    send,
    raw(method, path, headers = {}, body) {
      const { port } = new URL(base);
      return new Promise((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: Number(port), method, path, headers },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                text: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    async close() {
      stopSweep();
      await (app.locals.snapshots as RegistrySnapshots).settled();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.azure) await azure.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo scenario's Premium registry, and its admin, reviewer and no-role personas signed in. */
export interface DemoSession {
  h: Harness;
  r: RegistryPath;
  admin: string;
  reviewer: string;
  noRole: string;
}

export async function startDemoHarness(
  options: Parameters<typeof startHarness>[0] = {},
): Promise<DemoSession> {
  const h = await startHarness(options);
  const reg = h.azure.scenario().registries.find((x) => x.name === 'contosoregistry')!;
  const r = {
    subscriptionId: reg.subscriptionId,
    resourceGroup: reg.resourceGroup,
    registryName: reg.name,
  };
  const [admin, reviewer, noRole] = await Promise.all([
    h.signIn('Avery Admin'),
    h.signIn('Riley Reviewer'),
    h.signIn('Nico NoRole'),
  ]);
  return { h, r, admin, reviewer, noRole };
}

/**
 * Sets a token's status straight at local Azure's ARM (as `az acr token update`
 * would, with the automation app's own credential), not through the console:
 * the console must notice on its next read.
 */
export async function setTokenStatusInAzure(
  h: Harness,
  r: RegistryPath,
  token: string,
  status: 'enabled' | 'disabled',
): Promise<void> {
  const res = await armRequest(h, r, 'PATCH', `tokens/${token}`, { properties: { status } });
  if (![200, 201, 202].includes(res.status)) {
    throw new Error(`PATCH token ${token} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  // A 201/202 is a long-running operation: wait until Azure reads it back.
  for (let i = 0; i < 100; i++) {
    const got = await armRequest(h, r, 'GET', `tokens/${token}`);
    const read = got.body as { properties?: { status?: string } };
    if (read.properties?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${token} did not become ${status} in Azure`);
}

/**
 * A request straight to local Azure's ARM under the registry (`tokens/x`,
 * `connectedRegistries`, …), with the automation app's own credential, not
 * through the console: what Azure holds, independently of the console's reads.
 */
export async function armRequest(
  h: Harness,
  r: RegistryPath,
  method: 'GET' | 'PATCH' | 'PUT' | 'DELETE',
  under: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const url =
    `${h.azure.armEndpoint}/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}` +
    `/providers/Microsoft.ContainerRegistry/registries/${r.registryName}` +
    `${under ? `/${under}` : ''}?api-version=2025-11-01`;
  return armFetch(h, method, url, body);
}

async function armFetch(
  h: Harness,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const app = h.azure.scenario().clients.find((c) => c.displayName === 'Latchkey automation')!;
  const { accessToken } = await clientCredentialToken({
    authority: h.azure.identity.authority(app.tenantId),
    knownAuthority: h.azure.identity.knownAuthority,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    caPem: h.azure.caPem,
  });
  const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  const res = await sendRaw(url, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    caPem: h.azure.caPem,
  });
  return { status: res.status, body: res.body ? (JSON.parse(res.body) as unknown) : undefined };
}

/** Every item of an ARM list under the registry, following nextLink. */
export async function armList<T = { name: string; properties: Record<string, unknown> }>(
  h: Harness,
  r: RegistryPath,
  kind: 'connectedRegistries' | 'tokens' | 'scopeMaps',
): Promise<T[]> {
  const out: T[] = [];
  let res = await armRequest(h, r, 'GET', kind);
  for (let i = 0; i < 1000; i++) {
    const page = res.body as { value: T[]; nextLink?: string | null };
    out.push(...page.value);
    if (!page.nextLink) return out;
    res = await armFetch(h, 'GET', page.nextLink);
  }
  throw new Error(`${kind}: more than 1000 pages`);
}

/**
 * Two BFF instances on one PostgreSQL database (each its own pools and lock
 * manager, as two processes would have) and one local Azure, with the admin
 * signed in on each (`cookies`). The first migrates the database.
 */
export async function startTwoInstances(
  options: Parameters<typeof startHarness>[0] & { storage: StorageConfig },
): Promise<{ a: Harness; b: Harness; r: RegistryPath; cookies: Map<Harness, string> }> {
  const encryptionKey = options.encryptionKey ?? randomBytes(32);
  const a = await startHarness({ ...options, encryptionKey });
  const b = await startHarness({ ...options, encryptionKey, azure: a.azure });
  const reg = a.azure.scenario().registries.find((x) => x.name === 'contosoregistry')!;
  const r = {
    subscriptionId: reg.subscriptionId,
    resourceGroup: reg.resourceGroup,
    registryName: reg.name,
  };
  const cookies = new Map<Harness, string>([
    [a, await a.signIn('Avery Admin')],
    [b, await b.signIn('Avery Admin')],
  ]);
  return { a, b, r, cookies };
}

/** The error body of a refused or failed call. */
export const errorOf = async (res: Response) => errorBodySchema.parse(await res.json()).error;

/**
 * Two audited changes for the audit-log tests: a password generated for
 * release-manager (returned, so tests can look for it where it must not be)
 * and the token disabled.
 */
export async function seedAuditedChanges({ h, r, admin }: DemoSession): Promise<string> {
  const gen = await h.post(apiPaths.tokenPasswords(r, 'release-manager'), {
    cookie: admin,
    body: { slot: 'password2' },
  });
  const secret = credentialResultSchema.parse(await gen.json()).credentials.passwords[0]!.value;
  await h.send('PATCH', apiPaths.tokenResource(r, 'release-manager'), {
    cookie: admin,
    body: { status: 'disabled' },
  });
  return secret;
}
