import {
  Button,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  tokens,
} from '@fluentui/react-components';
import { bulkTokenActions, type BulkTokenAction } from '@latchkey/domain';
import { bulkActionTitles } from './bulk-dialog';

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
  return (
    <div className={styles.root} role="group" aria-label="Bulk actions">
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button disabled={selected === 0}>Bulk actions</Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {bulkTokenActions.map((a) => (
              <MenuItem key={a} onClick={() => onAction(a)}>
                {bulkActionTitles[a]}…
              </MenuItem>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
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
