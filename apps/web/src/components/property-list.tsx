import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  dl: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  pair: { display: 'contents' },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
});

/** Label/value pairs as a description list, which screen readers announce as such. */
export function PropertyList({
  items,
}: {
  items: Array<[string, ReactNode] | false | null | undefined>;
}) {
  const styles = useStyles();
  return (
    <dl className={styles.dl}>
      {items
        .filter((x): x is [string, ReactNode] => !!x)
        .map(([label, value]) => (
          <div key={label} className={styles.pair}>
            <dt className={styles.dt}>{label}</dt>
            <dd className={styles.dd}>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
