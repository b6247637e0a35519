import { describe, expect, it } from 'vitest';
import {
  createConnectedRegistrySchema,
  durationSeconds,
  gatewayActionsFor,
  isCron,
  modeAllowedUnder,
  syncRepositoryActions,
  syncSettingProblem,
} from './connected-registry-lifecycle';

describe('sync scope map actions, as the CLI writes them', () => {
  it('gives ReadOnly content/read and metadata/read, ReadWrite all five', () => {
    expect(syncRepositoryActions(['factory/line-agent'], 'ReadOnly')).toEqual([
      'repositories/factory/line-agent/content/read',
      'repositories/factory/line-agent/metadata/read',
    ]);
    expect(syncRepositoryActions(['a/b'], 'ReadWrite')).toEqual([
      'repositories/a/b/content/read',
      'repositories/a/b/content/write',
      'repositories/a/b/content/delete',
      'repositories/a/b/metadata/read',
      'repositories/a/b/metadata/write',
    ]);
  });

  it('gives the four gateway actions with the name lower-cased', () => {
    expect(gatewayActionsFor('EdgeProbe')).toEqual([
      'gateway/edgeprobe/config/read',
      'gateway/edgeprobe/config/write',
      'gateway/edgeprobe/message/read',
      'gateway/edgeprobe/message/write',
    ]);
  });
});

describe('modes', () => {
  it('lets a ReadOnly parent have only ReadOnly children', () => {
    expect(modeAllowedUnder('ReadOnly', 'ReadWrite')).toBe(false);
    expect(modeAllowedUnder('ReadOnly', 'ReadOnly')).toBe(true);
    expect(modeAllowedUnder('ReadWrite', 'ReadWrite')).toBe(true);
    expect(modeAllowedUnder('ReadWrite', 'ReadOnly')).toBe(true);
  });
});

describe('sync settings', () => {
  it.each([
    ['* * * * *', true],
    ['0 */6 * * *', true],
    ['0 1-5,22 * * 1-5', true],
    ['60 * * * *', false],
    ['* * * *', false],
    ['*/0 * * * *', false],
    ['5-1 * * * *', false],
    ['daily', false],
  ])('cron %s is %s', (value, ok) => expect(isCron(value)).toBe(ok));

  it('reads ISO durations of days and time', () => {
    expect(durationSeconds('P2D')).toBe(172800);
    expect(durationSeconds('PT1H30M')).toBe(5400);
    expect(durationSeconds('P')).toBeUndefined();
    expect(durationSeconds('PT')).toBeUndefined();
    expect(durationSeconds('2 days')).toBeUndefined();
  });

  it('names the field and rule of the first problem', () => {
    expect(syncSettingProblem({ messageTtl: 'PT12H' })).toMatchObject({
      field: 'messageTtl',
      rule: 'duration-P1D-P90D',
    });
    expect(syncSettingProblem({ syncWindow: 'PT2H' })).toMatchObject({
      field: 'syncWindow',
      rule: 'needs-schedule',
    });
    expect(syncSettingProblem({ syncSchedule: '0 */6 * * *', syncWindow: 'P8D' })).toMatchObject({
      field: 'syncWindow',
      rule: 'duration-PT1H-P7D',
    });
    expect(
      syncSettingProblem({ syncSchedule: '0 */6 * * *', syncWindow: 'PT2H', messageTtl: 'P7D' }),
    ).toBeUndefined();
  });
});

describe('the create body', () => {
  it('refuses a name shorter than 5 characters, naming the field', () => {
    const r = createConnectedRegistrySchema.safeParse({
      name: 'edge',
      parent: null,
      mode: 'ReadOnly',
      repositories: ['a/b'],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['name']);
  });

  it('requires at least one repository', () => {
    const r = createConnectedRegistrySchema.safeParse({
      name: 'edgeprobe',
      parent: null,
      mode: 'ReadOnly',
      repositories: [],
    });
    expect(r.error?.issues[0]?.path).toEqual(['repositories']);
  });
});
