import { Field, Input } from '@fluentui/react-components';
import { typedMatches } from '../lib/typed-matches';

export { typedMatches };

/**
 * "Type X to confirm" for the riskiest actions: the person must read the name
 * to type it, which a reflexive click on a confirm button does not require.
 */
export function TypedConfirmation({
  expected,
  value,
  onChange,
  what,
  validationMessage,
}: {
  expected: string;
  value: string;
  onChange: (value: string) => void;
  /** What the name is, e.g. "the connected registry's name". */
  what: string;
  /** An error from the server about this field, if any. */
  validationMessage?: string | undefined;
}) {
  const matches = typedMatches(value, expected);
  return (
    <Field
      label={`Type ${expected} (${what}) to confirm`}
      required
      validationState={validationMessage ? 'error' : matches ? 'success' : 'none'}
      validationMessage={validationMessage ?? (matches ? 'Matches.' : undefined)}
    >
      <Input
        value={value}
        onChange={(_e, d) => onChange(d.value)}
        autoComplete="off"
        spellCheck={false}
      />
    </Field>
  );
}
