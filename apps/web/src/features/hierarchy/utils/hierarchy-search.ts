/** The selected node lives in the URL so a poll, a reload or a shared link keeps it. */
export interface HierarchySearch {
  node?: string;
}

export function validateHierarchySearch(raw: Record<string, unknown>): HierarchySearch {
  return typeof raw.node === 'string' && raw.node !== '' ? { node: raw.node.slice(0, 200) } : {};
}
