import { Suspense } from 'react';
import { lazyNamed } from '../lib/lazy-named';
import type { RevealOnceDialogProps } from './reveal-once-dialog-frame';

const Frame = lazyNamed(() => import('./reveal-once-dialog-frame'), 'RevealOnceDialogFrame');

/**
 * The only place a generated password (or a connection string carrying one)
 * ever appears. It comes in as a prop from the mutation that produced it and
 * leaves when the caller resets that mutation on close (the mutations keep
 * gcTime 0, so no cache holds it). Escape and the backdrop do not close it:
 * losing the secret takes the explicit "I have stored it".
 */
export function RevealOnceDialog(props: RevealOnceDialogProps) {
  // The dialog, its copy buttons and Fluent's Dialog load with the first secret, not with the page.
  return (
    <Suspense fallback={null}>
      <Frame {...props} />
    </Suspense>
  );
}
