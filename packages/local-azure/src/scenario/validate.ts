/**
 * Checks a scenario against Azure's rules, so no scenario can hold data the
 * real service would have refused (or that the CLI could never have made).
 * Returns human-readable violations; empty means valid. Pure, so the emulator
 * can also run it when it loads a scenario.
 */
import { checkScopeMapActions } from '../arm/rules/actions';
import { checkResourceName, checkSyncProperties } from '../arm/rules/names';
import { findSystemScopeMap } from '../arm/rules/system-scope-maps';
import { gatewayActions } from './build';
import type { ScenarioData, ScenarioRegistry } from './types';

export const MAX_CLIENT_TOKENS_PER_CONNECTED_REGISTRY = 20;
export const MAX_TOKENS_PER_REGISTRY = 20_000;
export const MAX_SCOPE_MAPS_PER_REGISTRY = 20_000;

function indexByLowerName<T extends { name: string }>(
  items: readonly T[],
  what: string,
  out: string[],
): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    // ARM names match case-insensitively, so two names differing in case collide.
    const key = item.name.toLowerCase();
    if (map.has(key)) out.push(`duplicate ${what} name "${item.name}"`);
    map.set(key, item);
  }
  return map;
}

function isIsoTime(value: string | undefined): boolean {
  return value !== undefined && !Number.isNaN(Date.parse(value));
}

function validateRegistry(reg: ScenarioRegistry, out: string[]): void {
  const where = `registry ${reg.name}`;
  const push = (msg: string): void => {
    out.push(`${where}: ${msg}`);
  };
  const name = checkResourceName('registry', reg.name);
  if (!name.ok) push(name.message);

  const maps = indexByLowerName(reg.scopeMaps, `${where} scope map`, out);
  const tokens = indexByLowerName(reg.tokens, `${where} token`, out);
  const crs = indexByLowerName(reg.connectedRegistries, `${where} connected registry`, out);
  if (reg.tokens.length > MAX_TOKENS_PER_REGISTRY)
    push(`more than ${MAX_TOKENS_PER_REGISTRY} tokens`);
  if (reg.scopeMaps.length + 5 > MAX_SCOPE_MAPS_PER_REGISTRY) {
    push(`more than ${MAX_SCOPE_MAPS_PER_REGISTRY} scope maps`);
  }

  const actionsOf = new Map<string, Set<string>>();
  for (const map of reg.scopeMaps) {
    const n = checkResourceName('scopeMap', map.name);
    if (!n.ok) push(n.message);
    const checked = checkScopeMapActions(map.actions);
    if (!checked.ok) {
      push(`scope map ${map.name}: ${checked.message}`);
      continue;
    }
    // Stored actions are what ARM returns: lower-case and distinct.
    if (
      checked.normalized.length !== map.actions.length ||
      checked.normalized.some((a, i) => a !== map.actions[i])
    ) {
      push(`scope map ${map.name}: actions are not normalised (lower-case, distinct)`);
    }
    if (map.description !== undefined && map.description.length > 256) {
      push(`scope map ${map.name}: description longer than 256 characters`);
    }
    if (!isIsoTime(map.createdAt)) push(`scope map ${map.name}: bad createdAt`);
    actionsOf.set(map.name.toLowerCase(), new Set(checked.normalized));
  }

  for (const token of reg.tokens) {
    const n = checkResourceName('token', token.name);
    if (!n.ok) push(n.message);
    if (token.scopeMapName !== undefined) {
      const known =
        maps.has(token.scopeMapName.toLowerCase()) || findSystemScopeMap(token.scopeMapName);
      if (!known) push(`token ${token.name}: scope map ${token.scopeMapName} does not exist`);
    }
    if (!isIsoTime(token.createdAt)) push(`token ${token.name}: bad createdAt`);
    const slots = new Set<string>();
    for (const p of token.passwords) {
      if (slots.has(p.name)) push(`token ${token.name}: two ${p.name} slots`);
      slots.add(p.name);
      if (!isIsoTime(p.creationTime)) push(`token ${token.name}: ${p.name} has a bad creationTime`);
      else if (Date.parse(p.creationTime) < Date.parse(token.createdAt)) {
        push(`token ${token.name}: ${p.name} was created before the token`);
      }
      if (
        p.expiry !== undefined &&
        (!isIsoTime(p.expiry) || Date.parse(p.expiry) <= Date.parse(p.creationTime))
      ) {
        push(`token ${token.name}: ${p.name} expires before it was created`);
      }
    }
  }

  if (reg.connectedRegistries.length > 0) {
    if (reg.sku !== 'Premium') push('connected registries need a Premium registry');
    if (!reg.dataEndpointEnabled) push('connected registries need dataEndpointEnabled');
  }

  const children = new Map<string, string[]>();
  for (const cr of reg.connectedRegistries) {
    if (cr.parentName === undefined) continue;
    const key = cr.parentName.toLowerCase();
    children.set(key, [...(children.get(key) ?? []), cr.name]);
  }
  const descendants = (name: string): string[] => {
    const result: string[] = [];
    const stack = [...(children.get(name.toLowerCase()) ?? [])];
    while (stack.length > 0 && result.length <= reg.connectedRegistries.length) {
      const next = stack.pop()!;
      result.push(next);
      stack.push(...(children.get(next.toLowerCase()) ?? []));
    }
    return result;
  };

  for (const cr of reg.connectedRegistries) {
    const at = `connected registry ${cr.name}`;
    const n = checkResourceName('connectedRegistry', cr.name);
    if (!n.ok) push(n.message);
    const sync = checkSyncProperties({
      schedule: cr.schedule,
      syncWindow: cr.syncWindow,
      messageTtl: cr.messageTtl,
    });
    if (!sync.ok) push(`${at}: ${sync.message}`);

    // Parent chain: exists, no cycle, ReadOnly parents have only ReadOnly children.
    if (cr.parentName !== undefined) {
      const parent = crs.get(cr.parentName.toLowerCase());
      if (parent === undefined) push(`${at}: parent ${cr.parentName} does not exist`);
      else if (parent.mode === 'ReadOnly' && cr.mode !== 'ReadOnly') {
        push(`${at}: a ReadOnly parent (${parent.name}) can only have ReadOnly children`);
      }
      const seen = new Set<string>([cr.name.toLowerCase()]);
      let up = parent;
      while (up?.parentName !== undefined) {
        if (seen.has(up.name.toLowerCase())) {
          push(`${at}: its parent chain has a cycle`);
          break;
        }
        seen.add(up.name.toLowerCase());
        up = crs.get(up.parentName.toLowerCase());
      }
    }

    // Sync token: exists, has a user-defined map with the gateway actions of
    // this registry and of every descendant.
    const syncToken = tokens.get(cr.syncTokenName.toLowerCase());
    if (syncToken === undefined) push(`${at}: sync token ${cr.syncTokenName} does not exist`);
    else if (syncToken.scopeMapName === undefined)
      push(`${at}: sync token ${syncToken.name} has no scope map`);
    else {
      const actions = actionsOf.get(syncToken.scopeMapName.toLowerCase());
      if (actions === undefined) {
        push(`${at}: sync scope map ${syncToken.scopeMapName} is not a user-defined scope map`);
      } else {
        for (const target of [cr.name, ...descendants(cr.name)]) {
          const missing = gatewayActions(target).filter((a) => !actions.has(a));
          if (missing.length > 0) {
            push(`${at}: sync scope map ${syncToken.scopeMapName} lacks ${missing.join(', ')}`);
          }
        }
      }
    }

    if (cr.clientTokenNames.length > MAX_CLIENT_TOKENS_PER_CONNECTED_REGISTRY) {
      push(
        `${at}: ${cr.clientTokenNames.length} client tokens (at most ${MAX_CLIENT_TOKENS_PER_CONNECTED_REGISTRY})`,
      );
    }
    if (
      new Set(cr.clientTokenNames.map((c) => c.toLowerCase())).size !== cr.clientTokenNames.length
    ) {
      push(`${at}: a client token is listed twice`);
    }
    for (const client of cr.clientTokenNames) {
      if (!tokens.has(client.toLowerCase())) push(`${at}: client token ${client} does not exist`);
    }
    if (!isIsoTime(cr.createdAt)) push(`${at}: bad createdAt`);
    for (const event of cr.runtime.events) {
      if (!isIsoTime(event.at)) push(`${at}: runtime event with a bad time`);
    }
  }
}

