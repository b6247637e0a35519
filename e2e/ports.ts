// Fixed loopback ports for the browser tests, away from the defaults that
// `pnpm start` uses, so a running dev instance does not collide with CI.
export const e2ePorts = {
  console: 13000,
  arm: 18443,
  idp: 18444,
  idpFrontChannel: 18480,
  control: 18490,
};

export const consoleUrl = `http://127.0.0.1:${e2ePorts.console}`;
