import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { RowWindow } from './row-window';

/**
 * Where each row starts, from the top of the list, and after the last one the
 * list's height: `keys.length + 1` offsets. A row not measured yet counts as `estimate`.
 */
export function rowStarts(
  keys: readonly string[],
  sizes: ReadonlyMap<string, number>,
  estimate: number,
): number[] {
  const starts = new Array<number>(keys.length + 1);
  starts[0] = 0;
  for (let i = 0; i < keys.length; i++)
    starts[i + 1] = starts[i]! + (sizes.get(keys[i]!) ?? estimate);
  return starts;
}

/** The first row that ends below `y` (the row `y` falls in), or the row count. */
function rowAt(starts: readonly number[], y: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid + 1]! > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The rows that the band [top, top + height) of the list shows (a row cut at
 * either edge counts), plus `overscan` either side. `top` may be negative (the
 * list starts below the top of the view) or past the end.
 */
export function measuredWindow(
  starts: readonly number[],
  top: number,
  height: number,
  overscan: number,
): RowWindow {
  const count = starts.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const first = rowAt(starts, top);
  const bottom = top + height;
  // The band's last pixel row is bottom - 1; a band wholly above the list shows none of it.
  const last = height > 0 && bottom > 0 ? rowAt(starts, bottom - 1) + 1 : first;
  const start = Math.min(count, Math.max(0, first - overscan));
  return { start, end: Math.min(count, Math.max(start, last + overscan)) };
}

/**
 * Where to scroll (as a list offset: the band's new top) to show row `index`,
 * or undefined when no scroll is needed. The band's first `paddingStart` pixels
 * are hidden (under a sticky header). `auto` scrolls only a row not wholly in
 * view, as little as puts it in; `center` puts it in the middle of the band
 * below the padding.
 */
export function scrollToRow(
  starts: readonly number[],
  index: number,
  view: { top: number; height: number },
  paddingStart: number,
  align: 'auto' | 'center',
): number | undefined {
  const start = starts[index];
  const end = starts[index + 1];
  if (start === undefined || end === undefined) return undefined;
  if (align === 'center') return start - (view.height + paddingStart - (end - start)) / 2;
  if (start < view.top + paddingStart) return start - paddingStart;
  if (end > view.top + view.height) return end - view.height;
  return undefined;
}

/** The window's rows in order, with `keep` added when it lies outside (the tab stop stays rendered). */
export function windowIndexes(range: RowWindow, keep: number | undefined): number[] {
  const list: number[] = [];
  if (keep !== undefined && keep >= 0 && keep < range.start) list.push(keep);
  for (let i = range.start; i < range.end; i++) list.push(i);
  if (keep !== undefined && keep >= range.end) list.push(keep);
  return list;
}

/** Scrolls the page by `by`, kept between its top and its bottom; false when it cannot move. */
function scrollPage(by: number): boolean {
  const max = document.documentElement.scrollHeight - window.innerHeight;
  const to = Math.max(0, Math.min(max, window.scrollY + by));
  if (Math.abs(to - window.scrollY) < 1) return false;
  window.scrollTo(0, to);
  return true;
}

/** A scroll that `scrollToIndex` asked for and that the next commits may still have to correct. */
interface PendingScroll {
  key: string;
  align: 'auto' | 'center';
  tries: number;
  /** Where it left the page: a scroll anywhere else is the person's, and ends the request. */
  at: number;
  /** After this (performance.now()), a later commit leaves the scroll alone. */
  until: number;
}

/**
 * The row window of a list that the page scrolls (not an inner box) and whose
 * rows differ in height (they wrap at narrow widths): rows count at an
 * estimated height until drawn, are measured before they are painted, and
 * again whenever they resize. A few lines instead of a general virtualizer
 * (about 11 KB gzip on the page's first load).
 *
 * The list's children that carry `data-index` are its rows; the caller draws
 * `range` (and any row it must keep) at `starts[index]`. A row above the view
 * that changes height scrolls the page by as much, so what is in view stays
 * put. `scrollToIndex` brings a row into view below `paddingStart` (a sticky
 * header), then corrects the scroll on the commits that follow, as the rows it
 * brought into view are measured.
 */