export function validateScenario(data: ScenarioData): string[] {
  const out: string[] = [];
  const tenantIds = new Set(data.tenants.map((t) => t.id));
  const subscriptionIds = new Set(data.subscriptions.map((s) => s.subscriptionId.toLowerCase()));
  for (const s of data.subscriptions) {
    if (!tenantIds.has(s.tenantId)) out.push(`subscription ${s.displayName}: unknown tenant`);
  }
  for (const p of data.personas) {
    if (!tenantIds.has(p.tenantId)) out.push(`persona ${p.name}: unknown tenant`);
  }
  for (const c of data.clients) {
    if (!tenantIds.has(c.tenantId)) out.push(`client ${c.displayName}: unknown tenant`);
  }
  const principals = new Set([
    ...data.personas.map((p) => p.oid),
    ...data.clients.map((c) => c.servicePrincipalId),
  ]);
  const registryIds = new Set(
    data.registries.map((r) =>
      `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${r.name}`.toLowerCase(),
    ),
  );
  for (const a of data.roleAssignments) {
    if (!principals.has(a.principalId))
      out.push(`role assignment: unknown principal ${a.principalId}`);
    const scope = a.scope.toLowerCase();
    const subscription = /^\/subscriptions\/([^/]+)$/.exec(scope)?.[1];
    if (subscription !== undefined ? !subscriptionIds.has(subscription) : !registryIds.has(scope)) {
      out.push(`role assignment: unknown scope ${a.scope}`);
    }
  }
  const registryNames = new Set<string>();
  for (const reg of data.registries) {
    // Registry names are globally unique.
    if (registryNames.has(reg.name.toLowerCase())) out.push(`duplicate registry name ${reg.name}`);
    registryNames.add(reg.name.toLowerCase());
    if (!subscriptionIds.has(reg.subscriptionId.toLowerCase())) {
      out.push(`registry ${reg.name}: unknown subscription`);
    }
    validateRegistry(reg, out);
  }
  return out;
}
