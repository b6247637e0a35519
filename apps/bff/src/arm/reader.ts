import type { TokenCredential } from '@azure/core-auth';
import type { RegistryPath, RegistrySummary, ConnectedRegistryView } from '@latchkey/domain';
import { listSubscriptions, registryClient, timeoutSignal, type ArmSettings } from './client';
import { mapArmError } from './errors';
import {
  toConnectedRegistryView,
  toRegistrySummary,
  toScopeMapRecord,
  toTokenRecord,
  type ScopeMapRecord,
  type TokenRecord,
} from './mappers';

export interface RegistryContents {
  registry: RegistrySummary;
  connectedRegistries: ConnectedRegistryView[];
  tokens: TokenRecord[];
  scopeMaps: ScopeMapRecord[];
}

/** One page of a list: its items and whether ARM has more after it. */
export interface FirstPage<T> {
  items: T[];
  more: boolean;
  /** ARM's nextLink to go on from (kept in the BFF; never sent to the browser). */
  next?: string;
}

/** One page of a list as it arrives, placed at `offset` in the list. */
export type ListPage =
  | { list: 'tokens'; offset: number; items: TokenRecord[] }
  | { list: 'scopeMaps'; offset: number; items: ScopeMapRecord[] }
  | { list: 'connectedRegistries'; offset: number; items: ConnectedRegistryView[] };

/** What a person sees of a registry at the cost of one request per list: the snapshot gate. */
export interface RegistryFirstPages {
  registry: RegistrySummary;
  tokens: FirstPage<TokenRecord>;
  scopeMaps: FirstPage<ScopeMapRecord>;
  /** Null when the registry cannot have connected registries (not asked for). */
  connectedRegistries: FirstPage<ConnectedRegistryView> | null;
}

/** The permission each list needs (named in refusals: a pager's error does not name it). */
const LIST_ACTION = {
  tokens: 'Microsoft.ContainerRegistry/registries/tokens/read',
  scopeMaps: 'Microsoft.ContainerRegistry/registries/scopeMaps/read',
  connectedRegistries: 'Microsoft.ContainerRegistry/registries/connectedRegistries/read',
} as const;

async function firstPage<T, U>(
  list: { byPage: () => AsyncIterableIterator<T[] & { continuationToken?: string }> },
  map: (t: T) => U,
): Promise<FirstPage<U>> {
  // Only the first page is requested: the iterator asks for the next one
  // only when it is pulled again.
  const { value } = await list.byPage().next();
  const page = (value ?? []) as T[] & { continuationToken?: string };
  return {
    items: page.map(map),
    more: !!page.continuationToken,
    ...(page.continuationToken ? { next: page.continuationToken } : {}),
  };
}

/** What the SDK's list methods return, as far as paging on from a nextLink needs. */
type Pager<T> = { byPage: (s: { continuationToken?: string }) => AsyncIterableIterator<T[]> };

/** How refusals name each list. */
const LIST_WHAT = {
  tokens: 'the tokens',
  scopeMaps: 'the scope maps',
  connectedRegistries: 'the connected registries',
} as const;

/** The pages after `first`, each reported as it arrives; the whole list at the end. */
async function restOf<T, U>(
  first: FirstPage<U>,
  list: () => Pager<T>,
  map: (t: T) => U,
  onPage: (offset: number, items: U[]) => void,
): Promise<U[]> {
  const out = [...first.items];
  if (!first.next) return out;
  for await (const page of list().byPage({ continuationToken: first.next })) {
    const items = page.map(map);
    onPage(out.length, items);
    out.push(...items);
  }
  return out;
}

async function all<T, U>(items: AsyncIterable<T>, map: (t: T) => U): Promise<U[]> {
  const out: U[] = [];
  for await (const item of items) out.push(map(item));
  return out;
}

/**
 * Reads from ARM as the signed-in person. Every list walks its pages in
 * order (nextLink chains cannot be parallelised), and different lists run
 * side by side, so a registry's contents cost one page chain per resource
 * type, never one call per token or per connected registry.
 */
export class RegistryReader {
  constructor(
    private readonly settings: ArmSettings,
    private readonly credential: TokenCredential,
  ) {}

