import type { Me } from '@latchkey/domain';
import { createContext, useContext, type ReactNode } from 'react';

/**
 * The signed-in person, provided once the BFF has answered /api/me. Shared
 * components (such as `Can`) read it here instead of importing the session
 * feature, so features stay independent of each other.
 */
const MeContext = createContext<Me | undefined>(undefined);

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

/** Undefined outside the signed-in shell (sign-out and no-access pages). */
export function useCurrentMe(): Me | undefined {
  return useContext(MeContext);
}
