import type { RegistryOverview } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { connectedRegistry, registrySummary, scopeMap, token } from '../../../lib/test-fixtures';
import { describeFindingsDelta, findingsDelta } from './scope-map-findings';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const recent = new Date(NOW - 5 * 86_400_000).toISOString();
const later = new Date(NOW + 60 * 86_400_000).toISOString();
const pull = (repo: string) => [
  `repositories/${repo}/content/read`,
  `repositories/${repo}/metadata/read`,
];

/** A client token of a ReadWrite connected registry using `factory-push`. */
function overview(actions: string[]): RegistryOverview {
  const agent = token('north-build-agent', 'factory-push', {
    kind: { type: 'client', connectedRegistries: ['sitenorth'] },
    clientOf: ['sitenorth'],
    passwords: [
      { name: 'password1', present: true, creationTime: recent, expiry: later },
      { name: 'password2', present: false },
    ],
  });
  return {
    registry: registrySummary,
    connectedRegistries: [
      connectedRegistry('sitenorth', {
        mode: 'ReadWrite',
        clientTokenNames: ['north-build-agent'],
      }),
    ],
    tokens: [agent],
    scopeMaps: [{ ...scopeMap('factory-push', actions), usedBy: ['north-build-agent'] }],
    fetchedAt: new Date(NOW).toISOString(),
  } as RegistryOverview;
}

describe('findingsDelta', () => {
  const base = [...pull('factory/line-agent'), 'repositories/factory/line-agent/content/write'];

  it('names the High finding that adding delete to a client token would create', () => {
    const withDelete = [...base, 'repositories/factory/line-agent/content/delete'];
    const delta = findingsDelta(overview(base), 'factory-push', withDelete, NOW);
    expect(delta.created.map((f) => [f.id, f.severity, f.target.name])).toEqual([
      ['client-token.delete-permission', 'high', 'north-build-agent'],
    ]);
    expect(delta.resolved).toEqual([]);
    expect(describeFindingsDelta(delta)).toEqual([
      'This change creates 1 High finding: delete permission on a client token (token north-build-agent).',
    ]);
  });

  it('reports the finding removing delete would resolve, matching the map name without case', () => {
    const withDelete = [...base, 'repositories/factory/line-agent/content/delete'];
    const delta = findingsDelta(overview(withDelete), 'FACTORY-PUSH', base, NOW);
    expect(delta.created).toEqual([]);
    expect(delta.resolved.map((f) => f.id)).toEqual(['client-token.delete-permission']);
    expect(describeFindingsDelta(delta)[0]).toMatch(/^This change resolves 1 High finding: /);
  });

  it('counts by severity when a change creates several findings', () => {
    const wide = ['repositories/*/content/read', 'repositories/*/content/delete'];
    const delta = findingsDelta(overview(base), 'factory-push', wide, NOW);
    expect(delta.created.map((f) => f.id).sort()).toEqual([
      'client-token.delete-permission',
      'scope-map.registry-wide-wildcard',
    ]);
    expect(describeFindingsDelta(delta)).toEqual(['This change creates 2 High findings.']);
  });

  it('says so when nothing changes in the review', () => {
    const delta = findingsDelta(overview(base), 'factory-push', [...base], NOW);
    expect(delta).toEqual({ created: [], resolved: [] });
    expect(describeFindingsDelta(delta)).toEqual(['This change creates and resolves no finding.']);
  });
});
