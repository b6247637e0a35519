import express from 'express';
import type { Logger } from 'pino';
import type { ArmSettings } from './arm/client';
import { RegistryReader } from './arm/reader';
import { cookieNames } from './auth/cookies';
import { SessionCredential } from './auth/credential';
import type { MsalClient } from './auth/msal';
import type { SessionStore } from './auth/ports';
import { authRoutes, meHandler } from './auth/routes';
import { loadSession, requireSession } from './auth/session';
import { RegistryWriter } from './arm/writer';
import { accessReviewRouter } from './features/access-review/router';
import { AccessReviewService } from './features/access-review/service';
import { OutcomeReconciler } from './features/audit/reconcile';
import { AuditRecorder, OutcomeOutbox } from './features/audit/recorder';
import { auditRouter } from './features/audit/router';
import { registriesRouter } from './features/registries/router';
import { readRegistryPermissions } from './arm/permissions';
import { permissionsRouter } from './features/permissions/router';
import { PermissionsCache, PermissionsService } from './features/permissions/service';
import { connectedRegistryAdminRouter } from './features/connected-registries/router';
import { lastChangeFromAudit } from './features/registries/propagation';
import { scopeMapAdminRouter } from './features/scope-maps/router';
import { ScopeMapAdminService } from './features/scope-maps/service';
import { tokenAdminRouter } from './features/tokens/router';
import { bulkBase, bulkPasswordsRoute, bulkRouter } from './features/bulk/router';
import { BulkJobs, BulkTokensService } from './features/bulk/service';
import { TokenAdminService } from './features/tokens/service';
import {
  createSnapshotStore,
  type AuditLog,
  type SnapshotStoreOptions,
  type CredentialBudget,
  type Db,
  type LockManager,
} from './storage';
import {
  RegistrySnapshots,
  type ApplySnapshotChange,
  type SnapshotChange,
} from './features/registries/snapshots';
import { RegistriesService } from './features/registries/service';
import { OverviewBodies, type OVERVIEW_BODY_LIMITS } from './features/registries/overview-body';
import { AppError } from './http/errors';
import type { ConnectedRegistryView, RegistryPath } from '@latchkey/domain';
import { DEFAULT_EXPENSIVE_LIMIT, expensiveRequestLimit } from './http/concurrency-limit';
import { responseCompression } from './http/compression';
import {
  backgroundCredentialSpender,
  credentialRoutes,
  credentialSpender,
} from './http/credential-budget';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { requestContext } from './http/request-context';
import { csrfProtection, noStore, securityHeaders } from './http/security';
import { SingleFlight } from './http/single-flight';
import { spaRouter } from './http/spa';
import { httpTelemetry } from './http/telemetry';
import type { Meter, Tracer } from '@opentelemetry/api';
import { openApiDocument, type OpenApiDocument } from './openapi/document';

let document: OpenApiDocument | undefined;
/** Built on first request: it never changes while the process runs. */
const openApi = () => (document ??= openApiDocument());

export interface AppDeps {
  logger: Logger;
  sessions: SessionStore;
  msal: MsalClient;
  arm: ArmSettings;
  encryptionKey: Buffer;
  /**
   * The console's own origin (scheme, host, port): PUBLIC_URL, else the
   * address the BFF listens on. Read at request time because the port is
   * known only after listening. Never taken from a request's Host header:
   * the CSRF allow-list and the redirect URIs are built from it.
   */
  origin: () => string;
  /** Built SPA folder (apps/web/dist); absent in API-only tests. */
  webRoot?: string;
  audit: AuditLog;
  /** Per-resource locks shared by every BFF instance on the same database. */
  locks: LockManager;
  /** Audit outcomes storage refused, written when it is back (the sweep flushes it). */
  outbox?: OutcomeOutbox;
  /**
   * The per-person budget every credential route (passwords, connection
   * strings) draws on, in storage so all instances share it.
   */
  credentialBudget: CredentialBudget;
  /** How old an "outcome unknown" change must be before a read settles it (default 10 min). */
  reconcileAfterMs?: number;
  /**
   * The shared registry snapshots: their database, freshness window (default
   * 30 s), in-process cache limits, and the LISTEN by which this instance
   * learns of other instances' writes (Storage.listen; without it every read
   * checks the stored version).
   */
  snapshots: { db: Db; freshnessMs?: number; bodies?: typeof OVERVIEW_BODY_LIMITS } & Omit<
    SnapshotStoreOptions,
    'now' | 'log'
  >;
  /** Per person: expensive requests (sweeps, exports, report) at once; default DEFAULT_EXPENSIVE_LIMIT. */
  expensiveLimit?: { concurrent: number; retryAfterSeconds: number };
  /** Spans and metrics (telemetry/telemetry.ts); none when absent. */
  telemetry?: { tracer: Tracer; meter: Meter };
  /** Readiness probes: each throws when its dependency is not usable. */
  ready: { storage: () => Promise<void> };
  now?: () => number;
}

