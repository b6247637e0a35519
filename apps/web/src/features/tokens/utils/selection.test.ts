import type { TokenView } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { emptySelection, selectionBody, toggle } from './selection';

const t = (name: string, kind: TokenView['kind'] = { type: 'unattached' }) =>
  ({ name, kind }) as TokenView;
const rows = [
  t('a'),
  t('b-sync', { type: 'sync', connectedRegistry: 'edge' }),
  t('c'),
  t('d-sync', { type: 'sync', connectedRegistry: 'edge2' }),
  t('e'),
];

describe('token selection', () => {
  it('shift-click selects the range from the last click; sync tokens in a range are not picked', () => {
    let sel = toggle(emptySelection, rows, 0, false);
    sel = toggle(sel, rows, 4, true);
    expect([...sel.names]).toEqual(['a', 'b-sync', 'c', 'd-sync', 'e']);
    const body = selectionBody('disable', sel, rows, {});
    expect(body).toEqual({
      action: 'disable',
      selection: 'picked',
      names: ['a', 'b-sync', 'c', 'd-sync', 'e'],
    });
  });

  it('a sync token clicked on its own is picked one by one, and unpicked when cleared', () => {
    let sel = toggle(emptySelection, rows, 1, false);
    expect(selectionBody('disable', sel, rows, {}).includeSyncTokens).toEqual(['b-sync']);
    sel = toggle(sel, rows, 1, false);
    expect(sel.names.size).toBe(0);
    expect(sel.syncPicked.size).toBe(0);
  });

  it('"all matching" names every visible token and never includes a sync token', () => {
    const sel = { ...toggle(emptySelection, rows, 1, false), allMatching: true };
    const body = selectionBody('enable', sel, rows, { kind: 'sync', q: 'x' });
    expect(body.selection).toBe('all-matching');
    expect(body.names).toHaveLength(5);
    expect(body.includeSyncTokens).toBeUndefined();
    expect(body.filter).toBe('search: x · kind: sync');
  });

  it('unticking a row of "all matching" keeps the others selected', () => {
    const sel = toggle({ ...emptySelection, allMatching: true }, rows, 2, false);
    expect(sel.allMatching).toBe(false);
    expect([...sel.names]).toEqual(['a', 'b-sync', 'd-sync', 'e']);
  });
});
