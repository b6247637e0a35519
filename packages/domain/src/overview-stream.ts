import { z } from 'zod/mini';
import {
  connectedRegistryViewSchema,
  registryOverviewSchema,
  registrySummarySchema,
  scopeMapViewSchema,
  tokenViewSchema,
  type ConnectedRegistryView,
  type RegistryOverview,
  type RegistrySummary,
  type ScopeMapView,
  type TokenView,
} from './dto';
import { tokenKinds } from './token-kind';

/** A token as ARM lists it, before the console derives its role in the hierarchy. */
export const tokenRecordSchema = z.omit(tokenViewSchema, { kind: true, clientOf: true });
export type TokenRecord = z.infer<typeof tokenRecordSchema>;
/** A scope map as ARM lists it, before the console finds its users. */
export const scopeMapRecordSchema = z.omit(scopeMapViewSchema, { usedBy: true });
export type ScopeMapRecord = z.infer<typeof scopeMapRecordSchema>;

/** Each token with its role, from the connected registries that name it. */
export function withKinds(
  tokens: readonly TokenRecord[],
  connectedRegistries: readonly ConnectedRegistryView[],
): TokenView[] {
  const kinds = tokenKinds(
    tokens.map((t) => t.name),
    connectedRegistries,
  );
  return tokens.map((t) => ({ ...t, ...kinds.get(t.name)! }));
}

/** Each scope map with the (sorted) names of the tokens that use it. */
export function withUsers(
  scopeMaps: readonly ScopeMapRecord[],
  tokens: readonly TokenRecord[],
): ScopeMapView[] {
  const users = new Map<string, string[]>();
  for (const t of tokens) {
    if (!t.scopeMapName) continue;
    const key = t.scopeMapName.toLowerCase();
    users.set(key, [...(users.get(key) ?? []), t.name]);
  }
  return scopeMaps.map((s) => ({ ...s, usedBy: (users.get(s.name.toLowerCase()) ?? []).sort() }));
}

/** The overview from ARM's lists: the BFF builds it this way, and the SPA from a stream. */
export function assembleOverview(lists: {
  registry: RegistrySummary;
  tokens: readonly TokenRecord[];
  scopeMaps: readonly ScopeMapRecord[];
  connectedRegistries: readonly ConnectedRegistryView[];
  fetchedAt: string;
}): RegistryOverview {
  return {
    registry: lists.registry,
    connectedRegistries: [...lists.connectedRegistries],
    tokens: withKinds(lists.tokens, lists.connectedRegistries),
    scopeMaps: withUsers(lists.scopeMaps, lists.tokens),
    fetchedAt: lists.fetchedAt,
  };
}

export const overviewListNames = ['tokens', 'scopeMaps', 'connectedRegistries'] as const;
export type OverviewListName = (typeof overviewListNames)[number];
const countsSchema = z.object({
  tokens: z.number().check(z.int(), z.nonnegative()),
  scopeMaps: z.number().check(z.int(), z.nonnegative()),
  connectedRegistries: z.number().check(z.int(), z.nonnegative()),
});
export type OverviewCounts = z.infer<typeof countsSchema>;

/**
 * The progressive overview (`GET …/overview/stream`, NDJSON, one JSON object
 * per line). A warm snapshot answers with one `overview` line. A cold read
 * answers `start` (the registry, and how many rows to expect when a previous
 * snapshot says so), then a `page` per ARM list page as it arrives (rows
 * placed at `offset`, so a page sent twice changes nothing), then `end` with
 * each list's final length (longer lists are cut to it). `error` ends a
 * stream that failed after it started.
 */
export const overviewStreamLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('overview'), overview: registryOverviewSchema, etag: z.string() }),
  z.object({
    type: z.literal('start'),
    registry: registrySummarySchema,
    /** The previous snapshot's counts; null when there is none (the first read of a registry). */
    expected: z.nullable(countsSchema),
  }),
  z.discriminatedUnion('list', [
    z.object({
      type: z.literal('page'),
      list: z.literal('tokens'),
      offset: z.number().check(z.int(), z.nonnegative()),
      items: z.array(tokenRecordSchema),
    }),
    z.object({
      type: z.literal('page'),
      list: z.literal('scopeMaps'),
      offset: z.number().check(z.int(), z.nonnegative()),
      items: z.array(scopeMapRecordSchema),
    }),
    z.object({
      type: z.literal('page'),
      list: z.literal('connectedRegistries'),
      offset: z.number().check(z.int(), z.nonnegative()),
      items: z.array(connectedRegistryViewSchema),
    }),
  ]),
  z.object({
    type: z.literal('end'),
    counts: countsSchema,
    fetchedAt: z.string(),
    /** The stored snapshot's ETag, for the next conditional read; absent when the read was not stored. */
    etag: z.optional(z.string()),
  }),
  z.object({
    type: z.literal('error'),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);
export type OverviewStreamLine = z.infer<typeof overviewStreamLineSchema>;
