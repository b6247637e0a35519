import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiPaths, registryOverviewSchema } from '@latchkey/domain';
import { startHarness, type Harness } from './harness';

let h: Harness;
let admin: string;
let reviewer: string;

beforeAll(async () => {
  h = await startHarness({ scenario: 'large' });
  [admin, reviewer] = await Promise.all([h.signIn('Avery Admin'), h.signIn('Riley Reviewer')]);
}, 90_000);

afterAll(async () => {
  await h?.close();
});

it('builds the large overview from one page chain per resource type: exactly the pages it needs', async () => {
  const data = h.azure.scenario().registries.find((r) => r.sku === 'Premium')!;
  const pages = (n: number) => Math.max(1, Math.ceil(n / 50));
  const expected = {
    Registries_Get: 1,
    Tokens_List: pages(data.tokens.length),
    ScopeMaps_List: pages(data.scopeMaps.length + 5), // + the five system maps
    ConnectedRegistries_List: pages(data.connectedRegistries.length),
  };
  h.azure.emulator.control.resetCounters();
  const res = await h.get(
    apiPaths.overview({
      subscriptionId: data.subscriptionId,
      resourceGroup: data.resourceGroup,
      registryName: data.name,
    }),
    admin,
  );
  expect(res.status).toBe(200);
  const overview = registryOverviewSchema.parse(await res.json());
  expect(overview.tokens).toHaveLength(data.tokens.length);
  expect(overview.connectedRegistries).toHaveLength(data.connectedRegistries.length);
  const counters = h.azure.emulator.control.counters();
  expect(counters.byOperation).toEqual(expected);
  expect(counters.total).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
}, 60_000);

it('serves a repeat overview from the shared snapshot for the gate alone: 4 requests, for anyone', async () => {
  const data = h.azure.scenario().registries.find((r) => r.sku === 'Premium')!;
  const ref = {
    subscriptionId: data.subscriptionId,
    resourceGroup: data.resourceGroup,
    registryName: data.name,
  };
  const gate = {
    Registries_Get: 1,
    Tokens_List: 1,
    ScopeMaps_List: 1,
    ConnectedRegistries_List: 1,
  };
  // The previous test read it cold; same person, then another person.
  for (const who of [admin, reviewer]) {
    h.azure.emulator.control.resetCounters();
    const res = await h.get(apiPaths.overview(ref), who);
    expect(res.status).toBe(200);
    const overview = registryOverviewSchema.parse(await res.json());
    expect(overview.tokens).toHaveLength(data.tokens.length);
    expect(overview.snapshot).toBeDefined();
    expect(h.azure.emulator.control.counters()).toEqual({ total: 4, byOperation: gate });
  }
}, 60_000);
