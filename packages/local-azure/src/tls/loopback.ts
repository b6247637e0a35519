import type { Server } from 'node:http';

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
