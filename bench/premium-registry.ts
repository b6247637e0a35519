import type { RegistryPath } from '@latchkey/domain';
import type { Harness } from '../apps/bff/test/api/harness';

/** The scenario's Premium registry (the one with connected registries) and its path for apiPaths. */
export function premiumRegistry(h: Harness) {
  const data = h.azure.scenario().registries.find((r) => r.sku === 'Premium')!;
  const ref: RegistryPath = {
    subscriptionId: data.subscriptionId,
    resourceGroup: data.resourceGroup,
    registryName: data.name,
  };
  return { data, ref };
}
