import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import type { AuditRowOutcome } from '../utils/audit-rows';

// Fluent's Badge (medium, rounded, tint) drawn with a span: the Badge component
// carries every size, shape and appearance (3.4 KB gzip on the log's first load).
const edge = (color: string) => ({
  borderTopColor: color,
  borderRightColor: color,
  borderBottomColor: color,
  borderLeftColor: color,
});

const useStyles = makeStyles({
  root: {
    display: 'inline-flex',
    boxSizing: 'border-box',
    alignItems: 'center',
    justifyContent: 'center',
    position: 'relative',
    ...typographyStyles.caption1Strong,
    height: '20px',
    minWidth: '20px',
    padding: `0 calc(${tokens.spacingHorizontalXS} + ${tokens.spacingHorizontalXXS})`,
    borderRadius: tokens.borderRadiusMedium,
    // The border is drawn over the box, so it takes no room (as Fluent's).
    '::after': {
      content: '""',
      position: 'absolute',
      top: 0,
      left: 0,
      bottom: 0,
      right: 0,
      border: `${tokens.strokeWidthThin} solid transparent`,
      borderRadius: 'inherit',
    },
  },
  success: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground1,
    '::after': edge(tokens.colorPaletteGreenBorder1),
  },
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    '::after': edge(tokens.colorPaletteRedBorder1),
  },
  warning: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorPaletteYellowForeground1,
    '::after': edge(tokens.colorPaletteYellowBorder1),
  },
  informative: {
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground3,
    '::after': edge(tokens.colorNeutralStroke2),
  },
  important: {
    backgroundColor: tokens.colorNeutralForeground3,
    color: tokens.colorNeutralBackground1,
    '::after': edge(tokens.colorTransparentStroke),
  },
});

const outcomeBadges: Record<
  AuditRowOutcome,
  { label: string; color: 'success' | 'danger' | 'warning' | 'informative' | 'important' }
> = {
  succeeded: { label: 'Succeeded', color: 'success' },
  failed: { label: 'Failed', color: 'danger' },
  unknown: { label: 'Outcome unknown', color: 'warning' },
  pending: { label: 'Pending', color: 'informative' },
  observed: { label: 'Observed in Azure', color: 'important' },
};

/** An audit row's outcome, as the Activity Log shows a status: a coloured word. */
export function OutcomeBadge({ outcome }: { outcome: AuditRowOutcome }) {
  const styles = useStyles();
  const b = outcomeBadges[outcome];
  return <span className={mergeClasses(styles.root, styles[b.color])}>{b.label}</span>;
}
