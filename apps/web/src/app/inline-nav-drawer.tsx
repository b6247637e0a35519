import {
  InlineDrawer,
  renderNavDrawer_unstable,
  slot,
  useNav_unstable,
  useNavContextValues_unstable,
  useNavDrawerStyles_unstable,
  type NavDrawerProps,
  type NavDrawerState,
} from '@fluentui/react-components';
import { forwardRef } from 'react';

/**
 * Fluent's NavDrawer, always inline. NavDrawer renders through Drawer, which
 * picks InlineDrawer or OverlayDrawer at run time, so it bundles the overlay
 * (Dialog, portals, focus trapping) too: about 25 KB gzip on every first page
 * for a drawer this console only ever shows inline. This is NavDrawer's own
 * composition (its state, styles and render) with InlineDrawer as the root.
 */
export const InlineNavDrawer = forwardRef<HTMLDivElement, Omit<NavDrawerProps, 'type' | 'open'>>(
  function InlineNavDrawer(props, ref) {
    const { tabbable = false, size } = props;
    const state = {
      ...useNav_unstable(props, ref),
      size,
      tabbable,
      components: { root: InlineDrawer },
      root: slot.always(
        { ref, role: 'navigation', open: true, ...props },
        { elementType: InlineDrawer },
      ),
    } as unknown as NavDrawerState;
    const contextValues = useNavContextValues_unstable(
      state as unknown as Parameters<typeof useNavContextValues_unstable>[0],
    );
    useNavDrawerStyles_unstable(state);
    return renderNavDrawer_unstable(state, contextValues);
  },
);
