/**
 * ARM ids of the resources Latchkey reads. ARM matches ids case-insensitively,
 * so comparisons go through `sameArmId`.
 */
export interface RegistryRef {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
}

const REGISTRY_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerRegistry\/registries\/([^/]+)/i;

export function registryId(ref: RegistryRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${ref.registryName}`;
}

export function parseRegistryId(id: string): RegistryRef | undefined {
  const m = REGISTRY_ID.exec(id);
  if (!m) return undefined;
  return { subscriptionId: m[1]!, resourceGroup: m[2]!, registryName: m[3]! };
}

export type ChildType = 'connectedRegistries' | 'tokens' | 'scopeMaps';

export function childId(ref: RegistryRef, type: ChildType, name: string): string {
  return `${registryId(ref)}/${type}/${name}`;
}

/** The last segment of a child resource id of the given type, or undefined. */
export function childName(id: string | undefined | null, type: ChildType): string | undefined {
  if (!id) return undefined;
  const m = new RegExp(`/${type}/([^/]+)$`, 'i').exec(id);
  return m?.[1];
}

export function sameArmId(a: string | undefined | null, b: string | undefined | null): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}
