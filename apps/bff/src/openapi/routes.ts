import { z } from 'zod/mini';
import {
  auditExportSchema,
  bulkJobSchema,
  bulkPasswordsSchema,
  bulkTokenPreviewSchema,
  bulkTokenSelectionSchema,
  startBulkTokensSchema,
  auditPageSchema,
  auditFacetsSchema,
  auditQuerySchema,
  auditVerificationSchema,
  connectedRegistryDetailSchema,
  connectedRegistryCreateResultSchema,
  connectedRegistryDeleteResultSchema,
  createConnectedRegistrySchema,
  deleteConnectedRegistrySchema,
  connectedRegistryMutationResultSchema,
  connectionStringRequestSchema,
  connectionStringResultSchema,
  createScopeMapSchema,
  createTokenSchema,
  credentialResultSchema,
  deactivateSchema,
  effectiveAccessExportSchema,
  expirySchema,
  exportFormats,
  exportStampSchema,
  findingSchema,
  inlineScopeMapSchema,
  passwordSlotSchema,
  registrySummarySchema,
  revealedCredentialsSchema,
  scopeMapViewSchema,
  statusDetailSchema,
  stepReportSchema,
  tokenKindSchema,
  tokenViewSchema,
  auditRecordViewSchema,
  connectedRegistryViewSchema,
  findingsExportSchema,
  findingsResponseSchema,
  generatePasswordSchema,
  registryCapabilitiesSchema,
  meSchema,
  registriesResponseSchema,
  registryOverviewSchema,
  reportSections,
  overviewStreamLineSchema,
  registryRuntimeSchema,
  scopeMapDetailSchema,
  scopeMapMutationResultSchema,
  setTokenStatusSchema,
  tokenDetailSchema,
  tokenMutationResultSchema,
  tokensExportSchema,
  updateClientTokensSchema,
  updateScopeMapSchema,
  updateSyncedRepositoriesSchema,
  type Permission,
} from '@latchkey/domain';

/**
 * Every HTTP route of the BFF, described for the OpenAPI document
 * (openapi/document.ts). Paths are written as Express registers them; a test
 * walks the Express app and fails on any route missing here. Shapes are the
 * zod schemas of packages/domain that the routers validate with and the
 * services answer in, so the description cannot say one thing while the code
 * checks another.
 */

/** A schema with the name it gets under components/schemas. */
export interface Named {
  name: string;
  schema: z.core.$ZodType;
}
const named = (name: string, schema: z.core.$ZodType): Named => ({ name, schema });

export interface ResponseDoc {
  description: string;
  /** JSON body; absent for an empty body or a non-JSON one. */
  json?: Named;
  /** Line-delimited JSON (application/x-ndjson): the schema of one line. */
  ndjson?: Named;
  /** Non-JSON content types, e.g. text/csv, text/html. */
  other?: string[];
  headers?: string[];
}

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** As registered in Express: `/api/registries/:subscriptionId/…`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Who may call it: anyone, any signed-in person, or a console permission. */
  access: 'public' | 'session' | Permission;
  query?: z.core.$ZodObject;
  body?: Named;
  responses: Record<number, ResponseDoc>;
  /** Draws on the per-person credential budget (429 when spent). */
  credential?: boolean;
}

/**
 * Shapes used inside several bodies: named so the document refers to one
 * definition instead of repeating it in every body that holds one.
 */
export const sharedSchemas = {
  output: [
    named('RegistrySummary', registrySummarySchema),
    named('ConnectedRegistryView', connectedRegistryViewSchema),
    named('StatusDetail', statusDetailSchema),
    named('TokenView', tokenViewSchema),
    named('TokenKind', tokenKindSchema),
    named('PasswordSlot', passwordSlotSchema),
    named('ScopeMapView', scopeMapViewSchema),
    named('Finding', findingSchema),
    named('StepReport', stepReportSchema),
    named('RevealedCredentials', revealedCredentialsSchema),
    named('AuditRecordView', auditRecordViewSchema),
    named('ExportStamp', exportStampSchema),
  ],
  input: [named('Expiry', expirySchema), named('InlineScopeMap', inlineScopeMapSchema)],
};

const registry = '/api/registries/:subscriptionId/:resourceGroup/:registryName';
const exportQuery = z.object({ format: z.enum(exportFormats) });
const stampHeaders = [
  'Content-Disposition',
  'X-Latchkey-Generated-At',
  'X-Latchkey-Registry',
  'X-Latchkey-Scope',
];

