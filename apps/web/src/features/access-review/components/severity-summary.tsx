import { Button, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { Badge } from '../../../components/badge';
import { severities, type Severity } from '@latchkey/domain';
import { VisuallyHidden } from '../../../components/visually-hidden';

const useStyles = makeStyles({
  root: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  card: {
    minWidth: '8rem',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    borderLeftWidth: tokens.strokeWidthThickest,
  },
  count: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  critical: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  high: { borderLeftColor: tokens.colorPaletteDarkOrangeBorderActive },
  medium: { borderLeftColor: tokens.colorPaletteYellowBorderActive },
  low: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
  // Fluent's ToggleButton, checked, in its default appearance: its styles for
  // every appearance are 5 KB gzip on the review's first load; this is the one in use.
  pressed: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    borderTopColor: tokens.colorNeutralStroke1,
    borderRightColor: tokens.colorNeutralStroke1,
    borderBottomColor: tokens.colorNeutralStroke1,
    borderLeftColor: tokens.colorNeutralStroke1,
    borderTopWidth: tokens.strokeWidthThin,
    borderRightWidth: tokens.strokeWidthThin,
    borderBottomWidth: tokens.strokeWidthThin,
    borderLeftWidth: tokens.strokeWidthThin,
    color: tokens.colorNeutralForeground1Selected,
    ':hover': {
      backgroundColor: tokens.colorNeutralBackground1Hover,
      borderTopColor: tokens.colorNeutralStroke1Hover,
      borderRightColor: tokens.colorNeutralStroke1Hover,
      borderBottomColor: tokens.colorNeutralStroke1Hover,
      borderLeftColor: tokens.colorNeutralStroke1Hover,
      color: tokens.colorNeutralForeground1Hover,
    },
    ':hover:active,:active:focus-visible': {
      backgroundColor: tokens.colorNeutralBackground1Pressed,
      borderTopColor: tokens.colorNeutralStroke1Pressed,
      borderRightColor: tokens.colorNeutralStroke1Pressed,
      borderBottomColor: tokens.colorNeutralStroke1Pressed,
      borderLeftColor: tokens.colorNeutralStroke1Pressed,
      color: tokens.colorNeutralForeground1Pressed,
    },
    '@media (forced-colors: active)': {
      backgroundColor: 'Highlight',
      borderTopColor: 'Highlight',
      borderRightColor: 'Highlight',
      borderBottomColor: 'Highlight',
      borderLeftColor: 'Highlight',
      color: 'HighlightText',
      forcedColorAdjust: 'none',
    },
  },
});

export const severityLabels: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/**
 * The counts by severity, one toggle each: pressing one filters the table to
 * it (pressed again, it clears). The colour is a stripe; the words carry it.
 */
export function SeveritySummary({
  counts,
  selected,
  onSelect,
}: {
  counts: Record<Severity, number>;
  selected: Severity | undefined;
  onSelect: (s: Severity | undefined) => void;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="group" aria-label="Findings by severity">
      {severities.map((s) => (
        <Button
          key={s}
          className={mergeClasses(selected === s && styles.pressed, styles.card, styles[s])}
          aria-pressed={selected === s}
          onClick={() => onSelect(selected === s ? undefined : s)}
        >
          {/* The name is the visible words ("High 8 findings"), so voice control matches it. */}
          <Text>{severityLabels[s]}</Text>{' '}
          <Text className={styles.count}>{counts[s].toLocaleString()}</Text>
          <VisuallyHidden> {counts[s] === 1 ? 'finding' : 'findings'}</VisuallyHidden>
        </Button>
      ))}
    </div>
  );
}

const badgeColors = {
  critical: 'danger',
  high: 'severe',
  medium: 'warning',
  low: 'informative',
  info: 'subtle',
} as const;

/** A finding's severity, in words (the colour only repeats them). */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge appearance="tint" shape="rounded" color={badgeColors[severity]}>
      {severityLabels[severity]}
    </Badge>
  );
}
