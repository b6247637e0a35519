import { defineConfig } from '@playwright/test';
import { chromiumArgs, ensureChromium } from '../scripts/chromium.mjs';
import { e2ePorts } from './ports';

const localAzure = [
  '../node_modules/.bin/tsx ../packages/local-azure/src/cli.ts',
  '--scenario demo --reset --data-dir ../.data/e2e/local-azure',
  `--arm-port ${e2ePorts.arm} --idp-port ${e2ePorts.idp}`,
  `--front-port ${e2ePorts.idpFrontChannel} --control-port ${e2ePorts.control}`,
].join(' ');

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  reporter: [
    ['list'],
    [
      'json',
      { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? '../.tmp/playwright-results.json' },
    ],
  ],
  use: {
    browserName: 'chromium',
    // Never ignoreHTTPSErrors: the browser must only meet pages it trusts.
    launchOptions: { executablePath: ensureChromium(), args: chromiumArgs },
    trace: 'off',
  },
  webServer: [
    {
      command: localAzure,
      url: `http://127.0.0.1:${e2ePorts.control}/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
