import { InteractionRequiredAuthError, type ConfidentialClientApplication } from '@azure/msal-node';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { AppError } from '../http/errors';
import type { MsalClient } from './msal';

/** Delegated ARM access as the signed-in person (the scope Entra calls user_impersonation). */
export const ARM_DELEGATED_SCOPE = 'https://management.azure.com/user_impersonation';

/**
 * The person's ARM token, from their cache partition via acquireTokenSilent
 * (refreshing with the refresh token when the access token is near expiry).
 * When Entra wants the person back (refresh token expired or revoked,
 * consent or MFA needed), the request fails with reauth_required and the SPA
 * sends them to sign in again.
 */
export class SessionCredential implements TokenCredential {
  constructor(
    private readonly msal: MsalClient,
    private readonly homeAccountId: string,
  ) {}

  /**
   * A credential serves one request: the token its first ARM call got serves
   * the rest (a change's read-back included), so they need no second look in
   * the token cache, which lives in storage and may have gone meanwhile.
   */
  private last: AccessToken | undefined;

  async getToken(): Promise<AccessToken> {
    if (this.last && this.last.expiresOnTimestamp - Date.now() > 120_000) return this.last;
    this.last = await this.fetchToken();
    return this.last;
  }

  private async fetchToken(): Promise<AccessToken> {
    try {
      return await this.msal.withPartition(this.homeAccountId, (app) => this.fromCache(app));
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof InteractionRequiredAuthError) {
        throw new AppError('reauth_required', 'Entra needs you to sign in again.', {
          reauth: true,
          cause: error,
        });
      }
      // Entra unreachable (also while resolving its metadata) or the cache unreadable.
      throw new AppError(
        'upstream_error',
        'Microsoft Entra ID could not be reached to refresh your Azure token. Try again in a moment.',
        {
          cause: error,
          retryAfterSeconds: 5,
        },
      );
    }
  }

  private async fromCache(app: ConfidentialClientApplication): Promise<AccessToken> {
    const account = await app.getTokenCache().getAccountByHomeId(this.homeAccountId);
    if (!account) {
      throw new AppError(
        'reauth_required',
        'Your sign-in has no Azure token any more. Sign in again.',
        {
          reauth: true,
        },
      );
    }
    const result = await app.acquireTokenSilent({ account, scopes: [ARM_DELEGATED_SCOPE] });
    if (!result?.accessToken || !result.expiresOn) {
      throw new AppError('reauth_required', 'Entra returned no Azure token. Sign in again.', {
        reauth: true,
      });
    }
    return { token: result.accessToken, expiresOnTimestamp: result.expiresOn.getTime() };
  }
}
