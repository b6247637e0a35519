import { sortFindings, type Finding, type RegistryOverview } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { connectedRegistry } from '../../../lib/test-fixtures';
import {
  bucketFindings,
  describeNodeFindings,
  findingsByConnectedRegistry,
  nodeFindingsOf,
  rememberingNodeFindings,
} from './node-findings';

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

describe('nodeFindingsOf', () => {
  // Two parts as the hierarchy page splits them; severities and keys drawn from small sets so
  // that ties (same severity, same key, on one node) happen, and edge1's sync token is also a client.
  const sites = {
    connectedRegistries: [
      cr('edge1', 'edge1-sync', ['cam', 'edge1-sync']),
      cr('edge2', 'edge2-sync', ['cam', 'hmi']),
      cr('edge3', null, []),
    ],
  } as unknown as RegistryOverview;
  const severitiesUsed: Finding['severity'][] = ['critical', 'high', 'medium', 'low', 'info'];
  const tokens = ['edge1-sync', 'edge2-sync', 'cam', 'hmi', 'other'];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const randomFinding = (i: number): Finding => {
    const where = next(3);
    const target =
      where === 0
        ? { kind: 'connected-registry' as const, name: `EDGE${1 + next(3)}` }
        : where === 1
          ? { name: tokens[next(tokens.length)]!, connectedRegistry: `edge${1 + next(3)}` }
          : { name: tokens[next(tokens.length)]! };
    return {
      ...finding(severitiesUsed[next(5)]!, target),
      key: `k${next(12)}`,
      // Tells apart findings that share a key.
      id: `password.expired#${i}` as Finding['id'],
    };
  };

  it('equals findingsByConnectedRegistry over the sorted union of both parts', () => {
    for (let round = 0; round < 50; round += 1) {
      const stable = Array.from({ length: next(40) }, (_, i) => randomFinding(i));
      const moving = Array.from({ length: next(15) }, (_, i) => randomFinding(100 + i));
      const whole = findingsByConnectedRegistry(sites, sortFindings([...stable, ...moving]));
      const parts = nodeFindingsOf(
        sites,
        bucketFindings(sortFindings([...stable])),
        bucketFindings(sortFindings([...moving])),
      );
      expect(parts).toEqual(whole);
    }
  });

  it('leaves the parts as they were', () => {
    const stable = sortFindings([randomFinding(1), randomFinding(2), randomFinding(3)]);
    const copy = [...stable];
    const buckets = bucketFindings(stable);
    const before = [...buckets.byRegistry.values(), ...buckets.byToken.values()].map((l) => [...l]);
    nodeFindingsOf(
      sites,
      buckets,
      bucketFindings(sortFindings([randomFinding(4), randomFinding(5)])),
    );
    expect(stable).toEqual(copy);
    expect([...buckets.byRegistry.values(), ...buckets.byToken.values()]).toEqual(before);
  });

  it('remembering its last run: answers as a fresh run would, and keeps the nodes whose findings are equal', () => {
    const stable = bucketFindings(
      sortFindings(Array.from({ length: 30 }, (_, i) => randomFinding(i))),
    );
    const forPage = rememberingNodeFindings();
    const own = (state: string) =>
      finding('high', { kind: 'connected-registry', name: 'edge1', label: state });
    const scopedToEdge2 = () => finding('low', { name: 'hmi', connectedRegistry: 'edge2' });
    const run = (moving: Finding[]) => {
      const sorted = sortFindings(moving);
      const result = forPage(sites, stable, bucketFindings(sorted));
      expect(result).toEqual(nodeFindingsOf(sites, stable, bucketFindings(sorted)));
      return result;
    };
    const first = run([
      { ...own('Offline'), key: 'own' },
      { ...scopedToEdge2(), key: 'scoped' },
    ]);
    // The same findings again, as new objects (a poll recomputes them): every node keeps its object.
    const second = run([
      { ...own('Offline'), key: 'own' },
      { ...scopedToEdge2(), key: 'scoped' },
    ]);
    for (const name of ['edge1', 'edge2', 'edge3']) expect(second.get(name)).toBe(first.get(name));
    // edge1's own finding now says something else: edge1 alone gets a new object.
    const third = run([
      { ...own('Unhealthy'), key: 'own' },
      { ...scopedToEdge2(), key: 'scoped' },
    ]);
    expect(third.get('edge1')).not.toBe(second.get('edge1'));
    expect(third.get('edge1')!.findings.some((f) => f.target.label === 'Unhealthy')).toBe(true);
    expect(third.get('edge2')).toBe(second.get('edge2'));
    // Gone from edge2: a new object without it.
    const fourth = run([{ ...own('Unhealthy'), key: 'own' }]);
    expect(fourth.get('edge2')).not.toBe(third.get('edge2'));
    expect(fourth.get('edge2')!.findings.some((f) => f.key === 'scoped')).toBe(false);
    // Another stable part (the configuration or the hour moved): nothing is kept.
    const other = bucketFindings(sortFindings([randomFinding(500)]));
    const fifth = forPage(
      sites,
      other,
      bucketFindings(sortFindings([{ ...own('Unhealthy'), key: 'own' }])),
    );
    expect(fifth.get('edge3')).not.toBe(fourth.get('edge3'));
  });
});
