import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, errorBodySchema, type RegistryPath } from '@latchkey/domain';
import { startHarness, type Harness } from './harness';

let h: Harness;
let admin: string;
let morgan: string;
let registry: RegistryPath;

beforeAll(async () => {
  // A 6 s ARM budget: longer than three 1 s Retry-After waits, shorter than the injected latency.
  h = await startHarness({ armTimeoutMs: 6000 });
  const r = h.azure.scenario().registries.find((x) => x.name === 'contosoregistry')!;
  registry = {
    subscriptionId: r.subscriptionId,
    resourceGroup: r.resourceGroup,
    registryName: r.name,
  };
  [admin, morgan] = await Promise.all([h.signIn('Avery Admin'), h.signIn('Morgan Limited')]);
}, 60_000);

afterEach(() => h.azure.emulator.control.clearFaults());
afterAll(async () => {
  await h?.close();
});

async function errorOf(res: Response) {
  return errorBodySchema.parse(await res.json()).error;
}

describe('ARM faults, as the console reports them', () => {
  it('says which Azure role is missing on which registry when ARM answers 403', async () => {
    // Morgan has no role on the Production subscription, only Reader on contosoregistry.
    const elsewhere = { ...registry, registryName: 'otherprodregistry' };
    const res = await h.get(apiPaths.overview(elsewhere), morgan);
    expect(res.status).toBe(403);
    const error = await errorOf(res);
    expect(error.code).toBe('azure_forbidden');
    expect(error.message).toContain('otherprodregistry');
    expect(error.message).toContain('Reader');
  });

  it('retries throttling as the SDK does, and succeeds when Azure recovers', async () => {
    h.azure.emulator.control.addFault({
      operation: 'Tokens_List',
      kind: 'throttle',
      retryAfterSeconds: 1,
      times: 1,
    });
    const before = new Set(h.azure.emulator.control.requests(500).map((x) => x.requestId));
    const res = await h.get(apiPaths.overview(registry), admin);
    expect(res.status).toBe(200);
    // Only this registry's token lists from this request (an earlier test may still have lists in flight).
    const lists = h.azure.emulator.control
      .requests(500)
      .filter((x) => !before.has(x.requestId))
      .filter(
        (x) => x.operation === 'Tokens_List' && x.path.includes('/registries/contosoregistry/'),
      );
    expect(lists.map((x) => x.status)).toEqual([429, 200]);
  });

  it('reports throttling that outlasts the retries as 429 with a retry hint', async () => {
    h.azure.emulator.control.addFault({
      operation: 'Tokens_List',
      kind: 'throttle',
      retryAfterSeconds: 1,
      times: 10,
    });
    const res = await h.get(apiPaths.overview(registry), admin);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeTruthy();
    const error = await errorOf(res);
    expect(error.code).toBe('azure_throttled');
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
  }, 30_000);

  it('reports an Azure 500 as an upstream error with the request id', async () => {
    h.azure.emulator.control.addFault({ operation: 'ScopeMaps_List', kind: 'error500', times: 10 });
    const res = await h.get(apiPaths.overview(registry), admin);
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_error');
    expect(error.message).toContain('Azure failed');
    expect(error.requestId).toBe(res.headers.get('x-request-id'));
  }, 30_000);

  it('reports an Azure that does not answer in time as 504 with a retry hint', async () => {
    h.azure.emulator.control.addFault({
      operation: 'ConnectedRegistries_List',
      kind: 'latency',
      latencyMs: 8000,
      times: 1,
    });
    const res = await h.get(apiPaths.overview(registry), admin);
    expect(res.status).toBe(504);
    const error = await errorOf(res);
    expect(error.code).toBe('upstream_timeout');
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
  }, 30_000);
});
