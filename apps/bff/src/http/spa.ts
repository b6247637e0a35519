import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { precompressedAssets } from './static-assets';

/**
 * Serves the built SPA. index.html gets this response's CSP nonce in place of
 * `__CSP_NONCE__` (the SPA hands it to Fluent UI's style engine); hashed assets
 * are immutable, and served brotli- or gzip-encoded from the build's
 * precompressed files when the browser accepts it. Unknown non-API paths get
 * index.html so deep links work.
 */
export function spaRouter(webRoot: string | undefined): Router {
  const router = Router();
  const indexPath = webRoot ? join(webRoot, 'index.html') : undefined;
  if (!webRoot || !indexPath || !existsSync(indexPath)) {
    router.get('/', (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('The Latchkey web app has not been built. Run `pnpm --filter @latchkey/web build`.');
    });
    return router;
  }
  const template = readFileSync(indexPath, 'utf8');
  const assets = join(webRoot, 'assets');
  const hashed = { immutable: true, maxAge: '365d' };
  router.use(
    '/assets',
    precompressedAssets(assets, hashed),
    express.static(assets, { ...hashed, index: false, fallthrough: false }),
  );
  router.use(express.static(webRoot, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!api\/|auth\/|healthz|readyz).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(template.replaceAll('__CSP_NONCE__', res.locals.cspNonce));
  });
  return router;
}
