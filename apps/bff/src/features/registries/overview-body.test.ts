import { describe, expect, it } from 'vitest';
import { registryOverviewSchema } from '@latchkey/domain';
import { contents, R, token } from './contents-fixtures';
import { OverviewBodies, overviewOf } from './overview-body';
import type { ServedContents } from './snapshots';

const served = (over: Partial<ServedContents> = {}): ServedContents => ({
  ...contents(),
  readAt: Date.parse('2026-01-01T00:00:00Z'),
  snapshot: { ageMs: 4_400, refreshing: false },
  tag: '"3-1000"',
  ...over,
});
const other = (n: number) =>
  served({ registry: { ...contents().registry, id: `${R}${n}`, name: `r${n}` } });

describe('overview bodies', () => {
  it("is byte for byte the overview's JSON, whatever the age, built once per snapshot", () => {
    const bodies = new OverviewBodies();
    const reads = [
      served(),
      served({ snapshot: { ageMs: 31_600, refreshing: true } }),
      served({ snapshot: { ageMs: 0, refreshing: false } }),
    ];
    for (const read of reads) {
      const body = bodies.body(read);
      expect(body).toBe(JSON.stringify(overviewOf(read)));
      expect(registryOverviewSchema.parse(JSON.parse(body)).snapshot).toEqual({
        ageSeconds: Math.round(read.snapshot!.ageMs / 1000),
        refreshing: read.snapshot!.refreshing,
      });
    }
    expect(bodies.builds).toBe(1);
  });

  it('builds again for a new version or read time, and never keeps a read that was not stored', () => {
    const bodies = new OverviewBodies();
    bodies.body(served());
    const changed = served({ tag: '"4-2000"', tokens: [token('a'), token('c')] });
    expect(bodies.body(changed)).toBe(JSON.stringify(overviewOf(changed)));
    expect(bodies.body(changed)).toContain(`${R}/tokens/c`);
    expect(bodies.builds).toBe(2);
    const reread = served({ tag: '"4-2000"', readAt: Date.parse('2026-01-01T00:05:00Z') });
    expect(bodies.body(reread)).toContain('"fetchedAt":"2026-01-01T00:05:00.000Z"');
    expect(bodies.builds).toBe(3);
    // Read from ARM for this request (cold, forced): serialized every time, kept never.
    const fresh = served({ snapshot: null, tag: null });
    expect(bodies.body(fresh)).toBe(JSON.stringify(overviewOf(fresh)));
    expect(bodies.body(fresh)).not.toContain('"snapshot"');
    expect(bodies.builds).toBe(3);
  });

  it('keeps at most its registries and characters, the least recently read going first', () => {
    const bodies = new OverviewBodies({ maxRegistries: 2, maxChars: 1024 * 1024 });
    bodies.body(other(1));
    bodies.body(other(2));
    bodies.body(other(1));
    bodies.body(other(3));
    bodies.body(other(1));
    expect(bodies.builds).toBe(3);
    bodies.body(other(2));
    expect(bodies.builds).toBe(4);
    const small = new OverviewBodies({ maxRegistries: 16, maxChars: 10 });
    small.body(served());
    small.body(served());
    expect(small.builds).toBe(2);
  });
});
