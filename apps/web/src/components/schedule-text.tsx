import { makeStyles, tokens } from '@fluentui/react-components';
import { describeCron, formatIsoDuration } from '../lib/format';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  hint: { textDecorationLine: 'underline', textDecorationStyle: 'dotted' },
});

/** A cron schedule in words ("every minute"), the raw expression on hover; raw when uncommon. */
export function CronSchedule({ value }: { value: string }) {
  const styles = useStyles();
  const words = describeCron(value);
  if (!words) return <span className={styles.mono}>{value}</span>;
  return (
    <span className={styles.hint} title={`Cron: ${value} (UTC)`}>
      {words}
    </span>
  );
}

/** An ISO 8601 duration in words ("2 days"), the raw value on hover. */
export function IsoDuration({ value }: { value: string }) {
  const styles = useStyles();
  const words = formatIsoDuration(value);
  if (words === value) return <span className={styles.mono}>{value}</span>;
  return (
    <span className={styles.hint} title={value}>
      {words}
    </span>
  );
}
