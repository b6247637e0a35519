import { describe, expect, it } from 'vitest';
import { drivers, useTestStorage } from '../../test/storage-harness';
import { AuditOutcomeConflictError, createAuditLog } from './audit';

const registry =
  '/subscriptions/s/resourceGroups/RG/providers/Microsoft.ContainerRegistry/registries/r';

describe.each(drivers)('unresolved "outcome unknown" intents on %s', (kind) => {
  const t = useTestStorage(kind);

  it('lists intents marked unknown and not settled since, under a target prefix, oldest first', async () => {
    const audit = createAuditLog(t.storage.db);
    const intent = (target: string) =>
      audit.appendIntent({ actor: 'a', action: 'token.disable', target, requestId: 'r' });
    const unknown1 = await intent(`${registry}/tokens/one`);
    const settled = await intent(`${registry}/tokens/two`);
    const pending = await intent(`${registry}/tokens/three`);
    const elsewhere = await intent(`${registry}x/tokens/four`);
    const unknown2 = await intent(`${registry}/scopeMaps/five`);
    for (const id of [unknown1, settled, elsewhere, unknown2]) await audit.markOutcomeUnknown(id);
    await audit.appendOutcome(settled, { outcome: 'failed', armRequestIds: [] });

    // The prefix matches whatever the case of the ARM id (Azure compares ids case-insensitively).
    const under = await audit.unresolvedIntents(`${registry.toLowerCase()}/`);
    expect(under.map((r) => r.id)).toEqual([unknown1, unknown2]);
    expect((await audit.unresolvedIntents()).map((r) => r.id)).toEqual([
      unknown1,
      elsewhere,
      unknown2,
    ]);
    expect((await audit.pendingIntents()).map((r) => r.id)).toEqual([pending]);
    // Settled once, for good: a second definite outcome is refused.
    await expect(
      audit.appendOutcome(settled, { outcome: 'succeeded', armRequestIds: [] }),
    ).rejects.toBeInstanceOf(AuditOutcomeConflictError);
  });
});
