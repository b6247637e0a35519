import { describe, expect, it } from 'vitest';
import { rowWindow } from './row-window';

describe('rowWindow', () => {
  it('shows the rows in view and the overscan either side', () => {
    // 40 px rows, 400 px box scrolled to 1,000 px: rows 25..34 are in view.
    expect(rowWindow(1000, 400, 40, 5000, 8)).toEqual({ start: 17, end: 43 });
  });

  it('a partly visible row at either edge counts as in view', () => {
    // Scrolled to 1,010 px: row 25 is cut at the top, row 35 peeks in at the bottom.
    expect(rowWindow(1010, 400, 40, 5000, 0)).toEqual({ start: 25, end: 36 });
  });

  it('stays inside the list at its ends', () => {
    expect(rowWindow(0, 400, 40, 5000, 8)).toEqual({ start: 0, end: 18 });
    expect(rowWindow(199_600, 400, 40, 5000, 8)).toEqual({ start: 4982, end: 5000 });
    expect(rowWindow(0, 400, 40, 3, 8)).toEqual({ start: 0, end: 3 });
  });

  it('before the box is measured, renders the overscan only; an empty list renders nothing', () => {
    expect(rowWindow(0, 0, 40, 5000, 8)).toEqual({ start: 0, end: 8 });
    expect(rowWindow(0, 400, 40, 0, 8)).toEqual({ start: 0, end: 0 });
  });

  it('a list that shrank below the scroll position renders its last rows', () => {
    expect(rowWindow(10_000, 400, 40, 20, 8)).toEqual({ start: 20, end: 20 });
  });
});
