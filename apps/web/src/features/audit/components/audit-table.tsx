import {
  createTableColumn,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
  useTableColumnSizing_unstable,
  useTableFeatures,
  type TableColumnDefinition,
  type TableColumnSizingOptions,
} from '@fluentui/react-components';
import { auditActionName } from '@latchkey/domain';
import { useMemo, type ReactNode } from 'react';
import { HrefLink } from '../../../components/href-link';
import { RelativeTime } from '../../../components/relative-time';
import type { AuditRow } from '../utils/audit-rows';
import { auditTarget } from '../utils/audit-target';
import { OutcomeBadge } from './outcome-badge';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  table: { minWidth: '44rem' },
  // One line per cell: the text ends in an ellipsis inside its column, the full text on hover.
  clip: {
    display: 'block',
    minWidth: 0,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
  },
  cell: { overflow: 'hidden' },
  kind: { color: tokens.colorNeutralForeground2 },
  open: { textAlign: 'left', maxWidth: '100%' },
});

/** Starting widths (px); each column can be resized by dragging its edge or with the keyboard. */
const sizing: TableColumnSizingOptions = {
  time: { idealWidth: 130, minWidth: 90 },
  action: { idealWidth: 220, minWidth: 120 },
  target: { idealWidth: 260, minWidth: 120 },
  actor: { idealWidth: 180, minWidth: 100 },
  outcome: { idealWidth: 150, minWidth: 110 },
};

const headers: Record<string, string> = {
  time: 'Time',
  action: 'Action',
  target: 'Target',
  actor: 'Actor',
  outcome: 'Outcome',
};

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
  const columns = useMemo(
    (): TableColumnDefinition<AuditRow>[] =>
      Object.keys(sizing).map((columnId) => createTableColumn<AuditRow>({ columnId })),
    [],
  );
  const { columnSizing_unstable: sizer, tableRef } = useTableFeatures(
    { columns, items: rows as AuditRow[] },
    [useTableColumnSizing_unstable({ columnSizingOptions: sizing })],
  );

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
      <Table
        ref={tableRef}
        aria-label="Audit records"
        size="small"
        {...sizer.getTableProps({ className: styles.table })}
      >
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHeaderCell key={c.columnId} {...sizer.getTableHeaderCellProps(c.columnId)}>
                {headers[c.columnId as string]}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow
              key={r.key}
              data-record={r.key}
              appearance={r.key === selectedKey ? 'brand' : 'none'}
              onClick={() => onOpen(r.key)}
            >
              {columns.map((c) => (
                <TableCell
                  key={c.columnId}
                  className={styles.cell}
                  {...sizer.getTableCellProps(c.columnId)}
                >
                  {cell(r, c.columnId as string)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
