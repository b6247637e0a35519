import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Checkmark16Filled, ChevronDownRegular } from '@fluentui/react-icons';
import { useId, useRef, useState } from 'react';
import { ClearButton, FilterField, useFilterControlStyles } from './filter-select';
import { nextActive } from '../lib/combobox-keys';

export interface ComboboxOption {
  value: string;
  label: string;
}

const useStyles = makeStyles({
  // As wide as Fluent's Combobox at least.
  box: {
    minWidth: '250px',
    paddingLeft: tokens.spacingHorizontalMNudge,
    paddingRight: tokens.spacingHorizontalMNudge,
  },
  input: { paddingLeft: tokens.spacingHorizontalXXS, paddingRight: tokens.spacingHorizontalXXS },
  chevron: { cursor: 'pointer', color: tokens.colorNeutralStrokeAccessible },
  // Fluent's Listbox under its Combobox: a raised surface as wide as the box at least.
  list: {
    position: 'absolute',
    zIndex: 1,
    top: 'calc(100% + 2px)',
    left: '-1px',
    boxSizing: 'border-box',
    // Each suggestion on one line where it fits (Fluent's list is only as wide as the box).
    width: 'max-content',
    minWidth: 'calc(100% + 2px)',
    maxWidth: '32rem',
    maxHeight: '18rem',
    overflowY: 'auto',
    margin: 0,
    padding: tokens.spacingHorizontalXS,
    listStyle: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow16,
  },
  // Fluent's Option: a check before the picked one, the room for it kept on the others.
  option: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalSNudge} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  check: {
    display: 'flex',
    flexShrink: 0,
    fontSize: '16px',
    marginLeft: `calc(${tokens.spacingHorizontalXXS} * -1)`,
    marginRight: tokens.spacingHorizontalXXS,
    visibility: 'hidden',
  },
  checked: { visibility: 'visible' },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Hover,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    outlineOffset: `-${tokens.strokeWidthThick}`,
  },
});

/**
 * A text input with suggestions under it, the ARIA 1.2 combobox pattern (as
 * Fluent's freeform Combobox, without its positioning and focus libraries):
 * type anything, or pick a suggestion with the pointer or with the arrows and
 * Enter; Escape closes the list; Enter with the list closed submits the form.
 */
export function FilterCombobox({
  label,
  hint,
  placeholder,
  value,
  options,
  onChange,
  onPick,
  className,
}: {
  label: string;
  hint?: string | undefined;
  placeholder?: string | undefined;
  /** What the input shows. */
  value: string;
  /** The suggestions for what is typed (the caller narrows them). */
  options: readonly ComboboxOption[];
  onChange: (text: string) => void;
  onPick: (value: string) => void;
  className?: string | undefined;
}) {
  const base = useFilterControlStyles();
  const styles = useStyles();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1);
  const shown = open && options.length > 0;
  const current = shown && active >= 0 && active < options.length ? active : -1;
  const optionId = (i: number) => `${listId}-${i}`;
  const pick = (o: ComboboxOption) => {
    onPick(o.value);
    setOpen(false);
    setActive(-1);
  };

  return (
    <FilterField label={label} hint={hint} className={className}>
      {(id, describedBy) => (
        <span
          className={mergeClasses(base.box, styles.box)}
          onFocus={() => setFocused(true)}
          onBlur={(e) => {
            if (e.currentTarget.contains(e.relatedTarget)) return;
            setFocused(false);
            setOpen(false);
          }}
        >
          <input
            ref={input}
            id={id}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={shown}
            aria-controls={listId}
            aria-activedescendant={current >= 0 ? optionId(current) : undefined}
            aria-describedby={describedBy}
            className={mergeClasses(base.control, styles.input)}
            value={value}
            placeholder={placeholder}
            onClick={() => setOpen(true)}
            onChange={(e) => {
              onChange(e.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && open) {
                e.preventDefault();
                setOpen(false);
                return;
              }
              if (e.key === 'Enter' && current >= 0) {
                // Picks the suggestion; the form is submitted by the next Enter.
                e.preventDefault();
                pick(options[current]!);
                return;
              }
              if (e.altKey && e.key === 'ArrowUp') {
                e.preventDefault();
                setOpen(false);
                return;
              }
              const next = nextActive(e.key, open ? current : -1, options.length);
              if (next === undefined) return;
              e.preventDefault();
              setOpen(true);
              if (!e.altKey) setActive(next);
            }}
          />
          {focused && value ? (
            <ClearButton
              onClear={() => {
                onChange('');
                input.current?.focus();
              }}
            />
          ) : null}
          <span
            aria-hidden
            className={mergeClasses(base.icon, styles.chevron)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setOpen((o) => !o);
              input.current?.focus();
            }}
          >
            <ChevronDownRegular />
          </span>
          {/* Always in the page so aria-controls names an element; empty while closed. */}
          <ul
            id={listId}
            role="listbox"
            aria-label={`${label} suggestions`}
            className={styles.list}
            hidden={!shown}
          >
            {shown
              ? options.map((o, i) => (
                  <li
                    key={o.value}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === current}
                    className={mergeClasses(styles.option, i === current && styles.active)}
                    // The focus stays in the input.
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => pick(o)}
                  >
                    <span
                      aria-hidden
                      className={mergeClasses(
                        styles.check,
                        (o.value === value || o.label === value) && styles.checked,
                      )}
                    >
                      <Checkmark16Filled />
                    </span>
                    {o.label}
                  </li>
                ))
              : null}
          </ul>
        </span>
      )}
    </FilterField>
  );
}
