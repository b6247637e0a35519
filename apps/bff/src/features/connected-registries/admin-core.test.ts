import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { useTestStorage } from '../../../test/storage-harness';
import type { ArmSettings } from '../../arm/client';
import { ConnectedRegistryWriter } from '../../arm/connected-registry-writer';
import { RegistryReader } from '../../arm/reader';
import { RegistryWriter } from '../../arm/writer';
import { AppError } from '../../http/errors';
import { createAuditLog } from '../../storage';
import { AuditRecorder } from '../audit/recorder';
import { ConnectedRegistryAdminCore } from './admin-core';

// runPlanned never reaches ARM itself: the writers only receive the lock's fence.
const arm: ArmSettings = { endpoint: 'https://127.0.0.1:9', caPem: undefined, timeoutMs: 1000 };
const credential = {
  getToken: () => Promise.reject(new Error('runPlanned must not ask for an ARM token')),
};
const mapA =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r/scopeMaps/a';
const mapB = mapA.replace(/a$/, 'b');

describe('ConnectedRegistryAdminCore.runPlanned (real locks on PGlite)', () => {
  const t = useTestStorage('pglite');
  const core = () =>
    new ConnectedRegistryAdminCore({
      reader: new RegistryReader(arm, credential),
      writer: new ConnectedRegistryWriter(arm, credential),
      registryWriter: new RegistryWriter(arm, credential),
      audit: new AuditRecorder(createAuditLog(t.storage.db), pino({ level: 'silent' })),
      locks: t.storage.locks,
      actor: { oid: 'o', name: 'Avery', username: 'avery@contoso.onmicrosoft.com' },
      requestId: 'req-1',
      now: Date.now,
      spendCredential: () => Promise.resolve(),
    });

  it('plans once outside and once inside the locks, and runs on the plan read inside', async () => {
    const looks: boolean[] = [];
    const result = await core().runPlanned({
      plan: async (inLock) => {
        looks.push(inLock);
        return { ids: [mapA.toUpperCase()], look: looks.length };
      },
      lockedIds: (p) => p.ids,
      changed: () => 'Nothing',
      run: async (p) => `ran on look ${p.look}`,
    });
    expect(looks).toEqual([false, true]);
    // Lock ids compare case-insensitively, as ARM ids do.
    expect(result).toBe('ran on look 2');
  });

  it('refuses as a conflict, running nothing, when the plan inside the locks needs another lock', async () => {
    let ran = false;
    const attempt = core().runPlanned({
      plan: async (inLock) => ({ ids: inLock ? [mapA, mapB] : [mapA], name: 'edge1' }),
      lockedIds: (p) => p.ids,
      changed: (p) => `${p.name} or its hierarchy`,
      run: async () => {
        ran = true;
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: 'conflict',
      message:
        'edge1 or its hierarchy changed while this change was prepared. Reload and try again.',
    });
    expect(ran).toBe(false);
  });

  it('runs when the plan inside the locks needs fewer locks than were taken', async () => {
    const result = await core().runPlanned({
      plan: async (inLock) => (inLock ? [mapA] : [mapA, mapB]),
      lockedIds: (ids) => ids,
      changed: () => 'Nothing',
      run: async (ids) => ids.length,
    });
    expect(result).toBe(1);
  });
});
