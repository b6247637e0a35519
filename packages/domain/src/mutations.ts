import { z } from 'zod/mini';
import { nameSchema } from './names';
import { passwordSlots } from './passwords';
import { connectedRegistryViewSchema, scopeMapViewSchema, tokenViewSchema } from './dto';

/**
 * Bodies and answers of the admin operations. Every body is a strict object:
 * an unknown field is refused (400 naming the field), never ignored.
 */

export const repositoryPermissions = [
  'content/read',
  'content/write',
  'content/delete',
  'metadata/read',
  'metadata/write',
] as const;
export const gatewayPermissions = [
  'config/read',
  'config/write',
  'message/read',
  'message/write',
] as const;

/** An expiry: an ISO date-time in the future, or the explicit choice "never". */
export const expirySchema = z.union([
  z.literal('never'),
  z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time or "never"' }),
]);

export const inlineScopeMapSchema = z.strictObject({
  repositories: z
    .array(
      z.strictObject({
        /** A repository name, `prefix/*`, or `*` for every repository. */
        repository: z.string().check(z.minLength(1), z.maxLength(256)),
        permissions: z
          .array(z.enum(repositoryPermissions))
          .check(z.minLength(1, 'choose at least one permission')),
      }),
    )
    .check(z.maxLength(500)),
  gateways: z
    .array(
      z.strictObject({
        connectedRegistry: nameSchema('connectedRegistry'),
        permissions: z
          .array(z.enum(gatewayPermissions))
          .check(z.minLength(1, 'choose at least one permission')),
      }),
    )
    .check(z.maxLength(100)),
});
export type InlineScopeMap = z.infer<typeof inlineScopeMapSchema>;

export const createTokenSchema = z.strictObject({
  name: nameSchema('token'),
  status: z._default(z.enum(['enabled', 'disabled']), 'enabled'),
  /** Exactly one of: an existing scope map by name, or permissions that create a new one. */
  scopeMap: z
    .strictObject({
      existing: z.optional(nameSchema('scopeMap')),
      inline: z.optional(inlineScopeMapSchema),
    })
    .check(
      z.refine((v) => (v.existing === undefined) !== (v.inline === undefined), {
        message: 'give either an existing scope map or inline permissions, not both or neither',
      }),
    ),
  /** The first password; a token without one is unusable. Default expiry: 90 days. */
  password: z._default(
    z.strictObject({
      slot: z._default(z.enum(passwordSlots), 'password1'),
      expiry: z.optional(expirySchema),
    }),
    { slot: 'password1' },
  ),
});
export type CreateTokenRequest = z.input<typeof createTokenSchema>;

export const generatePasswordSchema = z.strictObject({
  slot: z.enum(passwordSlots),
  /** Default 90 days from now; "never" only when chosen explicitly. */
  expiry: z.optional(expirySchema),
});
export type GeneratePasswordRequest = z.input<typeof generatePasswordSchema>;

export const setTokenStatusSchema = z.strictObject({
  status: z.enum(['enabled', 'disabled']),
  /**
   * Disabling a sync token suspends its connected registry: the person must
   * type that connected registry's name to confirm.
   */
  confirmConnectedRegistryName: z.optional(z.string().check(z.maxLength(50))),
});
export type SetTokenStatusRequest = z.input<typeof setTokenStatusSchema>;

/** Shown once, in the one response that carries it (Cache-Control: no-store); never stored or logged. */
export const revealedCredentialsSchema = z.object({
  username: z.string(),
  passwords: z.array(
    z.object({ name: z.enum(passwordSlots), value: z.string(), expiry: z.optional(z.string()) }),
  ),
  /** `docker login` lines, for the registry's login server and, for a client token, each connected registry's. */
  dockerLogin: z.array(z.object({ server: z.string(), command: z.string() })),
  /** A new password takes about a minute to reach the registry. */
  propagationSeconds: z.number(),
});
export type RevealedCredentials = z.infer<typeof revealedCredentialsSchema>;

/** One step of a multi-step action and what became of it. */
export const stepReportSchema = z.object({
  step: z.string(),
  outcome: z.enum(['done', 'failed', 'undone', 'skipped']),
  detail: z.optional(z.string()),
});
export type StepReport = z.infer<typeof stepReportSchema>;

export const tokenMutationResultSchema = z.object({
  token: tokenViewSchema,
  steps: z.array(stepReportSchema),
  auditId: z.string(),
  /**
   * Set when Azure applied the change but Latchkey lost its lock (storage
   * failed) meanwhile: says so, and that the audit record will be settled.
   */
  notice: z.optional(z.string()),
});
export type TokenMutationResult = z.infer<typeof tokenMutationResultSchema>;

