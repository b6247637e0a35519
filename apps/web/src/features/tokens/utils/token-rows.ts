import {
  describeAcceptance,
  describeKind,
  indexOverview,
  passwordState,
  type PasswordState,
  type RegistryOverview,
  type TokenView,
} from '@latchkey/domain';
import type { TokensSearch, TokenSortColumn } from './tokens-search';

/** A token with what the grid filters and sorts on, computed once per data or clock change. */
export interface TokenRow {
  token: TokenView;
  kindLabel: string;
  slotStates: [PasswordState, PasswordState];
  /** The connected registries that accept it (the engine's `acceptedBy`), by name, once each. */
  acceptedBy: string[];
  /** "sitenorth (sync token of child edgeline1)", for the cell's tooltip. */
  acceptedByText: string;
  searchText: string;
}

export function toTokenRows(
  overview: Pick<
    RegistryOverview,
    'registry' | 'connectedRegistries' | 'tokens' | 'scopeMaps' | 'fetchedAt'
  >,
  now: number,
): TokenRow[] {
  const idx = indexOverview(overview);
  return overview.tokens.map((token) => {
    const kindLabel = describeKind(token.kind);
    const places = idx.acceptedBy(token.name);
    const acceptedBy = [...new Set(places.map((p) => p.connectedRegistry))];
    const acceptedByText = acceptedBy
      .map(
        (name) =>
          `${name} (${places
            .filter((p) => p.connectedRegistry === name)
            .map((p) => describeAcceptance(p.acceptedAs))
            .join(' and ')})`,
      )
      .join(', ');
    return {
      token,
      kindLabel,
      slotStates: [passwordState(token.passwords[0], now), passwordState(token.passwords[1], now)],
      acceptedBy,
      acceptedByText,
      searchText: [token.name, kindLabel, token.scopeMapName ?? '', ...acceptedBy]
        .join('\n')
        .toLowerCase(),
    };
  });
}

/**
 * "No password" means neither slot holds one (the token is unusable); every other
 * state matches when either present slot is in it.
 */
export function matchesPasswordState(row: TokenRow, state: PasswordState): boolean {
  if (state === 'missing') return row.slotStates.every((s) => s === 'missing');
  return row.slotStates.includes(state);
}

// Lower is more urgent, so an ascending sort puts problems first.
const urgency: Record<PasswordState, number> = {
  expired: 0,
  'expiring-7': 1,
  'expiring-30': 2,
  missing: 3,
  'no-expiry': 4,
  valid: 5,
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compare(a: TokenRow, b: TokenRow, column: TokenSortColumn): number {
  switch (column) {
    case 'name':
      return collator.compare(a.token.name, b.token.name);
    case 'kind':
      return collator.compare(a.kindLabel, b.kindLabel);
    case 'status':
      return collator.compare(a.token.status, b.token.status);
    case 'scopeMap':
      return collator.compare(a.token.scopeMapName ?? '', b.token.scopeMapName ?? '');
    case 'password1':
      return urgency[a.slotStates[0]] - urgency[b.slotStates[0]];
    case 'password2':
      return urgency[a.slotStates[1]] - urgency[b.slotStates[1]];
    case 'clientOf':
      return a.acceptedBy.length - b.acceptedBy.length;
  }
}

export function filterAndSort(rows: readonly TokenRow[], search: TokensSearch): TokenRow[] {
  const q = search.q?.trim().toLowerCase();
  const filtered = rows.filter(
    (r) =>
      (!q || r.searchText.includes(q)) &&
      (!search.kind || r.token.kind.type === search.kind) &&
      (!search.status || r.token.status === search.status) &&
      (!search.password || matchesPasswordState(r, search.password)),
  );
  const column = search.sort ?? 'name';
  const sign = search.dir === 'desc' ? -1 : 1;
  // Name breaks ties so the order is stable across polls.
  return filtered.sort(
    (a, b) => sign * compare(a, b, column) || collator.compare(a.token.name, b.token.name),
  );
}
