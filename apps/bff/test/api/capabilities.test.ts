/**
 * What Azure will let each person change, read from local Azure's
 * Microsoft.Authorization permissions through the real login and ARM pipeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  registryCapabilitiesSchema,
  registryOperations,
  type RegistryPath,
} from '@latchkey/domain';
import { startHarness, type Harness } from './harness';

let h: Harness;
let clock = Date.now();
let morgan: string;
let avery: string;
let riley: string;
let prod: RegistryPath;
let dev: RegistryPath;
const OP = 'Permissions_ListForResource';

beforeAll(async () => {
  h = await startHarness({ now: () => clock, maxRetries: 0 });
  const ref = (name: string): RegistryPath => {
    const r = h.azure.scenario().registries.find((x) => x.name === name)!;
    return {
      subscriptionId: r.subscriptionId,
      resourceGroup: r.resourceGroup,
      registryName: r.name,
    };
  };
  prod = ref('contosoregistry');
  dev = ref('contosodev');
  [morgan, avery, riley] = await Promise.all([
    h.signIn('Morgan Limited'),
    h.signIn('Avery Admin'),
    h.signIn('Riley Reviewer'),
  ]);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function capabilitiesOf(registry: RegistryPath, cookie: string) {
  const res = await h.get(apiPaths.capabilities(registry), cookie);
  expect(res.status).toBe(200);
  return registryCapabilitiesSchema.parse(await res.json());
}
const reads = () => h.azure.emulator.control.counters().byOperation[OP] ?? 0;

describe('registry capabilities', () => {
  it('Morgan (Reader on contosoregistry) may change nothing there, with the reason', async () => {
    const caps = await capabilitiesOf(prod, morgan);
    expect(caps.known).toBe(true);
    expect(caps.capabilities['scopeMaps.write']).toEqual({
      allowed: false,
      reason:
        'Needs Contributor (Microsoft.ContainerRegistry/registries/scopeMaps/write) on contosoregistry.',
    });
    for (const op of registryOperations) expect(caps.capabilities[op].allowed, op).toBe(false);
  });

  it('Morgan (Contributor on the Factories subscription) may change everything on contosodev', async () => {
    const caps = await capabilitiesOf(dev, morgan);
    expect(caps.known).toBe(true);
    for (const op of registryOperations)
      expect(caps.capabilities[op], op).toEqual({ allowed: true });
  });

  it('Avery (Contributor on both subscriptions) may change everything on both', async () => {
    for (const registry of [prod, dev]) {
      const caps = await capabilitiesOf(registry, avery);
      for (const op of registryOperations) expect(caps.capabilities[op].allowed, op).toBe(true);
    }
  });

  it('a reviewer reads the map too (Reader on both: nothing allowed)', async () => {
    const caps = await capabilitiesOf(prod, riley);
    expect(caps.capabilities['tokens.write'].allowed).toBe(false);
  });

  it('costs one ARM request per person and registry per minute, never shared between people', async () => {
    clock += 120_000;
    h.azure.emulator.control.resetCounters();
    await capabilitiesOf(prod, morgan);
    await capabilitiesOf(prod, morgan);
    await Promise.all([capabilitiesOf(dev, morgan), capabilitiesOf(dev, morgan)]);
    expect(reads()).toBe(2);
    // Avery's first read of the same registry is Avery's own.
    const averys = await capabilitiesOf(prod, avery);
    expect(averys.capabilities['scopeMaps.write'].allowed).toBe(true);
    expect(reads()).toBe(3);
    clock += 59_000;
    await capabilitiesOf(prod, morgan);
    expect(reads()).toBe(3);
    clock += 2_000;
    await capabilitiesOf(prod, morgan);
    expect(reads()).toBe(4);
  });

  it('when the permissions cannot be read, nothing is disabled and the reason says so', async () => {
    clock += 120_000;
    h.azure.emulator.control.addFault({ operation: OP, kind: 'error500' });
    try {
      const caps = await capabilitiesOf(prod, morgan);
      expect(caps.known).toBe(false);
      expect(caps.unknownReason).toContain('could not be read');
      expect(caps.unknownReason).toContain('Azure still checks each change');
      for (const op of registryOperations) expect(caps.capabilities[op].allowed, op).toBe(true);
    } finally {
      h.azure.emulator.control.clearFaults();
    }
    // A failed read is retried after 15 s, not a minute.
    clock += 16_000;
    const again = await capabilitiesOf(prod, morgan);
    expect(again.known).toBe(true);
    expect(again.capabilities['scopeMaps.write'].allowed).toBe(false);
  });

  it('validates the registry path and needs a session', async () => {
    const bad = await h.get(apiPaths.capabilities({ ...prod, resourceGroup: 'rg$bad' }), morgan);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('resourceGroup');
    const anonymous = await h.get(apiPaths.capabilities(prod));
    expect(anonymous.status).toBe(401);
  });
});
