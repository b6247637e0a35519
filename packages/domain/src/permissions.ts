/** Console roles, as Entra app roles in the `roles` claim. */
export const consoleRoles = ['Latchkey.Admin', 'Latchkey.Reviewer'] as const;
export type ConsoleRole = (typeof consoleRoles)[number];

/**
 * What a console role allows. Azure RBAC still applies on top: every ARM call
 * carries the person's own token, so an admin with only Reader on a registry
 * is refused by Azure, and the console says which role is missing.
 */
export const permissions = [
  'registry.read',
  'audit.read',
  'report.export',
  'token.write',
  'token.credentials.generate',
  'scopeMap.write',
  'connectedRegistry.write',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<ConsoleRole, readonly Permission[]> = {
  'Latchkey.Reviewer': ['registry.read', 'audit.read', 'report.export'],
  'Latchkey.Admin': permissions,
};

export function rolesFromClaim(claim: unknown): ConsoleRole[] {
  if (!Array.isArray(claim)) return [];
  return consoleRoles.filter((role) => claim.includes(role));
}

export function can(roles: readonly ConsoleRole[], permission: Permission): boolean {
  return roles.some((role) => grants[role].includes(permission));
}

/** The role shown in the user menu: the strongest one held. */
export function primaryRole(roles: readonly ConsoleRole[]): ConsoleRole | undefined {
  if (roles.includes('Latchkey.Admin')) return 'Latchkey.Admin';
  if (roles.includes('Latchkey.Reviewer')) return 'Latchkey.Reviewer';
  return undefined;
}
