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
    // The vendor chunk below is ~420 kB minified (125 kB gzip).
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // What every page needs and changes rarely (React, TanStack Router and Query, zod)
        // is one chunk that stays cached across releases of the app. Fluent UI is not
        // grouped: as one chunk it put every component any page uses into every first
        // load (156 KB gzip); left to the splitter, its parts travel with the pages
        // (and the dialogs) that use them. The virtualizer is left out for the same reason.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|zod|use-sync-external-store|@tanstack[\\/](react-router|router-core|history|store|react-store|react-query|query-core))[\\/]/,
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
