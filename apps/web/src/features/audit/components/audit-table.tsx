import { Link, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { auditActionName } from '@latchkey/domain';
import { useRef, useState, type PointerEvent, type ReactNode } from 'react';
import { HrefLink } from '../../../components/href-link';
import { RelativeTime } from '../../../components/relative-time';
import type { AuditRow } from '../utils/audit-rows';
import { auditTarget } from '../utils/audit-target';
import { resizedWidth, tableWidth, type ColumnSize } from '../utils/column-widths';
import { OutcomeBadge } from './outcome-badge';

// A native table with the look of Fluent's small Table: Fluent's brings its
// column-sizing hooks and the Tabster focus manager (18 KB gzip) into the page's
// first load, for what a <colgroup> and a drag handle do here.
const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  table: {
    minWidth: '44rem',
    tableLayout: 'fixed',
    borderCollapse: 'collapse',
    backgroundColor: tokens.colorSubtleBackground,
  },
  row: {
    color: tokens.colorNeutralForeground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  bodyRow: {
    ':hover': {
      backgroundColor: tokens.colorSubtleBackgroundHover,
      color: tokens.colorNeutralForeground1Hover,
    },
    ':active': {
      backgroundColor: tokens.colorSubtleBackgroundPressed,
      color: tokens.colorNeutralForeground1Pressed,
    },
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2 },
    ':active': { backgroundColor: tokens.colorBrandBackground2 },
  },
  head: {
    position: 'relative',
    height: '32px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    fontWeight: tokens.fontWeightRegular,
    textAlign: 'left',
    verticalAlign: 'middle',
  },
  cell: {
    position: 'relative',
    height: '34px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    verticalAlign: 'middle',
    overflow: 'hidden',
  },
  // Fluent's TableResizeHandle: a line on the column's edge while the pointer is over it.
  handle: {
    position: 'absolute',
    right: 0,
    top: 0,
    bottom: 0,
    width: '16px',
    margin: '0 -8px',
    cursor: 'col-resize',
    touchAction: 'none',
    opacity: 0,
    transitionProperty: 'opacity',
    transitionDuration: '.2s',
    zIndex: 1,
    ':hover': { opacity: 1 },
    '::after': {
      content: '" "',
      display: 'block',
      width: '1px',
      position: 'absolute',
      left: '50%',
      top: 0,
      bottom: 0,
      backgroundColor: tokens.colorNeutralStroke1,
    },
  },
  dragging: { opacity: 1 },
  // One line per cell: the text ends in an ellipsis inside its column, the full text on hover.
  clip: {
    display: 'block',
    minWidth: 0,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
  },
  kind: { color: tokens.colorNeutralForeground2 },
  open: { textAlign: 'left', maxWidth: '100%' },
});

const columns: ReadonlyArray<{ id: string; header: string; size: ColumnSize }> = [
  { id: 'time', header: 'Time', size: { idealWidth: 130, minWidth: 90 } },
  { id: 'action', header: 'Action', size: { idealWidth: 220, minWidth: 120 } },
  { id: 'target', header: 'Target', size: { idealWidth: 260, minWidth: 120 } },
  { id: 'actor', header: 'Actor', size: { idealWidth: 180, minWidth: 100 } },
  { id: 'outcome', header: 'Outcome', size: { idealWidth: 150, minWidth: 110 } },
];
const last = columns[columns.length - 1]!;

/**
 * The columns' widths, as Fluent's column sizing lays them out: each column
 * before the last at its width (its ideal one until its edge is dragged), the
 * last one taking the rest of the box.
 */
