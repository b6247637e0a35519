import { readdirSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** Preferred first: brotli is smaller than gzip for the same file. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

export interface PrecompressedOptions {
  /** Passed to res.sendFile, so a compressed answer carries the same caching as the plain file. */
  maxAge: string;
  immutable: boolean;
}

/**
 * Serves the build's precompressed twins (`app.js.br`, `app.js.gz`, written by
 * the web build's precompress step) to browsers that accept them: the
 * original's content type, `Content-Encoding`, `Vary: Accept-Encoding`, the
 * original's cache headers. Everything else (no twin, identity only, a path
 * not in the build) falls through to express.static. The folder is listed
 * once at start-up: the build's files never change while the BFF runs, and a
 * request can only ever name a file from that list.
 */
export function precompressedAssets(dir: string, options: PrecompressedOptions) {
  const root = resolve(dir);
  const files = new Set(
    readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => f.split(sep).join('/')),
  );
  const twins = new Map<string, (typeof ENCODINGS)[number][]>();
  for (const file of files) {
    const available = ENCODINGS.filter((e) => files.has(`${file}${e.suffix}`));
    if (available.length > 0) twins.set(file, available);
  }

  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let name: string;
    try {
      name = decodeURIComponent(req.path).replace(/^\//, '');
    } catch {
      return next();
    }
    const available = twins.get(name);
    if (!available) return next();
    // Caches must keep the encodings apart, whichever one this answer uses.
    res.vary('Accept-Encoding');
    const encoding = pickEncoding(req.get('accept-encoding'), available);
    if (!encoding) return next();
    res.type(extname(name));
    res.setHeader('Content-Encoding', encoding.name);
    // Relative to `root`: send refuses a path with a dot-folder in it (`.data/web`)
    // unless only the part below the root is checked.
    res.sendFile(`${name}${encoding.suffix}`, {
      root,
      maxAge: options.maxAge,
      immutable: options.immutable,
    });
  };
}

/**
 * The accepted encoding with the highest q-value, brotli before gzip on a tie.
 * Not req.acceptsEncodings: it breaks ties by the order in the browser's
 * header, and Chromium sends `gzip, deflate, br, zstd`, so brotli would never
 * be chosen. Without the header (or with q=0) the plain file is served.
 */
export function pickEncoding<T extends { name: string }>(
  header: string | undefined,
  available: readonly T[],
): T | undefined {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    const value = weight === undefined ? 1 : Number(weight);
    q.set(token, Number.isFinite(value) ? value : 0);
  }
  let best: T | undefined;
  let bestQ = 0;
  for (const encoding of available) {
    const value = q.get(encoding.name) ?? q.get('*') ?? 0;
    if (value > bestQ) {
      best = encoding;
      bestQ = value;
    }
  }
  return best;
}
