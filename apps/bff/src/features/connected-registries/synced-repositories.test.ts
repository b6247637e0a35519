import type { ConnectedRegistryView } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors';
import { applyActions, syncPlan, syncedRepositoryRequest } from './synced-repositories';

const cr = (
  name: string,
  parentName: string | null,
  mode: ConnectedRegistryView['mode'] = 'ReadOnly',
): ConnectedRegistryView => ({
  id: name,
  name,
  mode,
  parentName,
  connectionState: 'Online',
  activation: 'Active',
  syncTokenName: `${name}-sync`,
  clientTokenNames: [],
  statusDetails: [],
});

// site (RW) ← edge (RO) ← leaf (RO); other (RO) under the cloud registry.
const site = cr('site', null, 'ReadWrite');
const edge = cr('edge', 'SITE');
const leaf = cr('leaf', 'edge');
const other = cr('other', null);
const all = [site, edge, leaf, other];

describe('syncPlan', () => {
  it('adding reaches the registry and its ancestors, with read-only actions on a ReadOnly one', () => {
    const plan = syncPlan(edge, all, ['app/api'], []);
    expect(plan.map((p) => [p.cr.name, p.role])).toEqual([
      ['edge', 'target'],
      ['site', 'ancestor'],
    ]);
    expect(plan[0]!.add).toEqual([
      'repositories/app/api/content/read',
      'repositories/app/api/metadata/read',
    ]);
  });

  it('removing reaches the registry and its descendants, every permission of the repository', () => {
    const plan = syncPlan(edge, all, [], ['app/api']);
    expect(plan.map((p) => [p.cr.name, p.role])).toEqual([
      ['edge', 'target'],
      ['leaf', 'descendant'],
    ]);
    expect(plan[1]!.remove).toHaveLength(5);
    expect(plan.every((p) => p.add.length === 0)).toBe(true);
  });

  it('survives a parent cycle (ARM cannot hold one; the walk must still end)', () => {
    const a = cr('a', 'b');
    const b = cr('b', 'a');
    // b is both the ancestor that must sync x and the descendant that must drop y.
    expect(syncPlan(a, [a, b], ['x'], ['y']).map((p) => [p.cr.name, p.role])).toEqual([
      ['a', 'target'],
      ['b', 'ancestor'],
      ['b', 'descendant'],
    ]);
  });
});

describe('syncedRepositoryRequest', () => {
  const refused = (body: { add: string[]; remove: string[] }) => {
    try {
      syncedRepositoryRequest(body);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return (e as AppError).details?.[0];
    }
    throw new Error('accepted');
  };
  it('names the field and the rule of what it refuses', () => {
    expect(refused({ add: ['app/*'], remove: [] })).toMatchObject({
      field: 'add.0',
      rule: 'no-wildcard',
    });
    expect(refused({ add: [], remove: ['Bad Name'] })).toMatchObject({
      field: 'remove.0',
      rule: 'repository-name',
    });
    expect(refused({ add: [], remove: [] })).toMatchObject({ field: 'add', rule: 'not-empty' });
    expect(refused({ add: ['a'], remove: ['A'] })).toMatchObject({
      field: 'remove.0',
      rule: 'not-in-both',
    });
  });
  it('lower-cases names like the CLI', () => {
    expect(syncedRepositoryRequest({ add: [' App/API '], remove: [] })).toEqual({
      add: ['app/api'],
      remove: [],
    });
  });
});

describe('applyActions', () => {
  it('edits case-insensitively, keeping order and spelling', () => {
    expect(applyActions(['A/x', 'b/y'], ['b/Y', 'c/z'], ['a/X'])).toEqual(['b/y', 'c/z']);
  });
});
