import type { AuditRecordView } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { toAuditRows } from './audit-rows';
import { fromLocalInput, toLocalInput, validateAuditSearch } from './audit-search';

const target =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/contosoregistry/tokens/new-service';

const rec = (over: Partial<AuditRecordView> & Pick<AuditRecordView, 'seq' | 'id' | 'kind'>) =>
  ({
    recordedAt: new Date(Date.UTC(2026, 0, 1, 0, over.seq)).toISOString(),
    actor: 'avery@contoso',
    action: 'token.password.generate',
    target,
    requestId: `req-${over.seq}`,
    intentId: null,
    outcome: null,
    before: null,
    after: null,
    armRequestIds: null,
    error: null,
    hash: 'h',
    prevHash: 'p',
    ...over,
  }) satisfies AuditRecordView;

describe('toAuditRows', () => {
  it('shows a change observed in Azure on its own row, marked, with its window', () => {
    const window = { from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T00:05:00.000Z' };
    const rows = toAuditRows([
      rec({
        seq: 3,
        id: 'x',
        kind: 'observed',
        actor: 'observed in Azure',
        action: 'token.status',
        before: 'enabled',
        after: { value: 'disabled', window },
      }),
      rec({ seq: 2, id: 'o1', kind: 'outcome', intentId: 'i1', outcome: 'succeeded' }),
      rec({ seq: 1, id: 'i1', kind: 'intent' }),
    ]);
    expect(rows.map((r) => [r.key, r.outcome])).toEqual([
      ['x', 'observed'],
      ['i1', 'succeeded'],
    ]);
    expect(rows[0]).toMatchObject({ before: 'enabled', after: 'disabled', window });
    expect(rows[1]!.window).toBeUndefined();
  });

  it('joins each intent with its outcome, newest first', () => {
    const rows = toAuditRows([
      rec({
        seq: 4,
        id: 'o2',
        kind: 'outcome',
        intentId: 'i2',
        outcome: 'failed',
        error: { code: 'x' },
      }),
      rec({ seq: 3, id: 'i2', kind: 'intent', action: 'token.delete' }),
      rec({
        seq: 2,
        id: 'o1',
        kind: 'outcome',
        intentId: 'i1',
        outcome: 'succeeded',
        armRequestIds: ['arm-1'],
        after: { passwords: ['password1'] },
      }),
      rec({ seq: 1, id: 'i1', kind: 'intent', before: { passwords: [] } }),
    ]);
    expect(rows.map((r) => [r.seq, r.action, r.outcome])).toEqual([
      [3, 'token.delete', 'failed'],
      [1, 'token.password.generate', 'succeeded'],
    ]);
    expect(rows[1]).toMatchObject({
      armRequestIds: ['arm-1'],
      before: { passwords: [] },
      after: { passwords: ['password1'] },
      completedAt: rows[1]?.completedAt,
    });
    expect(rows[0]?.error).toEqual({ code: 'x' });
  });

  it('takes the display name and the state from what the recorder wrote before', () => {
    const actor = { oid: 'o', name: 'Avery Admin', username: 'avery@contoso' };
    const rows = toAuditRows([
      rec({ seq: 1, id: 'i1', kind: 'intent', before: { actor, state: { status: 'enabled' } } }),
    ]);
    expect(rows[0]).toMatchObject({ actorName: 'Avery Admin', before: { status: 'enabled' } });
  });

  it('shows an intent without outcome as pending', () => {
    const rows = toAuditRows([rec({ seq: 7, id: 'i7', kind: 'intent' })]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.outcome).toBe('pending');
    expect(rows[0]?.completedAt).toBeUndefined();
  });

  it('keeps an outcome whose intent is not loaded as a row of its own', () => {
    const rows = toAuditRows([
      rec({ seq: 9, id: 'o9', kind: 'outcome', intentId: 'gone', outcome: 'unknown' }),
    ]);
    expect(rows.map((r) => [r.key, r.outcome])).toEqual([['o9', 'unknown']]);
  });
});

describe('validateAuditSearch', () => {
  it('keeps filters the API accepts', () => {
    expect(
      validateAuditSearch({
        actor: ' avery@contoso ',
        action: 'token.delete',
        target,
        from: '2026-01-01T00:00:00Z',
        to: '2026-01-02T00:00:00.000+02:00',
      }),
    ).toEqual({
      actor: 'avery@contoso',
      action: 'token.delete',
      target,
      from: '2026-01-01T00:00:00Z',
      to: '2026-01-02T00:00:00.000+02:00',
    });
  });

  it('drops what the API would refuse', () => {
    expect(
      validateAuditSearch({
        actor: 'a'.repeat(257),
        action: '',
        from: '2026-01-01',
        to: 'yesterday',
        cursor: 'x',
      }),
    ).toEqual({});
  });

  it('round-trips a local date-time input through an ISO instant', () => {
    const iso = fromLocalInput('2026-03-09T14:30');
    expect(iso).toMatch(/Z$/);
    expect(toLocalInput(iso)).toBe('2026-03-09T14:30');
    expect(fromLocalInput('')).toBeUndefined();
    expect(toLocalInput(undefined)).toBe('');
  });
});
