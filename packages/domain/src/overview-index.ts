import type { ConnectedRegistryView, RegistryOverview, ScopeMapView, TokenView } from './dto';
import {
  acceptanceAt,
  type Acceptance,
  type ConnectedRegistryContext,
  type MapLike,
} from './effective-access';

/** A token a place accepts, and every way it accepts it. */
export interface AcceptedToken {
  token: TokenView;
  acceptedAs: Acceptance[];
}

/** A connected registry that accepts a token, and how. */
export interface AcceptingPlace {
  connectedRegistry: string;
  acceptedAs: Acceptance;
}

/** Lookups over one overview by lower-cased name, built once per overview object. */
export interface OverviewIndex {
  token(name: string): TokenView | undefined;
  scopeMap(name: string | null | undefined): ScopeMapView | undefined;
  connectedRegistry(name: string): ConnectedRegistryView | undefined;
  /** Its sync scope map, parent chain, children's sync tokens and whether it is disabled. */
  context(cr: ConnectedRegistryView): ConnectedRegistryContext;
  scopeMapOf(token: TokenView): ScopeMapView | null;
  /** Direct children, in overview order. */
  children(cr: ConnectedRegistryView): ConnectedRegistryView[];
  /**
   * The tokens a place accepts (undefined: the cloud registry, which accepts
   * every token), in overview order. Names that match no token are left out.
   */
  acceptedAt(cr?: ConnectedRegistryView): AcceptedToken[];
  /** The connected registries that accept a token, by name, one entry per way. */
  acceptedBy(tokenName: string): AcceptingPlace[];
}

const indexCache = new WeakMap<RegistryOverview, OverviewIndex>();

export function indexOverview(overview: RegistryOverview): OverviewIndex {
  const cached = indexCache.get(overview);
  if (cached) return cached;
  const k = (s: string) => s.toLowerCase();
  const tokens = new Map(overview.tokens.map((t) => [k(t.name), t]));
  const maps = new Map(overview.scopeMaps.map((m) => [k(m.name), m]));
  const crs = new Map(overview.connectedRegistries.map((c) => [k(c.name), c]));
  const childrenOf = new Map<string, ConnectedRegistryView[]>();
  for (const c of overview.connectedRegistries) {
    if (!c.parentName) continue;
    const list = childrenOf.get(k(c.parentName)) ?? [];
    list.push(c);
    childrenOf.set(k(c.parentName), list);
  }
  const scopeMap = (name: string | null | undefined) => (name ? maps.get(k(name)) : undefined);
  const syncTokenOf = (cr: ConnectedRegistryView) =>
    cr.syncTokenName ? tokens.get(k(cr.syncTokenName)) : undefined;
  const syncMapOf = (cr: ConnectedRegistryView): MapLike | null =>
    scopeMap(syncTokenOf(cr)?.scopeMapName) ?? null;
  const contexts = new Map<string, ConnectedRegistryContext>();
  const accepted = new Map<string, AcceptedToken[]>();
  let byToken: Map<string, AcceptingPlace[]> | undefined;

  const index: OverviewIndex = {
    token: (name) => tokens.get(k(name)),
    scopeMap,
    connectedRegistry: (name) => crs.get(k(name)),
    scopeMapOf: (t) => scopeMap(t.scopeMapName) ?? null,
    children: (cr) => childrenOf.get(k(cr.name)) ?? [],
    context(cr) {
      let ctx = contexts.get(k(cr.name));
      if (ctx) return ctx;
      const ancestors: { name: string; syncScopeMap: MapLike | null }[] = [];
      const seen = new Set([k(cr.name)]);
      // Walk up to the cloud registry; `seen` guards against a malformed cycle.
      for (let p = cr.parentName; p && !seen.has(k(p));) {
        seen.add(k(p));
        const parent = crs.get(k(p));
        if (!parent) break;
        ancestors.push({ name: parent.name, syncScopeMap: syncMapOf(parent) });
        p = parent.parentName;
      }
      ctx = {
        connectedRegistry: cr,
        syncScopeMap: syncMapOf(cr),
        ancestors,
        childSyncTokens: index
          .children(cr)
          .flatMap((c) => (c.syncTokenName ? [{ child: c.name, token: c.syncTokenName }] : [])),
      };
      const own = syncTokenOf(cr);
      if (own?.status === 'disabled') ctx.disabledBySyncToken = own.name;
      contexts.set(k(cr.name), ctx);
      return ctx;
    },
    acceptedAt(cr) {
      const key = cr ? k(cr.name) : '';
      let list = accepted.get(key);
      if (list) return list;
      if (!cr) {
        const as: Acceptance[] = [{ type: 'registry-token' }];
        list = overview.tokens.map((token) => ({ token, acceptedAs: as }));
      } else {
        const ctx = index.context(cr);
        const names = [...cr.clientTokenNames, ...(ctx.childSyncTokens ?? []).map((c) => c.token)];
        const seen = new Set<string>();
        list = [];
        for (const n of names) {
          const token = tokens.get(k(n));
          if (!token || seen.has(k(n))) continue;
          seen.add(k(n));
          list.push({ token, acceptedAs: acceptanceAt(ctx, n) });
        }
      }
      accepted.set(key, list);
      return list;
    },
    acceptedBy(tokenName) {
      if (!byToken) {
        byToken = new Map();
        for (const cr of [...overview.connectedRegistries].sort((a, b) =>
          a.name.localeCompare(b.name),
        )) {
          for (const a of index.acceptedAt(cr)) {
            const list = byToken.get(k(a.token.name)) ?? [];
            for (const as of a.acceptedAs)
              list.push({ connectedRegistry: cr.name, acceptedAs: as });
            byToken.set(k(a.token.name), list);
          }
        }
      }
      return byToken.get(k(tokenName)) ?? [];
    },
  };
  indexCache.set(overview, index);
  return index;
}

/**
 * Who a place accepts, and as what: the cloud registry (no name) every token
 * of the registry; a connected registry its client tokens and the sync tokens
 * of its direct children ("A sync token accesses the endpoint of the parent
 * registry, which is either another connected registry endpoint or the cloud
 * registry itself"). Every view that shows acceptance or access starts here.
 */
export function acceptedAt(
  overview: RegistryOverview,
  connectedRegistry?: string,
): AcceptedToken[] {
  const idx = indexOverview(overview);
  if (connectedRegistry === undefined) return idx.acceptedAt();
  const cr = idx.connectedRegistry(connectedRegistry);
  if (!cr) throw new Error(`no connected registry named ${connectedRegistry}`);
  return idx.acceptedAt(cr);
}

/** The connected registries that accept a token (as a client, or as a child's sync token), by name. */
export function acceptedBy(overview: RegistryOverview, tokenName: string): AcceptingPlace[] {
  return indexOverview(overview).acceptedBy(tokenName);
}
