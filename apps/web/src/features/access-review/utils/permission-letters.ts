import { repositoryPermissions, type RepositoryPermission } from '@latchkey/domain';

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

export const permissionWords: Record<RepositoryPermission, string> = {
  'content/read': 'content read',
  'content/write': 'content write',
  'content/delete': 'content delete',
  'metadata/read': 'metadata read',
  'metadata/write': 'metadata write',
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
