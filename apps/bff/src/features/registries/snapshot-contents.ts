import type {
  ConnectedRegistryView,
  RegistryPath,
  ScopeMapView,
  TokenView,
  RegistrySummary,
} from '@latchkey/domain';
import type { ScopeMapRecord, TokenRecord } from '../../arm/mappers';
import type { FirstPage, RegistryContents, RegistryFirstPages } from '../../arm/reader';
import { toJsonValue } from '../../storage';
import { canonicalJson } from '../../storage/canonical-json';

/** What a console change read back, for the snapshot to take at once. */
export interface SnapshotChange {
  /** The registry itself, when the change wrote it (e.g. enabling its data endpoint). */
  registry?: RegistrySummary;
  tokens?: TokenRecord[];
  scopeMaps?: ScopeMapRecord[];
  connectedRegistries?: ConnectedRegistryView[];
  deleted?: { tokens?: string[]; scopeMaps?: string[]; connectedRegistries?: string[] };
}

/** A token view as ARM lists it (without what the console derives). */
export function tokenRecordOf(view: TokenView): TokenRecord {
  const { kind: _kind, clientOf: _clientOf, ...record } = view;
  return record;
}

/** A scope map view as ARM lists it (without its users). */
export function scopeMapRecordOf(view: ScopeMapView): ScopeMapRecord {
  const { usedBy: _usedBy, ...record } = view;
  return record;
}

/** The lower-cased ARM id of a registry: the snapshot's key. */
export function registryKey(ref: RegistryPath): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${ref.registryName}`.toLowerCase();
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function upsert<T extends { name: string }>(list: T[], items: T[] = [], gone: string[] = []): T[] {
  const out = list.filter((x) => !gone.some((g) => same(g, x.name)));
  for (const item of items) {
    const at = out.findIndex((x) => same(x.name, item.name));
    if (at >= 0) out[at] = item;
    else out.push(item);
  }
  return out;
}

/** The snapshot with a console change applied: items replaced in place, new ones last (ARM's order). */
export function applyToContents(data: RegistryContents, change: SnapshotChange): RegistryContents {
  return {
    ...data,
    ...(change.registry ? { registry: change.registry } : {}),
    tokens: upsert(data.tokens, change.tokens, change.deleted?.tokens),
    scopeMaps: upsert(data.scopeMaps, change.scopeMaps, change.deleted?.scopeMaps),
    connectedRegistries: upsert(
      data.connectedRegistries,
      change.connectedRegistries,
      change.deleted?.connectedRegistries,
    ),
  };
}

const canon = (v: unknown) => canonicalJson(toJsonValue(v, 'snapshot'));

/** Whether two reads hold the same lists, runtime state included (key order aside). */
export const sameLists = (a: unknown, b: unknown): boolean => canon(a) === canon(b);

function pageMatches<T>(list: T[], page: FirstPage<T>): boolean {
  if (page.more ? list.length <= page.items.length : list.length !== page.items.length)
    return false;
  return canon(list.slice(0, page.items.length)) === canon(page.items);
}

/**
 * Whether the gate's first pages agree with the snapshot: the registry as it
 * is now, and each list's first page equal to the start of the stored list.
 * A change in a later page is not seen here; the freshness window catches it.
 */
export function firstPagesMatch(data: RegistryContents, gate: RegistryFirstPages): boolean {
  return (
    canon(data.registry) === canon(gate.registry) &&
    pageMatches(data.tokens, gate.tokens) &&
    pageMatches(data.scopeMaps, gate.scopeMaps) &&
    (gate.connectedRegistries === null
      ? data.connectedRegistries.length === 0
      : pageMatches(data.connectedRegistries, gate.connectedRegistries))
  );
}

/** How many rows each list holds (the estimate a progressive read starts from). */
export function countsOf(data: RegistryContents) {
  return {
    tokens: data.tokens.length,
    scopeMaps: data.scopeMaps.length,
    connectedRegistries: data.connectedRegistries.length,
  };
}
