import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalAzure } from './server';
import { scenarioNames } from './scenario/index';
import type { ScenarioName } from './scenario/types';

const usage = `Usage: local-azure [--scenario demo|large|empty] [--reset] [--data-dir DIR]
                   [--arm-port N] [--idp-port N] [--front-port N] [--control-port N]

Starts local Azure on loopback: an ARM emulator (Microsoft.ContainerRegistry) and an
Entra-shaped identity provider, over HTTPS with a local CA, and prints their endpoints.
Environment: LOCAL_AZURE_DATA_DIR, LOCAL_AZURE_SCENARIO.
Help: --help, -h or help (\`pnpm local-azure --help\` reaches this; see docs/local-azure.md).`;

/** pnpm may hand the flag on after a \`--\`, where parseArgs sees it as a positional. */
const helpWords = new Set(['help', '--help', '-h']);

function port(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`--${name} must be a port number from 0 to 65535, got "${value}"`);
  }
  return n;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      scenario: { type: 'string' },
      reset: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      'arm-port': { type: 'string' },
      'idp-port': { type: 'string' },
      'front-port': { type: 'string' },
      'control-port': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.some((p) => helpWords.has(p))) {
    console.log(usage);
    return;
  }
  if (positionals.length) {
    throw new Error(`Unexpected argument "${positionals[0]}".\n\n${usage}`);
  }
  const scenario = (values.scenario ?? process.env.LOCAL_AZURE_SCENARIO ?? 'demo') as ScenarioName;
  if (!scenarioNames.includes(scenario)) {
    throw new Error(`--scenario must be one of ${scenarioNames.join(', ')}, got "${scenario}"`);
  }
  const dataDir = resolve(
    values['data-dir'] ??
      process.env.LOCAL_AZURE_DATA_DIR ??
      resolve(import.meta.dirname, '../../../.data/local-azure'),
  );
  const azure = await startLocalAzure({
    dataDir,
    scenario,
    reset: values.reset,
    ports: {
      arm: port(values['arm-port'], 'arm-port') ?? 8443,
      idp: port(values['idp-port'], 'idp-port') ?? 8444,
      idpFrontChannel: port(values['front-port'], 'front-port') ?? 8480,
      control: port(values['control-port'], 'control-port') ?? 8490,
    },
  });
  const data = azure.scenario();
  const console_ = data.clients[0];
  console.log(`Local Azure is running (scenario "${data.name}", data in ${dataDir})

  ARM endpoint        ${azure.armEndpoint}
  Identity provider   ${azure.identity.httpsOrigin}   (msal knownAuthorities: ["${azure.identity.knownAuthority}"])
  Sign-in pages       ${azure.identity.frontChannelOrigin}
  Control API         ${azure.controlEndpoint}
  CA certificate      ${azure.caCertPath}   (SDK: tlsOptions.ca; curl: --cacert)
`);
  for (const tenant of data.tenants) {
    console.log(`  Tenant ${tenant.displayName}: authority ${azure.identity.authority(tenant.id)}`);
  }
  if (console_) {
    console.log(`  Client ${console_.displayName}: client id ${console_.clientId}`);
  }
  const stop = async () => {
    await azure.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
