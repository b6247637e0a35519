import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { readJsonFile, writeFileAtomic } from './atomic-file';

export interface IdpKeys {
  /** Private signing keys (RS256) in the shape oidc-provider's `jwks` option takes. */
  signing: { keys: JWK[] };
  /** The same keys without private members: what /discovery/v2.0/keys serves. */
  publicJwks: JSONWebKeySet;
  /** Keys for the provider's signed cookies; persisted so sessions survive a restart. */
  cookieKeys: string[];
}

const SIGNING_KEYS_FILE = 'signing-keys.json';
const COOKIE_KEYS_FILE = 'cookie-keys.json';
const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

function publicPart(jwk: JWK): JWK {
  return Object.fromEntries(
    Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.has(name)),
  ) as JWK;
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  // Entra's kids are opaque strings; a thumbprint is stable and unique enough.
  const kid = await calculateJwkThumbprint(jwk);
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}

/**
 * Loads the signing and cookie keys from `dir`, creating them on first use.
 * Keys outlive restarts so that issued tokens keep verifying and refresh
 * tokens and sessions stay valid.
 */
export async function ensureIdpKeys(dir: string): Promise<IdpKeys> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  const signingPath = join(dir, SIGNING_KEYS_FILE);
  let signing = readJsonFile<{ keys: JWK[] }>(signingPath);
  if (!signing || !Array.isArray(signing.keys) || signing.keys.length === 0) {
    signing = { keys: [await newSigningKey()] };
    writeFileAtomic(signingPath, JSON.stringify(signing, null, 2), 0o600);
  } else {
    // A copy restored by hand may have lost its mode; private keys stay private.
    chmodSync(signingPath, 0o600);
  }

  const cookiePath = join(dir, COOKIE_KEYS_FILE);
  let cookieKeys = readJsonFile<string[]>(cookiePath);
  if (!Array.isArray(cookieKeys) || cookieKeys.length === 0) {
    cookieKeys = [randomBytes(32).toString('base64url')];
    writeFileAtomic(cookiePath, JSON.stringify(cookieKeys), 0o600);
  }

  return { signing, publicJwks: { keys: signing.keys.map(publicPart) }, cookieKeys };
}
