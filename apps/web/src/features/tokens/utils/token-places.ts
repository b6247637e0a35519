import {
  indexOverview,
  type Acceptance,
  type ConnectedRegistryView,
  type RegistryOverview,
  type TokenView,
} from '@latchkey/domain';
import { accessAtPlace, type AccessAtPlace } from '../../../lib/token-access';

/** A place that accepts a token, how, and what the token can do there. */
export interface TokenPlace extends AccessAtPlace {
  /** Absent: the cloud registry. */
  connectedRegistry?: ConnectedRegistryView;
  acceptedAs: Acceptance[];
  /** Set when the place is disabled by its own sync token: nothing works there. */
  disabledBySyncToken?: string;
}

export interface TokenPlaces {
  token: TokenView | undefined;
  /** The connected registry whose sync token it is (it signs in to that registry's parent). */
  syncTokenOf: ConnectedRegistryView | undefined;
  /** The cloud registry first, then each connected registry that accepts it, by name. */
  places: TokenPlace[];
}

/**
 * Where a token is accepted and its effective access at each place, from the
 * engine: the cloud registry accepts every token; connected registries come
 * from `acceptedBy` (client token, or the sync token of one of their children).
 */
export function tokenPlaces(overview: RegistryOverview, tokenName: string): TokenPlaces {
  const idx = indexOverview(overview);
  const token = idx.token(tokenName);
  const syncTokenOf = overview.connectedRegistries.find(
    (c) => c.syncTokenName?.toLowerCase() === tokenName.toLowerCase(),
  );
  if (!token) return { token, syncTokenOf, places: [] };
  const places: TokenPlace[] = [
    { acceptedAs: [{ type: 'registry-token' }], ...accessAtPlace(overview, token) },
  ];
  const byPlace = new Map<string, Acceptance[]>();
  for (const p of idx.acceptedBy(token.name)) {
    byPlace.set(p.connectedRegistry, [...(byPlace.get(p.connectedRegistry) ?? []), p.acceptedAs]);
  }
  for (const [name, acceptedAs] of byPlace) {
    const cr = idx.connectedRegistry(name);
    if (!cr) continue;
    const disabledBy = idx.context(cr).disabledBySyncToken;
    places.push({
      connectedRegistry: cr,
      acceptedAs,
      ...(disabledBy ? { disabledBySyncToken: disabledBy } : {}),
      ...accessAtPlace(overview, token, cr),
    });
  }
  return { token, syncTokenOf, places };
}
