import {
  createDOMRenderer,
  FluentProvider,
  makeStaticStyles,
  RendererProvider,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { readCspNonce } from '../lib/csp-nonce';
import { createQueryClient } from '../lib/query-client';
import { ThemePreferenceProvider, useThemePreference } from '../lib/theme-preference';

/**
 * Griffel (Fluent's styling engine) inserts its rules into <style> elements it
 * creates at run time, and FluentProvider writes the theme's CSS variables into
 * one more. The CSP only admits style elements carrying the per-request nonce,
 * so the renderer stamps it on every element it creates; FluentProvider reads
 * the same `styleElementAttributes` from the renderer for its theme tag.
 */
function createRenderer() {
  const nonce = readCspNonce();
  return createDOMRenderer(document, nonce ? { styleElementAttributes: { nonce } } : {});
}

// Page-level resets go through Griffel too: an inline <style> in index.html would need the nonce.
// The provider's element carries the theme's background; filling the window, it
// keeps the unthemed body from showing below short pages. Only the one in #root:
// with applyStylesToPortals, a className on FluentProvider is copied onto every
// portal's mount node too (absolute, z-index 1000000), and a full-height one
// there paints a blank sheet over the page while a toast or menu is open.
const useGlobalStyles = makeStaticStyles({
  body: { margin: 0 },
  '#root > .fui-FluentProvider': { minHeight: '100vh' },
});

function ThemedFluent({ children }: { children: ReactNode }) {
  const { effective } = useThemePreference();
  useGlobalStyles();
  return (
    <FluentProvider
      theme={effective === 'dark' ? webDarkTheme : webLightTheme}
      applyStylesToPortals
    >
      {children}
    </FluentProvider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [renderer] = useState(createRenderer);
  const [queryClient] = useState(createQueryClient);
  return (
    <RendererProvider renderer={renderer} targetDocument={document}>
      <ThemePreferenceProvider>
        <ThemedFluent>
          <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
        </ThemedFluent>
      </ThemePreferenceProvider>
    </RendererProvider>
  );
}