function useColumnWidths() {
  const [widths, setWidths] = useState(() => columns.slice(0, -1).map((c) => c.size.idealWidth));
  const [dragging, setDragging] = useState<number | undefined>(undefined);
  const drag = useRef<{ index: number; x: number; start: number } | undefined>(undefined);
  const handleProps = (index: number) => ({
    onClick: (e: { stopPropagation: () => void }) => e.stopPropagation(),
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => {
      if (e.button !== 0) return;
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      drag.current = { index, x: e.clientX, start: widths[index]! };
      setDragging(index);
    },
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => {
      const d = drag.current;
      if (!d) return;
      const width = resizedWidth(d.start, e.clientX - d.x, columns[d.index]!.size);
      setWidths((w) => w.map((x, i) => (i === d.index ? width : x)));
    },
    onPointerUp: () => {
      drag.current = undefined;
      setDragging(undefined);
    },
  });
  return {
    width: tableWidth(widths, last.size),
    colWidth: (i: number) => widths[i],
    handleProps,
    dragging,
  };
}

function Clip({ title, children }: { title?: string | undefined; children: ReactNode }) {
  const styles = useStyles();
  return (
    <span className={styles.clip} title={title} data-cell-content>
      {children}
    </span>
  );
}

/** A target as its kind and name, linked to its page in the console when it has one. */
export function AuditTargetText({ id }: { id: string }) {
  const styles = useStyles();
  const t = auditTarget(id);
  const where = t.registryName && t.kind !== 'registry' ? ` in ${t.registryName}` : '';
  return (
    <Clip title={`${t.kindLabel} ${t.name}${where}\n${id}`}>
      <span className={styles.kind}>{t.kindLabel}</span>{' '}
      {t.href ? (
        <HrefLink href={t.href} aria-label={`${t.kindLabel} ${t.name}${where}`}>
          {t.name}
        </HrefLink>
      ) : (
        t.name
      )}
    </Clip>
  );
}

/**
 * The log, newest first, one row per change (intent and outcome joined), laid
 * out like the Azure Activity Log: what, on what, who, when, how it went. Each
 * cell holds one line; the action opens the change in the side panel.
 */
export function AuditTable({
  rows,
  now,
  selectedKey,
  onOpen,
}: {
  rows: readonly AuditRow[];
  now: number;
  selectedKey: string | undefined;
  onOpen: (key: string) => void;
}) {
  const styles = useStyles();
  const sizing = useColumnWidths();

  const cell = (r: AuditRow, id: string): ReactNode => {
    switch (id) {
      case 'time':
        return (
          <Clip>
            <RelativeTime iso={r.recordedAt} now={now} />
          </Clip>
        );
      case 'action': {
        const name = auditActionName(r.action);
        return (
          <Clip title={`${name} (${r.action})`}>
            <Link
              as="button"
              className={styles.open}
              onClick={(e) => {
                e.stopPropagation();
                onOpen(r.key);
              }}
              aria-haspopup="dialog"
            >
              {name}
            </Link>
          </Clip>
        );
      }
      case 'target':
        return <AuditTargetText id={r.target} />;
      case 'actor':
        return <Clip title={r.actorName ? r.actor : undefined}>{r.actorName ?? r.actor}</Clip>;
      default:
        return (
          <Clip>
            <OutcomeBadge outcome={r.outcome} />
          </Clip>
        );
    }
  };

  return (
    <div className={styles.wrap}>
      <table aria-label="Audit records" className={styles.table} style={{ width: sizing.width }}>
        <colgroup>
          {columns.map((c, i) => (
            <col key={c.id} style={{ width: sizing.colWidth(i) }} />
          ))}
        </colgroup>
        <thead>
          <tr className={styles.row}>
            {columns.map((c, i) => (
              <th key={c.id} className={styles.head}>
                {c.header}
                {c === last ? null : (
                  // A pointer's way to resize (as Fluent's handle, it is not a tab stop).
                  <div
                    aria-hidden
                    className={mergeClasses(
                      styles.handle,
                      sizing.dragging === i && styles.dragging,
                    )}
                    {...sizing.handleProps(i)}
                  />
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.key}
              data-record={r.key}
              className={mergeClasses(
                styles.row,
                styles.bodyRow,
                r.key === selectedKey && styles.selected,
              )}
              onClick={() => onOpen(r.key)}
            >
              {columns.map((c) => (
                <td key={c.id} className={styles.cell}>
                  {cell(r, c.id)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
