import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { LockClosedKey20Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  brandIcon: { color: tokens.colorBrandForeground1, fontSize: '24px' },
  context: { color: tokens.colorNeutralForeground3 },
});

/**
 * The product's header bar: in the console shell (with the registry in view
 * and the user menu) and on the pages outside it (signed out, no access), so
 * the person always knows where they are.
 */
export function ProductHeader({
  context,
  className,
  children,
}: {
  /** The shell's own placement (it keeps the header in view while the page scrolls). */
  className?: string | undefined;
  /** Shown after the name, e.g. the registry in view. */
  context?: string | undefined;
  children?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <header className={mergeClasses(styles.header, className)}>
      <div className={styles.brand}>
        <LockClosedKey20Regular className={styles.brandIcon} aria-hidden />
        <Text weight="semibold" size={500}>
          Latchkey
        </Text>
        {context ? <Text className={styles.context}>· {context}</Text> : null}
      </div>
      {children}
    </header>
  );
}
