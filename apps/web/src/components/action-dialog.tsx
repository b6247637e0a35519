import { Suspense } from 'react';
import { lazyNamed } from '../lib/lazy-named';
import type { ActionDialogProps } from './action-dialog-frame';

const Frame = lazyNamed(() => import('./action-dialog-frame'), 'ActionDialogFrame');

/**
 * The frame every token action's confirmation shares: a titled form dialog
 * whose submit shows progress, whose error (the BFF's, with request id)
 * appears inside it while the form keeps what was typed, and which cannot be
 * dismissed halfway through a request.
 */
export function ActionDialog(props: ActionDialogProps) {
  // Fluent's Dialog (portal, focus trap, motion) loads when a dialog first opens, not with the page.
  return (
    <Suspense fallback={null}>
      <Frame {...props} />
    </Suspense>
  );
}
