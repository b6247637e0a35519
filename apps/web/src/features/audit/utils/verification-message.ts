import type { AuditVerificationView } from '@latchkey/domain';
import { formatDateTime } from '../../../lib/format';

export interface VerificationMessage {
  intent: 'success' | 'error';
  text: string;
}

/** What the person reads after "Verify hash chain": the count and time, or where the chain breaks. */
export function verificationMessage(
  result: AuditVerificationView,
  format: (iso: string) => string = formatDateTime,
): VerificationMessage {
  const at = format(result.verifiedAt);
  if (result.ok) {
    return {
      intent: 'success',
      text: `Chain intact: ${result.checked} records verified at ${at}.`,
    };
  }
  const where =
    result.firstBadSeq !== null
      ? `Chain broken: the first altered, missing or out-of-chain record is seq ${result.firstBadSeq}.`
      : 'Chain broken: a record is altered, missing or out of chain.';
  return {
    intent: 'error',
    text: `${where} ${result.checked} records checked at ${at}. Records from there on cannot be trusted; keep an export and investigate.`,
  };
}
