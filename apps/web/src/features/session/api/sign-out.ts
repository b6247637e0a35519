import { apiPaths } from '@latchkey/domain';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { apiRequest } from '../../../lib/api-client';
import { readStoredThemePreference, storeThemePreference } from '../../../lib/theme-preference';

const signOutResponseSchema = z.object({ redirectTo: z.string() });

/** Ends the server session, then follows the BFF to the identity provider's end-session page. */
export function useSignOut() {
  return useMutation({
    mutationFn: async () => {
      // The answer clears the site's storage (Clear-Site-Data), which holds the
      // theme too: a preference, not session data, so it is put back.
      const theme = readStoredThemePreference();
      const answer = await apiRequest(apiPaths.logout, signOutResponseSchema, {
        method: 'POST',
        body: {},
      });
      storeThemePreference(theme);
      return answer;
    },
    onSuccess: ({ redirectTo }) => {
      // Only same-origin paths or http(s) URLs: never a javascript: URL from a confused server.
      const target = new URL(redirectTo, window.location.origin);
      window.location.assign(/^https?:$/.test(target.protocol) ? target.href : '/');
    },
  });
}
