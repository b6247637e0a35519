import { makeStyles, tokens } from '@fluentui/react-components';
import { Spinner } from './spinner';

const useStyles = makeStyles({
  rows: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: {
    display: 'grid',
    gridTemplateColumns: '2fr 1fr 1fr 1fr',
    gap: tokens.spacingHorizontalL,
  },
  page: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalXXXL },
  // Fluent's SkeletonItem (opaque, wave, 20 px rectangle), without its package: the same
  // stencil colours and the same 3 s wave, still under reduced motion.
  item: {
    position: 'relative',
    overflow: 'hidden',
    width: '100%',
    height: '20px',
    borderRadius: '4px',
    backgroundColor: tokens.colorNeutralStencil1,
    '::after': {
      content: '""',
      display: 'block',
      position: 'absolute',
      inset: '0',
      transform: 'translate(-100%)',
      backgroundImage: `linear-gradient(to right, ${tokens.colorNeutralStencil1} 0%, ${tokens.colorNeutralStencil2} 50%, ${tokens.colorNeutralStencil1} 100%)`,
      animationName: { to: { transform: 'translate(100%)' } },
      animationIterationCount: 'infinite',
      animationDuration: '3s',
      animationTimingFunction: 'ease-in-out',
      '@media screen and (prefers-reduced-motion: reduce)': {
        animationDuration: '0.01ms',
        animationIterationCount: '1',
      },
      '@media screen and (forced-colors: active)': { backgroundColor: 'WindowText' },
    },
  },
});

/** Placeholder rows in the rough shape of a table, announced as loading. */
export function TableSkeleton({ rows = 8, label = 'Loading' }: { rows?: number; label?: string }) {
  const styles = useStyles();
  return (
    <div aria-label={label} aria-busy="true" role="status" className={styles.rows}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={styles.row}>
          <div className={styles.item} />
          <div className={styles.item} />
          <div className={styles.item} />
          <div className={styles.item} />
        </div>
      ))}
    </div>
  );
}

export function PageSpinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div className={useStyles().page}>
      <Spinner label={label} />
    </div>
  );
}
