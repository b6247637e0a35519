import {
  gatewayPermissions,
  repositoryPermissions,
  type GatewayPermission,
  type RepositoryPermission,
} from '@latchkey/domain';
import { gatewayWords, permissionWords } from '../../../lib/permission-words';

export { gatewayWords, permissionWord, permissionWords } from '../../../lib/permission-words';

/**
 * Compact letters for dense matrix cells. Upper case for content (what moves
 * images), lower case for metadata, so a glance separates pull/push/delete
 * from tag listing; the full words are the cell's accessible name.
 */
export const permissionLetters: Record<RepositoryPermission, string> = {
  'content/read': 'R',
  'content/write': 'W',
  'content/delete': 'D',
  'metadata/read': 'r',
  'metadata/write': 'w',
};

/** "RWr", in canonical order; empty for no access. */
export function letters(perms: readonly RepositoryPermission[]): string {
  return repositoryPermissions
    .filter((p) => perms.includes(p))
    .map((p) => permissionLetters[p])
    .join('');
}

/** "north-build-agent on app/api: content read, content write" (or "no access"). */
export function cellName(
  token: string,
  repository: string,
  perms: readonly RepositoryPermission[],
): string {
  const words = repositoryPermissions
    .filter((p) => perms.includes(p))
    .map((p) => permissionWords[p]);
  return `${token} on ${repository}: ${words.length > 0 ? words.join(', ') : 'no access'}`;
}

/**
 * Gateway permissions (config and messages of one connected registry's
 * gateway, which only sync tokens should hold): lower case read, upper case write.
 */
export const gatewayLetters: Record<GatewayPermission, string> = {
  'config/read': 'c',
  'config/write': 'C',
  'message/read': 'm',
  'message/write': 'M',
};

/** "cm", in canonical order; empty for no access. */
export function gatewayLetterString(perms: readonly GatewayPermission[]): string {
  return gatewayPermissions
    .filter((p) => perms.includes(p))
    .map((p) => gatewayLetters[p])
    .join('');
}

/** "edgeline1-sync on the gateway of edgeline1: config read" (or "no access"). */
export function gatewayCellName(
  token: string,
  gateway: string,
  perms: readonly GatewayPermission[],
): string {
  const words = gatewayPermissions.filter((p) => perms.includes(p)).map((p) => gatewayWords[p]);
  return `${token} on the gateway of ${gateway}: ${words.length > 0 ? words.join(', ') : 'no access'}`;
}
