import { MessageBar, MessageBarBody } from '@fluentui/react-components';

/** The note above a system-defined scope map's page (scope-map-detail-page.tsx). */
export function SystemMapNotice() {
  return (
    <MessageBar intent="info">
      <MessageBarBody>
        This is a system-defined scope map, managed by Azure. It is read-only: tokens can use it,
        but nobody can change it.
      </MessageBarBody>
    </MessageBar>
  );
}
