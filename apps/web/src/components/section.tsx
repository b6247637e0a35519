import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  compact: { gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
});

/** A titled region: the heading names the landmark, so screen readers can jump between sections. */
export function Section({
  title,
  level = 2,
  children,
}: {
  title: string;
  /** 2 on a page, 3 inside a side panel. */
  level?: 2 | 3;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <section
      className={level === 3 ? `${styles.section} ${styles.compact}` : styles.section}
      aria-label={title}
    >
      <Text
        as={level === 3 ? 'h3' : 'h2'}
        size={level === 3 ? 400 : 500}
        weight="semibold"
        className={styles.heading}
      >
        {title}
      </Text>
      {children}
    </section>
  );
}
