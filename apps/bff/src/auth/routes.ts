import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CryptoProvider } from '@azure/msal-node';
import { Router, type Request, type Response } from 'express';
import { rolesFromClaim, type Me } from '@latchkey/domain';
import { AppError } from '../http/errors';
import { clearCookie, readCookie, setCookie, type CookieNames } from './cookies';
import { ARM_DELEGATED_SCOPE } from './credential';
import type { MsalClient } from './msal';
import { createNetworkClient } from './network-client';
import type { SessionStore } from './ports';
import { safeReturnTo } from './return-to';
import { seal, unseal } from './seal';

interface LoginTransaction {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  expiresAt: number;
}

const LOGIN_TTL_MS = 10 * 60_000;
const LOGIN_PURPOSE = 'latchkey login transaction v1';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AuthRoutesDeps {
  msal: MsalClient;
  sessions: SessionStore;
  cookies: CookieNames;
  secureCookies: boolean;
  encryptionKey: Buffer;
  /** The console's origin (redirect URI = origin + /auth/callback); never from the request. */
  origin: () => string;
}

export function authRoutes(deps: AuthRoutesDeps): Router {
  const router = Router();
  const crypto = new CryptoProvider();
  let endSessionEndpoint: Promise<string | undefined> | undefined;

  const redirectUri = () => `${deps.origin()}/auth/callback`;

  async function discoverEndSession(): Promise<string | undefined> {
    const url = `${deps.msal.config.authority}/v2.0/.well-known/openid-configuration`;
    try {
      if (deps.msal.caPem) {
        const res = await createNetworkClient(deps.msal.caPem).sendGetRequestAsync<{
          end_session_endpoint?: string;
        }>(url);
        return res.body.end_session_endpoint;
      }
      const res = await fetch(url);
      return ((await res.json()) as { end_session_endpoint?: string }).end_session_endpoint;
    } catch {
      return undefined;
    }
  }

  router.get('/login', async (req, res, next) => {
    try {
      const { verifier, challenge } = await crypto.generatePkceCodes();
      const tx: LoginTransaction = {
        state: randomBytes(24).toString('base64url'),
        nonce: randomBytes(24).toString('base64url'),
        verifier,
        returnTo: safeReturnTo(req.query.returnTo, deps.origin()),
        expiresAt: Date.now() + LOGIN_TTL_MS,
      };
      const url = await (
        await deps.msal.app()
      ).getAuthCodeUrl({
        scopes: [ARM_DELEGATED_SCOPE],
        redirectUri: redirectUri(),
        state: tx.state,
        nonce: tx.nonce,
        codeChallenge: challenge,
        codeChallengeMethod: 'S256',
        responseMode: 'query',
      });
      setCookie(res, deps.cookies.login, seal(deps.encryptionKey, LOGIN_PURPOSE, tx), {
        secure: deps.secureCookies,
        sameSite: 'lax',
        maxAgeMs: LOGIN_TTL_MS,
      });
      res.redirect(302, url);
    } catch (error) {
      next(
        new AppError(
          'upstream_error',
          'Could not start sign-in with Microsoft Entra ID. Try again in a moment.',
          { cause: error },
        ),
      );
    }
  });

  router.get('/callback', async (req, res, next) => {
    const sealed = readCookie(req, deps.cookies.login);
    clearCookie(res, deps.cookies.login, deps.secureCookies);
    const tx = sealed
      ? unseal<LoginTransaction>(deps.encryptionKey, LOGIN_PURPOSE, sealed)
      : undefined;
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    if (!tx || tx.expiresAt < Date.now()) {
      return next(
        new AppError(
          'invalid_input',
          'This sign-in attempt expired or was started in another browser. Start again.',
          {
            details: [
              {
                field: 'state',
                rule: 'login-transaction',
                message: 'No sign-in in progress for this browser.',
              },
            ],
          },
        ),
      );
    }
    if (!sameSecret(state, tx.state)) {
      return next(
        new AppError(
          'invalid_input',
          'The sign-in response does not match the sign-in this browser started.',
          {
            details: [{ field: 'state', rule: 'state-mismatch', message: 'state does not match' }],
          },
        ),
      );
    }
    if (typeof req.query.error === 'string') {
      const description =
        typeof req.query.error_description === 'string'
          ? req.query.error_description.slice(0, 300)
          : '';
      return next(
        new AppError(
          'unauthenticated',
          `Sign-in was not completed: ${req.query.error}${description ? ` (${description})` : ''}.`,
        ),
      );
    }
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    if (!code) {
      return next(
        new AppError('invalid_input', 'The sign-in response has no authorization code.', {
          details: [{ field: 'code', rule: 'required', message: 'code is missing' }],
        }),
      );
    }
    try {
      const result = await (
        await deps.msal.app()
      ).acquireTokenByCode(
        {
          code,
          scopes: [ARM_DELEGATED_SCOPE],
          redirectUri: redirectUri(),
          codeVerifier: tx.verifier,
          state: tx.state,
          nonce: tx.nonce,
        },
        { code, state },
      );
      const claims = (result.idTokenClaims ?? {}) as Record<string, unknown>;
      if (claims.nonce !== tx.nonce || !result.account) {
        throw new AppError(
          'unauthenticated',
          'The sign-in response failed its replay check (nonce). Start again.',
        );
      }
      await deps.msal.saveSignIn(result.account.homeAccountId);
      // A fresh session id at every sign-in: a session id planted before login is worthless.
      const previous = readCookie(req, deps.cookies.session);
      if (previous) await deps.sessions.delete(previous);
      const id = await deps.sessions.create({
        oid: String(claims.oid ?? result.account.localAccountId),
        tenantId: String(claims.tid ?? result.account.tenantId),
        name: String(claims.name ?? result.account.name ?? result.account.username),
        username: String(claims.preferred_username ?? result.account.username),
        roles: rolesFromClaim(claims.roles),
        homeAccountId: result.account.homeAccountId,
        loginAt: Date.now(),
      });
      setCookie(res, deps.cookies.session, id, { secure: deps.secureCookies, sameSite: 'strict' });
      // A same-origin page hop, not a 302: the session cookie is SameSite=Strict,
      // so a redirect chain that began cross-site (at Entra) would not send it.
      res.status(200).type('html').send(continuePage(tx.returnTo));
    } catch (error) {
      if (error instanceof AppError) return next(error);
      next(
        new AppError(
          'unauthenticated',
          'Microsoft Entra ID did not accept the sign-in. Start again.',
          { cause: error },
        ),
      );
    }
  });

  router.post('/logout', async (req, res, next) => {
    try {
      // Sign out everywhere: every session of this person ends with their
      // Azure tokens (one cache partition per person), so no other session is
      // left signed in but unable to reach Azure.
      const id = readCookie(req, deps.cookies.session);
      if (id) {
        const data = await deps.sessions.get(id);
        await deps.sessions.delete(id);
        if (data) {
          await deps.sessions.deleteAllOf(data.homeAccountId);
          await deps.msal.forget(data.homeAccountId);
        }
      }
      clearCookie(res, deps.cookies.session, deps.secureCookies);
      res.setHeader('Clear-Site-Data', '"cookies", "storage"');
      endSessionEndpoint ??= discoverEndSession();
      const endpoint = await endSessionEndpoint;
      // The SPA's signed-out page: landing on / would start a new sign-in at once.
      const back = `${deps.origin()}/signed-out`;
      const redirectTo = endpoint
        ? `${endpoint}?${new URLSearchParams({ post_logout_redirect_uri: back, client_id: deps.msal.config.clientId })}`
        : back;
      res.json({ redirectTo });
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/** `/api/me`: who is signed in and with which console roles (empty roles = no access). */
export function meHandler(req: Request, res: Response) {
  if (!req.session) throw new AppError('unauthenticated', 'You are not signed in.');
  const { name, username, roles, tenantId } = req.session.data;
  const me: Me = { name, username, roles, tenantId };
  res.json(me);
}

/**
 * A tiny page that moves the browser on to where it was going. It has no
 * script (the CSP allows none inline): a meta refresh plus a link.
 */
function continuePage(returnTo: string): string {
  const href = returnTo.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Signed in — Latchkey</title></head><body><main><h1>Signed in</h1><p><a href="${href}">Continue to Latchkey</a></p></main></body></html>`;
}
