import { describe, expect, it } from 'vitest';
import {
  maxActionsPerScopeMap,
  parseAction,
  parseRepositoryTarget,
  patternCovers,
  patternMatches,
  patternsOverlap,
  validateScopeMapActions,
} from './scope-map-actions';

describe('parseAction', () => {
  it.each([
    ['repositories/samples/app/content/read', 'exact', 'samples/app', 'content/read'],
    ['repositories/hello/metadata/write', 'exact', 'hello', 'metadata/write'],
    ['repositories/samples/*/content/delete', 'prefix', 'samples/*', 'content/delete'],
    ['repositories/a/b/*/content/write', 'prefix', 'a/b/*', 'content/write'],
    ['repositories/*/metadata/read', 'all', '*', 'metadata/read'],
    // Lower-cased like the CLI does.
    ['Repositories/Samples/App/Content/Read', 'exact', 'samples/app', 'content/read'],
  ])('%s is a %s rule on %s granting %s', (action, type, repository, permission) => {
    const r = parseAction(action);
    expect(r.ok).toBe(true);
    if (!r.ok || r.rule.kind !== 'repository') throw new Error('expected a repository rule');
    expect(r.rule.pattern.type).toBe(type);
    expect(r.rule.repository).toBe(repository);
    expect(r.rule.permission).toBe(permission);
    expect(r.rule.action).toBe(action.toLowerCase());
  });

  it('parses gateway actions', () => {
    const r = parseAction('gateway/EdgeLine1/message/write');
    expect(r).toEqual({
      ok: true,
      rule: {
        kind: 'gateway',
        action: 'gateway/edgeline1/message/write',
        connectedRegistry: 'edgeline1',
        permission: 'message/write',
      },
    });
  });

  it.each([
    ['', 'action.empty'],
    ['   ', 'action.empty'],
    ['registry/x/content/read', 'action.unknown-resource'],
    ['repositories/content/read', 'action.missing-name'],
    ['repositories/app', 'action.missing-name'],
    ['repositories/app/content/pull', 'action.unknown-permission'],
    ['repositories/app/delete', 'action.missing-name'],
    ['repositories/app/x/contentwrite', 'action.unknown-permission'],
    ['repositories/a/*/b/content/read', 'action.wildcard-position'],
    ['repositories/a*/content/read', 'action.wildcard-position'],
    ['repositories/a/*/b/*/content/read', 'action.wildcard-position'],
    ['repositories/*/*/content/read', 'action.wildcard-position'],
    ['repositories/*a/content/read', 'action.wildcard-position'],
    ['repositories/a//b/content/read', 'action.repository-name'],
    ['repositories/-a/content/read', 'action.repository-name'],
    ['repositories/a b/content/read', 'action.repository-name'],
    ['gateway/edge/config/read', 'action.gateway-name'],
    ['gateway/*/config/read', 'action.gateway-name'],
    ['gateway/edgeline1/content/read', 'action.unknown-permission'],
    ['gateway/edgeline1/config', 'action.missing-name'],
  ])('%j is refused by %s', (action, rule) => {
    const r = parseAction(action);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rule).toBe(rule);
    expect(r.message.length).toBeGreaterThan(10);
  });
});

describe('validateScopeMapActions', () => {
  it('reports each invalid action with its index', () => {
    const problems = validateScopeMapActions([
      'repositories/ok/content/read',
      'repositories/a*/content/read',
      'gateway/edgeline1/config/read',
      'nope',
    ]);
    expect(problems.map((p) => [p.index, p.rule])).toEqual([
      [1, 'action.wildcard-position'],
      [3, 'action.unknown-resource'],
    ]);
  });

  it('accepts exactly 500 actions and refuses 501', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => `repositories/r${i}/content/read`);
    expect(validateScopeMapActions(many(maxActionsPerScopeMap))).toEqual([]);
    const problems = validateScopeMapActions(many(maxActionsPerScopeMap + 1));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ index: 500, rule: 'action.too-many' });
  });
});

describe('wildcard semantics', () => {
  const p = parseRepositoryTarget;
  it('a trailing /* matches by prefix of whole path segments, at any depth', () => {
    expect(patternMatches(p('samples/*'), 'samples/a')).toBe(true);
    expect(patternMatches(p('samples/*'), 'samples/a/b')).toBe(true);
    expect(patternMatches(p('samples/*'), 'samples')).toBe(false);
    expect(patternMatches(p('samples/*'), 'samplesx/a')).toBe(false);
    expect(patternMatches(p('samples/*'), 'other/samples/a')).toBe(false);
    expect(patternMatches(p('a/b/*'), 'a/b/c')).toBe(true);
    expect(patternMatches(p('a/b/*'), 'a/bc/d')).toBe(false);
  });
  it('a bare * matches every repository; a name matches only itself (case-insensitively)', () => {
    expect(patternMatches(p('*'), 'anything/at/all')).toBe(true);
    expect(patternMatches(p('samples/a'), 'Samples/A')).toBe(true);
    expect(patternMatches(p('samples/a'), 'samples/a/b')).toBe(false);
  });
  it('coverage of patterns: wider covers narrower, never the reverse', () => {
    expect(patternCovers(p('*'), p('samples/*'))).toBe(true);
    expect(patternCovers(p('samples/*'), p('samples/x/*'))).toBe(true);
    expect(patternCovers(p('samples/x/*'), p('samples/*'))).toBe(false);
    expect(patternCovers(p('samples/*'), p('*'))).toBe(false);
    expect(patternCovers(p('samples/a'), p('samples/*'))).toBe(false);
  });
  it('overlap', () => {
    expect(patternsOverlap(p('samples/*'), p('samples/x/*'))).toBe(true);
    expect(patternsOverlap(p('samples/*'), p('samplesx/*'))).toBe(false);
    expect(patternsOverlap(p('samples/a'), p('samples/*'))).toBe(true);
    expect(patternsOverlap(p('samples/a'), p('samples/b'))).toBe(false);
    expect(patternsOverlap(p('*'), p('x'))).toBe(true);
  });
  it('refuses an invalid target', () => {
    expect(() => parseRepositoryTarget('a*')).toThrow(/trailing/);
  });
});
