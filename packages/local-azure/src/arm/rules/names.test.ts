import { describe, expect, it } from 'vitest';
import {
  checkCron,
  checkIsoDuration,
  checkResourceName,
  checkSyncProperties,
  parseIsoDuration,
} from './names';
import { SYSTEM_SCOPE_MAPS, findSystemScopeMap } from './system-scope-maps';
import { checkScopeMapActions } from './actions';

describe('checkResourceName', () => {
  it.each([
    ['registry', 'contosoregistry'],
    ['registry', 'ABCDE'],
    ['registry', 'a'.repeat(50)],
    ['connectedRegistry', 'edgeline1'],
    ['token', 'edge-line1-client'],
    ['scopeMap', 'edge_line-1'],
  ] as const)('accepts %s %s', (kind, name) => {
    expect(checkResourceName(kind, name)).toEqual({ ok: true });
  });

  it.each([
    ['registry', 'abcd', 'name.length'],
    ['registry', 'a'.repeat(51), 'name.length'],
    ['registry', 'contoso-registry', 'name.characters'],
    ['connectedRegistry', 'edge_line', 'name.characters'],
    ['connectedRegistry', 'edge-line', 'name.characters'],
    ['token', 'edge_line', 'name.characters'],
    ['token', 'tok', 'name.length'],
    ['token', 'token name', 'name.characters'],
    ['scopeMap', 'edge.line', 'name.characters'],
    ['scopeMap', '_repositories_pull', 'name.reserved'],
    ['scopeMap', '_mine', 'name.reserved'],
    ['scopeMap', 't\u00e9st1', 'name.characters'],
  ] as const)('rejects %s %s with %s', (kind, name, rule) => {
    const result = checkResourceName(kind, name);
    expect(result).toMatchObject({ ok: false, rule });
    if (!result.ok) expect(result.message).toContain(JSON.stringify(name));
  });
});

describe('ISO durations', () => {
  it('parses the forms Azure uses', () => {
    expect(parseIsoDuration('P1D')).toBe(86_400_000);
    expect(parseIsoDuration('PT1H')).toBe(3_600_000);
    expect(parseIsoDuration('P1DT12H')).toBe(36 * 3_600_000);
    expect(parseIsoDuration('PT90M')).toBe(90 * 60_000);
    expect(parseIsoDuration('P2W')).toBe(14 * 86_400_000);
    expect(parseIsoDuration('PT0.5S')).toBe(500);
    for (const bad of ['', 'P', 'PT', 'P1DT', '1D', 'P1H', 'PT1D', 'P-1D', 'P1.5D', 'two days']) {
      expect(parseIsoDuration(bad), bad).toBeUndefined();
    }
  });

  it('checks bounds inclusively', () => {
    const bounds = { min: 'P1D', max: 'P90D' };
    expect(checkIsoDuration('messageTtl', 'P1D', bounds).ok).toBe(true);
    expect(checkIsoDuration('messageTtl', 'P90D', bounds).ok).toBe(true);
    expect(checkIsoDuration('messageTtl', 'PT23H', bounds)).toMatchObject({
      ok: false,
      field: 'messageTtl',
      rule: 'duration.range',
    });
    expect(checkIsoDuration('messageTtl', 'P91D', bounds)).toMatchObject({
      rule: 'duration.range',
    });
    expect(checkIsoDuration('messageTtl', 'soon', bounds)).toMatchObject({
      rule: 'duration.format',
    });
  });
});

describe('checkCron', () => {
  it.each(['* * * * *', '0 2 * * *', '*/15 0-6 1,15 1-12/2 1-5', '59 23 31 12 6', '0,30 * * * 0'])(
    'accepts %s',
    (cron) => {
      expect(checkCron('schedule', cron)).toEqual({ ok: true });
    },
  );

  it.each([
    ['* * * *', 'cron.format'],
    ['* * * * * *', 'cron.format'],
    ['', 'cron.format'],
    ['60 * * * *', 'cron.value'],
    ['* 24 * * *', 'cron.value'],
    ['* * 0 * *', 'cron.value'],
    ['* * * 13 *', 'cron.value'],
    ['* * * * 7', 'cron.value'],
    ['*/0 * * * *', 'cron.value'],
    ['5-1 * * * *', 'cron.value'],
    ['a * * * *', 'cron.value'],
    ['1,,2 * * * *', 'cron.value'],
  ])('rejects %s with %s', (cron, rule) => {
    expect(checkCron('schedule', cron)).toMatchObject({ ok: false, field: 'schedule', rule });
  });
});

describe('checkSyncProperties', () => {
  it('accepts the CLI defaults and a scheduled window', () => {
    expect(checkSyncProperties({ schedule: '* * * * *', messageTtl: 'P2D' })).toEqual({ ok: true });
    expect(
      checkSyncProperties({ schedule: '0 1 * * *', syncWindow: 'PT3H', messageTtl: 'P90D' }),
    ).toEqual({ ok: true });
    expect(checkSyncProperties({})).toEqual({ ok: true });
  });

  it('names the failing field', () => {
    expect(checkSyncProperties({ messageTtl: 'P91D' })).toMatchObject({
      ok: false,
      field: 'messageTtl',
    });
    expect(checkSyncProperties({ syncWindow: 'PT30M', messageTtl: 'P2D' })).toMatchObject({
      ok: false,
      field: 'syncWindow',
      rule: 'duration.range',
    });
    expect(checkSyncProperties({ syncWindow: 'P8D' })).toMatchObject({ field: 'syncWindow' });
    expect(checkSyncProperties({ syncWindow: 'P7D' })).toEqual({ ok: true });
    expect(checkSyncProperties({ schedule: '* * *' })).toMatchObject({ field: 'schedule' });
  });
});

describe('system scope maps', () => {
  it('lists the five maps with valid actions, all registry-wide', () => {
    expect(SYSTEM_SCOPE_MAPS.map((m) => m.name)).toEqual([
      '_repositories_pull',
      '_repositories_pull_metadata_read',
      '_repositories_push',
      '_repositories_push_metadata_write',
      '_repositories_admin',
    ]);
    for (const map of SYSTEM_SCOPE_MAPS) {
      expect(checkScopeMapActions([...map.actions])).toEqual({
        ok: true,
        normalized: [...map.actions],
      });
      expect(map.actions.every((a) => a.startsWith('repositories/*/'))).toBe(true);
    }
    expect(findSystemScopeMap('_Repositories_Admin')?.actions).toHaveLength(5);
    expect(findSystemScopeMap('_repositories_other')).toBeUndefined();
  });
});
