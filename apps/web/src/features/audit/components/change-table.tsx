import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { PropertyList } from '../../../components/property-list';
import { RelativeTime } from '../../../components/relative-time';
import { diffFields, type DiffValue, type FieldChange } from '../utils/audit-diff';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', width: '100%' },
  top: { verticalAlign: 'top', overflowWrap: 'anywhere' },
  field: { color: tokens.colorNeutralForeground2 },
  none: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  added: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  removed: { color: tokens.colorPaletteRedForeground1, textDecorationLine: 'line-through' },
});

function Value({
  value,
  now,
  mark,
}: {
  value: DiffValue | undefined;
  now: number;
  /** List items to mark (added on the after side, removed on the before side). */
  mark?: { items: string[]; as: 'added' | 'removed' } | undefined;
}) {
  const styles = useStyles();
  if (!value) return <span className={styles.none}>Not recorded</span>;
  if (value.type === 'none') return <span className={styles.none}>None</span>;
  if (value.type === 'time') return <RelativeTime iso={value.iso} now={now} />;
  if (value.type === 'text') return <>{value.text}</>;
  if (value.items.length === 0) return <span className={styles.none}>Empty</span>;
  const marked = new Set(mark?.items.map((s) => s.toLowerCase()));
  return (
    <ul className={styles.list}>
      {value.items.map((item) =>
        marked.has(item.toLowerCase()) ? (
          <li key={item} className={mark?.as === 'added' ? styles.added : styles.removed}>
            {item} ({mark?.as})
          </li>
        ) : (
          <li key={item}>{item}</li>
        ),
      )}
    </ul>
  );
}

/** Field | Before | After, one row per field; times relative (exact on hover). */
export function ChangeTable({ rows, now }: { rows: readonly FieldChange[]; now: number }) {
  const styles = useStyles();
  return (
    <Table aria-label="Before and after" size="small" className={styles.table}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Field</TableHeaderCell>
          <TableHeaderCell>Before</TableHeaderCell>
          <TableHeaderCell>After</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.field.join('\u0000')}>
            <TableCell className={`${styles.top} ${styles.field}`}>{r.field.join(' › ')}</TableCell>
            <TableCell className={styles.top}>
              <Value
                value={r.before}
                now={now}
                mark={r.removed ? { items: r.removed, as: 'removed' } : undefined}
              />
            </TableCell>
            <TableCell className={styles.top}>
              <Value
                value={r.after}
                now={now}
                mark={r.added ? { items: r.added, as: 'added' } : undefined}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** An error record's fields (code, message, status…) as label and value, not JSON. */
export function ErrorFields({ error, now }: { error: unknown; now: number }) {
  const fields = diffFields(undefined, error, 'Message');
  return (
    <PropertyList
      items={fields.map((f) => [f.field.join(' › '), <Value value={f.after} now={now} />])}
    />
  );
}
