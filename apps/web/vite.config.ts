import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress.ts';

// The BFF serves dist/ itself in every mode; the dev server only exists for
// fast iteration and forwards the API and auth routes to a locally running BFF.
const bff = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP forbids inline script; keep every asset a separate file.
    assetsInlineLimit: 0,
    // Every browser the console supports knows <link rel="modulepreload">; the
    // polyfill only added bytes to every first load. Dynamic imports still
    // preload their chunk's imports.
    modulePreload: { polyfill: false },
    // The vendor chunk below is ~420 kB minified (125 kB gzip).
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // What every page needs and changes rarely (React, TanStack Router and Query, zod)
        // is one chunk that stays cached across releases of the app. Fluent UI is not
        // grouped: as one chunk it put every component any page uses into every first
        // load (156 KB gzip); left to the splitter, its parts travel with the pages
        // (and the dialogs) that use them. The virtualizer is left out for the same reason.
        //
        // Everything else the entry imports statically (`$initial`: the shell, Griffel,
        // the light theme, Fluent's provider, buttons, navigation and the icons' runtime)
        // is the entry's own chunk (it takes the entry's name, `index`). Left to the
        // splitter, each part the shell shares with a lazy page or dialog became a file
        // of its own, fetched by every first page anyway: 14 more files per first load,
        // about 4 KB more gzip (each file's gzip starts with an empty dictionary), and
        // not one module fewer. Pages, dialogs and menus keep their chunks and names.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|zod|use-sync-external-store|@tanstack[\\/](react-router|router-core|history|store|react-store|react-query|query-core))[\\/]/,
              priority: 3,
            },
            { name: 'shell', tags: ['$initial'], priority: 2 },
            // The small components and helpers the registry pages (tokens, hierarchy, access
            // review, scope maps, the detail pages) all draw in their first view travel as one
            // file rather than a dozen of a few hundred bytes each, each compressed on its own.
            {
              name: 'page-kit',
              test: /apps[\\/]web[\\/]src[\\/](components[\\/](filter-select|can|status-badges|badge|page-breadcrumb|snapshot-refresh|relative-time|separator|property-list|href-link|password-slots)|lib[\\/](registry-href|use-now|invalidate-registry))\.tsx?$/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: bff, changeOrigin: false },
      '/auth': { target: bff, changeOrigin: false },
    },
  },
});