  async listRegistries(): Promise<{
    registries: RegistrySummary[];
    unavailable: Array<{ subscriptionId: string; message: string }>;
  }> {
    let subscriptions;
    try {
      subscriptions = await listSubscriptions(this.settings, this.credential);
    } catch (error) {
      throw mapArmError(error, 'your subscriptions');
    }
    const results = await Promise.all(
      subscriptions.map(async (s) => {
        const client = registryClient(this.settings, this.credential, s.subscriptionId);
        try {
          const list = await all(
            client.registries.list({ abortSignal: timeoutSignal(this.settings) }),
            (r) => toRegistrySummary(r, s.displayName),
          );
          return { list };
        } catch (error) {
          const mapped = mapArmError(error, `the registries of subscription ${s.displayName}`);
          if (mapped.code === 'reauth_required') throw mapped;
          return { failed: { subscriptionId: s.subscriptionId, message: mapped.message } };
        }
      }),
    );
    const registries = results
      .flatMap((r) => r.list ?? [])
      .sort((a, b) => a.name.localeCompare(b.name));
    const unavailable = results.flatMap((r) => (r.failed ? [r.failed] : []));
    return { registries, unavailable };
  }

  async getRegistry(ref: RegistryPath): Promise<RegistrySummary> {
    const client = registryClient(this.settings, this.credential, ref.subscriptionId);
    try {
      return toRegistrySummary(
        await client.registries.get(ref.resourceGroup, ref.registryName, {
          abortSignal: timeoutSignal(this.settings),
        }),
      );
    } catch (error) {
      throw mapArmError(error, `registry ${ref.registryName}`);
    }
  }

  async listConnectedRegistries(ref: RegistryPath): Promise<ConnectedRegistryView[]> {
    const client = registryClient(this.settings, this.credential, ref.subscriptionId);
    try {
      return await all(
        client.connectedRegistries.list(ref.resourceGroup, ref.registryName, {
          abortSignal: timeoutSignal(this.settings),
        }),
        toConnectedRegistryView,
      );
    } catch (error) {
      throw mapArmError(
        error,
        `the connected registries of ${ref.registryName}`,
        'read',
        LIST_ACTION.connectedRegistries,
      );
    }
  }

  async listTokens(ref: RegistryPath): Promise<TokenRecord[]> {
    const client = registryClient(this.settings, this.credential, ref.subscriptionId);
    try {
      return await all(
        client.tokens.list(ref.resourceGroup, ref.registryName, {
          abortSignal: timeoutSignal(this.settings),
        }),
        toTokenRecord,
      );
    } catch (error) {
      throw mapArmError(error, `the tokens of ${ref.registryName}`, 'read', LIST_ACTION.tokens);
    }
  }

  async listScopeMaps(ref: RegistryPath): Promise<ScopeMapRecord[]> {
    const client = registryClient(this.settings, this.credential, ref.subscriptionId);
    try {
      return await all(
        client.scopeMaps.list(ref.resourceGroup, ref.registryName, {
          abortSignal: timeoutSignal(this.settings),
        }),
        toScopeMapRecord,
      );
    } catch (error) {
      throw mapArmError(
        error,
        `the scope maps of ${ref.registryName}`,
        'read',
        LIST_ACTION.scopeMaps,
      );
    }
  }

  async getToken(ref: RegistryPath, name: string): Promise<TokenRecord> {
    const client = registryClient(this.settings, this.credential, ref.subscriptionId);
    try {
      return toTokenRecord(
        await client.tokens.get(ref.resourceGroup, ref.registryName, name, {
          abortSignal: timeoutSignal(this.settings),
        }),
      );
    } catch (error) {
      throw mapArmError(error, `token ${name}`);
    }
  }

  async getScopeMap(ref: RegistryPath, name: string): Promise<ScopeMapRecord> {
    const client = registryClient(this.settings, this.credential, ref.subscriptionId);
    try {
      return toScopeMapRecord(
        await client.scopeMaps.get(ref.resourceGroup, ref.registryName, name, {
          abortSignal: timeoutSignal(this.settings),
        }),
      );
    } catch (error) {
      throw mapArmError(error, `scope map ${name}`);
    }
  }

