import {
  Badge,
  makeStyles,
  mergeClasses,
  Text,
  tokens,
  ToggleButton,
} from '@fluentui/react-components';
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
        <ToggleButton
          key={s}
          className={mergeClasses(styles.card, styles[s])}
          checked={selected === s}
          onClick={() => onSelect(selected === s ? undefined : s)}
        >
          {/* The name is the visible words ("High 8 findings"), so voice control matches it. */}
          <Text>{severityLabels[s]}</Text>{' '}
          <Text className={styles.count}>{counts[s].toLocaleString()}</Text>
          <VisuallyHidden> {counts[s] === 1 ? 'finding' : 'findings'}</VisuallyHidden>
        </ToggleButton>
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
