import { defineConfig } from '@playwright/test';
import { chromiumArgs, ensureChromium } from '../scripts/chromium.mjs';
import {
  consoleUrl,
  e2eBffLogFile,
  e2eDataDir,
  e2eLargeDataDir,
  e2eLargePorts,
  e2ePorts,
  largeConsoleUrl,
} from './ports';

// The product as `pnpm start` runs it: the SPA built, local Azure with the
// demo scenario (fresh each run), and the BFF configured with its endpoints.
const latchkey = [
  '../node_modules/.bin/tsx ../scripts/start-local.ts',
  `--scenario demo --reset --data-dir ${e2eDataDir} --web-dir ${e2eDataDir}/web`,
  `--port ${e2ePorts.console} --arm-port ${e2ePorts.arm} --idp-port ${e2ePorts.idp}`,
  `--front-port ${e2ePorts.idpFrontChannel} --control-port ${e2ePorts.control}`,
  `--metrics-port ${e2ePorts.metrics}`,
  // stdout is ignored below; the log file keeps it for specs that check what the BFF logged.
  `--log-file ${e2eBffLogFile}`,
].join(' ');

// The same product on the `large` scenario, for `*.large.spec.ts` only. It
// serves the SPA the demo instance built (web servers start one after the
// other, so the build is done by then) and needs no sign-in state of its own.
const latchkeyLarge = [
  '../node_modules/.bin/tsx ../scripts/start-local.ts',
  `--scenario large --reset --skip-build --data-dir ${e2eLargeDataDir} --web-dir ${e2eDataDir}/web`,
  `--port ${e2eLargePorts.console} --arm-port ${e2eLargePorts.arm} --idp-port ${e2eLargePorts.idp}`,
  `--front-port ${e2eLargePorts.idpFrontChannel} --control-port ${e2eLargePorts.control}`,
  `--metrics-port ${e2eLargePorts.metrics}`,
].join(' ');

// Start the large instance only when a large spec can run: not for
// `--project chromium`, nor when the files named are all demo specs.
const cli = process.argv.slice(2);
const namedProjects = cli.flatMap((a, i) =>
  a === '--project' ? [cli[i + 1] ?? ''] : a.startsWith('--project=') ? [a.slice(10)] : [],
);
const namedFiles = cli.filter((a) => /\.spec\.ts$|^tests\//.test(a));
const runsLarge =
  (namedProjects.length === 0 || namedProjects.includes('large')) &&
  (namedFiles.length === 0 || namedFiles.some((f) => f.includes('.large.')));

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    [
      'json',
      { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? '../.tmp/playwright-results.json' },
    ],
  ],
  use: {
    baseURL: consoleUrl,
    browserName: 'chromium',
    // Never ignoreHTTPSErrors: the browser must only meet pages it trusts.
    launchOptions: { executablePath: ensureChromium(), args: chromiumArgs },
    trace: 'off',
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    {
      name: 'chromium',
      dependencies: ['setup'],
      testIgnore: [/.*\.setup\.ts/, /.*\.large\.spec\.ts/],
    },
    {
      name: 'large',
      testMatch: /.*\.large\.spec\.ts/,
      use: { baseURL: largeConsoleUrl },
    },
  ],
  webServer: [
    {
      command: latchkey,
      url: `${consoleUrl}/readyz`,
      reuseExistingServer: false,
      timeout: 240_000,
      // The BFF's access log would drown the test report; errors still show.
      stdout: 'ignore',
      stderr: 'pipe',
    },
    ...(runsLarge
      ? [
          {
            command: latchkeyLarge,
            url: `${largeConsoleUrl}/readyz`,
            reuseExistingServer: false,
            timeout: 240_000,
            stdout: 'ignore' as const,
            stderr: 'pipe' as const,
          },
        ]
      : []),
  ],
});
