import { Button, Tooltip, type ButtonProps } from '@fluentui/react-components';
import type { Ref } from 'react';

/**
 * AzureGatedButton's refused state: disabled yet focusable, the reason as a
 * tooltip and as the accessible description. Its own chunk: the Tooltip (and
 * its positioning) is fetched only when Azure would refuse something on the page.
 */
export function AzureRefusedButton({
  reason,
  ...props
}: ButtonProps & { reason: string; ref?: Ref<HTMLButtonElement> }) {
  return (
    <Tooltip content={reason} relationship="description" withArrow>
      <Button {...props} disabledFocusable data-azure-refused="" />
    </Tooltip>
  );
}
