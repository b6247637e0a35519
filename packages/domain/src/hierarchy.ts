import type { ConnectedRegistryView } from './dto';

const lower = (s: string) => s.toLowerCase();

// The connected-registry hierarchy, by parent names (ARM compares names case-insensitively).
// The console's synced-repository preview and the BFF's change plan both walk it with these.

/** Parent first, up to the top-level connected registry (the cloud registry is not one). */
export function ancestorsOf(
  cr: Pick<ConnectedRegistryView, 'name' | 'parentName'>,
  all: readonly ConnectedRegistryView[],
): ConnectedRegistryView[] {
  const byName = new Map(all.map((c) => [lower(c.name), c]));
  const seen = new Set([lower(cr.name)]);
  const out: ConnectedRegistryView[] = [];
  for (let p = cr.parentName; p && !seen.has(lower(p));) {
    const parent = byName.get(lower(p));
    if (!parent) break;
    seen.add(lower(p));
    out.push(parent);
    p = parent.parentName;
  }
  return out;
}

/** Children, grandchildren and so on, nearest first. */
export function descendantsOf(
  cr: Pick<ConnectedRegistryView, 'name'>,
  all: readonly ConnectedRegistryView[],
): ConnectedRegistryView[] {
  const seen = new Set([lower(cr.name)]);
  const out: ConnectedRegistryView[] = [];
  const queue = [cr.name];
  while (queue.length) {
    const at = lower(queue.shift()!);
    for (const c of all) {
      if (c.parentName && lower(c.parentName) === at && !seen.has(lower(c.name))) {
        seen.add(lower(c.name));
        out.push(c);
        queue.push(c.name);
      }
    }
  }
  return out;
}
