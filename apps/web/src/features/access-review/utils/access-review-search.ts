import {
  findingIds,
  gatewayPermissions,
  repositoryPermissions,
  severities,
  type FindingId,
  type GatewayPermission,
  type RepositoryPermission,
  type Severity,
} from '@latchkey/domain';

export const accessReviewTabs = ['findings', 'who-can-access', 'matrix', 'clients'] as const;
export type AccessReviewTab = (typeof accessReviewTabs)[number];

export const targetKinds = ['token', 'scope-map', 'connected-registry'] as const;

/** How the findings are grouped: by finding type (default) or by what they are about. */
export const findingGroupings = ['type', 'target'] as const;
export type FindingGrouping = (typeof findingGroupings)[number];
export type TargetKind = (typeof targetKinds)[number];

/** The access review's state, all of it in the URL so a view can be linked to or exported from. */
export interface AccessReviewSearch {
  tab?: AccessReviewTab;
  /** Findings filters. */
  severity?: Severity;
  finding?: FindingId;
  kind?: TargetKind;
  q?: string;
  /** Findings grouped by target instead of by type. */
  group?: FindingGrouping;
  /** The finding open in the side panel (its key). */
  detail?: string;
  /** Who-can-access, matrix and clients: a connected registry's name; absent = the cloud registry. */
  place?: string;
  repository?: string;
  /** Who-can-access about a connected registry's gateway (config and messages) instead of a repository. */
  gateway?: string;
  /** A repository permission, or a gateway permission when `gateway` is asked about. */
  permission?: RepositoryPermission | GatewayPermission;
}

const oneOf = <T extends string>(list: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : undefined;

const text = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.slice(0, max) : undefined;

/** Unknown or malformed parameters are dropped rather than failing the page: old links keep working. */
export function validateAccessReviewSearch(raw: Record<string, unknown>): AccessReviewSearch {
  const out: AccessReviewSearch = {};
  const tab = oneOf(accessReviewTabs, raw.tab);
  if (tab) out.tab = tab;
  const severity = oneOf(severities, raw.severity);
  if (severity) out.severity = severity;
  const finding = oneOf(findingIds, raw.finding);
  if (finding) out.finding = finding;
  const kind = oneOf(targetKinds, raw.kind);
  if (kind) out.kind = kind;
  const q = text(raw.q, 200);
  if (q) out.q = q;
  const group = oneOf(findingGroupings, raw.group);
  if (group && group !== 'type') out.group = group;
  const detail = text(raw.detail, 400);
  if (detail) out.detail = detail;
  // Connected registry names are at most 50 characters; repositories at most 256.
  const place = text(raw.place, 50);
  if (place) out.place = place;
  const repository = text(raw.repository, 256);
  if (repository) out.repository = repository;
  const gateway = text(raw.gateway, 50);
  if (gateway) out.gateway = gateway;
  // The permission must belong to the family asked about; another is dropped.
  const permission = gateway
    ? oneOf(gatewayPermissions, raw.permission)
    : oneOf(repositoryPermissions, raw.permission);
  if (permission) out.permission = permission;
  return out;
}
