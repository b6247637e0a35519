import { z } from 'zod/mini';
import { consoleRoles } from './permissions';

/** Shapes of the BFF's read API, shared by the BFF (which builds them) and the SPA (which parses them). */

const isoDate = z.string();

export const meSchema = z.object({
  name: z.string(),
  username: z.string(),
  roles: z.array(z.enum(consoleRoles)),
  tenantId: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const registrySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  subscriptionId: z.string(),
  subscriptionName: z.optional(z.string()),
  resourceGroup: z.string(),
  location: z.string(),
  sku: z.string(),
  loginServer: z.string(),
  dataEndpointEnabled: z.boolean(),
  /** Premium with data endpoints: connected registries are possible. */
  supportsConnectedRegistries: z.boolean(),
});
export type RegistrySummary = z.infer<typeof registrySummarySchema>;

export const statusDetailSchema = z.object({
  type: z.optional(z.string()),
  code: z.optional(z.string()),
  description: z.optional(z.string()),
  timestamp: z.optional(isoDate),
});

export const connectedRegistryViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.enum(['ReadWrite', 'ReadOnly']),
  /** Name of the parent connected registry; null when the parent is the cloud registry. */
  parentName: z.nullable(z.string()),
  connectionState: z.enum(['Online', 'Offline', 'Syncing', 'Unhealthy', 'Unknown']),
  activation: z.enum(['Active', 'Inactive', 'Unknown']),
  provisioningState: z.optional(z.string()),
  version: z.optional(z.string()),
  lastActivityTime: z.optional(isoDate),
  /** When it was created (ARM systemData.createdAt), if Azure says. */
  createdAt: z.optional(isoDate),
  lastSyncTime: z.optional(isoDate),
  syncSchedule: z.optional(z.string()),
  syncWindow: z.optional(z.string()),
  messageTtl: z.optional(z.string()),
  gatewayEndpoint: z.optional(z.string()),
  /** The host clients `docker login` to; Azure reports it once the device has activated. */
  loginServerHost: z.optional(z.string()),
  syncTokenName: z.nullable(z.string()),
  clientTokenNames: z.array(z.string()),
  statusDetails: z.array(statusDetailSchema),
});
export type ConnectedRegistryView = z.infer<typeof connectedRegistryViewSchema>;

export const passwordSlotSchema = z.object({
  name: z.enum(['password1', 'password2']),
  present: z.boolean(),
  creationTime: z.optional(isoDate),
  expiry: z.optional(isoDate),
});

export const tokenKindSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sync'), connectedRegistry: z.string() }),
  z.object({
    type: z.literal('client'),
    connectedRegistries: z.array(z.string()).check(z.minLength(1)),
  }),
  z.object({ type: z.literal('unattached') }),
]);
export type TokenKind = z.infer<typeof tokenKindSchema>;

export const tokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['enabled', 'disabled']),
  scopeMapName: z.nullable(z.string()),
  creationDate: z.optional(isoDate),
  provisioningState: z.optional(z.string()),
  passwords: z.tuple([passwordSlotSchema, passwordSlotSchema]),
  kind: tokenKindSchema,
  /** Connected registries that accept this token as a client token. */
  clientOf: z.array(z.string()),
});
export type TokenView = z.infer<typeof tokenViewSchema>;

export const scopeMapViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.optional(z.string()),
  type: z.enum(['UserDefined', 'SystemDefined']),
  actions: z.array(z.string()),
  creationDate: z.optional(isoDate),
  /** Names of the tokens that use this map. */
  usedBy: z.array(z.string()),
  /** Content version (a hash of description and actions): edits carry the one they started from. */
  version: z.optional(z.string()),
});
export type ScopeMapView = z.infer<typeof scopeMapViewSchema>;

export const registryOverviewSchema = z.object({
  registry: registrySummarySchema,
  connectedRegistries: z.array(connectedRegistryViewSchema),
  tokens: z.array(tokenViewSchema),
  scopeMaps: z.array(scopeMapViewSchema),
  /** When the lists were read from ARM (the snapshot's read time when served from one). */
  fetchedAt: isoDate,
  /**
   * Present when served from the shared registry snapshot: its age in seconds
   * when served, and whether a refresh was started because it is past the
   * freshness window (the next read shows the refreshed lists).
   */
  snapshot: z.optional(
    z.object({ ageSeconds: z.number().check(z.nonnegative()), refreshing: z.boolean() }),
  ),
});
export type RegistryOverview = z.infer<typeof registryOverviewSchema>;

export const registriesResponseSchema = z.object({
  registries: z.array(registrySummarySchema),
  /** Subscriptions whose registries could not be listed (e.g. no role), with the reason. */
  unavailable: z.array(z.object({ subscriptionId: z.string(), message: z.string() })),
});
export type RegistriesResponse = z.infer<typeof registriesResponseSchema>;

