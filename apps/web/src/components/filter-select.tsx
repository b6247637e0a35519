import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import {
  Checkmark12Filled,
  ChevronDownRegular,
  DismissRegular,
  SearchRegular,
} from '@fluentui/react-icons';
import { useId, useRef, useState, type ReactNode } from 'react';

/** A filter bar: search and drop-downs in a row that wraps, bottoms aligned. */
export const useFilterBarStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalM,
  },
  search: { minWidth: '16rem', flexGrow: 1, maxWidth: '28rem' },
});

// The filter bars are on every list page's first view. Fluent's Field, Select
// and SearchBox carry every size, appearance and validation state (about 11 KB
// gzip); these are the same native controls with the look of their medium
// outline variant only: same height, borders, focus underline, icons.
const useStyles = makeStyles({
  // Fluent's Label (medium, regular) without its package: every filter bar's labels.
  fluentLabel: {
    fontFamily: tokens.fontFamilyBase,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  field: { display: 'grid' },
  // Fluent's Field hint: a caption line under the control, linked to it by aria-describedby.
  hint: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground3,
    marginTop: tokens.spacingVerticalXXS,
  },
  label: {
    maxWidth: 'max-content',
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    marginBottom: tokens.spacingVerticalXXS,
  },
  box: {
    position: 'relative',
    display: 'flex',
    alignItems: 'center',
    boxSizing: 'border-box',
    minHeight: '32px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    ...typographyStyles.body1,
    ':hover': {
      borderTopColor: tokens.colorNeutralStroke1Hover,
      borderRightColor: tokens.colorNeutralStroke1Hover,
      borderLeftColor: tokens.colorNeutralStroke1Hover,
      borderBottomColor: tokens.colorNeutralStrokeAccessibleHover,
    },
    ':focus-within': {
      outline: '2px solid transparent',
      borderTopColor: tokens.colorNeutralStroke1Pressed,
      borderRightColor: tokens.colorNeutralStroke1Pressed,
      borderLeftColor: tokens.colorNeutralStroke1Pressed,
      borderBottomColor: tokens.colorNeutralStrokeAccessiblePressed,
    },
    // The brand underline that grows from the middle on focus.
    '::after': {
      content: '""',
      boxSizing: 'border-box',
      position: 'absolute',
      left: '-1px',
      right: '-1px',
      bottom: '-1px',
      height: `max(2px, ${tokens.borderRadiusMedium})`,
      borderBottomLeftRadius: tokens.borderRadiusMedium,
      borderBottomRightRadius: tokens.borderRadiusMedium,
      borderBottom: `2px solid ${tokens.colorCompoundBrandStroke}`,
      clipPath: 'inset(calc(100% - 2px) 0 0 0)',
      transform: 'scaleX(0)',
      transitionProperty: 'transform',
      transitionDuration: tokens.durationUltraFast,
      transitionDelay: tokens.curveAccelerateMid,
      '@media screen and (prefers-reduced-motion: reduce)': { transitionDuration: '0.01ms' },
    },
    ':focus-within::after': {
      transform: 'scaleX(1)',
      transitionDuration: tokens.durationNormal,
      transitionDelay: tokens.curveDecelerateMid,
    },
  },
  searchBox: {
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    maxWidth: '468px',
  },
  control: {
    alignSelf: 'stretch',
    boxSizing: 'border-box',
    flexGrow: 1,
    minWidth: 0,
    margin: 0,
    border: 'none',
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: 'inherit',
    fontWeight: 'inherit',
    lineHeight: 'inherit',
    outlineStyle: 'none',
  },
  input: {
    paddingLeft: tokens.spacingHorizontalSNudge,
    paddingRight: 0,
    '::placeholder': { color: tokens.colorNeutralForeground4, opacity: 1 },
    '::-webkit-search-decoration': { display: 'none' },
    '::-webkit-search-cancel-button': { display: 'none' },
  },
  select: {
    appearance: 'none',
    cursor: 'pointer',
    height: '30px',
    paddingLeft: `calc(${tokens.spacingHorizontalMNudge} + ${tokens.spacingHorizontalXXS})`,
    paddingRight: `calc(${tokens.spacingHorizontalMNudge} + 20px + ${tokens.spacingHorizontalXXS} + ${tokens.spacingHorizontalXXS})`,
    // The open list takes the theme's colours (dark included).
    '> option': {
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorNeutralForeground1,
    },
    '> optgroup, > optgroup > option': {
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorNeutralForeground1,
    },
  },
  icon: {
    display: 'flex',
    color: tokens.colorNeutralForeground3,
    fontSize: '20px',
    '> svg': { display: 'block' },
  },
  chevron: {
    position: 'absolute',
    right: tokens.spacingHorizontalMNudge,
    pointerEvents: 'none',
    color: tokens.colorNeutralStrokeAccessible,
  },
  dismiss: { cursor: 'pointer', paddingLeft: tokens.spacingHorizontalM },
  // Fluent's Input (medium, outline): the text starts a little in from the border.
  inputBox: {
    paddingLeft: tokens.spacingHorizontalMNudge,
    paddingRight: tokens.spacingHorizontalMNudge,
  },
  plainInput: {
    paddingLeft: tokens.spacingHorizontalXXS,
    paddingRight: tokens.spacingHorizontalXXS,
  },
  // Fluent's Checkbox (medium, label after): a hidden native input over a drawn box.
  check: {
    position: 'relative',
    display: 'inline-flex',
    maxWidth: 'fit-content',
    verticalAlign: 'middle',
    cursor: 'pointer',
    color: tokens.colorNeutralForeground3,
    ':hover': { color: tokens.colorNeutralForeground2 },
    ':active': { color: tokens.colorNeutralForeground1 },
    ':has(input:focus-visible)': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
  checkInput: {
    position: 'absolute',
    top: 0,
    left: 0,
    boxSizing: 'border-box',
    width: `calc(16px + 2 * ${tokens.spacingHorizontalS})`,
    height: '100%',
    margin: 0,
    opacity: 0,
    cursor: 'inherit',
  },
  checkBox: {
    alignSelf: 'flex-start',
    boxSizing: 'border-box',
    flexShrink: 0,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    overflow: 'hidden',
    width: '16px',
    height: '16px',
    margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
    borderRadius: tokens.borderRadiusSmall,
    fontSize: '12px',
    fill: 'currentColor',
    pointerEvents: 'none',
  },
  checkBoxChecked: {
    backgroundColor: tokens.colorCompoundBrandBackground,
    borderTopColor: tokens.colorCompoundBrandBackground,
    borderRightColor: tokens.colorCompoundBrandBackground,
    borderBottomColor: tokens.colorCompoundBrandBackground,
    borderLeftColor: tokens.colorCompoundBrandBackground,
    color: tokens.colorNeutralForegroundInverted,
  },
  checkChecked: {
    color: tokens.colorNeutralForeground1,
    ':hover': { color: tokens.colorNeutralForeground1 },
  },
  checkLabel: {
    alignSelf: 'center',
    color: 'inherit',
    cursor: 'inherit',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    paddingLeft: tokens.spacingHorizontalXS,
    marginTop: `calc((16px - ${tokens.lineHeightBase300}) / 2)`,
    marginBottom: `calc((16px - ${tokens.lineHeightBase300}) / 2)`,
  },
});

/** A checkbox with the look of Fluent's Checkbox (its 3.8 KB gzip are on the hierarchy's first load). */
export function FilterCheckbox({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const styles = useStyles();
  const id = useId();
  return (
    <span className={mergeClasses(styles.check, checked && styles.checkChecked)}>
      <input
        id={id}
        type="checkbox"
        className={styles.checkInput}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span
        aria-hidden
        className={mergeClasses(styles.checkBox, checked && styles.checkBoxChecked)}
      >
        {checked ? <Checkmark12Filled /> : null}
      </span>
      <label htmlFor={id} className={mergeClasses(styles.fluentLabel, styles.checkLabel)}>
        {label}
      </label>
    </span>
  );
}

/** The controls' look (box, input, icons), for the filter controls built in other files. */
export { useStyles as useFilterControlStyles };

/**
 * A label above its control, the way Fluent's vertical Field lays them out,
 * and an optional hint under it (the control is described by it).
 */
export function FilterField({
  label,
  hint,
  className,
  children,
}: {
  label: string;
  hint?: string | undefined;
  className?: string | undefined;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const styles = useStyles();
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={mergeClasses(styles.field, className)}>
      <label htmlFor={id} className={mergeClasses(styles.fluentLabel, styles.label)}>
        {label}
      </label>
      {children(id, hint ? hintId : undefined)}
      {hint ? (
        <span id={hintId} className={styles.hint}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** A native input (a date and time, say) with the look of Fluent's Input. */
export function PlainInput({
  id,
  type,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  type: 'text' | 'datetime-local';
  value: string;
  onChange: (value: string) => void;
  describedBy?: string | undefined;
}) {
  const styles = useStyles();
  return (
    <span className={mergeClasses(styles.box, styles.inputBox)}>
      <input
        id={id}
        type={type}
        className={mergeClasses(styles.control, styles.plainInput)}
        value={value}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
    </span>
  );
}

/** A native drop-down with the look of Fluent's Select. */
export function PlainSelect({
  id,
  value,
  onChange,
  describedBy,
  children,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string | undefined;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <span className={styles.box}>
      <select
        id={id}
        className={mergeClasses(styles.control, styles.select)}
        value={value}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      >
        {children}
      </select>
      <span className={mergeClasses(styles.icon, styles.chevron)} aria-hidden>
        <ChevronDownRegular />
      </span>
    </span>
  );
}

/** The clear (×) at the end of a box: a pointer target only; the focus stays in the input. */
export function ClearButton({ onClear }: { onClear: () => void }) {
  const styles = useStyles();
  return (
    <span
      role="button"
      aria-label="clear"
      tabIndex={-1}
      className={mergeClasses(styles.icon, styles.dismiss)}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClear}
    >
      <DismissRegular />
    </span>
  );
}

/**
 * A labelled search input with the look of Fluent's SearchBox: a search icon,
 * and while it has the focus, a clear button that empties it and keeps the focus
 * in the input (a pointer target only, as in Fluent: Escape is the keyboard's way).
 */
export function FilterSearch({
  label,
  value,
  placeholder,
  onChange,
  className,
}: {
  label: string;
  value: string;
  placeholder?: string;
  onChange: (value: string) => void;
  className?: string | undefined;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [focused, setFocused] = useState(false);
  return (
    <FilterField label={label} className={className}>
      {(id) => (
        <span
          className={mergeClasses(styles.box, styles.searchBox)}
          onFocus={() => setFocused(true)}
          onBlur={(e) => setFocused(e.currentTarget.contains(e.relatedTarget))}
        >
          <span className={styles.icon} aria-hidden>
            <SearchRegular />
          </span>
          <input
            ref={input}
            id={id}
            type="search"
            className={mergeClasses(styles.control, styles.input)}
            value={value}
            placeholder={placeholder}
            onChange={(e) => onChange(e.target.value)}
          />
          {focused ? (
            <ClearButton
              onClear={() => {
                onChange('');
                input.current?.focus();
              }}
            />
          ) : null}
        </span>
      )}
    </FilterField>
  );
}

/**
 * A labelled filter drop-down whose first choice means "no filter": the
 * filter bars' shared shape (the value goes straight to the URL, empty as undefined).
 */
export function FilterSelect<T extends string>({
  label,
  value,
  anyLabel,
  options,
  onChange,
}: {
  label: string;
  value: T | undefined;
  anyLabel: string;
  options: readonly T[] | ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T | undefined) => void;
}) {
  return (
    <FilterField label={label}>
      {(id) => (
        <PlainSelect
          id={id}
          value={value ?? ''}
          onChange={(v) => onChange((v || undefined) as T | undefined)}
        >
          <option value="">{anyLabel}</option>
          {options.map((o) => {
            const { value: v, label: l } = typeof o === 'string' ? { value: o, label: o } : o;
            return (
              <option key={v} value={v}>
                {l}
              </option>
            );
          })}
        </PlainSelect>
      )}
    </FilterField>
  );
}
