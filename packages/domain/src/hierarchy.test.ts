import { describe, expect, it } from 'vitest';
import type { ConnectedRegistryView } from './dto';
import { ancestorsOf, descendantsOf } from './hierarchy';

const cr = (name: string, parentName: string | null) =>
  ({
    id: name,
    name,
    mode: 'ReadOnly',
    parentName,
    connectionState: 'Online',
    activation: 'Active',
    syncTokenName: name,
    clientTokenNames: [],
    statusDetails: [],
  }) satisfies ConnectedRegistryView;

// site ── edge ── leaf, site ── other; "lost" names a parent that does not exist.
const all = [
  cr('site', null),
  cr('edge', 'Site'),
  cr('leaf', 'edge'),
  cr('other', 'site'),
  cr('lost', 'gone'),
];

describe('ancestorsOf / descendantsOf', () => {
  it('walks up parent first and down nearest first, case-insensitively', () => {
    expect(ancestorsOf(all[2]!, all).map((c) => c.name)).toEqual(['edge', 'site']);
    expect(descendantsOf(all[0]!, all).map((c) => c.name)).toEqual(['edge', 'other', 'leaf']);
    expect(ancestorsOf(all[4]!, all)).toEqual([]);
  });

  it('stops on a parent cycle instead of looping', () => {
    const loop = [cr('a', 'b'), cr('b', 'a')];
    expect(ancestorsOf(loop[0]!, loop).map((c) => c.name)).toEqual(['b']);
    expect(descendantsOf(loop[0]!, loop).map((c) => c.name)).toEqual(['b']);
  });
});
