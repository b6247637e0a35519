/**
 * Microsoft.Authorization permissions (Permissions_ListForResource and
 * Permissions_ListForResourceGroup, api-version 2022-04-01): the caller's own
 * permissions at a scope, one entry per role assignment at or above it, as
 * Azure lists them (entries are not merged; NotActions of one entry never
 * remove what another grants).
 */
import type { ArmResponse, RequestContext } from '../context';
import { authorizationFailed, covers } from '../auth';
import { resourceGroupNotFound } from '../errors';
import { permissionOf } from '../rules/role-definitions';
import { lower, registryId } from '../state';
import { findRegistry } from './common';

const READ_PERMISSIONS = 'Microsoft.Authorization/permissions/read';

/** RBAC first (a stranger learns nothing of the resource), then the resource must exist. */
function listFor(ctx: RequestContext, scope: string, exists: () => void): ArmResponse {
  const target = lower(scope);
  const oid = lower(ctx.principal.oid);
  const entries = ctx.state.scenario.roleAssignments
    .filter(
      (a) => lower(a.principalId) === oid && covers(lower(a.scope).replace(/\/+$/, ''), target),
    )
    .map((a) => permissionOf(a.role, a.notActions ?? []));
  // Every role the emulator knows grants */read, so a caller with no
  // assignment here is the only one refused (as ARM refuses a stranger).
  const refused = entries.every((e) =>
    e.notActions.some((n) => lower(n) === lower(READ_PERMISSIONS)),
  );
  if (refused) throw authorizationFailed(ctx.principal, READ_PERMISSIONS, scope);
  exists();
  return { status: 200, body: { value: entries } };
}

export function listForResource(ctx: RequestContext): ArmResponse {
  const { subscriptionId, resourceGroup, registryName } = ctx.params;
  return listFor(ctx, registryId({ subscriptionId, resourceGroup, name: registryName }), () => {
    findRegistry(ctx);
  });
}

export function listForResourceGroup(ctx: RequestContext): ArmResponse {
  const { subscriptionId, resourceGroup } = ctx.params;
  return listFor(ctx, `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`, () => {
    if (!ctx.state.hasResourceGroup(subscriptionId, resourceGroup))
      throw resourceGroupNotFound(resourceGroup);
  });
}
