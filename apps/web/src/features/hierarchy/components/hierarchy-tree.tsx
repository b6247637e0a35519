import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { Badge } from '../../../components/badge';
import { ChevronRight16Regular, Cloud16Regular, Server16Regular } from '@fluentui/react-icons';
import type { RegistrySummary, TokenView } from '@latchkey/domain';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { RelativeTime } from '../../../components/relative-time';
import {
  ActivationBadge,
  ConnectionStateBadge,
  ModeBadge,
} from '../../../components/status-badges';
import { plural } from '../../../lib/format';
import { stickyTop } from '../../../lib/layout';
import { useMeasuredWindow, windowIndexes } from '../../../lib/measured-window';
import type { NodeFindings } from '../utils/node-findings';
import { ROOT_VALUE, type TreeRow } from '../utils/tree-view';
import { FindingsBadge } from './findings-badge';
import { SyncTokenBadge } from './sync-token-badge';

export { ROOT_VALUE };

const INDENT_PX = 20;

const useStyles = makeStyles({
  tree: { position: 'relative', width: '100%' },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    boxSizing: 'border-box',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '40px',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingRight: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  selected: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundSelected },
  },
  chevron: {
    flexShrink: 0,
    width: '24px',
    height: '24px',
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    borderRadius: tokens.borderRadiusSmall,
    color: tokens.colorNeutralForeground2,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundPressed },
  },
  open: { transform: 'rotate(90deg)' },
  icon: { flexShrink: 0, display: 'inline-flex', color: tokens.colorNeutralForeground2 },
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  name: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalXS },
  context: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  mark: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusSmall,
  },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface HierarchyTreeProps {
  registry: RegistrySummary;
  rows: readonly TreeRow[];
  tokensByName: ReadonlyMap<string, TokenView>;
  selected: string;
  onSelect: (id: string) => void;
  onToggle: (id: string, open: boolean) => void;
  /** Scroll the tree to this row once it is among the rows (a node chosen outside the tree). */
  reveal: string | undefined;
  onRevealed: () => void;
  now: number;
  findings: ReadonlyMap<string, NodeFindings>;
}

/**
 * The connected-registry tree, rendered a screenful at a time (hundreds of
 * nodes stay smooth) as a flat WAI-ARIA tree: every row carries its level,
 * set size and position, since most rows are absent from the DOM. One row is
 * the tab stop (roving tabindex); the arrow keys, Home, End and type-ahead move
 * it; Enter or Space selects. The page scrolls, not an inner box, so the
 * detail panel beside it can stay put.
 */
export function HierarchyTree({
  registry,
  rows,
  tokensByName,
  selected,
  onSelect,
  onToggle,
  reveal,
  onRevealed,
  now,
  findings,
}: HierarchyTreeProps) {
  const styles = useStyles();
  const listRef = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(selected);
  // The row a key just moved to, until a commit has drawn it as the tab stop and focused it.
  const moveFocus = useRef<string | undefined>(undefined);

  const indexOf = useCallback((id: string) => rows.findIndex((r) => r.id === id), [rows]);
  // The tab stop: the focused row while it is shown, else the selected one, else the first.
  const focusIndex = Math.max(0, indexOf(focused) >= 0 ? indexOf(focused) : indexOf(selected));

  const keys = useMemo(() => rows.map((r) => r.id), [rows]);
  const { range, starts, scrollToIndex } = useMeasuredWindow(listRef, keys, {
    estimate: 44,
    overscan: 10,
    // Scrolling a row into view leaves it below the sticky header.
    paddingStart: stickyTop.px + 8,
  });
  // The tab stop stays rendered even when scrolled away, so Tab still enters the tree.
  const shown = windowIndexes(range, rows.length > 0 ? focusIndex : undefined);

  useEffect(() => {
    if (reveal === undefined) return;
    const i = indexOf(reveal);
    if (i < 0) return;
    scrollToIndex(i, 'center');
    setFocused(reveal);
    onRevealed();
  }, [reveal, indexOf, scrollToIndex, onRevealed]);

  // After a key moved the tab stop: bring that row into view and give it focus. Another
  // commit (the window's own, after a row was measured) can land before the one that
  // carries the key's state; it leaves the request pending rather than focusing the old row.
  useEffect(() => {
    const target = moveFocus.current;
    if (target === undefined) return;
    // Focus has left the tree since (a click elsewhere): the request is void.
    if (!listRef.current?.contains(document.activeElement)) {
      moveFocus.current = undefined;
      return;
    }
    if (rows[focusIndex]?.id !== target) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex}"]`);
    if (!el) return;
    moveFocus.current = undefined;
    scrollToIndex(focusIndex, 'auto');
    el.focus({ preventScroll: true });
  });

  const focusRow = (i: number) => {
    const to = Math.max(0, Math.min(rows.length - 1, i));
    const row = rows[to];
    if (!row || to === focusIndex) return; // already there (Home on the first row)
    moveFocus.current = row.id;
    setFocused(row.id);
  };

  const select = useCallback(
    (id: string) => {
      setFocused(id);
      onSelect(id);
    },
    [onSelect],
  );

  const label = (r: TreeRow) => (r.node ? r.node.registry.name : registry.name);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[focusIndex];
    if (!row || e.altKey || e.ctrlKey || e.metaKey) return;
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    switch (e.key) {
      case 'ArrowDown':
        handled();
        return focusRow(focusIndex + 1);
      case 'ArrowUp':
        handled();
        return focusRow(focusIndex - 1);
      case 'Home':
        handled();
        return focusRow(0);
      case 'End':
        handled();
        return focusRow(rows.length - 1);
      case 'ArrowRight':
        handled();
        if (row.expanded === false) return onToggle(row.id, true);
        if (row.expanded === true) return focusRow(focusIndex + 1);
        return;
      case 'ArrowLeft':
        handled();
        if (row.expanded === true) return onToggle(row.id, false);
        if (row.parentId !== undefined) return focusRow(indexOf(row.parentId));
        return;
      case 'Enter':
      case ' ':
        handled();
        return select(row.id);
      default:
        // Type-ahead: the next row whose name starts with the typed character.
        if (e.key.length === 1 && /\S/.test(e.key)) {
          const ch = e.key.toLowerCase();
          for (let step = 1; step <= rows.length; step++) {
            const i = (focusIndex + step) % rows.length;
            if (label(rows[i]!).toLowerCase().startsWith(ch)) {
              handled();
              return focusRow(i);
            }
          }
        }
    }
  };

  return (
    <div
      ref={listRef}
      role="tree"
      aria-label={`Connected registries of ${registry.name}`}
      className={styles.tree}
      style={{ height: starts[rows.length] }}
      onKeyDown={onKeyDown}
    >
      {shown.map((index) => {
        const row = rows[index]!;
        return (
          <TreeRowItem
            key={row.id}
            index={index}
            top={starts[index]!}
            row={row}
            registry={registry}
            tokensByName={tokensByName}
            selected={row.id === selected}
            tabStop={index === focusIndex}
            onSelect={select}
            onToggle={onToggle}
            now={now}
            findings={row.node ? findings.get(row.node.registry.name.toLowerCase()) : undefined}
          />
        );
      })}
    </div>
  );
}

