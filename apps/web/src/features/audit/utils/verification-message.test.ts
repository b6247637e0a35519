import { describe, expect, it } from 'vitest';
import { verificationMessage } from './verification-message';

const iso = (s: string) => `at(${s})`;

describe('verificationMessage', () => {
  it('says the chain is intact with the count and the time', () => {
    expect(
      verificationMessage(
        { ok: true, checked: 12, firstBadSeq: null, verifiedAt: '2026-01-01T00:00:00Z' },
        iso,
      ),
    ).toEqual({
      intent: 'success',
      text: 'Chain intact: 12 records verified at at(2026-01-01T00:00:00Z).',
    });
  });

  it('names the first bad sequence number when the chain is broken', () => {
    const m = verificationMessage(
      { ok: false, checked: 7, firstBadSeq: 4, verifiedAt: '2026-01-01T00:00:00Z' },
      iso,
    );
    expect(m.intent).toBe('error');
    expect(m.text).toMatch(/^Chain broken: .* seq 4\. 7 records checked/);
  });

  it('still says it is broken when the server names no record', () => {
    expect(
      verificationMessage({ ok: false, checked: 0, firstBadSeq: null, verifiedAt: 'x' }, iso).text,
    ).toMatch(/^Chain broken: a record is altered/);
  });
});
