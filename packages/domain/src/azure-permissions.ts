/**
 * What Azure RBAC will let the signed-in person do on a registry, from their
 * Microsoft.Authorization permissions at the registry (one entry per role
 * assignment). The console disables what Azure would refuse, with the reason;
 * Azure still decides every call.
 */
import { z } from 'zod/mini';

export const armPermissionSchema = z.object({
  actions: z.array(z.string()),
  notActions: z.array(z.string()),
});
export type ArmPermission = z.infer<typeof armPermissionSchema>;

const patterns = new Map<string, RegExp>();

/**
 * Whether an Actions/NotActions string covers `action`: `*` stands for any
 * run of characters (also across `/`), and the comparison ignores case.
 */
export function actionMatches(pattern: string, action: string): boolean {
  let re = patterns.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 'i');
    if (patterns.size > 500) patterns.clear();
    patterns.set(pattern, re);
  }
  return re.test(action);
}

/**
 * Effective permission: some entry grants the action and that same entry
 * does not exclude it. NotActions only narrow their own entry, so another
 * assignment can still grant what one excludes (they are not deny rules).
 */
export function isActionPermitted(permissions: readonly ArmPermission[], action: string): boolean {
  return permissions.some(
    (p) =>
      p.actions.some((a) => actionMatches(a, action)) &&
      !p.notActions.some((n) => actionMatches(n, action)),
  );
}

const ACR = 'Microsoft.ContainerRegistry/registries';

/** The ARM actions behind the console's changes to a registry. */
export const registryOperationActions = {
  'registry.write': `${ACR}/write`,
  'tokens.write': `${ACR}/tokens/write`,
  'tokens.delete': `${ACR}/tokens/delete`,
  'credentials.generate': `${ACR}/generateCredentials/action`,
  'scopeMaps.write': `${ACR}/scopeMaps/write`,
  'scopeMaps.delete': `${ACR}/scopeMaps/delete`,
  'connectedRegistries.write': `${ACR}/connectedRegistries/write`,
  'connectedRegistries.delete': `${ACR}/connectedRegistries/delete`,
  'connectedRegistries.deactivate': `${ACR}/connectedRegistries/deactivate/action`,
} as const;
export type RegistryOperation = keyof typeof registryOperationActions;
export const registryOperations = Object.keys(registryOperationActions) as [
  RegistryOperation,
  ...RegistryOperation[],
];

export const capabilitySchema = z.object({
  allowed: z.boolean(),
  /** Why it is refused, naming the role and the ARM action (absent when allowed). */
  reason: z.optional(z.string()),
});
export type Capability = z.infer<typeof capabilitySchema>;

export const registryCapabilitiesSchema = z.object({
  /** The registry's ARM id. */
  registry: z.string(),
  /**
   * False when the permissions could not be read (for example a custom role
   * without Microsoft.Authorization/permissions/read): then every operation
   * is reported allowed and Azure alone decides.
   */
  known: z.boolean(),
  /** Why they are unknown (only when `known` is false). */
  unknownReason: z.optional(z.string()),
  /** When the permissions were read from Azure. */
  readAt: z.string(),
  capabilities: z.record(z.enum(registryOperations), capabilitySchema),
});
export type RegistryCapabilities = z.infer<typeof registryCapabilitiesSchema>;
export type CapabilityMap = RegistryCapabilities['capabilities'];

/** Every operation judged against the permissions read at the registry. */
export function registryCapabilities(
  permissions: readonly ArmPermission[],
  registryName: string,
): CapabilityMap {
  const out = {} as CapabilityMap;
  for (const op of registryOperations) {
    const action = registryOperationActions[op];
    out[op] = isActionPermitted(permissions, action)
      ? { allowed: true }
      : { allowed: false, reason: `Needs Contributor (${action}) on ${registryName}.` };
  }
  return out;
}

/** When the permissions cannot be read: nothing is disabled, Azure decides. */
export function unknownCapabilities(): CapabilityMap {
  const out = {} as CapabilityMap;
  for (const op of registryOperations) out[op] = { allowed: true };
  return out;
}
