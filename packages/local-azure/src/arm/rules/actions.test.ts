import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkScopeMapAction,
  checkScopeMapActions,
  GATEWAY_PERMISSIONS,
  MAX_SCOPE_MAP_ACTIONS,
  REPOSITORY_PERMISSIONS,
} from './actions';

// --- generators of valid pieces -------------------------------------------------

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''));
const alnumRun = fc.string({ unit: alnum, minLength: 1, maxLength: 8 });
const separator = fc.constantFrom('.', '_', '__', '-', '--', '---');
const component = fc
  .tuple(alnumRun, fc.array(fc.tuple(separator, alnumRun), { maxLength: 3 }))
  .map(([head, rest]) => head + rest.map(([s, r]) => s + r).join(''));
const repoName = fc
  .array(component, { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('/'))
  // A name like "x/content" would make a dropped permission look valid; keep names plain.
  .filter((n) => !/(^|\/)(content|metadata|config|message)(\/|$)/.test(n));
const repoTarget = fc.oneof(
  repoName,
  repoName.map((n) => `${n}/*`),
  fc.constant('*'),
);
const gatewayName = fc.string({ unit: alnum, minLength: 5, maxLength: 50 });
const repoPermission = fc.constantFrom(...REPOSITORY_PERMISSIONS);
const gatewayPermission = fc.constantFrom(...GATEWAY_PERMISSIONS);

interface Parts {
  prefix: 'repositories' | 'gateway';
  target: string;
  permission: string;
}
const validParts: fc.Arbitrary<Parts> = fc.oneof(
  fc.record({
    prefix: fc.constant('repositories' as const),
    target: repoTarget,
    permission: repoPermission,
  }),
  fc.record({
    prefix: fc.constant('gateway' as const),
    target: gatewayName,
    permission: gatewayPermission,
  }),
);
const join = (p: Parts): string => `${p.prefix}/${p.target}/${p.permission}`;

/** Upper-cases a random subset of characters: ARM accepts any case and stores lower case. */
const withRandomCase = (s: string): fc.Arbitrary<string> =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flags) => [...s].map((c, i) => (flags[i] ? c.toUpperCase() : c)).join(''));

function expectRule(action: string, rule: string): void {
  const result = checkScopeMapAction(action);
  expect(result, action).toMatchObject({ ok: false, rule });
  if (!result.ok) expect(result.message).toContain(JSON.stringify(action));
}

