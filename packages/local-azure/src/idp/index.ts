import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import type { Provider } from 'oidc-provider';
import type { ScenarioData } from '../scenario/types';
import { FileStore } from './file-adapter';
import { readBody, rewriteRefreshRequest } from './refresh-request';
import { ensureIdpKeys } from './keys';
import {
  LOGOUT_SCRIPT,
  FAVICON,
  FAVICON_PATH,
  LOGOUT_SCRIPT_PATH,
  PAGE_CSP,
  STYLESHEET,
  STYLESHEET_PATH,
  renderErrorPage,
  renderSignInPage,
} from './pages';
import {
  LOGIN_PATH,
  ROUTES,
  createTenantProvider,
  findClient,
  findPersona,
  findTenant,
} from './tenant-provider';

export interface IdentityProviderOptions {
  /** Current scenario (personas, clients, tenants); re-read on each request, since a reset can change it. */
  scenario: () => ScenarioData;
  /** https origin (issuer base; discovery, token, keys). */
  httpsOrigin: string;
  /** plain-http loopback origin for authorize, the sign-in page and logout. */
  frontChannelOrigin: string;
  /** Folder for signing keys and provider state. */
  dataDir: string;
}

export interface IdentityProvider {
  httpsHandler: (req: IncomingMessage, res: ServerResponse) => void;
  frontChannelHandler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Public signing keys, as served at /{tenant}/discovery/v2.0/keys. */
  jwks: JSONWebKeySet;
  /** Every issuer this provider signs as (`${httpsOrigin}/${tenantId}/v2.0`). */
  issuers: string[];
  close(): Promise<void>;
}

type Channel = 'https' | 'front';

const STATE_FILE = 'provider-state.json';
/** The path segment of the ADFS-shaped authority. */
export const ADFS_SEGMENT = 'adfs';
const MAX_FORM_BYTES = 8 * 1024;

/** Browser-facing provider paths (relative to the tenant): the only ones the plain-http listener serves. */
function isFrontChannelPath(rest: string): boolean {
  return (
    rest === ROUTES.authorization ||
    rest.startsWith(`${ROUTES.authorization}/`) ||
    rest === ROUTES.end_session ||
    rest.startsWith(`${ROUTES.end_session}/`)
  );
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': PAGE_CSP,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  });
  res.end(html);
}

