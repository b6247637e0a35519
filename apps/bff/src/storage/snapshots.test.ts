import { describe, expect, it } from 'vitest';
import { drivers, useTestStorage } from '../../test/storage-harness';
import { createAuditLog, OBSERVED_ACTOR } from './audit';
import { SecretInAuditRecordError } from './secret-guard';
import { createSnapshotStore } from './snapshots';

const REG = '/subscriptions/s/resourcegroups/rg/providers/microsoft.containerregistry/registries/r';
const data = (tokens: string[]) => ({ tokens: tokens.map((name) => ({ name })) });

describe.each(drivers)('registry snapshots on %s', (kind) => {
  const t = useTestStorage(kind);

  it('stores a first read, then only over the version it started from', async () => {
    const store = createSnapshotStore(t.storage.db);
    expect(await store.get(REG)).toBeUndefined();
    const first = await store.put(REG, data(['a']), new Date('2026-01-01T00:00:00Z'), null);
    expect(first).toMatchObject({ version: 1, data: data(['a']) });
    // A second "first read" does not overwrite the first.
    expect(await store.put(REG, data(['x']), new Date(), null)).toBeUndefined();

    const changed = await store.update(REG, () => data(['a', 'b']));
    expect(changed?.version).toBe(2);
    // A refresh that read before that change landed is not stored.
    expect(await store.put(REG, data(['a']), new Date(), 1)).toBeUndefined();
    const got = await store.get(REG);
    expect(got).toMatchObject({ version: 2, data: data(['a', 'b']) });
    expect(got?.readAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');

    const refreshed = await store.put(REG, data(['c']), new Date('2026-01-02T00:00:00Z'), 2);
    expect(refreshed).toMatchObject({ version: 3, data: data(['c']) });
    expect(await store.update('no such registry', () => data([]))).toBeUndefined();
  });

  it('refuses anything that looks like a secret, and changes nothing', async () => {
    const store = createSnapshotStore(t.storage.db);
    await store.put(REG, data(['a']), new Date(), null);
    const leaky = { tokens: [{ name: 'a', passwords: [{ name: 'password1', value: 'hunter2' }] }] };
    await expect(store.put(REG, leaky, new Date(), 1)).rejects.toBeInstanceOf(
      SecretInAuditRecordError,
    );
    await expect(store.update(REG, () => leaky)).rejects.toBeInstanceOf(SecretInAuditRecordError);
    expect((await store.get(REG))?.data).toEqual(data(['a']));
  });

  it('records a change observed in Azure in the hash chain, standing alone', async () => {
    const audit = createAuditLog(t.storage.db);
    const intent = await audit.appendIntent({
      actor: 'avery',
      action: 'token.disable',
      target: `${REG}/tokens/a`,
      requestId: 'r1',
    });
    await audit.appendOutcome(intent, { outcome: 'succeeded', armRequestIds: [] });
    const id = await audit.appendObserved({
      action: 'token.status',
      target: `${REG}/tokens/b`,
      before: 'enabled',
      after: { value: 'disabled', window: { from: 'x', to: 'y' } },
      requestId: 'r2',
    });
    const { records } = await audit.list({ limit: 10 });
    expect(records[0]).toMatchObject({
      id,
      kind: 'observed',
      actor: OBSERVED_ACTOR,
      intentId: null,
      outcome: null,
      before: 'enabled',
    });
    expect(await audit.verifyChain()).toEqual({ ok: true, checked: 3 });
    // Not an intent: start-up never marks it "outcome unknown".
    expect(await audit.pendingIntents()).toEqual([]);
    // The schema keeps the kinds apart: an observed record cannot point at an
    // intent, and no other kind exists.
    const insert = (kindValue: string, intentId: string | null) =>
      t.storage.db.query(
        `INSERT INTO audit_log (seq, id, kind, recorded_at, actor, action, target, request_id,
                                intent_id, prev_hash, hash)
         VALUES (999, 'x', $1, now(), 'a', 'b', 'c', 'd', $2, 'p', 'h')`,
        [kindValue, intentId],
      );
    await expect(insert('observed', intent)).rejects.toThrow(/audit_log_outcome_has_intent/);
    await expect(insert('guessed', null)).rejects.toThrow(/audit_log_kind_known/);
  });
});

describe('registry snapshots on postgres, two instances', () => {
  const t = useTestStorage('postgres');

  it("sees another instance's write on its next read", async () => {
    const other = await t.openAnother();
    const a = createSnapshotStore(t.storage.db);
    const b = createSnapshotStore(other.db);
    await a.put(REG, data(['a']), new Date(), null);
    expect((await b.get(REG))?.data).toEqual(data(['a']));
    await a.update(REG, () => data(['a', 'b']));
    expect((await b.get(REG))?.data).toEqual(data(['a', 'b']));
  });

  it('moves only the read time when a refresh found nothing new, on every instance', async () => {
    const other = await t.openAnother();
    const a = createSnapshotStore(t.storage.db);
    const b = createSnapshotStore(other.db);
    const first = (await a.put(REG, data(['a']), new Date(1_000), null))!;
    const seen = (await b.get(REG))!;
    const touched = (await a.touch(REG, new Date(2_000), first.version))!;
    expect(touched.version).toBe(first.version);
    expect(touched.changedAt).toEqual(first.changedAt);
    expect(touched.readAt).toEqual(new Date(2_000));
    const later = (await b.get(REG))!;
    expect(later.readAt).toEqual(new Date(2_000));
    expect(later.version).toBe(seen.version);
    expect(later.data).toEqual(data(['a']));
    // Against a version that moved meanwhile, nothing is touched.
    await a.update(REG, () => data(['a', 'b']));
    expect(await a.touch(REG, new Date(3_000), first.version)).toBeUndefined();
  });
});
