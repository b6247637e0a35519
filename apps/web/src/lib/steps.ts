import { stepReportSchema, type StepReport } from '@latchkey/domain';

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

// "<step>: <outcome>." as the BFF appends to the message of a failed synced-repository update;
// its step names are "Update|Restore|Check scope map <name> (…)" and names hold no ":".
const stepInMessage =
  /((?:Update|Restore|Check) scope map [^:]+?): (done|failed|undone|skipped)\./g;

/**
 * The steps a failed multi-step action reports in its error message. The BFF's
 * error body has no structured field for them (yet), only the sentence
 * "… Update scope map a (sync scope map a): done. Update scope map b (ancestor b): failed. …",
 * so the report is read back from there; an unknown message gives no steps.
 */
export function stepsFromErrorMessage(message: string): StepReport[] {
  return [...message.matchAll(stepInMessage)].map((m) => ({
    step: m[1]!.trim(),
    outcome: m[2] as StepReport['outcome'],
  }));
}

/**
 * The steps of a failed multi-step action: the error's own `steps` when the
 * API client passes them on (the BFF's error body has them), else read from
 * its message.
 */
export function stepsOfError(error: unknown): StepReport[] {
  if (!(error instanceof Error)) return [];
  const own = stepReportSchema.array().safeParse((error as { steps?: unknown }).steps);
  if (own.success && own.data.length > 0) return own.data;
  return stepsFromErrorMessage(error.message);
}