export const credentialResultSchema = z.extend(tokenMutationResultSchema, {
  credentials: revealedCredentialsSchema,
});
export type CredentialResult = z.infer<typeof credentialResultSchema>;

// ---------------------------------------------------------------------------
// Scope maps

const descriptionSchema = z.string().check(z.maxLength(256, 'must be at most 256 characters'));

export const createScopeMapSchema = z.strictObject({
  name: nameSchema('scopeMap').check(
    z.refine((n) => !n.startsWith('_'), {
      message: 'must not start with "_" (reserved for system scope maps)',
    }),
  ),
  description: z.optional(descriptionSchema),
  actions: z
    .array(z.string().check(z.maxLength(512)))
    .check(z.minLength(1, 'at least one action is required'), z.maxLength(600)),
});
export type CreateScopeMapRequest = z.input<typeof createScopeMapSchema>;

export const updateScopeMapSchema = z.strictObject({
  description: z.optional(descriptionSchema),
  /** The whole new list (the BFF computes the diff). */
  actions: z
    .array(z.string().check(z.maxLength(512)))
    .check(z.minLength(1, 'at least one action is required'), z.maxLength(600)),
  /** The `version` of the scope map the editor loaded: the save is refused if it changed since. */
  expectedVersion: z.string().check(z.minLength(1), z.maxLength(128)),
});
export type UpdateScopeMapRequest = z.input<typeof updateScopeMapSchema>;

export const scopeMapMutationResultSchema = z.object({
  scopeMap: scopeMapViewSchema,
  diff: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  auditId: z.string(),
  /**
   * Set when Azure applied the change but Latchkey lost its lock (storage
   * failed) meanwhile: says so, and that the audit record will be settled.
   */
  notice: z.optional(z.string()),
});
export type ScopeMapMutationResult = z.infer<typeof scopeMapMutationResultSchema>;

// ---------------------------------------------------------------------------
// Connected registries

export const updateClientTokensSchema = z.strictObject({
  add: z._default(z.array(nameSchema('token')).check(z.maxLength(20)), []),
  remove: z._default(z.array(nameSchema('token')).check(z.maxLength(20)), []),
});
export type UpdateClientTokensRequest = z.input<typeof updateClientTokensSchema>;

export const updateSyncedRepositoriesSchema = z.strictObject({
  /** Repository names (no wildcards: a connected registry syncs named repositories). */
  add: z._default(
    z.array(z.string().check(z.minLength(1), z.maxLength(256))).check(z.maxLength(100)),
    [],
  ),
  remove: z._default(
    z.array(z.string().check(z.minLength(1), z.maxLength(256))).check(z.maxLength(100)),
    [],
  ),
});
export type UpdateSyncedRepositoriesRequest = z.input<typeof updateSyncedRepositoriesSchema>;

export const connectionStringRequestSchema = z.strictObject({
  slot: z.enum(passwordSlots),
  expiry: z.optional(expirySchema),
  /** Protocol the connected registry uses to reach its parent; forced to https when the parent is the cloud registry. */
  parentProtocol: z._default(z.enum(['https', 'http']), 'https'),
  /** Generating a connection string rotates the sync token's password: the person types the connected registry's name. */
  confirmConnectedRegistryName: z.string().check(z.maxLength(50)),
});
export type ConnectionStringRequest = z.input<typeof connectionStringRequestSchema>;

export const deactivateSchema = z.strictObject({
  confirmConnectedRegistryName: z.string().check(z.maxLength(50)),
});

export const connectedRegistryMutationResultSchema = z.object({
  connectedRegistry: connectedRegistryViewSchema,
  /** Things the person should know (e.g. write permissions that a ReadOnly registry ignores). */
  warnings: z.array(z.string()),
  steps: z.array(stepReportSchema),
  auditId: z.string(),
  /**
   * Set when Azure applied the change but Latchkey lost its lock (storage
   * failed) meanwhile: says so, and that the audit record will be settled.
   */
  notice: z.optional(z.string()),
});
export type ConnectedRegistryMutationResult = z.infer<typeof connectedRegistryMutationResultSchema>;

export const connectionStringResultSchema = z.extend(connectedRegistryMutationResultSchema, {
  /** `ConnectedRegistryName=…;SyncTokenName=…;SyncTokenPassword=…;ParentGatewayEndpoint=…;ParentEndpointProtocol=…` — shown once. */
  connectionString: z.string(),
  credentials: revealedCredentialsSchema,
});
export type ConnectionStringResult = z.infer<typeof connectionStringResultSchema>;
