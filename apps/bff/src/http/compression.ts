import compression from 'compression';
import { Router, type NextFunction, type Request, type Response } from 'express';

const SECRET_BODY = 'latchkeySecretBody';
/** Line-delimited JSON, which the compressible-types list does not know. */
const NDJSON = /^application\/(x-)?ndjson\b/;

/**
 * brotli or gzip, whichever the request's Accept-Encoding prefers (brotli on a
 * tie), on every response of 1 KB or more: the registry overview on a large
 * registry is megabytes of repetitive JSON. brotli runs at quality 4 (the
 * `compression` package's default): close to gzip's speed, smaller output.
 * Responses that stream (exports, progressive reads as NDJSON or server-sent
 * events) stay streamed: each write goes through the compressor; a handler
 * that needs a partial body on the wire at once calls `res.flush()`, which
 * this middleware adds (compression.test.ts).
 *
 * Responses that carry a secret are never compressed (BREACH): when a body
 * holds a secret next to anything an attacker can influence (a token name, a
 * description), the compressed length leaks whether a guess of the secret
 * matches the reflected text, one character at a time. The routes in
 * `secretRoutes` answer with a newly generated password or connection string,
 * shown once; they are one or two KB and `no-store`, so there is little to
 * gain from compressing them either.
 */
export function responseCompression(secretRoutes: string[]): Router {
  const router = Router();
  router.post(secretRoutes, (_req: Request, res: Response, next: NextFunction) => {
    res.locals[SECRET_BODY] = true;
    next();
  });
  router.use(
    compression({
      filter: (req, res) =>
        (res as Response).locals[SECRET_BODY] !== true &&
        (compression.filter(req, res) || NDJSON.test(String(res.getHeader('Content-Type')))),
    }),
  );
  return router;
}
