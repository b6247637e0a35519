import { describe, expect, it } from 'vitest';
import type { StepReport } from '@latchkey/domain';
import { ApiError } from './api-client';
import { stepsNeedAttention, stepsOfError, summariseSteps } from './steps';

const steps: StepReport[] = [
  { step: 'Update scope map edgeline2 (sync scope map edgeline2)', outcome: 'done' },
  { step: 'Update scope map sitenorth (ancestor sitenorth)', outcome: 'failed' },
  { step: 'Update scope map other (ancestor other)', outcome: 'skipped' },
  { step: 'Restore scope map edgeline2', outcome: 'undone' },
];

describe('stepsOfError', () => {
  it('reads the steps the API error carries, and none from anything else', () => {
    const error = new ApiError({
      status: 502,
      code: 'upstream_error',
      message: 'Azure failed.',
      steps,
    });
    expect(stepsOfError(error)).toEqual(steps);
    expect(
      stepsOfError(new ApiError({ status: 400, code: 'invalid_input', message: 'x' })),
    ).toEqual([]);
    expect(stepsOfError(new Error('Update scope map a: done.'))).toEqual([]);
    expect(stepsOfError('not an error')).toEqual([]);
  });
});

describe('summariseSteps', () => {
  it('counts what did not simply complete', () => {
    expect(summariseSteps(steps)).toBe(
      'Not every step completed: 1 done, 1 failed, 1 undone, 1 not attempted.',
    );
    expect(summariseSteps([{ step: 'a', outcome: 'done' }])).toBe('Every step completed.');
    expect(stepsNeedAttention(steps)).toBe(true);
    expect(stepsNeedAttention([{ step: 'a', outcome: 'done' }])).toBe(false);
  });
});
