import type { Request, Response } from 'express';

/**
 * Cookie names and flags. Over HTTPS the `__Host-` prefix pins a cookie to
 * this exact origin (Secure, Path=/, no Domain). The session cookie is
 * SameSite=Strict; the login transaction cookie must survive the cross-site
 * redirect back from Entra, so it is SameSite=Lax and lives ten minutes.
 */
export interface CookieNames {
  session: string;
  login: string;
}

export function cookieNames(secure: boolean): CookieNames {
  return secure
    ? { session: '__Host-latchkey-session', login: '__Host-latchkey-login' }
    : { session: 'latchkey-session', login: 'latchkey-login' };
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function setCookie(
  res: Response,
  name: string,
  value: string,
  options: { secure: boolean; sameSite: 'strict' | 'lax'; maxAgeMs?: number },
): void {
  res.cookie(name, value, {
    httpOnly: true,
    secure: options.secure,
    sameSite: options.sameSite,
    path: '/',
    ...(options.maxAgeMs !== undefined ? { maxAge: options.maxAgeMs } : {}),
  });
}

export function clearCookie(res: Response, name: string, secure: boolean): void {
  res.clearCookie(name, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}
