import { describe, expect, it } from 'vitest';
import { noticeOf } from './mutation-notice';

describe('noticeOf', () => {
  it('finds the notice of a change applied in Azure while the lock was lost', () => {
    const result = {
      auditId: 'a1',
      steps: [],
      notice: 'Applied in Azure; the record will be settled',
    };
    expect(noticeOf(result)).toBe('Applied in Azure; the record will be settled');
  });
  it('finds none on an ordinary result or on anything else', () => {
    expect(noticeOf({ auditId: 'a1', steps: [] })).toBeUndefined();
    expect(noticeOf({ notice: '' })).toBeUndefined();
    expect(noticeOf({ notice: 42 })).toBeUndefined();
    expect(noticeOf(null)).toBeUndefined();
    expect(noticeOf(undefined)).toBeUndefined();
  });
});
