import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import type { StepReport } from '@latchkey/domain';
import { stepOutcomeLabel, stepsNeedAttention, summariseSteps } from '../utils/token-actions';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  outcome: { fontWeight: tokens.fontWeightSemibold },
});

/**
 * What a multi-step action did, step by step, in words: done, failed, undone
 * or not attempted, so the person knows exactly what state it left behind.
 */
export function StepsReport({ steps }: { steps: readonly StepReport[] }) {
  const styles = useStyles();
  if (steps.length === 0) return null;
  const attention = stepsNeedAttention(steps);
  return (
    <MessageBar intent={attention ? 'warning' : 'success'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{summariseSteps(steps)}</MessageBarTitle>
        <ol className={styles.list}>
          {steps.map((s, i) => (
            <li key={i}>
              <span className={styles.outcome}>{stepOutcomeLabel(s.outcome)}:</span> {s.step}
              {s.detail ? ` (${s.detail})` : ''}
            </li>
          ))}
        </ol>
      </MessageBarBody>
    </MessageBar>
  );
}
