import { Suspense } from 'react';
import { lazyNamed } from '../lib/lazy-named';
import type { RegistryDisabledNoticeProps } from './registry-disabled-notice-bar';

// Fluent's MessageBar (and its motion) is fetched the first time a disabled
// connected registry is shown, not with every page that could show one.
const Bar = lazyNamed(() => import('./registry-disabled-notice-bar'), 'RegistryDisabledNoticeBar');

/** "<name> is disabled", with a link to its sync token (see registry-disabled-notice-bar.tsx). */
export function RegistryDisabledNotice(props: RegistryDisabledNoticeProps) {
  return (
    <Suspense fallback={null}>
      <Bar {...props} />
    </Suspense>
  );
}
