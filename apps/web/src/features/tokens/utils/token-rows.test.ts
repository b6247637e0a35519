import type { RegistryOverview, TokenView } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { filterAndSort, toTokenRows } from './token-rows';
import { connectedRegistry, registrySummary } from '../../../lib/test-fixtures';
import { validateTokensSearch } from './tokens-search';

const now = Date.parse('2026-06-01T00:00:00Z');
const day = 24 * 3600_000;
const token = (name: string, over: Partial<TokenView> = {}): TokenView => ({
  id: name,
  name,
  status: 'enabled',
  scopeMapName: 'map',
  passwords: [
    {
      name: 'password1',
      present: true,
      creationTime: '2026-01-01T00:00:00Z',
      expiry: new Date(now + 90 * day).toISOString(),
    },
    { name: 'password2', present: false },
  ],
  kind: { type: 'unattached' },
  clientOf: [],
  ...over,
});

const tokens: TokenView[] = [
  token('beta', { status: 'disabled' }),
  token('alpha', { kind: { type: 'sync', connectedRegistry: 'edge1' } }),
  token('gamma', {
    passwords: [
      { name: 'password1', present: true, expiry: new Date(now - day).toISOString() },
      { name: 'password2', present: false },
    ],
  }),
  token('delta', {
    passwords: [
      { name: 'password1', present: false },
      { name: 'password2', present: false },
    ],
  }),
];
const cr = connectedRegistry;
// alpha is edge1's sync token, so edge1's parent site1 accepts it; delta is a client of site1.
const overview: RegistryOverview = {
  registry: registrySummary,
  connectedRegistries: [
    cr('site1', { mode: 'ReadWrite', clientTokenNames: ['delta'] }),
    cr('edge1', { parentName: 'site1', syncTokenName: 'alpha' }),
  ],
  tokens,
  scopeMaps: [],
  fetchedAt: '2026-06-01T00:00:00Z',
};
const rows = toTokenRows(overview, now);
const names = (search: Parameters<typeof filterAndSort>[1]) =>
  filterAndSort(rows, search).map((r) => r.token.name);

describe('tokens grid rows', () => {
  it('sorts by name by default and reverses on desc', () => {
    expect(names({})).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    expect(names({ dir: 'desc' })).toEqual(['gamma', 'delta', 'beta', 'alpha']);
  });

  it('searches names and kind descriptions', () => {
    expect(names({ q: 'EDGE1' })).toEqual(['alpha']);
  });

  it('filters by kind, status and password state', () => {
    expect(names({ kind: 'sync' })).toEqual(['alpha']);
    expect(names({ status: 'disabled' })).toEqual(['beta']);
    expect(names({ password: 'expired' })).toEqual(['gamma']);
    // "No password" means neither slot holds one, not merely an empty second slot.
    expect(names({ password: 'missing' })).toEqual(['delta']);
  });

  it("lists where each token is accepted, a child's sync token at the parent included", () => {
    const by = Object.fromEntries(
      rows.map((r) => [r.token.name, [r.acceptedBy, r.acceptedByText]]),
    );
    expect(by.alpha).toEqual([['site1'], 'site1 (sync token of child edge1)']);
    expect(by.delta).toEqual([['site1'], 'site1 (client token)']);
    expect(by.beta).toEqual([[], '']);
    expect(names({ q: 'site1' })).toEqual(['alpha', 'delta']);
    expect(names({ sort: 'clientOf', dir: 'desc' }).slice(0, 2)).toEqual(['alpha', 'delta']);
  });

  it('puts the most urgent password first when sorting by a slot', () => {
    expect(names({ sort: 'password1' })[0]).toBe('gamma');
  });
});

describe('validateTokensSearch', () => {
  it('keeps known values and drops the rest, so old links still open', () => {
    expect(
      validateTokensSearch({
        q: ' x ',
        kind: 'client',
        status: 'nope',
        password: 'expiring-7',
        sort: 'bad',
        dir: 'desc',
      }),
    ).toEqual({ q: ' x ', kind: 'client', password: 'expiring-7', dir: 'desc' });
    expect(validateTokensSearch({ q: '   ' })).toEqual({});
  });
});
