import type { ConnectedRegistryView } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { parseRepositoryList, syncMapTargets } from './synced-repositories';

const cr = (name: string, parentName: string | null, syncTokenName: string | null = name) =>
  ({
    id: name,
    name,
    mode: 'ReadOnly',
    parentName,
    connectionState: 'Online',
    activation: 'Active',
    syncTokenName,
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
const tokens = new Map([
  ['site', { scopeMapName: 'site-sync' }],
  ['edge', { scopeMapName: 'edge-sync' }],
  ['leaf', { scopeMapName: 'leaf-sync' }],
]);

describe('syncMapTargets', () => {
  it('adding touches this registry and its ancestors, with their sync scope maps', () => {
    expect(syncMapTargets(all[1]!, all, tokens, { adding: true, removing: false })).toEqual([
      { connectedRegistry: 'edge', role: 'this registry', scopeMap: 'edge-sync' },
      { connectedRegistry: 'site', role: 'ancestor', scopeMap: 'site-sync' },
    ]);
  });

  it('removing touches this registry and its descendants; an unknown map is undefined', () => {
    expect(syncMapTargets(all[0]!, all, tokens, { adding: false, removing: true })).toEqual([
      { connectedRegistry: 'site', role: 'this registry', scopeMap: 'site-sync' },
      { connectedRegistry: 'edge', role: 'descendant', scopeMap: 'edge-sync' },
      { connectedRegistry: 'other', role: 'descendant', scopeMap: undefined },
      { connectedRegistry: 'leaf', role: 'descendant', scopeMap: 'leaf-sync' },
    ]);
  });
});

describe('parseRepositoryList', () => {
  it('takes one name per line or comma, lower-cased, without duplicates or blanks', () => {
    expect(parseRepositoryList('Factory/App\n\n factory/app , logistics/tracker\n')).toEqual({
      repositories: ['factory/app', 'logistics/tracker'],
      errors: [],
    });
  });

  it('refuses wildcards and invalid names, naming each line', () => {
    const r = parseRepositoryList('factory/*\nbad//name\nok/name\n-bad');
    expect(r.repositories).toEqual(['ok/name']);
    expect(r.errors).toHaveLength(3);
    expect(r.errors[0]).toMatch(/"factory\/\*": .*wildcards are not allowed/);
    expect(r.errors[1]).toMatch(/"bad\/\/name" is not a repository name/);
    expect(r.errors[2]).toMatch(/"-bad"/);
  });
});
