import type { RegistryPath } from '@latchkey/domain';

/** The registry route params, as every registry-scoped page receives them. */
export interface RegistryParams {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
}

export function toRegistryPath(p: RegistryParams): RegistryPath {
  return {
    subscriptionId: p.subscriptionId,
    resourceGroup: p.resourceGroup,
    registryName: p.registryName,
  };
}

/** Query-key prefix of everything under one registry; generic to specific. */
export function registryKey(p: RegistryParams): readonly [string, string, string, string] {
  return ['registries', p.subscriptionId, p.resourceGroup, p.registryName];
}
