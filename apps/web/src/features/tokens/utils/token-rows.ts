import {
  describeAcceptance,
  describeKind,
  indexOverview,
  passwordState,
  type PasswordState,
  type RegistryOverview,
  type TokenView,
} from '@latchkey/domain';
import type { Finding } from '@latchkey/domain';
import type { TokensSearch, TokenSortColumn } from './tokens-search';

/** The names (lower-cased) of the tokens that findings of `id` target. */
export function findingTargetNames(findings: readonly Finding[], id: string): Set<string> {
  return new Set(
    findings
      .filter((f) => f.id === id && f.target.kind === 'token')
      .map((f) => f.target.name.toLowerCase()),
  );
}

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

/**
 * A slot's sort key: its expiry, so an ascending sort lists the longest
 * expired first, then the soonest to expire. A password that never expires
 * comes after every dated one, and an empty slot last.
 */
function expiryKey(row: TokenRow, slot: 0 | 1): number {
  const p = row.token.passwords[slot];
  if (!p.present) return Number.MAX_VALUE;
  if (!p.expiry) return Number.MAX_VALUE / 2;
  return Date.parse(p.expiry);
}

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
      return Math.sign(expiryKey(a, 0) - expiryKey(b, 0));
    case 'password2':
      return Math.sign(expiryKey(a, 1) - expiryKey(b, 1));
    case 'clientOf':
      return a.acceptedBy.length - b.acceptedBy.length;
  }
}

/**
 * The rows matching the search, sorted. `findingTargets`: with a `finding`
 * filter, the (lower-cased) names of the tokens that finding type targets.
 */
export function filterAndSort(
  rows: readonly TokenRow[],
  search: TokensSearch,
  findingTargets?: ReadonlySet<string>,
): TokenRow[] {
  const q = search.q?.trim().toLowerCase();
  const filtered = rows.filter(
    (r) =>
      (!search.finding || !!findingTargets?.has(r.token.name.toLowerCase())) &&
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
