import { resolve } from 'node:path';

// Fixed loopback ports for the browser tests, away from the defaults that
// `pnpm start` uses, so a running dev instance does not collide with CI.
// E2E_PORT_OFFSET moves them all (two checkouts running Playwright at once).
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);

export const e2ePorts = {
  console: 13000 + offset,
  arm: 18443 + offset,
  idp: 18444 + offset,
  idpFrontChannel: 18480 + offset,
  control: 18490 + offset,
  metrics: 19464 + offset,
};

export const consoleUrl = `http://127.0.0.1:${e2ePorts.console}`;
export const e2eDataDir = offset ? `../.data/e2e-${offset}` : '../.data/e2e';

// What the launcher writes under the data folder, as absolute paths, so a spec
// can read them raw from disk (the webServer runs from the e2e folder).
const dataDir = resolve(import.meta.dirname, e2eDataDir);
/** The BFF's log: every line it writes to stdout also lands here (`--log-file`). */
export const e2eBffLogFile = resolve(dataDir, 'bff.log');
/** The BFF's PGlite database folder (`DATA_DIR/db`, with DATA_DIR = `<data dir>/bff`). */
export const e2eBffDbDir = resolve(dataDir, 'bff/db');

// A second instance on the `large` scenario (300 connected registries, 5,000
// tokens) for the specs that need fleet scale (`*.large.spec.ts`), on ports of
// its own: 50 above the demo instance's, inside the same offset.
export const e2eLargePorts = Object.fromEntries(
  Object.entries(e2ePorts).map(([k, v]) => [k, v + 50]),
) as typeof e2ePorts;
export const largeConsoleUrl = `http://127.0.0.1:${e2eLargePorts.console}`;
export const e2eLargeDataDir = `${e2eDataDir}-large`;