const TreeRowItem = memo(function TreeRowItem({
  index,
  top,
  row,
  registry,
  tokensByName,
  selected,
  tabStop,
  onSelect,
  onToggle,
  now,
  findings,
}: {
  index: number;
  top: number;
  row: TreeRow;
  registry: RegistrySummary;
  tokensByName: ReadonlyMap<string, TokenView>;
  selected: boolean;
  tabStop: boolean;
  onSelect: (id: string) => void;
  onToggle: (id: string, open: boolean) => void;
  now: number;
  findings: NodeFindings | undefined;
}) {
  const styles = useStyles();
  const cr = row.node?.registry;
  const name = cr ? cr.name : registry.name;
  const shownName = row.highlight ? (
    <>
      {name.slice(0, row.highlight[0])}
      <mark className={styles.mark}>{name.slice(row.highlight[0], row.highlight[1])}</mark>
      {name.slice(row.highlight[1])}
    </>
  ) : (
    name
  );
  const syncToken = cr?.syncTokenName
    ? tokensByName.get(cr.syncTokenName.toLowerCase())
    : undefined;

  return (
    <div
      data-index={index}
      role="treeitem"
      aria-level={row.level}
      aria-setsize={row.setSize}
      aria-posinset={row.posInSet}
      aria-expanded={row.expanded}
      aria-selected={selected}
      tabIndex={tabStop ? 0 : -1}
      className={mergeClasses(styles.row, selected && styles.selected)}
      style={{
        transform: `translateY(${top}px)`,
        paddingLeft: `${(row.level - 1) * INDENT_PX + 4}px`,
      }}
      onClick={() => onSelect(row.id)}
    >
      {/* Mouse only: the arrow keys do this for keyboard users (a button inside a treeitem would be a nested control). */}
      <span
        aria-hidden
        className={styles.chevron}
        onClick={(e) => {
          if (row.expanded === undefined) return;
          e.stopPropagation();
          onToggle(row.id, !row.expanded);
        }}
      >
        {row.expanded === undefined ? null : (
          <ChevronRight16Regular className={row.expanded ? styles.open : undefined} />
        )}
      </span>
      <span className={styles.icon} aria-hidden>
        {cr ? <Server16Regular /> : <Cloud16Regular />}
      </span>
      <span className={styles.summary}>
        <span className={mergeClasses(styles.name, !row.match && cr && styles.context)}>
          {shownName}
        </span>
        {cr ? (
          <>
            <ModeBadge mode={cr.mode} />
            <ConnectionStateBadge state={cr.connectionState} />
            <ActivationBadge state={cr.activation} />
            <SyncTokenBadge token={syncToken} name={cr.syncTokenName} now={now} />
            <FindingsBadge value={findings} />
            <span className={styles.meta}>
              Last sync <RelativeTime iso={cr.lastSyncTime} now={now} />
            </span>
            <span className={styles.meta}>
              {plural(cr.clientTokenNames.length, 'client token')}
            </span>
            {row.node?.orphaned ? (
              <Badge appearance="outline" color="warning" shape="rounded">
                Parent {cr.parentName} not found
              </Badge>
            ) : null}
          </>
        ) : (
          <>
            <Badge appearance="tint" color="brand" shape="rounded">
              Cloud registry
            </Badge>
            <Text className={styles.meta}>
              {registry.sku} · {registry.location}
            </Text>
          </>
        )}
        {row.expanded === false || (!cr && row.below > 0) ? (
          <span className={styles.meta}>
            {plural(row.below, 'connected registry', 'connected registries')} below
            {row.problemsBelow > 0 ? `, ${row.problemsBelow} needing attention` : ''}
          </span>
        ) : null}
      </span>
    </div>
  );
});
