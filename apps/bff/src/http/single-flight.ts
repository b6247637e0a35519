/**
 * Identical concurrent work done once: while a call for a key is running,
 * later calls for the same key share its promise (result or failure) instead
 * of starting their own. Nothing is kept once it settles, so it never serves
 * a stale result: only requests that overlap in time share.
 */
export class SingleFlight {
  private readonly running = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const current = this.running.get(key);
    if (current) return current as Promise<T>;
    const flight = (async () => work())().finally(() => this.running.delete(key));
    this.running.set(key, flight);
    return flight;
  }

  /** Calls in flight (for tests). */
  get size(): number {
    return this.running.size;
  }
}

/** The shape services take: a key and the work, bound to one person by the caller. */
export type Coalesce = <T>(key: string, work: () => Promise<T>) => Promise<T>;
