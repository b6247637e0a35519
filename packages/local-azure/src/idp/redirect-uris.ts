const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const WILDCARD_PORT = /^(https?:\/\/)([^/:?#]+|\[[^\]]+\]):\*(?=[/?#]|$)/i;

/**
 * True when `pattern` registers a loopback URI with `*` as its port. Only
 * loopback hosts may use it: on any other host a wildcard port would let a
 * different service receive the code.
 */
export function isWildcardPortPattern(pattern: string): boolean {
  const match = WILDCARD_PORT.exec(pattern);
  return match !== null && LOOPBACK_HOSTS.has((match[2] ?? '').toLowerCase());
}

/**
 * The registered URI as oidc-provider's client schema will accept it: a `*`
 * port is not a valid URL, so it is dropped. The real check is
 * `redirectUriMatches`, which replaces the provider's own.
 */
export function toProviderMetadataUri(pattern: string): string {
  return isWildcardPortPattern(pattern) ? pattern.replace(WILDCARD_PORT, '$1$2') : pattern;
}

/**
 * Exact string match, as Entra does for web redirect URIs, except that a
 * registered loopback `*` port matches any explicit port (1-65535) on the same
 * scheme, host, path and query. A port-less URI does not match a `*` pattern.
 */
export function redirectUriMatches(value: string, registered: readonly string[]): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  for (const pattern of registered) {
    if (pattern === value) return true;
    if (!isWildcardPortPattern(pattern)) continue;
    const prefix = WILDCARD_PORT.exec(pattern);
    if (!prefix) continue;
    const head = `${prefix[1]}${prefix[2]}:`.toLowerCase();
    const tail = pattern.slice(prefix[0].length);
    if (!value.toLowerCase().startsWith(head)) continue;
    const rest = value.slice(head.length);
    const port = /^\d{1,5}/.exec(rest)?.[0];
    if (!port || port.startsWith('0')) continue;
    const portNumber = Number(port);
    if (portNumber < 1 || portNumber > 65535) continue;
    if (rest.slice(port.length) === tail) return true;
  }
  return false;
}
