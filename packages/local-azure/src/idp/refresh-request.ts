import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { resourceFromScope } from './resources';

/** oidc-provider's own body limit. */
const MAX_TOKEN_BODY_BYTES = 56 * 1024;

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The scope of a refresh request as Entra would read it, given the scope the
 * refresh token was issued with (undefined when unknown):
 * - `offline_access` is dropped: msal re-sends it, but oidc-provider grants it
 *   only with prompt=consent, so the token never has it and the provider would
 *   answer invalid_scope.
 * - a resource scope the token lacks (`.default` after signing in with
 *   `user_impersonation`, which is what the Azure SDK asks for) becomes the
 *   token's scopes for the same resource: in Entra both mean "what the user
 *   consented to on that resource".
 */
export function entraRefreshScope(
  requested: string,
  granted: string | undefined,
): string | undefined {
  const grantedScopes = granted?.split(' ').filter(Boolean) ?? [];
  const result: string[] = [];
  for (const scope of requested.split(' ')) {
    if (!scope || scope === 'offline_access') continue;
    const resource = resourceFromScope(scope);
    if (resource !== undefined && grantedScopes.length > 0 && !grantedScopes.includes(scope)) {
      const sameResource = grantedScopes.filter((g) => resourceFromScope(g) === resource);
      if (sameResource.length > 0) {
        result.push(...sameResource);
        continue;
      }
    }
    result.push(scope);
  }
  const unique = [...new Set(result)];
  return unique.length > 0 ? unique.join(' ') : undefined;
}

/**
 * Applies `entraRefreshScope` to a token request before oidc-provider reads
 * it. No provider hook runs between its body parsing and the refresh grant's
 * scope check, so the request is replaced by a stream of the rewritten body
 * that keeps the original's socket (TLS, client address), method and headers.
 */
export async function rewriteRefreshRequest(
  req: IncomingMessage,
  grantedScope: (refreshToken: string) => Promise<string | undefined>,
): Promise<IncomingMessage> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (req.method !== 'POST' || type !== 'application/x-www-form-urlencoded') return req;
  const raw = await readBody(req, MAX_TOKEN_BODY_BYTES);
  const form = new URLSearchParams(raw.toString('utf8'));
  let body = raw;
  const scope = form.get('scope');
  const refreshToken = form.get('refresh_token');
  if (form.get('grant_type') === 'refresh_token' && scope !== null && refreshToken) {
    const rewritten = entraRefreshScope(scope, await grantedScope(refreshToken));
    if (rewritten !== scope) {
      if (rewritten) form.set('scope', rewritten);
      else form.delete('scope');
      body = Buffer.from(form.toString(), 'utf8');
    }
  }
  const replacement = Readable.from([body], { objectMode: false }) as Readable &
    Record<string, unknown>;
  const headers = { ...req.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  Object.assign(replacement, {
    method: req.method,
    url: req.url,
    headers,
    rawHeaders: req.rawHeaders,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    socket: req.socket,
    connection: req.socket,
  });
  return replacement as unknown as IncomingMessage;
}
