/**
 * The suggestion a combobox key moves to (-1: none, the text itself), or
 * undefined when the key is not the list's. As Fluent's Combobox: the arrows
 * stop at either end rather than wrap; ArrowDown from the text goes to the first.
 */
export function nextActive(key: string, active: number, count: number): number | undefined {
  if (count === 0) return key === 'ArrowDown' || key === 'ArrowUp' ? -1 : undefined;
  if (key === 'ArrowDown') return Math.min(active + 1, count - 1);
  if (key === 'ArrowUp') return active < 0 ? count - 1 : Math.max(active - 1, 0);
  return undefined;
}
