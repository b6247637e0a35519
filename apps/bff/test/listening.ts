// Helpers for tests of LISTEN/NOTIFY: what arrives on its own time is waited
// for (bounded), and listening again after a drop is held until the test lets it.
import type { ListenOptions } from '../src/storage';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits (at most 10 s) until `ready` holds: a notification, a reconnect. */
export async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1_000 && !ready(); i++) await sleep(10);
  if (!ready()) throw new Error(`gave up waiting: ${what}`);
}

/**
 * Listen options whose wait before each attempt to listen again lasts until
 * `release()`, so a test sees what the instance does while not listening.
 */
export function heldRelisten(): { options: ListenOptions; attempts(): number; release(): void } {
  let attempts = 0;
  let release = () => {};
  return {
    options: {
      wait: (_attempt, signal) => {
        attempts += 1;
        return new Promise<void>((resolve) => {
          release = resolve;
          signal.addEventListener('abort', () => resolve());
        });
      },
    },
    attempts: () => attempts,
    release: () => release(),
  };
}
