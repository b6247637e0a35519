import { makeStyles, tokens } from '@fluentui/react-components';
import { Badge } from '../../../components/badge';
import type { BulkItem } from '@latchkey/domain';

const useStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    maxHeight: '18rem',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  item: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, 1fr) 6.5rem minmax(10rem, 2fr)',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    overflowWrap: 'anywhere',
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  radius: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

const outcomeBadge: Record<
  BulkItem['outcome'],
  { label: string; color: 'success' | 'danger' | 'subtle' | 'informative' | 'warning' }
> = {
  pending: { label: 'Will change', color: 'informative' },
  running: { label: 'Running', color: 'informative' },
  done: { label: 'Done', color: 'success' },
  failed: { label: 'Failed', color: 'danger' },
  skipped: { label: 'Skipped', color: 'subtle' },
  cancelled: { label: 'Cancelled', color: 'warning' },
};

/** Per token: its outcome (or planned change), and why it is skipped or failed. */
export function ItemList({ items, label }: { items: readonly BulkItem[]; label: string }) {
  const styles = useStyles();
  // Problems first: a failure or a skipped sync token must not hide below 200 "done".
  const order: BulkItem['outcome'][] = [
    'failed',
    'cancelled',
    'running',
    'pending',
    'skipped',
    'done',
  ];
  const sorted = [...items].sort((a, b) => order.indexOf(a.outcome) - order.indexOf(b.outcome));
  return (
    <ul className={styles.list} aria-label={label} tabIndex={0}>
      {sorted.slice(0, 1000).map((item) => (
        <li key={item.name} className={styles.item}>
          <span className={styles.name}>{item.name}</span>
          <span>
            <Badge appearance="tint" shape="rounded" color={outcomeBadge[item.outcome].color}>
              {outcomeBadge[item.outcome].label}
            </Badge>
          </span>
          <span>
            <span>{item.reason ?? item.change}</span>
            {item.blastRadius ? (
              <span className={styles.radius}> Blast radius: {item.blastRadius}</span>
            ) : null}
          </span>
        </li>
      ))}
      {sorted.length > 1000 ? (
        <li className={styles.item}>…and {(sorted.length - 1000).toLocaleString()} more</li>
      ) : null}
    </ul>
  );
}