describe('checkScopeMapAction: valid actions', () => {
  it('accepts and lower-cases every generated valid action', () => {
    fc.assert(
      fc.property(
        validParts.chain((p) => withRandomCase(join(p)).map((written) => ({ p, written }))),
        ({ p, written }) => {
          const result = checkScopeMapAction(written);
          expect(result).toEqual({
            ok: true,
            normalized: join(p),
            kind: p.prefix,
            target: p.target,
            permission: p.permission,
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    'repositories/samples/hello-world/content/read',
    'repositories/samples/*/metadata/write',
    'repositories/*/content/delete',
    'repositories/a__b.c-d---e/content/write',
    'Repositories/Samples/Hello/CONTENT/READ',
    'gateway/edgeline1/config/read',
    'gateway/SiteNorth/message/write',
  ])('accepts %s', (action) => {
    expect(checkScopeMapAction(action).ok).toBe(true);
  });
});

describe('checkScopeMapAction: mutated actions', () => {
  const repoParts = fc.record({
    prefix: fc.constant('repositories' as const),
    target: repoName,
    permission: repoPermission,
  });

  it('rejects a "*" inserted inside a repository name (wildcard-position)', () => {
    fc.assert(
      fc.property(
        repoParts.chain((p) =>
          fc.record({
            p: fc.constant(p),
            at: fc.integer({ min: 0, max: p.target.length - 1 }),
            trailingWildcard: fc.boolean(),
          }),
        ),
        ({ p, at, trailingWildcard }) => {
          const target = p.target.slice(0, at) + '*' + p.target.slice(at);
          expectRule(
            join({ ...p, target: trailingWildcard ? `${target}/*` : target }),
            'action.wildcard-position',
          );
        },
      ),
    );
  });

  it('rejects an action whose permission was dropped (unknown-permission)', () => {
    fc.assert(
      fc.property(validParts, (p) => {
        expectRule(`${p.prefix}/${p.target}`, 'action.unknown-permission');
      }),
    );
  });

  it('rejects an unknown permission (unknown-permission)', () => {
    const badRepoPermission = fc.constantFrom(
      'content/pull',
      'content/contentwrite',
      'metadata/delete',
      'content/admin',
      'config/read',
      'message/write',
      'content/read/x',
    );
    const badGatewayPermission = fc.constantFrom(
      'content/read',
      'metadata/write',
      'config/delete',
      'message/pull',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({
            prefix: fc.constant('repositories' as const),
            target: repoTarget,
            permission: badRepoPermission,
          }),
          fc.record({
            prefix: fc.constant('gateway' as const),
            target: gatewayName,
            permission: badGatewayPermission,
          }),
        ),
        (p) => expectRule(join(p), 'action.unknown-permission'),
      ),
    );
  });

  it('rejects a bad prefix (unknown-prefix)', () => {
    const badPrefix = fc.constantFrom(
      'repository',
      'repos',
      'gateways',
      'registry',
      'repositories2',
      'artifacts',
      'content',
    );
    fc.assert(
      fc.property(validParts, badPrefix, (p, prefix) => {
        expectRule(`${prefix}/${p.target}/${p.permission}`, 'action.unknown-prefix');
      }),
    );
  });

  it('rejects an empty segment, leading or trailing slash (empty-segment)', () => {
    fc.assert(
      fc.property(
        validParts.chain((p) => {
          const action = join(p);
          const slashes = [...action].flatMap((c, i) => (c === '/' ? [i] : []));
          return fc.record({
            action: fc.constant(action),
            slash: fc.constantFrom(...slashes),
            how: fc.constantFrom('double', 'leading', 'trailing'),
          });
        }),
        ({ action, slash, how }) => {
          const mutated =
            how === 'double'
              ? action.slice(0, slash) + '/' + action.slice(slash)
              : how === 'leading'
                ? `/${action}`
                : `${action}/`;
          expectRule(mutated, 'action.empty-segment');
        },
      ),
    );
  });

  it('rejects whitespace anywhere (whitespace)', () => {
    fc.assert(
      fc.property(
        validParts.chain((p) => {
          const action = join(p);
          return fc.record({
            action: fc.constant(action),
            at: fc.integer({ min: 0, max: action.length }),
            space: fc.constantFrom(' ', '\t', '\n', '\u00a0'),
          });
        }),
        ({ action, at, space }) => {
          expectRule(action.slice(0, at) + space + action.slice(at), 'action.whitespace');
        },
      ),
    );
  });

  it.each([
    ['repositories/a/*/b/content/read', 'action.wildcard-position'],
    ['repositories/a*/content/read', 'action.wildcard-position'],
    ['repositories/a/*/b/*/content/read', 'action.wildcard-position'],
    ['repositories/*/*/content/read', 'action.wildcard-position'],
    ['repositories/**/content/read', 'action.wildcard-position'],
    ['repositories/content/read', 'action.empty-name'],
    ['gateway/config/read', 'action.empty-name'],
    ['repositories//content/read', 'action.empty-segment'],
    ['repositories/-abc/content/read', 'action.repository-name'],
    ['repositories/a..b/content/read', 'action.repository-name'],
    ['repositories/a._b/content/read', 'action.repository-name'],
    ['repositories/abc_/content/read', 'action.repository-name'],
    ['repositories/caf\u00e9/content/read', 'action.repository-name'],
    ['gateway/*/config/read', 'action.gateway-name'],
    ['gateway/edge*/config/read', 'action.gateway-name'],
    ['gateway/edge/config/read', 'action.gateway-name'],
    ['gateway/edge-line/config/read', 'action.gateway-name'],
    ['gateway/site/edge1/config/read', 'action.gateway-name'],
    [`gateway/${'a'.repeat(51)}/config/read`, 'action.gateway-name'],
    ['', 'action.empty'],
    ['repositories', 'action.unknown-permission'],
  ])('rejects %s with %s', (action, rule) => {
    expect(checkScopeMapAction(action)).toMatchObject({ ok: false, rule });
  });

  it('does not backtrack catastrophically on a near-miss repository name', () => {
    const started = performance.now();
    const result = checkScopeMapAction(`repositories/${'a'.repeat(5000)}!/content/read`);
    expect(result).toMatchObject({ ok: false, rule: 'action.repository-name' });
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('checkScopeMapActions', () => {
  const distinct = (n: number): string[] =>
    Array.from({ length: n }, (_, i) => `repositories/repo${i}/content/read`);

  it(`accepts ${MAX_SCOPE_MAP_ACTIONS} actions and rejects ${MAX_SCOPE_MAP_ACTIONS + 1}`, () => {
    const ok = checkScopeMapActions(distinct(500));
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.normalized).toHaveLength(500);
    expect(checkScopeMapActions(distinct(501))).toMatchObject({ ok: false, rule: 'action.limit' });
  });

  it('collapses duplicates after normalisation instead of failing', () => {
    const result = checkScopeMapActions([
      'repositories/Hello/content/read',
      'repositories/hello/CONTENT/read',
      'gateway/EdgeLine1/config/read',
      'gateway/edgeline1/config/read',
    ]);
    expect(result).toEqual({
      ok: true,
      normalized: ['repositories/hello/content/read', 'gateway/edgeline1/config/read'],
    });
    // 600 entries that are 300 distinct actions fit the limit.
    expect(checkScopeMapActions([...distinct(300), ...distinct(300)]).ok).toBe(true);
  });

  it('rejects empty lists, non-arrays and non-strings', () => {
    expect(checkScopeMapActions([])).toMatchObject({ ok: false, rule: 'action.empty-list' });
    expect(checkScopeMapActions('repositories/a/content/read')).toMatchObject({
      ok: false,
      rule: 'action.not-array',
    });
    expect(checkScopeMapActions(['repositories/a/content/read', 42])).toMatchObject({
      ok: false,
      index: 1,
      rule: 'action.not-string',
    });
  });

  it('reports the index and rule of the first invalid action', () => {
    fc.assert(
      fc.property(
        fc.array(validParts.map(join), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        (actions, n) => {
          const index = n % actions.length;
          const list = [...actions];
          list[index] = `${list[index]}/`;
          expect(checkScopeMapActions(list)).toMatchObject({
            ok: false,
            index,
            rule: 'action.empty-segment',
          });
        },
      ),
    );
  });
});
