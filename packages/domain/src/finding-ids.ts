/**
 * The findings' ids in catalogue order (stable: exports and links use them),
 * and the severities. Kept apart from the catalogue's text
 * (findings-catalogue.ts) so that a page which only checks a `finding=` or
 * `severity=` link does not download every finding's explanation;
 * findings.test.ts checks the two lists of ids agree.
 */
export const findingIds = [
  'password.expired',
  'password.expiring-7-days',
  'password.expiring-30-days',
  'password.no-expiry',
  'password.older-than-90-days',
  'token.enabled-without-password',
  'scope-map.registry-wide-wildcard',
  'client-token.delete-permission',
  'client-token.write-on-read-only',
  'client-token.unsynced-repository',
  'client-token.disabled-attached',
  'scope-map.unused',
  'token.no-scope-map',
  'sync-token.missing-gateway-permissions',
  'sync-token.ancestor-missing-gateway-permissions',
  'client-token.gateway-permissions',
  'connected-registry.disabled-by-sync-token',
  'connected-registry.never-activated',
  'connected-registry.child-syncs-unsynced-repository',
  'connected-registry.down-over-24-hours',
  'sync-token.password-never-rotated',
] as const;
export type FindingId = (typeof findingIds)[number];

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];
