import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { heldRelisten, until } from '../../test/listening';
import { drivers, useTestStorage } from '../../test/storage-harness';
import { createAuditLog, OBSERVED_ACTOR } from './audit';
import { SecretInAuditRecordError } from './secret-guard';
import type { Storage } from './create-storage';
import { createSnapshotStore, SNAPSHOT_CHANNEL } from './snapshots';

const REG = '/subscriptions/s/resourcegroups/rg/providers/microsoft.containerregistry/registries/r';
const REG2 = `${REG}2`;
const data = (tokens: string[]) => ({ tokens: tokens.map((name) => ({ name })) });
/** A store that listens on `storage` (as every BFF instance does), once it listens. */
async function listeningStore(
  storage: Storage,
  options: Parameters<typeof createSnapshotStore>[1] = {},
) {
  const store = createSnapshotStore(storage.db, { listen: storage.listen, ...options });
  await until(() => store.listening, 'listening');
  return store;
}

/** Every payload sent on the snapshot channel, heard on a listener of its own. */
function payloads(storage: Storage): string[] {
  const heard: string[] = [];
  storage.listen(SNAPSHOT_CHANNEL, { notify: (p) => heard.push(p), state: () => {} });
  return heard;
}

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

describe.each(drivers)('registry snapshot cache and notifications on %s', (kind) => {
  const t = useTestStorage(kind);

  it('notifies every write with the registry, version and read time only, and serves its cache with no query', async () => {
    const heard = payloads(t.storage);
    const store = await listeningStore(t.storage);
    const readAt = new Date('2026-01-01T00:00:00Z');
    await store.put(REG, data(['a']), readAt, null);
    await store.update(REG, () => data(['a', 'b']));
    await store.touch(REG, new Date('2026-01-01T00:01:00Z'), 2);
    // Refused writes (another version landed) notify nothing.
    expect(await store.put(REG, data(['x']), readAt, 1)).toBeUndefined();
    expect(await store.touch(REG, readAt, 1)).toBeUndefined();
    await until(() => heard.length >= 3 && store.stats().notifications >= 3, 'three notifications');
    expect(heard).toEqual([
      `${REG}:1:${readAt.getTime()}`,
      `${REG}:2:${readAt.getTime()}`,
      `${REG}:2:${Date.parse('2026-01-01T00:01:00Z')}`,
    ]);

    const before = store.stats();
    const got = await store.get(REG);
    expect(got).toMatchObject({ version: 2, data: data(['a', 'b']) });
    expect(got?.readAt.toISOString()).toBe('2026-01-01T00:01:00.000Z');
    const after = store.stats();
    expect(after.cacheHits).toBe(before.cacheHits + 1);
    expect(after.versionChecks).toBe(before.versionChecks);
    expect(after.fullReads).toBe(before.fullReads);
    // Asked to check, it asks storage for the version (and nothing more, as it matches).
    await store.get(REG, { check: true });
    expect(store.stats()).toMatchObject({
      versionChecks: before.versionChecks + 1,
      fullReads: before.fullReads,
    });
    expect(heard.length).toBe(3);
  });

  it('checks the version on every read when it does not listen', async () => {
    const store = createSnapshotStore(t.storage.db);
    await store.put(REG, data(['a']), new Date(), null);
    await store.get(REG);
    await store.get(REG);
    expect(store.stats()).toMatchObject({
      listening: false,
      cacheHits: 0,
      versionChecks: 2,
      fullReads: 0,
    });
  });

  it('keeps at most the registries and bytes it is allowed, fetching the rest whole', async () => {
    const store = await listeningStore(t.storage, { cache: { maxRegistries: 1 } });
    await store.put(REG, data(['a']), new Date(), null);
    await store.put(REG2, data(['b']), new Date(), null);
    expect(store.stats().cached.registries).toBe(1);
    expect(store.cached(REG)).toBeUndefined();
    expect((await store.get(REG))?.data).toEqual(data(['a']));
    expect(store.stats().fullReads).toBe(1);
    const none = await listeningStore(t.storage, { cache: { maxBytes: 0 } });
    await none.get(REG);
    await none.get(REG);
    expect(none.stats()).toMatchObject({
      fullReads: 2,
      cacheHits: 0,
      cached: { registries: 0, bytes: 0 },
    });
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

describe('registry snapshot notifications between instances on postgres', () => {
  const t = useTestStorage('postgres');

  async function terminate(pid: number): Promise<void> {
    const client = new pg.Client(inject('postgresAdminUrl'));
    await client.connect();
    try {
      await client.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await client.end();
    }
  }

  it("learns of another instance's write from its notification, with no version query", async () => {
    const other = await t.openAnother();
    const a = await listeningStore(t.storage);
    const b = await listeningStore(other);
    await a.put(REG, data(['a']), new Date(), null);
    expect((await b.get(REG))?.data).toEqual(data(['a']));
    await until(() => b.stats().notifications >= 1, 'the first write heard');
    expect((await b.get(REG))?.version).toBe(1);
    const warm = b.stats();
    expect(warm.cacheHits).toBeGreaterThanOrEqual(1);

    await a.update(REG, () => data(['a', 'b']));
    await until(() => b.stats().notifications > warm.notifications, 'the change heard');
    // The notification dropped b's entry: the read fetches the row, asking no version.
    expect(b.cached(REG)).toBeUndefined();
    expect((await b.get(REG))?.data).toEqual(data(['a', 'b']));
    expect(b.stats()).toMatchObject({
      versionChecks: warm.versionChecks,
      fullReads: warm.fullReads + 1,
    });
    expect((await b.get(REG))?.version).toBe(2);
    expect(b.stats().fullReads).toBe(warm.fullReads + 1);
  });

  it('checks the version while its listening connection is down, and listens again', async () => {
    const other = await t.openAnother();
    const held = heldRelisten();
    const states: boolean[] = [];
    const a = await listeningStore(t.storage);
    const b = await listeningStore(other, {
      // Held until the test lets it listen again, so the fallback is what serves.
      listenOptions: held.options,
      log: {
        info: () => states.push(true),
        warn: () => states.push(false),
      },
    });
    await a.put(REG, data(['a']), new Date(), null);
    await b.get(REG);
    const pid = b.stats().listenerPid;
    expect(pid).toBeGreaterThan(0);
    await terminate(pid!);
    await until(() => !b.listening, 'the listener dropped');
    expect(b.stats().listenerPid).toBeNull();

    // Not heard by b: only the version check can show it.
    await a.update(REG, () => data(['a', 'b']));
    const down = b.stats();
    expect((await b.get(REG))?.data).toEqual(data(['a', 'b']));
    expect(b.stats().versionChecks).toBe(down.versionChecks + 1);
    expect((await b.get(REG))?.version).toBe(2);
    expect(b.stats().versionChecks).toBe(down.versionChecks + 2);
    expect(b.stats().cacheHits).toBe(down.cacheHits);

    await until(() => held.attempts() === 1, 'a wait before listening again');
    held.release();
    await until(() => b.listening, 'listening again');
    expect(b.stats().listenerPid).not.toBe(pid);
    // What was cached before listening again is checked once, then trusted.
    await b.get(REG);
    const back = b.stats();
    expect(back.versionChecks).toBe(down.versionChecks + 3);
    await b.get(REG);
    expect(b.stats()).toMatchObject({
      versionChecks: back.versionChecks,
      cacheHits: back.cacheHits + 1,
    });
    await a.update(REG, () => data(['c']));
    await until(() => b.stats().notifications > back.notifications, 'the next change heard');
    expect((await b.get(REG))?.data).toEqual(data(['c']));
    expect(b.stats().versionChecks).toBe(back.versionChecks);
    expect(states).toEqual([true, false, true]);
    await b.close();
    expect(b.listening).toBe(false);
  });
});
