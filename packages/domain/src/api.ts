/**
 * The BFF's HTTP surface, shared so the SPA never spells a path by hand.
 * Every state-changing request must carry `csrfHeader` with value '1' and a
 * JSON body; the BFF refuses it otherwise.
 */
export const csrfHeader = 'x-latchkey-request';

export interface RegistryPath {
  subscriptionId: string;
  resourceGroup: string;
  registryName: string;
}

const enc = encodeURIComponent;
const base = (r: RegistryPath) =>
  `/api/registries/${enc(r.subscriptionId)}/${enc(r.resourceGroup)}/${enc(r.registryName)}`;

export const exportFormats = ['csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];
/** The printable report's pages: the summary (the default), one full section, or all of them. */
export const reportSections = ['summary', 'findings', 'tokens', 'effective-access', 'all'] as const;
export type ReportSection = (typeof reportSections)[number];

export interface AuditExportFilters {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

export const apiPaths = {
  me: '/api/me',
  registries: '/api/registries',
  overview: (r: RegistryPath) => `${base(r)}/overview`,
  /** GET → NDJSON lines of OverviewStreamLine (the progressive first load) */
  overviewStream: (r: RegistryPath) => `${base(r)}/overview/stream`,
  /** GET → RegistryRuntime: connected registries' runtime state, for the hierarchy's poll */
  overviewRuntime: (r: RegistryPath) => `${base(r)}/overview/runtime`,
  /** GET → FindingsResponse (reviewer and admin) */
  findings: (r: RegistryPath) => `${base(r)}/findings`,
  token: (r: RegistryPath, name: string) => `${base(r)}/tokens/${enc(name)}`,
  scopeMap: (r: RegistryPath, name: string) => `${base(r)}/scope-maps/${enc(name)}`,
  connectedRegistry: (r: RegistryPath, name: string) =>
    `${base(r)}/connected-registries/${enc(name)}`,
  /** GET → RegistryCapabilities: what Azure RBAC lets the signed-in person change there */
  capabilities: (r: RegistryPath) => `${base(r)}/capabilities`,
  // Admin operations (POST/PATCH/DELETE with the CSRF header):
  /** POST createTokenSchema → 201 CredentialResult */
  tokens: (r: RegistryPath) => `${base(r)}/tokens`,
  /** PATCH setTokenStatusSchema → TokenMutationResult; DELETE → 204 */
  tokenResource: (r: RegistryPath, name: string) => `${base(r)}/tokens/${enc(name)}`,
  /** POST generatePasswordSchema → CredentialResult */
  tokenPasswords: (r: RegistryPath, name: string) => `${base(r)}/tokens/${enc(name)}/passwords`,
  /** DELETE → TokenMutationResult (revokes that slot) */
  tokenPassword: (r: RegistryPath, name: string, slot: 'password1' | 'password2') =>
    `${base(r)}/tokens/${enc(name)}/passwords/${slot}`,
  /** POST bulkTokenSelectionSchema → BulkTokenPreview (nothing changes) */
  bulkTokensPreview: (r: RegistryPath) => `${base(r)}/bulk/tokens/preview`,
  /** POST startBulkTokensSchema → 202 BulkJob */
  bulkTokens: (r: RegistryPath) => `${base(r)}/bulk/tokens`,
  /** GET → BulkJob (its owner only) */
  bulkJob: (r: RegistryPath, id: string) => `${base(r)}/bulk/${enc(id)}`,
  /** POST → BulkJob: stops before the next item */
  bulkJobCancel: (r: RegistryPath, id: string) => `${base(r)}/bulk/${enc(id)}/cancel`,
  /** POST → BulkPasswords, once (no-store) */
  bulkJobPasswords: (r: RegistryPath, id: string) => `${base(r)}/bulk/${enc(id)}/passwords`,
  /** POST createScopeMapSchema → 201 ScopeMapMutationResult */
  scopeMaps: (r: RegistryPath) => `${base(r)}/scope-maps`,
  /** PUT updateScopeMapSchema → ScopeMapMutationResult (409 with `current` when changed meanwhile); DELETE → 204 */
  scopeMapResource: (r: RegistryPath, name: string) => `${base(r)}/scope-maps/${enc(name)}`,
  /** POST createConnectedRegistrySchema → 201 ConnectedRegistryCreateResult */
  connectedRegistries: (r: RegistryPath) => `${base(r)}/connected-registries`,
  /** DELETE deleteConnectedRegistrySchema → ConnectedRegistryDeleteResult (409 naming its children while it has any) */
  connectedRegistryResource: (r: RegistryPath, name: string) =>
    `${base(r)}/connected-registries/${enc(name)}`,
  /** POST updateClientTokensSchema → ConnectedRegistryMutationResult */
  connectedRegistryClientTokens: (r: RegistryPath, name: string) =>
    `${base(r)}/connected-registries/${enc(name)}/client-tokens`,
  /** POST updateSyncedRepositoriesSchema → ConnectedRegistryMutationResult */
  connectedRegistrySyncedRepositories: (r: RegistryPath, name: string) =>
    `${base(r)}/connected-registries/${enc(name)}/synced-repositories`,
  /** POST connectionStringRequestSchema → ConnectionStringResult (no-store; shown once) */
  connectedRegistryConnectionString: (r: RegistryPath, name: string) =>
    `${base(r)}/connected-registries/${enc(name)}/connection-string`,
  /** POST deactivateSchema → ConnectedRegistryMutationResult */
  connectedRegistryDeactivate: (r: RegistryPath, name: string) =>
    `${base(r)}/connected-registries/${enc(name)}/deactivate`,
  /** GET ?actor&action&target&from&to&cursor&limit → AuditPage */
  audit: '/api/audit',
  /** GET → AuditFacets: the actors and targets the log holds, for the filters' pickers */
  auditFacets: '/api/audit/facets',
  // Access review and evidence (reviewer and admin; GET, so plain links/downloads work):
  /** GET → attachment: findings as CSV or JSON (columns/schema in packages/domain/src/exports.ts) */
  exportFindings: (r: RegistryPath, format: ExportFormat) =>
    `${base(r)}/exports/findings?format=${format}`,
  /** GET → attachment: token inventory as CSV or JSON */
  exportTokens: (r: RegistryPath, format: ExportFormat) =>
    `${base(r)}/exports/tokens?format=${format}`,
  /** GET → attachment: effective access (token × repository × place) as CSV or JSON; optionally one connected registry */
  exportEffectiveAccess: (r: RegistryPath, format: ExportFormat, connectedRegistry?: string) =>
    `${base(r)}/exports/effective-access?format=${format}` +
    (connectedRegistry ? `&connectedRegistry=${enc(connectedRegistry)}` : ''),
  /** GET → text/html: the printable access-review report's summary, or one section, or all (findings, inventory, effective access) */
  accessReport: (r: RegistryPath, section?: ReportSection) =>
    `${base(r)}/reports/access-review` + (section ? `?section=${section}` : ''),
  /** GET ?format=csv|json plus the audit filters (no cursor/limit) → attachment: the matching records */
  auditExport: (format: ExportFormat, filters: AuditExportFilters = {}) => {
    const q = new URLSearchParams({ format });
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    return `/api/audit/export?${q.toString()}`;
  },
  /** GET → AuditVerificationView: recomputes the whole hash chain */
  auditVerify: '/api/audit/verify',
  // Browser navigations, not fetches:
  login: (returnTo?: string) =>
    returnTo ? `/auth/login?returnTo=${enc(returnTo)}` : '/auth/login',
  /** POST with the CSRF header; answers `{ redirectTo }`, the identity provider's end-session URL. */
  logout: '/auth/logout',
} as const;
