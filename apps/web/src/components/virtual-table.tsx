import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowSortDown16Regular, ArrowSortUp16Regular } from '@fluentui/react-icons';
import { memo, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useRowWindow } from '../lib/row-window';

export type SortDirection = 'asc' | 'desc';

export interface VirtualColumn<T> {
  id: string;
  header: string;
  /** A CSS grid track, e.g. `minmax(12rem, 2fr)`. */
  width: string;
  cell: (row: T) => ReactNode;
  sortable?: boolean;
}

/** Checkboxes in a first column: click one, shift-click a range, or the header's for all. */
export interface RowSelection {
  isSelected: (key: string) => boolean;
  /** `range`: shift was held, so select from the last clicked row to this one. */
  onToggle: (key: string, index: number, range: boolean) => void;
  all: boolean | 'mixed';
  onToggleAll: () => void;
  /** The accessible name of a row's checkbox, e.g. "Select token north-build". */
  rowLabel: (key: string) => string;
  allLabel: string;
}

/**
 * The height that takes the table to the bottom of the window (never below
 * 20rem), measured from where the table starts on the page.
 */
function useFillHeight(ref: React.RefObject<HTMLDivElement | null>, enabled: boolean) {
  const [height, setHeight] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    if (!enabled) return;
    const measure = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(320, Math.floor(window.innerHeight - top - 16)));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref, enabled]);
  return height;
}

const useStyles = makeStyles({
  scroller: {
    overflow: 'auto',
    // Scrolling then re-lays out only this box, not the page around it. (Not
    // `strict`: size containment would stop the box from shrinking to few rows.)
    contain: 'content',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
    },
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  row: {
    display: 'grid',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
  },
  bodyRow: {
    position: 'absolute',
    // Rows have a fixed height: each one is laid out and painted on its own.
    contain: 'strict',
    top: 0,
    left: 0,
    width: '100%',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  headCell: {
    minHeight: '40px',
    display: 'flex',
    alignItems: 'center',
    fontWeight: tokens.fontWeightSemibold,
  },
  sortButton: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    border: 'none',
    background: 'none',
    color: 'inherit',
    font: 'inherit',
    cursor: 'pointer',
    textAlign: 'left',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      borderRadius: tokens.borderRadiusSmall,
    },
  },
  cell: { minWidth: 0, overflow: 'hidden' },
  check: {
    width: '16px',
    height: '16px',
    margin: 0,
    cursor: 'pointer',
    accentColor: tokens.colorCompoundBrandBackground,
  },
});

/**
 * A table that renders only the rows in view, so thousands of rows stay smooth.
 * ARIA table semantics carry the full row count and each row's index, since
 * most rows are absent from the DOM at any moment.
 */
export function VirtualTable<T>({
  label,
  rows,
  columns,
  rowKey,
  rowHeight,
  sort,
  onSortChange,
  className,
  selection,
  fillViewport = false,
}: {
  label: string;
  rows: readonly T[];
  columns: VirtualColumn<T>[];
  rowKey: (row: T) => string;
  rowHeight: number;
  sort?: { column: string; direction: SortDirection } | undefined;
  onSortChange?: ((column: string, direction: SortDirection) => void) | undefined;
  className?: string;
  selection?: RowSelection | undefined;
  /** Grow to the bottom of the window instead of a fixed height. */
  fillViewport?: boolean;
}) {
  const styles = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const fillHeight = useFillHeight(scrollRef, fillViewport);
  const { start, end } = useRowWindow(scrollRef, rows.length, rowHeight, 8);
  const template = [...(selection ? ['1.5rem'] : []), ...columns.map((c) => c.width)].join(' ');
  const rowClass = mergeClasses(styles.row, styles.bodyRow);
  const minWidth = `calc(${columns.length} * 8rem)`;

  return (
    <div
      ref={scrollRef}
      className={mergeClasses(styles.scroller, className)}
      tabIndex={0}
      role="region"
      aria-label={`${label} (scrollable)`}
      style={fillHeight !== undefined ? { height: fillHeight } : undefined}
    >
      <div role="table" aria-label={label} aria-rowcount={rows.length + 1} style={{ minWidth }}>
        <div role="rowgroup" className={styles.header}>
          <div
            role="row"
            aria-rowindex={1}
            className={styles.row}
            style={{ gridTemplateColumns: template }}
          >
            {selection ? (
              <div role="columnheader" className={styles.headCell}>
                <input
                  type="checkbox"
                  className={styles.check}
                  aria-label={selection.allLabel}
                  checked={selection.all === true}
                  ref={(el) => {
                    if (el) el.indeterminate = selection.all === 'mixed';
                  }}
                  onChange={selection.onToggleAll}
                />
              </div>
            ) : null}
            {columns.map((col) => {
              const active = sort?.column === col.id;
              const ariaSort = active
                ? sort.direction === 'asc'
                  ? 'ascending'
                  : 'descending'
                : col.sortable
                  ? 'none'
                  : undefined;
              return (
                <div
                  key={col.id}
                  role="columnheader"
                  aria-sort={ariaSort}
                  className={styles.headCell}
                >
                  {col.sortable && onSortChange ? (
                    <button
                      type="button"
                      className={styles.sortButton}
                      onClick={() =>
                        onSortChange(col.id, active && sort.direction === 'asc' ? 'desc' : 'asc')
                      }
                    >
                      {col.header}
                      {active ? (
                        sort.direction === 'asc' ? (
                          <ArrowSortUp16Regular aria-hidden />
                        ) : (
                          <ArrowSortDown16Regular aria-hidden />
                        )
                      ) : null}
                    </button>
                  ) : (
                    col.header
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" style={{ height: rows.length * rowHeight, position: 'relative' }}>
          {rows.slice(start, end).map((row, i) => {
            const key = rowKey(row);
            return (
              <VirtualRow
                key={key}
                row={row}
                index={start + i}
                start={(start + i) * rowHeight}
                height={rowHeight}
                template={template}
                columns={columns}
                className={rowClass}
                cellClassName={styles.cell}
                selection={selection}
                selected={selection ? selection.isSelected(key) : false}
                rowKeyValue={key}
                checkClassName={styles.check}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface VirtualRowProps<T> {
  row: T;
  index: number;
  start: number;
  height: number;
  template: string;
  columns: VirtualColumn<T>[];
  className: string;
  cellClassName: string;
  selection: RowSelection | undefined;
  selected: boolean;
  rowKeyValue: string;
  checkClassName: string;
}

/**
 * Memoised so that scrolling re-renders only the rows entering the view; the
 * caller must keep `columns` stable (useMemo) for this to pay off.
 */
const VirtualRow = memo(function VirtualRow<T>({
  row,
  index,
  start,
  height,
  template,
  columns,
  className,
  cellClassName,
  selection,
  selected,
  rowKeyValue,
  checkClassName,
}: VirtualRowProps<T>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={className}
      aria-selected={selection ? selected : undefined}
      style={{ gridTemplateColumns: template, height, transform: `translateY(${start}px)` }}
    >
      {selection ? (
        <div role="cell" className={cellClassName}>
          <input
            type="checkbox"
            className={checkClassName}
            aria-label={selection.rowLabel(rowKeyValue)}
            checked={selected}
            onChange={() => undefined}
            onClick={(e) => selection.onToggle(rowKeyValue, index, e.shiftKey)}
          />
        </div>
      ) : null}
      {columns.map((col) => (
        <div key={col.id} role="cell" className={cellClassName}>
          {col.cell(row)}
        </div>
      ))}
    </div>
  );
}) as <T>(props: VirtualRowProps<T>) => ReactNode;
