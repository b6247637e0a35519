import {
  rulesOf,
  type ConnectedRegistryView,
  type RepositoryPermission,
  type ScopeMapView,
  type TokenView,
} from '@latchkey/domain';

/** Azure's limit (reference §3): a connected registry accepts at most 20 client tokens. */
export const maxClientTokens = 20;

const lower = (s: string) => s.toLowerCase();

/** The permissions a ReadOnly connected registry does not serve. */
const writeOrDelete: ReadonlySet<RepositoryPermission> = new Set([
  'content/write',
  'content/delete',
  'metadata/write',
]);

/** Why no further token can be attached, or undefined while there is room. */
export function attachLimitReason(cr: Pick<ConnectedRegistryView, 'name' | 'clientTokenNames'>) {
  return cr.clientTokenNames.length >= maxClientTokens
    ? `${cr.name} already has ${cr.clientTokenNames.length} of ${maxClientTokens} client tokens, the most Azure allows: detach one first.`
    : undefined;
}

/**
 * Tokens that may become client tokens of `cr`: not a sync token of any
 * connected registry (a sync token is for syncing, and the registry's own one
 * is refused by the BFF), and not attached already. Sorted by name.
 */
export function attachableTokens(
  cr: Pick<ConnectedRegistryView, 'clientTokenNames'>,
  tokens: readonly TokenView[],
): TokenView[] {
  const attached = new Set(cr.clientTokenNames.map(lower));
  return tokens
    .filter((t) => t.kind.type !== 'sync' && !attached.has(lower(t.name)))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The write or delete actions of a token's scope map that a ReadOnly connected
 * registry ignores (it serves pulls only): attaching such a token there grants
 * nothing more, but reads as if it did. Empty when the registry is ReadWrite,
 * the token has no scope map, or the map grants only reads.
 */
export function ineffectiveWriteActions(
  cr: Pick<ConnectedRegistryView, 'mode'>,
  token: Pick<TokenView, 'scopeMapName'>,
  scopeMaps: readonly Pick<ScopeMapView, 'name' | 'actions'>[],
): string[] {
  if (cr.mode !== 'ReadOnly' || !token.scopeMapName) return [];
  const name = lower(token.scopeMapName);
  const map = scopeMaps.find((m) => lower(m.name) === name);
  if (!map) return [];
  return rulesOf(map.actions)
    .filter((r) => r.kind === 'repository' && writeOrDelete.has(r.permission))
    .map((r) => r.action);
}
