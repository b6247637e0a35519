import { Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { marginBottom: tokens.spacingVerticalM, maxWidth: '480px' },
});

const n = (value: number) => value.toLocaleString('en-US');

/** "4,150 of ~5,000 tokens": how far a cold read is (or how far it got, with no estimate). */
export function readProgressText(loaded: number, expected: number | null, noun: string): string {
  return expected !== null && expected >= loaded
    ? `${n(loaded)} of ~${n(expected)} ${noun} read from Azure`
    : `${n(loaded)} ${noun} read from Azure so far`;
}

/**
 * How far a cold read of the registry has come, while its rows already show
 * (the estimate is the previous snapshot's count; without one the bar moves
 * without a value).
 */
export function ReadProgress({
  loaded,
  expected,
  noun,
}: {
  loaded: number;
  expected: number | null;
  noun: string;
}) {
  const styles = useStyles();
  const known = expected !== null && expected > 0 && expected >= loaded;
  return (
    <Field
      className={styles.root}
      validationMessage={readProgressText(loaded, expected, noun)}
      validationState="none"
    >
      <ProgressBar
        aria-label={`Reading ${noun} from Azure`}
        thickness="large"
        {...(known ? { value: loaded / expected, max: 1 } : {})}
      />
    </Field>
  );
}
