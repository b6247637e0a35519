import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { LockClosedKey20Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  brandIcon: { color: tokens.colorBrandForeground1, fontSize: '24px' },
});

/**
 * The product's header bar for the pages outside the console shell (signed
 * out, no access): the same brand, so the person knows where they are.
 */
export function ProductHeader({ children }: { children?: ReactNode }) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <div className={styles.brand}>
        <LockClosedKey20Regular className={styles.brandIcon} aria-hidden />
        <Text weight="semibold" size={500}>
          Latchkey
        </Text>
      </div>
      {children}
    </header>
  );
}
