import { describe, expect, it } from 'vitest';
import type { ConnectedRegistryView } from '@latchkey/domain';
import { createPlan, modeProblem, nameProblem } from './create-plan';

const cr = (name: string, mode: 'ReadOnly' | 'ReadWrite', parentName: string | null) =>
  ({ name, mode, parentName }) as ConnectedRegistryView;
const all = [cr('site1', 'ReadWrite', null), cr('edge1', 'ReadOnly', 'site1')];
const taken = {
  connectedRegistries: ['site1'],
  tokens: ['mes-app', 'probe1'],
  scopeMaps: ['map_1'],
};

describe('the create dialog’s checks and plan', () => {
  it('names what is wrong with a name', () => {
    expect(nameProblem('', taken)).toBeUndefined();
    expect(nameProblem('edge', taken)).toMatch(/5–50 letters or digits/);
    expect(nameProblem('SITE1', taken)).toMatch(/connected registry named/);
    expect(nameProblem('probe1', taken)).toMatch(/token named probe1/);
    expect(nameProblem('edgeprobe', taken)).toBeUndefined();
  });

  it('refuses ReadWrite under a ReadOnly parent only', () => {
    expect(modeProblem(all[1], 'ReadWrite')).toMatch(/only have ReadOnly children/);
    expect(modeProblem(all[1], 'ReadOnly')).toBeUndefined();
    expect(modeProblem(all[0], 'ReadWrite')).toBeUndefined();
    expect(modeProblem(undefined, 'ReadWrite')).toBeUndefined();
  });

  it('lists each ancestor, nearest first, between the token and the connected registry', () => {
    const plan = createPlan('edgeprobe', 'ReadOnly', all[1], all, { enableDataEndpoint: 'reg' });
    expect(plan).toHaveLength(6);
    expect(plan[0]).toBe('Enable the data endpoint of reg');
    expect(plan[1]).toContain('content/read, metadata/read');
    expect(plan[3]).toContain('edge1');
    expect(plan[4]).toContain('site1');
    expect(plan[5]).toBe('Create connected registry edgeprobe (ReadOnly, under edge1)');
  });
});
