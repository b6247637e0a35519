import { makeStyles, ProgressBar, tokens, typographyStyles } from '@fluentui/react-components';
import { useId } from 'react';

const useStyles = makeStyles({
  root: { display: 'grid', marginBottom: tokens.spacingVerticalM, maxWidth: '480px' },
  // Where and how Fluent's Field shows a message under its control (Field itself
  // is 2.7 KB gzip of label, hint and validation styles on the tokens page's first load).
  message: {
    marginTop: tokens.spacingVerticalXXS,
    color: tokens.colorNeutralForeground3,
    ...typographyStyles.caption1,
  },
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
  const messageId = useId();
  return (
    <div className={styles.root}>
      <ProgressBar
        aria-label={`Reading ${noun} from Azure`}
        aria-describedby={messageId}
        thickness="large"
        {...(known ? { value: loaded / expected, max: 1 } : {})}
      />
      <div id={messageId} className={styles.message}>
        {readProgressText(loaded, expected, noun)}
      </div>
    </div>
  );
}
