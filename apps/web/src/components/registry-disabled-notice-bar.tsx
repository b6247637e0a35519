import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { RegistryParams } from '../lib/registry-ref';
import { RouterLink } from './router-link';

export interface RegistryDisabledNoticeProps {
  registry: RegistryParams;
  connectedRegistry: string;
  syncToken: string;
}

/**
 * "A connected registry is disabled when its sync token is disabled" (the
 * connected-registry documentation): every view that shows a place's access
 * says so in the same words, with a link to the token that does it.
 * Loaded by registry-disabled-notice.tsx when a notice is first shown.
 */
export function RegistryDisabledNoticeBar({
  registry,
  connectedRegistry,
  syncToken,
}: RegistryDisabledNoticeProps) {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{connectedRegistry} is disabled</MessageBarTitle>
        Its sync token{' '}
        <RouterLink
          to="/registries/$subscriptionId/$resourceGroup/$registryName/tokens/$tokenName"
          params={{ ...registry, tokenName: syncToken }}
        >
          {syncToken}
        </RouterLink>{' '}
        is disabled, so nothing is effective here: no client token and no child&apos;s sync token
        can use {connectedRegistry} until that token is enabled again.
      </MessageBarBody>
    </MessageBar>
  );
}
