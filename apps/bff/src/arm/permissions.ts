import type { TokenCredential } from '@azure/core-auth';
import {
  armPermissionSchema,
  registryId,
  type ArmPermission,
  type RegistryPath,
} from '@latchkey/domain';
import { listAllPages, type ArmSettings } from './client';
import { mapArmError } from './errors';
import { assertSafeArmPathSegment } from './path-guard';

export const PERMISSIONS_API_VERSION = '2022-04-01';
const READ_PERMISSIONS = 'Microsoft.Authorization/permissions/read';

/**
 * The signed-in person's permissions at a registry (Permissions_ListForResource):
 * one entry per role assignment that applies there. One ARM request per page
 * (a person has a handful of assignments: one page).
 */
export async function readRegistryPermissions(
  settings: ArmSettings,
  credential: TokenCredential,
  ref: RegistryPath,
): Promise<ArmPermission[]> {
  for (const segment of [ref.subscriptionId, ref.resourceGroup, ref.registryName])
    assertSafeArmPathSegment(segment);
  try {
    const raw = await listAllPages<unknown>(
      settings,
      credential,
      `${registryId(ref)}/providers/Microsoft.Authorization/permissions?api-version=${PERMISSIONS_API_VERSION}`,
    );
    // Only what the evaluation needs; data actions do not concern the control plane.
    return raw.map((entry) => {
      const parsed = armPermissionSchema.safeParse({
        actions: (entry as { actions?: unknown }).actions ?? [],
        notActions: (entry as { notActions?: unknown }).notActions ?? [],
      });
      if (!parsed.success) throw new Error('Azure answered permissions in an unexpected shape.');
      return parsed.data;
    });
  } catch (error) {
    throw mapArmError(
      error,
      `your permissions on registry ${ref.registryName}`,
      'read',
      READ_PERMISSIONS,
    );
  }
}
