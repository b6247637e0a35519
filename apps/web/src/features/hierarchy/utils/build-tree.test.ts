import type { ConnectedRegistryView } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { allNames, buildTree, withRegistries } from './build-tree';

const cr = (name: string, parentName: string | null): ConnectedRegistryView => ({
  id: name,
  name,
  mode: 'ReadOnly',
  parentName,
  connectionState: 'Online',
  activation: 'Active',
  syncTokenName: null,
  clientTokenNames: [],
  statusDetails: [],
});

describe('buildTree', () => {
  it('nests children under parents (case-insensitively) and sorts siblings', () => {
    const roots = buildTree([cr('b', null), cr('a2', 'A'), cr('A', null), cr('a1', 'a')]);
    expect(roots.map((r) => r.registry.name)).toEqual(['A', 'b']);
    expect(roots[0]?.children.map((c) => c.registry.name)).toEqual(['a1', 'a2']);
    expect(allNames(roots)).toEqual(['A', 'a1', 'a2', 'b']);
  });

  it('puts a node whose parent is missing at the top level, marked', () => {
    const roots = buildTree([cr('lost', 'gone')]);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.orphaned).toBe(true);
  });

  it('does not lose nodes caught in a parent cycle', () => {
    const roots = buildTree([cr('x', 'y'), cr('y', 'x')]);
    expect(allNames(roots).sort()).toEqual(['x', 'y']);
  });
});

describe('withRegistries', () => {
  const registries = [
    cr('b', null),
    cr('a2', 'A'),
    cr('A', null),
    cr('a1', 'a'),
    cr('lost', 'gone'),
  ];
  const shape = buildTree(registries);
  const moved = registries.map((r) =>
    r.name === 'a1' ? { ...r, connectionState: 'Offline' as const, lastActivityTime: 'x' } : r,
  );

  it('equals the tree built from the moved registries', () => {
    expect(withRegistries(shape, moved)).toEqual(buildTree(moved));
  });

  it('keeps the nodes and lists that did not change, and all of them when nothing moved', () => {
    const next = withRegistries(shape, moved);
    expect(next[0]).not.toBe(shape[0]);
    expect(next[0]!.children[0]!.registry).toBe(moved[3]);
    expect(next[0]!.children[1]).toBe(shape[0]!.children[1]);
    expect(next[1]).toBe(shape[1]);
    expect(next[2]).toBe(shape[2]);
    expect(withRegistries(shape, registries)).toBe(shape);
  });
});
