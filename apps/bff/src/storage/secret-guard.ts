import type { JsonValue } from './canonical-json';

/**
 * Refuses audit content that looks like a credential. Callers are meant to
 * pass summaries without secrets; this is the second line of defence, so it
 * errs on the side of refusing. The error names where, never what.
 */
export class SecretInAuditRecordError extends Error {
  readonly code = 'AUDIT_SECRET_REFUSED';
  constructor(readonly path: string) {
    super(`Refusing to write an audit record: ${path} looks like a secret.`);
    this.name = 'SecretInAuditRecordError';
  }
}

// Keys are compared lower-cased with separators removed, so `client_secret`,
// `clientSecret` and `Client-Secret` are one name.
const SECRET_KEY_SUFFIXES = ['password', 'passwd', 'secret', 'privatekey', 'apikey'];
const SECRET_KEYS = new Set([
  'pwd',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'bearertoken',
  'authorization',
  'cookie',
  'setcookie',
  'connectionstring',
  'credential',
  'credentials',
  'assertion',
  'clientassertion',
]);
/** A JWT (`eyJ` is base64url for `{"`), or a connection string's password. */
const SECRET_STRING = /(^|[^A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}|password=/i;

function normalise(key: string): string {
  return key.toLowerCase().replace(/[-_\s.]/g, '');
}

function isSecretKey(key: string): boolean {
  const name = normalise(key);
  return SECRET_KEYS.has(name) || SECRET_KEY_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/**
 * A secret-named key holding a string or number is refused. Holding an object,
 * it is searched instead: `{ token: { name, status } }` summarises an ACR token
 * resource, which is legitimate. Inside such an object, and inside
 * `passwords` (where ARM puts a generated password, as `value`), a `value` is
 * refused. Strings anywhere are refused when they look like a JWT or a
 * connection string's password.
 */
export function assertNoSecrets(value: JsonValue, path: string, inSecretContainer = false): void {
  if (typeof value === 'string') {
    if (SECRET_STRING.test(value)) throw new SecretInAuditRecordError(path);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoSecrets(item, `${path}[${index}]`, inSecretContainer));
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    const innerPath = `${path}.${key}`;
    const name = normalise(key);
    const secretKey = isSecretKey(key) || (inSecretContainer && name === 'value');
    const scalar = typeof inner === 'string' || typeof inner === 'number';
    if ((secretKey && scalar) || SECRET_STRING.test(key)) {
      throw new SecretInAuditRecordError(innerPath);
    }
    assertNoSecrets(inner, innerPath, inSecretContainer || secretKey || name === 'passwords');
  }
}
