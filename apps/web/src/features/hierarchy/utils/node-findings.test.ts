import type { Finding, RegistryOverview } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { connectedRegistry } from '../../../lib/test-fixtures';
import { describeNodeFindings, findingsByConnectedRegistry } from './node-findings';

const cr = (name: string, sync: string | null, clients: string[]) =>
  connectedRegistry(name, { syncTokenName: sync, clientTokenNames: clients });

const overview = {
  connectedRegistries: [cr('edge1', 'edge1-sync', ['cam', 'hmi']), cr('edge2', null, ['cam'])],
} as unknown as RegistryOverview;

let n = 0;
const finding = (severity: Finding['severity'], target: Partial<Finding['target']>): Finding =>
  ({
    id: 'password.expired',
    key: `k${++n}`,
    severity,
    target: { kind: 'token', name: 'x', label: 'x', ...target },
  }) as Finding;

describe('findingsByConnectedRegistry', () => {
  it('gathers a node’s own findings, its sync token’s, those scoped to it and its clients’', () => {
    const own = finding('high', { kind: 'connected-registry', name: 'EDGE1' });
    const sync = finding('low', { name: 'edge1-sync' });
    const scoped = finding('medium', { name: 'hmi', connectedRegistry: 'edge1' });
    const client = finding('critical', { name: 'cam' });
    const elsewhere = finding('high', { name: 'unrelated' });
    const map = findingsByConnectedRegistry(overview, [own, sync, scoped, client, elsewhere]);
    const edge1 = map.get('edge1')!;
    expect(edge1.findings.map((f) => f.key)).toEqual([client.key, own.key, scoped.key, sync.key]);
    expect(edge1.highest).toBe('critical');
    // The client token's finding counts on both registries that accept it; nothing else does.
    expect(map.get('edge2')!.findings).toEqual([client]);
  });

  it('a node without findings has none and no highest severity', () => {
    const map = findingsByConnectedRegistry(overview, []);
    expect(map.get('edge1')).toEqual({ findings: [], highest: undefined });
    expect(describeNodeFindings(map.get('edge1')!)).toBe('No findings');
  });

  it('describes the count and the most severe', () => {
    const one = findingsByConnectedRegistry(overview, [finding('medium', { name: 'edge1-sync' })]);
    expect(describeNodeFindings(one.get('edge1')!)).toBe('1 finding, the most severe medium');
  });
});
