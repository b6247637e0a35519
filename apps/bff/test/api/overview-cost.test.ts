import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiPaths, registryOverviewSchema } from '@latchkey/domain';
import { startHarness, type Harness } from './harness';

let h: Harness;
let admin: string;

beforeAll(async () => {
  h = await startHarness({ scenario: 'large' });
  admin = await h.signIn('Avery Admin');
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
