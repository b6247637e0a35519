import type { StepReport } from '@latchkey/domain';
import { isApiError } from './api-client';

/**
 * Words for multi-step results, shared by every feature that shows one (token
 * creation, synced-repository updates).
 */
const outcomeWords: Record<StepReport['outcome'], string> = {
  done: 'Done',
  failed: 'Failed',
  undone: 'Undone',
  skipped: 'Not attempted',
};

export const stepOutcomeLabel = (o: StepReport['outcome']) => outcomeWords[o];

/** A step report needs the person's attention when something did not simply complete. */
export const stepsNeedAttention = (steps: readonly StepReport[]) =>
  steps.some((s) => s.outcome !== 'done');

/** One sentence summarising a multi-step action, for the heading of its report. */
export function summariseSteps(steps: readonly StepReport[]): string {
  const n = (o: StepReport['outcome']) => steps.filter((s) => s.outcome === o).length;
  if (steps.length === 0) return 'No steps were reported.';
  if (n('done') === steps.length) return 'Every step completed.';
  const parts = [
    n('done') ? `${n('done')} done` : '',
    n('failed') ? `${n('failed')} failed` : '',
    n('undone') ? `${n('undone')} undone` : '',
    n('skipped') ? `${n('skipped')} not attempted` : '',
  ].filter(Boolean);
  return `Not every step completed: ${parts.join(', ')}.`;
}

/** The steps of a failed multi-step action, as the BFF's error body lists them. */
export function stepsOfError(error: unknown): StepReport[] {
  return isApiError(error) ? error.steps : [];
}
