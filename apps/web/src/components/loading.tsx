import { makeStyles, Skeleton, SkeletonItem, Spinner, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  rows: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: {
    display: 'grid',
    gridTemplateColumns: '2fr 1fr 1fr 1fr',
    gap: tokens.spacingHorizontalL,
  },
  page: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalXXXL },
});

/** Placeholder rows in the rough shape of a table, announced as loading. */
export function TableSkeleton({ rows = 8, label = 'Loading' }: { rows?: number; label?: string }) {
  const styles = useStyles();
  return (
    <Skeleton aria-label={label} aria-busy="true" role="status" className={styles.rows}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={styles.row}>
          <SkeletonItem size={20} />
          <SkeletonItem size={20} />
          <SkeletonItem size={20} />
          <SkeletonItem size={20} />
        </div>
      ))}
    </Skeleton>
  );
}

export function PageSpinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div className={useStyles().page}>
      <Spinner label={label} />
    </div>
  );
}
