import type { NextFunction, Request, Response } from 'express';
import { can, type Permission } from '@latchkey/domain';
import { AppError } from '../http/errors';
import { readCookie, type CookieNames } from './cookies';
import type { SessionData, SessionStore } from './ports';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      session?: { id: string; data: SessionData };
    }
  }
}

/** Loads the session named by the cookie (expired ones read as absent) and records activity. */
export function loadSession(sessions: SessionStore, names: CookieNames) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const id = readCookie(req, names.session);
      if (id) {
        const data = await sessions.get(id);
        if (data) {
          req.session = { id, data };
          await sessions.touch(id);
        }
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

export function requireSession(req: Request, _res: Response, next: NextFunction) {
  if (!req.session) return next(new AppError('unauthenticated', 'You are not signed in.'));
  next();
}

/** Console role check from the `roles` claim captured at sign-in. */
export function requirePermission(permission: Permission) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.session) return next(new AppError('unauthenticated', 'You are not signed in.'));
    if (!can(req.session.data.roles, permission)) {
      return next(
        new AppError(
          'not_allowed',
          req.session.data.roles.length === 0
            ? 'You have no Latchkey role. Ask your Entra administrator for Latchkey.Reviewer (read-only) or Latchkey.Admin.'
            : `Your Latchkey role does not allow this (${permission}).`,
        ),
      );
    }
    next();
  };
}
