import type { ConnectedRegistryView, TokenView } from '@latchkey/domain';
import { allNames, type HierarchyNode } from './build-tree';
import { hasFilters, type HierarchyFilters } from './hierarchy-search';
import type { NodeFindings } from './node-findings';
import { syncTokenBroken } from './sync-token-state';

/** The tree's own row for the cloud registry; connected registries use their names. */
export const ROOT_VALUE = '$registry';

/**
 * Above this many connected registries the tree opens with only the top level
 * showing: 300 nodes fully open are ~17,000 px, where nobody finds anything;
 * the sites, each saying how much is below it and how much of that needs
 * attention, fit on one screen.
 */
export const LARGE_TREE = 50;

/**
 * How open the tree is: a base rule plus what the person toggled since.
 * `default` is everything on a small tree and the top level on a large one;
 * `all` and `none` come from Expand all / Collapse all. Keys are lower-cased names.
 */
export interface Expansion {
  base: 'default' | 'all' | 'none';
  overrides: ReadonlyMap<string, boolean>;
}

export const initialExpansion: Expansion = { base: 'default', overrides: new Map() };

export interface TreeRow {
  /** ROOT_VALUE or the connected registry's name. */
  id: string;
  node: HierarchyNode | undefined;
  /** aria-level: the cloud registry is 1, its direct connected registries 2. */
  level: number;
  setSize: number;
  posInSet: number;
  /** undefined: nothing below it in this view (a leaf). */
  expanded: boolean | undefined;
  parentId: string | undefined;
  /** It satisfies the filters (false: shown only as the ancestor of one that does). */
  match: boolean;
  /** Where the search text sits in the name, for the highlight. */
  highlight: [start: number, end: number] | undefined;
  /** All connected registries below it, and how many of them are problems. */
  below: number;
  problemsBelow: number;
}

const key = (s: string) => s.toLowerCase();

/** What the filters and counts need to know about each node beyond its own view. */
export interface NodeFacts {
  /** By lower-cased name. */
  findings: ReadonlyMap<string, NodeFindings>;
  /** Lower-cased names of the nodes that need attention (see `isProblem`). */
  problems: ReadonlySet<string>;
}

/**
 * Needs attention: the node itself is not working or soon will not be: not
 * connected (offline, unhealthy, state unknown), never activated, or its sync
 * token cannot authenticate it (missing, disabled, no password that works).
 * Syncing is normal work. Findings are a separate filter: on a real fleet most
 * nodes carry one (a client's password expiring), which would drown this view.
 */
export function isProblem(
  cr: ConnectedRegistryView,
  syncToken: TokenView | undefined,
  now: number,
): boolean {
  if (cr.connectionState !== 'Online' && cr.connectionState !== 'Syncing') return true;
  if (cr.activation !== 'Active') return true;
  return syncTokenBroken(cr.syncTokenName, syncToken, now);
}

export function problemNames(
  registries: readonly ConnectedRegistryView[],
  tokensByName: ReadonlyMap<string, TokenView>,
  now: number,
): Set<string> {
  return new Set(
    registries
      .filter((cr) =>
        isProblem(cr, cr.syncTokenName ? tokensByName.get(key(cr.syncTokenName)) : undefined, now),
      )
      .map((cr) => key(cr.name)),
  );
}

export function matchesFilters(
  cr: ConnectedRegistryView,
  facts: NodeFacts,
  f: HierarchyFilters,
): boolean {
  if (f.q && !key(cr.name).includes(key(f.q))) return false;
  if (f.state && cr.connectionState !== f.state) return false;
  if (f.mode && cr.mode !== f.mode) return false;
  if (f.findings && !facts.findings.get(key(cr.name))?.findings.length) return false;
  if (f.problems && !facts.problems.has(key(cr.name))) return false;
  return true;
}

