import {
  ancestorsOf,
  gatewayActionsFor,
  modeAllowedUnder,
  nameRules,
  syncPermissionsFor,
  type ConnectedRegistryMode,
  type ConnectedRegistryView,
} from '@latchkey/domain';

const lower = (s: string) => s.toLowerCase();

/** The name's problem, if any, before the BFF is asked (the BFF checks it again). */
export function nameProblem(
  name: string,
  taken: {
    connectedRegistries: readonly string[];
    tokens: readonly string[];
    scopeMaps: readonly string[];
  },
): string | undefined {
  if (name === '') return undefined;
  if (!nameRules.connectedRegistry.pattern.test(name)) {
    return `Use ${nameRules.connectedRegistry.rule}.`;
  }
  const has = (list: readonly string[]) => list.some((n) => lower(n) === lower(name));
  if (has(taken.connectedRegistries)) return `A connected registry named ${name} exists.`;
  if (has(taken.tokens)) return `A token named ${name} exists; the sync token would take its name.`;
  if (has(taken.scopeMaps))
    return `A scope map named ${name} exists; the sync scope map would take its name.`;
  return undefined;
}

/** Why the mode cannot be used under the parent, or undefined. */
export function modeProblem(
  parent: ConnectedRegistryView | undefined,
  mode: ConnectedRegistryMode,
): string | undefined {
  if (!parent || modeAllowedUnder(parent.mode, mode)) return undefined;
  return `${parent.name} is ReadOnly: a ReadOnly connected registry can only have ReadOnly children.`;
}

/** The steps the BFF will take, in its order, as the dialog lists them before submitting. */
export function createPlan(
  name: string,
  mode: ConnectedRegistryMode,
  parent: ConnectedRegistryView | undefined,
  all: readonly ConnectedRegistryView[],
  options: { enableDataEndpoint: string | undefined },
): string[] {
  const n = name || '<name>';
  const perms = syncPermissionsFor(mode).join(', ');
  const line = parent ? [parent, ...ancestorsOf(parent, all)] : [];
  return [
    ...(options.enableDataEndpoint
      ? [`Enable the data endpoint of ${options.enableDataEndpoint}`]
      : []),
    `Create sync scope map ${n}: ${perms} on each repository, and ${gatewayActionsFor(n).length} gateway actions (gateway/${lower(n)}/…)`,
    `Create sync token ${n} with that scope map`,
    ...line.map(
      (a) =>
        `Add ${n}'s gateway and repository actions to the sync scope map of ${a.name} (ancestor)`,
    ),
    `Create connected registry ${n} (${mode}, under ${parent ? parent.name : 'the cloud registry'})`,
  ];
}