export function useMeasuredWindow(
  listRef: RefObject<HTMLElement | null>,
  keys: readonly string[],
  {
    estimate,
    overscan,
    paddingStart,
  }: { estimate: number; overscan: number; paddingStart: number },
) {
  const [sizes, setSizes] = useState<ReadonlyMap<string, number>>(() => new Map());
  const starts = useMemo(() => rowStarts(keys, sizes, estimate), [keys, sizes, estimate]);
  const [range, setRange] = useState<RowWindow>({ start: 0, end: 0 });
  // What the listeners and the observer read: the last committed keys, sizes and offsets.
  const latest = useRef({ keys, sizes, starts });
  const pending = useRef<PendingScroll | undefined>(undefined);
  const observer = useRef<ResizeObserver | undefined>(undefined);
  const observed = useRef(new Set<HTMLElement>());

  /** The band of the list the window shows: the window's top as a list offset, and its height. */
  const view = useCallback(() => {
    const list = listRef.current;
    return { top: list ? -list.getBoundingClientRect().top : 0, height: window.innerHeight };
  }, [listRef]);

  /** The window over the current scroll position (a new state only when it moved). */
  const sync = useCallback(() => {
    const v = view();
    const next = measuredWindow(latest.current.starts, v.top, v.height, overscan);
    setRange((r) => (r.start === next.start && r.end === next.end ? r : next));
  }, [view, overscan]);

  /** Heights read from drawn rows: the new sizes when any changed (also kept in `latest`). */
  const record = useCallback(
    (rows: Iterable<HTMLElement>) => {
      const { keys: ks, sizes: known, starts: at } = latest.current;
      const top = view().top;
      let next: Map<string, number> | undefined;
      let shift = 0;
      for (const el of rows) {
        const i = Number(el.dataset.index);
        const key = ks[i];
        if (key === undefined || !el.isConnected) continue;
        const height = el.offsetHeight;
        if (height === known.get(key)) continue;
        next ??= new Map(known);
        next.set(key, height);
        // A row that starts above the view grows upwards: what is in view stays put.
        if (at[i]! < top) shift += height - (at[i + 1]! - at[i]!);
      }
      if (!next) return undefined;
      latest.current = { ...latest.current, sizes: next };
      if (shift !== 0 && pending.current === undefined) window.scrollBy(0, shift);
      return next;
    },
    [view],
  );

  // One observer for every drawn row: a row that wraps or unwraps later is measured again.
  useLayoutEffect(() => {
    const seen = observed.current;
    const ro = new ResizeObserver((entries) => {
      const next = record(entries.map((e) => e.target as HTMLElement));
      // At once, before paint: otherwise a frame shows rows over one another.
      if (next) flushSync(() => setSizes(next));
    });
    observer.current = ro;
    return () => {
      ro.disconnect();
      seen.clear();
    };
  }, [record]);

  // After every commit: measure the rows drawn for the first time (before they are painted),
  // move the window to the scroll position, and correct a scroll `scrollToIndex` asked for.
  useLayoutEffect(() => {
    latest.current = { keys, sizes, starts };
    const list = listRef.current;
    const ro = observer.current;
    if (list && ro) {
      const seen = observed.current;
      for (const el of seen) {
        if (el.parentElement === list) continue;
        ro.unobserve(el);
        seen.delete(el);
      }
      const fresh: HTMLElement[] = [];
      for (const el of list.children) {
        if (!(el instanceof HTMLElement) || el.dataset.index === undefined || seen.has(el))
          continue;
        seen.add(el);
        ro.observe(el);
        fresh.push(el);
      }
      const next = record(fresh);
      if (next) return setSizes(next); // this effect runs again, with the heights
    }
    sync();
    const want = pending.current;
    if (!want) return;
    const index = keys.indexOf(want.key);
    const v = view();
    const to = index < 0 ? undefined : scrollToRow(starts, index, v, paddingStart, want.align);
    want.tries += 1;
    const settled = to === undefined || !scrollPage(to - v.top);
    want.at = window.scrollY;
    if (settled || want.tries >= 10 || performance.now() > want.until) pending.current = undefined;
    if (!settled) sync();
  });

  useLayoutEffect(() => {
    const onScroll = () => {
      const want = pending.current;
      if (want && Math.abs(window.scrollY - want.at) >= 1) pending.current = undefined;
      sync();
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', sync);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', sync);
    };
  }, [sync]);

  /** Scroll the page so that row `index` shows (see `scrollToRow`). */
  const scrollToIndex = useCallback(
    (index: number, align: 'auto' | 'center') => {
      const key = latest.current.keys[index];
      if (key === undefined) return;
      const v = view();
      const to = scrollToRow(latest.current.starts, index, v, paddingStart, align);
      if (to === undefined || !scrollPage(to - v.top)) return;
      pending.current = {
        key,
        align,
        tries: 0,
        at: window.scrollY,
        until: performance.now() + 1000,
      };
      sync();
    },
    [view, paddingStart, sync],
  );

  const count = keys.length;
  return {
    range: { start: Math.min(range.start, count), end: Math.min(range.end, count) },
    starts,
    scrollToIndex,
  };
}
