import { describe, expect, it } from 'vitest';
import { nextActive } from './combobox-keys';

describe('nextActive', () => {
  it('goes down from the text to the first suggestion, then one by one, stopping at the last', () => {
    expect(nextActive('ArrowDown', -1, 3)).toBe(0);
    expect(nextActive('ArrowDown', 0, 3)).toBe(1);
    expect(nextActive('ArrowDown', 2, 3)).toBe(2);
  });

  it('goes up from the text to the last suggestion, then one by one, stopping at the first', () => {
    expect(nextActive('ArrowUp', -1, 3)).toBe(2);
    expect(nextActive('ArrowUp', 2, 3)).toBe(1);
    expect(nextActive('ArrowUp', 0, 3)).toBe(0);
  });

  it('with no suggestions the arrows still belong to the list, and nothing is active', () => {
    expect(nextActive('ArrowDown', -1, 0)).toBe(-1);
    expect(nextActive('ArrowUp', 4, 0)).toBe(-1);
  });

  it('leaves every other key to the input', () => {
    for (const key of ['Home', 'End', 'a', 'Enter', 'Tab']) {
      expect(nextActive(key, 1, 3)).toBeUndefined();
    }
  });
});
