import { defineConfig } from '@playwright/test';
import { chromiumArgs, ensureChromium } from '../scripts/chromium.mjs';
import { consoleUrl, e2eBffLogFile, e2eDataDir, e2ePorts } from './ports';

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
    { name: 'chromium', dependencies: ['setup'], testIgnore: /.*\.setup\.ts/ },
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
  ],
});
