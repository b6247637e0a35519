// `pnpm --filter @latchkey/bff build`: the BFF as one JavaScript file,
// dist/server.js, run with plain `node` (no TypeScript loader at run time).
// Our own workspace code (packages/domain) is bundled in; every npm
// dependency stays an import, resolved from node_modules at run time, so the
// deployed folder (`pnpm --filter @latchkey/bff deploy --prod`) holds the
// production dependencies and this file.
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const bffRoot = resolve(import.meta.dirname, '..');

/** npm dependencies of the BFF: left as imports. Workspace packages are bundled. */
function externals(): string[] {
  const manifest = JSON.parse(readFileSync(resolve(bffRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.entries(manifest.dependencies ?? {})
    .filter(([, version]) => !version.startsWith('workspace:'))
    .map(([name]) => name);
}

export async function buildBff(outDir = resolve(bffRoot, 'dist')): Promise<string> {
  // Only the server file: dist/public (the SPA, written by the root `pnpm build`) stays.
  const outfile = resolve(outDir, 'server.js');
  rmSync(outfile, { force: true });
  rmSync(`${outfile}.map`, { force: true });
  await build({
    entryPoints: [resolve(bffRoot, 'src/server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Node built-ins and the npm dependencies (and their subpaths) stay imports.
    external: externals().flatMap((name) => [name, `${name}/*`]),
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return outfile;
}

if (import.meta.filename === process.argv[1]) {
  const outfile = await buildBff();
  console.log(`built ${outfile}`);
}
