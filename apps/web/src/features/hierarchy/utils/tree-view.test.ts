import type { Finding, Severity } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { connectedRegistry as cr, token } from '../../../lib/test-fixtures';
import { buildTree } from './build-tree';
import type { NodeFindings } from './node-findings';
import {
  ancestorsOf,
  countMatches,
  initialExpansion,
  isProblem,
  LARGE_TREE,
  problemNames,
  ROOT_VALUE,
  visibleRows,
  withOpened,
  type Expansion,
  type NodeFacts,
} from './tree-view';

// site1 ─ area1 ─ line1
//       └ area2
// site2 ─ line2 (Offline)
const small = buildTree([
  cr('site1'),
  cr('area1', { parentName: 'site1' }),
  cr('line1', { parentName: 'area1' }),
  cr('area2', { parentName: 'site1', mode: 'ReadWrite' }),
  cr('site2'),
  cr('line2', { parentName: 'site2', connectionState: 'Offline' }),
]);
const none: NodeFacts = { findings: new Map(), problems: new Set() };
const withFinding = (severity: Severity): NodeFindings => ({
  findings: [{ key: `k-${severity}`, severity } as Finding],
  highest: severity,
});

const brief = (rows: ReturnType<typeof visibleRows>) =>
  rows.map((r) => [r.id, r.level, r.posInSet, r.setSize, r.expanded] as const);

describe('visibleRows', () => {
  it('shows a small tree fully open, with level, position and set size for every row', () => {
    expect(brief(visibleRows(small, none, {}, initialExpansion))).toEqual([
      [ROOT_VALUE, 1, 1, 1, true],
      ['site1', 2, 1, 2, true],
      ['area1', 3, 1, 2, true],
      ['line1', 4, 1, 1, undefined],
      ['area2', 3, 2, 2, undefined],
      ['site2', 2, 2, 2, true],
      ['line2', 3, 1, 1, undefined],
    ]);
    const rows = visibleRows(small, none, {}, initialExpansion);
    expect(rows.find((r) => r.id === 'line1')?.parentId).toBe('area1');
    expect(rows.find((r) => r.id === 'site1')?.parentId).toBe(ROOT_VALUE);
  });

  it('opens a large tree at the top level only, each closed node counting what is below it', () => {
    const names = Array.from({ length: LARGE_TREE }, (_, i) => `n${String(i).padStart(3, '0')}`);
    const large = buildTree([
      cr('top'),
      cr('other'),
      ...names.map((n) => cr(n, { parentName: 'top' })),
    ]);
    const facts: NodeFacts = { findings: new Map(), problems: new Set(['n000', 'n001', 'n002']) };
    const rows = visibleRows(large, facts, {}, initialExpansion);
    expect(brief(rows)).toEqual([
      [ROOT_VALUE, 1, 1, 1, true],
      ['other', 2, 1, 2, undefined],
      ['top', 2, 2, 2, false],
    ]);
    expect(rows[2]).toMatchObject({ below: LARGE_TREE, problemsBelow: 3 });
    expect(rows[0]).toMatchObject({ below: LARGE_TREE + 2, problemsBelow: 3 });
    // Expand all opens everything; collapse all again leaves the top level.
    expect(visibleRows(large, none, {}, { base: 'all', overrides: new Map() })).toHaveLength(
      LARGE_TREE + 3,
    );
    expect(visibleRows(large, none, {}, { base: 'none', overrides: new Map() })).toHaveLength(3);
  });

  it('a search keeps the matches and their ancestors, highlights the match and hides the rest', () => {
    const rows = visibleRows(small, none, { q: 'INE1' }, initialExpansion);
    expect(brief(rows)).toEqual([
      [ROOT_VALUE, 1, 1, 1, true],
      ['site1', 2, 1, 1, true],
      ['area1', 3, 1, 1, true],
      ['line1', 4, 1, 1, undefined],
    ]);
    expect(rows.map((r) => r.match)).toEqual([false, false, false, true]);
    expect(rows[3]?.highlight).toEqual([1, 5]);
    expect(rows[1]?.highlight).toBeUndefined();
    expect(countMatches(small, none, { q: 'line' })).toBe(2);
  });

  it('a filter that matches nothing leaves only the cloud registry, with nothing below it', () => {
    expect(brief(visibleRows(small, none, { q: 'nowhere' }, initialExpansion))).toEqual([
      [ROOT_VALUE, 1, 1, 1, undefined],
    ]);
  });

  it('filters by connection state, mode, findings and problems, all of them at once', () => {
    const facts: NodeFacts = {
      findings: new Map([
        ['area1', withFinding('medium')],
        ['line1', withFinding('high')],
        ['site2', { findings: [], highest: undefined }],
      ]),
      problems: new Set(['line1', 'line2']),
    };
    const ids = (f: Parameters<typeof visibleRows>[2]) =>
      visibleRows(small, facts, f, initialExpansion)
        .filter((r) => r.match)
        .map((r) => r.id);
    expect(ids({ state: 'Offline' })).toEqual(['line2']);
    expect(ids({ mode: 'ReadWrite' })).toEqual(['area2']);
    expect(ids({ findings: true })).toEqual(['area1', 'line1']);
    expect(ids({ problems: true })).toEqual(['line1', 'line2']);
    expect(ids({ problems: true, findings: true })).toEqual(['line1']);
    expect(ids({ problems: true, q: 'site' })).toEqual([]);
  });

  it('a node the person opened or closed keeps that over the default, and collapse all wins over a filter', () => {
    const closed: Expansion = { base: 'default', overrides: new Map([['site1', false]]) };
    expect(visibleRows(small, none, {}, closed).map((r) => r.id)).toEqual([
      ROOT_VALUE,
      'site1',
      'site2',
      'line2',
    ]);
    const collapsed: Expansion = { base: 'none', overrides: new Map() };
    expect(visibleRows(small, none, { q: 'line1' }, collapsed).map((r) => r.id)).toEqual([
      ROOT_VALUE,
      'site1',
    ]);
    // Revealing a node opens the way down to it.
    const path = ancestorsOf(small, 'LINE1');
    expect(path).toEqual(['site1', 'area1']);
    expect(visibleRows(small, none, {}, withOpened(collapsed, path!)).map((r) => r.id)).toContain(
      'line1',
    );
    expect(ancestorsOf(small, 'missing')).toBeUndefined();
  });
});

