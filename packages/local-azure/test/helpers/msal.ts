/**
 * Test helpers that talk to Local Azure's identity provider the way the BFF
 * does: msal-node in its default (AAD) protocol mode, over HTTPS that trusts
 * the local CA (TLS verification is never turned off), and a browser stand-in
 * for the front channel made of plain HTTP requests and a tiny cookie jar.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { randomBytes } from 'node:crypto';
import {
  ConfidentialClientApplication,
  CryptoProvider,
  LogLevel,
  type AccountInfo,
  type AuthenticationResult,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** PEM of the CA to trust for https URLs. */
  caPem?: string;
  jar?: CookieJar;
}

/** One request over node:http or node:https (by the URL's scheme); no redirects followed. */
export function send(url: string | URL, options: SendOptions = {}): Promise<RawResponse> {
  const target = new URL(url);
  const headers: Record<string, string> = { ...options.headers };
  if (options.jar) {
    const cookie = options.jar.header();
    if (cookie) headers.cookie = cookie;
  }
  if (options.body !== undefined)
    headers['content-length'] = String(Buffer.byteLength(options.body));
  const requestFn = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = requestFn(
      target,
      {
        method: options.method ?? 'GET',
        headers,
        // A fresh connection per request: pooled sockets outlive a restarted server in tests.
        agent: false,
        ...(target.protocol === 'https:' && options.caPem ? { ca: options.caPem } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          options.jar?.store(res.headers['set-cookie']);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/**
 * Cookies by name, for one loopback host. Browsers scope cookies by host, not
 * port, so the http and https listeners share them, as here. Paths are ignored:
 * sending a cookie to more paths than a browser would is harmless for these tests.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(setCookie: string[] | undefined): void {
    for (const line of setCookie ?? []) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', val = ''] = a.trim().split('=');
        if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** msal-node's network module over node:https, trusting `caPem` (and only the system CAs otherwise). */
export function createMsalNetworkClient(caPem: string): INetworkModule {
  const call = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> => {
    const response = await send(url, {
      method,
      caPem,
      ...(options?.headers ? { headers: options.headers } : {}),
      ...(options?.body !== undefined ? { body: options.body } : {}),
    });
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      // msal expects an object; keep non-JSON answers visible in its error.
      body = { error: 'non_json_response', error_description: response.body.slice(0, 500) };
    }
    return { status: response.status, headers: flattenHeaders(response.headers), body: body as T };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) =>
      call<T>('GET', url, options),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) =>
      call<T>('POST', url, options),
  };
}

export interface ConfidentialClientOptions {
  /** `${httpsOrigin}/${tenantId}` */
  authority: string;
  /** host:port of the https origin */
  knownAuthority: string;
  clientId: string;
  clientSecret: string;
  caPem: string;
}

/** A ConfidentialClientApplication configured as the BFF configures it in local mode. */
export function confidentialClient(
  options: ConfidentialClientOptions,
): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: options.authority,
      knownAuthorities: [options.knownAuthority],
    },
    system: {
      networkClient: createMsalNetworkClient(options.caPem),
      loggerOptions: {
        logLevel: LogLevel.Error,
        piiLoggingEnabled: false,
        loggerCallback: () => {},
      },
    },
  });
}

export const ARM_DEFAULT_SCOPE = 'https://management.azure.com/.default';
export const ARM_USER_SCOPE = 'https://management.azure.com/user_impersonation';

/** An app-only ARM access token (client credentials). */
export async function clientCredentialToken(
  options: ConfidentialClientOptions & { scopes?: string[] },
): Promise<AuthenticationResult> {
  const cca = confidentialClient(options);
  const result = await cca.acquireTokenByClientCredential({
    scopes: options.scopes ?? [ARM_DEFAULT_SCOPE],
  });
  if (!result) throw new Error('client credentials: no result');
  return result;
}

export type PersonaChoice =
  { personaName: string; oid?: undefined } | { oid: string; personaName?: undefined };

interface PersonaForm {
  action: string;
  oid: string;
  name: string;
}