/** The shape of Entra's JSON errors (AADSTS codes, trace and correlation ids). */
function entraError(
  res: ServerResponse,
  status: number,
  error: string,
  code: number,
  description: string,
): void {
  const now = new Date();
  sendJson(res, status, {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${now.toISOString()}`,
    error_codes: [code],
    timestamp: now
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z'),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString('utf8'));
}

/**
 * An identity provider shaped like Microsoft Entra ID's v2 endpoints, one
 * oidc-provider instance (issuer) per scenario tenant, all signing with one
 * persisted RS256 key set. See docs in the local Entra notes for why each
 * setting is there.
 */
export async function createIdentityProvider(
  options: IdentityProviderOptions,
): Promise<IdentityProvider> {
  const keys = await ensureIdpKeys(options.dataDir);
  const store = new FileStore(join(options.dataDir, STATE_FILE));
  const providers = new Map<string, Promise<Provider>>();
  const callbacks = new WeakMap<Provider, (req: IncomingMessage, res: ServerResponse) => void>();

  function providerFor(tenantId: string): Promise<Provider> {
    let provider = providers.get(tenantId);
    if (!provider) {
      provider = createTenantProvider({
        tenantId,
        scenario: options.scenario,
        httpsOrigin: options.httpsOrigin,
        frontChannelOrigin: options.frontChannelOrigin,
        signingKeys: keys.signing,
        cookieKeys: keys.cookieKeys,
        store,
      });
      providers.set(tenantId, provider);
      provider.catch(() => providers.delete(tenantId));
    }
    return provider;
  }

  async function handleLogin(
    provider: Provider,
    tenantId: string,
    mount: string,
    rest: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const [uid, action] = rest.slice(LOGIN_PATH.length).split('/');
    if (!uid || (action !== undefined && action !== 'abort')) {
      sendHtml(
        res,
        404,
        renderErrorPage({ error: 'not_found', description: 'No such sign-in page.' }),
      );
      return;
    }
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      sendHtml(
        res,
        400,
        renderErrorPage({
          error: 'invalid_request',
          description:
            'This sign-in request has expired or was already completed. Start again from the application.',
        }),
      );
      return;
    }
    if (details.uid !== uid) {
      sendHtml(
        res,
        400,
        renderErrorPage({ error: 'invalid_request', description: 'Sign-in request mismatch.' }),
      );
      return;
    }
    const scenario = options.scenario();

    // Consent is automatic (loadExistingGrant); an explicit prompt=consent still lands here, so grant and continue.
    if (details.prompt.name === 'consent') {
      const accountId = details.session?.accountId;
      const clientId = String(details.params.client_id ?? '');
      if (!accountId) throw new Error('consent without a session');
      const grant = details.grantId
        ? ((await provider.Grant.find(details.grantId)) ??
          new provider.Grant({ accountId, clientId }))
        : new provider.Grant({ accountId, clientId });
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }

    const personas = scenario.personas.filter((p) => p.tenantId === tenantId);
    const renderPage = (status: number) => {
      const tenant = scenario.tenants.find((t) => t.id === tenantId);
      const client = findClient(scenario, String(details.params.client_id ?? ''));
      sendHtml(
        res,
        status,
        renderSignInPage({
          tenantName: tenant?.displayName ?? tenantId,
          clientName: client?.displayName,
          personas,
          action: `${mount}${LOGIN_PATH}${uid}`,
          abortAction: `${mount}${LOGIN_PATH}${uid}/abort`,
        }),
      );
    };

    if (req.method === 'GET' && action === undefined) {
      renderPage(200);
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: action === undefined ? 'GET, POST' : 'POST' }).end();
      return;
    }
    if (action === 'abort') {
      await provider.interactionFinished(
        req,
        res,
        {
          error: 'access_denied',
          error_description: 'AADSTS50126: The user canceled the sign-in.',
        },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch {
      sendHtml(
        res,
        413,
        renderErrorPage({ error: 'invalid_request', description: 'The form was too large.' }),
      );
      return;
    }
    const persona = findPersona(scenario, tenantId, form.get('oid') ?? '');
    if (!persona) {
      renderPage(400);
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { select_account: {}, login: { accountId: persona.oid, amr: ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
  }

  async function dispatch(
    channel: Channel,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;

    if (path === STYLESHEET_PATH || path === LOGOUT_SCRIPT_PATH) {
      res.writeHead(200, {
        'Content-Type':
          path === STYLESHEET_PATH ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=3600',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(path === STYLESHEET_PATH ? STYLESHEET : LOGOUT_SCRIPT);
      return;
    }

    if (path === FAVICON_PATH) {
      res.writeHead(200, {
        'Content-Type': 'image/svg+xml',
        'Cache-Control': 'public, max-age=86400',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(FAVICON);
      return;
    }
    // Browsers ask for /favicon.ico on their own (a tab opened on a JSON
    // endpoint, say): "nothing here", not a tenant lookup answering 400.
    if (path === '/favicon.ico') {
      res.writeHead(204, { 'Cache-Control': 'public, max-age=86400' });
      res.end();
      return;
    }

    const match = /^\/([^/]+)(\/.*)?$/.exec(path);
    if (!match) {
      sendJson(res, 404, {
        error: 'not_found',
        error_description: 'Use /{tenant}/v2.0/.well-known/openid-configuration.',
      });
      return;
    }
    const segment = match[1] as string;
    const rest = match[2] ?? '/';
    let tenantName: string;
    try {
      tenantName = decodeURIComponent(segment);
    } catch {
      tenantName = segment;
    }
    // An ADFS-shaped authority (`/adfs`) serves the scenario's first tenant:
    // MSAL Python skips the public cloud's instance discovery only for
    // authorities whose path is /adfs, so this is how the az CLI signs in.
    const scenarioNow = options.scenario();
    const tenant =
      tenantName.toLowerCase() === ADFS_SEGMENT
        ? scenarioNow.tenants[0]
        : findTenant(scenarioNow, tenantName);
    if (!tenant) {
      entraError(
        res,
        400,
        'invalid_tenant',
        90002,
        `Tenant '${tenantName}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
      return;
    }
    const provider = await providerFor(tenant.id);
    const mount = `/${segment}`;

    if (rest.startsWith(LOGIN_PATH)) {
      await handleLogin(provider, tenant.id, mount, rest, req, res);
      return;
    }
    if (channel === 'front' && !isFrontChannelPath(rest)) {
      sendJson(res, 404, {
        error: 'not_found',
        error_description: 'This endpoint is served over https only.',
      });
      return;
    }

    // oidc-provider derives its mount path from originalUrl minus url, so both
    // are rewritten; discovery moves from Entra's /v2.0/ spot to the provider's.
    const providerPath =
      rest === '/v2.0/.well-known/openid-configuration'
        ? '/.well-known/openid-configuration'
        : rest;
    const withQuery = `${providerPath}${url.search}`;
    if (rest === ROUTES.token) {
      try {
        req = await rewriteRefreshRequest(req, async (value) => {
          const token = await provider.RefreshToken.find(value, { ignoreExpiration: true });
          return token?.scope;
        });
      } catch {
        sendJson(res, 413, {
          error: 'invalid_request',
          error_description: 'The request body is too large.',
        });
        return;
      }
    }
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = `${mount}${withQuery}`;
    req.url = withQuery;
    let callback = callbacks.get(provider);
    if (!callback) {
      callback = provider.callback();
      callbacks.set(provider, callback);
    }
    callback(req, res);
  }

  function handlerFor(channel: Channel) {
    return (req: IncomingMessage, res: ServerResponse) => {
      dispatch(channel, req, res).catch((error: unknown) => {
        // Never log request bodies or tokens: only what failed.
        console.error(
          `local-azure idp: ${req.method} ${new URL(req.url ?? '/', 'http://localhost').pathname} failed:`,
          error instanceof Error ? error.message : error,
        );
        if (!res.headersSent)
          sendJson(res, 500, {
            error: 'server_error',
            error_description: 'Local identity provider error.',
          });
        else res.end();
      });
    };
  }

  return {
    httpsHandler: handlerFor('https'),
    frontChannelHandler: handlerFor('front'),
    jwks: keys.publicJwks,
    get issuers() {
      return options.scenario().tenants.map((t) => `${options.httpsOrigin}/${t.id}/v2.0`);
    },
    async close() {
      store.flush();
    },
  };
}
