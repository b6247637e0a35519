/**
 * The identity provider counts the requests it answers by endpoint, so a
 * client's test can tell how often it fetched the OpenID metadata.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../helpers/msal';
import { DEMO_TENANT_ID, startStack, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.close());

const control = async (method: string, path: string) =>
  JSON.parse((await send(`${stack.azure.controlEndpoint}${path}`, { method })).body) as Record<
    string,
    unknown
  >;

describe('identity provider counters', () => {
  it('count metadata, keys and other requests, through the API and the control endpoint', async () => {
    const { identity, caPem } = stack.azure;
    identity.resetCounters();
    const metadata = `${identity.authority(DEMO_TENANT_ID)}/v2.0/.well-known/openid-configuration`;
    expect((await send(metadata, { caPem })).status).toBe(200);
    expect((await send(metadata, { caPem })).status).toBe(200);
    const jwks = `${identity.authority(DEMO_TENANT_ID)}/discovery/v2.0/keys`;
    expect((await send(jwks, { caPem })).status).toBe(200);
    expect(identity.counters()).toEqual({ discovery: 2, token: 0, keys: 1, other: 0 });
    expect(await control('GET', '/identity/counters')).toEqual({
      discovery: 2,
      token: 0,
      keys: 1,
      other: 0,
    });
    expect(await control('POST', '/identity/counters/reset')).toEqual({ ok: true });
    expect(identity.counters()).toEqual({ discovery: 0, token: 0, keys: 0, other: 0 });
  });
});
