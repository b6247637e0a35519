import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONWebKeySet } from 'jose';
import type { ScenarioData } from '../scenario/types';

export interface IdentityProviderOptions {
  /** Current scenario (personas, clients, tenants); re-read on each request, since a reset can change it. */
  scenario: () => ScenarioData;
  /** https origin (issuer base; discovery, token, keys). */
  httpsOrigin: string;
  /** plain-http loopback origin for authorize, the sign-in page and logout. */
  frontChannelOrigin: string;
  /** Folder for signing keys and provider state. */
  dataDir: string;
}

export interface IdentityProvider {
  httpsHandler: (req: IncomingMessage, res: ServerResponse) => void;
  frontChannelHandler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Public signing keys, as served at /{tenant}/discovery/v2.0/keys. */
  jwks: JSONWebKeySet;
  /** Every issuer this provider signs as (`${httpsOrigin}/${tenantId}/v2.0`). */
  issuers: string[];
  close(): Promise<void>;
}

export async function createIdentityProvider(_options: IdentityProviderOptions): Promise<IdentityProvider> {
  throw new Error('identity provider: not implemented yet');
}
