/**
 * Every action code the audit log holds, with the name a person reads. The
 * console's own changes use a verb (`token.disable`); changes a snapshot
 * refresh found in Azure use what changed (`token.status`). One table, used by
 * the audit viewer, its filters and the BFF test that checks every code the
 * BFF records is named here.
 */
export const auditActionNames = {
  // Changes made through the console.
  'token.create': 'Create token',
  'token.password.generate': 'Generate password',
  'token.password.revoke': 'Revoke password',
  'token.enable': 'Enable token',
  'token.disable': 'Disable token',
  'token.delete': 'Delete token',
  'scopeMap.create': 'Create scope map',
  'scopeMap.update': 'Edit scope map',
  'scopeMap.delete': 'Delete scope map',
  'connectedRegistry.clientTokens': 'Change client tokens',
  'connectedRegistry.syncedRepositories': 'Change synced repositories',
  'connectedRegistry.connectionString': 'Generate connection string',
  'connectedRegistry.deactivate': 'Deactivate connected registry',
  'connectedRegistry.create': 'Create connected registry',
  'connectedRegistry.delete': 'Delete connected registry',
  'registry.dataEndpoint': 'Enable data endpoint',
  // Bulk actions: one record for the whole action, beside each token's own.
  'token.bulk.disable': 'Bulk disable tokens',
  'token.bulk.enable': 'Bulk enable tokens',
  'token.bulk.revoke-expired-passwords': 'Bulk revoke expired passwords',
  'token.bulk.delete-unused': 'Bulk delete unused tokens',
  'token.bulk.generate-passwords': 'Bulk generate passwords',
  // Changes observed in Azure (made outside the console).
  'token.created': 'Token created',
  'token.status': 'Token status changed',
  'token.scopeMap': 'Token scope map changed',
  'token.passwords': 'Token passwords changed',
  'token.deleted': 'Token deleted',
  'scopeMap.created': 'Scope map created',
  'scopeMap.actions': 'Scope map actions changed',
  'scopeMap.deleted': 'Scope map deleted',
  'connectedRegistry.attached': 'Connected registry attached',
  'connectedRegistry.detached': 'Connected registry detached',
  'connectedRegistry.mode': 'Connected registry mode changed',
  'connectedRegistry.syncToken': 'Sync token changed',
  'connectedRegistry.activation': 'Activation changed',
  'connectedRegistry.parent': 'Parent changed',
} as const satisfies Record<string, string>;

export type AuditActionCode = keyof typeof auditActionNames;

/** The codes in table order (console changes first, then observed ones). */
export const auditActionCodes = Object.keys(auditActionNames) as AuditActionCode[];

/**
 * The codes a snapshot refresh records for a change it observed (the BFF's
 * snapshot diff); the rest are changes made through the console. The
 * connected registry's client tokens appear in both: a code for what changed.
 */
export const observedAuditActions: readonly string[] = [
  'token.created',
  'token.status',
  'token.scopeMap',
  'token.passwords',
  'token.deleted',
  'scopeMap.created',
  'scopeMap.actions',
  'scopeMap.deleted',
  'connectedRegistry.attached',
  'connectedRegistry.detached',
  'connectedRegistry.mode',
  'connectedRegistry.syncToken',
  'connectedRegistry.activation',
  'connectedRegistry.parent',
  'connectedRegistry.clientTokens',
];

/** Families for the action filter: `token.*` matches every token action. */
export const auditActionFamilies = [
  { prefix: 'token.', label: 'Any token change' },
  { prefix: 'scopeMap.', label: 'Any scope map change' },
  { prefix: 'connectedRegistry.', label: 'Any connected registry change' },
  { prefix: 'registry.', label: 'Any registry change' },
] as const;

/**
 * The name a person reads for a code; an unknown code (a newer BFF, an older
 * record) is shown as it is, so nothing is hidden.
 */
export function auditActionName(code: string): string {
  return Object.hasOwn(auditActionNames, code) ? auditActionNames[code as AuditActionCode] : code;
}
