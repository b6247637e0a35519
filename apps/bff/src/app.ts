import express, { type Request } from 'express';
import type { Logger } from 'pino';
import type { ArmSettings } from './arm/client';
import { RegistryReader } from './arm/reader';
import { cookieNames } from './auth/cookies';
import { SessionCredential } from './auth/credential';
import type { MsalFactory } from './auth/msal';
import type { SessionStore, TokenCacheStore } from './auth/ports';
import { authRoutes, meHandler } from './auth/routes';
import { loadSession, requireSession } from './auth/session';
import { RegistryWriter } from './arm/writer';
import { accessReviewRouter } from './features/access-review/router';
import { AccessReviewService } from './features/access-review/service';
import { OutcomeReconciler } from './features/audit/reconcile';
import { AuditRecorder } from './features/audit/recorder';
import { auditRouter } from './features/audit/router';
import { registriesRouter } from './features/registries/router';
import { connectedRegistryAdminRouter } from './features/connected-registries/router';
import { scopeMapAdminRouter } from './features/scope-maps/router';
import { ScopeMapAdminService } from './features/scope-maps/service';
import { tokenAdminRouter } from './features/tokens/router';
import { TokenAdminService } from './features/tokens/service';
import type { AuditLog, CredentialBudget, LockManager } from './storage';
import { RegistriesService } from './features/registries/service';
import { AppError } from './http/errors';
import { responseCompression } from './http/compression';
import { credentialBudgetRouter, credentialRoutes } from './http/credential-budget';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { requestContext } from './http/request-context';
import { csrfProtection, noStore, securityHeaders } from './http/security';
import { spaRouter } from './http/spa';

export interface AppDeps {
  logger: Logger;
  sessions: SessionStore;
  tokenCache: TokenCacheStore;
  msal: MsalFactory;
  arm: ArmSettings;
  encryptionKey: Buffer;
  /** The URL people use; when absent (local mode, tests) it is taken from the request's Host. */
  publicUrl?: string;
  /** Built SPA folder (apps/web/dist); absent in API-only tests. */
  webRoot?: string;
  audit: AuditLog;
  /** Per-resource locks shared by every BFF instance on the same database. */
  locks: LockManager;
  /**
   * The per-person budget every credential route (passwords, connection
   * strings) draws on, in storage so all instances share it.
   */
  credentialBudget: CredentialBudget;
  /** How old an "outcome unknown" change must be before a read settles it (default 10 min). */
  reconcileAfterMs?: number;
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
  const cookies = cookieNames(true);
  const publicUrl = (req: Request) => deps.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  app.use(requestContext(deps.logger));
  app.use(securityHeaders());
  // Compressed answers (brotli/gzip), except the credential routes' one-time secrets (BREACH).
  app.use(responseCompression(credentialRoutes.map((path) => `/api${path}`)));

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

  const api = express.Router();
  api.use(noStore);
  api.use(csrfProtection((req) => [new URL(publicUrl(req)).origin]));
  api.use(express.json({ limit: JSON_LIMIT, strict: true, type: 'application/json' }));
  api.use(loadSession(deps.sessions, cookies));

  const auth = authRoutes({
    msal: deps.msal,
    sessions: deps.sessions,
    tokenCache: deps.tokenCache,
    cookies,
    secureCookies: true,
    encryptionKey: deps.encryptionKey,
    publicUrl,
  });

  app.use('/auth', api, auth);
  app.get('/api/me', api, requireSession, meHandler);
  // Reads go through one service; its reconciler settles interrupted changes
  // of the registry read (features/audit/reconcile.ts).
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
    return new RegistriesService(new RegistryReader(deps.arm, credential), now, reconciler);
  };
  app.use('/api', api, registriesRouter(registries));
  app.use(
    '/api',
    api,
    accessReviewRouter((req) => new AccessReviewService(registries(req), now)),
  );
  app.use('/api', api, credentialBudgetRouter(deps.credentialBudget));
  app.use(
    '/api',
    api,
    tokenAdminRouter((req) => {
      if (!req.session) throw new AppError('unauthenticated', 'You are not signed in.');
      const { oid, name, username, homeAccountId } = req.session.data;
      const credential = new SessionCredential(deps.msal, homeAccountId);
      return new TokenAdminService({
        reader: new RegistryReader(deps.arm, credential),
        writer: new RegistryWriter(deps.arm, credential),
        audit: new AuditRecorder(deps.audit, req.log),
        actor: { oid, name, username },
        requestId: req.id,
        now,
      });
    }),
  );
  app.use(
    '/api',
    api,
    scopeMapAdminRouter((req) => {
      if (!req.session) throw new AppError('unauthenticated', 'You are not signed in.');
      const { oid, name, username, homeAccountId } = req.session.data;
      const credential = new SessionCredential(deps.msal, homeAccountId);
      return new ScopeMapAdminService({
        reader: new RegistryReader(deps.arm, credential),
        writer: new RegistryWriter(deps.arm, credential),
        audit: new AuditRecorder(deps.audit, req.log),
        locks: deps.locks,
        actor: { oid, name, username },
        requestId: req.id,
      });
    }),
  );
  app.use(
    '/api',
    api,
    connectedRegistryAdminRouter((req) => {
      if (!req.session) throw new AppError('unauthenticated', 'You are not signed in.');
      const { oid, name, username, homeAccountId } = req.session.data;
      return {
        arm: deps.arm,
        credential: new SessionCredential(deps.msal, homeAccountId),
        audit: new AuditRecorder(deps.audit, req.log),
        actor: { oid, name, username },
        requestId: req.id,
        now,
      };
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
