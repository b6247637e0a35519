import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';
import { csrfHeader } from '@latchkey/domain';
import { AppError } from './errors';

/**
 * helmet with a strict CSP: scripts only from our origin, styles from our
 * origin or carrying this request's nonce (Fluent UI's Griffel engine inserts
 * its style tags with it), no framing, no plugins.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
  });
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for every state-changing request: the browser must say the
 * request is same-origin (Sec-Fetch-Site, or Origin when that header is
 * missing), carry our custom header (which a cross-site form cannot set), and
 * send JSON. Each failure is refused before any handler runs.
 */
export function csrfProtection(allowedOrigins: (req: Request) => string[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    if (site && site !== 'same-origin') {
      return next(
        new AppError('csrf_rejected', `Cross-site requests are refused (Sec-Fetch-Site: ${site}).`),
      );
    }
    if (origin && !allowedOrigins(req).includes(origin)) {
      return next(new AppError('csrf_rejected', 'Requests from another origin are refused.'));
    }
    if (!site && !origin) {
      return next(
        new AppError(
          'csrf_rejected',
          'The request does not say where it comes from (no Sec-Fetch-Site or Origin header).',
        ),
      );
    }
    if (req.get(csrfHeader) !== '1') {
      return next(
        new AppError('csrf_rejected', `State-changing requests need the ${csrfHeader} header.`),
      );
    }
    const length = Number(req.get('content-length') ?? '0');
    if ((length > 0 || req.get('transfer-encoding')) && !req.is('application/json')) {
      return next(
        new AppError('unsupported_media_type', 'Request bodies must be application/json.'),
      );
    }
    next();
  };
}

/** Nothing a BFF answers may be cached by the browser or a proxy. */
export function noStore(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  next();
}
