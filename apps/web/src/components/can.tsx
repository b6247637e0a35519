import { can, type Permission } from '@latchkey/domain';
import type { ReactNode } from 'react';
import { useCurrentMe } from '../lib/me-context';

/** Whether the signed-in person's console role allows `action`; false before /api/me answers. */
export function useCan(action: Permission): boolean {
  const me = useCurrentMe();
  return me ? can(me.roles, action) : false;
}

/**
 * Renders its children only when the console role allows `action` (Headlamp's
 * pattern). A reviewer sees no action control at all rather than disabled
 * ones: the BFF refuses the call anyway, and absent controls cannot mislead.
 */
export function Can({
  action,
  children,
  fallback = null,
}: {
  action: Permission;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  return <>{useCan(action) ? children : fallback}</>;
}
