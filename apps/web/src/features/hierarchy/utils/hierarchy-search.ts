/** Admin actions a link can open on the selected connected registry (the findings' fix links). */
export const hierarchyActions = ['detach-client', 'repositories', 'connection-string'] as const;
export type HierarchyAction = (typeof hierarchyActions)[number];

/**
 * The selected node lives in the URL so a poll, a reload or a shared link keeps
 * it. `action` (with `node`) opens that admin action once; `token` names the
 * client token a `detach-client` link is about.
 */
export interface HierarchySearch {
  node?: string;
  action?: HierarchyAction;
  token?: string;
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v.slice(0, 200) : undefined);

export function validateHierarchySearch(raw: Record<string, unknown>): HierarchySearch {
  const node = text(raw.node);
  if (!node) return {};
  const action = hierarchyActions.find((a) => a === raw.action);
  const token = action === 'detach-client' ? text(raw.token) : undefined;
  return { node, ...(action ? { action } : {}), ...(token ? { token } : {}) };
}
