/**
 * Contract-test plumbing: the whole local stack on a temp folder, real
 * client-credentials tokens from the local identity provider (msal-node), and
 * the real `@azure/arm-containerregistry` client pointed at the emulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createServer } from 'node:https';
import { generateKeyPair, exportJWK, SignJWT, type JWK } from 'jose';
import { ControllableClock } from '../../src/clock';
import { createArmEmulator, type ArmEmulator } from '../../src/arm/index';
import { getScenario } from '../../src/scenario/index';
import { ensureLocalTls } from '../../src/tls/ca';
import { closeServer, listenLoopback } from '../../src/tls/loopback';
import { startLocalAzure, type LocalAzure } from '../../src/server';
import type { ScenarioName } from '../../src/scenario/types';
import {
  DEMO_CLIENTS,
  DEMO_REGISTRY,
  DEMO_SUBSCRIPTIONS,
  DEMO_TENANT_ID,
} from '../../src/scenario/contoso';
import { clientCredentialToken, confidentialClient, signInWithPersona } from '../helpers/msal';
import { DEMO_PERSONAS } from '../../src/scenario/contoso';

export { DEMO_CLIENTS, DEMO_REGISTRY, DEMO_SUBSCRIPTIONS, DEMO_TENANT_ID };

export const FROZEN_AT = new Date('2026-03-02T10:00:00.000Z');
export const RG = DEMO_REGISTRY.resourceGroup;
export const REG = DEMO_REGISTRY.name;
export const SUB = DEMO_REGISTRY.subscriptionId;
export const REGISTRY_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerRegistry/registries/${REG}`;
/** Fast polling: the emulator sends Retry-After 0, so the SDK polls at this interval. */
export const POLL = { updateIntervalInMs: 5 };

