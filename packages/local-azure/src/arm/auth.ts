/**
 * Bearer-token verification and Azure RBAC, as ARM does them before a request
 * reaches the resource provider. Expiry is checked against real time (jose's
 * default), never the emulator clock: see clock.ts.
 */
import {
  createLocalJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { ArmError } from './errors';
import { lower, type ArmState, type RoleGrant } from './state';

export const ARM_AUDIENCES = [
  'https://management.azure.com',
  'https://management.azure.com/',
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
];

export interface Principal {
  oid: string;
  tenantId: string;
  issuer: string;
  /** How ARM names the caller in messages and systemData: UPN for people, app id for apps. */
  displayId: string;
  type: 'User' | 'Application';
}

export interface Verifier {
  jwks: () => JSONWebKeySet;
  issuers: () => string[];
}

function unauthorized(code: string, message: string, authorizationUri: string): ArmError {
  const description = message.replace(/"/g, "'");
  return new ArmError(401, code, message, {
    headers: {
      'www-authenticate': `Bearer authorization_uri="${authorizationUri}", error="invalid_token", error_description="${description}"`,
    },
  });
}

export class Authenticator {
  private cachedJwks: JSONWebKeySet | undefined;
  private keySet: ReturnType<typeof createLocalJWKSet> | undefined;

  constructor(
    private readonly verifier: Verifier,
    private readonly tenantIds: () => string[],
  ) {}

  /** Where a client should get a token: the identity provider's authority. */
  authorizationUri(tenantId?: string): string {
    const issuer = this.safeIssuers()[0];
    const origin = issuer ? new URL(issuer).origin : 'https://login.microsoftonline.com';
    return tenantId ? `${origin}/${tenantId}` : `${origin}/`;
  }

  private safeIssuers(): string[] {
    try {
      return this.verifier.issuers();
    } catch {
      return [];
    }
  }

  private keys(): ReturnType<typeof createLocalJWKSet> {
    const jwks = this.verifier.jwks();
    // Rebuild the key set only when the provider hands out a new JWKS object.
    if (jwks !== this.cachedJwks || !this.keySet) {
      this.cachedJwks = jwks;
      this.keySet = createLocalJWKSet(jwks);
    }
    return this.keySet;
  }

  async authenticate(header: string | undefined): Promise<Principal> {
    const uri = this.authorizationUri();
    if (!header) {
      throw unauthorized(
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
        uri,
      );
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match?.[1]) {
      throw unauthorized(
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is provided in an invalid format.",
        uri,
      );
    }
    const issuers = [
      ...this.safeIssuers(),
      ...this.tenantIds().map((tid) => `https://sts.windows.net/${tid}/`),
    ];
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], this.keys(), {
        issuer: issuers,
        audience: ARM_AUDIENCES,
        clockTolerance: 300,
      }));
    } catch (error) {
      throw this.translate(error, match[1], uri);
    }
    const oid = typeof payload.oid === 'string' ? payload.oid : undefined;
    const tid = typeof payload.tid === 'string' ? payload.tid : undefined;
    if (!oid || !tid) {
      throw unauthorized(
        'InvalidAuthenticationToken',
        'The access token is invalid: it has no oid or tid claim.',
        uri,
      );
    }
    const upn = [payload.upn, payload.preferred_username, payload.unique_name].find(
      (v): v is string => typeof v === 'string',
    );
    const appid = [payload.appid, payload.azp].find((v): v is string => typeof v === 'string');
    const isApp = payload.idtyp === 'app' || (!upn && typeof payload.scp !== 'string');
    return {
      oid,
      tenantId: tid,
      issuer: String(payload.iss),
      displayId: isApp ? (appid ?? oid) : (upn ?? oid),
      type: isApp ? 'Application' : 'User',
    };
  }

  private translate(error: unknown, token: string, uri: string): ArmError {
    if (error instanceof joseErrors.JWTExpired) {
      const exp =
        typeof error.payload.exp === 'number'
          ? new Date(error.payload.exp * 1000).toISOString()
          : '?';
      return unauthorized(
        'ExpiredAuthenticationToken',
        `The access token expiry UTC time '${exp}' is earlier than current UTC time '${new Date().toISOString()}'.`,
        uri,
      );
    }
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === 'aud') {
        const aud = JSON.stringify(error.payload.aud ?? '');
        return unauthorized(
          'InvalidAuthenticationToken',
          `The access token has been obtained for wrong audience or resource ${aud}. It should exactly match with one of the allowed audiences '${ARM_AUDIENCES.join("','")}'.`,
          uri,
        );
      }
      if (error.claim === 'iss') {
        return unauthorized(
          'InvalidAuthenticationToken',
          `The access token is from an untrusted issuer '${String(error.payload.iss)}'.`,
          uri,
        );
      }
      return unauthorized(
        'InvalidAuthenticationToken',
        `The access token is invalid: ${error.message}.`,
        uri,
      );
    }
    if (
      error instanceof joseErrors.JWSSignatureVerificationFailed ||
      error instanceof joseErrors.JWKSNoMatchingKey
    ) {
      return unauthorized(
        'InvalidAuthenticationToken',
        'The access token has invalid signature.',
        uri,
      );
    }
    void token;
    return unauthorized('InvalidAuthenticationToken', 'The access token is invalid.', uri);
  }

  /** A token of another tenant than the subscription's is refused as ARM does. */
  checkTenant(principal: Principal, subscriptionTenantId: string): void {
    if (lower(principal.tenantId) === lower(subscriptionTenantId)) return;
    const authority = this.authorizationUri(subscriptionTenantId);
    throw unauthorized(
      'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer '${principal.issuer}'. It must match the tenant 'https://sts.windows.net/${subscriptionTenantId}/' associated with this subscription. Please use the authority (URL) '${authority}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
      authority,
    );
  }
}

// ---------------------------------------------------------------------------
// RBAC

/** Whether an assignment at `grantScope` applies at `target` (both lower-cased, no trailing slash). */
export function covers(grantScope: string, target: string): boolean {
  return target === grantScope || target.startsWith(`${grantScope}/`);
}

/** Whether the grant covers the action: not one of its NotActions. */
const grants = (g: RoleGrant, action: string | undefined) =>
  !action || !g.notActions.includes(lower(action));

export function canRead(
  state: ArmState,
  principal: Principal,
  scope: string,
  action?: string,
): boolean {
  const target = lower(scope);
  return (state.grants.get(lower(principal.oid)) ?? []).some(
    (g) => covers(g.scope, target) && grants(g, action),
  );
}

export function canWrite(
  state: ArmState,
  principal: Principal,
  scope: string,
  action?: string,
): boolean {
  const target = lower(scope);
  return (state.grants.get(lower(principal.oid)) ?? []).some(
    (g) => g.role !== 'Reader' && covers(g.scope, target) && grants(g, action),
  );
}

/** Any assignment at or below the scope (how GET /subscriptions decides visibility). */
export function hasAnyAtOrBelow(state: ArmState, principal: Principal, scope: string): boolean {
  const target = lower(scope);
  return (state.grants.get(lower(principal.oid)) ?? []).some(
    (g) => covers(g.scope, target) || covers(target, g.scope),
  );
}

export function authorizationFailed(principal: Principal, action: string, scope: string): ArmError {
  return new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${principal.displayId}' with object id '${principal.oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

export function authorize(
  state: ArmState,
  principal: Principal,
  action: string,
  scope: string,
  write: boolean,
): void {
  const ok = write
    ? canWrite(state, principal, scope, action)
    : canRead(state, principal, scope, action);
  if (!ok) throw authorizationFailed(principal, action, scope);
}
