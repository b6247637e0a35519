import {
  acceptedBy,
  computeFindings,
  withKinds,
  withUsers,
  type FindingsResponse,
  type ConnectedRegistryDetail,
  type ConnectedRegistryView,
  type RegistriesResponse,
  type RegistryOverview,
  type RegistryPath,
  type RegistryRuntime,
  type ScopeMapDetail,
  type TokenDetail,
} from '@latchkey/domain';
import type { RegistryReader } from '../../arm/reader';
import type { ServedContents, StreamSink } from './snapshots';
import type { OverviewSink } from './overview-stream';
import { notFound } from '../../http/errors';
import type { Coalesce } from '../../http/single-flight';
import type { OutcomeReconciler } from '../audit/reconcile';
import { propagationFor, type LastChangeAt } from './propagation';
import { runtimeAnswer } from './runtime';
import { overviewOf, snapshotField, type OverviewBodies } from './overview-body';

const same = (a: string | null | undefined, b: string) =>
  !!a && a.toLowerCase() === b.toLowerCase();

/** The stored lists' tag (see RegistrySnapshots); it does not cover fetchedAt or the age. */
export function etagOf(contents: ServedContents): string | null {
  return contents.tag;
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
    private readonly snapshot?: {
      read(ref: RegistryPath, force: boolean): Promise<ServedContents>;
      stream(ref: RegistryPath, force: boolean, sink: StreamSink): Promise<ServedContents>;
      /** The overview's JSON, kept per stored snapshot (overview-body.ts). */
      bodies?: OverviewBodies;
    },
    /** When what a connected registry syncs or accepts last changed (the audit log); no propagation status without it. */
    private readonly lastChangeAt?: LastChangeAt,
  ) {}

  listRegistries(): Promise<RegistriesResponse> {
    return this.reader.listRegistries();
  }

  private async contents(ref: RegistryPath, force: boolean): Promise<ServedContents> {
    if (this.snapshot) return this.snapshot.read(ref, force);
    return {
      ...(await this.reader.readContents(ref)),
      readAt: this.now(),
      snapshot: null,
      tag: null,
    };
  }

  /** A snapshot older than an interrupted change cannot settle it: ARM is read now. */
  private async settled(ref: RegistryPath, read: ServedContents): Promise<ServedContents> {
    let served = read;
    await this.reconciler?.reconcile(read, read.readAt, async () => {
      served = await this.contents(ref, true);
      return { state: served, readAt: served.readAt };
    });
    return served;
  }

  private async served(ref: RegistryPath, force: boolean): Promise<ServedContents> {
    const key = `contents${force ? ' fresh' : ''} ${ref.subscriptionId}/${ref.resourceGroup}/${ref.registryName}`;
    return this.coalesce(key.toLowerCase(), async () =>
      this.settled(ref, await this.contents(ref, force)),
    );
  }

  /** `fresh`: read ARM now (Cache-Control: no-cache) instead of serving the snapshot. */
  async overview(ref: RegistryPath, options: { fresh?: boolean } = {}): Promise<RegistryOverview> {
    return overviewOf(await this.served(ref, !!options.fresh));
  }

  /**
   * The overview with its entity tag: the stored snapshot's version (which a
   * refresh that found nothing new leaves as it was), so a poll with If-None-Match learns "nothing changed" without the
   * lists being built, serialized or sent. Null when the lists were not stored.
   */
  async taggedOverview(
    ref: RegistryPath,
    options: { fresh?: boolean } = {},
  ): Promise<{ body: () => string; ageSeconds: number | null; etag: string | null }> {
    const served = await this.served(ref, !!options.fresh);
    const bodies = this.snapshot?.bodies;
    return {
      // Built only for a 200; serialized once per stored snapshot when this instance keeps bodies.
      body: () => (bodies ? bodies.body(served) : JSON.stringify(overviewOf(served))),
      ageSeconds: served.snapshot ? snapshotField(served.snapshot).ageSeconds : null,
      etag: etagOf(served),
    };
  }

  /**
   * Connected registries' runtime state, for the hierarchy's poll: the same
   * served read as the overview (the per-person gate first), a few KB instead
   * of the whole lists, with the version of everything else.
   */
  async runtime(ref: RegistryPath): Promise<{ runtime: RegistryRuntime; etag: string }> {
    return runtimeAnswer(await this.served(ref, false));
  }

  /**
   * The progressive overview: rows go to `sink` as ARM pages arrive when the
   * read is cold, then the end; a warm snapshot goes whole.
   */
  async streamOverview(
    ref: RegistryPath,
    options: { fresh?: boolean },
    sink: OverviewSink,
  ): Promise<void> {
    const force = !!options.fresh;
    let streamed = false;
    const read = this.snapshot
      ? await this.snapshot.stream(ref, force, {
          start: (start) => {
            streamed = true;
            sink.start(start);
          },
          page: (page) => sink.page(page),
        })
      : await this.contents(ref, force);
    const served = await this.settled(ref, read);
    if (streamed) sink.end(served, etagOf(served));
    else sink.whole(overviewOf(served), etagOf(served));
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
