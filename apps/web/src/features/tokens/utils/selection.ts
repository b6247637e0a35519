import type { BulkTokenSelection, TokenView } from '@latchkey/domain';
import type { TokensSearch } from './tokens-search';

/**
 * The grid's selection. `names` are the picked tokens; `syncPicked` the sync
 * tokens among them whose own checkbox was clicked (a one-by-one pick, the
 * only way a sync token enters a bulk action); `allMatching` stands for every
 * token the filter matches, whatever they are when the action starts.
 */
export interface TokenSelection {
  names: ReadonlySet<string>;
  syncPicked: ReadonlySet<string>;
  allMatching: boolean;
  /** The row index of the last checkbox clicked (the start of a shift-click range). */
  anchor: number | null;
}

export const emptySelection: TokenSelection = {
  names: new Set(),
  syncPicked: new Set(),
  allMatching: false,
  anchor: null,
};

/**
 * A click on row `index`'s checkbox; with shift, every row from the anchor to
 * it takes the clicked row's new state. Sync tokens reached by a range are
 * selected but not "picked": the preview lists them as left out.
 */
export function toggle(
  sel: TokenSelection,
  visible: readonly TokenView[],
  index: number,
  range: boolean,
): TokenSelection {
  const base = sel.allMatching ? new Set(visible.map((t) => t.name)) : new Set(sel.names);
  const sync = new Set(sel.syncPicked);
  const token = visible[index];
  if (!token) return sel;
  const on = !base.has(token.name);
  const from = range && sel.anchor !== null ? Math.min(sel.anchor, index) : index;
  const to = range && sel.anchor !== null ? Math.max(sel.anchor, index) : index;
  for (let i = from; i <= to; i++) {
    const t = visible[i];
    if (!t) continue;
    if (on) base.add(t.name);
    else {
      base.delete(t.name);
      sync.delete(t.name);
    }
  }
  if (on && !range && token.kind.type === 'sync') sync.add(token.name);
  return { names: base, syncPicked: sync, allMatching: false, anchor: index };
}

/** How many tokens the selection holds now. */
export function selectedCount(sel: TokenSelection, visible: readonly TokenView[]): number {
  return sel.allMatching ? visible.length : sel.names.size;
}

/** "kind: client · status: enabled · search: line", for the bulk action's audit record. */
export function describeFilter(search: TokensSearch): string {
  const parts = [
    search.q ? `search: ${search.q}` : '',
    search.kind ? `kind: ${search.kind}` : '',
    search.status ? `status: ${search.status}` : '',
    search.password ? `password: ${search.password}` : '',
    search.finding ? `finding: ${search.finding}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'no filter';
}

/** The request body naming what the bulk action is asked about. */
export function selectionBody(
  action: BulkTokenSelection['action'],
  sel: TokenSelection,
  visible: readonly TokenView[],
  search: TokensSearch,
): BulkTokenSelection {
  if (sel.allMatching) {
    return {
      action,
      selection: 'all-matching',
      names: visible.map((t) => t.name),
      filter: describeFilter(search),
    };
  }
  const names = visible.filter((t) => sel.names.has(t.name)).map((t) => t.name);
  const includeSyncTokens = names.filter((n) => sel.syncPicked.has(n));
  return {
    action,
    selection: 'picked',
    names,
    ...(includeSyncTokens.length ? { includeSyncTokens } : {}),
  };
}
