import {
  acceptedBy,
  computeFindings,
  tokenKinds,
  type FindingsResponse,
  type ConnectedRegistryDetail,
  type ConnectedRegistryView,
  type RegistriesResponse,
  type RegistryOverview,
  type RegistryPath,
  type ScopeMapDetail,
  type ScopeMapView,
  type TokenDetail,
  type TokenView,
} from '@latchkey/domain';
import type { ScopeMapRecord, TokenRecord } from '../../arm/mappers';
import type { RegistryReader } from '../../arm/reader';
import type { ServedContents } from './snapshots';
import { notFound } from '../../http/errors';
import type { Coalesce } from '../../http/single-flight';
import type { OutcomeReconciler } from '../audit/reconcile';
import { propagationFor, type LastChangeAt } from './propagation';

const same = (a: string | null | undefined, b: string) =>
  !!a && a.toLowerCase() === b.toLowerCase();

function withKinds(
  tokens: TokenRecord[],
  connectedRegistries: ConnectedRegistryView[],
): TokenView[] {
  const kinds = tokenKinds(
    tokens.map((t) => t.name),
    connectedRegistries,
  );
  return tokens.map((t) => ({ ...t, ...kinds.get(t.name)! }));
}

function withUsers(scopeMaps: ScopeMapRecord[], tokens: TokenRecord[]): ScopeMapView[] {
  const users = new Map<string, string[]>();
  for (const t of tokens) {
    if (!t.scopeMapName) continue;
    const key = t.scopeMapName.toLowerCase();
    users.set(key, [...(users.get(key) ?? []), t.name]);
  }
  return scopeMaps.map((s) => ({ ...s, usedBy: (users.get(s.name.toLowerCase()) ?? []).sort() }));
}

/** Read views of one registry, built from ARM lists (see RegistryReader for the cost model). */
export class RegistriesService {
  constructor(
    private readonly reader: RegistryReader,
    private readonly now: () => number = Date.now,
    /** Settles changes a crash left as "outcome unknown", from the state this read fetched. */
    private readonly reconciler?: OutcomeReconciler,
    /** Shares one sweep among this person's overlapping reads of the same registry. */
    private readonly coalesce: Coalesce = (_key, work) => work(),
    /** The shared registry snapshot (features/registries/snapshots.ts); a full read when absent. */
    private readonly snapshot?: (ref: RegistryPath, force: boolean) => Promise<ServedContents>,
    /** When what a connected registry syncs or accepts last changed (the audit log); no propagation status without it. */
    private readonly lastChangeAt?: LastChangeAt,
  ) {}

  listRegistries(): Promise<RegistriesResponse> {
    return this.reader.listRegistries();
  }

  private async contents(ref: RegistryPath, force: boolean): Promise<ServedContents> {
    if (this.snapshot) return this.snapshot(ref, force);
    return { ...(await this.reader.readContents(ref)), readAt: this.now(), snapshot: null };
  }

  /** `fresh`: read ARM now (Cache-Control: no-cache) instead of serving the snapshot. */
  async overview(ref: RegistryPath, options: { fresh?: boolean } = {}): Promise<RegistryOverview> {
    const force = !!options.fresh;
    const key = `contents${force ? ' fresh' : ''} ${ref.subscriptionId}/${ref.resourceGroup}/${ref.registryName}`;
    const contents = await this.coalesce(key.toLowerCase(), async (): Promise<ServedContents> => {
      const read = await this.contents(ref, force);
      let served = read;
      // A snapshot older than an interrupted change cannot settle it: read ARM now.
      await this.reconciler?.reconcile(read, read.readAt, async () => {
        served = await this.contents(ref, true);
        return { state: served, readAt: served.readAt };
      });
      return served;
    });
    return {
      registry: contents.registry,
      connectedRegistries: contents.connectedRegistries,
      tokens: withKinds(contents.tokens, contents.connectedRegistries),
      scopeMaps: withUsers(contents.scopeMaps, contents.tokens),
      fetchedAt: new Date(contents.readAt).toISOString(),
      ...(contents.snapshot
        ? {
            snapshot: {
              ageSeconds: Math.round(contents.snapshot.ageMs / 1000),
              refreshing: contents.snapshot.refreshing,
            },
          }
        : {}),
    };
  }

