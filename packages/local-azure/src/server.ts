import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { ControllableClock } from './clock';
import { ensureLocalTls } from './tls/ca';
import { closeServer, listenLoopback, startingUp } from './tls/loopback';
import { createIdentityProvider, type IdentityProvider } from './idp/index';
import { createArmEmulator, type ArmEmulator } from './arm/index';
import { createControlApp } from './control/index';
import { getScenario } from './scenario/index';
import type { ScenarioData, ScenarioName } from './scenario/types';

export interface LocalAzureOptions {
  /** Folder for the CA, signing keys and emulator state. Created if missing. */
  dataDir: string;
  /** Scenario loaded when there is no saved state (or when `reset` is true). Default `demo`. */
  scenario?: ScenarioName;
  /** Discard saved state and load the scenario afresh. */
  reset?: boolean;
  /** Ports; 0 (the default) picks a free one. */
  ports?: { arm?: number; idp?: number; idpFrontChannel?: number; control?: number };
  /** Loopback host to bind and advertise. Default 127.0.0.1. */
  host?: string;
  /** The emulator's clock; freeze it in tests. */
  clock?: ControllableClock;
  /** Items per list page (default 50, so paging is always exercised). */
  pageSize?: number;
  /** How many status polls a long-running operation answers "in progress" before it ends (default 1). */
  lroPolls?: number;
  /** Write state to the data folder after every change (default true). */
  persist?: boolean;
}

export interface LocalAzure {
  /** ARM endpoint, e.g. https://127.0.0.1:PORT: give it to the SDK as `endpoint`. */
  armEndpoint: string;
  identity: {
    /** https origin of the identity provider (discovery, token, keys). */
    httpsOrigin: string;
    /** Plain-http loopback origin for the browser-facing endpoints (authorize, sign-in, logout). */
    frontChannelOrigin: string;
    /** msal-node `knownAuthorities` entry: host:port of the https origin. */
    knownAuthority: string;
    /** msal-node authority for a tenant: `${httpsOrigin}/${tenantId}`. */
    authority(tenantId: string): string;
    /** Requests the https endpoints answered since start (or the last reset), by endpoint. */
    counters(): IdentityCounters;
    resetCounters(): void;
  };
  /** Plain-http loopback control API for tests and benchmarks. */
  controlEndpoint: string;
  caCertPath: string;
  caPem: string;
  clock: ControllableClock;
  emulator: ArmEmulator;
  /** The scenario as last loaded (personas, clients, registries). */
  scenario(): ScenarioData;
  close(): Promise<void>;
}

/** How often a client fetched each identity-provider endpoint (discovery = OpenID metadata). */
export interface IdentityCounters {
  discovery: number;
  token: number;
  keys: number;
  other: number;
}

function identityEndpoint(url: string | undefined): keyof IdentityCounters {
  const path = new URL(url ?? '/', 'http://idp.local').pathname;
  if (path.endsWith('/.well-known/openid-configuration')) return 'discovery';
  if (path.endsWith('/oauth2/v2.0/token')) return 'token';
  if (path.endsWith('/discovery/v2.0/keys')) return 'keys';
  return 'other';
}

export async function startLocalAzure(options: LocalAzureOptions): Promise<LocalAzure> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? new ControllableClock();
  const scenarioName = options.scenario ?? 'demo';
  const tls = ensureLocalTls(join(options.dataDir, 'tls'));
  const ports = options.ports ?? {};
  const urlHost = host.includes(':') ? `[${host}]` : host;

  // The servers listen before their handlers exist (issuer and nextLink URLs
  // need the ports), so each starts with a handler that answers 503 until the
  // real one is attached: a request in that window must not hang.
  const armServer = startingUp(createHttpsServer({ cert: tls.cert, key: tls.key }));
  const idpServer = startingUp(createHttpsServer({ cert: tls.cert, key: tls.key }));
  const frontServer = startingUp(createHttpServer());
  const controlServer = startingUp(createHttpServer());
  const servers: Server[] = [
    armServer.server,
    idpServer.server,
    frontServer.server,
    controlServer.server,
  ];

  try {
    const armPort = await listenLoopback(armServer.server, ports.arm ?? 0, host);
    const idpPort = await listenLoopback(idpServer.server, ports.idp ?? 0, host);
    const frontPort = await listenLoopback(frontServer.server, ports.idpFrontChannel ?? 0, host);
    const controlPort = await listenLoopback(controlServer.server, ports.control ?? 0, host);

    const armEndpoint = `https://${urlHost}:${armPort}`;
    const httpsOrigin = `https://${urlHost}:${idpPort}`;
    const frontChannelOrigin = `http://${urlHost}:${frontPort}`;
    const controlEndpoint = `http://${urlHost}:${controlPort}`;

    // The identity provider needs the scenario (personas, clients); the emulator
    // owns which scenario is loaded, so it is created first from saved state or
    // the named scenario, then the identity provider reads the scenario from it.
    const idpRef: { current?: IdentityProvider } = {};
    const emulator = await createArmEmulator({
      origin: armEndpoint,
      dataDir: join(options.dataDir, 'arm'),
      clock,
      scenarioName,
      loadScenario: (name: ScenarioName) => getScenario(name, new Date(clock.now())),
      reset: options.reset ?? false,
      pageSize: options.pageSize ?? 50,
      lroPolls: options.lroPolls ?? 1,
      persist: options.persist ?? true,
      verifier: {
        jwks: () => {
          if (!idpRef.current) throw new Error('identity provider not started');
          return idpRef.current.jwks;
        },
        issuers: () => idpRef.current?.issuers ?? [],
      },
    });

    const idp = await createIdentityProvider({
      scenario: () => emulator.scenario(),
      httpsOrigin,
      frontChannelOrigin,
      dataDir: join(options.dataDir, 'idp'),
    });

    idpRef.current = idp;
    armServer.ready(emulator.handler);
    const identityCounts: IdentityCounters = { discovery: 0, token: 0, keys: 0, other: 0 };
    idpServer.ready((req, res) => {
      identityCounts[identityEndpoint(req.url)]++;
      idp.httpsHandler(req, res);
    });
    frontServer.ready(idp.frontChannelHandler);
    const identityCounters = {
      counters: () => ({ ...identityCounts }),
      resetCounters: () => {
        for (const key of Object.keys(identityCounts) as Array<keyof IdentityCounters>)
          identityCounts[key] = 0;
      },
    };
    controlServer.ready(createControlApp({ emulator, clock, identity: identityCounters }));

    return {
      armEndpoint,
      identity: {
        httpsOrigin,
        frontChannelOrigin,
        knownAuthority: `${urlHost}:${idpPort}`,
        authority: (tenantId: string) => `${httpsOrigin}/${tenantId}`,
        ...identityCounters,
      },
      controlEndpoint,
      caCertPath: tls.caCertPath,
      caPem: tls.caPem,
      clock,
      emulator,
      scenario: () => emulator.scenario(),
      async close() {
        await Promise.all(servers.map((s) => closeServer(s)));
        await idp.close();
        await emulator.close();
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => (s.listening ? closeServer(s) : Promise.resolve())));
    throw error;
  }
}
