import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from '@fluentui/react-components';
import { bulkTokenActions, type BulkTokenAction } from '@latchkey/domain';
import { bulkActionTitles } from '../utils/bulk-action-titles';

/**
 * The bulk actions menu itself, loaded the first time its button is pressed
 * (it then opens at once and stays loaded).
 */
export function BulkActionsMenu({
  disabled,
  open,
  onOpenChange,
  onAction,
}: {
  disabled: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onAction: (action: BulkTokenAction) => void;
}) {
  return (
    <Menu open={open} onOpenChange={(_e, d) => onOpenChange(d.open)}>
      <MenuTrigger disableButtonEnhancement>
        <Button disabled={disabled}>Bulk actions</Button>
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
  );
}
