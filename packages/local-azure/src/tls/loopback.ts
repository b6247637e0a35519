import type { IncomingMessage, Server, ServerResponse } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function assertLoopback(host: string): void {
  if (!LOOPBACK.has(host) && !/^127(\.\d{1,3}){3}$/.test(host)) {
    throw new Error(
      `Local Azure binds to loopback only; refusing to listen on "${host}". Use 127.0.0.1, ::1 or localhost.`,
    );
  }
}

/** Listens on a loopback address (port 0 = ephemeral) and resolves the port. */
export async function listenLoopback(
  server: Server,
  port: number,
  host = '127.0.0.1',
): Promise<number> {
  assertLoopback(host);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return address.port;
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections?.();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A server that answers 503 "starting" until `ready(handler)` is called. Local
 * Azure listens before its handlers exist (their URLs need the ports), and a
 * request that arrives in between must get an answer, not hang.
 */
export function startingUp<S extends Server>(
  server: S,
): { server: S; ready(handler: Handler): void } {
  let target: Handler = (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
    res.end(JSON.stringify({ error: { code: 'Starting', message: 'Local Azure is starting.' } }));
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => target(req, res));
  return {
    server,
    ready(handler) {
      target = handler;
    },
  };
}
