import { randomUUID } from 'node:crypto';
import type {
  Account,
  Adapter,
  AdapterPayload,
  ClientMetadata,
  Configuration,
  KoaContextWithOIDC,
  Provider,
  ResourceServer,
} from 'oidc-provider';
import type { JWK } from 'jose';
import type {
  ScenarioClient,
  ScenarioData,
  ScenarioPersona,
  ScenarioTenant,
} from '../scenario/types';
import { FileAdapter, type FileStore } from './file-adapter';
import { loadOidcProvider } from './load-oidc-provider';
import { PAGE_CSP, renderErrorPage, renderLogoutPage, renderSignedOutPage } from './pages';
import { redirectUriMatches, toProviderMetadataUri } from './redirect-uris';
import { isArmResource, resourceFromScope, scopesFor, scpFromScope } from './resources';

/** Entra's v2 endpoint paths, relative to `/{tenant}`. */
export const ROUTES = {
  authorization: '/oauth2/v2.0/authorize',
  token: '/oauth2/v2.0/token',
  end_session: '/oauth2/v2.0/logout',
  jwks: '/discovery/v2.0/keys',
  userinfo: '/oidc/userinfo',
} as const;

/** Path of the sign-in (interaction) page, relative to `/{tenant}`. */
export const LOGIN_PATH = '/login/';

const HOUR = 3600;
const DAY = 24 * HOUR;

export interface TenantProviderContext {
  tenantId: string;
  scenario: () => ScenarioData;
  httpsOrigin: string;
  frontChannelOrigin: string;
  signingKeys: { keys: JWK[] };
  cookieKeys: string[];
  store: FileStore;
}

export function findTenant(scenario: ScenarioData, idOrDomain: string): ScenarioTenant | undefined {
  const wanted = idOrDomain.toLowerCase();
  return scenario.tenants.find(
    (t) => t.id.toLowerCase() === wanted || t.defaultDomain.toLowerCase() === wanted,
  );
}

export function findPersona(
  scenario: ScenarioData,
  tenantId: string,
  oid: string,
): ScenarioPersona | undefined {
  return scenario.personas.find((p) => p.oid === oid && p.tenantId === tenantId);
}

/**
 * Clients are looked up in every tenant of the scenario, as for a multi-tenant
 * app registration consented everywhere: a console configured for one tenant
 * of a two-tenant scenario still works, and personas sign in to their own.
 */
export function findClient(scenario: ScenarioData, clientId: string): ScenarioClient | undefined {
  return scenario.clients.find((c) => c.clientId === clientId);
}

function clientMetadata(client: ScenarioClient): ClientMetadata {
  // An app registration with no redirect URI (a daemon) can only use client
  // credentials; oidc-provider refuses a code-flow client without redirect URIs.
  if (client.redirectUris.length === 0) {
    return {
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: client.displayName,
      application_type: 'web',
      redirect_uris: [],
      grant_types: ['client_credentials'],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_post',
    };
  }
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: client.displayName,
    application_type: 'web',
    redirect_uris: [...new Set(client.redirectUris.map(toProviderMetadataUri))],
    post_logout_redirect_uris: [
      ...new Set(client.postLogoutRedirectUris.map(toProviderMetadataUri)),
    ],
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  };
}

