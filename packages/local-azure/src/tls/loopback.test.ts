import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { assertLoopback, closeServer, listenLoopback, startingUp } from './loopback';

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

describe('loopback servers', () => {
  it('refuses to listen anywhere but loopback', () => {
    expect(() => assertLoopback('0.0.0.0')).toThrow(/loopback only/);
    expect(() => assertLoopback('10.1.2.3')).toThrow(/loopback only/);
    expect(() => assertLoopback('127.0.0.1')).not.toThrow();
    expect(() => assertLoopback('::1')).not.toThrow();
  });

  it('answers 503 while starting, then hands requests to the real handler', async () => {
    const s = startingUp(createServer());
    const port = await listenLoopback(s.server, 0);
    open.push(() => closeServer(s.server));
    const before = await fetch(`http://127.0.0.1:${port}/health`, {
      signal: AbortSignal.timeout(2000),
    });
    expect(before.status).toBe(503);
    expect(before.headers.get('retry-after')).toBe('1');
    s.ready((_req, res) => res.end('ready'));
    const after = await fetch(`http://127.0.0.1:${port}/health`, {
      signal: AbortSignal.timeout(2000),
    });
    expect(after.status).toBe(200);
    expect(await after.text()).toBe('ready');
  });
});