  /**
   * The registry and the first page of each list, as this person: four
   * requests at most, whatever the registry's size. ARM refuses a person
   * without read permission on a type here exactly as it would on the sweep.
   */
  async readFirstPages(ref: RegistryPath): Promise<RegistryFirstPages> {
    const client = registryClient(this.settings, this.credential, ref.subscriptionId);
    const opts = () => ({ abortSignal: timeoutSignal(this.settings) });
    const { resourceGroup: rg, registryName: name } = ref;
    const registryP = this.getRegistry(ref);
    const guard = <T>(p: Promise<T>, what: string, action: string) =>
      p.catch((error: unknown) => {
        throw mapArmError(error, `${what} of ${name}`, 'read', action);
      });
    const [registry, tokens, scopeMaps, connectedRegistries] = await Promise.all([
      registryP,
      guard(
        firstPage(client.tokens.list(rg, name, opts()), toTokenRecord),
        'the tokens',
        LIST_ACTION.tokens,
      ),
      guard(
        firstPage(client.scopeMaps.list(rg, name, opts()), toScopeMapRecord),
        'the scope maps',
        LIST_ACTION.scopeMaps,
      ),
      guard(
        firstPage(client.connectedRegistries.list(rg, name, opts()), toConnectedRegistryView),
        'the connected registries',
        LIST_ACTION.connectedRegistries,
      ).catch(async (error: unknown) => {
        const r = await registryP.catch(() => undefined);
        if (r && !r.supportsConnectedRegistries) return null;
        throw error;
      }),
    ]);
    return {
      registry,
      tokens,
      scopeMaps,
      connectedRegistries: registry.supportsConnectedRegistries ? connectedRegistries : null,
    };
  }

  /**
   * Everything a registry holds, going on from the gate's first pages (so a
   * progressive read costs what a full read costs: one page chain per list),
   * with each later page reported as it arrives.
   */
  async readRest(
    ref: RegistryPath,
    gate: RegistryFirstPages,
    onPage: (page: ListPage) => void,
  ): Promise<RegistryContents> {
    const client = registryClient(this.settings, this.credential, ref.subscriptionId);
    const opts = () => ({ abortSignal: timeoutSignal(this.settings) });
    const { resourceGroup: rg, registryName: name } = ref;
    const go = <T, U>(
      list: ListPage['list'],
      first: FirstPage<U>,
      pager: () => Pager<T>,
      map: (t: T) => U,
    ) =>
      restOf(first, pager, map, (offset, items) =>
        onPage({ list, offset, items } as ListPage),
      ).catch((error: unknown) => {
        throw mapArmError(error, `${LIST_WHAT[list]} of ${name}`, 'read', LIST_ACTION[list]);
      });
    const [tokens, scopeMaps, connectedRegistries] = await Promise.all([
      go('tokens', gate.tokens, () => client.tokens.list(rg, name, opts()), toTokenRecord),
      go(
        'scopeMaps',
        gate.scopeMaps,
        () => client.scopeMaps.list(rg, name, opts()),
        toScopeMapRecord,
      ),
      gate.connectedRegistries
        ? go(
            'connectedRegistries',
            gate.connectedRegistries,
            () => client.connectedRegistries.list(rg, name, opts()),
            toConnectedRegistryView,
          )
        : Promise.resolve([]),
    ]);
    return { registry: gate.registry, tokens, scopeMaps, connectedRegistries };
  }

  /**
   * Everything a registry holds. Connected registries exist only on Premium
   * registries with data endpoints; for others that list is not asked for.
   */
  async readContents(ref: RegistryPath): Promise<RegistryContents> {
    const registryP = this.getRegistry(ref);
    const [registry, tokens, scopeMaps, connectedRegistries] = await Promise.all([
      registryP,
      this.listTokens(ref),
      this.listScopeMaps(ref),
      // Start it with the others, but only keep it if the registry supports it.
      this.listConnectedRegistries(ref).catch(async (error: unknown) => {
        const r = await registryP.catch(() => undefined);
        if (r && !r.supportsConnectedRegistries) return [];
        throw error;
      }),
    ]);
    return {
      registry,
      tokens,
      scopeMaps,
      connectedRegistries: registry.supportsConnectedRegistries ? connectedRegistries : [],
    };
  }
}
