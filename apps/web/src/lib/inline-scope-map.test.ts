import { describe, expect, it } from 'vitest';
import {
  buildInlineScopeMap,
  isRegistryWide,
  previewActions,
  repositoryPatternError,
  type GatewayRow,
  type RepositoryRow,
} from './inline-scope-map';

const repo = (
  key: string,
  repository: string,
  permissions: RepositoryRow['permissions'],
): RepositoryRow => ({ key, repository, permissions });

describe('repositoryPatternError', () => {
  it.each(['hello', 'team/app', 'team/*', '*', 'a.b_c-d/e__f', 'x/y/z/*'])('accepts %s', (p) => {
    expect(repositoryPatternError(p)).toBeUndefined();
  });

  it.each([
    ['', 'Enter a repository'],
    ['a*', 'wildcard'],
    ['a/*/b', 'wildcard'],
    ['a/*/b/*', 'wildcard'],
    ['**', 'wildcard'],
    ['Team/App', 'lower-case'],
    ['team//app', 'Use lower-case letters'],
    ['team/', 'Use lower-case letters'],
    ['-team', 'Use lower-case letters'],
  ])('refuses %j', (p, why) => {
    expect(repositoryPatternError(p)).toContain(why);
  });

  it('recognises the registry-wide wildcard', () => {
    expect(isRegistryWide(' * ')).toBe(true);
    expect(isRegistryWide('team/*')).toBe(false);
  });
});

describe('buildInlineScopeMap', () => {
  it('turns rows into the request, merging duplicate patterns in canonical order', () => {
    const r = buildInlineScopeMap(
      [
        repo('1', 'team/app', ['metadata/read', 'content/read']),
        repo('2', ' team/app ', ['content/write']),
        repo('3', 'base/*', ['content/read']),
      ],
      [{ key: 'g', connectedRegistry: 'edge01', permissions: ['message/read', 'config/read'] }],
    );
    expect(r).toEqual({
      ok: true,
      value: {
        repositories: [
          {
            repository: 'team/app',
            permissions: ['content/read', 'content/write', 'metadata/read'],
          },
          { repository: 'base/*', permissions: ['content/read'] },
        ],
        gateways: [{ connectedRegistry: 'edge01', permissions: ['config/read', 'message/read'] }],
      },
    });
    if (r.ok) {
      expect(previewActions(r.value)).toEqual([
        'repositories/team/app/content/read',
        'repositories/team/app/content/write',
        'repositories/team/app/metadata/read',
        'repositories/base/*/content/read',
        'gateway/edge01/config/read',
        'gateway/edge01/message/read',
      ]);
    }
  });

  it('names what is wrong, per row', () => {
    const gateways: GatewayRow[] = [{ key: 'g', connectedRegistry: 'edge', permissions: [] }];
    const r = buildInlineScopeMap(
      [repo('1', 'a/*/b', []), repo('2', 'ok', ['content/read'])],
      gateways,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.keys(r.errors.repository)).toEqual(['1']);
      expect(Object.keys(r.errors.repositoryPermissions)).toEqual(['1']);
      expect(r.errors.connectedRegistry.g).toContain('5–50 letters or digits');
      expect(r.errors.gatewayPermissions.g).toBeDefined();
    }
  });

  it('refuses an empty map and one over 500 actions', () => {
    const empty = buildInlineScopeMap([], []);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.errors.form[0]).toContain('at least one');

    const many = Array.from({ length: 101 }, (_, i) =>
      repo(String(i), `r${i}`, [
        'content/read',
        'content/write',
        'content/delete',
        'metadata/read',
        'metadata/write',
      ]),
    );
    const big = buildInlineScopeMap(many, []);
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.errors.form[0]).toContain('505');
  });
});
