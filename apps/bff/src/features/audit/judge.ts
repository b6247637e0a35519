import type { ConnectedRegistryView } from '@latchkey/domain';
import type { ScopeMapRecord, TokenRecord } from '../../arm/mappers';
import type { AuditRecord } from '../../storage';

// Reconciliation of "outcome unknown": what ARM shows now, compared with what
// an interrupted change said it would do.
/** What a registry holds in ARM now, as a read of it returns it. */
export interface ObservedRegistry {
  registry: { id: string };
  tokens: TokenRecord[];
  scopeMaps: ScopeMapRecord[];
  connectedRegistries: ConnectedRegistryView[];
}

export interface Verdict {
  /** 'unknown': ARM holds neither the state before nor the one intended (changed outside the console). */
  outcome: 'succeeded' | 'failed' | 'unknown';
  observed: string;
}

type Slot = { name: string; present: boolean; creationTime?: string };

const eq = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();
const lastSegment = (id: string) => id.split('/').pop() ?? id;
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const sameSet = (a: string[], b: string[]) => {
  const x = new Set(a.map((s) => s.toLowerCase()));
  const y = new Set(b.map((s) => s.toLowerCase()));
  return x.size === y.size && [...x].every((s) => y.has(s));
};

/** Whether `slot` now holds a password newer than the one recorded in the intent. */
function newerPassword(now: Slot | undefined, before: Slot | undefined): boolean {
  if (!now?.present) return false;
  if (!before?.present || !before.creationTime) return true;
  return !!now.creationTime && Date.parse(now.creationTime) > Date.parse(before.creationTime);
}

/**
 * Compares what an intent set out to do with what ARM holds now. Undefined
 * when the state cannot tell (an action it does not know): the intent stays
 * "outcome unknown" rather than getting a guess.
 */
