// Fixed loopback ports for the browser tests, away from the defaults that
// `pnpm start` uses, so a running dev instance does not collide with CI.
export const e2ePorts = {
  arm: 18443,
  idp: 18444,
  idpFrontChannel: 18480,
  control: 18490,
};
