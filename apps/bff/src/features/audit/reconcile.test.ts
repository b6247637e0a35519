import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { drivers, useTestStorage } from '../../../test/storage-harness';
import { createAuditLog } from '../../storage';
import { OutcomeReconciler, RECONCILE_AFTER_MS } from './reconcile';

const registry =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r';
// ARM after the delete: the token is gone.
const observed = { registry: { id: registry }, tokens: [], scopeMaps: [], connectedRegistries: [] };

describe.each(drivers)('reconciling only changes old enough to be over, on %s', (kind) => {
  const t = useTestStorage(kind);

  it('leaves a young "outcome unknown" alone (another instance may still run it), then settles it', async () => {
    const audit = createAuditLog(t.storage.db);
    const id = await audit.appendIntent({
      actor: 'avery@contoso.onmicrosoft.com',
      action: 'token.delete',
      target: `${registry}/tokens/gone`,
      before: { state: { status: 'enabled' } },
      requestId: 'req-1',
    });
    await audit.markOutcomeUnknown(id);
    const [intent] = await audit.unresolvedIntents(`${registry}/`);
    const at = intent!.recordedAt.getTime();
    const reconcilerAt = (now: number) =>
      new OutcomeReconciler(audit, pino({ level: 'silent' }), 'riley', () => now);

    expect(await reconcilerAt(at + RECONCILE_AFTER_MS - 1000).reconcile(observed)).toBe(0);
    expect(await audit.unresolvedIntents(`${registry}/`)).toHaveLength(1);

    expect(await reconcilerAt(at + RECONCILE_AFTER_MS).reconcile(observed)).toBe(1);
    expect(await audit.unresolvedIntents(`${registry}/`)).toHaveLength(0);
    const outcome = (await audit.list({ limit: 10 })).records.find(
      (r) => r.intentId === id && r.outcome === 'succeeded',
    );
    expect(outcome?.after).toMatchObject({ reconciled: true, observedBy: 'riley' });
  });
});