function unescapeHtml(value: string): string {
  return value
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** The persona forms of the sign-in page: one `<form method="post">` per persona. */
export function parsePersonaForms(html: string): PersonaForm[] {
  const forms: PersonaForm[] = [];
  const pattern =
    /<form method="post" action="([^"]+)">\s*<input type="hidden" name="oid" value="([^"]+)">\s*<button[^>]*>\s*<span class="name">([^<]*)<\/span>/g;
  for (const match of html.matchAll(pattern)) {
    forms.push({
      action: unescapeHtml(match[1] ?? ''),
      oid: unescapeHtml(match[2] ?? ''),
      name: unescapeHtml(match[3] ?? ''),
    });
  }
  return forms;
}

export interface AuthorizeOptions {
  /** The authorization URL (msal's getAuthCodeUrl, or hand-made). */
  authUrl: string;
  redirectUri: string;
  persona: PersonaChoice;
  jar?: CookieJar;
  caPem?: string;
}

export interface AuthorizeOutcome {
  /** The URL the provider finally redirected to (the redirect URI with code/state or error), or undefined when it stopped elsewhere. */
  redirect?: URL;
  /** The last response when the provider did not redirect to the redirect URI (an error page). */
  stoppedAt?: RawResponse;
  jar: CookieJar;
}

/**
 * Plays the browser between the authorization request and the redirect back:
 * follows redirects, picks the persona on the sign-in page and posts its form.
 */
export async function authorizeWithPersona(options: AuthorizeOptions): Promise<AuthorizeOutcome> {
  const jar = options.jar ?? new CookieJar();
  const target = new URL(options.redirectUri);
  let url = new URL(options.authUrl);
  let response = await send(url, { jar, ...(options.caPem ? { caPem: options.caPem } : {}) });
  for (let hop = 0; hop < 12; hop += 1) {
    if (response.status >= 300 && response.status < 400 && response.headers.location) {
      url = new URL(response.headers.location, url);
      if (url.origin === target.origin && url.pathname === target.pathname)
        return { redirect: url, jar };
      response = await send(url, { jar, ...(options.caPem ? { caPem: options.caPem } : {}) });
      continue;
    }
    const logoutForm = /<form id="logout-form" method="post" action="([^"]+)">/.exec(response.body);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(response.body);
    if (response.status === 200 && logoutForm && xsrf) {
      // Switching persona ends the previous session first; submit what the page's script submits.
      url = new URL(unescapeHtml(logoutForm[1] ?? ''), url);
      response = await send(url, {
        method: 'POST',
        jar,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf: unescapeHtml(xsrf[1] ?? ''), logout: 'yes' }).toString(),
        ...(options.caPem ? { caPem: options.caPem } : {}),
      });
      continue;
    }
    if (
      response.status === 200 &&
      /<form method="post"/.test(response.body) &&
      /name="oid"/.test(response.body)
    ) {
      const forms = parsePersonaForms(response.body);
      const choice = options.persona;
      const form = forms.find((f) =>
        choice.oid !== undefined ? f.oid === choice.oid : f.name === choice.personaName,
      );
      if (!form) {
        throw new Error(
          `persona ${choice.oid ?? choice.personaName} not on the sign-in page (offered: ${forms.map((f) => f.name).join(', ')})`,
        );
      }
      url = new URL(form.action, url);
      response = await send(url, {
        method: 'POST',
        jar,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ oid: form.oid }).toString(),
        ...(options.caPem ? { caPem: options.caPem } : {}),
      });
      continue;
    }
    return { stoppedAt: response, jar };
  }
  throw new Error('too many redirects during sign-in');
}

export interface SignInOptions {
  cca: ConfidentialClientApplication;
  redirectUri: string;
  /** Defaults to ARM's user_impersonation (msal adds openid, profile, offline_access). */
  scopes?: string[];
  /** If given, the authorization endpoint msal found must be on this origin (the plain-http front channel). */
  frontChannelOrigin?: string;
  /** Trust for an https authorization endpoint (only if not on the front channel). */
  caPem?: string;
  prompt?: string;
  jar?: CookieJar;
}

export interface SignInResult {
  result: AuthenticationResult;
  account: AccountInfo;
  jar: CookieJar;
  /** The nonce sent in the authorization request (the ID token must carry it back). */
  nonce: string;
}

/** Auth code + PKCE with state and nonce, exactly as the BFF runs it, with a persona chosen on the sign-in page. */
export async function signInWithPersona(
  options: SignInOptions & PersonaChoice,
): Promise<SignInResult> {
  const scopes = options.scopes ?? [ARM_USER_SCOPE];
  const crypto = new CryptoProvider();
  const { verifier, challenge } = await crypto.generatePkceCodes();
  const state = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const authUrl = await options.cca.getAuthCodeUrl({
    scopes,
    redirectUri: options.redirectUri,
    state,
    nonce,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    ...(options.prompt ? { prompt: options.prompt } : {}),
  });
  if (
    options.frontChannelOrigin &&
    new URL(authUrl).origin !== new URL(options.frontChannelOrigin).origin
  ) {
    throw new Error(
      `authorization endpoint is not on the front channel: ${new URL(authUrl).origin}`,
    );
  }
  const persona: PersonaChoice =
    options.oid !== undefined
      ? { oid: options.oid }
      : { personaName: options.personaName as string };
  const outcome = await authorizeWithPersona({
    authUrl,
    redirectUri: options.redirectUri,
    persona,
    ...(options.jar ? { jar: options.jar } : {}),
    ...(options.caPem ? { caPem: options.caPem } : {}),
  });
  if (!outcome.redirect) {
    throw new Error(
      `sign-in stopped with HTTP ${outcome.stoppedAt?.status}: ${outcome.stoppedAt?.body.slice(0, 300)}`,
    );
  }
  const params = outcome.redirect.searchParams;
  const error = params.get('error');
  if (error)
    throw new Error(`authorization error ${error}: ${params.get('error_description') ?? ''}`);
  const code = params.get('code');
  if (!code) throw new Error('redirect without a code');
  const result = await options.cca.acquireTokenByCode(
    { code, scopes, redirectUri: options.redirectUri, codeVerifier: verifier, state, nonce },
    { code, state: params.get('state') ?? '' },
  );
  if (!result.account) throw new Error('token response without an account');
  return { result, account: result.account, jar: outcome.jar, nonce };
}
