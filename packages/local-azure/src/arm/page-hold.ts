/**
 * Holds list pages after the first N of every list until released: a test
 * (or a demonstration) sees what a client shows while a long nextLink chain
 * is still being read. First pages (no `$skipToken`) are never held, so a
 * client's first rows always arrive.
 */
import { decodeSkipToken } from './paging';

export interface PageHoldState {
  /** Pages 1..afterPages of each list answer; later ones wait. Null: nothing held. */
  afterPages: number | null;
  /** Requests waiting right now. */
  waiting: number;
}

export class PageHold {
  private afterPages: number | null = null;
  private readonly waiters = new Set<() => void>();

  /** Starts holding every list page past the first `afterPages`. */
  hold(afterPages: number): PageHoldState {
    if (!Number.isInteger(afterPages) || afterPages < 1)
      throw new Error('afterPages must be an integer >= 1');
    this.afterPages = afterPages;
    return this.state();
  }

  /** Stops holding and lets every waiting request go on. */
  release(): PageHoldState {
    this.afterPages = null;
    for (const go of this.waiters) go();
    this.waiters.clear();
    return this.state();
  }

  state(): PageHoldState {
    return { afterPages: this.afterPages, waiting: this.waiters.size };
  }

  /** Resolves at once unless `url` is a list page past the held ones (1-based page number from its offset). */
  async pass(url: URL, pageSize: number): Promise<void> {
    if (this.afterPages === null) return;
    const token = url.searchParams.get('$skipToken');
    if (token === null) return;
    let offset: number;
    try {
      offset = decodeSkipToken(token);
    } catch {
      return; // the route answers the bad token itself
    }
    if (Math.floor(offset / Math.max(1, pageSize)) + 1 <= this.afterPages) return;
    await new Promise<void>((go) => this.waiters.add(go));
  }
}
