import { Router, type Request } from 'express';
import type { ArmSettings } from '../../arm/client';
import type { AuditRecorder, Actor } from '../audit/recorder';
import type { TokenCredential } from '@azure/core-auth';

/** What a connected-registry admin request needs, built per request by createApp. */
export interface ConnectedRegistryAdminContext {
  arm: ArmSettings;
  credential: TokenCredential;
  audit: AuditRecorder;
  actor: Actor;
  requestId: string;
  now: () => number;
}

/** Connected-registry admin routes (client tokens, synced repositories, connection string, deactivate). */
export function connectedRegistryAdminRouter(
  _context: (req: Request) => ConnectedRegistryAdminContext,
): Router {
  return Router();
}