export function judgeIntent(intent: AuditRecord, arm: ObservedRegistry): Verdict | undefined {
  const state = obj(obj(intent.before).state);
  const name = lastSegment(intent.target);
  const token = (n: string) => arm.tokens.find((t) => eq(t.name, n));
  const map = (n: string) => arm.scopeMaps.find((m) => eq(m.name, n));
  const cr = arm.connectedRegistries.find((c) => eq(c.id, intent.target));
  const slot = String(state.slot ?? '');
  const slotOf = (slots: Slot[] | undefined) => slots?.find((p) => p.name === slot);
  const beforeSlots = (Array.isArray(state.passwords) ? state.passwords : []) as Slot[];
  const ok = (observed: string): Verdict => ({ outcome: 'succeeded', observed });
  const no = (observed: string): Verdict => ({ outcome: 'failed', observed });
  const neither = (observed: string): Verdict => ({
    outcome: 'unknown',
    observed: `${observed}: neither the state before the change nor the one it intended, so something outside the console changed it`,
  });

  switch (intent.action) {
    case 'token.create': {
      const t = token(name);
      if (!t) return no(`token ${name} does not exist`);
      const p = slotOf(t.passwords);
      return p?.present
        ? ok(
            `token ${t.name} exists (${t.status}, scope map ${t.scopeMapName}) with ${slot} created ${p.creationTime ?? 'at an unknown time'}`,
          )
        : no(
            `token ${t.name} exists but ${slot} holds no password: generate one or delete the token`,
          );
    }
    case 'token.password.generate': {
      const t = token(name);
      if (!t) return no(`token ${name} does not exist`);
      const p = slotOf(t.passwords);
      return newerPassword(p, slotOf(beforeSlots))
        ? ok(
            `${slot} of ${t.name} holds a password created ${p?.creationTime ?? 'after the intent'}`,
          )
        : no(
            `${slot} of ${t.name} ${p?.present ? `still holds the password created ${p.creationTime}` : 'holds no password'}`,
          );
    }
    case 'token.password.revoke': {
      const t = token(name);
      if (!t) return no(`token ${name} does not exist`);
      return slotOf(t.passwords)?.present
        ? no(`${slot} of ${t.name} still holds a password`)
        : ok(`${slot} of ${t.name} holds no password`);
    }
    case 'token.enable':
    case 'token.disable': {
      const wanted = intent.action === 'token.enable' ? 'enabled' : 'disabled';
      const t = token(name);
      if (!t) return no(`token ${name} does not exist`);
      return t.status === wanted
        ? ok(`token ${t.name} is ${t.status}`)
        : no(`token ${t.name} is ${t.status}`);
    }
    case 'token.delete':
      return token(name) ? no(`token ${name} still exists`) : ok(`token ${name} does not exist`);
    case 'scopeMap.create':
      return map(name) ? ok(`scope map ${name} exists`) : no(`scope map ${name} does not exist`);
    case 'scopeMap.update': {
      const m = map(name);
      if (!m) return no(`scope map ${name} does not exist`);
      const intended = strings(obj(state.intended).actions);
      if (intended.length === 0) return undefined;
      if (sameSet(m.actions, intended))
        return ok(`scope map ${m.name} holds the ${intended.length} intended actions`);
      return sameSet(m.actions, strings(state.actions))
        ? no(`scope map ${m.name} still holds the ${m.actions.length} actions it had before`)
        : neither(`scope map ${m.name} holds ${m.actions.length} actions`);
    }
    case 'scopeMap.delete':
      return map(name)
        ? no(`scope map ${name} still exists`)
        : ok(`scope map ${name} does not exist`);
    case 'connectedRegistry.clientTokens': {
      if (!cr) return no(`connected registry ${name} does not exist`);
      const has = (n: string) => cr.clientTokenNames.some((c) => eq(c, n));
      const missing = strings(state.add).filter((n) => !has(n));
      const kept = strings(state.remove).filter(has);
      if (missing.length === 0 && kept.length === 0)
        return ok(`client tokens of ${cr.name}: ${cr.clientTokenNames.join(', ') || 'none'}`);
      const observed = `client tokens of ${cr.name}: ${[...missing.map((n) => `${n} not attached`), ...kept.map((n) => `${n} still attached`)].join(', ')}`;
      return sameSet(cr.clientTokenNames, strings(state.clientTokens))
        ? no(observed)
        : neither(observed);
    }
    case 'connectedRegistry.syncedRepositories': {
      const add = strings(state.add);
      const remove = strings(state.remove);
      const wrong: string[] = [];
      for (const planned of Array.isArray(state.maps) ? state.maps.map(obj) : []) {
        const m = map(String(planned.scopeMap ?? ''));
        if (!m) {
          wrong.push(`scope map ${String(planned.scopeMap)} does not exist`);
          continue;
        }
        const has = (repo: string) =>
          m.actions.some((a) => a.toLowerCase().startsWith(`repositories/${repo.toLowerCase()}/`));
        const role = String(planned.role);
        if (role !== 'descendant')
          wrong.push(...add.filter((r) => !has(r)).map((r) => `${m.name} lacks ${r}`));
        if (role !== 'ancestor')
          wrong.push(...remove.filter(has).map((r) => `${m.name} still has ${r}`));
      }
      return wrong.length === 0
        ? ok(`the sync scope maps hold the intended repositories`)
        : no(wrong.join('; '));
    }
    case 'connectedRegistry.connectionString': {
      const syncName = String(state.syncToken ?? '');
      const t = token(syncName);
      if (!t) return no(`sync token ${syncName} does not exist`);
      const p = slotOf(t.passwords);
      return newerPassword(p, slotOf(beforeSlots))
        ? ok(
            `${slot} of sync token ${t.name} holds a password created ${p?.creationTime ?? 'after the intent'}`,
          )
        : no(`${slot} of sync token ${t.name} was not replaced`);
    }
    case 'connectedRegistry.deactivate':
      if (!cr) return no(`connected registry ${name} does not exist`);
      return cr.activation === 'Inactive'
        ? ok(`${cr.name} is inactive`)
        : no(`${cr.name} is ${cr.activation.toLowerCase()}`);
    default:
      return undefined;
  }
}

/**
 * The ARM ids (lower-cased) of what an intent's change reads and writes: its
 * target, and the scope maps a synced-repository change writes, the inline
 * scope map a token create makes, the sync token a connection string rotates.
 */
export function resourcesOf(intent: AuditRecord, registryId: string): string[] {
  const state = obj(obj(intent.before).state);
  const ids = [intent.target];
  const child = (type: string, name: unknown) =>
    typeof name === 'string' && name ? [`${registryId}/${type}/${name}`] : [];
  if (intent.action === 'connectedRegistry.syncedRepositories') {
    for (const m of Array.isArray(state.maps) ? state.maps.map(obj) : [])
      ids.push(...child('scopeMaps', m.scopeMap));
  }
  if (intent.action === 'token.create' && state.inlineActions) {
    ids.push(...child('scopeMaps', state.scopeMap));
  }
  if (intent.action === 'connectedRegistry.connectionString') {
    ids.push(...child('tokens', state.syncToken));
  }
  return ids.map((id) => id.toLowerCase());
}
