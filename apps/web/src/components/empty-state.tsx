import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXL}`,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    color: tokens.colorNeutralForeground2,
  },
  icon: { fontSize: '40px', color: tokens.colorNeutralForeground3 },
  title: { margin: 0 },
});

export function EmptyState({
  title,
  children,
  icon,
  headingLevel = 2,
}: {
  title: string;
  children?: ReactNode;
  icon?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      {icon ? (
        <span className={styles.icon} aria-hidden>
          {icon}
        </span>
      ) : null}
      <Text
        as={headingLevel === 2 ? 'h2' : 'h3'}
        size={500}
        weight="semibold"
        className={styles.title}
      >
        {title}
      </Text>
      {children ? <Text>{children}</Text> : null}
    </div>
  );
}
