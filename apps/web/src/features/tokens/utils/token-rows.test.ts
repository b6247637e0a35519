import type { RegistryOverview, TokenView } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { filterAndSort, findingTargetNames, toTokenRows } from './token-rows';
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

  it('sorts a slot by expiry: expired first, then the soonest, then never expiring, empty last', () => {
    const dated = (name: string, days: number | null) =>
      token(name, {
        passwords: [
          days === null
            ? { name: 'password1', present: true }
            : {
                name: 'password1',
                present: true,
                expiry: new Date(now + days * day).toISOString(),
              },
          { name: 'password2', present: false },
        ],
      });
    const mixed = toTokenRows(
      {
        ...overview,
        connectedRegistries: [],
        tokens: [
          dated('in40', 40),
          dated('never', null),
          dated('in3', 3),
          dated('ago10', -10),
          dated('ago1', -1),
          token('empty', {
            passwords: [
              { name: 'password1', present: false },
              { name: 'password2', present: false },
            ],
          }),
          dated('in12', 12),
        ],
      },
      now,
    );
    // Not grouped by state: 3 days and 12 days are both "expiring" but in expiry order.
    expect(filterAndSort(mixed, { sort: 'password1' }).map((r) => r.token.name)).toEqual([
      'ago10',
      'ago1',
      'in3',
      'in12',
      'in40',
      'never',
      'empty',
    ]);
  });

  it('filters by a finding type: only the tokens its findings target', () => {
    const findings = [
      { id: 'password.expired', target: { kind: 'token', name: 'Gamma' } },
      { id: 'password.expired', target: { kind: 'scope-map', name: 'beta' } },
      { id: 'token.no-scope-map', target: { kind: 'token', name: 'beta' } },
    ] as unknown as Parameters<typeof findingTargetNames>[0];
    const targets = findingTargetNames(findings, 'password.expired');
    expect(
      filterAndSort(rows, { finding: 'password.expired' }, targets).map((r) => r.token.name),
    ).toEqual(['gamma']);
    // A finding filter with nothing targeted matches nothing (not everything).
    expect(
      filterAndSort(rows, { finding: 'password.expired' }, new Set()).map((r) => r.token.name),
    ).toEqual([]);
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
        finding: 'password.no-expiry',
      }),
    ).toEqual({
      q: ' x ',
      kind: 'client',
      password: 'expiring-7',
      dir: 'desc',
      finding: 'password.no-expiry',
    });
    expect(validateTokensSearch({ finding: 'made.up' })).toEqual({});
    expect(validateTokensSearch({ q: '   ' })).toEqual({});
  });
});
