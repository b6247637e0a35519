import {
  accessOnConnectedRegistry,
  indexOverview,
  rulesOf,
  type ConnectedRegistryTokenAccess,
  type ConnectedRegistryView,
  type RegistryOverview,
  type RepositoryRule,
  type TokenView,
} from '@latchkey/domain';

export interface ClientSummary {
  token: TokenView | undefined;
  tokenName: string;
  scopeMap: string | null;
  /** One answer per repository (or pattern) its scope map names. */
  access: ConnectedRegistryTokenAccess[];
  /** Words for the person: ineffective grants and risky states, first reason each. */
  warnings: string[];
}

/**
 * What each client token of a connected registry can do there, repository by
 * repository its scope map names, with the warnings a reviewer should see:
 * write/delete on a ReadOnly registry, grants on repositories it does not
 * sync, a disabled token still attached, a client token that does not exist.
 */
export function clientSummaries(
  overview: RegistryOverview,
  cr: ConnectedRegistryView,
): ClientSummary[] {
  const idx = indexOverview(overview);
  const ctx = idx.context(cr);
  return cr.clientTokenNames.map((name) => {
    const token = idx.token(name);
    if (!token) {
      return {
        token,
        tokenName: name,
        scopeMap: null,
        access: [],
        warnings: [`${name} is attached but no such token exists`],
      };
    }
    const map = idx.scopeMapOf(token);
    const repos = map
      ? [
          ...new Set(
            rulesOf(map.actions)
              .filter((r): r is RepositoryRule => r.kind === 'repository')
              .map((r) => r.repository),
          ),
        ].sort()
      : [];
    const access = repos.map((r) => accessOnConnectedRegistry(ctx, token, map, r));
    const warnings: string[] = [];
    if (token.status === 'disabled') {
      warnings.push(
        `Disabled but still attached: it uses one of the 20 client slots of ${cr.name}`,
      );
    }
    if (!map) warnings.push('No scope map: it grants nothing');
    for (const a of access) {
      // One line per repository and reason, not per permission: "content write, content delete".
      const byReason = new Map<string, string[]>();
      for (const g of a.removed) {
        if (g.reason === 'token-disabled') continue; // said once above
        const list = byReason.get(g.explanation) ?? [];
        list.push(g.permission);
        byReason.set(g.explanation, list);
      }
      for (const [explanation, perms] of byReason) {
        warnings.push(`${a.repository}: ${perms.join(', ')} has no effect (${explanation})`);
      }
    }
    return { token, tokenName: token.name, scopeMap: map?.name ?? null, access, warnings };
  });
}
