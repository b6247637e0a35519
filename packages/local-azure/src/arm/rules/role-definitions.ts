/**
 * The built-in role definitions the emulator's role assignments name, with the
 * permissions Azure publishes for them (Actions / NotActions). RBAC itself is
 * enforced in auth.ts by read/write class; these are what the
 * Microsoft.Authorization permissions read reports for each assignment.
 */
import type { AzureRole } from '../../scenario/types';

export interface RolePermission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

const CONTRIBUTOR_NOT_ACTIONS = [
  'Microsoft.Authorization/*/Delete',
  'Microsoft.Authorization/*/Write',
  'Microsoft.Authorization/elevateAccess/Action',
  'Microsoft.Blueprint/blueprintAssignments/write',
  'Microsoft.Blueprint/blueprintAssignments/delete',
  'Microsoft.Compute/galleries/share/action',
  'Microsoft.Purview/consents/write',
  'Microsoft.Purview/consents/delete',
];

const BUILT_IN: Record<AzureRole, Pick<RolePermission, 'actions' | 'notActions'>> = {
  Owner: { actions: ['*'], notActions: [] },
  Contributor: { actions: ['*'], notActions: CONTRIBUTOR_NOT_ACTIONS },
  Reader: { actions: ['*/read'], notActions: [] },
};

/**
 * One assignment's permission entry. A scenario assignment with `notActions`
 * stands for a custom role: the built-in role's Actions minus those actions.
 */
export function permissionOf(role: AzureRole, extraNotActions: readonly string[]): RolePermission {
  const def = BUILT_IN[role];
  return {
    actions: [...def.actions],
    notActions: [...def.notActions, ...extraNotActions],
    dataActions: [],
    notDataActions: [],
  };
}
