/** A resizable column: where it starts, and how narrow it may get. */
export interface ColumnSize {
  idealWidth: number;
  minWidth: number;
}

/** A column's width after its edge was dragged `delta` px from `start`, never below its minimum. */
export function resizedWidth(start: number, delta: number, size: ColumnSize): number {
  return Math.max(size.minWidth, Math.round(start + delta));
}

/**
 * The table's CSS width: the whole container, or wider when the columns sized
 * so far and the last one at its minimum do not fit (the box then scrolls
 * sideways). The last column takes what is left.
 */
export function tableWidth(widths: readonly number[], last: ColumnSize): string {
  const sum = widths.reduce((a, b) => a + b, 0) + last.minWidth;
  return `max(100%, ${sum}px)`;
}
