import {
  createDOMRenderer,
  FluentProvider,
  makeStaticStyles,
  RendererProvider,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { readCspNonce } from '../lib/csp-nonce';
import { createQueryClient } from '../lib/query-client';
import { FocusManagerKeeper } from '../lib/restore-focus';
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

// The dark theme (about 2.5 KB gzip of colours) is fetched when the dark scheme is
// first in use, not with every first page.
let darkTheme: Theme | undefined;
let darkThemeLoad: Promise<Theme> | undefined;
const loadDarkTheme = () =>
  (darkThemeLoad ??= import('./dark-theme').then((m) => (darkTheme = m.webDarkTheme)));

function useDarkTheme(wanted: boolean): Theme | undefined {
  const [theme, setTheme] = useState(darkTheme);
  useEffect(() => {
    if (!wanted || theme) return;
    let live = true;
    void loadDarkTheme().then((t) => {
      if (live) setTheme(t);
    });
    return () => {
      live = false;
    };
  }, [wanted, theme]);
  return theme;
}

function ThemedFluent({ children }: { children: ReactNode }) {
  const { effective } = useThemePreference();
  useGlobalStyles();
  const dark = useDarkTheme(effective === 'dark');
  const wanted = effective === 'dark' ? dark : webLightTheme;
  // Until the dark theme arrives, a switch to dark keeps the current theme on
  // screen; a first paint in dark waits for it rather than flash light colours.
  const [theme, setTheme] = useState(wanted);
  if (wanted && wanted !== theme) setTheme(wanted);
  if (!theme) return null;
  return (
    // Marked while a switch to the dark theme waits for its colours (tests judge colours after it).
    <FluentProvider
      theme={theme}
      applyStylesToPortals
      data-theme-pending={(effective === 'dark') !== (theme !== webLightTheme) ? '' : undefined}
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
          <FocusManagerKeeper />
        </ThemedFluent>
      </ThemePreferenceProvider>
    </RendererProvider>
  );
}
