import {
  makeResetStyles,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { forwardRef, type HTMLAttributes, type ReactElement } from 'react';

/*
 * Fluent's Badge (medium size) drawn without its package, which every registry
 * page's first load would otherwise fetch (3.4 KB gzip) for a few words in a
 * coloured box: the same box, typography, padding, radii, the border drawn over
 * the box (it takes no room), the tint and outline colours (the console uses no filled badge), and the icon
 * before the text with Fluent's spacing. Props and rest attributes go to the
 * span, and the ref too, so a Tooltip can wrap it as it wraps Fluent's.
 */
const textPadding = tokens.spacingHorizontalXXS;
const edge = (color: string) => ({
  borderTopColor: color,
  borderRightColor: color,
  borderBottomColor: color,
  borderLeftColor: color,
});

const useRootClassName = makeResetStyles({
  display: 'inline-flex',
  boxSizing: 'border-box',
  alignItems: 'center',
  justifyContent: 'center',
  position: 'relative',
  ...typographyStyles.caption1Strong,
  height: '20px',
  minWidth: '20px',
  padding: `0 calc(${tokens.spacingHorizontalXS} + ${textPadding})`,
  borderRadius: tokens.borderRadiusCircular,
  borderColor: tokens.colorTransparentStroke,
  '::after': {
    content: '""',
    position: 'absolute',
    top: 0,
    left: 0,
    bottom: 0,
    right: 0,
    borderStyle: 'solid',
    borderColor: 'inherit',
    borderWidth: tokens.strokeWidthThin,
    borderRadius: 'inherit',
  },
});

const useIconClassName = makeResetStyles({
  display: 'flex',
  lineHeight: '1',
  margin: `0 calc(-1 * ${textPadding})`,
  fontSize: '12px',
});

const useStyles = makeStyles({
  square: { borderRadius: tokens.borderRadiusNone },
  rounded: { borderRadius: tokens.borderRadiusMedium },
  circular: {},
  beforeText: { marginRight: `calc(${tokens.spacingHorizontalXXS} + ${textPadding})` },
  outline: edge('currentColor'),
  'outline-brand': { color: tokens.colorBrandForeground1 },
  'outline-danger': {
    color: tokens.colorPaletteRedForeground3,
    ...edge(tokens.colorPaletteRedBorder2),
  },
  'outline-important': {
    color: tokens.colorNeutralForeground3,
    ...edge(tokens.colorNeutralStrokeAccessible),
  },
  'outline-informative': {
    color: tokens.colorNeutralForeground3,
    ...edge(tokens.colorNeutralStroke2),
  },
  'outline-severe': { color: tokens.colorPaletteDarkOrangeForeground3 },
  'outline-subtle': { color: tokens.colorNeutralForegroundStaticInverted },
  'outline-success': {
    color: tokens.colorPaletteGreenForeground3,
    ...edge(tokens.colorPaletteGreenBorder2),
  },
  'outline-warning': { color: tokens.colorPaletteYellowForeground2 },
  'tint-brand': {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    ...edge(tokens.colorBrandStroke2),
  },
  'tint-danger': {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    ...edge(tokens.colorPaletteRedBorder1),
  },
  'tint-important': {
    backgroundColor: tokens.colorNeutralForeground3,
    color: tokens.colorNeutralBackground1,
    ...edge(tokens.colorTransparentStroke),
  },
  'tint-informative': {
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground3,
    ...edge(tokens.colorNeutralStroke2),
  },
  'tint-severe': {
    backgroundColor: tokens.colorPaletteDarkOrangeBackground1,
    color: tokens.colorPaletteDarkOrangeForeground1,
    ...edge(tokens.colorPaletteDarkOrangeBorder1),
  },
  'tint-subtle': {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground3,
    ...edge(tokens.colorNeutralStroke2),
  },
  'tint-success': {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground1,
    ...edge(tokens.colorPaletteGreenBorder1),
  },
  'tint-warning': {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorPaletteYellowForeground1,
    ...edge(tokens.colorPaletteYellowBorder1),
  },
});

export type BadgeColor =
  'brand' | 'danger' | 'important' | 'informative' | 'severe' | 'subtle' | 'success' | 'warning';

export interface BadgeProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'color'> {
  appearance?: 'tint' | 'outline';
  color?: BadgeColor;
  shape?: 'circular' | 'rounded' | 'square';
  /** Shown before the text. */
  icon?: ReactElement;
}

export const Badge = forwardRef<HTMLSpanElement, BadgeProps>(function Badge(
  { appearance = 'tint', color = 'brand', shape = 'circular', icon, className, children, ...rest },
  ref,
) {
  const root = useRootClassName();
  const iconClass = useIconClassName();
  const styles = useStyles();
  const hasText = children !== undefined && children !== null && children !== false;
  return (
    <span
      ref={ref}
      {...rest}
      className={mergeClasses(
        root,
        styles[shape],
        appearance === 'outline' && styles.outline,
        styles[`${appearance}-${color}`],
        className,
      )}
    >
      {icon ? (
        <span className={mergeClasses(iconClass, hasText && styles.beforeText)}>{icon}</span>
      ) : null}
      {children}
    </span>
  );
});