const ok = (description: string, json?: Named): Record<number, ResponseDoc> => ({
  200: json ? { description, json } : { description },
});
const exported = (what: string, json: Named): Record<number, ResponseDoc> => ({
  200: {
    description: `${what}: CSV (header row and data rows) or JSON with a stamp, as an attachment`,
    json,
    other: ['text/csv'],
    headers: stampHeaders,
  },
});

/** A read of one registry's state: reviewers and admins. */
const read = (
  path: string,
  tag: string,
  summary: string,
  answer: string,
  json: Named,
): RouteDoc => ({
  method: 'get',
  path,
  tag,
  summary,
  access: 'registry.read',
  responses: ok(answer, json),
});

/** An export of one registry: reviewers and admins, CSV or JSON. */
const exportOf = (
  what: string,
  title: string,
  json: Named,
  query: z.core.$ZodObject = exportQuery,
): RouteDoc => ({
  method: 'get',
  path: `${registry}/exports/${what}`,
  tag: 'Access review',
  summary: `${title} export`,
  access: 'report.export',
  query,
  responses: exported(title, json),
});

/** A POST action on one connected registry: admins. */
const connectedRegistryAction = (
  action: string,
  summary: string,
  body: Named,
  answer: string,
  json: Named,
  credential = false,
): RouteDoc => ({
  method: 'post',
  path: `${registry}/connected-registries/:name/${action}`,
  tag: 'Connected registries',
  summary,
  access: 'connectedRegistry.write',
  ...(credential ? { credential } : {}),
  body,
  responses: ok(answer, json),
});

/** A call on one of your bulk actions, by its id: admins. */
const bulkJob = (
  method: RouteDoc['method'],
  suffix: string,
  summary: string,
  answer: string,
  json: Named,
  more: Partial<Pick<RouteDoc, 'description' | 'access'>> = {},
): RouteDoc => ({
  method,
  path: `${registry}/bulk/:id${suffix}`,
  tag: 'Bulk actions',
  summary,
  access: 'token.write',
  ...more,
  responses: ok(answer, json),
});