describe('isProblem', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const sync = token('a-sync', null);
  const a = (over: Parameters<typeof cr>[1] = {}) => cr('a', { syncTokenName: 'a-sync', ...over });

  it('is a node not connected, never activated, or whose sync token cannot sign it in', () => {
    expect(isProblem(a(), sync, now)).toBe(false);
    expect(isProblem(a({ connectionState: 'Syncing' }), sync, now)).toBe(false);
    expect(isProblem(a({ connectionState: 'Offline' }), sync, now)).toBe(true);
    expect(isProblem(a({ connectionState: 'Unhealthy' }), sync, now)).toBe(true);
    expect(isProblem(a({ connectionState: 'Unknown' }), sync, now)).toBe(true);
    expect(isProblem(a({ activation: 'Inactive' }), sync, now)).toBe(true);
    expect(isProblem(cr('a'), undefined, now)).toBe(true); // no sync token named
    expect(isProblem(a(), undefined, now)).toBe(true); // named but not found
    expect(isProblem(a(), { ...sync, status: 'disabled' }, now)).toBe(true);
    const withExpiry = (expiry: string) =>
      token('a-sync', null, {
        passwords: [
          { name: 'password1', present: true, expiry },
          { name: 'password2', present: false },
        ],
      });
    expect(isProblem(a(), withExpiry('2026-05-01T00:00:00Z'), now)).toBe(true);
    expect(isProblem(a(), withExpiry('2026-07-01T00:00:00Z'), now)).toBe(false);
  });

  it('problemNames applies it to every node, by lower-cased name', () => {
    const tokens = new Map([['a-sync', sync]]);
    expect(
      problemNames(
        [a({ name: 'Fine' }), a({ name: 'Down', connectionState: 'Offline' })],
        tokens,
        now,
      ),
    ).toEqual(new Set(['down']));
  });
});
