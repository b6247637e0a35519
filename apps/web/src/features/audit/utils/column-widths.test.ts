import { describe, expect, it } from 'vitest';
import { resizedWidth, tableWidth } from './column-widths';

describe('column widths', () => {
  const size = { idealWidth: 200, minWidth: 120 };

  it('a dragged edge moves the width by the drag, in whole pixels', () => {
    expect(resizedWidth(200, 35.4, size)).toBe(235);
    expect(resizedWidth(200, -50, size)).toBe(150);
  });

  it('a column never gets narrower than its minimum', () => {
    expect(resizedWidth(200, -150, size)).toBe(120);
  });

  it('the table fills its box, or grows past it to keep the last column at its minimum', () => {
    expect(tableWidth([130, 220, 260, 180], { idealWidth: 150, minWidth: 110 })).toBe(
      'max(100%, 900px)',
    );
    expect(tableWidth([], size)).toBe('max(100%, 120px)');
  });
});
