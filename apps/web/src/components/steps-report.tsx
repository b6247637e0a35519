import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';
import type { StepReport } from '@latchkey/domain';
import { isApiError } from '../lib/api-client';
import { stepOutcomeLabel, stepsNeedAttention, stepsOfError, summariseSteps } from '../lib/steps';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
  outcome: { fontWeight: tokens.fontWeightSemibold },
});

/**
 * What a multi-step action did, step by step, in words: done, failed, undone
 * or not attempted, so the person knows exactly what state it left behind.
 */
export function StepsReport({
  steps,
  title,
}: {
  steps: readonly StepReport[];
  /** Replaces the generated summary, e.g. "What was changed before the failure". */
  title?: string;
}) {
  const styles = useStyles();
  if (steps.length === 0) return null;
  const attention = stepsNeedAttention(steps);
  return (
    <MessageBar intent={attention ? 'warning' : 'success'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title ?? summariseSteps(steps)}</MessageBarTitle>
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

/**
 * Under a multi-step dialog: what a failure did step by step, or, for a
 * refused request (4xx without steps), that nothing was changed.
 */
export function FailureSteps({ error, title }: { error: unknown; title: string }) {
  const steps = stepsOfError(error);
  if (steps.length > 0) return <StepsReport steps={steps} title={title} />;
  if (isApiError(error) && error.isClientError) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>Nothing was changed.</MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}
