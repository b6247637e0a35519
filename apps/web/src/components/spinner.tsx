import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { useId } from 'react';

/*
 * Fluent's Spinner drawn without its package (and Label's), which every first page
 * would otherwise fetch for a loading ring: the same ring (a masked conic tail in the
 * brand stroke colours, Fluent's sizes and stroke widths, the same 1.5 s animations,
 * slower and still under reduced motion, system colours in forced-colours mode) and
 * the same accessibility: a `progressbar` named by its label or its aria-label.
 */
const strokeWidth = '--lk-spinner-stroke';

// The tail's two 135° arcs, which swing out from behind its mask and back.
const arc = {
  content: '""',
  position: 'absolute',
  display: 'block',
  width: '100%',
  height: '100%',
  animation: 'inherit',
  backgroundImage: 'conic-gradient(currentcolor 135deg, transparent 135deg)',
} as const;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    lineHeight: '0',
    gap: '8px',
    overflow: 'hidden',
    minWidth: 'min-content',
  },
  ring: {
    position: 'relative',
    flexShrink: 0,
    maskImage: `radial-gradient(closest-side, transparent calc(100% - var(${strokeWidth}) - 1px), white calc(100% - var(${strokeWidth})) calc(100% - 1px), transparent 100%)`,
    backgroundColor: tokens.colorBrandStroke2Contrast,
    color: tokens.colorBrandStroke1,
    animationDuration: '1.5s',
    animationIterationCount: 'infinite',
    animationTimingFunction: 'linear',
    animationName: { '0%': { transform: 'rotate(0deg)' }, '100%': { transform: 'rotate(360deg)' } },
    '@media screen and (forced-colors: active)': {
      backgroundColor: 'HighlightText',
      color: 'Highlight',
      forcedColorAdjust: 'none',
    },
    '@media screen and (prefers-reduced-motion: reduce)': { animationDuration: '1.8s' },
  },
  'extra-tiny': { width: '16px', height: '16px', [strokeWidth]: tokens.strokeWidthThick },
  tiny: { width: '20px', height: '20px', [strokeWidth]: tokens.strokeWidthThick },
  small: { width: '28px', height: '28px', [strokeWidth]: tokens.strokeWidthThick },
  medium: { width: '32px', height: '32px', [strokeWidth]: tokens.strokeWidthThicker },
  tail: {
    position: 'absolute',
    display: 'block',
    width: '100%',
    height: '100%',
    maskImage: 'conic-gradient(transparent 105deg, white 105deg)',
    animationDuration: '1.5s',
    animationIterationCount: 'infinite',
    animationTimingFunction: tokens.curveEasyEase,
    animationName: {
      '0%': { transform: 'rotate(-135deg)' },
      '50%': { transform: 'rotate(0deg)' },
      '100%': { transform: 'rotate(225deg)' },
    },
    '::before': {
      ...arc,
      animationName: {
        '0%': { transform: 'rotate(0deg)' },
        '50%': { transform: 'rotate(105deg)' },
        '100%': { transform: 'rotate(0deg)' },
      },
    },
    '::after': {
      ...arc,
      animationName: {
        '0%': { transform: 'rotate(0deg)' },
        '50%': { transform: 'rotate(225deg)' },
        '100%': { transform: 'rotate(0deg)' },
      },
    },
    '@media screen and (prefers-reduced-motion: reduce)': {
      animationIterationCount: '0',
      backgroundImage: 'conic-gradient(transparent 120deg, currentcolor 360deg)',
      '::before': { content: 'none' },
      '::after': { content: 'none' },
    },
  },
  label: { fontFamily: tokens.fontFamilyBase, color: tokens.colorNeutralForeground1 },
  labelSmall: { ...typographyStyles.body1 },
  labelMedium: { ...typographyStyles.subtitle2 },
});

export type SpinnerSize = 'extra-tiny' | 'tiny' | 'small' | 'medium';

/** A loading ring, like Fluent's Spinner: `label` after it, or `aria-label`, or `aria-hidden` inside a button. */
export function Spinner({
  size = 'medium',
  label,
  className,
  ...aria
}: {
  size?: SpinnerSize;
  label?: string;
  className?: string;
  'aria-label'?: string;
  'aria-hidden'?: boolean;
}) {
  const styles = useStyles();
  const id = useId();
  return (
    <div
      role="progressbar"
      aria-labelledby={label !== undefined ? id : undefined}
      {...aria}
      className={mergeClasses(styles.root, className)}
    >
      <span className={mergeClasses(styles.ring, styles[size])}>
        <span className={styles.tail} />
      </span>
      {label !== undefined ? (
        <label
          id={id}
          className={mergeClasses(
            styles.label,
            size === 'medium' ? styles.labelMedium : styles.labelSmall,
          )}
        >
          {label}
        </label>
      ) : null}
    </div>
  );
}
