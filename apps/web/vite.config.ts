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
    manifest: true,
    emptyOutDir: true,
    // The CSP forbids inline script; keep every asset a separate file.
    assetsInlineLimit: 0,
    // Fluent UI alone is ~530 kB minified (145 kB gzip); it is one cached vendor chunk.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Vendor code changes rarely: separate chunks stay cached across releases of the app.
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
