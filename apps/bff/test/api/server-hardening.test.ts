/**
 * What the BFF trusts about a connection: not a request's Host header (the
 * console's origin comes from PUBLIC_URL or the address listened on), and
 * not a slow client's patience (its HTTP timeouts close a stalled request).
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, csrfHeader } from '@latchkey/domain';
import { startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  // Short client timeouts, so a stalled request is closed within the test.
  h = await startHarness({
    httpTimeouts: { headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 300 },
  });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const forged = (...args: Parameters<Harness['raw']>) => h.raw(...args);

describe('local mode: the origin is the address listened on, never the Host header', () => {
  it('builds the sign-in redirect URI from the listen address under a forged Host', async () => {
    const res = await forged('GET', '/auth/login?returnTo=%2Fregistries', {
      host: 'evil.example',
    });
    expect(res.status).toBe(302);
    const authorize = new URL(String(res.headers.location));
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${h.base}/auth/callback`);
  });

  it('refuses a state-changing request whose Origin matches only the forged Host', async () => {
    const cookie = await h.signIn('Avery Admin');
    const res = await forged(
      'POST',
      apiPaths.logout,
      {
        host: 'evil.example',
        origin: 'http://evil.example',
        'content-type': 'application/json',
        [csrfHeader]: '1',
        cookie,
      },
      '{}',
    );
    expect(res.status).toBe(403);
    // The session survived: the forged request did nothing.
    expect((await h.get(apiPaths.me, cookie)).status).toBe(200);
    // The console's own origin is still accepted.
    const own = await forged(
      'POST',
      apiPaths.logout,
      {
        host: 'evil.example',
        origin: h.base,
        'content-type': 'application/json',
        [csrfHeader]: '1',
        cookie,
      },
      '{}',
    );
    expect(own.status).toBe(200);
  });
});

describe('slow clients', () => {
  it('closes a connection whose request announces a body and sends one byte', async () => {
    const { port } = new URL(h.base);
    const socket = connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (c: Buffer) => received.push(c));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    socket.write(
      [
        `POST ${apiPaths.logout} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        `Origin: ${h.base}`,
        'Content-Type: application/json',
        `${csrfHeader}: 1`,
        'Content-Length: 1000',
        '',
        '{',
      ].join('\r\n'),
    );
    // The server, not the client, ends it (the test's own timeout is the only clock).
    await closed;
    expect(Buffer.concat(received).toString('latin1')).toMatch(/^HTTP\/1\.1 408/);
  });
});
