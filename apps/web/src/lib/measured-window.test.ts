import { describe, expect, it } from 'vitest';
import { measuredWindow, rowStarts, scrollToRow, windowIndexes } from './measured-window';

// Ten rows of 40 px, except row 2 (measured at 100 px) and row 5 (60 px):
// rows start at 0, 40, 80, 180, 220, 260, 320, 360, 400, 440; the list is 480 px.
const keys = Array.from({ length: 10 }, (_, i) => `r${i}`);
const sizes = new Map([
  ['r2', 100],
  ['r5', 60],
]);
const starts = rowStarts(keys, sizes, 40);

describe('rowStarts', () => {
  it('adds measured heights and the estimate for rows not measured yet', () => {
    expect(starts).toEqual([0, 40, 80, 180, 220, 260, 320, 360, 400, 440, 480]);
  });

  it('keys heights by row, so a row keeps its height when rows before it come and go', () => {
    expect(rowStarts(['r5', 'r9'], sizes, 40)).toEqual([0, 60, 100]);
    expect(rowStarts([], sizes, 40)).toEqual([0]);
  });
});

describe('measuredWindow', () => {
  it('shows the rows the band overlaps, a row cut at either edge included', () => {
    // 100..250 px: row 2 (80..180) is cut at the top, row 4 (220..260) at the bottom.
    expect(measuredWindow(starts, 100, 150, 0)).toEqual({ start: 2, end: 5 });
    // A band ending exactly where a row starts does not show that row.
    expect(measuredWindow(starts, 0, 80, 0)).toEqual({ start: 0, end: 2 });
  });

  it('adds the overscan either side, inside the list', () => {
    expect(measuredWindow(starts, 100, 150, 1)).toEqual({ start: 1, end: 6 });
    expect(measuredWindow(starts, 100, 150, 20)).toEqual({ start: 0, end: 10 });
  });

  it('a list starting below the top of the window shows its first rows', () => {
    // The list starts 300 px down a 400 px window: its first 100 px show.
    expect(measuredWindow(starts, -300, 400, 0)).toEqual({ start: 0, end: 3 });
    // Further down than the window reaches: the overscan only.
    expect(measuredWindow(starts, -900, 400, 2)).toEqual({ start: 0, end: 2 });
  });

  it('a list scrolled past its end renders its last rows (the overscan); an empty one none', () => {
    expect(measuredWindow(starts, 2000, 400, 2)).toEqual({ start: 8, end: 10 });
    expect(measuredWindow(starts, 2000, 400, 0)).toEqual({ start: 10, end: 10 });
    expect(measuredWindow([0], 0, 400, 5)).toEqual({ start: 0, end: 0 });
  });

  it('before the window is measured, renders the overscan from the top', () => {
    expect(measuredWindow(starts, 0, 0, 3)).toEqual({ start: 0, end: 3 });
  });
});

describe('scrollToRow', () => {
  // The band shows list offsets 100..300, its first 50 px under a sticky header.
  const view = { top: 100, height: 200 };

  it('auto: a row wholly in view below the header needs no scroll', () => {
    expect(scrollToRow(starts, 3, view, 50, 'auto')).toBeUndefined(); // 180..220
    expect(scrollToRow(starts, 4, view, 50, 'auto')).toBeUndefined(); // 220..260
  });

  it('auto: a row under the header or above the view comes to just below the header', () => {
    expect(scrollToRow(starts, 2, view, 50, 'auto')).toBe(30); // 80..180, top cut
    expect(scrollToRow(starts, 0, view, 50, 'auto')).toBe(-50);
  });

  it('auto: a row cut at the bottom or below the view comes to the bottom edge', () => {
    expect(scrollToRow(starts, 5, view, 50, 'auto')).toBe(120); // 260..320
    expect(scrollToRow(starts, 9, view, 50, 'auto')).toBe(280); // 440..480
  });

  it('center: the row comes to the middle of the band below the header', () => {
    // Row 5 (260..320, 60 px) in a 150 px band starting 50 px down: 45 px above it.
    const to = scrollToRow(starts, 5, view, 50, 'center')!;
    expect(to).toBe(165);
    expect(starts[5]! - (to + 50)).toBe(to + view.height - starts[6]!);
  });

  it('a row outside the list: nothing to scroll to', () => {
    expect(scrollToRow(starts, 10, view, 50, 'auto')).toBeUndefined();
    expect(scrollToRow(starts, -1, view, 50, 'center')).toBeUndefined();
  });
});

describe('windowIndexes', () => {
  it('lists the window in order', () => {
    expect(windowIndexes({ start: 3, end: 6 }, undefined)).toEqual([3, 4, 5]);
    expect(windowIndexes({ start: 3, end: 6 }, 4)).toEqual([3, 4, 5]);
  });

  it('adds a row to keep before or after the window, in order', () => {
    expect(windowIndexes({ start: 3, end: 6 }, 0)).toEqual([0, 3, 4, 5]);
    expect(windowIndexes({ start: 3, end: 6 }, 6)).toEqual([3, 4, 5, 6]);
    expect(windowIndexes({ start: 0, end: 0 }, 0)).toEqual([0]);
  });
});
