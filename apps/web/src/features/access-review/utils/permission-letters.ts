import {
  gatewayPermissions,
  repositoryPermissions,
  type GatewayPermission,
  type RepositoryPermission,
} from '@latchkey/domain';
import { gatewayWords, permissionWords } from '../../../lib/permission-words';

export { gatewayWords, permissionWord, permissionWords } from '../../../lib/permission-words';

/** How a permission looks in a matrix cell: a short word (never a letter whose case is the meaning) and a tone. */
export interface PermissionChip {
  label: string;
  /** What the legend says it means. */
  meaning: string;
  tone: 'pull' | 'push' | 'delete' | 'metadata' | 'gateway';
}

/**
 * Short words for dense matrix cells, each different in letters (not only in
 * case) and in colour: Pull, Push, Delete for content; List and Meta for
 * metadata. The cell's accessible name still says the full words.
 */
export const permissionChips: Record<RepositoryPermission, PermissionChip> = {
  'content/read': { label: 'Pull', meaning: 'content read: pull images', tone: 'pull' },
  'content/write': { label: 'Push', meaning: 'content write: push images', tone: 'push' },
  'content/delete': { label: 'Delete', meaning: 'content delete: delete images', tone: 'delete' },
  'metadata/read': {
    label: 'List',
    meaning: 'metadata read: list tags and manifests',
    tone: 'metadata',
  },
  'metadata/write': {
    label: 'Meta',
    meaning: 'metadata write: change tag and manifest attributes',
    tone: 'metadata',
  },
};

/** The chips of one cell, in canonical order; empty for no access. */
export function chipsOf(perms: readonly RepositoryPermission[]): PermissionChip[] {
  return repositoryPermissions.filter((p) => perms.includes(p)).map((p) => permissionChips[p]);
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
 * gateway, which only sync tokens should hold), as words.
 */
export const gatewayChips: Record<GatewayPermission, PermissionChip> = {
  'config/read': { label: 'Config read', meaning: 'gateway config read', tone: 'gateway' },
  'config/write': { label: 'Config write', meaning: 'gateway config write', tone: 'gateway' },
  'message/read': { label: 'Msg read', meaning: 'gateway message read', tone: 'gateway' },
  'message/write': { label: 'Msg write', meaning: 'gateway message write', tone: 'gateway' },
};

export function gatewayChipsOf(perms: readonly GatewayPermission[]): PermissionChip[] {
  return gatewayPermissions.filter((p) => perms.includes(p)).map((p) => gatewayChips[p]);
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