  /** The findings engine over the same overview the screens show. */
  async findings(ref: RegistryPath, options: { fresh?: boolean } = {}): Promise<FindingsResponse> {
    const overview = await this.overview(ref, options);
    const now = this.now();
    return {
      registry: overview.registry.id,
      computedAt: new Date(now).toISOString(),
      findings: computeFindings(overview, now),
    };
  }

  async token(ref: RegistryPath, name: string): Promise<TokenDetail> {
    const [registry, token, connectedRegistries] = await Promise.all([
      this.reader.getRegistry(ref),
      this.reader.getToken(ref, name),
      this.reader.listConnectedRegistries(ref).catch(() => [] as ConnectedRegistryView[]),
    ]);
    const scopeMap = token.scopeMapName
      ? await this.reader.getScopeMap(ref, token.scopeMapName).catch(() => undefined)
      : undefined;
    const [view] = withKinds([token], connectedRegistries);
    // The places that accept it come from the engine (its client-of registries
    // and, for a sync token, the parent); the registry it syncs is listed too.
    // Only this token's acceptance is asked, so an overview of it alone answers.
    const accepting = new Set(
      acceptedBy(
        {
          registry,
          connectedRegistries,
          tokens: [view!],
          scopeMaps: [],
          fetchedAt: new Date(this.now()).toISOString(),
        },
        token.name,
      ).map((p) => p.connectedRegistry.toLowerCase()),
    );
    const related = connectedRegistries.filter(
      (cr) => same(cr.syncTokenName, token.name) || accepting.has(cr.name.toLowerCase()),
    );
    return {
      registry,
      token: view!,
      scopeMap: scopeMap ? { ...scopeMap, usedBy: [token.name] } : null,
      connectedRegistries: related,
    };
  }

  async scopeMap(ref: RegistryPath, name: string): Promise<ScopeMapDetail> {
    const [registry, scopeMap, tokens, connectedRegistries] = await Promise.all([
      this.reader.getRegistry(ref),
      this.reader.getScopeMap(ref, name),
      this.reader.listTokens(ref),
      this.reader.listConnectedRegistries(ref).catch(() => [] as ConnectedRegistryView[]),
    ]);
    const users = tokens.filter((t) => same(t.scopeMapName, scopeMap.name));
    const [view] = withUsers([scopeMap], users);
    return { registry, scopeMap: view!, tokens: withKinds(users, connectedRegistries) };
  }

  async connectedRegistry(
    ref: RegistryPath,
    name: string,
    options: { fresh?: boolean } = {},
  ): Promise<ConnectedRegistryDetail> {
    const overview = await this.overview(ref, options);
    const cr = overview.connectedRegistries.find((c) => same(c.name, name));
    if (!cr) throw notFound(`Connected registry ${name}`);
    const syncToken = overview.tokens.find((t) => same(cr.syncTokenName, t.name)) ?? null;
    const syncScopeMap = syncToken
      ? (overview.scopeMaps.find((s) => same(syncToken.scopeMapName, s.name)) ?? null)
      : null;
    const propagation = this.lastChangeAt
      ? await propagationFor(ref, cr, overview, this.lastChangeAt)
      : undefined;
    return {
      registry: overview.registry,
      connectedRegistry: cr,
      syncToken,
      syncScopeMap,
      clientTokens: overview.tokens.filter((t) => cr.clientTokenNames.some((n) => same(n, t.name))),
      children: overview.connectedRegistries.filter((c) => same(c.parentName, cr.name)),
      ...(propagation ? { propagation } : {}),
    };
  }
}
