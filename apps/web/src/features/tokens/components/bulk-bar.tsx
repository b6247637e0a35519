import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { BulkTokenAction } from '@latchkey/domain';
import { Suspense, useState } from 'react';
import { lazyNamed } from '../../../lib/lazy-named';

// Fluent's Menu (and its positioning) loads when the button is first pressed.
const BulkActionsMenu = lazyNamed(() => import('./bulk-actions-menu'), 'BulkActionsMenu');

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalS,
  },
  count: { color: tokens.colorNeutralForeground2 },
});

/** What is selected, "all matching", and the bulk actions menu. */
export function BulkBar({
  selected,
  matching,
  allMatching,
  onSelectAll,
  onClear,
  onAction,
}: {
  selected: number;
  matching: number;
  allMatching: boolean;
  onSelectAll: () => void;
  onClear: () => void;
  onAction: (action: BulkTokenAction) => void;
}) {
  const styles = useStyles();
  // Undefined until the button is first pressed: a plain button stands in for the menu.
  const [menuOpen, setMenuOpen] = useState<boolean | undefined>();
  const standIn = (
    <Button disabled={selected === 0} aria-haspopup="menu" onClick={() => setMenuOpen(true)}>
      Bulk actions
    </Button>
  );
  return (
    <div className={styles.root} role="group" aria-label="Bulk actions">
      {menuOpen === undefined ? (
        standIn
      ) : (
        <Suspense fallback={standIn}>
          <BulkActionsMenu
            disabled={selected === 0}
            open={menuOpen}
            onOpenChange={setMenuOpen}
            onAction={onAction}
          />
        </Suspense>
      )}
      <Text className={styles.count}>
        {allMatching
          ? `All ${matching.toLocaleString()} matching tokens selected (sync tokens are left out unless chosen one by one)`
          : selected === 0
            ? 'Select tokens with the checkboxes (shift-click for a range)'
            : `${selected.toLocaleString()} selected`}
      </Text>
      {!allMatching && matching > 0 ? (
        <Button appearance="subtle" onClick={onSelectAll}>
          Select all {matching.toLocaleString()} matching
        </Button>
      ) : null}
      {selected > 0 ? (
        <Button appearance="subtle" onClick={onClear}>
          Clear selection
        </Button>
      ) : null}
    </div>
  );
}