const JSON_LIMIT = '32kb';

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const now = deps.now ?? Date.now;
  const outbox = deps.outbox ?? new OutcomeOutbox(deps.audit, deps.logger);
  const cookies = cookieNames(true);

  app.use(requestContext(deps.logger));
  if (deps.telemetry) app.use(httpTelemetry(deps.telemetry));
  app.use(securityHeaders());
  // Compressed answers (brotli/gzip), except the credential routes' one-time secrets (BREACH).
  app.use(
    responseCompression([...credentialRoutes, bulkPasswordsRoute].map((path) => `/api${path}`)),
  );

  app.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const checks: Record<string, string> = {};
    await deps.ready.storage().then(
      () => (checks.storage = 'ok'),
      () => (checks.storage = 'unavailable'),
    );
    await fetchArmReachable(deps.arm).then(
      () => (checks.arm = 'ok'),
      () => (checks.arm = 'unreachable'),
    );
    const ok = Object.values(checks).every((v) => v === 'ok');
    if (!ok) req.log.warn({ checks }, 'not ready');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not-ready', checks });
  });

  // The API's description: no session, so automation can read it before signing in.
  app.get('/api/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json(openApi());
  });

  const api = express.Router();
  api.use(noStore);
  api.use(csrfProtection(() => [deps.origin()]));
  api.use(express.json({ limit: JSON_LIMIT, strict: true, type: 'application/json' }));
  api.use(loadSession(deps.sessions, cookies));

  const auth = authRoutes({
    msal: deps.msal,
    sessions: deps.sessions,
    cookies,
    secureCookies: true,
    encryptionKey: deps.encryptionKey,
    origin: deps.origin,
  });

  app.use('/auth', api, auth);
  app.get('/api/me', api, requireSession, meHandler);
  // Reads go through one service; its reconciler settles interrupted changes
  // of the registry read (features/audit/reconcile.ts). One person's
  // overlapping sweeps of one registry are one ARM sweep.
  const sweeps = new SingleFlight();
  const snapshots = new RegistrySnapshots({
    store: createSnapshotStore(deps.snapshots.db, { ...deps.snapshots, now, log: deps.logger }),
    locks: deps.locks,
    audit: deps.audit,
    logger: deps.logger,
    now,
    ...(deps.snapshots.freshnessMs !== undefined
      ? { freshnessMs: deps.snapshots.freshnessMs }
      : {}),
  });
  // Every change made through the console updates the snapshot from its read-back.
  const applySnapshotChange: ApplySnapshotChange = (ref, change) =>
    snapshots.applyChange(ref, change);
  app.locals.snapshots = snapshots;
  const overviewBodies = new OverviewBodies(deps.snapshots.bodies);
  app.locals.overviewBodies = overviewBodies;
  const registries = (req: express.Request) => {
    if (!req.session) throw new AppError('unauthenticated', 'You are not signed in.');
    const credential = new SessionCredential(deps.msal, req.session.data.homeAccountId);
    const reconciler = new OutcomeReconciler(
      deps.audit,
      req.log,
      req.session.data.username,
      now,
      deps.reconcileAfterMs,
    );
    const oid = req.session.data.oid;
    const reader = new RegistryReader(deps.arm, credential);
    return new RegistriesService(
      reader,
      now,
      reconciler,
      (key, work) => sweeps.run(`${oid} ${key}`, work),
      {
        read: (ref, force) => snapshots.read(ref, reader, { force, requestId: req.id }),
        stream: (ref, force, sink) =>
          snapshots.stream(ref, reader, { force, requestId: req.id }, sink),
        bodies: overviewBodies,
      },
      lastChangeFromAudit(deps.audit),
    );
  };
  // A bulk action names up to 5,000 tokens: its body may exceed the API's 32 KB.
  app.use(`/api${bulkBase}/tokens`, express.json({ limit: '512kb', strict: true }));
  app.use(
    '/api',
    api,
    expensiveRequestLimit(deps.expensiveLimit ?? DEFAULT_EXPENSIVE_LIMIT),
    registriesRouter(registries),
  );
  app.use(
    '/api',
    api,
    accessReviewRouter((req) => new AccessReviewService(registries(req), now)),
  );
  /**
   * What every admin change is made with: the signed-in person's ARM
   * credential, who they are for the audit log, and the shared locks.
   */
  const changeContext = (req: express.Request) => {
    if (!req.session) throw new AppError('unauthenticated', 'You are not signed in.');
    const { oid, name, username, homeAccountId } = req.session.data;
    return {
      credential: new SessionCredential(deps.msal, homeAccountId),
      audit: new AuditRecorder(deps.audit, req.log, outbox),
      locks: deps.locks,
      actor: { oid, name, username },
      requestId: req.id,
    };
  };
  const tokenAdmin = (
    req: express.Request,
    background?: {
      snapshot: (change: SnapshotChange) => void;
      connectedRegistries: (ref: RegistryPath) => Promise<ConnectedRegistryView[]>;
    },
  ) => {
    const { credential, ...context } = changeContext(req);
    return new TokenAdminService({
      reader: new RegistryReader(deps.arm, credential),
      writer: new RegistryWriter(deps.arm, credential),
      ...context,
      now,
      // A bulk action's items run after its request was answered.
      spendCredential: background
        ? backgroundCredentialSpender(deps.credentialBudget, context.actor.oid)
        : credentialSpender(deps.credentialBudget, req),
      snapshot: background
        ? async (_ref, change) => background.snapshot(change)
        : applySnapshotChange,
      ...(background ? { connectedRegistries: background.connectedRegistries } : {}),
    });
  };
  app.use(
    '/api',
    api,
    tokenAdminRouter((req) => tokenAdmin(req)),
  );
  const bulkJobs = new BulkJobs(now);
  app.use(
    '/api',
    api,
    bulkRouter((req) => {
      if (!req.session) throw new AppError('unauthenticated', 'You are not signed in.');
      const { oid, name, username } = req.session.data;
      return new BulkTokensService({
        jobs: bulkJobs,
        owner: oid,
        actor: { oid, name, username },
        requestId: req.id,
        now,
        audit: new AuditRecorder(deps.audit, req.log, outbox),
        overview: (ref) => registries(req).overview(ref),
        tokenService: (shared) => tokenAdmin(req, shared),
        readConnectedRegistries: (ref) =>
          new RegistryReader(
            deps.arm,
            new SessionCredential(deps.msal, req.session!.data.homeAccountId),
          ).listConnectedRegistries(ref),
        applySnapshot: applySnapshotChange,
        log: (fields, message) => req.log.info(fields, message),
        credentialLimit: {
          limit: deps.credentialBudget.limits.limit,
          window: `${Math.round(deps.credentialBudget.limits.windowMs / 60_000)} minutes`,
        },
      });
    }),
  );
  app.use(
    '/api',
    api,
    scopeMapAdminRouter((req) => {
      const { credential, ...context } = changeContext(req);
      return new ScopeMapAdminService({
        reader: new RegistryReader(deps.arm, credential),
        writer: new RegistryWriter(deps.arm, credential),
        ...context,
        snapshot: applySnapshotChange,
      });
    }),
  );
  app.use(
    '/api',
    api,
    connectedRegistryAdminRouter((req) => ({
      arm: deps.arm,
      ...changeContext(req),
      now,
      spendCredential: credentialSpender(deps.credentialBudget, req),
      snapshot: applySnapshotChange,
    })),
  );
  // What Azure will let each person change, read once per person and registry per minute.
  const permissionsCache = new PermissionsCache(now);
  app.use(
    '/api',
    api,
    permissionsRouter((req) => {
      if (!req.session) throw new AppError('unauthenticated', 'You are not signed in.');
      const { oid, homeAccountId } = req.session.data;
      const credential = new SessionCredential(deps.msal, homeAccountId);
      return new PermissionsService(permissionsCache, oid, (ref) =>
        readRegistryPermissions(deps.arm, credential, ref),
      );
    }),
  );
  app.use('/api', api, auditRouter(deps.audit));
  app.use('/api', notFoundHandler);
  app.use(spaRouter(deps.webRoot));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/** ARM answers an unauthenticated request with 401: that proves it is reachable, without a token. */
async function fetchArmReachable(arm: ArmSettings): Promise<void> {
  const { request } = await import('node:https');
  await new Promise<void>((resolve, reject) => {
    const req = request(
      `${arm.endpoint}/subscriptions?api-version=2022-12-01`,
      { method: 'GET', timeout: 3000, ...(arm.caPem ? { ca: arm.caPem } : {}) },
      (res) => {
        res.resume();
        if (res.statusCode && res.statusCode < 500) resolve();
        else reject(new Error(`ARM answered ${res.statusCode}`));
      },
    );
    req.on('timeout', () => req.destroy(new Error('ARM timeout')));
    req.on('error', reject);
    req.end();
  });
}
