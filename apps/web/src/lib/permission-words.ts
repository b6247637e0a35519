import type { GatewayPermission, RepositoryPermission } from '@latchkey/domain';

/** A permission in words, as every access view shows it. */
export const permissionWords: Record<RepositoryPermission, string> = {
  'content/read': 'content read',
  'content/write': 'content write',
  'content/delete': 'content delete',
  'metadata/read': 'metadata read',
  'metadata/write': 'metadata write',
};

export const gatewayWords: Record<GatewayPermission, string> = {
  'config/read': 'config read',
  'config/write': 'config write',
  'message/read': 'message read',
  'message/write': 'message write',
};

/** Words of any permission, repository or gateway. */
export function permissionWord(p: RepositoryPermission | GatewayPermission): string {
  return p in permissionWords
    ? permissionWords[p as RepositoryPermission]
    : gatewayWords[p as GatewayPermission];
}