export interface Stack {
  azure: LocalAzure;
  dataDir: string;
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function startStack(
  options: { scenario?: ScenarioName; dataDir?: string; pageSize?: number; lroPolls?: number } = {},
): Promise<Stack> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'latchkey-contract-'));
  const azure = await startLocalAzure({
    dataDir,
    scenario: options.scenario ?? 'demo',
    clock: new ControllableClock({ frozenAt: FROZEN_AT }),
    pageSize: options.pageSize ?? 50,
    lroPolls: options.lroPolls ?? 0,
  });
  azure.emulator.control.updateSettings({ lroRetryAfterSeconds: 0 });
  return {
    azure,
    dataDir,
    async close({ keepData = false } = {}) {
      await azure.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The emulator alone behind https, trusting a signing key of the test's own
 * (`sign` mints ARM tokens for any principal). Used for principals the
 * scenario's confidential clients cannot stand in for (personas).
 */
export interface LocalArm {
  armEndpoint: string;
  caPem: string;
  emulator: ArmEmulator;
  clock: ControllableClock;
  dataDir: string;
  sign(
    claims: Record<string, unknown>,
    options?: { expiresInSeconds?: number; issuer?: string; audience?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

export const LOCAL_ISSUER = `https://login.local.test/${DEMO_TENANT_ID}/v2.0`;

export async function startLocalArm(
  options: { scenario?: ScenarioName; dataDir?: string; pageSize?: number; lroPolls?: number } = {},
): Promise<LocalArm> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'latchkey-contract-arm-'));
  const tls = ensureLocalTls(join(dataDir, 'tls'));
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clock = new ControllableClock({ frozenAt: FROZEN_AT });
  const server = createServer({ cert: tls.cert, key: tls.key });
  const port = await listenLoopback(server, 0);
  const armEndpoint = `https://127.0.0.1:${port}`;
  const emulator = await createArmEmulator({
    origin: armEndpoint,
    dataDir: join(dataDir, 'arm'),
    clock,
    scenarioName: options.scenario ?? 'demo',
    loadScenario: (name) => getScenario(name, new Date(clock.now())),
    reset: false,
    pageSize: options.pageSize ?? 50,
    lroPolls: options.lroPolls ?? 0,
    persist: true,
    verifier: { jwks: () => ({ keys: [jwk] }), issuers: () => [LOCAL_ISSUER] },
  });
  emulator.control.updateSettings({ lroRetryAfterSeconds: 0 });
  server.on('request', emulator.handler);
  return {
    armEndpoint,
    caPem: tls.caPem,
    emulator,
    clock,
    dataDir,
    async sign(claims, o = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ tid: DEMO_TENANT_ID, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(o.issuer ?? LOCAL_ISSUER)
        .setAudience(o.audience ?? 'https://management.azure.com')
        .setIssuedAt(now - 60)
        .setExpirationTime(now + (o.expiresInSeconds ?? 3600))
        .sign(privateKey);
    },
    async close() {
      await closeServer(server);
      await emulator.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ClientName = keyof typeof DEMO_CLIENTS;

/** A TokenCredential backed by msal client credentials against the local identity provider. */
export function appCredential(azure: LocalAzure, client: ClientName): TokenCredential {
  const c = DEMO_CLIENTS[client];
  let cached: AccessToken | undefined;
  return {
    async getToken(): Promise<AccessToken> {
      if (cached && cached.expiresOnTimestamp - Date.now() > 60_000) return cached;
      const result = await clientCredentialToken({
        authority: azure.identity.authority(c.tenantId),
        knownAuthority: azure.identity.knownAuthority,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        caPem: azure.caPem,
      });
      cached = {
        token: result.accessToken,
        expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 3_600_000,
      };
      return cached;
    },
  };
}

export type PersonaName = keyof typeof DEMO_PERSONAS;

/**
 * A delegated ARM token for a persona, as the BFF gets one: msal-node auth code
 * + PKCE with the console app, the persona picked on the sign-in page.
 */
export function personaCredential(azure: LocalAzure, persona: PersonaName): TokenCredential {
  const app = DEMO_CLIENTS.console;
  let cached: Promise<AccessToken> | undefined;
  return {
    getToken(): Promise<AccessToken> {
      cached ??= (async () => {
        const cca = confidentialClient({
          authority: azure.identity.authority(app.tenantId),
          knownAuthority: azure.identity.knownAuthority,
          clientId: app.clientId,
          clientSecret: app.clientSecret,
          caPem: azure.caPem,
        });
        const { result } = await signInWithPersona({
          cca,
          redirectUri: 'http://127.0.0.1:5173/auth/callback',
          oid: DEMO_PERSONAS[persona].oid,
          frontChannelOrigin: azure.identity.frontChannelOrigin,
        });
        return {
          token: result.accessToken,
          expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 3_600_000,
        };
      })();
      return cached;
    },
  };
}

/** A TokenCredential that always answers with a fixed access token. */
export function staticCredential(token: string): TokenCredential {
  return { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) };
}

export function sdk(
  azure: { armEndpoint: string; caPem: string },
  credential: TokenCredential,
  options: { subscriptionId?: string; maxRetries?: number; apiVersion?: string } = {},
): ContainerRegistryManagementClient {
  return new ContainerRegistryManagementClient(credential, options.subscriptionId ?? SUB, {
    endpoint: azure.armEndpoint,
    tlsOptions: { ca: azure.caPem },
    ...(options.apiVersion !== undefined ? { apiVersion: options.apiVersion } : {}),
    ...(options.maxRetries !== undefined
      ? { retryOptions: { maxRetries: options.maxRetries } }
      : {}),
  });
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Runs `fn` expecting a RestError; returns it for assertions. */
export async function restError(fn: () => Promise<unknown>): Promise<{
  statusCode?: number;
  code?: string;
  message: string;
  details?: unknown;
  response?: { headers: { get(name: string): string | undefined } };
}> {
  try {
    await fn();
  } catch (error) {
    return error as never;
  }
  throw new Error('expected the call to fail');
}

export function tokenId(name: string): string {
  return `${REGISTRY_ID}/tokens/${name}`;
}

export function scopeMapId(name: string): string {
  return `${REGISTRY_ID}/scopeMaps/${name}`;
}

export function connectedRegistryId(name: string): string {
  return `${REGISTRY_ID}/connectedRegistries/${name}`;
}

export { DEMO_SUBSCRIPTIONS as SUBSCRIPTIONS };

/**
 * One shape for both ways of running the emulator: the full stack with msal
 * client-credentials tokens from the local identity provider (the default), or
 * the emulator alone with test-signed tokens (`CONTRACT_AUTH=local`, for
 * debugging the emulator without the identity provider).
 */
export interface Harness {
  armEndpoint: string;
  caPem: string;
  emulator: ArmEmulator;
  clock: ControllableClock;
  dataDir: string;
  /** Contributor on both subscriptions (persona Avery, signed in through the identity provider). */
  writer: TokenCredential;
  /** Reader on both subscriptions (persona Riley). */
  reader: TokenCredential;
  /** App-only (client credentials) token of one of the scenario's apps. */
  app(client: ClientName): TokenCredential;
  /** Delegated token of a persona. */
  persona(name: PersonaName): TokenCredential;
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function startHarness(
  options: { scenario?: ScenarioName; dataDir?: string; pageSize?: number; lroPolls?: number } = {},
): Promise<Harness> {
  if (process.env.CONTRACT_AUTH === 'local') {
    const arm = await startLocalArm({
      ...options,
      dataDir: options.dataDir ?? mkdtempSync(join(tmpdir(), 'latchkey-contract-arm-')),
    });
    const lazy = (claims: Record<string, unknown>): TokenCredential => ({
      getToken: async () => ({
        token: await arm.sign(claims),
        expiresOnTimestamp: Date.now() + 3_600_000,
      }),
    });
    const app = (client: ClientName): TokenCredential =>
      lazy({
        oid: DEMO_CLIENTS[client].servicePrincipalId,
        appid: DEMO_CLIENTS[client].clientId,
        idtyp: 'app',
      });
    const persona = (name: PersonaName): TokenCredential =>
      lazy({
        oid: DEMO_PERSONAS[name].oid,
        upn: DEMO_PERSONAS[name].username,
        scp: 'user_impersonation',
      });
    return {
      ...arm,
      writer: persona('avery'),
      reader: persona('riley'),
      app,
      persona,
      async close({ keepData = false } = {}) {
        await arm.close();
        if (!keepData) rmSync(arm.dataDir, { recursive: true, force: true });
      },
    };
  }
  const stack = await startStack(options);
  return {
    armEndpoint: stack.azure.armEndpoint,
    caPem: stack.azure.caPem,
    emulator: stack.azure.emulator,
    clock: stack.azure.clock,
    dataDir: stack.dataDir,
    writer: personaCredential(stack.azure, 'avery'),
    reader: personaCredential(stack.azure, 'riley'),
    app: (client) => appCredential(stack.azure, client),
    persona: (name) => personaCredential(stack.azure, name),
    close: (o) => stack.close(o),
  };
}
