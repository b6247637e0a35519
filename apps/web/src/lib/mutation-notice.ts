/** The `notice` of a mutation result, when the BFF set one. */
export function noticeOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || !('notice' in data)) return undefined;
  const notice = (data as { notice: unknown }).notice;
  return typeof notice === 'string' && notice ? notice : undefined;
}