/** The first path segment of the request as the caller spelled it (tenant id or domain): the mount path. */
function mountOf(ctx: KoaContextWithOIDC): string {
  const original = (ctx.req as { originalUrl?: string }).originalUrl ?? ctx.path;
  const segment = /^\/[^/?#]+/.exec(original)?.[0];
  return segment ?? '';
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Error codes msal and people recognise, for the token endpoint's errors. */
function entraErrorCode(error: string): number {
  switch (error) {
    case 'invalid_client':
      return 7000215;
    case 'invalid_grant':
      return 70000;
    case 'invalid_scope':
      return 70011;
    case 'invalid_target':
      return 500011;
    case 'unauthorized_client':
      return 700016;
    default:
      return 90014;
  }
}

function setPageHeaders(ctx: KoaContextWithOIDC): void {
  ctx.set('Content-Security-Policy', PAGE_CSP);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cache-Control', 'no-store');
}

/** One oidc-provider instance for one tenant, issuer `${httpsOrigin}/${tenantId}/v2.0`. */
export async function createTenantProvider(context: TenantProviderContext): Promise<Provider> {
  const { Provider: ProviderClass, errors, interactionPolicy } = await loadOidcProvider();
  const { tenantId, scenario, frontChannelOrigin } = context;
  const issuer = `${context.httpsOrigin}/${tenantId}/v2.0`;

  // The scenario can change under a running provider (a reset), so clients are
  // not given to the provider up front but read through the Client adapter.
  const clientAdapter: Adapter = {
    async find(id: string): Promise<AdapterPayload | undefined> {
      const client = findClient(scenario(), id);
      return client ? (clientMetadata(client) as AdapterPayload) : undefined;
    },
    async upsert() {},
    async findByUid() {
      return undefined;
    },
    async findByUserCode() {
      return undefined;
    },
    async consume() {},
    async destroy() {},
    async revokeByGrantId() {},
  };

  const policy = interactionPolicy.base();
  // Entra honours prompt=select_account (msal's `prompt` option); the sign-in page is the account picker.
  policy.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }), 0);

  const configuration: Configuration = {
    adapter: (name: string) =>
      name === 'Client' ? clientAdapter : new FileAdapter(context.store, tenantId, name),
    jwks: context.signingKeys as Configuration['jwks'],
    cookies: {
      keys: context.cookieKeys,
      // Per-tenant names: all tenants share one host, and a session of one must not displace another's.
      names: {
        session: `lk_session_${tenantId}`,
        interaction: `lk_interaction_${tenantId}`,
        resume: `lk_resume_${tenantId}`,
      },
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    routes: ROUTES,
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub', 'oid', 'tid', 'ver', 'roles'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    // Entra puts profile claims in the ID token even when an access token is issued too.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_post', 'client_secret_basic'],
    allowOmittingSingleRegisteredRedirectUri: false,
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // The confirmation page is rendered by the route middleware below (for
        // sessions with and without an account), so this only needs to exist.
        logoutSource: async () => {},
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          setPageHeaders(ctx);
          ctx.type = 'html';
          ctx.body = renderSignedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx: KoaContextWithOIDC, _client, oneOf?: readonly string[]) => {
          const params = ctx.oidc.params ?? {};
          if (oneOf && oneOf.length > 0) return oneOf[0] as string;
          return resourceFromScope(typeof params.scope === 'string' ? params.scope : undefined);
        },
        // Without this a code or refresh grant that includes `openid` yields an opaque userinfo token.
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource: string): Promise<ResourceServer> => {
          if (!isArmResource(resource)) {
            throw new errors.InvalidTarget(
              `AADSTS500011: The resource principal named ${resource} was not found in the tenant named ${tenantId}.`,
            );
          }
          return {
            scope: scopesFor(resource).join(' '),
            audience: resource,
            accessTokenFormat: 'jwt',
            accessTokenTTL: HOUR,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    findAccount: async (_ctx, sub: string): Promise<Account | undefined> => {
      const persona = findPersona(scenario(), tenantId, sub);
      if (!persona) return undefined;
      return {
        accountId: persona.oid,
        claims: async () => ({
          sub: persona.oid,
          oid: persona.oid,
          tid: tenantId,
          ver: '2.0',
          name: persona.name,
          preferred_username: persona.username,
          email: persona.username,
          ...(persona.consoleRoles.length > 0 ? { roles: [...persona.consoleRoles] } : {}),
        }),
      };
    },
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind === 'ClientCredentials') {
        const client = findClient(scenario(), token.clientId as string);
        if (!client) return undefined;
        return {
          tid: tenantId,
          oid: client.servicePrincipalId,
          idtyp: 'app',
          ver: '2.0',
          ...(client.appRoles.length > 0 ? { roles: [...client.appRoles] } : {}),
        };
      }
      const accountId = (token as { accountId?: string }).accountId;
      const persona = accountId ? findPersona(scenario(), tenantId, accountId) : undefined;
      if (!persona) return { tid: tenantId, ver: '2.0' };
      return {
        tid: tenantId,
        oid: persona.oid,
        ver: '2.0',
        name: persona.name,
        preferred_username: persona.username,
        upn: persona.username,
      };
    },
    formats: {
      customizers: {
        jwt: async (_ctx, token, jwt) => {
          // Entra's access tokens are typed JWT, not at+jwt (RFC 9068).
          // (header starts undefined; its fields override the provider's defaults.)
          jwt.header = { ...jwt.header, typ: 'JWT' };
          const payload = jwt.payload as Record<string, unknown>;
          payload.nbf = payload.iat;
          if (typeof payload.client_id === 'string') {
            payload.azp = payload.client_id;
            payload.appid = payload.client_id;
            delete payload.client_id;
          }
          const scope = typeof payload.scope === 'string' ? payload.scope : '';
          delete payload.scope;
          if (token.kind === 'ClientCredentials') {
            // App-only tokens carry roles, never scp; their subject is the service principal.
            if (typeof payload.oid === 'string') payload.sub = payload.oid;
          } else {
            const scp = scpFromScope(scope);
            if (scp) payload.scp = scp;
          }
        },
      },
    },
    // Entra issues refresh tokens whenever the client may use them, without prompt=consent.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: async () => false,
    // Rotation consumes the old token and revokes the whole grant if it is used
    // again, which concurrent refreshes would trigger. Entra does not do that.
    rotateRefreshToken: false,
    loadExistingGrant: async (ctx) => {
      // Auto-consent: every requested OIDC scope and resource scope is granted.
      const { oidc } = ctx;
      const accountId = oidc.session?.accountId;
      if (!accountId || !oidc.client) return undefined;
      const grantId =
        oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      if (grant && grant.accountId !== accountId) grant = undefined;
      grant ??= new oidc.provider.Grant({ accountId, clientId: oidc.client.clientId });
      const requested = [...oidc.requestParamScopes];
      const oidcScopes = [...oidc.requestParamOIDCScopes];
      if (oidcScopes.length > 0) grant.addOIDCScope(oidcScopes.join(' '));
      for (const [indicator, server] of Object.entries(oidc.resourceServers ?? {})) {
        const scopes = requested.filter((s) => server.scopes.has(s));
        if (scopes.length > 0) grant.addResourceScope(indicator, scopes.join(' '));
      }
      await grant.save();
      return grant;
    },
    interactions: {
      policy,
      url: async (ctx, interaction) => `${mountOf(ctx)}${LOGIN_PATH}${interaction.uid}`,
    },
    clientBasedCORS: () => false,
    renderError: async (ctx, out) => {
      setPageHeaders(ctx);
      ctx.type = 'html';
      ctx.body = renderErrorPage({
        error: String(out.error ?? 'server_error'),
        ...(out.error_description ? { description: String(out.error_description) } : {}),
      });
    },
    discovery: {
      // Entra's extra discovery members; msal ignores them but people compare documents.
      tenant_region_scope: null,
      cloud_instance_name: 'microsoftonline.com',
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      request_uri_parameter_supported: false,
    },
    ttl: {
      AccessToken: HOUR,
      ClientCredentials: HOUR,
      IdToken: HOUR,
      AuthorizationCode: 10 * 60,
      Interaction: HOUR,
      Session: 14 * DAY,
      Grant: 90 * DAY,
      RefreshToken: 90 * DAY,
    },
  };

  const provider = new ProviderClass(issuer, configuration);

  // Loopback `*` ports in registered redirect URIs (see redirect-uris.ts).
  const clientPrototype = provider.Client.prototype as {
    redirectUriAllowed(value: string): boolean;
    postLogoutRedirectUriAllowed(value: string): boolean;
    clientId: string;
  };
  clientPrototype.redirectUriAllowed = function redirectUriAllowed(
    this: { clientId: string },
    value: string,
  ) {
    const client = findClient(scenario(), this.clientId);
    return client ? redirectUriMatches(value, client.redirectUris) : false;
  };
  clientPrototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(
    this: { clientId: string },
    value: string,
  ) {
    const client = findClient(scenario(), this.clientId);
    return client ? redirectUriMatches(value, client.postLogoutRedirectUris) : false;
  };

  provider.use(async (ctx, next) => {
    await next();
    const oidc = (ctx as Partial<KoaContextWithOIDC>).oidc;
    const route = oidc?.route;
    if (!oidc || !route) return;

    if (route === 'discovery' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      // Browser-facing endpoints live on the plain-http loopback listener (no
      // certificate warning in a stock browser); the issuer, token and keys stay https.
      const body = ctx.body as Record<string, unknown>;
      for (const member of ['authorization_endpoint', 'end_session_endpoint']) {
        const value = body[member];
        if (typeof value === 'string') {
          const url = new URL(value);
          body[member] = `${frontChannelOrigin}${url.pathname}`;
        }
      }
      return;
    }

    if (route === 'token' && ctx.body && typeof ctx.body === 'object') {
      const body = ctx.body as Record<string, unknown>;
      if (ctx.status === 200) {
        const account = oidc.entities.Account;
        if (account) body.client_info = base64url({ uid: account.accountId, utid: tenantId });
        if (typeof body.expires_in === 'number') body.ext_expires_in = body.expires_in;
      } else if (ctx.status >= 400 && typeof body.error === 'string') {
        body.error_codes = [entraErrorCode(body.error)];
        body.timestamp = new Date()
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, 'Z');
        body.trace_id = randomUUID();
        body.correlation_id = randomUUID();
      }
      return;
    }

    // Both the logout confirmation and the provider's account-switch logout (a
    // resume whose chosen persona differs from the session's) would be pages
    // with an inline auto-submit script; this renders them without one.
    if ((route === 'end_session' || route === 'resume') && ctx.status === 200) {
      const secret = (oidc.session?.state as { secret?: string } | undefined)?.secret;
      if (!secret) return;
      const confirm = new URL(oidc.urlFor('end_session_confirm'));
      setPageHeaders(ctx as KoaContextWithOIDC);
      ctx.type = 'html';
      ctx.body = renderLogoutPage({
        action: `${frontChannelOrigin}${confirm.pathname}`,
        xsrf: secret,
        switching: route === 'resume',
      });
    }
  });

  return provider;
}
