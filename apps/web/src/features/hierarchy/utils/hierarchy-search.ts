import type { ConnectedRegistryView } from '@latchkey/domain';

/** Admin actions a link can open on the selected connected registry (the findings' fix links). */
export const hierarchyActions = ['detach-client', 'repositories', 'connection-string'] as const;
export type HierarchyAction = (typeof hierarchyActions)[number];

export const connectionStates: readonly ConnectedRegistryView['connectionState'][] = [
  'Online',
  'Syncing',
  'Offline',
  'Unhealthy',
  'Unknown',
];
export const modes: readonly ConnectedRegistryView['mode'][] = ['ReadWrite', 'ReadOnly'];

/** What narrows the tree; every part is in the URL so a filtered view can be linked to. */
export interface HierarchyFilters {
  /** Part of a connected registry's name, any case. */
  q?: string;
  state?: ConnectedRegistryView['connectionState'];
  mode?: ConnectedRegistryView['mode'];
  /** Only nodes with at least one finding. */
  findings?: true;
  /** Only nodes that need attention (see `isProblem`). */
  problems?: true;
}

/**
 * The selected node lives in the URL so a poll, a reload or a shared link keeps
 * it. `action` (with `node`) opens that admin action once; `token` names the
 * client token a `detach-client` link is about.
 */
export interface HierarchySearch extends HierarchyFilters {
  node?: string;
  action?: HierarchyAction;
  token?: string;
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v.slice(0, 200) : undefined);
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : undefined;
// The router writes `true` as JSON; a hand-written link may say "1" or "true".
const flag = (v: unknown): true | undefined =>
  v === true || v === 'true' || v === '1' || v === 1 ? true : undefined;

/** Unknown or malformed parameters are dropped rather than failing the page: old links keep working. */
export function validateHierarchySearch(raw: Record<string, unknown>): HierarchySearch {
  const out: HierarchySearch = {};
  const q = text(typeof raw.q === 'string' ? raw.q.trim() : undefined);
  if (q) out.q = q;
  const state = oneOf(connectionStates, raw.state);
  if (state) out.state = state;
  const mode = oneOf(modes, raw.mode);
  if (mode) out.mode = mode;
  if (flag(raw.findings)) out.findings = true;
  if (flag(raw.problems)) out.problems = true;
  const node = text(raw.node);
  if (!node) return out;
  out.node = node;
  const action = hierarchyActions.find((a) => a === raw.action);
  if (action) out.action = action;
  const token = action === 'detach-client' ? text(raw.token) : undefined;
  if (token) out.token = token;
  return out;
}

export const hasFilters = (f: HierarchyFilters): boolean =>
  !!(f.q || f.state || f.mode || f.findings || f.problems);
