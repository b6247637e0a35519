import { Field, makeStyles, Select, tokens } from '@fluentui/react-components';

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
    <Field label={label}>
      <Select
        value={value ?? ''}
        onChange={(_e, d) => onChange((d.value || undefined) as T | undefined)}
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
      </Select>
    </Field>
  );
}
