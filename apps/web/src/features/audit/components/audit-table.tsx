import {
  Badge,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { formatDateTime } from '../../../lib/format';
import { shortTarget, summaryText, type AuditRow, type AuditRowOutcome } from '../utils/audit-rows';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  top: { verticalAlign: 'top' },
  mono: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  pre: {
    margin: `${tokens.spacingVerticalXS} 0`,
    padding: tokens.spacingHorizontalS,
    // Wrapped, never scrolled: a scrolling box would need its own tab stop.
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
  },
  summary: { cursor: 'pointer', color: tokens.colorBrandForegroundLink },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  window: {
    marginTop: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground3,
  },
});

const outcomeBadges: Record<
  AuditRowOutcome,
  { label: string; color: NonNullable<BadgeProps['color']> }
> = {
  succeeded: { label: 'Succeeded', color: 'success' },
  failed: { label: 'Failed', color: 'danger' },
  unknown: { label: 'Outcome unknown', color: 'warning' },
  pending: { label: 'Pending', color: 'informative' },
  observed: { label: 'Observed in Azure', color: 'important' },
};

function OutcomeBadge({ outcome }: { outcome: AuditRowOutcome }) {
  const b = outcomeBadges[outcome];
  return (
    <Badge appearance="tint" shape="rounded" color={b.color}>
      {b.label}
    </Badge>
  );
}

/** The log, newest first: one row per change (intent and outcome joined). Values render as text only. */
export function AuditTable({ rows }: { rows: readonly AuditRow[] }) {
  const styles = useStyles();
  return (
    <div className={styles.wrap}>
      <Table aria-label="Audit records" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Time</TableHeaderCell>
            <TableHeaderCell>Actor</TableHeaderCell>
            <TableHeaderCell>Action</TableHeaderCell>
            <TableHeaderCell>Target</TableHeaderCell>
            <TableHeaderCell>Outcome</TableHeaderCell>
            <TableHeaderCell>ARM request ids</TableHeaderCell>
            <TableHeaderCell>Before and after</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.key}>
              <TableCell className={styles.top}>
                <time dateTime={r.recordedAt}>{formatDateTime(r.recordedAt)}</time>
              </TableCell>
              <TableCell className={styles.top}>{r.actor}</TableCell>
              <TableCell className={`${styles.top} ${styles.mono}`}>{r.action}</TableCell>
              <TableCell className={`${styles.top} ${styles.mono}`}>
                <span title={r.target}>{shortTarget(r.target)}</span>
              </TableCell>
              <TableCell className={styles.top}>
                <OutcomeBadge outcome={r.outcome} />
                {r.window ? (
                  <div className={styles.window}>
                    Not made through the console; happened between{' '}
                    <time dateTime={r.window.from}>{formatDateTime(r.window.from)}</time> and{' '}
                    <time dateTime={r.window.to}>{formatDateTime(r.window.to)}</time>
                  </div>
                ) : null}
              </TableCell>
              <TableCell className={`${styles.top} ${styles.mono}`}>
                {r.armRequestIds.length === 0 ? (
                  '—'
                ) : (
                  <ul className={styles.list}>
                    {r.armRequestIds.map((id) => (
                      <li key={id}>{id}</li>
                    ))}
                  </ul>
                )}
              </TableCell>
              <TableCell className={styles.top}>
                <details>
                  <summary className={styles.summary}>Show before and after</summary>
                  <div>Before</div>
                  <pre className={styles.pre}>{summaryText(r.before)}</pre>
                  <div>After</div>
                  <pre className={styles.pre}>{summaryText(r.after)}</pre>
                  {r.error ? (
                    <>
                      <div>Error</div>
                      <pre className={styles.pre}>{summaryText(r.error)}</pre>
                    </>
                  ) : null}
                  <div className={styles.mono}>Request {r.requestId}</div>
                </details>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
