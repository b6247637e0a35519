/**
 * Resource servers the identity provider issues access tokens for, and how
 * Entra-style scopes map onto them. msal never sends the RFC 8707 `resource`
 * parameter; it sends URI-shaped scopes (`<resource>/<permission>`), so the
 * resource is everything before the scope's last `/`.
 */

/** ARM, under both of its identifier URIs, with and without the trailing slash (the CLI asks for `https://management.core.windows.net//.default`). */
export const ARM_RESOURCES: readonly string[] = [
  'https://management.azure.com',
  'https://management.azure.com/',
  'https://management.core.windows.net',
  'https://management.core.windows.net/',
];

/** ARM's only delegated permission. */
export const ARM_DELEGATED_PERMISSION = 'user_impersonation';

export function isArmResource(resource: string): boolean {
  return ARM_RESOURCES.includes(resource);
}

/** The full scope strings a client may ask for on `resource`. */
export function scopesFor(resource: string): string[] {
  return [`${resource}/${ARM_DELEGATED_PERMISSION}`, `${resource}/.default`];
}

/** The resource named by the first URI-shaped scope, if any (`openid`, `profile`... are not). */
export function resourceFromScope(scope: string | undefined): string | undefined {
  for (const value of scope?.split(' ') ?? []) {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
    const cut = value.lastIndexOf('/');
    if (cut <= value.indexOf('://') + 2) continue;
    return value.slice(0, cut);
  }
  return undefined;
}

/**
 * Entra's `scp`: permission names without the resource prefix. `.default`
 * stands for everything consented, which for ARM is `user_impersonation`.
 */
export function scpFromScope(scope: string): string | undefined {
  const names = new Set<string>();
  for (const value of scope.split(' ')) {
    if (!value) continue;
    const name = value.slice(value.lastIndexOf('/') + 1);
    names.add(name === '.default' ? ARM_DELEGATED_PERMISSION : name);
  }
  return names.size > 0 ? [...names].join(' ') : undefined;
}
