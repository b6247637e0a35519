/**
 * A multi-step action that fails answers with the error body's `steps`: every
 * step in order with what became of it (done, failed, undone, or skipped =
 * never attempted), so the SPA can say exactly what state it left behind.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, registryOverviewSchema, type RegistryPath } from '@latchkey/domain';
import { startDemoHarness, type Harness, errorOf } from './harness';

let h: Harness;
let admin: string;
let r: RegistryPath;

beforeAll(async () => {
  ({ h, r, admin } = await startDemoHarness({
    credentialLimit: { limit: 1000, windowMs: 60_000 },
  }));
}, 60_000);
afterEach(() => h.azure.emulator.control.clearFaults());
afterAll(async () => {
  await h?.close();
});

const outcomes = (steps: Array<{ step: string; outcome: string }> | undefined) =>
  (steps ?? []).map((s) => [s.step, s.outcome]);

/** What ARM holds now, read through the console with no fault armed. */
async function overview() {
  h.azure.emulator.control.clearFaults();
  const res = await h.get(apiPaths.overview(r), admin);
  expect(res.status).toBe(200);
  return registryOverviewSchema.parse(await res.json());
}

const inline = (name: string) => ({
  name,
  scopeMap: {
    inline: {
      repositories: [{ repository: 'factory/line-agent', permissions: ['content/read'] }],
      gateways: [],
    },
  },
});

describe('token creation that fails part-way', () => {
  it('reports the scope map done then undone, the token failed and the password never attempted', async () => {
    h.azure.emulator.control.addFault({ operation: 'Tokens_Create', kind: 'error500', times: 20 });
    const res = await h.post(apiPaths.tokens(r), { cookie: admin, body: inline('steps-token-a') });
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_error');
    expect(outcomes(error.steps)).toEqual([
      ['Create scope map steps-token-a-scope-map', 'done'],
      ['Create token steps-token-a', 'failed'],
      ['Generate password1', 'skipped'],
      ['Delete the new scope map steps-token-a-scope-map', 'undone'],
    ]);
    // The failed step says why, in the person's words (no secret: nothing was generated).
    expect(error.steps![1]!.detail).toBeTruthy();
    const o = await overview();
    expect(o.tokens.map((t) => t.name)).not.toContain('steps-token-a');
    expect(o.scopeMaps.map((m) => m.name)).not.toContain('steps-token-a-scope-map');
  });

  it('reports the password step failed and both earlier steps undone', async () => {
    h.azure.emulator.control.addFault({
      operation: 'Registries_GenerateCredentials',
      kind: 'error500',
      times: 20,
    });
    const res = await h.post(apiPaths.tokens(r), { cookie: admin, body: inline('steps-token-b') });
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(outcomes(error.steps)).toEqual([
      ['Create scope map steps-token-b-scope-map', 'done'],
      ['Create token steps-token-b', 'done'],
      ['Generate password1', 'failed'],
      ['Delete the new token steps-token-b', 'undone'],
      ['Delete the new scope map steps-token-b-scope-map', 'undone'],
    ]);
    const o = await overview();
    expect(o.tokens.map((t) => t.name)).not.toContain('steps-token-b');
    expect(o.scopeMaps.map((m) => m.name)).not.toContain('steps-token-b-scope-map');
    // The failed audit outcome keeps the same steps (names and outcomes, never a secret).
    const last = (await h.audit.list({ limit: 1 })).records[0]!;
    expect(last.outcome).toBe('failed');
    expect(outcomes((last.error as { steps?: [] }).steps)).toEqual(outcomes(error.steps));
  });

  it('carries no steps on a single-step failure that is not a multi-step action', async () => {
    h.azure.emulator.control.addFault({ operation: 'Tokens_Update', kind: 'error500', times: 20 });
    const res = await h.send('PATCH', apiPaths.tokenResource(r, 'release-manager'), {
      cookie: admin,
      body: { status: 'disabled' },
    });
    expect(res.status).toBe(502);
    expect((await errorOf(res)).steps).toBeUndefined();
  });
});

describe('synced repositories across ancestors that fail part-way', () => {
  it('reports the target map failed and the ancestor map never attempted, and changes nothing', async () => {
    const before = await overview();
    const mapOf = (o: typeof before, name: string) =>
      o.scopeMaps.find((m) => m.name === name)!.actions;
    h.azure.emulator.control.addFault({
      operation: 'ScopeMaps_Update',
      kind: 'error500',
      times: 20,
    });
    const res = await h.post(apiPaths.connectedRegistrySyncedRepositories(r, 'edgeline1'), {
      cookie: admin,
      body: { add: ['factory/steps-probe'] },
    });
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(outcomes(error.steps)).toEqual([
      ['Update scope map edgeline1 (sync scope map edgeline1)', 'failed'],
      ['Update scope map sitenorth (ancestor sitenorth)', 'skipped'],
    ]);
    const after = await overview();
    expect(mapOf(after, 'edgeline1')).toEqual(mapOf(before, 'edgeline1'));
    expect(mapOf(after, 'sitenorth')).toEqual(mapOf(before, 'sitenorth'));
  });
});

describe('connection string that fails', () => {
  it('reports the sync token password step failed and leaves the sync token as it was', async () => {
    const before = (await overview()).tokens.find((t) => t.name === 'edgeline4')!;
    h.azure.emulator.control.addFault({
      operation: 'Registries_GenerateCredentials',
      kind: 'error500',
      times: 20,
    });
    const res = await h.post(apiPaths.connectedRegistryConnectionString(r, 'edgeline4'), {
      cookie: admin,
      body: { slot: 'password2', confirmConnectedRegistryName: 'edgeline4' },
    });
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(outcomes(error.steps)).toEqual([
      ['Generate password2 of sync token edgeline4', 'failed'],
    ]);
    const after = (await overview()).tokens.find((t) => t.name === 'edgeline4')!;
    expect(after.passwords).toEqual(before.passwords);
  });
});
