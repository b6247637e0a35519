import { describe, expect, it } from 'vitest';
import type { RegistryContents } from '../../arm/reader';
import { contents, cr, map, token } from './contents-fixtures';
import { diffContents } from './snapshot-diff';
import { applyToContents, firstPagesMatch } from './snapshots';

describe('diffContents', () => {
  it('finds nothing between equal reads, nor in runtime state nobody sets', () => {
    const before = contents();
    const after = contents({
      connectedRegistries: [
        cr('edge', { connectionState: 'Offline', lastActivityTime: '2026-02-01T00:00:00Z' }),
      ],
    });
    expect(diffContents(before, before)).toEqual([]);
    expect(diffContents(before, after)).toEqual([]);
  });

  it('names each kind of change with its target, before and after', () => {
    const before = contents();
    const after = contents({
      tokens: [
        token('A', {
          status: 'disabled',
          passwords: [
            { name: 'password1', present: false },
            { name: 'password2', present: true, creationTime: '2026-03-01T00:00:00.000Z' },
          ],
        }),
        token('c', { scopeMapName: 'push' }),
      ],
      scopeMaps: [
        map('pull', ['repositories/x/content/read', 'repositories/y/content/read']),
        map('push', []),
      ],
      connectedRegistries: [
        cr('edge', {
          mode: 'ReadWrite',
          activation: 'Inactive',
          syncTokenName: 'other',
          clientTokenNames: ['a'],
        }),
        cr('edge2', { parentName: 'edge' }),
      ],
    });
    const got = diffContents(before, after).map(
      (c) => `${c.action} ${c.target.split('/').pop()!.toLowerCase()}`,
    );
    expect(got.sort()).toEqual(
      [
        'token.status a', // names compare case-insensitively: "A" is token a
        'token.passwords a',
        'token.created c',
        'token.deleted b',
        'scopeMap.actions pull',
        'scopeMap.created push',
        'connectedRegistry.mode edge',
        'connectedRegistry.activation edge',
        'connectedRegistry.syncToken edge',
        'connectedRegistry.clientTokens edge',
        'connectedRegistry.attached edge2',
      ].sort(),
    );
    const actions = diffContents(before, after).find((c) => c.action === 'scopeMap.actions');
    expect(actions?.after).toEqual({
      count: 2,
      added: ['repositories/y/content/read'],
      removed: [],
    });
    const gone = diffContents(after, before).map((c) => c.action);
    expect(gone).toContain('connectedRegistry.detached');
    expect(gone).toContain('scopeMap.deleted');
  });
});

describe('applyToContents', () => {
  it('replaces items in place, adds new ones last, removes deleted ones (any case)', () => {
    const next = applyToContents(contents(), {
      tokens: [token('B', { status: 'disabled' }), token('z')],
      deleted: { tokens: ['A'], connectedRegistries: ['EDGE'] },
    });
    expect(next.tokens.map((t) => [t.name, t.status])).toEqual([
      ['B', 'disabled'],
      ['z', 'enabled'],
    ]);
    expect(next.connectedRegistries).toEqual([]);
    expect(next.scopeMaps).toEqual(contents().scopeMaps);
  });
});

describe('firstPagesMatch', () => {
  const gate = (c: RegistryContents, size: number) => ({
    registry: c.registry,
    tokens: { items: c.tokens.slice(0, size), more: c.tokens.length > size },
    scopeMaps: { items: c.scopeMaps.slice(0, size), more: c.scopeMaps.length > size },
    connectedRegistries: {
      items: c.connectedRegistries.slice(0, size),
      more: c.connectedRegistries.length > size,
    },
  });

  it('agrees with the pages of the same read, whatever the key order', () => {
    const c = contents();
    // As jsonb hands it back: the same values, keys in another order.
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverse(x)]),
            )
          : v;
    const reordered = reverse(c) as RegistryContents;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(c));
    expect(firstPagesMatch(c, gate(c, 1))).toBe(true);
    expect(firstPagesMatch(c, gate(reordered, 1))).toBe(true);
  });

  it('sees a change in the first page, an item added or removed at the end of a one-page list', () => {
    const c = contents();
    expect(
      firstPagesMatch(
        c,
        gate(contents({ tokens: [token('a', { status: 'disabled' }), token('b')] }), 1),
      ),
    ).toBe(false);
    expect(
      firstPagesMatch(c, gate(contents({ tokens: [token('a'), token('b'), token('c')] }), 5)),
    ).toBe(false);
    expect(firstPagesMatch(c, gate(contents({ tokens: [token('a')] }), 5))).toBe(false);
    // A change past the first page is for the freshness window to find.
    expect(
      firstPagesMatch(
        c,
        gate(contents({ tokens: [token('a'), token('b', { status: 'disabled' })] }), 1),
      ),
    ).toBe(true);
  });
});
