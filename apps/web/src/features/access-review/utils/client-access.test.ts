import type { ConnectedRegistryView, RegistryOverview } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { connectedRegistry, registrySummary, scopeMap, token } from '../../../lib/test-fixtures';
import { acceptanceWords, acceptedSummaries, gatewayLines } from './client-access';

const map = scopeMap;
const cr = (name: string, over: Partial<ConnectedRegistryView> = {}) =>
  connectedRegistry(name, { syncTokenName: `${name}-sync`, ...over });

const edge = cr('edge', { clientTokenNames: ['hmi', 'tablet', 'ghost'] });
const overview: RegistryOverview = {
  registry: registrySummary,
  connectedRegistries: [edge],
  tokens: [
    token('edge-sync', 'edge-sync-map'),
    token('hmi', 'admin-map'),
    token('tablet', 'pull-map', { status: 'disabled' }),
  ],
  scopeMaps: [
    map('edge-sync-map', ['repositories/app/agent/content/read']),
    map('admin-map', [
      'repositories/app/agent/content/read',
      'repositories/app/agent/content/write',
      'repositories/app/agent/content/delete',
      'repositories/app/vision/content/read',
    ]),
    map('pull-map', ['repositories/app/agent/content/read']),
  ],
  fetchedAt: '2026-06-01T00:00:00Z',
};

describe('acceptedSummaries', () => {
  const [hmi, tablet, ghost] = acceptedSummaries(overview, edge);

  it('lists what works on the connected registry, repository by repository', () => {
    expect(hmi?.access.map((a) => [a.repository, a.granted.map((g) => g.permission)])).toEqual([
      ['app/agent', ['content/read']],
      ['app/vision', []],
    ]);
  });

  it('warns about write/delete on a ReadOnly registry and grants on unsynced repositories', () => {
    expect(hmi?.warnings).toEqual([
      'app/agent: content/write, content/delete has no effect (edge is ReadOnly: it serves pulls only)',
      'app/vision: content/read has no effect (edge does not sync app/vision: its sync scope map edge-sync-map grants no content/read on it)',
    ]);
  });

  it('says once that a disabled token is still attached, rather than per permission', () => {
    expect(tablet?.warnings).toEqual([
      'Disabled but still attached: it uses one of the 20 client slots of edge',
    ]);
    expect(tablet?.access[0]?.granted).toEqual([]);
  });

  it('reports a client token name that matches no token', () => {
    expect(ghost?.token).toBeUndefined();
    expect(ghost?.warnings).toEqual(['ghost is attached but no such token exists']);
  });
});

// A parent with one client and a child whose sync token it accepts (reference
// §3: "A sync token accesses the endpoint of the parent registry").
const site01 = cr('site01', { mode: 'ReadWrite', clientTokenNames: ['site01-app'] });
const line01 = cr('line01', { parentName: 'site01' });
const nested: RegistryOverview = {
  ...overview,
  connectedRegistries: [site01, line01],
  tokens: [
    token('site01-sync', 'site01-sync-map'),
    token('line01-sync', 'line01-sync-map'),
    token('site01-app', 'pull-map'),
  ],
  scopeMaps: [
    map('site01-sync-map', [
      'repositories/app/agent/content/read',
      'gateway/site01/config/read',
      'gateway/line01/config/read',
    ]),
    map('line01-sync-map', [
      'repositories/app/agent/content/read',
      'repositories/app/agent/metadata/read',
      'gateway/line01/config/read',
      'gateway/line01/message/write',
    ]),
    map('pull-map', ['repositories/app/agent/content/read']),
  ],
};

describe('acceptedSummaries on a parent', () => {
  it('lists the sync token of a direct child after the client tokens, saying how each is accepted', () => {
    const rows = acceptedSummaries(nested, site01);
    expect(rows.map((r) => [r.tokenName, acceptanceWords(r.acceptedAs)])).toEqual([
      ['site01-app', 'client token'],
      ['line01-sync', 'sync token of child line01'],
    ]);
    const child = rows[1]!;
    expect(child.access.map((a) => [a.repository, a.granted.map((g) => g.permission)])).toEqual([
      ['app/agent', ['content/read', 'metadata/read']],
    ]);
    expect(child.gateways.map((g) => [g.gateway, g.granted.map((x) => x.permission)])).toEqual([
      ['line01', ['config/read', 'message/write']],
    ]);
    expect(child.warnings).toEqual([]);
    expect(gatewayLines(child.gateways)).toEqual([
      { words: 'config read, message write', names: ['line01'] },
    ]);
  });

  it('puts gateways with the same effective permissions on one line', () => {
    const rows = acceptedSummaries(
      {
        ...nested,
        scopeMaps: nested.scopeMaps.map((m) =>
          m.name === 'line01-sync-map'
            ? {
                ...m,
                actions: [
                  ...m.actions,
                  'gateway/cell01/config/read',
                  'gateway/cell01/message/write',
                  'gateway/cell02/config/read',
                ],
              }
            : m,
        ),
      },
      site01,
    );
    expect(gatewayLines(rows[1]!.gateways)).toEqual([
      { words: 'config read, message write', names: ['cell01', 'line01'] },
      { words: 'config read', names: ['cell02'] },
    ]);
  });

  it('does not list a child sync token at the child itself, nor a grandchild at the grandparent', () => {
    expect(acceptedSummaries(nested, line01).map((r) => r.tokenName)).toEqual([]);
  });

  it("leaves nothing effective once the registry's own sync token is disabled, and says it once (not per row)", () => {
    const off: RegistryOverview = {
      ...nested,
      tokens: nested.tokens.map((t) =>
        t.name === 'site01-sync' ? { ...t, status: 'disabled' as const } : t,
      ),
    };
    const rows = acceptedSummaries(off, site01);
    expect(rows.map((r) => r.tokenName)).toEqual(['site01-app', 'line01-sync']);
    for (const r of rows) {
      expect(r.access.flatMap((a) => a.granted)).toEqual([]);
      expect(r.gateways.flatMap((a) => a.granted)).toEqual([]);
      expect(r.access.flatMap((a) => a.removed.map((g) => g.reason))).toContain(
        'registry-disabled',
      );
      expect(r.warnings).toEqual([]);
    }
  });
});
