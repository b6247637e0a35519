/** Thrown when a lock could not be taken within its timeout. */
export class LockTimeoutError extends Error {
  readonly code = 'LOCK_TIMEOUT';
  constructor(
    readonly key: string,
    readonly timeoutMs: number,
  ) {
    super(`Timed out after ${timeoutMs} ms waiting for the lock on "${key}".`);
    this.name = 'LockTimeoutError';
  }
}

export type Release = () => void;

/**
 * FIFO mutual exclusion per key inside one process. A key is in `held` while
 * somebody holds it; its array lists who waits, in arrival order.
 */
export class KeyedMutex {
  private readonly held = new Map<string, Array<(release: Release) => void>>();

  acquire(key: string, timeoutMs: number): Promise<Release> {
    const waiters = this.held.get(key);
    if (!waiters) {
      this.held.set(key, []);
      return Promise.resolve(this.releaser(key));
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter = (release: Release) => {
        clearTimeout(timer);
        resolve(release);
      };
      const timer = setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        reject(new LockTimeoutError(key, timeoutMs));
      }, timeoutMs);
      waiters.push(waiter);
    });
  }

  private releaser(key: string): Release {
    let released = false;
    return () => {
      // Releasing twice must not hand the lock to two waiters.
      if (released) return;
      released = true;
      const next = this.held.get(key)?.shift();
      if (next) next(this.releaser(key));
      else this.held.delete(key);
    };
  }
}