export const routeDocs: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/healthz',
    tag: 'Operations',
    summary: 'Liveness: the process serves requests',
    access: 'public',
    responses: ok('Alive', named('Health', z.object({ status: z.literal('ok') }))),
  },
  {
    method: 'get',
    path: '/readyz',
    tag: 'Operations',
    summary: 'Readiness: storage answers and ARM is reachable',
    access: 'public',
    responses: {
      200: { description: 'Ready', json: named('Readiness', readiness()) },
      503: {
        description: 'Not ready; `checks` says which dependency failed',
        json: named('Readiness', readiness()),
      },
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'Operations',
    summary: 'This description of the API (OpenAPI 3.1)',
    access: 'public',
    responses: { 200: { description: 'The OpenAPI document', other: ['application/json'] } },
  },
  {
    method: 'get',
    path: '/auth/login',
    tag: 'Session',
    summary: 'Starts sign-in: redirects the browser to Microsoft Entra ID',
    description:
      'A browser navigation, not a fetch. `returnTo` (a same-origin path) is where the person lands after signing in.',
    access: 'public',
    query: z.object({ returnTo: z.optional(z.string()) }),
    responses: {
      302: { description: 'To the identity provider', headers: ['Location', 'Set-Cookie'] },
    },
  },
  {
    method: 'get',
    path: '/auth/callback',
    tag: 'Session',
    summary: 'Where Entra ID returns after sign-in; starts the session',
    access: 'public',
    responses: {
      200: {
        description: 'A page that continues to `returnTo`; sets the session cookie',
        other: ['text/html'],
      },
    },
  },
  {
    method: 'post',
    path: '/auth/logout',
    tag: 'Session',
    summary: "Ends the session; answers the identity provider's sign-out URL",
    access: 'public',
    responses: ok('Signed out', named('Logout', z.object({ redirectTo: z.string() }))),
  },
  {
    method: 'get',
    path: '/api/me',
    tag: 'Session',
    summary: 'Who is signed in, their console role and permissions',
    access: 'session',
    responses: ok('The signed-in person', named('Me', meSchema)),
  },
  read(
    '/api/registries',
    'Registries',
    'Cloud registries the person can see, across subscriptions',
    'Registries',
    named('RegistriesResponse', registriesResponseSchema),
  ),
  {
    method: 'get',
    path: `${registry}/overview`,
    tag: 'Registries',
    summary: 'A registry with all its tokens, scope maps and connected registries',
    description:
      'Served from the shared registry snapshot after a per-person gate (four ARM requests), or read from ARM (one page chain per resource type; `Cache-Control: no-cache` forces it). `ETag` names the stored snapshot; with `If-None-Match` it answers 304 when nothing changed (after the same gate), and `Age` gives the snapshot age in seconds either way.',
    access: 'registry.read',
    responses: {
      200: {
        description: 'The overview',
        json: named('RegistryOverview', registryOverviewSchema),
        headers: ['ETag', 'Age'],
      },
      304: { description: 'Not modified since the ETag given', headers: ['ETag', 'Age'] },
    },
  },
  {
    method: 'get',
    path: `${registry}/overview/runtime`,
    tag: 'Registries',
    summary: "Connected registries' runtime state, for the hierarchy's poll",
    description:
      'Connection state, last activity, last sync and status details of each connected registry, from the same snapshot as the overview and after the same per-person gate (four ARM requests). `version` names everything else in the overview: when it moves, read the overview again. `ETag` covers the items and the version; with `If-None-Match` it answers 304 when neither moved.',
    access: 'registry.read',
    responses: {
      200: {
        description: 'The runtime state',
        json: named('RegistryRuntime', registryRuntimeSchema),
        headers: ['ETag'],
      },
      304: { description: 'Not modified since the ETag given', headers: ['ETag'] },
    },
  },
  {
    method: 'get',
    path: `${registry}/overview/stream`,
    tag: 'Registries',
    summary: 'The overview, progressively: rows as each ARM list page arrives',
    description:
      'NDJSON, one OverviewStreamLine per line. After the per-person gate: a warm snapshot is one `overview` line; a cold read is `start`, a `page` per ARM list page (rows at `offset`), then `end` with the final counts, or `error` when it failed after starting.',
    access: 'registry.read',
    responses: {
      200: {
        description: 'Lines of OverviewStreamLine',
        ndjson: named('OverviewStreamLine', overviewStreamLineSchema),
      },
    },
  },
  read(
    `${registry}/findings`,
    'Access review',
    'Findings of the access review, computed now',
    'Findings',
    named('FindingsResponse', findingsResponseSchema),
  ),
  read(
    `${registry}/tokens/:name`,
    'Tokens',
    'One token with its scope map and connected registries',
    'The token',
    named('TokenDetail', tokenDetailSchema),
  ),
  read(
    `${registry}/scope-maps/:name`,
    'Scope maps',
    'One scope map and the tokens that use it',
    'The scope map',
    named('ScopeMapDetail', scopeMapDetailSchema),
  ),
  read(
    `${registry}/connected-registries/:name`,
    'Connected registries',
    'One connected registry: sync token and map, client tokens, children',
    'The connected registry',
    named('ConnectedRegistryDetail', connectedRegistryDetailSchema),
  ),
  {
    method: 'get',
    path: `${registry}/capabilities`,
    tag: 'Registries',
    summary: 'What Azure RBAC lets the signed-in person change on the registry',
    description:
      "Read from the person's Microsoft.Authorization permissions at the registry (one ARM request, kept 60 s per person and registry; 15 s after a failed read). Each operation says whether Azure would allow it and, if not, which role and action it needs. `known: false` when the permissions could not be read: then nothing is reported refused and Azure judges each change.",
    access: 'registry.read',
    responses: ok('The capability map', named('RegistryCapabilities', registryCapabilitiesSchema)),
  },
  {
    method: 'post',
    path: `${registry}/tokens`,
    tag: 'Tokens',
    summary: 'Creates a token (and its scope map when given inline) with a first password',
    description: 'The answer reveals the password once (no-store); it is stored nowhere.',
    access: 'token.write',
    credential: true,
    body: named('CreateTokenRequest', createTokenSchema),
    responses: {
      201: {
        description: 'Created; the password revealed once',
        json: named('CredentialResult', credentialResultSchema),
      },
    },
  },
  {
    method: 'patch',
    path: `${registry}/tokens/:name`,
    tag: 'Tokens',
    summary: 'Enables or disables a token',
    description: 'Disabling a sync token needs `confirmConnectedRegistryName`.',
    access: 'token.write',
    body: named('SetTokenStatusRequest', setTokenStatusSchema),
    responses: ok('Changed and read back', named('TokenMutationResult', tokenMutationResultSchema)),
  },
  {
    method: 'delete',
    path: `${registry}/tokens/:name`,
    tag: 'Tokens',
    summary: 'Deletes a token (refused for the sync token of an existing connected registry)',
    access: 'token.write',
    responses: { 204: { description: 'Deleted' } },
  },
  {
    method: 'post',
    path: `${registry}/tokens/:name/passwords`,
    tag: 'Tokens',
    summary: 'Generates a password in slot 1 or 2, with an expiry',
    access: 'token.write',
    credential: true,
    body: named('GeneratePasswordRequest', generatePasswordSchema),
    responses: ok(
      'Generated; the password revealed once',
      named('CredentialResult', credentialResultSchema),
    ),
  },
  {
    method: 'delete',
    path: `${registry}/tokens/:name/passwords/:slot`,
    tag: 'Tokens',
    summary: 'Revokes a password slot (`password1` or `password2`)',
    access: 'token.write',
    responses: ok('Revoked and read back', named('TokenMutationResult', tokenMutationResultSchema)),
  },
  {
    method: 'post',
    path: `${registry}/bulk/tokens/preview`,
    tag: 'Bulk actions',
    summary: 'Previews a bulk action on tokens: per token what changes, or why it is skipped',
    description:
      'Nothing changes. Sync tokens are left out unless named in `includeSyncTokens` (a one-by-one pick; refused with `selection: all-matching`). Generating passwords needs the credential permission too.',
    access: 'token.write',
    body: named('BulkTokenSelection', bulkTokenSelectionSchema),
    responses: ok('The preview', named('BulkTokenPreview', bulkTokenPreviewSchema)),
  },
  {
    method: 'post',
    path: `${registry}/bulk/tokens`,
    tag: 'Bulk actions',
    summary: 'Starts a bulk action on tokens, confirmed with the phrase the preview gave',
    description:
      'Runs in the background on this server, four tokens at a time, retrying after Azure throttles (Retry-After), each change audited, plus one record for the bulk action. A server restart ends it: the changes made so far stay, each with its audit record.',
    access: 'token.write',
    body: named('StartBulkTokensRequest', startBulkTokensSchema),
    responses: { 202: { description: 'Started', json: named('BulkJob', bulkJobSchema) } },
  },
  bulkJob(
    'get',
    '',
    'Progress and per-token outcomes of your bulk action (never a password)',
    'The bulk action',
    named('BulkJob', bulkJobSchema),
  ),
  bulkJob(
    'post',
    '/cancel',
    'Cancels your bulk action: it stops before the next token',
    'The bulk action, cancelling',
    named('BulkJob', bulkJobSchema),
  ),
  bulkJob(
    'post',
    '/passwords',
    'Reveals the new passwords of a finished generate-passwords bulk action, once',
    'The passwords, once',
    named('BulkPasswords', bulkPasswordsSchema),
    {
      description:
        'The passwords wait in the memory of the server that generated them until this call (or 15 minutes after the action ended); the answer is no-store and never compressed, and a second call is refused.',
      access: 'token.credentials.generate',
    },
  ),
  {
    method: 'post',
    path: `${registry}/scope-maps`,
    tag: 'Scope maps',
    summary: 'Creates a scope map',
    access: 'scopeMap.write',
    body: named('CreateScopeMapRequest', createScopeMapSchema),
    responses: {
      201: {
        description: 'Created',
        json: named('ScopeMapMutationResult', scopeMapMutationResultSchema),
      },
    },
  },
  {
    method: 'put',
    path: `${registry}/scope-maps/:name`,
    tag: 'Scope maps',
    summary: 'Replaces the actions of a scope map',
    description:
      'Refused with 409 and the current map in `error.current` when it changed since `expectedVersion` was read.',
    access: 'scopeMap.write',
    body: named('UpdateScopeMapRequest', updateScopeMapSchema),
    responses: ok(
      'Saved, with the diff',
      named('ScopeMapMutationResult', scopeMapMutationResultSchema),
    ),
  },
  {
    method: 'delete',
    path: `${registry}/scope-maps/:name`,
    tag: 'Scope maps',
    summary: 'Deletes a scope map no token uses',
    access: 'scopeMap.write',
    responses: { 204: { description: 'Deleted' } },
  },
  {
    method: 'post',
    path: `${registry}/connected-registries`,
    tag: 'Connected registries',
    summary:
      'Creates a connected registry with its sync scope map and sync token, and adds its gateway and repositories to every ancestor’s sync scope map',
    description:
      'As `az acr connected-registry create --repository`. Each step is audited; a failure undoes the finished steps and reports them in `error.steps`. A registry without its data endpoint needs `enableDataEndpoint: true` and `confirmRegistryName`.',
    access: 'connectedRegistry.write',
    body: named('CreateConnectedRegistryRequest', createConnectedRegistrySchema),
    responses: {
      201: {
        description: 'Created and read back, with the steps',
        json: named('ConnectedRegistryCreateResult', connectedRegistryCreateResultSchema),
      },
    },
  },
  {
    method: 'delete',
    path: `${registry}/connected-registries/:name`,
    tag: 'Connected registries',
    summary:
      'Deletes a connected registry; with cleanup also its sync token, sync scope map and its gateway actions in the ancestors’ sync scope maps',
    description:
      'As `az acr connected-registry delete --cleanup`. Refused with 409 naming its children while it has any. Each step is audited; a failure undoes the finished steps as far as Azure allows and reports them in `error.steps`.',
    access: 'connectedRegistry.write',
    body: named('DeleteConnectedRegistryRequest', deleteConnectedRegistrySchema),
    responses: ok(
      'Deleted, with the steps',
      named('ConnectedRegistryDeleteResult', connectedRegistryDeleteResultSchema),
    ),
  },
  connectedRegistryAction(
    'client-tokens',
    'Attaches and detaches client tokens (at most 20)',
    named('UpdateClientTokensRequest', updateClientTokensSchema),
    'Changed and read back',
    named('ConnectedRegistryMutationResult', connectedRegistryMutationResultSchema),
  ),
  connectedRegistryAction(
    'synced-repositories',
    'Adds or removes synced repositories (updating the ancestors’ sync scope maps)',
    named('UpdateSyncedRepositoriesRequest', updateSyncedRepositoriesSchema),
    'Changed and read back',
    named('ConnectedRegistryMutationResult', connectedRegistryMutationResultSchema),
  ),
  connectedRegistryAction(
    'connection-string',
    "Generates the connection string (rotates the sync token's password)",
    named('ConnectionStringRequest', connectionStringRequestSchema),
    'Generated; revealed once',
    named('ConnectionStringResult', connectionStringResultSchema),
    true,
  ),
  connectedRegistryAction(
    'deactivate',
    'Deactivates a connected registry',
    named('DeactivateRequest', deactivateSchema),
    'Deactivated and read back',
    named('ConnectedRegistryMutationResult', connectedRegistryMutationResultSchema),
  ),
  exportOf('findings', 'Findings', named('FindingsExport', findingsExportSchema)),
  exportOf('tokens', 'Token inventory', named('TokensExport', tokensExportSchema)),
  exportOf(
    'effective-access',
    'Effective access (token × repository × place)',
    named('EffectiveAccessExport', effectiveAccessExportSchema),
    z.extend(exportQuery, { connectedRegistry: z.optional(z.string()) }),
  ),
  {
    method: 'get',
    path: `${registry}/reports/access-review`,
    tag: 'Access review',
    summary: 'The printable access-review report',
    access: 'report.export',
    query: z.object({ section: z.optional(z.enum(reportSections)) }),
    responses: {
      200: {
        description:
          'One HTML page, streamed: the summary (default), one full section, or all sections',
        other: ['text/html'],
        headers: stampHeaders,
      },
    },
  },
  {
    method: 'get',
    path: '/api/audit',
    tag: 'Audit',
    summary: 'Audit records, newest first, filtered, in keyset pages',
    access: 'audit.read',
    query: auditQuerySchema,
    responses: ok('A page of records', named('AuditPage', auditPageSchema)),
  },
  {
    method: 'get',
    path: '/api/audit/export',
    tag: 'Audit',
    summary: 'Audit records matching the filters, as CSV or JSON',
    access: 'audit.read',
    query: z.extend(
      z.pick(auditQuerySchema, { actor: true, action: true, target: true, from: true, to: true }),
      { format: z.enum(exportFormats) },
    ),
    responses: exported('Audit records', named('AuditExport', auditExportSchema)),
  },
  {
    method: 'get',
    path: '/api/audit/facets',
    tag: 'Audit',
    summary: 'The actors and targets the log holds, for the filters',
    access: 'audit.read',
    responses: ok('Actors and targets', named('AuditFacets', auditFacetsSchema)),
  },
  {
    method: 'get',
    path: '/api/audit/verify',
    tag: 'Audit',
    summary: 'Recomputes the whole hash chain',
    access: 'audit.read',
    responses: ok('The verification', named('AuditVerification', auditVerificationSchema)),
  },
];

function readiness() {
  const check = z.enum(['ok', 'unavailable', 'unreachable']);
  return z.object({
    status: z.enum(['ready', 'not-ready']),
    checks: z.object({ storage: check, arm: check }),
  });
}