export const tokenDetailSchema = z.object({
  registry: registrySummarySchema,
  token: tokenViewSchema,
  scopeMap: z.nullable(scopeMapViewSchema),
  /** The connected registry this token is the sync token of, and those that accept it (acceptedBy: as a client token, or as the sync token of a child). */
  connectedRegistries: z.array(connectedRegistryViewSchema),
});
export type TokenDetail = z.infer<typeof tokenDetailSchema>;

export const scopeMapDetailSchema = z.object({
  registry: registrySummarySchema,
  scopeMap: scopeMapViewSchema,
  tokens: z.array(tokenViewSchema),
});
export type ScopeMapDetail = z.infer<typeof scopeMapDetailSchema>;

/** Whether a change reached a connected registry (propagation.ts computes it). */
export const propagationSchema = z.object({
  /** synced: the last sync came after the change; pending: not yet; offline: not yet, and the registry is offline. */
  state: z.enum(['synced', 'pending', 'offline']),
  /** The latest change to what the registry syncs or accepts. */
  changedAt: z.string(),
  lastSyncTime: z.optional(z.string()),
  /** For `offline`: when it was last heard from, if Azure says. */
  offlineSince: z.optional(z.string()),
});
export type Propagation = z.infer<typeof propagationSchema>;

export const connectedRegistryDetailSchema = z.object({
  registry: registrySummarySchema,
  connectedRegistry: connectedRegistryViewSchema,
  syncToken: z.nullable(tokenViewSchema),
  syncScopeMap: z.nullable(scopeMapViewSchema),
  clientTokens: z.array(tokenViewSchema),
  children: z.array(connectedRegistryViewSchema),
  /**
   * Whether the latest change to what it syncs or accepts has reached it (its
   * lastSyncTime passed the change); absent when no change is known.
   */
  propagation: z.optional(propagationSchema),
});
export type ConnectedRegistryDetail = z.infer<typeof connectedRegistryDetailSchema>;

/** One audit record as the API shows it (never a secret: the log refuses them on write). */
export const auditRecordViewSchema = z.object({
  seq: z.number(),
  id: z.string(),
  /** `observed`: a change a snapshot refresh found in Azure that the console did not make. */
  kind: z.enum(['intent', 'outcome', 'observed']),
  recordedAt: isoDate,
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  requestId: z.string(),
  intentId: z.nullable(z.string()),
  outcome: z.nullable(z.enum(['succeeded', 'failed', 'unknown'])),
  before: z.unknown(),
  after: z.unknown(),
  armRequestIds: z.nullable(z.array(z.string())),
  error: z.unknown(),
  hash: z.string(),
  prevHash: z.string(),
});
export type AuditRecordView = z.infer<typeof auditRecordViewSchema>;

export const auditPageSchema = z.object({
  records: z.array(auditRecordViewSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.nullable(z.string()),
});
export type AuditPageView = z.infer<typeof auditPageSchema>;

export const auditQuerySchema = z.strictObject({
  /** Part of the actor's username, any case. */
  actor: z.optional(z.string().check(z.maxLength(256))),
  /** An action code (`token.disable`), or a family ending in `*` (`token.*`). */
  action: z.optional(
    z
      .string()
      .check(
        z.maxLength(128),
        z.regex(
          /^[A-Za-z][A-Za-z.-]*\*?$/,
          'an action code such as token.disable, or a family such as token.*',
        ),
      ),
  ),
  /** An ARM id (that resource and what is under it), or part of one; any case. */
  target: z.optional(z.string().check(z.maxLength(2048))),
  from: z.optional(z.iso.datetime({ offset: true })),
  to: z.optional(z.iso.datetime({ offset: true })),
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
});

/** What the log holds to pick filters from: who acted and on what. */
export const auditFacetsSchema = z.object({
  /** Usernames, with the display name their latest change recorded (null if none did). */
  actors: z.array(z.object({ username: z.string(), name: z.nullable(z.string()) })),
  /** ARM ids, most recently changed first. */
  targets: z.array(z.string()),
  /** More targets exist than were listed; type part of one to filter. */
  targetsTruncated: z.boolean(),
});
export type AuditFacetsView = z.infer<typeof auditFacetsSchema>;

/** The result of recomputing the audit log's hash chain. */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  /** Records checked. */
  checked: z.number().check(z.int()),
  /** The first sequence number whose record is altered, missing or out of chain. */
  firstBadSeq: z.nullable(z.number().check(z.int())),
  verifiedAt: isoDate,
});
export type AuditVerificationView = z.infer<typeof auditVerificationSchema>;
