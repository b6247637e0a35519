import { describe, expect, it } from 'vitest';
import { drivers, TestClock, useTestStorage } from '../../test/storage-harness';
import {
  AuditIntentNotFoundError,
  AuditOutcomeConflictError,
  createAuditLog,
  InvalidAuditCursorError,
  SecretInAuditRecordError,
  type AuditIntentInput,
  type AuditLog,
} from './audit';
import type { Db } from './db';

const intent = (overrides: Partial<AuditIntentInput> = {}): AuditIntentInput => ({
  actor: 'alice@contoso.example',
  action: 'token.disable',
  target:
    '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r/tokens/t1',
  before: { status: 'enabled', scopeMap: 'pull-only' },
  requestId: 'req-1',
  ...overrides,
});

async function appendPairs(audit: AuditLog, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const id = await audit.appendIntent(intent({ requestId: `req-${i}` }));
    await audit.appendOutcome(id, {
      outcome: 'succeeded',
      after: { status: 'disabled' },
      armRequestIds: [`arm-${i}`],
    });
  }
}

/** What an attacker with DDL rights would do first: the trigger refuses plain edits. */
async function disableAppendOnlyTrigger(db: Db): Promise<void> {
  await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only_rows');
}

describe.each(drivers)('audit log on %s', (kind) => {
  const t = useTestStorage(kind);
  const open = (clock = new TestClock()) => createAuditLog(t.storage.db, { clock });

  it('records an intent and its outcome in a verifiable chain', async () => {
    const clock = new TestClock();
    const audit = open(clock);
    const intentId = await audit.appendIntent(intent());
    clock.advance(1500);
    const outcomeId = await audit.appendOutcome(intentId, {
      outcome: 'failed',
      armRequestIds: ['arm-1', 'arm-2'],
      error: { code: 'AuthorizationFailed', message: 'missing role' },
    });
    const { records } = await audit.list({ limit: 10 });
    expect(records.map((r) => [r.seq, r.kind, r.id])).toEqual([
      [2, 'outcome', outcomeId],
      [1, 'intent', intentId],
    ]);
    const [outcome, first] = records;
    expect(first).toMatchObject({
      actor: 'alice@contoso.example',
      action: 'token.disable',
      before: { status: 'enabled', scopeMap: 'pull-only' },
      requestId: 'req-1',
      intentId: null,
      outcome: null,
      prevHash: '0'.repeat(64),
      recordedAt: new Date('2026-01-01T00:00:00.000Z'),
    });
    expect(outcome).toMatchObject({
      intentId,
      outcome: 'failed',
      actor: 'alice@contoso.example',
      target: intent().target,
      armRequestIds: ['arm-1', 'arm-2'],
      error: { code: 'AuthorizationFailed', message: 'missing role' },
      prevHash: first!.hash,
      recordedAt: new Date('2026-01-01T00:00:01.500Z'),
    });
    expect(await audit.verifyChain()).toEqual({ ok: true, checked: 2 });
  });

  it('refuses updates and deletes in the database itself', async () => {
    const audit = open();
    await appendPairs(audit, 1);
    await expect(t.storage.db.query("UPDATE audit_log SET actor = 'mallory'")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.storage.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect(await audit.verifyChain()).toEqual({ ok: true, checked: 2 });
  });

  it('detects an edited record at its sequence number', async () => {
    const audit = open();
    await appendPairs(audit, 3);
    await disableAppendOnlyTrigger(t.storage.db);
    await t.storage.db.query(`UPDATE audit_log SET after = '{"status":"enabled"}' WHERE seq = 4`);
    expect(await audit.verifyChain()).toEqual({ ok: false, checked: 3, firstBadSeq: 4 });
  });

  it('detects a record edited and re-hashed, at the next record', async () => {
    const audit = open();
    await appendPairs(audit, 3);
    await disableAppendOnlyTrigger(t.storage.db);
    await t.storage.db.query(`UPDATE audit_log SET hash = repeat('a', 64) WHERE seq = 2`);
    const result = await audit.verifyChain();
    expect(result.ok).toBe(false);
    // seq 2's own hash no longer matches its fields.
    expect(result.firstBadSeq).toBe(2);
  });

  it('detects a record deleted from the middle or from the end', async () => {
    const audit = open();
    await appendPairs(audit, 3);
    await disableAppendOnlyTrigger(t.storage.db);
    await t.storage.db.query('DELETE FROM audit_log WHERE seq = 6');
    expect(await audit.verifyChain()).toEqual({ ok: false, checked: 5, firstBadSeq: 6 });
    await t.storage.db.query('DELETE FROM audit_log WHERE seq = 4');
    expect(await audit.verifyChain()).toEqual({ ok: false, checked: 3, firstBadSeq: 4 });
  });

  it('keeps 50 concurrent appends in one unbroken chain', async () => {
    const audit = open();
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) => audit.appendIntent(intent({ requestId: `req-${i}` }))),
    );
    expect(new Set(ids).size).toBe(50);
    const { rows } = await t.storage.db.query<{ seq: number }>(
      'SELECT seq FROM audit_log ORDER BY seq',
    );
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await audit.verifyChain()).toEqual({ ok: true, checked: 50 });
  });

  it.each([
    ['a password', { before: { password: 'hunter2' } }],
    ['a nested client secret', { before: { app: { client_secret: 's3cr3t' } } }],
    ['a token value', { before: { accessToken: 'opaque-token' } }],
    [
      'a generated password under passwords',
      { before: { passwords: [{ name: 'password1', value: 'x' }] } },
    ],
    ['a JWT anywhere', { before: { note: 'eyJhbGciOiJSUzI1NiJ9.e30.sig' } }],
    ['a JWT behind Bearer', { target: 'Bearer eyJhbGciOiJub25lIn0.e30.' }],
    [
      'a connection string',
      { before: { cs: 'ConnectedRegistryName=x;SyncTokenName=y;SyncTokenPassword=z' } },
    ],
    ['a secret in an array', { before: { list: [{ syncTokenPassword: 'z' }] } }],
  ])('refuses an intent with %s', async (_what, overrides) => {
    const audit = open();
    await expect(
      audit.appendIntent(intent(overrides as Partial<AuditIntentInput>)),
    ).rejects.toBeInstanceOf(SecretInAuditRecordError);
    expect((await t.storage.db.query('SELECT 1 FROM audit_log')).rowCount).toBe(0);
  });

  it('refuses an outcome with a secret, and names where without echoing it', async () => {
    const audit = open();
    const id = await audit.appendIntent(intent());
    const error = await audit
      .appendOutcome(id, {
        outcome: 'succeeded',
        after: { credentials: { passwords: [{ name: 'password2', value: 'generated-secret' }] } },
        armRequestIds: [],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretInAuditRecordError);
    expect(String((error as Error).message)).not.toContain('generated-secret');
    expect((await audit.pendingIntents()).map((r) => r.id)).toEqual([id]);
  });

  it('accepts summaries that only name secrets', async () => {
    const audit = open();
    const id = await audit.appendIntent(
      intent({
        action: 'token.password.generate',
        before: {
          token: { name: 't1', status: 'enabled' },
          tokenName: 't1',
          passwords: [{ name: 'password1', expiry: '2026-04-01T00:00:00Z' }],
          passwordSlot: 'password2',
          hasPassword: true,
        },
      }),
    );
    expect(id).toBeTruthy();
  });

  it('lists intents without an outcome, and closes them as outcome unknown', async () => {
    const audit = open();
    const done = await audit.appendIntent(intent({ requestId: 'done' }));
    await audit.appendOutcome(done, { outcome: 'succeeded', armRequestIds: ['arm'] });
    const crashedA = await audit.appendIntent(intent({ requestId: 'crashed-a' }));
    const crashedB = await audit.appendIntent(intent({ requestId: 'crashed-b' }));
    expect((await audit.pendingIntents()).map((r) => r.id)).toEqual([crashedA, crashedB]);

    const unknownId = await audit.markOutcomeUnknown(crashedA);
    expect((await audit.pendingIntents()).map((r) => r.id)).toEqual([crashedB]);
    const { records } = await audit.list({ limit: 1 });
    expect(records[0]).toMatchObject({
      id: unknownId,
      intentId: crashedA,
      outcome: 'unknown',
      requestId: 'crashed-a',
    });

    // Reconciliation may still record what really happened, once.
    await audit.appendOutcome(crashedA, { outcome: 'succeeded', armRequestIds: [] });
    await expect(
      audit.appendOutcome(crashedA, { outcome: 'failed', armRequestIds: [] }),
    ).rejects.toBeInstanceOf(AuditOutcomeConflictError);
    await expect(audit.markOutcomeUnknown(done)).rejects.toBeInstanceOf(AuditOutcomeConflictError);
    await expect(audit.markOutcomeUnknown('no-such-intent')).rejects.toBeInstanceOf(
      AuditIntentNotFoundError,
    );
    // An outcome id is not an intent id.
    await expect(
      audit.appendOutcome(unknownId, { outcome: 'succeeded', armRequestIds: [] }),
    ).rejects.toBeInstanceOf(AuditIntentNotFoundError);
    expect(await audit.verifyChain()).toEqual({ ok: true, checked: 6 });
  });

  it('matches by part and family, and lists distinct actors and targets', async () => {
    const audit = open(new TestClock());
    const reg =
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r';
    await audit.appendIntent(
      intent({
        actor: 'alice@contoso.example',
        target: `${reg}/tokens/t1`,
        before: { actor: { oid: 'o1', name: 'Alice Old', username: 'alice@contoso.example' } },
        requestId: 'a',
      }),
    );
    await audit.appendIntent(
      intent({
        actor: 'alice@contoso.example',
        action: 'token.password.generate',
        target: `${reg}/tokens/t10`,
        before: { actor: { oid: 'o1', name: 'Alice Liddell', username: 'alice@contoso.example' } },
        requestId: 'b',
      }),
    );
    await audit.appendIntent(
      intent({
        actor: 'bob@contoso.example',
        action: 'scopeMap.update',
        target: `${reg}/scopeMaps/m_1`,
        before: null,
        requestId: 'c',
      }),
    );
    const ids = async (filter: Omit<Parameters<AuditLog['list']>[0], 'limit'>) =>
      (await audit.list({ ...filter, limit: 50 })).records.map((r) => r.requestId);
    expect(await ids({ actor: 'ALICE' })).toEqual(['b', 'a']);
    expect(await ids({ actor: 'contoso' })).toEqual(['c', 'b', 'a']);
    expect(await ids({ action: 'token.*' })).toEqual(['b', 'a']);
    expect(await ids({ action: 'token.password.*' })).toEqual(['b']);
    expect(await ids({ action: 'token.' })).toEqual([]);
    // An ARM id: the resource and what is under it; t1 is not t10.
    expect(await ids({ target: `${reg}/tokens/T1` })).toEqual(['a']);
    expect(await ids({ target: `${reg}/` })).toEqual(['c', 'b', 'a']);
    // Part of an id; `_` and `%` are characters, not wildcards.
    expect(await ids({ target: 'tokens/t1' })).toEqual(['b', 'a']);
    expect(await ids({ target: 'm_1' })).toEqual(['c']);
    expect(await ids({ target: 'm%1' })).toEqual([]);

    const facets = await audit.facets();
    expect(facets.actors).toEqual([
      { username: 'alice@contoso.example', name: 'Alice Liddell' },
      { username: 'bob@contoso.example', name: null },
    ]);
    expect(facets.targets).toEqual([
      `${reg}/scopeMaps/m_1`,
      `${reg}/tokens/t10`,
      `${reg}/tokens/t1`,
    ]);
    expect(facets.targetsTruncated).toBe(false);
    const two = await audit.facets(2);
    expect(two.targets).toHaveLength(2);
    expect(two.targetsTruncated).toBe(true);
  });

  it('filters by actor, action, target and time, and pages without gaps or repeats', async () => {
    const clock = new TestClock();
    const audit = open(clock);
    const actors = ['alice', 'bob'];
    const actions = ['token.disable', 'scopeMap.update', 'token.delete'];
    for (let i = 0; i < 12; i++) {
      await audit.appendIntent(
        intent({
          actor: actors[i % 2]!,
          action: actions[i % 3]!,
          target: `/tokens/t${i % 4}`,
          requestId: `r${i}`,
        }),
      );
      clock.advance(60_000);
    }
    const requestIds = async (filter: Parameters<AuditLog['list']>[0]) =>
      (await audit.list(filter)).records.map((r) => r.requestId);

    expect(await requestIds({ actor: 'bob', limit: 50 })).toEqual([
      'r11',
      'r9',
      'r7',
      'r5',
      'r3',
      'r1',
    ]);
    expect(await requestIds({ action: 'scopeMap.update', limit: 50 })).toEqual([
      'r10',
      'r7',
      'r4',
      'r1',
    ]);
    expect(await requestIds({ target: '/tokens/t2', limit: 50 })).toEqual(['r10', 'r6', 'r2']);
    expect(await requestIds({ actor: 'alice', action: 'token.disable', limit: 50 })).toEqual([
      'r6',
      'r0',
    ]);
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    expect(
      await requestIds({
        from: new Date(start + 3 * 60_000),
        to: new Date(start + 6 * 60_000),
        limit: 50,
      }),
    ).toEqual(['r5', 'r4', 'r3']);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await audit.list({ limit: 5, ...(cursor ? { cursor } : {}) });
      seen.push(...page.records.map((r) => r.requestId));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `r${11 - i}`));

    // Records appended while paging do not shift later pages.
    const first = await audit.list({ actor: 'alice', limit: 2 });
    await audit.appendIntent(intent({ actor: 'alice', requestId: 'late' }));
    const second = await audit.list({ actor: 'alice', limit: 2, cursor: first.nextCursor! });
    expect([...first.records, ...second.records].map((r) => r.requestId)).toEqual([
      'r10',
      'r8',
      'r6',
      'r4',
    ]);

    await expect(audit.list({ limit: 5, cursor: 'garbage' })).rejects.toBeInstanceOf(
      InvalidAuditCursorError,
    );
    await expect(audit.list({ limit: 0 })).rejects.toThrow();
  });
});

describe('audit log on postgres, two BFF instances', () => {
  const t = useTestStorage('postgres');

  it('keeps concurrent appends from both instances in one unbroken chain', async () => {
    const other = await t.openAnother();
    const logs = [createAuditLog(t.storage.db), createAuditLog(other.db)];
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        logs[i % 2]!.appendIntent(intent({ requestId: `req-${i}` })),
      ),
    );
    expect(new Set(ids).size).toBe(50);
    await Promise.all(
      ids.map((id, i) =>
        logs[(i + 1) % 2]!.appendOutcome(id, { outcome: 'succeeded', armRequestIds: [] }),
      ),
    );
    expect(await logs[0]!.verifyChain()).toEqual({ ok: true, checked: 100 });
    expect(await logs[1]!.pendingIntents()).toEqual([]);
  });
});
