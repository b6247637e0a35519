import { computeFindings, type RegistryOverview } from '@latchkey/domain';
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

describe('findingsDelta on a slice of the registry', () => {
  const gw = (cr: string) => [
    `gateway/${cr}/config/read`,
    `gateway/${cr}/config/write`,
    `gateway/${cr}/message/read`,
    `gateway/${cr}/message/write`,
  ];
  const expired = new Date(NOW - 3 * 86_400_000).toISOString();
  const fleet = (): RegistryOverview =>
    ({
      registry: registrySummary,
      connectedRegistries: [
        connectedRegistry('sitenorth', {
          mode: 'ReadWrite',
          syncTokenName: 'sitenorth',
          clientTokenNames: ['north-build-agent'],
        }),
        connectedRegistry('edgeline1', {
          mode: 'ReadOnly',
          parentName: 'sitenorth',
          syncTokenName: 'edgeline1',
          clientTokenNames: ['camera'],
        }),
      ],
      tokens: [
        token('sitenorth', 'sitenorth', { kind: { type: 'sync', connectedRegistry: 'sitenorth' } }),
        token('edgeline1', 'edgeline1', { kind: { type: 'sync', connectedRegistry: 'edgeline1' } }),
        token('north-build-agent', 'factory-push', {
          kind: { type: 'client', connectedRegistries: ['sitenorth'] },
          clientOf: ['sitenorth'],
        }),
        token('ci-pipeline', 'factory-push'),
        token('camera', 'camera-map', {
          kind: { type: 'client', connectedRegistries: ['edgeline1'] },
          clientOf: ['edgeline1'],
          passwords: [
            { name: 'password1', present: true, creationTime: recent, expiry: expired },
            { name: 'password2', present: false },
          ],
        }),
        token('other', 'other-map', { status: 'disabled' }),
      ],
      scopeMaps: [
        scopeMap('sitenorth', [...pull('factory/*'), ...gw('sitenorth'), ...gw('edgeline1')]),
        scopeMap('edgeline1', [...pull('factory/line-agent'), ...gw('edgeline1')]),
        scopeMap('factory-push', [...pull('factory/*'), 'repositories/factory/*/content/write']),
        scopeMap('camera-map', [
          ...pull('factory/line-agent'),
          'repositories/factory/line-agent/content/delete',
        ]),
        scopeMap('other-map', ['repositories/*/content/read']),
        scopeMap('unused-map', pull('old')),
      ],
      fetchedAt: new Date(NOW).toISOString(),
    }) as RegistryOverview;

  /** The same question asked of the whole registry, with nothing left out. */
  function wholeRegistryDelta(o: RegistryOverview, name: string, actions: string[]) {
    const edited = {
      ...o,
      scopeMaps: o.scopeMaps.map((m) => (m.name === name ? { ...m, actions } : m)),
    };
    const before = computeFindings(o, NOW).map((f) => f.key);
    const after = computeFindings(edited, NOW).map((f) => f.key);
    return {
      created: after.filter((k) => !before.includes(k)).sort(),
      resolved: before.filter((k) => !after.includes(k)).sort(),
    };
  }

  const edits: Array<(a: string[]) => string[]> = [
    (a) => [...a, 'repositories/factory/line-agent/content/delete'],
    (a) => a.slice(0, 1),
    (a) => [...a, 'repositories/*/content/read'],
    (a) => [...a, ...gw('sitenorth')],
    (a) => a.filter((x) => !x.startsWith('gateway/edgeline1/')),
    (a) => a.filter((x) => !x.startsWith('repositories/factory/*')),
  ];

  it('finds exactly what the whole registry would, for every map and edit', () => {
    let nonEmpty = 0;
    const o = fleet();
    for (const map of o.scopeMaps) {
      for (const edit of edits) {
        const actions = edit(map.actions);
        const want = wholeRegistryDelta(o, map.name, actions);
        const got = findingsDelta(o, map.name, actions, NOW);
        expect(
          {
            created: got.created.map((f) => f.key).sort(),
            resolved: got.resolved.map((f) => f.key).sort(),
          },
          `${map.name}: ${actions.join(' ')}`,
        ).toEqual(want);
        if (want.created.length + want.resolved.length > 0) nonEmpty += 1;
      }
    }
    // The comparison is not vacuous: many edits do create or resolve findings.
    expect(nonEmpty).toBeGreaterThan(10);
  });
});
