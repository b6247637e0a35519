import { describe, expect, it } from 'vitest';
import { diffFields, humanField, rootFieldName } from './audit-diff';

describe('diffFields', () => {
  it('compares a token before and after it was disabled, field by field', () => {
    const before = {
      status: 'enabled',
      scopeMap: 'pull-only',
      passwords: [
        { name: 'password1', present: true, expiry: '2026-05-01T00:00:00.000Z' },
        { name: 'password2', present: false, expiry: null },
      ],
    };
    const after = { ...before, status: 'disabled' };
    const rows = diffFields(before, after);
    expect(rows.map((r) => [r.field.join(' › '), r.same])).toEqual([
      ['Status', false],
      ['Scope map', true],
      ['Passwords › password1 › Present', true],
      ['Passwords › password1 › Expiry', true],
      ['Passwords › password2 › Present', true],
      ['Passwords › password2 › Expiry', true],
    ]);
    expect(rows[0]).toMatchObject({
      before: { type: 'text', text: 'enabled' },
      after: { type: 'text', text: 'disabled' },
    });
    // A time is a time (the page formats it), a boolean is Yes/No, null is "none".
    expect(rows[3]!.before).toEqual({ type: 'time', iso: '2026-05-01T00:00:00.000Z' });
    expect(rows[2]!.before).toEqual({ type: 'text', text: 'Yes' });
    expect(rows[5]!.before).toEqual({ type: 'none' });
  });

  it('says a field one side did not record is not recorded, not removed', () => {
    const rows = diffFields({ version: 'a', intended: { actions: ['x'] } }, { version: 'b' });
    expect(rows.map((r) => [r.field.join(' › '), r.before?.type, r.after?.type])).toEqual([
      ['Version', 'text', 'text'],
      ['Intended › Actions', 'list', undefined],
    ]);
    expect(rows[1]!.same).toBe(false);
  });

  it('lists what a list gained and lost, any case', () => {
    const [row] = diffFields({ clientTokens: ['a', 'B'] }, { clientTokens: ['b', 'c'] });
    expect(row).toMatchObject({ added: ['c'], removed: ['a'], same: false });
  });

  it('names a bare observed value after the action', () => {
    const rows = diffFields('enabled', 'disabled', rootFieldName('token.status'));
    expect(rows).toEqual([
      {
        field: ['Status'],
        before: { type: 'text', text: 'enabled' },
        after: { type: 'text', text: 'disabled' },
        same: false,
      },
    ]);
    expect(diffFields(null, ['repositories/a/content/read'], 'Actions')[0]).toMatchObject({
      before: { type: 'none' },
      after: { type: 'list', items: ['repositories/a/content/read'] },
    });
  });

  it('humanizes keys', () => {
    expect(humanField('scopeMapName')).toBe('Scope map name');
    expect(humanField('password2')).toBe('password2');
    expect(rootFieldName('connectedRegistry.syncToken')).toBe('Sync token');
  });
});
