import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type JSONWebKeySet,
} from 'jose';
import type { ConfidentialClientApplication } from '@azure/msal-node';
import { ensureLocalTls } from '../tls/ca';
import { closeServer, listenLoopback } from '../tls/loopback';
import type { ScenarioData } from '../scenario/types';
import { createIdentityProvider, type IdentityProvider } from './index';
import {
  ARM_DEFAULT_SCOPE,
  ARM_USER_SCOPE,
  CookieJar,
  authorizeWithPersona,
  clientCredentialToken,
  confidentialClient,
  parsePersonaForms,
  send,
  signInWithPersona,
} from '../../test/helpers/msal';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const ADMIN = 'a0000000-0000-4000-8000-00000000000a';
const REVIEWER = 'a0000000-0000-4000-8000-00000000000b';
const NOROLE = 'a0000000-0000-4000-8000-00000000000c';
const CLIENT_ID = 'c0000000-0000-4000-8000-00000000000c';
const SP_ID = 'd0000000-0000-4000-8000-00000000000d';
const CLIENT_SECRET = randomBytes(24).toString('base64url');
const REDIRECT_URI = 'http://127.0.0.1:5173/auth/callback';
const POST_LOGOUT_URI = 'http://127.0.0.1:5173/';

function testScenario(extraPersonas: ScenarioData['personas'] = []): ScenarioData {
  return {
    name: 'demo',
    tenants: [
      { id: T1, displayName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com' },
      { id: T2, displayName: 'Fabrikam', defaultDomain: 'fabrikam.onmicrosoft.com' },
    ],
    subscriptions: [],
    personas: [
      {
        oid: ADMIN,
        tenantId: T1,
        name: 'Ada Admin',
        username: 'ada@contoso.onmicrosoft.com',
        consoleRoles: ['Latchkey.Admin'],
        azureRoleSummary: 'Contributor on both subscriptions',
      },
      {
        oid: REVIEWER,
        tenantId: T1,
        name: 'Rex Reviewer',
        username: 'rex@contoso.onmicrosoft.com',
        consoleRoles: ['Latchkey.Reviewer'],
        azureRoleSummary: 'Reader on the production subscription',
      },
      {
        oid: NOROLE,
        tenantId: T2,
        name: 'Nina Norole',
        username: 'nina@fabrikam.onmicrosoft.com',
        consoleRoles: [],
        azureRoleSummary: 'No Azure roles',
      },
      ...extraPersonas,
    ],
    clients: [
      {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        displayName: 'Latchkey console (test)',
        tenantId: T1,
        redirectUris: ['http://127.0.0.1:*/auth/callback'],
        postLogoutRedirectUris: ['http://127.0.0.1:*/'],
        servicePrincipalId: SP_ID,
        appRoles: ['Latchkey.Automation'],
      },
    ],
    roleAssignments: [],
    registries: [],
  };
}

interface Running {
  idp: IdentityProvider;
  httpsOrigin: string;
  frontOrigin: string;
  knownAuthority: string;
  ports: { https: number; front: number };
  close(): Promise<void>;
}

async function startIdp(
  dataDir: string,
  scenario: () => ScenarioData,
  ports: { https: number; front: number } = { https: 0, front: 0 },
): Promise<Running> {
  const tls = ensureLocalTls(join(dataDir, 'tls'));
  const httpsServer = createHttpsServer({ cert: tls.cert, key: tls.key });
  const frontServer = createHttpServer();
  const servers: Server[] = [httpsServer, frontServer];
  const httpsPort = await listenLoopback(httpsServer, ports.https);
  const frontPort = await listenLoopback(frontServer, ports.front);
  const httpsOrigin = `https://127.0.0.1:${httpsPort}`;
  const frontOrigin = `http://127.0.0.1:${frontPort}`;
  const idp = await createIdentityProvider({
    scenario,
    httpsOrigin,
    frontChannelOrigin: frontOrigin,
    dataDir: join(dataDir, 'idp'),
  });
  httpsServer.on('request', idp.httpsHandler);
  frontServer.on('request', idp.frontChannelHandler);
  return {
    idp,
    httpsOrigin,
    frontOrigin,
    knownAuthority: `127.0.0.1:${httpsPort}`,
    ports: { https: httpsPort, front: frontPort },
    async close() {
      await Promise.all(servers.map((s) => closeServer(s)));
      await idp.close();
    },
  };
}

describe('local identity provider (Entra-shaped, driven by msal-node)', () => {
  let dataDir: string;
  let caPem: string;
  let current: ScenarioData;
  let running: Running;

  const cca = (tenantId = T1): ConfidentialClientApplication =>
    confidentialClient({
      authority: `${running.httpsOrigin}/${tenantId}`,
      knownAuthority: running.knownAuthority,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      caPem,
    });

  async function keysOf(tenantId: string): Promise<JSONWebKeySet> {
    const response = await send(`${running.httpsOrigin}/${tenantId}/discovery/v2.0/keys`, {
      caPem,
    });
    expect(response.status).toBe(200);
    return JSON.parse(response.body) as JSONWebKeySet;
  }

  async function verifyArmToken(token: string, tenantId: string) {
    const jwks = createLocalJWKSet(await keysOf(tenantId));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: `${running.httpsOrigin}/${tenantId}/v2.0`,
      audience: 'https://management.azure.com',
      algorithms: ['RS256'],
    });
    expect(protectedHeader.typ).toBe('JWT');
    expect(payload.tid).toBe(tenantId);
    expect(typeof payload.nbf).toBe('number');
    expect(payload.exp! - payload.iat!).toBeGreaterThanOrEqual(3500);
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(3700);
    return payload;
  }

  async function authorizeUrl(params: Record<string, string>, tenantId = T1): Promise<string> {
    const discovery = await send(
      `${running.httpsOrigin}/${tenantId}/v2.0/.well-known/openid-configuration`,
      { caPem },
    );
    const endpoint = (JSON.parse(discovery.body) as { authorization_endpoint: string })
      .authorization_endpoint;
    const url = new URL(endpoint);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.href;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'idp-test-'));
    caPem = ensureLocalTls(join(dataDir, 'tls')).caPem;
    current = testScenario();
    running = await startIdp(dataDir, () => current);
  });

  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves Entra-shaped discovery: https issuer, token and keys; http authorize and logout', async () => {
    const response = await send(
      `${running.httpsOrigin}/${T1}/v2.0/.well-known/openid-configuration`,
      { caPem },
    );
    expect(response.status).toBe(200);
    const doc = JSON.parse(response.body) as Record<string, unknown>;
    expect(doc.issuer).toBe(`${running.httpsOrigin}/${T1}/v2.0`);
    expect(doc.authorization_endpoint).toBe(`${running.frontOrigin}/${T1}/oauth2/v2.0/authorize`);
    expect(doc.end_session_endpoint).toBe(`${running.frontOrigin}/${T1}/oauth2/v2.0/logout`);
    expect(doc.token_endpoint).toBe(`${running.httpsOrigin}/${T1}/oauth2/v2.0/token`);
    expect(doc.jwks_uri).toBe(`${running.httpsOrigin}/${T1}/discovery/v2.0/keys`);
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']),
    );

    const other = await send(`${running.httpsOrigin}/${T2}/v2.0/.well-known/openid-configuration`, {
      caPem,
    });
    expect((JSON.parse(other.body) as { issuer: string }).issuer).toBe(
      `${running.httpsOrigin}/${T2}/v2.0`,
    );
    expect(running.idp.issuers).toEqual([
      `${running.httpsOrigin}/${T1}/v2.0`,
      `${running.httpsOrigin}/${T2}/v2.0`,
    ]);
  });

  it('answers as an ADFS-shaped authority (/adfs) for the first tenant, with Entra-shaped tokens', async () => {
    const response = await send(`${running.httpsOrigin}/adfs/.well-known/openid-configuration`, {
      caPem,
    });
    expect(response.status).toBe(200);
    const doc = JSON.parse(response.body) as Record<string, string>;
    expect(doc.issuer).toBe(`${running.httpsOrigin}/${T1}/v2.0`);
    expect(doc.token_endpoint).toBe(`${running.httpsOrigin}/adfs/oauth2/v2.0/token`);
    // The az CLI's request: client credentials, secret in the form, the CLI spelling of ARM.
    const token = await send(doc.token_endpoint ?? '', {
      method: 'POST',
      caPem,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        scope: 'https://management.core.windows.net//.default',
      }).toString(),
    });
    expect(token.status).toBe(200);
    const payload = decodeJwt((JSON.parse(token.body) as { access_token: string }).access_token);
    expect(payload).toMatchObject({
      aud: 'https://management.core.windows.net/',
      iss: `${running.httpsOrigin}/${T1}/v2.0`,
      tid: T1,
      oid: SP_ID,
      idtyp: 'app',
    });
  });

  it('answers an unknown tenant with an Entra-like 400 and keeps the token endpoint off plain http', async () => {
    const unknown = await send(
      `${running.httpsOrigin}/99999999-9999-4999-8999-999999999999/v2.0/.well-known/openid-configuration`,
      { caPem },
    );
    expect(unknown.status).toBe(400);
    const body = JSON.parse(unknown.body) as {
      error: string;
      error_codes: number[];
      error_description: string;
    };
    expect(body.error).toBe('invalid_tenant');
    expect(body.error_codes).toEqual([90002]);
    expect(body.error_description).toMatch(/^AADSTS90002:/);

    const tokenOnHttp = await send(`${running.frontOrigin}/${T1}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(tokenOnHttp.status).toBe(404);
  });

  it('answers the browser’s /favicon.ico with no content (not a 400 for an unknown tenant), and gives its pages an icon', async () => {
    for (const origin of [running.httpsOrigin, running.frontOrigin]) {
      const ico = await send(`${origin}/favicon.ico`, { caPem });
      expect(ico.status).toBe(204);
      expect(ico.body).toBe('');
    }
    const svg = await send(`${running.frontOrigin}/local-azure/static/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.body).toMatch(/^<svg /);
  });

  it('publishes one persisted RS256 key set for every tenant (private key file is owner-only)', async () => {
    const k1 = await keysOf(T1);
    const k2 = await keysOf(T2);
    expect(k1).toEqual(k2);
    expect(k1.keys).toHaveLength(1);
    expect(k1.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(k1.keys[0]).not.toHaveProperty('d');
    expect(running.idp.jwks).toEqual(k1);
    expect(statSync(join(dataDir, 'idp', 'signing-keys.json')).mode & 0o777).toBe(0o600);
  });

  it('signs the admin in with auth code + PKCE and returns Entra-shaped ID token claims and account', async () => {
    const client = cca();
    const { result, account, nonce } = await signInWithPersona({
      cca: client,
      redirectUri: REDIRECT_URI,
      personaName: 'Ada Admin',
      frontChannelOrigin: running.frontOrigin,
    });
    const claims = decodeJwt(result.idToken);
    expect(decodeProtectedHeader(result.idToken).alg).toBe('RS256');
    expect(claims).toMatchObject({
      iss: `${running.httpsOrigin}/${T1}/v2.0`,
      aud: CLIENT_ID,
      oid: ADMIN,
      sub: ADMIN,
      tid: T1,
      name: 'Ada Admin',
      preferred_username: 'ada@contoso.onmicrosoft.com',
      roles: ['Latchkey.Admin'],
      ver: '2.0',
      nonce,
    });
    // The ID token verifies against the tenant's keys too.
    await jwtVerify(result.idToken, createLocalJWKSet(await keysOf(T1)), { audience: CLIENT_ID });
    // client_info gives msal Entra's `oid.tid` account id.
    expect(account.homeAccountId).toBe(`${ADMIN}.${T1}`);
    expect(account.tenantId).toBe(T1);
    expect(account.username).toBe('ada@contoso.onmicrosoft.com');

    const at = await verifyArmToken(result.accessToken, T1);
    expect(at).toMatchObject({
      oid: ADMIN,
      scp: 'user_impersonation',
      azp: CLIENT_ID,
      appid: CLIENT_ID,
    });
    expect(at).not.toHaveProperty('roles');
    expect(at).not.toHaveProperty('scope');

    const silent = await client.acquireTokenSilent({ account, scopes: [ARM_USER_SCOPE] });
    const cachedPayload = await verifyArmToken(silent.accessToken, T1);
    expect(cachedPayload.oid).toBe(ADMIN);

    const refreshed = await client.acquireTokenSilent({
      account,
      scopes: [ARM_USER_SCOPE],
      forceRefresh: true,
    });
    expect(refreshed.accessToken).not.toBe(result.accessToken);
    const payload = await verifyArmToken(refreshed.accessToken, T1);
    expect(payload).toMatchObject({ oid: ADMIN, tid: T1, scp: 'user_impersonation' });
    // What the Azure SDK asks for (.default) refreshes with a token granted for user_impersonation, as at Entra.
    const sdkScope = await client.acquireTokenSilent({
      account,
      scopes: [ARM_DEFAULT_SCOPE],
      forceRefresh: true,
    });
    expect(await verifyArmToken(sdkScope.accessToken, T1)).toMatchObject({
      oid: ADMIN,
      scp: 'user_impersonation',
    });
    expect(decodeJwt(refreshed.idToken)).toMatchObject({ oid: ADMIN, roles: ['Latchkey.Admin'] });
  });

  it('gives the reviewer the reviewer role and the no-role persona (other tenant) no roles claim', async () => {
    const reviewer = await signInWithPersona({
      cca: cca(T1),
      redirectUri: REDIRECT_URI,
      oid: REVIEWER,
    });
    expect(decodeJwt(reviewer.result.idToken)).toMatchObject({
      oid: REVIEWER,
      roles: ['Latchkey.Reviewer'],
    });

    const nobody = await signInWithPersona({
      cca: cca(T2),
      redirectUri: REDIRECT_URI,
      personaName: 'Nina Norole',
    });
    const claims = decodeJwt(nobody.result.idToken);
    expect(claims).toMatchObject({
      oid: NOROLE,
      tid: T2,
      iss: `${running.httpsOrigin}/${T2}/v2.0`,
      nonce: nobody.nonce,
    });
    expect(claims).not.toHaveProperty('roles');
    const at = await verifyArmToken(nobody.result.accessToken, T2);
    expect(at.oid).toBe(NOROLE);
  });

  it('only lists the tenant’s own personas', async () => {
    const url = await authorizeUrl(
      {
        client_id: CLIENT_ID,
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: `openid profile ${ARM_USER_SCOPE}`,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        state: 's',
      },
      T2,
    );
    const outcome = await authorizeWithPersona({
      authUrl: url,
      redirectUri: REDIRECT_URI,
      persona: { oid: ADMIN },
    }).catch((error: Error) => error);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(/offered: Nina Norole\)$/);
  });

  it('signs in silently with an existing session, and shows the picker again for prompt=select_account or login', async () => {
    const client = cca();
    const first = await signInWithPersona({
      cca: client,
      redirectUri: REDIRECT_URI,
      personaName: 'Ada Admin',
    });
    // Same browser, no prompt: single sign-on without the page (the persona choice is not consulted).
    const again = await signInWithPersona({
      cca: client,
      redirectUri: REDIRECT_URI,
      personaName: 'nobody in particular',
      jar: first.jar,
    });
    expect(again.account.homeAccountId).toBe(`${ADMIN}.${T1}`);
    for (const prompt of ['select_account', 'login']) {
      const switched = await signInWithPersona({
        cca: client,
        redirectUri: REDIRECT_URI,
        personaName: 'Rex Reviewer',
        jar: first.jar,
        prompt,
      });
      expect(switched.account.homeAccountId, prompt).toBe(`${REVIEWER}.${T1}`);
      await signInWithPersona({
        cca: client,
        redirectUri: REDIRECT_URI,
        oid: ADMIN,
        jar: first.jar,
        prompt,
      });
    }
    // prompt=consent is granted automatically: no page, same account.
    const consented = await signInWithPersona({
      cca: client,
      redirectUri: REDIRECT_URI,
      personaName: 'nobody in particular',
      jar: first.jar,
      prompt: 'consent',
    });
    expect(consented.account.homeAccountId).toBe(`${ADMIN}.${T1}`);
  });

  it('issues app-only ARM tokens by client credentials with app roles, idtyp app and the service principal oid', async () => {
    const result = await clientCredentialToken({
      authority: `${running.httpsOrigin}/${T1}`,
      knownAuthority: running.knownAuthority,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      caPem,
    });
    const payload = await verifyArmToken(result.accessToken, T1);
    expect(payload).toMatchObject({
      roles: ['Latchkey.Automation'],
      idtyp: 'app',
      oid: SP_ID,
      sub: SP_ID,
      azp: CLIENT_ID,
      appid: CLIENT_ID,
    });
    expect(payload).not.toHaveProperty('scp');

    const wrongSecret = await clientCredentialToken({
      authority: `${running.httpsOrigin}/${T1}`,
      knownAuthority: running.knownAuthority,
      clientId: CLIENT_ID,
      clientSecret: 'not-the-secret',
      caPem,
    }).catch((error: Error) => error);
    expect(wrongSecret).toBeInstanceOf(Error);
    expect((wrongSecret as { errorCode?: string }).errorCode).toBe('invalid_client');
  });

  it('accepts the CLI spelling of ARM (management.core.windows.net//.default)', async () => {
    const result = await clientCredentialToken({
      authority: `${running.httpsOrigin}/${T1}`,
      knownAuthority: running.knownAuthority,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      caPem,
      scopes: ['https://management.core.windows.net//.default'],
    });
    expect(decodeJwt(result.accessToken).aud).toBe('https://management.core.windows.net/');
    expect(ARM_DEFAULT_SCOPE).toBe('https://management.azure.com/.default');
  });

  it('refuses PKCE plain, a missing challenge and a wrong verifier', async () => {
    const base = {
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: `openid profile ${ARM_USER_SCOPE}`,
      state: 'st',
    };
    const plain = await authorizeWithPersona({
      authUrl: await authorizeUrl({
        ...base,
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'plain',
      }),
      redirectUri: REDIRECT_URI,
      persona: { oid: ADMIN },
    });
    expect(plain.redirect?.searchParams.get('error')).toBe('invalid_request');
    expect(plain.redirect?.searchParams.get('code')).toBeNull();

    const missing = await authorizeWithPersona({
      authUrl: await authorizeUrl(base),
      redirectUri: REDIRECT_URI,
      persona: { oid: ADMIN },
    });
    expect(missing.redirect?.searchParams.get('error')).toBe('invalid_request');
    expect(missing.redirect?.searchParams.get('error_description')).toMatch(/PKCE/);

    // A code bound to one challenge does not redeem with another verifier.
    const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'; // RFC 7636 example
    const issued = await authorizeWithPersona({
      authUrl: await authorizeUrl({
        ...base,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
      redirectUri: REDIRECT_URI,
      persona: { oid: ADMIN },
    });
    const code = issued.redirect?.searchParams.get('code');
    expect(code).toBeTruthy();
    const redeemed = await cca()
      .acquireTokenByCode({
        code: code as string,
        scopes: [ARM_USER_SCOPE],
        redirectUri: REDIRECT_URI,
        codeVerifier: 'a'.repeat(43),
      })
      .catch((error: Error) => error);
    expect(redeemed).toBeInstanceOf(Error);
    expect((redeemed as { errorCode?: string }).errorCode).toBe('invalid_grant');
  });

  it('refuses redirect URIs that do not match the registered loopback pattern, without redirecting', async () => {
    for (const redirectUri of [
      'http://127.0.0.1/auth/callback',
      'http://evil.example:5173/auth/callback',
      'http://127.0.0.1:5173/auth/other',
      'https://127.0.0.1:5173/auth/callback',
    ]) {
      const outcome = await authorizeWithPersona({
        authUrl: await authorizeUrl({
          client_id: CLIENT_ID,
          response_type: 'code',
          redirect_uri: redirectUri,
          scope: 'openid',
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        }),
        redirectUri,
        persona: { oid: ADMIN },
      });
      expect(outcome.redirect, redirectUri).toBeUndefined();
      expect(outcome.stoppedAt?.status, redirectUri).toBe(400);
      expect(outcome.stoppedAt?.headers.location).toBeUndefined();
      expect(outcome.stoppedAt?.body).toContain('redirect_uri');
    }
  });

  it('renders an accessible sign-in page that escapes scenario text and uses no inline script', async () => {
    current = testScenario([
      {
        oid: 'a0000000-0000-4000-8000-0000000000ee',
        tenantId: T1,
        name: '<img src=x onerror=alert(1)> "Eve"',
        username: 'eve@contoso.onmicrosoft.com',
        consoleRoles: [],
        azureRoleSummary: '<b>Owner</b> & more',
      },
    ]);
    try {
      const jar = new CookieJar();
      let response = await send(
        await authorizeUrl({
          client_id: CLIENT_ID,
          response_type: 'code',
          redirect_uri: REDIRECT_URI,
          scope: `openid profile ${ARM_USER_SCOPE}`,
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        }),
        { jar },
      );
      expect(response.status).toBe(303);
      const pageUrl = new URL(response.headers.location as string, running.frontOrigin);
      expect(pageUrl.origin).toBe(running.frontOrigin);
      response = await send(pageUrl, { jar });
      expect(response.status).toBe(200);
      const html = response.body;
      expect(response.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="en">/);
      expect(html).toContain('<title>Sign in to your account — Local Azure</title>');
      expect(html).toMatch(/<h1>[^<]+<\/h1>/);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/<[^>]*\sstyle\s*=/i);
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<b>');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;Eve&quot;');
      expect(html).toContain('&lt;b&gt;Owner&lt;/b&gt; &amp; more');
      expect(html).toContain('Latchkey.Admin');
      expect(html).toContain('Latchkey.Reviewer');
      expect(html).toContain('No console role');
      expect(html).toContain('Contributor on both subscriptions');
      expect(html).not.toContain('Nina Norole');
      const forms = parsePersonaForms(html);
      expect(forms.map((f) => f.name)).toEqual([
        'Ada Admin',
        'Rex Reviewer',
        '<img src=x onerror=alert(1)> "Eve"',
      ]);
      // Every persona button carries the persona's name as text (its accessible name).
      expect(html.match(/<button type="submit" class="persona"/g)).toHaveLength(3);

      const css = await send(new URL('/local-azure/static/local-azure.css', running.frontOrigin));
      expect(css.status).toBe(200);
      expect(css.headers['content-type']).toMatch(/text\/css/);
    } finally {
      current = testScenario();
    }
  });

  it('logs out at the front-channel end_session endpoint and redirects back without a click', async () => {
    const client = cca();
    const { result, jar } = await signInWithPersona({
      cca: client,
      redirectUri: REDIRECT_URI,
      personaName: 'Ada Admin',
    });
    const discovery = JSON.parse(
      (await send(`${running.httpsOrigin}/${T1}/v2.0/.well-known/openid-configuration`, { caPem }))
        .body,
    ) as { end_session_endpoint: string };

    const logoutUrl = new URL(discovery.end_session_endpoint);
    logoutUrl.searchParams.set('post_logout_redirect_uri', POST_LOGOUT_URI);
    logoutUrl.searchParams.set('id_token_hint', result.idToken);
    logoutUrl.searchParams.set('state', 'bye');
    const page = await send(logoutUrl, { jar });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.body).toContain('<script src="/local-azure/static/logout.js" defer></script>');
    expect(page.body).not.toMatch(/<script>/);
    const action = /<form id="logout-form" method="post" action="([^"]+)">/.exec(page.body)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.body)?.[1];
    expect(action?.startsWith(`${running.frontOrigin}/${T1}/`)).toBe(true);
    const script = await send(new URL('/local-azure/static/logout.js', running.frontOrigin));
    expect(script.body).toContain("getElementById('logout-form')");

    // What the script does: submit the form.
    const confirmed = await send(action as string, {
      method: 'POST',
      jar,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf as string, logout: 'yes' }).toString(),
    });
    expect(confirmed.status).toBe(303);
    const back = new URL(confirmed.headers.location as string);
    expect(`${back.origin}${back.pathname}`).toBe(POST_LOGOUT_URI);
    expect(back.searchParams.get('state')).toBe('bye');

    // The provider session is over: prompt=none now needs a login.
    const silent = await authorizeWithPersona({
      authUrl: await authorizeUrl({
        client_id: CLIENT_ID,
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: 'openid',
        prompt: 'none',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }),
      redirectUri: REDIRECT_URI,
      persona: { oid: ADMIN },
      jar,
    });
    expect(silent.redirect?.searchParams.get('error')).toBe('login_required');

    // client_id instead of id_token_hint works too, and a foreign post-logout URI is refused.
    const foreign = new URL(discovery.end_session_endpoint);
    foreign.searchParams.set('client_id', CLIENT_ID);
    foreign.searchParams.set('post_logout_redirect_uri', 'http://evil.example/');
    expect((await send(foreign, { jar })).status).toBe(400);
  });

  it('keeps keys, refresh tokens and sessions across a restart on the same data folder', async () => {
    const client = cca();
    const { account, jar } = await signInWithPersona({
      cca: client,
      redirectUri: REDIRECT_URI,
      oid: REVIEWER,
    });
    const kidBefore = (await keysOf(T1)).keys[0]?.kid;
    expect(kidBefore).toBeTruthy();

    const ports = running.ports;
    await running.close();
    running = await startIdp(dataDir, () => current, ports);

    expect((await keysOf(T1)).keys[0]?.kid).toBe(kidBefore);
    const refreshed = await client.acquireTokenSilent({
      account,
      scopes: [ARM_USER_SCOPE],
      forceRefresh: true,
    });
    const payload = await verifyArmToken(refreshed.accessToken, T1);
    expect(payload.oid).toBe(REVIEWER);

    // The browser session survived too: prompt=none signs the reviewer in without the page.
    const silent = await authorizeWithPersona({
      authUrl: await authorizeUrl({
        client_id: CLIENT_ID,
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: 'openid',
        prompt: 'none',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }),
      redirectUri: REDIRECT_URI,
      persona: { oid: REVIEWER },
      jar,
    });
    expect(silent.redirect?.searchParams.get('code')).toBeTruthy();
    expect(statSync(join(dataDir, 'idp', 'provider-state.json')).mode & 0o777).toBe(0o600);
  });
});
