import type { BulkTokenAction } from '@latchkey/domain';

/** Each bulk action's title: the menu item and the dialog's heading. */
export const bulkActionTitles: Record<BulkTokenAction, string> = {
  disable: 'Disable tokens',
  enable: 'Enable tokens',
  'revoke-expired-passwords': 'Revoke expired passwords',
  'delete-unused': 'Delete unused unattached tokens',
  'generate-passwords': 'Generate new passwords for client tokens',
};
