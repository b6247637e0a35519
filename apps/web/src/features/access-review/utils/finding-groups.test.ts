import type { Finding, FindingId, FindingTarget, Severity } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { findingTargetHref, groupByTarget, groupByType, humanizeEvidence } from './finding-groups';

const f = (
  id: FindingId,
  severity: Severity,
  target: Omit<FindingTarget, 'label'>,
  evidence: string[] = [],
): Finding => ({
  id,
  key: `${id}:${target.name}:${target.slot ?? ''}`,
  severity,
  target: { ...target, label: `${target.kind} ${target.name}` },
  title: id,
  why: '',
  fix: '',
  fixAction: 'token.generate-password',
  evidence,
});
const findings: Finding[] = [
  f('scope-map.unused', 'low', { kind: 'scope-map', name: 'old-map' }),
  f('password.no-expiry', 'medium', { kind: 'token', name: 'c', slot: 'password1' }),
  f('password.expired', 'high', { kind: 'token', name: 'a', slot: 'password1' }, [
    'expiry 2026-01-01T00:00:00.000Z',
  ]),
  f('password.expired', 'high', { kind: 'token', name: 'b', slot: 'password1' }),
  f('password.expired', 'high', { kind: 'token', name: 'A', slot: 'password2' }),
];

describe('groupByType', () => {
  it('groups by finding type with counts, worst severity first', () => {
    const groups = groupByType(findings);
    expect(groups.map((g) => [g.id, g.findings.length, g.allTokens])).toEqual([
      ['password.expired', 3, true],
      ['password.no-expiry', 1, true],
      ['scope-map.unused', 1, false],
    ]);
    expect(groups.map((g) => g.severity)).toEqual(['high', 'medium', 'low']);
  });
});

describe('groupByTarget', () => {
  it('puts every finding about one target together, names matched in any case', () => {
    const groups = groupByTarget(findings);
    expect(groups.map((g) => [g.kind, g.name, g.findings.length])).toEqual([
      ['token', 'a', 2],
      ['token', 'b', 1],
      ['token', 'c', 1],
      ['scope-map', 'old-map', 1],
    ]);
  });
});

describe('findingTargetHref', () => {
  it('links each kind of target to its page', () => {
    expect(findingTargetHref('/r', { kind: 'token', name: 'a b', label: '' })).toBe(
      '/r/tokens/a%20b',
    );
    expect(findingTargetHref('/r', { kind: 'scope-map', name: 'm', label: '' })).toBe(
      '/r/scope-maps/m',
    );
    expect(findingTargetHref('/r', { kind: 'connected-registry', name: 'e', label: '' })).toBe(
      '/r/hierarchy?node=e',
    );
  });
});

describe('humanizeEvidence', () => {
  it('replaces every ISO instant and leaves the rest', () => {
    expect(
      humanizeEvidence('expiry 2026-01-01T00:00:00.000Z, created 2025-12-01T10:00Z', () => 'WHEN'),
    ).toBe('expiry WHEN, created WHEN');
    expect(humanizeEvidence('no expiry', () => 'WHEN')).toBe('no expiry');
  });
});
