/** The scope-map page's search: `action=edit` opens the editor (a finding's fix link). */
export interface ScopeMapDetailSearch {
  action?: 'edit';
}

/** Kept apart from the page so the router can validate it without loading the page's chunk. */
export function validateScopeMapDetailSearch(raw: Record<string, unknown>): ScopeMapDetailSearch {
  return raw.action === 'edit' ? { action: 'edit' } : {};
}
