import { Suspense } from 'react';
import { lazyNamed } from '../lib/lazy-named';
import type { SidePanelProps } from './side-panel-frame';

const Frame = lazyNamed(() => import('./side-panel-frame'), 'SidePanelFrame');

/**
 * The Portal's detail pane: a modal drawer at the end of the page, titled,
 * with a close button; Escape and a click outside close it too, and focus
 * returns where it was. Mount it only while open: a closed drawer still
 * leaves focus-trap guards in the body. Fluent's Drawer loads when a panel
 * first opens, not with the page.
 */
export function SidePanel(props: SidePanelProps) {
  return (
    <Suspense fallback={null}>
      <Frame {...props} />
    </Suspense>
  );
}
