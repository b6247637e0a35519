import { assembleOverview, type RegistryOverview } from '@latchkey/domain';
import type { ServedContents } from './snapshots';

/** What the overview says of the snapshot it was served from. */
export const snapshotField = (snapshot: NonNullable<ServedContents['snapshot']>) => ({
  ageSeconds: Math.round(snapshot.ageMs / 1000),
  refreshing: snapshot.refreshing,
});

/** The overview of what a read served (the snapshot's age when served from one). */
export function overviewOf(contents: ServedContents): RegistryOverview {
  return {
    ...assembleOverview({ ...contents, fetchedAt: new Date(contents.readAt).toISOString() }),
    ...(contents.snapshot ? { snapshot: snapshotField(contents.snapshot) } : {}),
  };
}

/** How many overview bodies an instance keeps (one per registry at most). */
export const OVERVIEW_BODY_LIMITS = { maxRegistries: 16, maxChars: 64 * 1024 * 1024 };

/**
 * The overview's JSON, built once per stored snapshot: on a registry of
 * 5,000 tokens, assembling and serializing the 6.5 MB overview costs more
 * CPU than the rest of a warm read. Kept per registry for the snapshot it
 * was built from (registry, tag, read time), so a new version or read time
 * (which this instance learns of by LISTEN/NOTIFY, see the snapshot store)
 * builds it again. Only the snapshot's age and refreshing flag change from
 * one response to the next: they are the last member, written after the
 * kept text. What a body holds is what the snapshot holds: no secret.
 */
export class OverviewBodies {
  private readonly kept = new Map<string, { key: string; head: string }>();
  private chars = 0;
  /** Bodies serialized so far (tests show a warm read reuses one). */
  builds = 0;

  constructor(private readonly limits = OVERVIEW_BODY_LIMITS) {}

  /** The JSON `overviewOf(served)` would serialize to, byte for byte. */
  body(served: ServedContents): string {
    if (!served.snapshot || !served.tag) return JSON.stringify(overviewOf(served));
    const registry = served.registry.id.toLowerCase();
    const key = `${served.tag}@${served.readAt}`;
    let entry = this.kept.get(registry);
    if (entry?.key !== key) {
      this.forget(registry);
      // The overview without `snapshot`, its closing brace left off.
      const head = JSON.stringify(overviewOf({ ...served, snapshot: null })).slice(0, -1);
      this.builds += 1;
      entry = { key, head };
      if (head.length <= this.limits.maxChars) this.keep(registry, entry);
    } else {
      // Most recently used last: the first in the map goes first.
      this.kept.delete(registry);
      this.kept.set(registry, entry);
    }
    return `${entry.head},"snapshot":${JSON.stringify(snapshotField(served.snapshot))}}`;
  }

  private keep(registry: string, entry: { key: string; head: string }): void {
    this.kept.set(registry, entry);
    this.chars += entry.head.length;
    for (const [oldest] of this.kept) {
      if (this.kept.size <= this.limits.maxRegistries && this.chars <= this.limits.maxChars) break;
      this.forget(oldest);
    }
  }

  private forget(registry: string): void {
    const entry = this.kept.get(registry);
    if (!entry) return;
    this.kept.delete(registry);
    this.chars -= entry.head.length;
  }
}
