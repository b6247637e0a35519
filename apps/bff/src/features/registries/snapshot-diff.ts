import type { ConnectedRegistryView } from '@latchkey/domain';
import type { RegistryContents } from '../../arm/reader';
import type { TokenRecord } from '../../arm/mappers';

/** One change between two reads of a registry, as the audit log records it. */
export interface ObservedChange {
  /** e.g. `token.created`, `connectedRegistry.mode` (always `<type>.<what>`). */
  action: string;
  /** ARM id of the changed resource. */
  target: string;
  before: unknown;
  after: unknown;
}

type Named = { id: string; name: string };

const key = (name: string) => name.toLowerCase();
const byName = <T extends Named>(list: readonly T[]) => new Map(list.map((x) => [key(x.name), x]));
const sortedLower = (list: readonly string[]) => [...list].map(key).sort();
const sameList = (a: readonly string[], b: readonly string[]) =>
  JSON.stringify(sortedLower(a)) === JSON.stringify(sortedLower(b));

/** Password slots by what the audit may hold: name, presence, creation time. */
const slots = (t: TokenRecord) =>
  t.passwords.map((p) => ({
    name: p.name,
    present: p.present,
    creationTime: p.creationTime ?? null,
  }));

function diffTokens(before: TokenRecord[], after: TokenRecord[]): ObservedChange[] {
  const out: ObservedChange[] = [];
  const old = byName(before);
  const now = byName(after);
  for (const [k, t] of now) {
    const was = old.get(k);
    if (!was) {
      out.push({
        action: 'token.created',
        target: t.id,
        before: null,
        after: { status: t.status, scopeMap: t.scopeMapName, slots: slots(t) },
      });
      continue;
    }
    if (was.status !== t.status)
      out.push({ action: 'token.status', target: t.id, before: was.status, after: t.status });
    if ((was.scopeMapName ?? '').toLowerCase() !== (t.scopeMapName ?? '').toLowerCase())
      out.push({
        action: 'token.scopeMap',
        target: t.id,
        before: was.scopeMapName,
        after: t.scopeMapName,
      });
    if (JSON.stringify(slots(was)) !== JSON.stringify(slots(t)))
      out.push({ action: 'token.passwords', target: t.id, before: slots(was), after: slots(t) });
  }
  for (const [k, t] of old) {
    if (!now.has(k))
      out.push({
        action: 'token.deleted',
        target: t.id,
        before: { status: t.status, scopeMap: t.scopeMapName },
        after: null,
      });
  }
  return out;
}

function diffScopeMaps(
  before: RegistryContents['scopeMaps'],
  after: RegistryContents['scopeMaps'],
): ObservedChange[] {
  const out: ObservedChange[] = [];
  const old = byName(before);
  const now = byName(after);
  for (const [k, m] of now) {
    const was = old.get(k);
    if (!was)
      out.push({ action: 'scopeMap.created', target: m.id, before: null, after: m.actions });
    else if (!sameList(was.actions, m.actions))
      out.push({
        action: 'scopeMap.actions',
        target: m.id,
        before: { count: was.actions.length },
        after: {
          count: m.actions.length,
          added: m.actions.filter((a) => !was.actions.some((b) => key(a) === key(b))),
          removed: was.actions.filter((a) => !m.actions.some((b) => key(a) === key(b))),
        },
      });
  }
  for (const [k, m] of old) {
    if (!now.has(k))
      out.push({ action: 'scopeMap.deleted', target: m.id, before: m.actions, after: null });
  }
  return out;
}

/** The properties of a connected registry whose change the history records (not runtime state). */
const tracked = {
  mode: (c: ConnectedRegistryView) => c.mode,
  syncToken: (c: ConnectedRegistryView) => c.syncTokenName,
  activation: (c: ConnectedRegistryView) => c.activation,
  parent: (c: ConnectedRegistryView) => c.parentName,
  clientTokens: (c: ConnectedRegistryView) => sortedLower(c.clientTokenNames),
} as const;

/** Each becomes an observed `connectedRegistry.<field>` action when it changes. */
export const trackedConnectedRegistryFields = Object.keys(tracked);

function diffConnectedRegistries(
  before: ConnectedRegistryView[],
  after: ConnectedRegistryView[],
): ObservedChange[] {
  const out: ObservedChange[] = [];
  const old = byName(before);
  const now = byName(after);
  const summary = (c: ConnectedRegistryView) => ({
    mode: c.mode,
    parent: c.parentName,
    syncToken: c.syncTokenName,
    activation: c.activation,
  });
  for (const [k, c] of now) {
    const was = old.get(k);
    if (!was) {
      out.push({
        action: 'connectedRegistry.attached',
        target: c.id,
        before: null,
        after: summary(c),
      });
      continue;
    }
    for (const [what, read] of Object.entries(tracked)) {
      const a = read(was);
      const b = read(c);
      if (JSON.stringify(a) !== JSON.stringify(b))
        out.push({ action: `connectedRegistry.${what}`, target: c.id, before: a, after: b });
    }
  }
  for (const [k, c] of old) {
    if (!now.has(k))
      out.push({
        action: 'connectedRegistry.detached',
        target: c.id,
        before: summary(c),
        after: null,
      });
  }
  return out;
}

/**
 * What changed between two reads of one registry: tokens created or deleted,
 * status, scope map and password slots; scope maps created, deleted or with
 * other actions; connected registries attached or detached, mode, sync token,
 * activation, parent and client tokens. Runtime state (connection state, last
 * activity) is not a change anyone made and is left out.
 */
export function diffContents(before: RegistryContents, after: RegistryContents): ObservedChange[] {
  return [
    ...diffTokens(before.tokens, after.tokens),
    ...diffScopeMaps(before.scopeMaps, after.scopeMaps),
    ...diffConnectedRegistries(before.connectedRegistries, after.connectedRegistries),
  ];
}
