/** Epoch milliseconds; injectable so tests can move time (same shape as local-azure's Clock). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
