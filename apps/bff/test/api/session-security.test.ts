import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, csrfHeader, errorBodySchema } from '@latchkey/domain';
import { startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function errorOf(res: Response) {
  return errorBodySchema.parse(await res.json()).error;
}

describe('sign-in', () => {
  it('starts with PKCE, state and nonce, and keeps the transaction in a short-lived Lax cookie', async () => {
    const res = await h.get('/auth/login?returnTo=%2Fregistries');
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location')!);
    expect(url.origin).toBe(h.azure.identity.frontChannelOrigin);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-latchkey-login='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=600/);
    // The sealed transaction does not show the verifier, state or nonce.
    const sealed = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!);
    expect(sealed).not.toContain(url.searchParams.get('state'));
  });

  it('sets a __Host- session cookie that is HttpOnly, Secure and SameSite=Strict', async () => {
    const login = await h.get('/auth/login');
    expect(login.status).toBe(302);
    const session = await h.signIn('Riley Reviewer');
    expect(session).toMatch(/^__Host-latchkey-session=[\w-]{30,}$/);
  });

  it('refuses a callback whose state does not match the browser that started the sign-in', async () => {
    const login = await h.get('/auth/login');
    const loginCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const res = await fetch(`${h.base}/auth/callback?code=abc&state=forged`, {
      headers: { cookie: loginCookie },
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.details?.[0]).toMatchObject({ field: 'state', rule: 'state-mismatch' });
    expect(
      res.headers
        .getSetCookie()
        .some(
          (c) => c.startsWith('__Host-latchkey-session=') && !/Expires=Thu, 01 Jan 1970/.test(c),
        ),
    ).toBe(false);
  });

  it('refuses a callback with no sign-in in progress', async () => {
    const res = await fetch(`${h.base}/auth/callback?code=abc&state=x`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/expired|another browser/);
  });

  it('issues a new session id at every sign-in', async () => {
    const first = await h.signIn('Avery Admin');
    const second = await h.signIn('Avery Admin');
    expect(second).not.toBe(first);
  });
});

describe('CSRF and content rules on state-changing requests', () => {
  it('refuses a cross-site POST, a POST without the custom header, and a non-JSON body', async () => {
    const cookie = await h.signIn('Avery Admin');
    const crossSite = await h.post(apiPaths.logout, {
      cookie,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect((await errorOf(crossSite)).code).toBe('csrf_rejected');

    const otherOrigin = await h.post(apiPaths.logout, {
      cookie,
      headers: { origin: 'https://evil.example', 'sec-fetch-site': '' },
    });
    expect(otherOrigin.status).toBe(403);

    const noHeader = await h.post(apiPaths.logout, { cookie, headers: { [csrfHeader]: '' } });
    expect(noHeader.status).toBe(403);
    expect((await errorOf(noHeader)).message).toContain(csrfHeader);

    const form = await fetch(`${h.base}${apiPaths.logout}`, {
      method: 'POST',
      headers: {
        cookie,
        origin: h.base,
        'sec-fetch-site': 'same-origin',
        [csrfHeader]: '1',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'a=b',
    });
    expect(form.status).toBe(415);

    // None of those ended the session.
    expect((await h.get(apiPaths.me, cookie)).status).toBe(200);
  });
});

describe('sign-out', () => {
  it('ends the session, drops the token cache partition, clears site data and goes through the end-session endpoint', async () => {
    const cookie = await h.signIn('Avery Admin');
    const cacheRows = async () =>
      Number(
        (await h.storage.db.query<{ n: string }>('SELECT count(*)::text AS n FROM token_cache'))
          .rows[0]!.n,
      );
    const before = await cacheRows();
    expect(before).toBeGreaterThan(0);
    const res = await h.post(apiPaths.logout, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('clear-site-data')).toContain('"cookies"');
    const { redirectTo } = (await res.json()) as { redirectTo: string };
    const end = new URL(redirectTo);
    expect(end.origin).toBe(h.azure.identity.frontChannelOrigin);
    expect(end.pathname).toMatch(/\/oauth2\/v2\.0\/logout$/);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${h.base}/signed-out`);
    expect((await h.get(apiPaths.me, cookie)).status).toBe(401);
    expect(await cacheRows()).toBe(before - 1);
  });
});

describe('when Entra needs the person back', () => {
  it('answers 401 with reauth: true once the token cache partition is gone', async () => {
    const cookie = await h.signIn('Avery Admin');
    await h.storage.db.query('DELETE FROM token_cache');
    const res = await h.get(apiPaths.registries, cookie);
    expect(res.status).toBe(401);
    const error = await errorOf(res);
    expect(error.code).toBe('reauth_required');
    expect(error.reauth).toBe(true);
  });
});

describe('bounded bodies', () => {
  it('refuses a body over 32 KB with 413 before any handler runs', async () => {
    const cookie = await h.signIn('Avery Admin');
    const res = await h.post(apiPaths.logout, { cookie, body: { pad: 'x'.repeat(64 * 1024) } });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
    expect((await h.get(apiPaths.me, cookie)).status).toBe(200);
  });
});

describe('headers, probes and secrets', () => {
  it('sends a strict CSP and no-store on API responses', async () => {
    const res = await h.get('/healthz');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('is ready when storage and ARM are reachable', async () => {
    const res = await h.get('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { storage: 'ok', arm: 'ok' } });
  });

  it('never writes a token, a session id, a cookie or a code to its logs or storage', async () => {
    const cookie = await h.signIn('Avery Admin');
    await h.get(apiPaths.registries, cookie);
    const sessionId = cookie.split('=')[1]!;
    const logs = h.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(sessionId);
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(logs).not.toMatch(/code=/);
    const sessions = await h.storage.db.query<Record<string, unknown>>('SELECT * FROM sessions');
    expect(JSON.stringify(sessions.rows)).not.toContain(sessionId);
    const cache = await h.storage.db.query<Record<string, unknown>>('SELECT * FROM token_cache');
    expect(JSON.stringify(cache.rows)).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});
