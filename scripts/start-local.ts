// `pnpm start`: Latchkey in local mode. Builds the SPA, starts local Azure (ARM
// emulator + identity provider on loopback HTTPS, demo scenario, data kept in
// .data/), then the BFF configured with local Azure's endpoints and CA, exactly
// as it would be configured for real Azure. Prints one URL.
import { spawnSync } from 'node:child_process';
import { mkdirSync, openSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../apps/bff/src/config/config';
import { createLogger } from '../apps/bff/src/http/logger';
import { startBff } from '../apps/bff/src/server';
import { startLocalAzure } from '../packages/local-azure/src/index';
import type { ScenarioName } from '../packages/local-azure/src/index';

const root = resolve(import.meta.dirname, '..');

const usage = `Usage: pnpm start [--scenario demo|large|empty] [--reset] [--port N]
                  [--arm-port N] [--idp-port N] [--front-port N] [--control-port N]
                  [--data-dir DIR] [--web-dir DIR] [--skip-build] [--log-file FILE]
                  [--metrics-port N]

Latchkey in local mode: builds the SPA, starts local Azure (ARM emulator and identity
provider on loopback HTTPS, data in .data/local-azure) and the BFF configured with its
endpoints, and prints the URL to open.

  --scenario      demo (default), large or empty (env LOCAL_AZURE_SCENARIO)
  --reset         reload the scenario and clear the console's sessions, audit log and budgets
  --port          the console's port (default 3000, env PORT)
  --data-dir      where local data lives (default .data)
  --web-dir       where the SPA is built and served from (default apps/web/dist)
  --skip-build    serve the SPA already built in --web-dir
  --log-file      also write the BFF's log lines to this file
  --metrics-port  the BFF's Prometheus endpoint (default 9464, env METRICS_PORT)

Help: pnpm start help, pnpm start -- --help or pnpm run start --help (pnpm 12 answers a
bare \`pnpm start --help\` with its own help).`;

/** pnpm hands a flag after \`--\` on as a positional; \`help\` is the word pnpm leaves alone. */
const helpWords = new Set(['help', '--help', '-h']);

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      scenario: { type: 'string', default: process.env.LOCAL_AZURE_SCENARIO ?? 'demo' },
      reset: { type: 'boolean', default: false },
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      'arm-port': { type: 'string', default: '8443' },
      'idp-port': { type: 'string', default: '8444' },
      'front-port': { type: 'string', default: '8480' },
      'control-port': { type: 'string', default: '8490' },
      'data-dir': { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      // Where the SPA is built and served from (two launchers side by side must not share it).
      'web-dir': { type: 'string' },
      // The BFF's log lines also go to this file, so a test can read what the server logged
      // (the browser tests check that no secret ever reaches it) while stdout stays ignored.
      'log-file': { type: 'string' },
      // Prometheus scrape endpoint of the BFF (METRICS_PORT).
      'metrics-port': { type: 'string', default: process.env.METRICS_PORT ?? '9464' },
    },
  });
  if (values.help || positionals.some((p) => helpWords.has(p))) {
    console.log(usage);
    return;
  }
  if (positionals.length) throw new Error(`Unexpected argument "${positionals[0]}".\n\n${usage}`);
  const webDir = values['web-dir'] ? resolve(values['web-dir']) : join(root, 'apps/web/dist');
  if (!values['skip-build']) {
    console.log('Building the web app…');
    const outDir = ['--outDir', webDir, '--emptyOutDir'];
    const build = spawnSync('pnpm', ['--filter', '@latchkey/web', 'build', ...outDir], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('The web app did not build; see above.');
  }
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : join(root, '.data');
  // A reset starts the console afresh too: sessions, audit log and credential
  // budgets belong to the scenario that is being thrown away.
  if (values.reset) await rm(join(dataDir, 'bff'), { recursive: true, force: true });
  const azure = await startLocalAzure({
    dataDir: join(dataDir, 'local-azure'),
    scenario: values.scenario as ScenarioName,
    reset: values.reset,
    ports: {
      arm: Number(values['arm-port']),
      idp: Number(values['idp-port']),
      idpFrontChannel: Number(values['front-port']),
      control: Number(values['control-port']),
    },
  });
  const scenario = azure.scenario();
  const tenant = scenario.tenants[0];
  const client = scenario.clients.find((c) =>
    c.redirectUris.some((u) => u.includes('/auth/callback')),
  );
  if (!tenant || !client)
    throw new Error(`Scenario "${scenario.name}" has no tenant or console app.`);
  const config = loadConfig(process.env, {
    LATCHKEY_MODE: 'local',
    PORT: values.port,
    DATA_DIR: join(dataDir, 'bff'),
    AZURE_TENANT_ID: tenant.id,
    AZURE_CLIENT_ID: client.clientId,
    AZURE_CLIENT_SECRET: client.clientSecret,
    AZURE_AUTHORITY_HOST: azure.identity.httpsOrigin,
    AZURE_KNOWN_AUTHORITY: azure.identity.knownAuthority,
    ARM_ENDPOINT: azure.armEndpoint,
    AZURE_CA_PATH: azure.caCertPath,
    METRICS_PORT: values['metrics-port'],
  });
  const logFile = values['log-file'] ? resolve(values['log-file']) : undefined;
  const bff = await startBff(config, {
    webRoot: webDir,
    ...(logFile
      ? {
          logger: createLogger({
            level: config.logLevel,
            destination: teeDestination(logFile, values.reset),
          }),
        }
      : {}),
  });
  console.log(`
Latchkey is running in local mode (scenario "${scenario.name}"):

  ${bff.url}

  metrics ${bff.metricsUrl}

Sign in as any persona of the scenario; no password. Local Azure: ARM ${azure.armEndpoint},
sign-in pages ${azure.identity.frontChannelOrigin}, control API ${azure.controlEndpoint}.
Stop with Ctrl+C. Start afresh (scenario, sessions, audit log) with: pnpm start --reset
`);
  const stop = async () => {
    await bff.close();
    await azure.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/**
 * A pino destination writing each line to stdout and to a file. Synchronous
 * file writes, so a line is on disk as soon as pino emits it (a reader never
 * races a buffer). A reset starts the file afresh, like the rest of the
 * console's data; the file is readable by its owner only, as the data folder is.
 */
function teeDestination(path: string, truncate: boolean): { write(line: string): void } {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, truncate ? 'w' : 'a', 0o600);
  return {
    write(line: string) {
      process.stdout.write(line);
      writeSync(fd, line);
    },
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
