import { describe, expect, it } from 'vitest';
import { stepsFromErrorMessage, stepsOfError, summariseSteps } from './steps';

// The sentence the BFF appends when a synced-repository update fails half-way.
const message =
  'Azure failed to answer (500). Update scope map edgeline2 (sync scope map edgeline2): done. ' +
  'Update scope map sitenorth (ancestor sitenorth): failed. ' +
  'Update scope map other (ancestor other): skipped. Restore scope map edgeline2: undone.';

describe('stepsFromErrorMessage', () => {
  it('reads each step and its outcome, in order', () => {
    expect(stepsFromErrorMessage(message)).toEqual([
      { step: 'Update scope map edgeline2 (sync scope map edgeline2)', outcome: 'done' },
      { step: 'Update scope map sitenorth (ancestor sitenorth)', outcome: 'failed' },
      { step: 'Update scope map other (ancestor other)', outcome: 'skipped' },
      { step: 'Restore scope map edgeline2', outcome: 'undone' },
    ]);
  });

  it('finds none in an ordinary message', () => {
    expect(stepsFromErrorMessage('The console refused the input: done.')).toEqual([]);
  });
});

describe('stepsOfError', () => {
  it('prefers structured steps on the error, falls back to the message', () => {
    const structured = Object.assign(new Error('x'), {
      steps: [{ step: 'Update scope map a (sync scope map a)', outcome: 'failed', detail: 'boom' }],
    });
    expect(stepsOfError(structured)).toEqual(structured.steps);
    expect(stepsOfError(new Error(message))).toHaveLength(4);
    expect(stepsOfError('not an error')).toEqual([]);
  });
});

describe('summariseSteps', () => {
  it('counts what did not simply complete', () => {
    expect(summariseSteps(stepsFromErrorMessage(message))).toBe(
      'Not every step completed: 1 done, 1 failed, 1 undone, 1 not attempted.',
    );
    expect(summariseSteps([{ step: 'a', outcome: 'done' }])).toBe('Every step completed.');
  });
});