/** The names from the top level down to the node's parent; undefined when it is not in the tree. */
export function ancestorsOf(roots: readonly HierarchyNode[], name: string): string[] | undefined {
  const walk = (nodes: readonly HierarchyNode[], path: string[]): string[] | undefined => {
    for (const n of nodes) {
      if (key(n.registry.name) === key(name)) return path;
      const found = walk(n.children, [...path, n.registry.name]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(roots, []);
}

/** The expansion with these nodes (and the cloud registry) opened, e.g. to reveal a selected node. */
export function withOpened(e: Expansion, names: readonly string[]): Expansion {
  const overrides = new Map(e.overrides);
  for (const n of [ROOT_VALUE, ...names]) overrides.set(key(n), true);
  return { ...e, overrides };
}

/**
 * The rows the tree shows, in order: the cloud registry, then connected
 * registries depth first. With filters, only the nodes that match and their
 * ancestors (for context), opened down to the matches; otherwise what the
 * expansion leaves open. Set size and position count visible siblings only.
 */
export function visibleRows(
  roots: readonly HierarchyNode[],
  facts: NodeFacts,
  filters: HierarchyFilters,
  expansion: Expansion,
): TreeRow[] {
  const filtering = hasFilters(filters);
  const total = allNames(roots).length;
  // Filters open the way down to every match, unless the person collapsed all since.
  const baseOpen = (level: number) =>
    level === 1 ||
    expansion.base === 'all' ||
    (expansion.base === 'default' && (filtering || total <= LARGE_TREE));
  const isOpen = (id: string, level: number) => expansion.overrides.get(key(id)) ?? baseOpen(level);

  // Per node: does it or anything below it match, and the counts below it.
  interface Info {
    match: boolean;
    keep: boolean;
    below: number;
    problemsBelow: number;
  }
  const info = new Map<HierarchyNode, Info>();
  const problem = (n: HierarchyNode) => (facts.problems.has(key(n.registry.name)) ? 1 : 0);
  const measure = (n: HierarchyNode): Info => {
    let below = 0;
    let problemsBelow = 0;
    let childKept = false;
    for (const c of n.children) {
      const ci = measure(c);
      below += 1 + ci.below;
      problemsBelow += ci.problemsBelow + problem(c);
      childKept ||= ci.keep;
    }
    const match = !filtering || matchesFilters(n.registry, facts, filters);
    const result = { match, keep: match || childKept, below, problemsBelow };
    info.set(n, result);
    return result;
  };
  roots.forEach(measure);

  const q = filters.q ? key(filters.q) : undefined;
  const rows: TreeRow[] = [];
  const add = (nodes: readonly HierarchyNode[], level: number, parentId: string) => {
    const shown = nodes.filter((n) => info.get(n)!.keep);
    shown.forEach((n, i) => {
      const id = n.registry.name;
      const inf = info.get(n)!;
      const kids = n.children.filter((c) => info.get(c)!.keep);
      const expanded = kids.length === 0 ? undefined : isOpen(id, level);
      const at = q ? key(id).indexOf(q) : -1;
      rows.push({
        id,
        node: n,
        level,
        setSize: shown.length,
        posInSet: i + 1,
        expanded,
        parentId,
        match: inf.match,
        highlight: at >= 0 && q ? [at, at + q.length] : undefined,
        below: inf.below,
        problemsBelow: inf.problemsBelow,
      });
      if (expanded) add(n.children, level + 1, id);
    });
  };
  const topShown = roots.filter((n) => info.get(n)!.keep).length;
  const rootOpen = topShown === 0 ? undefined : isOpen(ROOT_VALUE, 1);
  rows.push({
    id: ROOT_VALUE,
    node: undefined,
    level: 1,
    setSize: 1,
    posInSet: 1,
    expanded: rootOpen,
    parentId: undefined,
    match: !filtering,
    highlight: undefined,
    below: total,
    problemsBelow: roots.reduce((s, n) => s + info.get(n)!.problemsBelow + problem(n), 0),
  });
  if (rootOpen) add(roots, 2, ROOT_VALUE);
  return rows;
}

/** How many connected registries satisfy the filters (the "12 of 300" line). */
export function countMatches(
  roots: readonly HierarchyNode[],
  facts: NodeFacts,
  filters: HierarchyFilters,
): number {
  return roots.reduce(
    (s, n) =>
      s +
      (matchesFilters(n.registry, facts, filters) ? 1 : 0) +
      countMatches(n.children, facts, filters),
    0,
  );
}
