import type { ConnectedRegistryView } from '@latchkey/domain';

export interface HierarchyNode {
  registry: ConnectedRegistryView;
  children: HierarchyNode[];
  /** The parent named by ARM is not among the connected registries (deleted, or not visible). */
  orphaned: boolean;
}

/**
 * Nests connected registries under their parents; top-level ones sit under the
 * cloud registry. A parent link that cannot be resolved, or that would form a
 * cycle, puts the node at the top level (marked) rather than losing it.
 */
export function buildTree(registries: readonly ConnectedRegistryView[]): HierarchyNode[] {
  const key = (n: string) => n.toLowerCase();
  const byName = new Map(registries.map((r) => [key(r.name), r]));
  const nodes = new Map<string, HierarchyNode>(
    registries.map((r) => [key(r.name), { registry: r, children: [], orphaned: false }]),
  );

  const reachesItself = (start: ConnectedRegistryView): boolean => {
    const seen = new Set<string>([key(start.name)]);
    let cur = start.parentName ? byName.get(key(start.parentName)) : undefined;
    while (cur) {
      if (seen.has(key(cur.name))) return true;
      seen.add(key(cur.name));
      cur = cur.parentName ? byName.get(key(cur.parentName)) : undefined;
    }
    return false;
  };

  const roots: HierarchyNode[] = [];
  for (const r of registries) {
    const node = nodes.get(key(r.name))!;
    const parent = r.parentName ? nodes.get(key(r.parentName)) : undefined;
    if (r.parentName && parent && !reachesItself(r)) parent.children.push(node);
    else {
      node.orphaned = !!r.parentName;
      roots.push(node);
    }
  }
  const sort = (list: HierarchyNode[]) => {
    list.sort((a, b) => a.registry.name.localeCompare(b.registry.name));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

export function allNames(nodes: readonly HierarchyNode[]): string[] {
  return nodes.flatMap((n) => [n.registry.name, ...allNames(n.children)]);
}

/**
 * The tree `roots` with each node's connected registry replaced by the one of
 * the same name in `registries`, for registries that differ only in runtime
 * state (connection, activity, sync: the tree's shape comes from names and
 * parents alone). Saves building and sorting the tree again on every poll. A
 * node whose registry and children are all unchanged keeps its object, and
 * when nothing changed the very same roots come back.
 */
export function withRegistries(
  roots: HierarchyNode[],
  registries: readonly ConnectedRegistryView[],
): HierarchyNode[] {
  const byName = new Map(registries.map((r) => [r.name.toLowerCase(), r]));
  const rebind = (nodes: HierarchyNode[]): HierarchyNode[] => {
    let changed = false;
    const next = nodes.map((n) => {
      const registry = byName.get(n.registry.name.toLowerCase()) ?? n.registry;
      const children = rebind(n.children);
      if (registry === n.registry && children === n.children) return n;
      changed = true;
      return { ...n, registry, children };
    });
    return changed ? next : nodes;
  };
  return rebind(roots);
}
