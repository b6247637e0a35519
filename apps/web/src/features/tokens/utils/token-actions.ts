import {
  nameSchema,
  type ConnectedRegistryView,
  type PasswordSlot,
  type TokenView,
} from '@latchkey/domain';

/**
 * Why a token cannot be deleted, or undefined when it can. Azure refuses to
 * delete the sync token of an existing connected registry; saying so up front
 * beats a failed request.
 */
export function deleteBlockedReason(
  token: Pick<TokenView, 'kind'>,
  connectedRegistries: ReadonlyArray<Pick<ConnectedRegistryView, 'name'>>,
): string | undefined {
  if (token.kind.type !== 'sync') return undefined;
  const name = token.kind.connectedRegistry;
  const exists = connectedRegistries.some((cr) => cr.name.toLowerCase() === name.toLowerCase());
  // The kind is derived from the connected registries, so it exists; the check guards a stale view.
  if (!exists && connectedRegistries.length > 0) return undefined;
  return `This is the sync token of connected registry ${name}. Azure refuses to delete it while ${name} exists: delete or replace the connected registry first.`;
}

/** What disabling a token asks for: nothing, a confirmation listing clients, or the typed name. */
export type DisableRequirement =
  | { kind: 'plain' }
  | { kind: 'client'; connectedRegistries: string[] }
  | { kind: 'sync'; connectedRegistry: string };

export function disableRequirement(
  token: Pick<TokenView, 'kind' | 'clientOf'>,
): DisableRequirement {
  if (token.kind.type === 'sync')
    return { kind: 'sync', connectedRegistry: token.kind.connectedRegistry };
  if (token.clientOf.length > 0)
    return { kind: 'client', connectedRegistries: [...token.clientOf] };
  return { kind: 'plain' };
}

/** Typed confirmations compare exactly, as Azure names are shown (case differences are not a match). */
export { typedMatches } from '../../../lib/typed-matches';

/** The live message under the name field of the create dialog, or undefined when it is valid. */
export function tokenNameError(name: string, existing: readonly string[]): string | undefined {
  if (name === '') return 'Enter a name.';
  const r = nameSchema('token').safeParse(name);
  if (!r.success) return `The name ${r.error.issues[0]?.message ?? 'is invalid'}.`;
  // ARM matches names case-insensitively: "Edge-Client" would update "edge-client".
  if (existing.some((n) => n.toLowerCase() === name.toLowerCase())) {
    return `A token named ${name} already exists in this registry.`;
  }
  return undefined;
}

/** The description of a slot in the slot picker: "created 3 days ago, expires …" is added by the UI. */
export function slotOverwriteWarning(slot: PasswordSlot): string | undefined {
  if (!slot.present) return undefined;
  return 'This slot holds a password. Generating replaces it at once: every client still using it stops working.';
}
