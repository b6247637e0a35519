import {
  accessOnConnectedRegistry,
  gatewayAccessOnConnectedRegistry,
  gatewaysOf,
  indexOverview,
  rulesOf,
  tokenAccess,
  tokenGatewayAccess,
  type ConnectedRegistryView,
  type RegistryOverview,
  type RepositoryRule,
  type TokenAccess,
  type TokenGatewayAccess,
  type TokenView,
} from '@latchkey/domain';

export interface AccessAtPlace {
  /** One answer per repository (or pattern) its scope map names, by name. */
  access: TokenAccess[];
  /** One answer per connected registry whose gateway its scope map names. */
  gateways: TokenGatewayAccess[];
}

/**
 * Everything a token's scope map names, asked of the engine at one place (the
 * cloud registry when `cr` is absent): what works there and what does not, why.
 */
export function accessAtPlace(
  overview: RegistryOverview,
  token: TokenView,
  cr?: ConnectedRegistryView,
): AccessAtPlace {
  const idx = indexOverview(overview);
  const map = idx.scopeMapOf(token);
  if (!map) return { access: [], gateways: [] };
  const ctx = cr ? idx.context(cr) : undefined;
  const repos = [
    ...new Set(
      rulesOf(map.actions)
        .filter((r): r is RepositoryRule => r.kind === 'repository')
        .map((r) => r.repository),
    ),
  ].sort();
  return {
    access: repos.map((r) =>
      ctx ? accessOnConnectedRegistry(ctx, token, map, r) : tokenAccess(token, map, r),
    ),
    gateways: gatewaysOf(map.actions).map(({ connectedRegistry: g }) =>
      ctx
        ? gatewayAccessOnConnectedRegistry(ctx, token, map, g)
        : tokenGatewayAccess(token, map, g),
    ),
  };
}
