/**
 * A small reader of scope-map actions, enough to draw permission matrices.
 * Actions look like `repositories/<repo>/<content|metadata>/<verb>` (the
 * repository may contain slashes and wildcards) and
 * `gateway/<connected-registry>/<config|message>/<read|write>`.
 * The full grammar and wildcard engine arrive later in packages/domain.
 */
import { gatewayPermissions, repositoryPermissions } from '@latchkey/domain';

// The permission lists are the domain's (the BFF validates scope maps against them).
export { gatewayPermissions, repositoryPermissions };
export type RepositoryPermission = (typeof repositoryPermissions)[number];
export type GatewayPermission = (typeof gatewayPermissions)[number];

export interface PermissionRow<P extends string> {
  target: string;
  granted: ReadonlySet<P>;
}

export interface ParsedActions {
  repositories: PermissionRow<RepositoryPermission>[];
  gateways: PermissionRow<GatewayPermission>[];
  /** Actions this reader does not recognise, shown verbatim rather than dropped. */
  other: string[];
}

function includes<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function parseActions(actions: readonly string[]): ParsedActions {
  const repos = new Map<string, Set<RepositoryPermission>>();
  const gateways = new Map<string, Set<GatewayPermission>>();
  const other: string[] = [];
  for (const action of actions) {
    const parts = action.split('/');
    const head = parts[0]?.toLowerCase();
    if (parts.length < 4) {
      other.push(action);
      continue;
    }
    const permission = parts.slice(-2).join('/').toLowerCase();
    const target = parts.slice(1, -2).join('/');
    if (head === 'repositories' && includes(repositoryPermissions, permission)) {
      const set = repos.get(target) ?? new Set();
      set.add(permission);
      repos.set(target, set);
    } else if (head === 'gateway' && includes(gatewayPermissions, permission)) {
      const set = gateways.get(target) ?? new Set();
      set.add(permission);
      gateways.set(target, set);
    } else {
      other.push(action);
    }
  }
  const rows = <P extends string>(m: Map<string, Set<P>>): PermissionRow<P>[] =>
    [...m.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([target, granted]) => ({ target, granted }));
  return { repositories: rows(repos), gateways: rows(gateways), other };
}

/** Repository patterns a sync scope map lets a connected registry sync. */
export function syncedRepositories(actions: readonly string[]): string[] {
  return parseActions(actions).repositories.map((r) => r.target);
}
